r"""Finding and reading date expressions in Turkmen, Russian, English (and any CLDR locale).

Month and weekday names come from :mod:`tmcontent.dates.names`; the shapes (day-month-year,
month-day-year, Turkmen year-first "2023-nji ýylyň 24-nji fewralynda", ranges, month-only,
years, numeric with times) are here. Every match is checked: an impossible date is no date.

How the shapes are compiled (:meth:`_Grammar.patterns`). With the alternation of every month
name (~1,200 inflected forms) inside, the 13 shapes that name a month cost ~100 ms to compile,
more than the rest of a one-page process. A text is therefore matched with shapes whose month
(and weekday) alternation holds only the runs of letters *of that text* that are names, and a
text without a month name skips those shapes. The answers are the same, because in any match
of a shape a name is a whole run of letters: every shape puts a space or a non-word character
(before a weekday, also a digit) before it and a non-word character after it (``\.?`` then ``\s``, ``,``, a dash or
``(?!\w)``), and a name's letters match letters only — checked for each text (``stray``; the
full shapes are used when a text holds a character that a name's letter matches but that is not
a letter, or when some name of the locales is not all letters). A shape then matches the text
at a position with the small alternation exactly when it does with the full one, and finds the
same first match there. ``tests/test_dates.py`` compares both on generated phrases. A
long run, which meets many sets of names, goes over to the full shapes (NAMED_SHAPE_SETS).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate

from tmcontent.dates import grammar
from tmcontent.dates.names import NameTables, normalise, tables
from tmcontent.dates.value import DateValue, Point
from tmcontent.textfacts import primary

#: Locales always tried, in order of preference when a name exists in several ("may" is
#: English before it is folded Turkmen "maý").
DEFAULT_LOCALES = ("en", "tk", "ru")
#: Locales whose numeric dates put the month first.
MONTH_FIRST = frozenset({"en_US", "en-US", "us"})
#: Two-digit years: 00–68 are 20xx, 69–99 are 19xx (the POSIX strptime pivot).
TWO_DIGIT_PIVOT = 69
#: The year abbreviation after a numeric date tells its language: "24.02.2023 ý.", "… г.".
YEAR_WORD_LANG = {"ý.": "tk", "г.": "ru"}
#: Shapes that need no number: "mart aýynda" (a month, no year).
WORDS_ONLY_SHAPES = frozenset({"m_tk"})
WHITESPACE_RUN_RE = re.compile(r"\s{2,}")
#: A run of letters: what a month or weekday name is (when the locales' names are all letters).
LETTER_RUN_RE = re.compile(r"[^\W\d_]+")
#: An alternation of no name: a shape with a month cannot match; an optional weekday is absent.
NO_NAME = "(?!)"
#: Sets of names whose shapes are compiled before every text is matched with the full shapes.
#: A set costs 13 small compiles (~3 ms), the full shapes ~100 ms: after 32 sets a process has
#: spent about what the full shapes cost, and no more than twice that in all (a one-page
#: process meets a handful of sets; a batch run or a benchmark over every month name, hundreds).
NAMED_SHAPE_SETS = 32
ABLATIVE_ENDINGS = ("dan", "den", "ndan", "nden", "yndan", "inden")

ORD = grammar.ORDINAL
YW = grammar.YEAR_WORD
SEP = grammar.RANGE_SEPARATOR
B = r"(?<![\w.])"  # start of a token
E = r"(?![\w])"  # end of a token
TIME = r"(?:\s*,?\s*(?:\||в|at|sagat)?\s*(?P<H>\d{1,2})[:.](?P<MI>\d{2})(?!\d))?"
TIME_BEFORE = r"(?:(?P<H0>\d{1,2}):(?P<MI0>\d{2})\s*[|,]?\s*)?"
#: Turkmen possessive/case endings after a day number that follows its month: "iýulyň 3-i",
#: "mart aýynyň 15-ine".
DAY_AFTER_MONTH = r"-?(?:i|y|si|sy|ine|yna|sine|syna|inde|ynda|sinde|synda|den|dan|e|a)"


@dataclass(frozen=True)
class _Grammar:
    locales: tuple[str, ...]
    month_lookup: dict[str, tuple[int, str]]
    weekday_lookup: dict[str, str]
    #: the alternation of every month (weekday) name, alone: whether a run of letters is one
    month: re.Pattern[str]
    weekday: re.Pattern[str]
    #: a character that is not a letter but that a letter of a name matches (ignoring case);
    #: None when some name is not all letters (the full shapes are then always used)
    stray: re.Pattern[str] | None

    def patterns(self, text: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """The shapes to match ``text`` with, in their order (see the module docstring)."""
        if self.stray is None or self.stray.search(text) or _named_patterns.cache_info().currsize >= NAMED_SHAPE_SETS:
            return _full_patterns(self.locales)
        runs = set(LETTER_RUN_RE.findall(text))
        months = tuple(sorted(run for run in runs if self.month.fullmatch(run)))
        weekdays = tuple(sorted(run for run in runs if self.weekday.fullmatch(run)))
        return _named_patterns(months, weekdays)


def _shapes(month: str, weekday: str) -> list[tuple[str, str]]:
    m1 = rf"(?P<m>{month})\.?"
    wd = rf"(?:(?P<wd>{weekday})\.?,?\s+)?"
    wd_after = rf"(?:,?\s+(?P<wd2>{weekday}){E})?"
    year = rf"(?P<y>\d{{4}})(?:-?(?:nji|njy|inji|ynjy))?(?:\s*{YW})?"
    # A Turkmen year phrase before the days of a range: "2023-nji ýylyň 8-9-njy iýun aralygynda".
    # The year needs its ordinal or year word here, so that "2021 3-5 мая" is not read as one.
    year_first = rf"(?:(?P<y0>\d{{4}})(?:-?(?:nji|njy|inji|ynjy)(?:\s*{YW})?|\s*{YW})\s+)?"
    day = rf"(?P<d>\d{{1,2}}){ORD}?\.?"
    return [
        ("iso", rf"{B}(?P<y>\d{{4}})-(?P<mo>\d{{2}})-(?P<d>\d{{2}})(?:[T ](?P<H>\d{{2}}):(?P<MI>\d{{2}})(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?(?!\d)"),
        ("years", rf"{B}(?P<y>\d{{4}})\s*[-–—/]\s*(?P<y2>\d{{4}})(?:-?(?:nji|njy)\s*ýyl\w*|\s*(?:гг|годы|годах)\.?|\s*years)?{E}"),
        ("day_range", rf"{B}{year_first}{wd}(?P<d>\d{{1,2}}){ORD}?{SEP}(?P<d2>\d{{1,2}}){ORD}?\.?\s+{m1}(?:,?\s+{year})?(?:\s+{grammar.RANGE_WORD})?{E}"),
        ("month_day_range", rf"{B}{m1}\s+(?P<d>\d{{1,2}}){ORD}?{SEP}(?P<d2>\d{{1,2}}){ORD}?,?(?:\s+{year})?{E}"),
        ("cross_range", rf"{B}{year_first}(?P<d>\d{{1,2}}){ORD}?\.?\s+(?P<m>{month})\.?(?:\s+(?P<y>\d{{4}}))?(?P<sep>{SEP}|\s+)(?P<d2>\d{{1,2}}){ORD}?\.?\s+(?P<m2>{month})\.?(?:,?\s+(?P<y2>\d{{4}})(?:\s*{YW})?)?(?:\s+{grammar.RANGE_WORD})?{E}"),
        ("ymd_tk", rf"{B}(?P<y>\d{{4}})(?:-?(?:nji|njy|inji|ynjy))?\s*{YW}?\s+(?P<d>\d{{1,2}}){ORD}?\.?\s+{m1}{E}"),
        ("dmy", rf"{B}{TIME_BEFORE}{wd}{day}\s+(?:of\s+)?{m1},?\s+{year}{wd_after}{TIME}{E}"),
        ("mdy", rf"{B}{wd}{m1}\s+(?P<d>\d{{1,2}}){ORD}?,?\s+{year}{TIME}{E}"),
        ("ymd_tk_month_first", rf"{B}(?P<y>\d{{4}})(?:-?(?:nji|njy|inji|ynjy))?\s*{YW}?\s+{m1}\s+{grammar.MONTH_WORD}\s+(?P<d>\d{{1,2}}){DAY_AFTER_MONTH}{E}"),
        ("md_tk", rf"{B}{m1}\s+(?P<d>\d{{1,2}}){DAY_AFTER_MONTH}{E}"),
        ("m_tk", rf"{B}{m1}\s+{grammar.MONTH_WORD}{E}"),
        ("ymd_numeric", rf"(?<![\d.:/-])(?P<y>\d{{4}})(?P<s>[./])(?P<mo>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}})(?![\d.]\d){TIME}"),
        ("ym_tk", rf"{B}(?P<y>\d{{4}})(?:-?(?:nji|njy|inji|ynjy))?\s*{YW}?\s+{m1}(?:\s+{grammar.MONTH_WORD})?{E}"),
        ("my", rf"{B}(?:(?:в|in|during)\s+)?{m1},?\s+{year}{E}"),
        ("dm", rf"{B}{wd}{day}\s+(?:of\s+)?{m1}{E}"),
        ("md", rf"{B}{wd}{m1}\s+(?P<d>\d{{1,2}}){ORD}?{E}"),
        ("numeric", rf"(?<![\d.:/-]){TIME_BEFORE}(?P<a>\d{{1,2}})(?P<s>[./-])(?P<b>\d{{1,2}})(?P=s)(?P<c>\d{{4}}|\d{{2}})(?![\d.]\d)(?:\s*(?P<yw>ý\.|г\.))?{TIME}"),
    ]


@lru_cache(maxsize=32)
def _grammar(locales: tuple[str, ...]) -> _Grammar:
    month_lookup, weekday_lookup = _lookups(locales)
    names = [*month_lookup, *weekday_lookup]
    stray = None
    if all(LETTER_RUN_RE.fullmatch(name) for name in names):
        letters = "".join(sorted(set("".join(names))))
        stray = re.compile(rf"(?![^\W\d_])[{re.escape(letters)}]", re.IGNORECASE)
    month = re.compile(_alternation(month_lookup), re.IGNORECASE)
    weekday = re.compile(_alternation(weekday_lookup), re.IGNORECASE)
    return _Grammar(locales, month_lookup, weekday_lookup, month, weekday, stray)


def _lookups(locales: tuple[str, ...]) -> tuple[dict[str, tuple[int, str]], dict[str, str]]:
    """Month name → (number, language) and weekday name → language, the first locale first."""
    month_lookup: dict[str, tuple[int, str]] = {}
    weekday_lookup: dict[str, str] = {}
    for locale in locales:
        found: NameTables | None = tables(locale)
        if found is None:
            continue
        for name, number in found.months.items():
            month_lookup.setdefault(name, (number, found.locale))
        for name in found.weekdays:
            weekday_lookup.setdefault(name, found.locale)
    return month_lookup, weekday_lookup


@lru_cache(maxsize=32)
def _full_patterns(locales: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Every shape with the alternations of all the locales' names."""
    month_lookup, weekday_lookup = _lookups(locales)
    return _compiled(_alternation(month_lookup), _alternation(weekday_lookup))


