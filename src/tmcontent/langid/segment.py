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
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from tmcontent.langid.detect import SHORT_WORDS, UND, detect, sanitise
from tmcontent.langid.features import (
    MAX_WORD_LETTERS,
    MIN_LOWERCASE_WORDS,
    URLISH_RE,
    WORD_RE,
    lower,
    name_suffix,
    without_urls,
)
from tmcontent.langid.model import IMPOSSIBLE, default_model
from tmcontent.model import Segment

#: Switch costs in nats (log-likelihood). Chosen on code-switched paragraphs built from the
#: dev corpus (benchmarks/bench_langid.py): a sentence end costs little, so a one-sentence
#: switch is taken as soon as the sentence's evidence (5–15 nats a word) favours it; inside a
#: clause a switch needs ~3 strongly foreign words, which names cannot supply (they score 0).
SENTENCE_SWITCH = 2.0
CLAUSE_SWITCH = 8.0
WORD_SWITCH = 30.0
SENTENCE_GAP_RE = re.compile(r"[.!?…\n]")
CLAUSE_GAP_RE = re.compile(r"[;:«»“”\"()]|\s[–—-]\s")
ACRONYM_RE = re.compile(r"^[A-ZА-ЯЁ0-9]{2,8}$")


class _Word(NamedTuple):
    start: int
    end: int
    scores: dict[str, float]
    switch_cost: float


def segment(text: str, *, candidates: Iterable[str] | None = None) -> list[Segment]:
    """Maximal runs of one language in ``text``."""
    if not isinstance(text, str):
        raise TypeError(f"segment() takes a str, not {type(text).__name__}")
    if not text:
        return []
    if candidates is not None and not isinstance(candidates, str):
        candidates = tuple(candidates)  # read twice below
    allowed = _allowed(candidates)
    words = _words(text, allowed)
    if len(words) <= SHORT_WORDS:  # a label or a name: one run, as detect() reads it (lexicons)
        found = detect(text, candidates=candidates)
        return [Segment(0, len(text), text, found.lang, found.confidence)]
    if all(not w.scores for w in words):
        return [Segment(0, len(text), text, UND, 1.0)]
    states = _contenders(words)
    if len(states) == 1:
        return [Segment(0, len(text), text, states[0], _confidence(words, states[0]))]
    langs = _absorb_thin_runs(words, _viterbi(words, states))
    return _runs(text, words, langs)


#: Sentence ends, for the quick check below.
PIECE_SPLIT_RE = re.compile(r"(?<=[.!?…])\s+|\n+|(?<=\w\w[.!?])(?=[A-ZА-ЯЁÄÇŇÖŞÜÝŽƏ])")


def uniform_language(text: str, *, candidates: Iterable[str] | None = None) -> str | None:
    """The language of ``text`` when every sentence of it is in that language (the common
    case, answered ~5x faster than :func:`segment`); ``None`` when sentences disagree or there
    is no language, and the caller should segment."""
    allowed = _allowed(candidates)
    model = default_model()
    found: str | None = None
    cleaned = unicodedata.normalize("NFC", without_urls(text))
    for piece in PIECE_SPLIT_RE.split(cleaned):
        ranked = model.scores_of_tokens(WORD_RE.findall(piece), allowed).ranked()
        if not ranked:
            continue
        if found is None:
            found = ranked[0][0]
        elif ranked[0][0] != found:
            return None
    return found


def _contenders(words: list[_Word]) -> list[str]:
    """Languages that are the best for at least MIN_RUN_WORDS words: only they can hold a run
    (thinner runs are absorbed anyway), and fewer states make the Viterbi pass cheaper."""
    wins: dict[str, int] = {}
    for word in words:
        if word.scores:
            best = max(sorted(word.scores), key=word.scores.__getitem__)
            wins[best] = wins.get(best, 0) + 1
    contenders = sorted(lang for lang, count in wins.items() if count >= MIN_RUN_WORDS)
    return contenders or [max(sorted(wins), key=wins.__getitem__)]


def _allowed(candidates: Iterable[str] | None) -> frozenset[str]:
    langs = frozenset(default_model().lang_of_class)
    if candidates is None:
        return langs
    chosen = frozenset(c.replace("_", "-").split("-")[0].lower() for c in candidates) & langs
    return chosen or langs


