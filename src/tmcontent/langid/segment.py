"""Code-switched text to language runs: :func:`segment`.

Every word gets the n-gram model's score in each language; a Viterbi pass then picks one
language per word, paying a price for each switch — small at a sentence end (".!?…",
newline, or a sentence glued to the next one: "…consultant.UN Futures Lab"), larger at a
clause mark, prohibitive inside a clause. Names and acronyms (capitalised words that do not
open a sentence) score the same in every language, so "UNDP" or "Mähri Eýeberdiýewa" never
flip a run. The runs cover the whole text, in order, with offsets into it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache, reduce
from itertools import groupby, islice
from operator import add, itemgetter
from typing import NamedTuple

from tmcontent.langid import quick
from tmcontent.langid.detect import SHORT_WORDS, allowed_languages, detect, sanitise
from tmcontent.langid.features import (
    MAX_WORD_LETTERS,
    MIN_LOWERCASE_WORDS,
    URLISH_RE,
    WORD_RE,
    lower,
    name_suffix,
)
from tmcontent.langid.model import IMPOSSIBLE, default_model
from tmcontent.model import Segment
from tmcontent.textfacts import ACRONYM_RE, UND

#: Switch costs in nats (log-likelihood). Chosen on code-switched paragraphs built from the
#: dev corpus (benchmarks/bench_langid.py): a sentence end costs little, so a one-sentence
#: switch is taken as soon as the sentence's evidence (5–15 nats a word) favours it; inside a
#: clause a switch needs ~3 strongly foreign words, which names cannot supply (they score 0).
SENTENCE_SWITCH = 2.0
CLAUSE_SWITCH = 8.0
WORD_SWITCH = 30.0
SENTENCE_GAP_RE = re.compile(r"[.!?…\n]")
CLAUSE_GAP_RE = re.compile(r"[;:«»“”\"()]|\s[–—-]\s")
BOUNDARY_MARKS_RE = re.compile(r"[.!?…;:\n]+")


class _Words(NamedTuple):
    """The words of a text, a list per attribute (cheaper to build than an object per word)."""

    starts: list[int]
    ends: list[int]
    scores: list[dict[str, float]]  # each relative to the word's best, 0.0; empty for a name
    costs: list[float]  # of a switch of language before the word
    bests: list[str | None]  # the first language (by name) that scores 0.0; None for a name


def segment(text: str, *, candidates: Iterable[str] | None = None) -> list[Segment]:
    """Maximal runs of one language in ``text``."""
    if not isinstance(text, str):
        raise TypeError(f"segment() takes a str, not {type(text).__name__}")
    if not text:
        return []
    if candidates is not None and not isinstance(candidates, str):
        candidates = tuple(candidates)  # read twice below
    masked = _masked(text)
    tokens = WORD_RE.findall(masked)
    if len(tokens) <= SHORT_WORDS:  # a label or a name: one run, as detect() reads it (lexicons)
        found = detect(text, candidates=candidates)
        return [Segment(0, len(text), text, found.lang, found.confidence)]
    words = _words(masked, tokens, _allowed(candidates))
    if not any(words.scores):
        return [Segment(0, len(text), text, UND, 1.0)]
    states = _contenders(words.bests)
    if len(states) == 1:
        return [Segment(0, len(text), text, states[0], _confidence(words.scores, states[0]))]
    langs = _absorb_thin_runs(words.scores, _viterbi(words.scores, words.costs, states))
    return _runs(text, words, langs)


def uniform_language(text: str, *, candidates: Iterable[str] | None = None) -> str | None:
    """The language of ``text`` when every sentence of it is in that language (the common
    case, answered ~4x faster than :func:`segment` on NTREX paragraphs, by
    :mod:`tmcontent.langid.quick`); ``None`` when sentences disagree or there is no language,
    and the caller should segment."""
    return read_block(text, candidates=candidates)[1]


def read_block(text: str, *, candidates: Iterable[str] | None = None, min_letters: int = 0) -> tuple[int, str | None]:
    """``(letters, language)`` of a block: its letter count and, if it has at least
    ``min_letters``, :func:`uniform_language` (see :func:`tmcontent.langid.quick.read_block`)."""
    return quick.read_block(default_model(), text, _allowed(candidates), min_letters)


def _contenders(bests: list[str | None]) -> list[str]:
    """Languages that are the best for at least MIN_RUN_WORDS words: only they can hold a run
    (thinner runs are absorbed anyway), and fewer states make the Viterbi pass cheaper."""
    wins = Counter(filter(None, bests))
    contenders = sorted(lang for lang, count in wins.items() if count >= MIN_RUN_WORDS)
    return contenders or [max(sorted(wins), key=wins.__getitem__)]


def _allowed(candidates: Iterable[str] | None) -> frozenset[str]:
    """The languages ``candidates`` allow (:func:`~tmcontent.langid.detect.allowed_languages`),
    or every language of the model."""
    return allowed_languages(candidates) or _model_langs(default_model())


@lru_cache(maxsize=8)
def _model_langs(model) -> frozenset[str]:  # type: ignore[no-untyped-def]
    """The languages of ``model`` (loaded once per model)."""
    return frozenset(model.lang_of_class)


def _words(masked: str, tokens: list[str], allowed: frozenset[str]) -> _Words:
    """The words of a text (``masked`` by :func:`_masked`; ``tokens``: its WORD_RE matches)
    with their offsets, scores and the cost of switching before them. A word's offset is
    found with ``str.find`` from the previous word's end: nothing between two matches of
    WORD_RE is a letter, so the first occurrence is the match."""
    names_apart = sum(map(str.islower, map(itemgetter(0), tokens))) >= MIN_LOWERCASE_WORDS
    model = default_model()
    starts: list[int] = []
    costs: list[float] = []
    readings: list[tuple[dict[str, float], str | None]] = []
    previous_end = 0
    last = len(tokens) - 1
    for index, token in enumerate(tokens):
        start = masked.find(token, previous_end)
        gap = masked[previous_end:start]
        cost = WORD_SWITCH if gap == " " and index else _switch_cost(gap, index)
        spoken, named = _token_readings(model, token, allowed)
        if spoken is not named and names_apart and ((index and cost != SENTENCE_SWITCH) or (index < last and tokens[index + 1][0].isupper())):
            spoken = named  # a capitalised word inside a sentence, or before another: a name
        starts.append(start)
        costs.append(cost)
        readings.append(spoken)
        previous_end = start + len(token)
    ends = list(map(add, starts, map(len, tokens)))
    return _Words(starts, ends, list(map(itemgetter(0), readings)), costs, list(map(itemgetter(1), readings)))


@lru_cache(maxsize=32768)  # ~150 bytes each; the entries share _word_scores's
def _token_readings(model, token: str, allowed: frozenset[str]) -> tuple[tuple[dict[str, float], str | None], ...]:  # type: ignore[no-untyped-def]
    """``(as a word, as a name)``: a token's scores and best language read as a word of its
    language and as a name (:func:`_name_scores`), the same object twice when the token is
    always one or the other: lower-case (a word); over-long or an acronym (a name). A
    capitalised word is a name or not by its place (:func:`_words`). Memoised: words repeat."""
    if len(token) > MAX_WORD_LETTERS or ACRONYM_RE.match(token):
        named = _name_scores(model, token, allowed)
        return named, named
    spoken = _word_scores(model, lower(token), allowed)
    if not token[0].isupper():
        return spoken, spoken
    return spoken, _name_scores(model, token, allowed)


def _masked(text: str) -> str:
    """``text`` with URLs and e-mail addresses blanked (same length), sanitised unless that
    changes its length (NFC): offsets into it are offsets into ``text``."""
    if "://" in text or "@" in text or "www." in text:  # URLISH_RE needs one of them
        text = URLISH_RE.sub(lambda m: " " * len(m.group(0)), text)
    masked = sanitise(text)
    return masked if len(masked) == len(text) else text


@lru_cache(maxsize=65536)
def _word_scores(model, word: str, allowed: frozenset[str]) -> tuple[dict[str, float], str]:  # type: ignore[no-untyped-def]
    """A word's score in each allowed language, relative to its best, and the first language
    (by name) with that best score (memoised: words repeat)."""
    possible = allowed
    for letters, impossible in IMPOSSIBLE:
        if any(letter in word for letter in letters):
            possible = (possible - impossible) or possible
    scores = model.by_lang(model.word_scores(word), possible)
    best = max(scores.values())
    relative = {lang: score - best for lang, score in scores.items()}
    return relative, max(sorted(relative), key=relative.__getitem__)


def _name_scores(model, token: str, allowed: frozenset[str]) -> tuple[dict[str, float], str | None]:  # type: ignore[no-untyped-def]
    """A name scores nothing, but a case ending written on it does ("Anderson-yň")."""
    parts = name_suffix(token)
    return ({}, None) if parts is None else _word_scores(model, lower(parts[1]), allowed)


def _switch_cost(gap: str, index: int) -> float:
    if index == 0:
        return 0.0
    if gap == " ":
        return WORD_SWITCH
    if SENTENCE_GAP_RE.search(gap):
        return SENTENCE_SWITCH
    if CLAUSE_GAP_RE.search(gap):
        return CLAUSE_SWITCH
    return WORD_SWITCH


#: Score of a language a word cannot be in (a letter its alphabet lacks).
IMPOSSIBLE_SCORE = -50.0


def _viterbi(scores: list[dict[str, float]], costs: list[float], langs: list[str]) -> list[str]:
    """The best language for each word: its score plus, at each switch, minus the switch
    cost before the word. ``langs`` are sorted; a tie between languages goes to the later.

    A language stays when its total is at least the leader's minus the switch cost, else it
    takes the leader's path at that price: its new total is the larger of the two plus the
    word's score. Where each came from is worked out on the way back, from the totals kept."""
    impossible = [IMPOSSIBLE_SCORE] * len(langs)
    silent = [0.0] * len(langs)
    emissions = [list(map(word.get, langs, impossible)) if word else silent for word in scores]
    best = emissions[0]
    last = len(langs) - 1
    kept: list[tuple[list[float], int, float]] = []  # before each word: totals, leader, switch
    for emission, cost in zip(islice(emissions, 1, None), islice(costs, 1, None), strict=True):
        top = max(best)  # the leader: the last of equals (inline: a call per word costs ~15%)
        leader = best.index(top) if best.count(top) == 1 else last - best[::-1].index(top)
        switch = best[leader] - cost
        kept.append((best, leader, switch))
        # max(total, switch) is the same float, but a call per language costs twice as much;
        # strict=True (the lengths are equal) would cost ~10% here, per word
        best = [(total if total >= switch else switch) + score for total, score in zip(best, emission, strict=False)]
    state = _leader(best)
    path = [state]
    for totals, leader, switch in reversed(kept):
        if totals[state] < switch and state != leader:
            state = leader
        path.append(state)
    return [langs[state] for state in reversed(path)]


