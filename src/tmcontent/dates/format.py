"""Writing dates in a locale's own form: Babel's CLDR patterns, plus Turkmen ordinals.

``format_date(value, locale="tk")`` gives "27 noýabr 2023", ru "27 ноября 2023 г.", en
"November 27, 2023". ``format="ordinal"`` writes the Turkmen press form "6-njy mart 2025 ý.",
whose suffix follows vowel harmony on the spoken form of the number's last word.
"""

from __future__ import annotations

import datetime as dt

from tmcontent.dates.value import DateValue
from tmcontent.textfacts import primary

DateLike = dt.date | dt.datetime | DateValue
BABEL_FORMATS = ("short", "medium", "long", "full")

#: Spoken Turkmen of the last non-zero part of a number decides the ordinal suffix.
TURKMEN_UNITS = {1: "bir", 2: "iki", 3: "üç", 4: "dört", 5: "bäş", 6: "alty", 7: "ýedi", 8: "sekiz", 9: "dokuz"}
TURKMEN_TENS = {10: "on", 20: "ýigrimi", 30: "otuz", 40: "kyrk", 50: "elli", 60: "altmyş", 70: "ýetmiş", 80: "segsen", 90: "togsan"}
TURKMEN_POWERS = ((10**9, "milliard"), (10**6, "million"), (1000, "müň"), (100, "ýüz"))
BACK_VOWELS = set("aouy")
FRONT_VOWELS = set("eäöüi")


def format_date(value: DateLike, *, locale: str, format: str = "long") -> str:
    """``value`` written the way ``locale`` writes dates (``format``: short/medium/long/full/ordinal)."""
    from babel.dates import format_date as babel_format_date  # on use: babel.dates costs ~30 ms to import

    day = _as_date(value)
    if format == "ordinal":
        return turkmen_ordinal_date(day) if primary(locale) == "tk" else babel_format_date(day, "long", locale=locale.replace("-", "_"))
    if format not in BABEL_FORMATS:
        raise ValueError(f"unknown date format {format!r}; use one of {', '.join(BABEL_FORMATS)} or 'ordinal'")
    return babel_format_date(day, format, locale=locale.replace("-", "_"))


def _as_date(value: DateLike) -> dt.date:
    if isinstance(value, DateValue):
        if value.start is None or value.precision not in ("day", "minute"):
            raise ValueError(f"{value.iso!r} is not a full calendar date; it cannot be formatted as one")
        return value.start
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"format_date() takes a date, datetime or DateValue, not {type(value).__name__}")


def turkmen_ordinal_date(day: dt.date) -> str:
    """"6-njy mart 2025 ý.": ordinal day, month name (format context), year."""
    from babel.dates import get_month_names

    month = get_month_names("wide", "format", "tk")[day.month]
    return f"{day.day}-{ordinal_suffix(day.day)} {month} {day.year} ý."


def ordinal_suffix(number: int, *, written: bool = True) -> str:
    """Turkmen ordinal suffix: after digits "nji"/"njy"; spelled out "inji"/"ynjy"/"unjy"/"ünji"
    after a consonant. Back or front by the last vowel of the spoken last word."""
    word = _last_spoken_word(number)
    vowels = [ch for ch in word if ch in BACK_VOWELS | FRONT_VOWELS]
    back = bool(vowels) and vowels[-1] in BACK_VOWELS
    if written or word[-1] in BACK_VOWELS | FRONT_VOWELS:
        return "njy" if back else "nji"
    # Labial harmony reaches the suffix only after a one-syllable word: onunjy, üçünji, but
    # dokuzynjy, otuzynjy.
    rounded = len(vowels) == 1 and vowels[0] in "oöuü"
    if rounded:
        return "unjy" if back else "ünji"
    return "ynjy" if back else "inji"


def _last_spoken_word(number: int) -> str:
    if number <= 0:
        return "nol"
    if number % 10:
        return TURKMEN_UNITS[number % 10]
    if number % 100:
        return TURKMEN_TENS[number % 100]
    for power, word in TURKMEN_POWERS:
        if number % power == 0:
            return word
    return "ýüz"
