"""The default language model: naive Bayes over character trigrams and words.

A profile (built by ``scripts/build_langid_profile.py``) holds, for every feature, its log
probability in each class. Scoring a new word is one dictionary look-up per feature and one
integer sum (:class:`PackedScores`), a known word one memo look-up — no third-party code on
the hot path, which is what makes it faster than py3langid and ~40x faster than langdetect on
the same sentences (``benchmarks/bench_langid.py``). Classes are languages, plus
``tk-Latn-ascii`` (Turkmen written without its letters), which is reported as ``tk``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

from tmcontent.langid.features import (
    MAX_FRAGMENT_WORDS,
    MAX_WORD_LETTERS,
    partition,
    tokens,
    word_features,
)
from tmcontent.langid.profile import Profile, loads

#: The shipped profile (:mod:`tmcontent.langid.profile` gives its format).
PROFILE_FILE = Path(__file__).with_name("data") / "ngram-profile.bin"
#: The prefix of a whole word's feature (its n-grams have none).
WORD_PREFIX = "w:"
#: Class name → language reported.
CLASS_LANG = {"tk-Latn-ascii": "tk"}
#: Letters a language's alphabet does not have. Added after the 5-fold evaluation showed
#: two of ~4,800 Turkish/Uzbek sentences called Turkmen (tk precision 0.9979) although they
#: held ğ; with the rule, precision is 1.0 and no recall is lost.
IMPOSSIBLE: tuple[tuple[tuple[str, ...], frozenset[str]], ...] = (
    (("ğ", "ı"), frozenset({"tk"})),
    (("ə",), frozenset({"tk", "tr", "uz"})),
    (("ň", "ý", "ž"), frozenset({"tr", "az", "uz"})),
    (("oʻ", "gʻ", "o‘", "g‘"), frozenset({"tk", "tr", "az"})),  # not "'": Turkish "Valentino'nun"
)
#: Figures below are held out on the dev corpus (benchmarks/bench_langid.py: 5 contiguous
#: folds, every adjacent word pair of every sentence for "two words", candidates en/tk/ru).
#: No class has a prior: a handicap of -3 nats on tk-Latn-ascii, kept from trigram-and-bigram
#: days, no longer changed Turkmen precision (0.9990 either way) and cost two-word Turkmen
#: 0.973 → 0.971.
#:
#: How many times a known whole word counts (its n-grams count once each): 1 → 3 raised
#: two-word Turkmen 0.968 → 0.971 and ASCII-folded Turkmen 0.9948 → 0.9958.
WORD_WEIGHT = 3
#: In a fragment (up to MAX_FRAGMENT_WORDS words) names count this much of a word, rather than
#: nothing: a Turkmen sentence opens with a capital ("Ol brend", "Garşylyklaýyn protestler").
#: 0 → 0.3: two-word Turkmen 0.970 → 0.971; a sentence's first two words, tk 0.916 → 0.935 and
#: en 0.974 → 0.985.
NAME_WEIGHT = 0.3
#: Letters English words do not have; a lower-case word holding one costs English this many
#: nats in a fragment (n-gram smoothing alone gives an unseen letter only a few: "öýken and",
#: "the täze" were English). 0 → 15: two-word Turkmen 0.9706 → 0.9709, English unchanged.
ALIEN_LETTERS = {"en": frozenset("ňýžşäğıə")}
ALIEN_PENALTY = 15.0
#: Log-prior (nats) of a language for a fragment, whose few words often leave it undecided:
#: tmcontent reads Turkmen sites, where an undecided fragment is likelier Turkmen. 0 → 1:
#: two-word Turkmen 0.9728 → 0.9744, English 0.9902 → 0.9872, ASCII-folded Turkmen 0.9969 →
#: 0.9990; 2 made a three-word headline Turkmen (tk precision 0.9990 → 0.9979).
FRAGMENT_PRIOR = {"tk": 1.0}
#: Distinct words whose scores are remembered per model (~150 bytes each).
WORD_CACHE_SIZE = 65536


@dataclass(frozen=True)
class Scores:
    """Per-language log-likelihoods of one text, and how many features they came from."""

    by_lang: dict[str, float]
    features: int

    def ranked(self) -> list[tuple[str, float]]:
        return sorted(self.by_lang.items(), key=lambda item: (-item[1], item[0]))


class NgramModel:
    """Naive Bayes over the features of :mod:`tmcontent.langid.features`.

    Scores are added as packed integers (:class:`PackedScores`): a feature's log-probabilities
    in the C classes sit in C fields of one Python int, so a text's score is one C-level
    ``sum()`` of its words' memoised values and one unpacking. Features the profile lacks
    score the same in every class.
    """

    def __init__(self, classes: list[str], table: Mapping[str, Sequence[float]]) -> None:
        packing = PackedScores(len(classes))
        self._setup(classes, packing, {feature: packing.feature(row) for feature, row in table.items()})

    @classmethod
    def from_profile(cls, profile: dict[str, Any]) -> NgramModel:
        """The model of a trained profile (the trainer's dict: ``classes``, ``table``)."""
        return cls(list(profile["classes"]), dict(profile["table"]))

    @classmethod
    def from_stored(cls, profile: Profile) -> NgramModel:
        """The model of a stored profile (:func:`tmcontent.langid.profile.loads`): its fields
        become packed values without a pass over floats, the same values :meth:`__init__`
        packs from the trained table."""
        model = cls.__new__(cls)
        packing = PackedScores(len(profile.classes))
        values = packing.features_from_fields(profile.fields, scale=profile.scale, offset=profile.offset)
        model._setup(list(profile.classes), packing, dict(zip(profile.keys, values, strict=True)))
        return model

    def _setup(self, classes: list[str], packing: PackedScores, table: dict[str, int]) -> None:
        """``table``: feature → packed value."""
        self.classes = classes
        self.lang_of_class = [CLASS_LANG.get(c, c) for c in classes]
        self.packing = packing
        self.zero = self.packing.feature([0.0] * len(classes))
        self.table = table
        # A known whole word counts WORD_WEIGHT times: its entry once, and this the other times.
        self.known_word_extra = {
            feature: value * (WORD_WEIGHT - 1) for feature, value in table.items() if feature.startswith(WORD_PREFIX)
        }
        self.alien_letters = [
            (ALIEN_LETTERS[c], self.packing.one_field(index, ALIEN_PENALTY)) for index, c in enumerate(classes) if c in ALIEN_LETTERS
        ]
        self.fragment_prior = sum(
            self.packing.one_field(index, FRAGMENT_PRIOR[lang]) for index, lang in enumerate(self.lang_of_class) if lang in FRAGMENT_PRIOR
        )
        # Word values are memoised: press text repeats its words, and a word's score never
        # changes for a given profile. Words are scored when first met (scoring the profile's
        # 13,000 words at load cost ~0.1 s, more than a one-page process spends on its words).
        self.word_value = lru_cache(maxsize=WORD_CACHE_SIZE)(self._word_value)

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(sorted({CLASS_LANG.get(c, c) for c in self.classes}))

    def _word_value(self, word: str) -> int:
        """A (lower-case) word's packed score (:meth:`PackedScores.as_word`): the sum over
        :func:`~tmcontent.langid.features.word_features`, a known whole word WORD_WEIGHT times.
        Only the first MAX_WORD_LETTERS letters count (:func:`tokens` leaves longer runs out;
        this bounds what a direct caller can make a packed field hold)."""
        word = word[:MAX_WORD_LETTERS]
        features = word_features(word)
        value = sum(map(self.table.get, features, repeat(self.zero)))
        count = len(features)
        extra = self.known_word_extra.get(WORD_PREFIX + word)
        if extra is not None:  # a known whole word is stronger evidence than its letters
            value += extra
            count += WORD_WEIGHT - 1
        return self.packing.as_word(value, count)

    def alien_penalty(self, token: str) -> int:
        """ALIEN_PENALTY (packed) in each language whose alphabet lacks a letter of ``token``,
        if it is written in lower case: names ("Ataýew") are spelt as their owners spell them.
        Counted in fragments only: in a sentence the n-grams already carry the letters."""
        if token.isascii() or token[:1].isupper():
            return 0
        letters = set(token)
        return sum(penalty for alien, penalty in self.alien_letters if not alien.isdisjoint(letters))

    def word_scores(self, word: str) -> tuple[float, ...]:
        """A (lower-case) word's log-likelihood in each class."""
        return self.packing.unpack_words(self.word_value(word), 1)

    def scores(self, text: str, candidates: frozenset[str] | None = None) -> Scores:
        return self.scores_of_tokens(tokens(text), candidates)

    def scores_of_tokens(self, tokens: list[str], candidates: frozenset[str] | None = None) -> Scores:
        """Scores of a text's words, given as written (:func:`~tmcontent.langid.features.tokens`)."""
        spoken, names = partition(tokens)
        if not spoken and not names:
            return Scores({}, 0)
        if len(tokens) > MAX_FRAGMENT_WORDS:
            sums = self.packing.unpack_words(sum(map(self.word_value, spoken)), len(spoken))
        else:
            sums = self._fragment_sums(tokens, spoken, names)
        allowed = _without_impossible([*spoken, *names], candidates or frozenset(self.lang_of_class))
        return Scores(self.by_lang(sums, allowed), len(spoken) + len(names))

    def _fragment_sums(self, tokens: list[str], spoken: list[str], names: list[str]) -> tuple[float, ...]:
        """In a fragment every word counts, names less: "Willoughby bilen" stays Turkmen, and
        "Maňa süründiler" keeps its ň although "Maňa" is capitalised."""
        value = sum(map(self.word_value, spoken)) - sum(map(self.alien_penalty, tokens)) + self.fragment_prior
        sums = self.packing.unpack_words(value, len(spoken))
        if names:
            named = [self.word_scores(name) for name in names]
            sums = tuple(total + NAME_WEIGHT * sum(column) for total, column in zip(sums, zip(*named, strict=True), strict=True))
        return sums

    def by_lang(self, sums: Sequence[float], candidates: frozenset[str] | None = None) -> dict[str, float]:
        """Class scores to language scores (the best class of each language), restricted."""
        result: dict[str, float] = {}
        for lang, total in zip(self.lang_of_class, sums, strict=True):
            if candidates is not None and lang not in candidates:
                continue
            if lang not in result or total > result[lang]:
                result[lang] = total
        return result

    def best(self, text: str, candidates: frozenset[str] | None = None) -> str | None:
        ranked = self.scores(text, candidates).ranked()
        return ranked[0][0] if ranked else None


def _without_impossible(words: list[str], allowed: frozenset[str]) -> frozenset[str]:
    """Drop languages whose alphabet lacks a letter the words use (ğ ı are never Turkmen, ə
    is only Azerbaijani, ň ý ž only Turkmen, oʻ gʻ only Uzbek), unless that leaves none."""
    text = " ".join(words)
    if text.isascii():  # every rule needs a letter outside ASCII
        return allowed
    remaining = allowed
    for letters, impossible in IMPOSSIBLE:
        if any(letter in text for letter in letters):
            narrowed = remaining - impossible
            remaining = narrowed or remaining
    return remaining


@lru_cache(maxsize=1)
def default_model() -> NgramModel:
    """The shipped model (loaded once, on first use)."""
    return NgramModel.from_stored(loads(PROFILE_FILE.read_bytes()))


class PackedScores:
    """Per-class scores packed into one int: field *i*, FIELD_BITS wide, holds class *i*'s score
    in thousandths of a nat (the profile's precision) plus an offset that keeps it positive.
    A feature carries FEATURE_OFFSET per field (log-probabilities in a profile are above -32
    nats); a memoised word is re-based to WORD_OFFSET per field, which holds any word of
    MAX_WORD_LETTERS letters. 48-bit fields hold the sum of 2**32 features or 2**23 words.
    Adding tuples of floats instead made scoring a new word ~3x slower (dev corpus)."""

    FIELD_BITS = 48
    SCALE = 1000
    FEATURE_OFFSET = 1 << 15
    WORD_OFFSET = 1 << 24

    def __init__(self, classes: int) -> None:
        self.classes = classes
        self.mask = (1 << self.FIELD_BITS) - 1
        self.feature_base = self.spread(self.FEATURE_OFFSET)
        self.word_base = self.spread(self.WORD_OFFSET)

    def spread(self, units: int) -> int:
        """``units`` in every field."""
        return sum(units << (self.FIELD_BITS * i) for i in range(self.classes))

    def one_field(self, index: int, nats: float) -> int:
        """``nats`` in field ``index`` only, without offset (to add or take away)."""
        return round(nats * self.SCALE) << (self.FIELD_BITS * index)

    def feature(self, row: Sequence[float]) -> int:
        return sum((round(value * self.SCALE) + self.FEATURE_OFFSET) << (self.FIELD_BITS * i) for i, value in enumerate(row))

    def features_from_fields(self, fields: bytes, *, scale: int, offset: int) -> list[int]:
        """The packed values of a stored table (unsigned 16-bit little-endian fields, row by
        row, each ``round(value * scale) + offset``): each row's fields spread to FIELD_BITS
        apart and read as one little-endian int, which is :meth:`feature` of the row."""
        if scale != self.SCALE or offset != self.FEATURE_OFFSET or self.FIELD_BITS % 8 or self.FIELD_BITS < 16:
            raise ValueError(f"a profile stored at scale {scale}, offset {offset} does not fit this packing")
        step = self.FIELD_BITS // 8
        spread = bytearray(len(fields) // 2 * step)
        spread[0::step] = fields[0::2]
        spread[1::step] = fields[1::2]
        row = self.classes * step
        view = memoryview(spread)
        from_bytes = int.from_bytes
        return [from_bytes(view[start : start + row], "little") for start in range(0, len(spread), row)]

    def as_word(self, value: int, features: int) -> int:
        """The sum of ``features`` feature values, re-based to one WORD_OFFSET per field."""
        return value - features * self.feature_base + self.word_base

    def unpack_words(self, value: int, words: int) -> tuple[float, ...]:
        """Class scores (nats) of the sum of ``words`` word values."""
        return self._fields(value, words * self.WORD_OFFSET)

    def _fields(self, value: int, offset: int) -> tuple[float, ...]:
        mask, bits, scale = self.mask, self.FIELD_BITS, self.SCALE
        return tuple((((value >> (bits * i)) & mask) - offset) / scale for i in range(self.classes))