def _leader(totals: list[float]) -> int:
    """The index of the highest of ``totals``, the last of equals (langs are sorted: a tie
    goes to the later name)."""
    top = max(totals)
    if totals.count(top) == 1:
        return totals.index(top)
    return len(totals) - 1 - totals[::-1].index(top)


#: A run needs this many scored (non-name) words to stand on its own; thinner runs ("Ayr 38 -
#: 17", a lone foreign word) join their neighbour.
MIN_RUN_WORDS = 2


def _absorb_thin_runs(scores: list[dict[str, float]], langs: list[str]) -> list[str]:
    """Runs with fewer than MIN_RUN_WORDS scored words take their neighbour's language (the
    previous run's, the next one's for the first), until none is left."""
    runs: list[tuple[int, int]] = []
    start = 0
    for _, run in groupby(langs):
        end = start + len(list(run))
        runs.append((start, end))
        start = end
    if len(runs) < 2:
        return langs
    result = list(langs)
    for position, (start, end) in enumerate(runs):
        if end - start - scores[start:end].count({}) >= MIN_RUN_WORDS:
            continue
        neighbour = runs[position - 1] if position > 0 else runs[position + 1]
        result[start:end] = [result[neighbour[0]]] * (end - start)
    return result if result == langs else _absorb_thin_runs(scores, result)


