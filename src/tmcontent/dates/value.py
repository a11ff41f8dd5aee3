"""The result of date parsing: :class:`DateValue` and its partial ISO 8601 text.

A value keeps exactly what the text says: a missing year stays missing (``--03-21``), a month
without a day is ``2010-02``, an interval is ``start/end``. Nothing is filled in, unless a caller
that knows when the text was written asks for it: :func:`with_year_near` gives a date without a
year the year nearest that reference date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

#: A date written without a year is read in the year that puts it nearest the reference date,
#: so never more than half a year (183 days) after it: on a page of 20 December 2023,
#: "5 January" is 5 January 2024 and "20 June" is 20 June 2023 (press text names the months
#: just past and just ahead). At an exact tie the earlier year wins.
HALF_YEAR_DAYS = 183


@dataclass(frozen=True)
class Point:
    """One end of a date: any of year, month, day, hour, minute may be unknown."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None

    @property
    def precision(self) -> str:
        if self.minute is not None:
            return "minute"
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        if self.year is None:
            month = f"--{self.month:02d}"
            return f"{month}-{self.day:02d}" if self.day is not None else month
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
                if self.hour is not None and self.minute is not None:
                    text += f"T{self.hour:02d}:{self.minute:02d}"
        return text

    def is_valid(self) -> bool:
        if self.month is not None and not 1 <= self.month <= 12:
            return False
        if self.day is not None:
            try:
                dt.date(self.year if self.year is not None else 2000, self.month or 1, self.day)
            except ValueError:
                return False
        if self.hour is not None and not (0 <= self.hour <= 23 and 0 <= (self.minute or 0) <= 59):
            return False
        return self.year is None or 1000 <= self.year <= 2999

    def as_date(self, last: bool = False) -> dt.date | None:
        """The first (or ``last``) calendar day this point covers, when its year is known."""
        if self.year is None:
            return None
        month = self.month or (12 if last else 1)
        if self.day is not None:
            return dt.date(self.year, month, self.day)
        if not last:
            return dt.date(self.year, month, 1)
        next_month = dt.date(self.year + (month == 12), month % 12 + 1, 1)
        return next_month - dt.timedelta(days=1)


@dataclass(frozen=True)
class DateValue:
    """A date expression found in a text.

    ``iso``: ISO 8601 text (partial where the text is); ``start``/``end``: calendar days
    where the year is known; ``lang``: language of the month/weekday words (``None`` for
    numeric forms with no language given); ``span``: (start, end) offsets in the text;
    ``precision``: "minute", "day", "month" or "year"; ``ambiguous_order``: a numeric date
    whose day/month order was decided by the language's convention.
    """

    iso: str
    start: dt.date | None
    end: dt.date | None
    lang: str | None
    span: tuple[int, int]
    precision: str
    text: str
    ambiguous_order: bool = False
    is_range: bool = False

    @classmethod
    def from_points(
        cls, first: Point, last: Point | None, *, lang: str | None, span: tuple[int, int], text: str,
        ambiguous_order: bool = False,
    ) -> DateValue | None:
        if not first.is_valid() or (last is not None and not last.is_valid()):
            return None
        if last is None or last == first:
            return cls(first.iso(), first.as_date(), first.as_date(last=True), lang, span, first.precision, text, ambiguous_order)
        start, end = first.as_date(), last.as_date(last=True)
        if start is not None and end is not None and end < start:
            return None
        return cls(f"{first.iso()}/{last.iso()}", start, end, lang, span, first.precision, text, ambiguous_order, True)

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "iso": self.iso,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "lang": self.lang,
            "span": list(self.span),
            "precision": self.precision,
            "ambiguous_order": self.ambiguous_order,
        }


def with_year_near(value: DateValue, reference: dt.date) -> DateValue:
    """``value`` with the year that puts it nearest ``reference`` (see HALF_YEAR_DAYS) when its
    text gives none; a range that crosses the new year ("30 December – 2 January") ends in the
    next one. Any other value is returned as it is."""
    if value.start is not None or not value.iso.startswith("--"):
        return value
    first, *rest = (_yearless(part) for part in value.iso.split("/"))
    years = _years_around(first, reference.year)
    if not years:  # a reference outside the years a date may have (1000–2999)
        return value
    year = min(years, key=lambda y: _preference(replace(first, year=y), reference))
    start = replace(first, year=year)
    end = None
    if rest:
        end = replace(rest[0], year=year)
        if (end.month, end.day or 0) < (start.month, start.day or 0):
            end = replace(end, year=year + 1)
    resolved = DateValue.from_points(start, end, lang=value.lang, span=value.span, text=value.text,
                                     ambiguous_order=value.ambiguous_order)
    return resolved if resolved is not None else value


def _yearless(part: str) -> Point:
    """``--MM`` or ``--MM-DD`` as a point without a year."""
    return Point(None, int(part[2:4]), int(part[5:7]) if len(part) > 4 else None)


def _years_around(point: Point, year: int) -> list[int]:
    """The years near ``year`` in which ``point`` is a real day (29 February: the leap years)."""
    return [y for y in range(year - 4, year + 5) if replace(point, year=y).is_valid()]


def _preference(point: Point, reference: dt.date) -> tuple[bool, int, int]:
    """How ``point`` (with a year) ranks as the reading of a year-less date, lowest first: not
    more than HALF_YEAR_DAYS after ``reference`` (29 February may have no year near it), then
    the fewest days between ``reference`` and the days it covers, then the earlier year."""
    first, last = point.as_date(), point.as_date(last=True)
    assert first is not None and last is not None and point.year is not None  # the point has a year
    distance = 0 if first <= reference <= last else min(abs((first - reference).days), abs((last - reference).days))
    return (first - reference).days > HALF_YEAR_DAYS, distance, point.year
