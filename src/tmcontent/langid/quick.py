"""The quick reading of a block: its letters and, when all its sentences agree, its language.

:func:`read_block` answers what ``letter_count`` and ``uniform_language`` (the first language
:meth:`NgramModel.scores_of_tokens` ranks for each sentence, when they all agree) answer, with
the same numbers, for about a third of the work. The text is read as whitespace-separated
*chunks* ("said,", "year.", "IOM.Türkmenistanyň"), and each chunk's *tally* is one int,
memoised per model: its words' packed scores (:class:`PackedScores`; capitalised words left
out, as a sentence leaves its names out) and, beneath them, one field each, its counts of
words, lower-case initials, words that speak, glued sentence ends, sentence ends and letters,
and of its words that trigger each alphabet rule (``IMPOSSIBLE``). A sentence's tally is then
one C-level sum; its first word is added back as it speaks (``partition``), and its scores are
the very integers the word-by-word reading adds. What the tally does not follow — fragments
of up to three words, headlines (fewer than three lower-case words), sentences glued with no
space — is read word by word, as before.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tmcontent.langid.features import (
    MAX_FRAGMENT_WORDS,
    MIN_LOWERCASE_WORDS,
    WORD_RE,
    letter_count,
    lower,
    name_suffix,
    without_urls,
)
from tmcontent.langid.model import IMPOSSIBLE, NgramModel

#: Sentence ends: a mark of SENTENCE_END_MARKS before white space, a new line, or a sentence
#: glued to the next ("…consultant.UN Futures Lab").
SENTENCE_END_MARKS = ".!?…"
PIECE_SPLIT_RE = re.compile(r"(?<=[.!?…])\s+|\n+|(?<=\w\w[.!?])(?=[A-ZА-ЯЁÄÇŇÖŞÜÝŽƏ])")
#: Fields of a tally, from the lowest; the model's class scores sit above them.
WORDS, LOWER, SPOKEN, GLUED, ENDS, LETTERS, RULES = range(7)
CLASS_FIELD = RULES + len(IMPOSSIBLE)
#: Tallies remembered per model. Measured on the 1,497 WCXB dev pages read in order (every
#: block of 40+ characters): chunks 16,384 / 32,768 / 65,536 / 131,072 keep 86.2 / 89.6 / 91.9 /
#: 92.9% of look-ups, at ~245 bytes each (8 MB for 32,768); a miss costs a few microseconds.
#: Tokens are looked up on a chunk's miss only (16,384: 4.6 MB, 42% kept); sentence openers
#: once a sentence (8,192: 2.3 MB, 87% kept).
CHUNK_CACHE_SIZE = 32768
TOKEN_CACHE_SIZE = 16384
OPENING_CACHE_SIZE = 8192


def read_block(model: NgramModel, text: str, allowed: frozenset[str], min_letters: int = 0) -> tuple[int, str | None]:
    """``(letters, language)``: ``letter_count(text)`` and, if that is at least
    ``min_letters``, the language every sentence of ``text`` is read as (``None`` when they
    disagree, or no sentence has a word)."""
    if len(text) < min_letters:  # fewer letters than characters
        return letter_count(text), None
    reader = chunk_reader(model)
    cleaned = unicodedata.normalize("NFC", without_urls(text))
    lines = [line.split() for line in cleaned.split("\n")] if "\n" in cleaned else [cleaned.split()]
    tallies = [list(map(reader.tally, chunks)) for chunks in lines]
    totals = list(map(sum, tallies))
    letters = reader.field(sum(totals), LETTERS) if cleaned == text else letter_count(text)
    if letters < min_letters:
        return letters, None
    found: set[str] = set()
    for chunks, line_tallies, total in zip(lines, tallies, totals, strict=True):
        found.update(reader.sentence_languages(chunks, line_tallies, total, allowed))
        if len(found) > 1:
            return letters, None
    return letters, found.pop() if found else None


@lru_cache(maxsize=8)  # one reader per model (the shipped one; a benchmark swaps in a few)
def chunk_reader(model: NgramModel) -> ChunkReader:
    """The :class:`ChunkReader` of ``model``."""
    return ChunkReader(model)


class ChunkReader:
    """Chunk tallies for one model, memoised, and sentences read from them."""

    def __init__(self, model: NgramModel) -> None:
        self.model = model
        self.bits = model.packing.FIELD_BITS
        self.mask = (1 << self.bits) - 1
        self.class_shift = self.bits * CLASS_FIELD
        self.rules_mask = sum(self.mask << (self.bits * (RULES + index)) for index in range(len(IMPOSSIBLE)))
        # A sentence's class scores are compared as the big-endian bytes of their fields: for
        # each language by name, the slices of its classes' fields (tk: tk and tk-Latn-ascii).
        width = self.bits // 8
        self.class_bytes = width * len(model.classes)
        slices: dict[str, list[slice]] = {}
        for index, lang in enumerate(model.lang_of_class):
            start = self.class_bytes - width * (index + 1)
            slices.setdefault(lang, []).append(slice(start, start + width))
        self.lang_slices = sorted((lang, tuple(found)) for lang, found in slices.items())
        self.tally = lru_cache(maxsize=CHUNK_CACHE_SIZE)(self._tally)
        self.token_tally = lru_cache(maxsize=TOKEN_CACHE_SIZE)(self._token_tally)
        self.opening = lru_cache(maxsize=OPENING_CACHE_SIZE)(self._opening)
        self.fields_of = lru_cache(maxsize=64)(self._fields_of)
        self.ends_shift = self.bits * ENDS

    def field(self, tally: int, index: int) -> int:
        """One count of a tally (or a sum of tallies)."""
        return (tally >> (self.bits * index)) & self.mask

    def one(self, index: int) -> int:
        """A count of one in field ``index``."""
        return 1 << (self.bits * index)

    def _tally(self, chunk: str) -> int:
        """A chunk's tally (see the module docstring): its tokens', and whether it ends a
        sentence or glues two. Every letter is in a token, so the tokens count them all."""
        if chunk.isalpha():  # one token, no mark (most chunks)
            return self.token_tally(chunk)
        tally = sum(map(self.token_tally, WORD_RE.findall(chunk)))
        if chunk[-1] in SENTENCE_END_MARKS:
            tally += self.one(ENDS)
        # Without white space or a new line, only the glued sentence end can match, after one of .!?
        if ("." in chunk or "!" in chunk or "?" in chunk) and PIECE_SPLIT_RE.search(chunk):
            tally += self.one(GLUED)
        return tally

    def _token_tally(self, token: str) -> int:
        """A token's part of a tally: one token, its letters, and its words (:func:`_words_of`)."""
        letters = len(token) if token.isalpha() else letter_count(token)
        return 1 + letters * self.one(LETTERS) + sum(map(self._word_tally, _words_of(token)))

    def _word_tally(self, word: str) -> int:
        """One word's part of a tally, as ``partition`` sees it inside a sentence."""
        initial, lowered = word[0], lower(word)
        tally = 0
        if initial.islower() or initial == "-":
            tally += self.one(LOWER)
        if not initial.isupper():
            tally += self.one(SPOKEN) + (self.model.word_value(lowered) << self.class_shift)
        if not lowered.isascii():  # every alphabet rule needs a letter outside ASCII
            for index, (letters, _) in enumerate(IMPOSSIBLE):
                if any(letter in lowered for letter in letters):
                    tally += self.one(RULES + index)
        return tally

    def _opening(self, chunk: str) -> int | None:
        """What to add to a sentence's tally when ``chunk`` opens it: its first word, which
        speaks even if capitalised; ``None`` if the chunk has no word (the next one opens)."""
        token = WORD_RE.search(chunk)
        if token is None:
            return None
        first = _words_of(token.group(0))[0]
        if not first[0].isupper():
            return 0
        return self.one(SPOKEN) + (self.model.word_value(lower(first)) << self.class_shift)

    def sentence_languages(self, chunks: list[str], tallies: list[int], total: int, allowed: frozenset[str]) -> list[str]:
        """The first-ranked language of each sentence (with words) of one line, given its
        chunks, their tallies and the sum of those."""
        ends = (total >> self.ends_shift) & self.mask
        if not chunks or ends == (chunks[-1][-1] in SENTENCE_END_MARKS):  # no end before the last chunk
            return self._sentence_languages(chunks, 0, len(chunks), total, allowed)
        found: list[str] = []
        start = 0
        for end in [index for index, chunk in enumerate(chunks, 1) if chunk[-1] in SENTENCE_END_MARKS]:
            found += self._sentence_languages(chunks, start, end, sum(tallies[start:end]), allowed)
            start = end
        if start < len(chunks):
            found += self._sentence_languages(chunks, start, len(chunks), sum(tallies[start:]), allowed)
        return found

    def _sentence_languages(self, chunks: list[str], start: int, end: int, tally: int, allowed: frozenset[str]) -> list[str]:
        """The first-ranked language of the sentence ``chunks[start:end]`` (``[]`` if it has
        no word), from its tally when that says enough, else word by word."""
        mask, bits = self.mask, self.bits
        words = tally & mask
        if not words:
            return []
        if words > MAX_FRAGMENT_WORDS and (tally >> (bits * LOWER)) & mask >= MIN_LOWERCASE_WORDS and not (tally >> (bits * GLUED)) & mask:
            opening = self.opening(chunks[start])
            if opening is None:  # the first chunk has no word
                opening = self._opening_of(chunks, start + 1, end)
            lang = self._sentence_language(tally + opening, allowed)
            if lang is not None:
                return [lang]
        return self._word_by_word(" ".join(chunks[start:end]), allowed)

    def _opening_of(self, chunks: list[str], start: int, end: int) -> int:
        """:meth:`opening` of the first of ``chunks[start:end]`` that has a word."""
        for index in range(start, end):
            opening = self.opening(chunks[index])
            if opening is not None:
                return opening
        return 0

    def _sentence_language(self, tally: int, allowed: frozenset[str]) -> str | None:
        """The first of ``NgramModel.scores_of_tokens(...).ranked()`` for a sentence of more
        than MAX_FRAGMENT_WORDS words, MIN_LOWERCASE_WORDS of them lower-case, from its tally:
        the language whose best class has the highest score, ties to the first name. Scores
        are compared as their packed fields: a field minus the same offset, over the same
        scale, orders as the field (below 2**48, no two fields round to one float). ``None``
        if the top field overflowed (2**23 words), for the caller to read word by word."""
        possible = allowed
        if tally & self.rules_mask:
            for index, (_, impossible) in enumerate(IMPOSSIBLE):
                if self.field(tally, RULES + index):
                    possible = (possible - impossible) or possible
        try:
            fields = (tally >> self.class_shift).to_bytes(self.class_bytes, "big")
        except OverflowError:
            return None
        langs, slices = self.fields_of(possible)
        scores = list(map(fields.__getitem__, slices))
        return langs[scores.index(max(scores))]

    def _fields_of(self, langs: frozenset[str]) -> tuple[list[str], list[slice]]:
        """The fields of the classes of ``langs`` in a sentence's bytes, by language name (the
        first maximum is then the language ``ranked()`` puts first), and the language of each."""
        chosen = [(lang, field) for lang, fields in self.lang_slices if lang in langs for field in fields]
        return [lang for lang, _ in chosen], [field for _, field in chosen]

    def _word_by_word(self, text: str, allowed: frozenset[str]) -> list[str]:
        """The first-ranked language of each sentence of ``text``, read word by word."""
        found = []
        for piece in PIECE_SPLIT_RE.split(text):
            ranked = self.model.scores_of_tokens(WORD_RE.findall(piece), allowed).ranked()
            if ranked:
                found.append(ranked[0][0])
        return found


def _words_of(token: str) -> tuple[str, ...]:
    """A token as ``partition`` counts it: a name's case ending ("Anderson-yň") is a word."""
    if "-" in token:
        parts = name_suffix(token)
        if parts is not None:
            return parts
    return (token,)