def _runs(text: str, words: _Words, langs: list[str]) -> list[Segment]:
    segments: list[Segment] = []
    run_start = 0
    first = 0
    count = len(langs)
    for index in range(1, count + 1):
        if index < count and langs[index] == langs[first]:
            continue
        end = len(text) if index == count else _boundary(text, words.ends[index - 1], words.starts[index])
        segments.append(Segment(run_start, end, text[run_start:end], langs[first], _confidence(words.scores[first:index], langs[first])))
        run_start, first = end, index
    return segments


def _boundary(text: str, previous_end: int, next_start: int) -> int:
    """Where one run ends: after the last sentence or clause mark and its spaces, else at the
    next word."""
    gap = text[previous_end:next_start]
    marks = [m.end() for m in BOUNDARY_MARKS_RE.finditer(gap)]
    if not marks:
        return next_start
    cut = previous_end + marks[-1]
    while cut < next_start and text[cut].isspace():
        cut += 1
    return cut


def _confidence(scores: list[dict[str, float]], lang: str) -> float:
    """How far ``lang`` leads its best rival over a run's words (0.5 when none has a score)."""
    totals = _totals(scores)
    if not totals:
        return 0.5
    mine = totals.get(lang, IMPOSSIBLE_SCORE)
    rival = max((score for other, score in totals.items() if other != lang), default=mine - 50)
    return 1.0 / (1.0 + math.exp(max(-50.0, min(50.0, rival - mine))))


def _totals(scores: list[dict[str, float]]) -> dict[str, float]:
    """Each language's scores over the words that have one, added in the words' order. When
    every scored word has every language (the usual case), the columns are added with
    ``reduce`` (no reordering, no compensated sum: the same floats as a loop)."""
    scored = list(filter(None, scores))
    present = set().union(*scored)
    if len(present) < 2 or min(map(len, scored)) < len(present):
        totals: dict[str, float] = {}
        for word in scored:
            for other, score in word.items():
                totals[other] = totals.get(other, 0.0) + score
        return totals
    langs = sorted(present)
    columns = zip(*map(itemgetter(*langs), scored), strict=True)
    return {other: reduce(add, column, 0.0) for other, column in zip(langs, columns, strict=True)}
