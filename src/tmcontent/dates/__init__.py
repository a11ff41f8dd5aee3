"""Dates in Turkmen, Russian and English press: parse (:func:`parse_date`, :func:`find_dates`)
and write (:func:`format_date`).

Month and weekday names come from Babel's CLDR data for each locale, with each language's
inflection on top (:mod:`.grammar`); the shapes of date expressions are in :mod:`.parser`;
results are :class:`DateValue` objects whose ISO text is as partial as the text itself.
"""

from __future__ import annotations

import datetime as dt

from tmcontent.dates.format import format_date, ordinal_suffix
from tmcontent.dates.names import tables
from tmcontent.dates.parser import find as _find
from tmcontent.dates.value import DateValue, with_year_near
from tmcontent.errors import UnknownLanguageError
from tmcontent.textfacts import primary

__all__ = ["DateValue", "check_language", "find_dates", "format_date", "ordinal_suffix", "parse_date"]

#: Inputs longer than this are not "a short string" for parse_date: only the first
#: MAX_PARSE_CHARS characters are read (a date in a title or dateline sits at the start).
MAX_PARSE_CHARS = 500


def parse_date(text: str, *, lang: str | None = None, reference: dt.date | None = None) -> DateValue | None:
    """The date expression in a short string, or ``None`` when there is none.

    ``lang`` (BCP 47) picks the month names tried first and the numeric day/month order
    ("en-US" is month first; every other language day first). ``reference`` (a
    ``datetime.date``: when the text was written, such as its page's publication date) gives a
    date written without a year ("24-nji fewral", "24 February") the year that puts it nearest
    ``reference``, never more than half a year after it (:func:`~.value.with_year_near`);
    without it a missing year stays missing. The grammar has no relative words ("yesterday")
    for it to resolve.
    """
    _check_text(text)
    check_language(lang)
    if isinstance(reference, dt.datetime):
        reference = reference.date()
    elif reference is not None and not isinstance(reference, dt.date):
        raise TypeError(f"reference must be a datetime.date, not {type(reference).__name__}")
    found = _find(text[:MAX_PARSE_CHARS], lang)
    if not found:
        return None
    value = max(found, key=lambda value: (value.span[1] - value.span[0], -value.span[0]))
    return with_year_near(value, reference) if reference is not None else value


def find_dates(text: str, *, lang: str | None = None) -> list[DateValue]:
    """Every date expression in ``text``, in order, without overlaps."""
    _check_text(text)
    check_language(lang)
    return _find(text, lang)


def check_language(lang: str | None) -> None:
    """Raise :class:`~tmcontent.errors.UnknownLanguageError` (a ``ValueError``) when ``lang``
    is given and its language is not in Babel's CLDR data (whose month names are read)."""
    if lang is None:
        return
    base = primary(lang) if isinstance(lang, str) else ""
    if not base or not base.isalpha() or tables(base) is None:
        raise UnknownLanguageError(
            f"unknown language {lang!r}: use tk, ru or en (with their inflections), or another language of Babel's CLDR data (de, tr, uz, ...)"
        )


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"expected a str, not {type(text).__name__}")
