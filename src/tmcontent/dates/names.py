"""Month and weekday names per locale, from Babel's CLDR data plus each language's inflection.

CLDR gives every width (wide, abbreviated) and context (format, stand-alone — for Russian the
genitive "ноября" and the nominative "ноябрь"); :mod:`tmcontent.dates.grammar` adds the forms
press text uses that CLDR does not list (Turkmen case suffixes "aprelinde", "maýda"; Russian
prepositional "в апреле"; ý-less Turkmen spellings "iyun", "mayda"). Any locale Babel knows
works with its CLDR names; adding a language's inflection is data in ``grammar``.

The names are read from ``babel.Locale`` itself (what ``babel.dates.get_month_names`` returns),
so reading dates does not import ``babel.dates``, whose import (it reads the local time zone)
costs ~30 ms.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from babel import Locale, UnknownLocaleError

from tmcontent.dates import grammar
from tmcontent.textfacts import primary

Width = Literal["wide", "abbreviated"]
WIDTHS: tuple[Width, ...] = ("wide", "abbreviated")
CONTEXTS: tuple[Literal["format", "stand-alone"], ...] = ("format", "stand-alone")
#: Shortest unique prefix of a wide month name accepted as an abbreviation ("Sept", "noýab").
MIN_PREFIX = 3


@dataclass(frozen=True)
class NameTables:
    """Normalised name → number (months 1–12, weekdays 0=Monday … 6=Sunday)."""

    locale: str
    months: dict[str, int]
    weekdays: dict[str, int]


def normalise(token: str) -> str:
    return unicodedata.normalize("NFC", token).casefold().rstrip(".").replace("ё", "е")


@lru_cache(maxsize=64)
def tables(locale: str) -> NameTables | None:
    """The name tables of ``locale`` (``None`` when Babel does not know it)."""
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        return None
    lang = primary(locale)
    months: dict[str, int] = {}
    for number, name in _cldr_months(locale):
        for form in grammar.inflect_month(lang, normalise(name)):
            months.setdefault(form, number)
    _add_unique_prefixes(months, [(n, normalise(name)) for n, name in _cldr_months(locale, widths=("wide",))])
    weekdays: dict[str, int] = {}
    for width in WIDTHS:
        for context in CONTEXTS:
            for number, name in Locale.parse(locale).days[context][width].items():
                for form in grammar.fold_variants(lang, normalise(name)):
                    weekdays.setdefault(form, number)
    return NameTables(locale=lang, months=months, weekdays=weekdays)


def _cldr_months(locale: str, widths: tuple[Width, ...] = WIDTHS) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for width in widths:
        for context in CONTEXTS:
            found.extend(Locale.parse(locale).months[context][width].items())
    return found


def _add_unique_prefixes(months: dict[str, int], wide: list[tuple[int, str]]) -> None:
    for number, name in wide:
        for size in range(MIN_PREFIX, len(name)):
            prefix = name[:size]
            owners = {n for n, other in wide if other.startswith(prefix)}
            if owners == {number}:
                months.setdefault(prefix, number)
