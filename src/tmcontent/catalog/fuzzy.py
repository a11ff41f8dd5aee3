"""The most similar earlier message, found without comparing every pair (msgmerge's method).

``update`` looks for the old message a changed one came from ("Story" -> "Stories"), and
``pretranslate`` for the memory entry closest to a unit. Comparing each with all is quadratic;
:class:`FuzzyIndex` is msgmerge's fuzzy index (gettext ``msgl-fsearch.c``): a table from each
character 4-gram to the messages containing it. A query counts, per message, the 4-grams it
shares, and only the few messages sharing the most are compared with :func:`similarity` (the
ratio of matching characters, like msgmerge's ``fstrcmp``). Unlike msgmerge we read at most
:data:`POSTING_BUDGET` postings per query, rarest 4-grams first, and compare at most
:data:`FIRST_FEW` messages, so a query costs the same however large the memory grows.
Messages under 4 characters have no 4-gram and are compared with the short ones of a fitting
length.
"""

from __future__ import annotations

import difflib
import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

Value = TypeVar("Value")

#: Similarity (0..1) from which an old translation is offered as fuzzy. Chosen by
#: benchmarks/fuzzy_threshold.py (770 msgids of ../shared/po-samples and our template, each given
#: one small edit: a word pluralised, "this" -> "these", a word added or dropped): agreement with
#: GNU msgmerge's fuzzy/not-fuzzy choice on 300 edited pairs peaks at 0.6 (91.7%; 0.5: 89.3%,
#: 0.75: 88.3%); at 0.6 94.9% of the edits match (0.75: 89.6%). msgmerge's own FUZZY_THRESHOLD
#: is 0.6 too. "Story" -> "Stories" scores 0.67.
FUZZY_SIMILARITY = 0.6
NGRAM = 4
#: Messages compared exactly per query, and postings read per query (rarest 4-grams first).
#: On the 400-unit pretranslate of benchmarks/bench_catalog.py (Zipf-distributed words), every
#: combination of 4 or 8 compared and 250..4000 postings chose the all-pairs best memory entry
#: for all 200 edited units; 8 and 1000 leave a margin while keeping a query's cost fixed (with
#: 4000, a 600-entry memory still read all postings, so time grew faster than the size).
FIRST_FEW = 8
POSTING_BUDGET = 1000


def similarity(first: str, second: str) -> float:
    """0..1 likeness of two messages: twice the matching characters over both lengths."""
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()


def _grams(text: str) -> set[str]:
    return {text[i : i + NGRAM] for i in range(len(text) - NGRAM + 1)}


class FuzzyIndex(Generic[Value]):
    """Texts with a value each; :meth:`best` gives the value of the most similar text."""

    def __init__(self, items: Iterable[tuple[str, Value]]) -> None:
        self.texts: list[str] = []
        self.values: list[Value] = []
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.short: dict[int, list[int]] = defaultdict(list)  # by length, texts under NGRAM characters
        for text, value in items:
            number = len(self.texts)
            self.texts.append(text)
            self.values.append(value)
            if len(text) < NGRAM:
                self.short[len(text)].append(number)
            for gram in _grams(text):
                self.postings[gram].append(number)

    def best(self, text: str, threshold: float, usable: Callable[[Value], bool] = lambda value: True) -> tuple[Value, float] | None:
        """The value of the text most similar to ``text`` with similarity >= ``threshold``
        (among values ``usable`` accepts), and that similarity; ``None`` when there is none."""
        matcher = difflib.SequenceMatcher(None, "", text, autojunk=False)  # ``text`` analysed once
        best: tuple[Value, float] | None = None
        floor = threshold
        compared = 0
        for number in self._candidates(text, threshold):
            if not usable(self.values[number]):
                continue
            compared += 1
            if compared > FIRST_FEW:
                break
            other = self.texts[number]
            if 2 * min(len(other), len(text)) < floor * (len(other) + len(text)):  # the most these lengths allow
                continue
            matcher.set_seq1(other)
            if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
                continue
            ratio = matcher.ratio()
            if ratio >= floor and (best is None or ratio > best[1]):
                best, floor = (self.values[number], ratio), ratio
        return best

    def _candidates(self, text: str, threshold: float) -> list[int]:
        if len(text) < NGRAM:
            # two lengths l1 <= l2 allow at most 2*l1/(l1+l2): only these lengths can reach the threshold
            longest = int(len(text) * (2 / threshold - 1)) if threshold > 0 else NGRAM - 1
            found = [n for length in range(min(longest, NGRAM - 1) + 1) for n in self.short.get(length, [])]
            return found[: FIRST_FEW * 4]
        counts: Counter[int] = Counter()
        budget = POSTING_BUDGET
        for gram in sorted(_grams(text), key=lambda g: (len(self.postings.get(g, ())), g)):
            posting = self.postings.get(gram)
            if not posting:
                continue
            if budget <= 0:
                break
            counts.update(posting[:budget])
            budget -= len(posting)
        ranked = heapq.nsmallest(FIRST_FEW * 4, counts.items(), key=lambda item: (-item[1], item[0]))
        return [number for number, _ in ranked]
