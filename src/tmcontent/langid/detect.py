"""Language of one string: :func:`detect` and its :class:`Detection`.

Order of evidence: no letters at all → ``und``; a short string that is a known UI label
(any catalog of :mod:`tmcontent.labels`) or made only of month/weekday names and numbers
(Babel's CLDR names) → that language; otherwise the n-gram model (or another backend),
restricted to ``candidates`` when given. Inputs are sanitised first (control characters, lone
surrogates) and very long ones sampled, so no input makes a backend crash or take long.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from tmcontent.errors import UnknownLanguageError
from tmcontent.langid.features import (
    URLISH_RE,
    lower,
    script_of_words,
    tokens,
    words,
)
from tmcontent.langid.model import default_model
from tmcontent.textfacts import ACRONYM_RE, UND, primary, script_of

#: Strings of at most this many words try the lexicons (labels, month names) first.
SHORT_WORDS = 4
#: Long inputs are judged on evenly spaced windows: 8 windows of 400 characters reach the
#: same answer as the whole text on every multi-paragraph page we tried, in constant time.
SAMPLE_WINDOWS = 8
WINDOW_CHARS = 400
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
LEXICON_LANGS = ("en", "tk", "ru")


@dataclass(frozen=True)
class Detection:
    """``lang``: BCP 47 code or ``und``; ``confidence`` 0..1; ``script``: ISO 15924."""

    lang: str
    confidence: float
    script: str

    def to_dict(self) -> dict[str, object]:
        return {"lang": self.lang, "confidence": round(self.confidence, 4), "script": self.script}


def detect(text: str, *, candidates: Iterable[str] | None = None, backend: str | None = None) -> Detection:
    """The language of ``text`` (see the module docstring for the order of evidence)."""
    if not isinstance(text, str):
        raise TypeError(f"detect() takes a str, not {type(text).__name__}")
    allowed = allowed_languages(candidates, backend=backend)
    sample = _sample(sanitise(text))
    words_written = tokens(sample)
    if not words_written:
        return Detection(UND, 1.0, script_of(URLISH_RE.sub(" ", sample)))
    script = script_of_words(words_written)
    if len(words_written) == 1 and ACRONYM_RE.match(words_written[0]):
        return Detection(UND, 0.0, script)  # "UNDP", "WHO": an acronym has no language
    if len(words_written) <= SHORT_WORDS:
        lexical = _lexical(sample, [lower(token) for token in words_written], allowed)
        if lexical is not None:
            return Detection(lexical, 1.0, script)
    if backend not in (None, "ngram"):
        from tmcontent.langid.backends import detect_with

        lang, confidence = detect_with(backend, sample, allowed)
        return Detection(lang, confidence, script)
    return _model_detection(words_written, allowed, script)


def _model_detection(words_written: list[str], allowed: frozenset[str] | None, script: str) -> Detection:
    ranked = default_model().scores_of_tokens(words_written, allowed).ranked()
    if not ranked:
        return Detection(UND, 0.0, script)
    best = ranked[0][1]
    total = sum(math.exp(score - best) for _, score in ranked)
    return Detection(ranked[0][0], 1.0 / total, script)


def allowed_languages(candidates: Iterable[str] | None, *, backend: str | None = None) -> frozenset[str] | None:
    """The languages ``candidates`` allow, as checked primary subtags (:func:`check_candidates`);
    ``None`` (every language) when there are none. The one reading of ``candidates`` that
    :func:`detect` and :func:`~tmcontent.langid.segment.segment` share."""
    if candidates is None:
        return None
    return frozenset(check_candidates(candidates, backend=backend)) or None


def check_candidates(candidates: Iterable[str], *, backend: str | None = None) -> tuple[str, ...]:
    """The primary language subtags of ``candidates`` ("en-US" → "en"), in order.

    Raises :class:`~tmcontent.errors.UnknownLanguageError` (a ``ValueError``) on a code the
    backend cannot answer: for the n-gram model (the default) a language outside its profile,
    listing those; for the other backends a code that is no language in Babel's CLDR data.
    """
    if isinstance(candidates, str):
        raise TypeError("candidates must be a collection of language codes, not a str")
    known = default_model().langs
    codes: list[str] = []
    for candidate in candidates:
        code = primary(str(candidate))
        if backend in (None, "ngram") and code not in known:
            raise UnknownLanguageError(f"unknown language {candidate!r} in candidates; known: {', '.join(sorted(known))}")
        if backend not in (None, "ngram") and not _cldr_language(code):
            raise UnknownLanguageError(f"unknown language {candidate!r} in candidates: not a language code in Babel's CLDR data")
        codes.append(code)
    return tuple(dict.fromkeys(codes))


@lru_cache(maxsize=256)
def _cldr_language(code: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return code.isalpha()


def sanitise(text: str) -> str:
    """Control characters and lone surrogates become spaces; NFC."""
    return unicodedata.normalize("NFC", CONTROL_RE.sub(" ", text))


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_WINDOWS * WINDOW_CHARS:
        return text
    step = len(text) // SAMPLE_WINDOWS
    return " ".join(text[i * step : i * step + WINDOW_CHARS] for i in range(SAMPLE_WINDOWS))


def _lexical(text: str, tokens: list[str], allowed: frozenset[str] | None) -> str | None:
    """A known UI label, or only month/weekday names and numbers, in one language."""
    from tmcontent.labels import recognise

    match = recognise(text)
    if match is not None and match.lang and (allowed is None or match.lang in allowed):
        return match.lang
    langs: set[str] | None = None
    for token in tokens:
        owners = _date_word_langs().get(token)
        if owners is None:
            return None
        if len(owners) > 1 and token.isascii():
            owners = owners - {"tk"}  # "may": English before ý-less Turkmen "maý"
        langs = set(owners) if langs is None else langs & owners
    if not langs:
        return None
    if allowed is not None:
        langs &= allowed
    return min(langs) if len(langs) == 1 else None


@lru_cache(maxsize=1)
def _date_word_langs() -> dict[str, frozenset[str]]:
    from tmcontent.dates.names import tables

    owners: dict[str, set[str]] = {}
    for lang in LEXICON_LANGS:
        found = tables(lang)
        if found is None:
            continue
        for name in (*found.months, *found.weekdays):
            for word in words(name):
                owners.setdefault(word, set()).add(lang)
    return {word: frozenset(langs) for word, langs in owners.items()}