@lru_cache(maxsize=NAMED_SHAPE_SETS)
def _named_patterns(months: tuple[str, ...], weekdays: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The shapes with alternations of exactly these runs of a text (matched as written); the
    shapes with a month are left out when there is none."""
    return _compiled(_literal_alternation(months), _literal_alternation(weekdays), with_month=bool(months))


def _compiled(month: str, weekday: str, *, with_month: bool = True) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _shapes(month, weekday) if with_month or "(?P<m>" not in pattern
    )


def _literal_alternation(runs: tuple[str, ...]) -> str:
    return "(?-i:" + "|".join(map(re.escape, runs)) + ")" if runs else NO_NAME


def _alternation(names: Mapping[str, object]) -> str:
    """A regex matching any of ``names``, as a trie: shared prefixes are tried once, which
    makes the month alternation (~1,000 inflected forms) about 10x faster than a flat one."""
    trie: dict[str, dict] = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return f"(?:{body})?"
    return body


def locales_for(lang: str | None) -> tuple[str, ...]:
    if not lang:
        return DEFAULT_LOCALES
    return tuple(dict.fromkeys([primary(lang), *DEFAULT_LOCALES]))


def candidates(text: str, lang: str | None) -> Iterator[DateValue]:
    """Every date reading of ``text`` (overlapping; the caller chooses), with spans and texts
    in ``text`` itself.

    The shapes are matched on a copy whose whitespace runs are squeezed to their first
    character: the shapes' ``\\s*[|,]?\\s*`` and ``\\s*{YW}?\\s+`` backtrack over every split
    of a run, so a run of 2,000 spaces after "12:30" took 1.8 s (quadratic in the run).
    Every ``\\s`` in the shapes reads one whitespace character as it reads many.
    """
    squeezed = _Squeezed(text)
    for value in _candidates(squeezed.text, lang):
        yield squeezed.original(value, text)


class _Squeezed:
    """``text`` with each run of two or more whitespace characters cut to its first one, and
    the way back to offsets in ``text``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cuts: list[int] = []  # squeezed offset of each run's kept character
        self.removed: list[int] = []  # characters removed up to and including that run
        if WHITESPACE_RUN_RE.search(text) is None:
            return
        pieces: list[str] = []
        last = removed = 0
        for match in WHITESPACE_RUN_RE.finditer(text):
            start, end = match.span()
            pieces.append(text[last : start + 1])
            self.cuts.append(start - removed)
            removed += end - start - 1
            self.removed.append(removed)
            last = end
        pieces.append(text[last:])
        self.text = "".join(pieces)

    def offset(self, position: int) -> int:
        runs_before = bisect_left(self.cuts, position)
        return position + (self.removed[runs_before - 1] if runs_before else 0)

    def original(self, value: DateValue, text: str) -> DateValue:
        if not self.cuts:
            return value
        start, end = self.offset(value.span[0]), self.offset(value.span[1])
        return replace(value, span=(start, end), text=text[start:end])


def _candidates(text: str, lang: str | None) -> Iterator[DateValue]:
    has_digit = any(char.isdigit() for char in text)
    if not has_digit and "aý" not in text.lower() and "ay" not in text.lower():
        return  # without a number only "… aýynda" (m_tk) can be a date
    grammar_ = _grammar(locales_for(lang))
    found: list[DateValue] = []
    impossible: list[tuple[int, int]] = []
    for shape, pattern in grammar_.patterns(text):
        if not has_digit and shape not in WORDS_ONLY_SHAPES:
            continue
        for match in pattern.finditer(text):
            value = _read(shape, match, grammar_, lang, text)
            if value is not None:
                found.append(value)
            elif _names_a_day(shape, match):
                impossible.append(match.span())
    # "30 февраля 2021" is an impossible date, not the month "февраля 2021".
    inside_impossible = _Containment(impossible)
    for value in found:
        if not inside_impossible.strictly_contains(value.span):
            yield value


def _names_a_day(shape: str, match: re.Match[str]) -> bool:
    """Whether an unreadable match spelled out a full day (so its parts must not be read alone)."""
    return shape in ("dmy", "mdy", "numeric", "iso", "ymd_tk") and bool(match.group("d") if "d" in match.re.groupindex else match.group("a"))


class _Containment:
    """Whether a span lies inside one of ``spans`` without being equal to it, in O(log n) a
    question: the spans sorted by start, with the furthest end reached by those starting
    before each position (a scan of every span per question made ``find`` quadratic)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.ends = [end for _, end in ordered]
        self.reach = list(accumulate(self.ends, max))

    def strictly_contains(self, span: tuple[int, int]) -> bool:
        start, end = span
        before = bisect_left(self.starts, start)  # spans starting strictly before ``start``
        if before and self.reach[before - 1] >= end:
            return True
        same = bisect_right(self.starts, start)  # spans starting at ``start``: the longest is last
        return same > before and self.ends[same - 1] > end


def find(text: str, lang: str | None) -> list[DateValue]:
    """Non-overlapping dates, longest first at each position, in text order.

    The characters already taken are marked in a bytearray, so each candidate is checked and
    marked in the length of its own span: linear in the text (each shape's matches do not
    overlap one another, so the spans add up to at most one text length per shape).
    """
    chosen: list[DateValue] = []
    taken = bytearray(len(text))
    for value in sorted(candidates(text, lang), key=lambda v: (-(v.span[1] - v.span[0]), v.span[0])):
        start, end = value.span
        if taken.find(1, start, end) == -1:
            taken[start:end] = b"\x01" * (end - start)
            chosen.append(value)
    return sorted(chosen, key=lambda v: v.span)


def _read(shape: str, match: re.Match[str], grammar_: _Grammar, lang: str | None, text: str) -> DateValue | None:
    groups = match.groupdict()
    span = match.span()
    if shape == "numeric":
        return _read_numeric(groups, lang, span, text)
    if shape in ("iso", "ymd_numeric"):
        point = Point(int(groups["y"]), int(groups["mo"]), int(groups["d"]), _int(groups.get("H")), _int(groups.get("MI")))
        return DateValue.from_points(point, None, lang=None, span=span, text=match.group(0))
    if shape == "years":
        first, last = Point(int(groups["y"])), Point(int(groups["y2"]))
        if not first.year or not last.year or not first.year < last.year <= first.year + 50:
            return None
        return DateValue.from_points(first, last, lang=None, span=span, text=match.group(0))
    month, month_lang = _month(groups.get("m"), grammar_, lang)
    if month is None:
        return None
    year = _int(groups.get("y") or groups.get("y0"))
    words_lang = month_lang
    if shape == "cross_range":
        return _read_cross_range(groups, grammar_, lang, month, year, span, match.group(0), words_lang)
    if shape in ("day_range", "month_day_range"):
        first = Point(year, month, int(groups["d"]))
        last = Point(year, month, int(groups["d2"]))
        return DateValue.from_points(first, last, lang=words_lang, span=span, text=match.group(0))
    day = _int(groups.get("d"))
    hour = _int(groups.get("H")) if groups.get("H") is not None else _int(groups.get("H0"))
    minute = _int(groups.get("MI")) if groups.get("MI") is not None else _int(groups.get("MI0"))
    point = Point(year, month, day, hour, minute)
    return DateValue.from_points(point, None, lang=words_lang, span=span, text=match.group(0))


def _read_cross_range(
    groups: dict[str, str | None], grammar_: _Grammar, lang: str | None, month: int, year: int | None,
    span: tuple[int, int], text: str, words_lang: str,
) -> DateValue | None:
    month2, _ = _month(groups.get("m2"), grammar_, lang)
    if month2 is None:
        return None
    if not (groups.get("sep") or "").strip() and not normalise(groups["m"] or "").endswith(ABLATIVE_ENDINGS):
        return None
    year2 = _int(groups.get("y2"))
    first = Point(year if year is not None else year2, month, int(groups["d"] or 0))
    last = Point(year2 if year2 is not None else year, month2, int(groups["d2"] or 0))
    return DateValue.from_points(first, last, lang=words_lang, span=span, text=text)


def _read_numeric(groups: dict[str, str | None], lang: str | None, span: tuple[int, int], text: str) -> DateValue | None:
    a, b, c = int(groups["a"] or 0), int(groups["b"] or 0), groups["c"] or ""
    year = int(c) if len(c) == 4 else (2000 + int(c) if int(c) < TWO_DIGIT_PIVOT else 1900 + int(c))
    month_first = lang is not None and (lang in MONTH_FIRST or lang.replace("-", "_") in MONTH_FIRST)
    day, month = (b, a) if month_first else (a, b)
    ambiguous = a <= 12 and b <= 12 and a != b
    if month > 12 and day <= 12:
        day, month, ambiguous = month, day, False
    hour = _int(groups.get("H")) if groups.get("H") is not None else _int(groups.get("H0"))
    minute = _int(groups.get("MI")) if groups.get("MI") is not None else _int(groups.get("MI0"))
    point = Point(year, month, day, hour, minute)
    matched = text[span[0] : span[1]]
    written_in = YEAR_WORD_LANG.get(groups.get("yw") or "") or (primary(lang) if lang else None)
    return DateValue.from_points(point, None, lang=written_in, span=span, text=matched, ambiguous_order=ambiguous)


def _month(token: str | None, grammar_: _Grammar, lang: str | None) -> tuple[int | None, str]:
    if not token:
        return None, ""
    found = grammar_.month_lookup.get(normalise(token))
    if found is None:
        return None, ""
    number, month_lang = found
    return number, month_lang


def _int(text: str | None) -> int | None:
    return int(text) if text else None