def _words(text: str, allowed: frozenset[str]) -> list[_Word]:
    masked = sanitise(URLISH_RE.sub(lambda m: " " * len(m.group(0)), text))
    if len(masked) != len(text):  # NFC changed the length: fall back to the raw text
        masked = URLISH_RE.sub(lambda m: " " * len(m.group(0)), text)
    spans = [(m.start(), m.end(), m.group(0)) for m in WORD_RE.finditer(masked)]
    lowercase = sum(1 for _, _, token in spans if token[:1].islower())
    model = default_model()
    words = []
    previous_end = 0
    for index, (start, end, token) in enumerate(spans):
        gap = masked[previous_end:start]
        cost = _switch_cost(gap, index)
        opens_sentence = index == 0 or cost == SENTENCE_SWITCH
        neutral = len(token) > MAX_WORD_LETTERS or token[:1].isupper() and (
            bool(ACRONYM_RE.match(token))
            or lowercase >= MIN_LOWERCASE_WORDS and (not opens_sentence or index + 1 < len(spans) and spans[index + 1][2][:1].isupper())
        )
        scores = _name_scores(model, token, allowed) if neutral else _word_scores(model, lower(token), allowed)
        words.append(_Word(start, end, scores, cost))
        previous_end = end
    return words


@lru_cache(maxsize=65536)
def _word_scores(model, word: str, allowed: frozenset[str]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """A word's score in each allowed language, relative to its best (memoised: words repeat)."""
    possible = allowed
    for letters, impossible in IMPOSSIBLE:
        if any(letter in word for letter in letters):
            possible = (possible - impossible) or possible
    scores = model.by_lang(model.word_scores(word), possible)
    best = max(scores.values())
    return {lang: score - best for lang, score in scores.items()}


def _name_scores(model, token: str, allowed: frozenset[str]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """A name scores nothing, but a case ending written on it does ("Anderson-yň")."""
    parts = name_suffix(token)
    return {} if parts is None else _word_scores(model, lower(parts[1]), allowed)


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


def _viterbi(words: list[_Word], langs: list[str]) -> list[str]:
    best = {lang: words[0].scores.get(lang, IMPOSSIBLE_SCORE) if words[0].scores else 0.0 for lang in langs}
    back: list[dict[str, str]] = []
    for word in words[1:]:
        step: dict[str, str] = {}
        scores: dict[str, float] = {}
        leader = max(langs, key=lambda lang: (best[lang], lang))
        for lang in langs:
            stay = best[lang]
            switch = best[leader] - word.switch_cost
            if stay >= switch or leader == lang:
                step[lang], total = lang, stay
            else:
                step[lang], total = leader, switch
            emission = word.scores.get(lang, IMPOSSIBLE_SCORE) if word.scores else 0.0
            scores[lang] = total + emission
        back.append(step)
        best = scores
    lang = max(langs, key=lambda name: (best[name], name))
    path = [lang]
    for step in reversed(back):
        lang = step[lang]
        path.append(lang)
    return list(reversed(path))


#: A run needs this many scored (non-name) words to stand on its own; thinner runs ("Ayr 38 -
#: 17", a lone foreign word) join their neighbour.
MIN_RUN_WORDS = 2


def _absorb_thin_runs(words: list[_Word], langs: list[str]) -> list[str]:
    runs: list[list[int]] = []
    for index, lang in enumerate(langs):
        if runs and langs[runs[-1][0]] == lang:
            runs[-1].append(index)
        else:
            runs.append([index])
    if len(runs) < 2:
        return langs
    result = list(langs)
    for position, run in enumerate(runs):
        if sum(1 for i in run if words[i].scores) >= MIN_RUN_WORDS:
            continue
        neighbour = runs[position - 1] if position > 0 else runs[position + 1]
        for i in run:
            result[i] = result[neighbour[0]]
    return result if result == langs else _absorb_thin_runs(words, result)


def _runs(text: str, words: list[_Word], langs: list[str]) -> list[Segment]:
    segments: list[Segment] = []
    run_start = 0
    first = 0
    for index in range(1, len(words) + 1):
        if index < len(words) and langs[index] == langs[first]:
            continue
        end = len(text) if index == len(words) else _boundary(text, words[index - 1].end, words[index].start)
        segments.append(Segment(run_start, end, text[run_start:end], langs[first], _confidence(words[first:index], langs[first])))
        run_start, first = end, index
    return segments


def _boundary(text: str, previous_end: int, next_start: int) -> int:
    """Where one run ends: after the last sentence or clause mark and its spaces, else at the
    next word."""
    gap = text[previous_end:next_start]
    marks = [m.end() for m in re.finditer(r"[.!?…;:\n]+", gap)]
    if not marks:
        return next_start
    cut = previous_end + marks[-1]
    while cut < next_start and text[cut].isspace():
        cut += 1
    return cut


def _confidence(words: list[_Word], lang: str) -> float:
    totals: dict[str, float] = {}
    for word in words:
        for other, score in word.scores.items():
            totals[other] = totals.get(other, 0.0) + score
    if not totals:
        return 0.5
    mine = totals.get(lang, IMPOSSIBLE_SCORE)
    rival = max((score for other, score in totals.items() if other != lang), default=mine - 50)
    return 1.0 / (1.0 + math.exp(max(-50.0, min(50.0, rival - mine))))
