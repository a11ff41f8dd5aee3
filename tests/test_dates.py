"""Dates in Turkmen, Russian and English press: reading, finding, writing."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import subprocess
import sys

import pytest
from babel.dates import format_date as babel_format_date

from tmcontent.dates import find_dates, format_date, ordinal_suffix, parse_date, parser

FORMS = [
    # Turkmen
    ("03 aprel 2021", "2021-04-03", "tk"),
    ("3 Aprel 2021", "2021-04-03", "tk"),
    ("2021-nji ýylyň 3-nji aprelinde", "2021-04-03", "tk"),
    ("2021-nji ýylyň 3-nji apreli", "2021-04-03", "tk"),
    ("2023-nji ýylyň 24-nji fewralynda geçirildi", "2023-02-24", "tk"),
    ("3-nji aprelde", "--04-03", "tk"),
    ("3-nji aprelden", "--04-03", "tk"),
    ("5-nji aprele", "--04-05", "tk"),
    ("5-6-njy maý aralygynda", "--05-05/--05-06", "tk"),
    ("10 — 12-nji oktýabry aralygynda", "--10-10/--10-12", "tk"),
    ("3-nji aprelden 5-nji aprele", "--04-03/--04-05", "tk"),
    ("her ýylyň 3-nji apreli", "--04-03", "tk"),
    ("2021-nji ýylyň aprel aýynda", "2021-04", "tk"),
    ("mart aýynda", "--03", "tk"),
    ("2022-nji ýylyň mart aýynyň 15-ine çenli", "2022-03-15", "tk"),
    ("3-nji iýulda, sagat 10:00-da", "--07-03", "tk"),
    ("5 mart 2024, sagat 10:00", "2024-03-05T10:00", "tk"),
    ("Ol 1-nji iyunda açyldy", "--06-01", "tk"),
    ("12 mayda", "--05-12", "tk"),
    ("27 NOÝABR 2023", "2023-11-27", "tk"),
    ("penşenbe, 7 dekabr 2023", "2023-12-07", "tk"),
    # Russian
    ("3 апреля 2021", "2021-04-03", "ru"),
    ("3 апреля 2021 г.", "2021-04-03", "ru"),
    ("3 апреля 2021 года", "2021-04-03", "ru"),
    ("03 Апрель 2021 г., 12:31", "2021-04-03T12:31", "ru"),
    ("3 апр. 2021", "2021-04-03", "ru"),
    ("3 апр 2021, 12:31", "2021-04-03T12:31", "ru"),
    ("в апреле 2021 года", "2021-04", "ru"),
    ("3–5 апреля", "--04-03/--04-05", "ru"),
    ("Ашхабад, 11 сентября 2022 года —", "2022-09-11", "ru"),
    # English
    ("3 April 2021", "2021-04-03", "en"),
    ("April 3, 2021", "2021-04-03", "en"),
    ("Saturday, April 3, 2021", "2021-04-03", "en"),
    ("Apr. 3", "--04-03", "en"),
    ("Sept. 3", "--09-03", "en"),
    ("3rd April 2021", "2021-04-03", "en"),
    ("3 april 2021", "2021-04-03", "en"),
    ("Ashgabat, 3 April 2021 -", "2021-04-03", "en"),
    ("August 25, 2020 Ashgabat, Turkmenistan –", "2020-08-25", "en"),
    ("///nCa, 7 March 2025", "2025-03-07", "en"),
    ("June 8-9, 2023", "2023-06-08/2023-06-09", "en"),
    ("8–9 June 2023", "2023-06-08/2023-06-09", "en"),
    ("In February 2010 the office opened", "2010-02", "en"),
    ("14:05, 3 June 2022", "2022-06-03T14:05", "en"),
    # Numeric and machine forms
    ("2021-04-03T12:31:00+05:00", "2021-04-03T12:31", None),
    ("2020 – 2024-nji ýyllar", "2020/2024", None),
    ("2021/2025", "2021/2025", None),
]


@pytest.mark.parametrize(("text", "iso", "lang"), FORMS)
def test_reads_press_forms(text: str, iso: str, lang: str | None) -> None:
    value = parse_date(text)
    assert value is not None, text
    assert value.iso == iso
    assert value.lang == lang


@pytest.mark.parametrize(
    ("text", "lang", "iso", "ambiguous"),
    [
        ("03.04.2021", None, "2021-04-03", True),
        ("03-04-21", "tk", "2021-04-03", True),
        ("03/04/2021", "en", "2021-04-03", True),
        ("03/04/2021", "en-US", "2021-03-04", True),
        ("25.12.2023", None, "2023-12-25", False),
        ("12/25/2023", "en", "2023-12-25", False),
        ("03.04.2021 | 12:31", None, "2021-04-03T12:31", True),
        ("12:3103.04.2021", None, "2021-04-03T12:31", True),
        ("2022.06.03", None, "2022-06-03", False),
        ("2022/06/03", None, "2022-06-03", False),
    ],
)
def test_numeric_dates_follow_convention_and_flag_ambiguity(text: str, lang: str | None, iso: str, ambiguous: bool) -> None:
    value = parse_date(text, lang=lang)
    assert value is not None
    assert (value.iso, value.ambiguous_order) == (iso, ambiguous)


@pytest.mark.parametrize("text", ["", "mart", "Mart gözel", "Hello world", "31.02.2021", "30 февраля 2021", "UNDP 2030 Agenda", "room 12"])
def test_no_date_is_none(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(("text", "lang"), [("24.02.2023 ý.", "tk"), ("24.02.2023 г.", "ru"), ("24.02.2023", None)])
def test_year_abbreviation_tells_the_language_of_a_numeric_date(text: str, lang: str | None) -> None:
    value = parse_date(text)
    assert value is not None and value.iso == "2023-02-24" and value.lang == lang


def test_missing_year_is_not_invented_without_a_reference() -> None:
    value = parse_date("3-nji aprelde")
    assert value is not None
    assert value.iso == "--04-03" and value.start is None and value.precision == "day"
    resolved = parse_date("3-nji aprelde", reference=dt.date(2024, 1, 1))  # the page's date: April ahead
    assert resolved is not None and resolved.iso == "2024-04-03" and resolved.precision == "day"


def test_month_precision_has_a_calendar_range() -> None:
    value = parse_date("2024-nji ýylyň fewral aýynda")
    assert value is not None
    assert (value.start, value.end, value.precision) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month")


@pytest.mark.parametrize("locale", ["en", "tk", "ru"])
@pytest.mark.parametrize("width", ["medium", "long", "full"])
def test_every_babel_format_parses_back(locale: str, width: str) -> None:
    for year in (2021, 2024):
        for month in range(1, 13):
            for day in (1, 9, 28):
                date = dt.date(year, month, day)
                text = babel_format_date(date, width, locale=locale)
                value = parse_date(text, lang=locale)
                assert value is not None and value.start == date, (text, value)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2023-nji ýylyň 8-9-njy iyun aralygynda", "2023-06-08/2023-06-09"),
        ("2023-nji ýylyň 18-19-njy maýynda", "2023-05-18/2023-05-19"),
        ("2023-nji ýylyň 8-9-njy ýýunda", "2023-06-08/2023-06-09"),
        ("2023-nji ýylyň 8-9-njy iýunynda", "2023-06-08/2023-06-09"),
        ("2023-nji ýylyň 8–9-njy iýunynda", "2023-06-08/2023-06-09"),
        ("2023-nji ýylyň 8 — 9-njy iýun aralygynda", "2023-06-08/2023-06-09"),
        ("2024 ý. 3-5 mart aralygynda", "2024-03-03/2024-03-05"),
        ("2023-nji ýylyň 30-njy maýyndan 2-nji iýuna", "2023-05-30/2023-06-02"),
        ("12 ýýul 2022", "2022-07-12"),
    ],
)
def test_a_year_phrase_before_a_day_range_keeps_its_year(text: str, iso: str) -> None:
    sentence = f"Maslahat {text} Aşgabatda geçirildi."
    value = parse_date(text)
    assert value is not None and (value.iso, value.lang, value.span) == (iso, "tk", (0, len(text)))
    found = find_dates(sentence)
    assert [(v.iso, v.text) for v in found] == [(iso, text)]


def test_a_bare_year_before_a_day_range_is_not_its_year() -> None:
    value = parse_date("2021 3-5 мая")
    assert value is not None and value.iso == "--05-03/--05-05"


def test_find_dates_in_a_paragraph_with_spans() -> None:
    text = "Ashgabat, 3 April 2021: the forum (5-6-njy maý aralygynda) follows the 2020–2024 plan signed on 12.01.2020."
    found = find_dates(text)
    assert [value.iso for value in found] == ["2021-04-03", "--05-05/--05-06", "2020/2024", "2020-01-12"]
    for value in found:
        start, end = value.span
        assert text[start:end] == value.text


def test_format_in_each_locale() -> None:
    day = dt.date(2023, 11, 27)
    assert format_date(day, locale="tk") == "27 noýabr 2023"
    assert format_date(day, locale="ru") == "27 ноября 2023\u202fг."  # CLDR: narrow no-break space
    assert format_date(day, locale="en") == "November 27, 2023"
    assert format_date(dt.datetime(2025, 3, 6, 12, 0), locale="tk", format="ordinal") == "6-njy mart 2025 ý."
    value = parse_date("27 noýabr 2023")
    assert value is not None and format_date(value, locale="ru", format="full") == "понедельник, 27 ноября 2023\u202fг."
    with pytest.raises(ValueError, match="not a full calendar date"):
        format_date(parse_date("2021-nji ýylyň aprel aýynda"), locale="en")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("number", "written", "spelled"),
    [(1, "nji", "inji"), (3, "nji", "ünji"), (6, "njy", "njy"), (9, "njy", "ynjy"), (10, "njy", "unjy"), (20, "nji", "nji"),
     (30, "njy", "ynjy"), (40, "njy", "ynjy"), (2023, "nji", "ünji"), (100, "nji", "ünji")],
)
def test_turkmen_ordinal_suffix_follows_vowel_harmony(number: int, written: str, spelled: str) -> None:
    assert ordinal_suffix(number) == written
    assert ordinal_suffix(number, written=False) == spelled


def test_bad_arguments() -> None:
    with pytest.raises(TypeError, match="expected a str"):
        parse_date(20210403)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown date format"):
        format_date(dt.date(2021, 1, 1), locale="en", format="weird")


def test_other_cldr_locale_costs_no_code() -> None:
    value = parse_date("3 aprel 2021", lang="uz")
    assert value is not None and value.iso == "2021-04-03"


def test_cli_prints_one_json_object_per_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tmcontent.cli", "dates", "--lang", "tk"],
        input="27 noýabr 2023\nnothing\n", capture_output=True, text=True, check=True,
    )
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["iso"] == "2023-11-27" and first["lang"] == "tk"
    assert second == {"input": "nothing", "iso": None}


@pytest.mark.parametrize(
    "unit",
    [
        "1 mart ",  # every candidate overlaps others: the overlap check once compared each with all chosen
        "30 февраля 2021 ",  # impossible dates: each reading was checked against every impossible span
    ],
)
def test_find_dates_stays_linear_in_many_dates(unit: str) -> None:
    from scaling import MAX_RATIO, growth_ratio

    ratio = growth_ratio(lambda n: unit * n, lambda text: find_dates(str(text)), 1_000)
    assert ratio < MAX_RATIO, f"4x the text took {ratio:.1f}x the time"


@pytest.mark.parametrize("head", ["12:30", "2020", "1"])
def test_find_dates_stays_linear_in_a_whitespace_run(head: str) -> None:
    # "\s*[|,]?\s*" backtracked over every split of a run: 2,000 spaces after "12:30" took 1.8 s.
    from scaling import MAX_RATIO, growth_ratio

    ratio = growth_ratio(lambda n: (head + " " * n + "x ") * 50, lambda text: find_dates(str(text)), 2_000)
    assert ratio < MAX_RATIO, f"4x the run took {ratio:.1f}x the time"


def test_spans_and_texts_are_in_the_text_when_whitespace_is_squeezed() -> None:
    text = "Opened  on\n\n 3   March    2021, closed 12:30  |  5 May 2022."
    found = find_dates(text)
    assert [value.iso for value in found] == ["2021-03-03", "2022-05-05T12:30"]
    for value in found:
        assert text[value.span[0] : value.span[1]] == value.text


@pytest.mark.parametrize("lang", ["xx", "zz-ZZ", "1", "e n"])
def test_an_unknown_language_is_refused(lang: str) -> None:
    from tmcontent.errors import UnknownLanguageError

    with pytest.raises(UnknownLanguageError, match=r"unknown language .*use tk, ru or en") as caught:
        find_dates("1 mart 2020", lang=lang)
    assert isinstance(caught.value, ValueError) and "\n" not in str(caught.value)
    with pytest.raises(UnknownLanguageError):
        parse_date("1 mart 2020", lang=lang)


def test_cli_refuses_an_unknown_language_in_one_line_before_any_output() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tmcontent.cli", "dates", "--lang", "xx"],
        input="27 noýabr 2023\n", capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("tmcontent: error: unknown language 'xx'") and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("text", "reference", "iso"),
    [
        ("24-nji fewral", dt.date(2024, 3, 1), "2024-02-24"),  # a week ago
        ("24 February", dt.date(2023, 12, 20), "2024-02-24"),  # two months ahead, not ten back
        ("20 June", dt.date(2023, 12, 20), "2023-06-20"),  # six months back, not six ahead
        ("5-nji ýanwarda", dt.date(2023, 12, 20), "2024-01-05"),  # across the new year
        ("20 декабря", dt.date(2024, 1, 5), "2023-12-20"),
        ("mart aýynda", dt.date(2024, 3, 15), "2024-03"),  # a month: the one the reference is in
        ("30 December – 2 January", dt.date(2023, 12, 1), "2023-12-30/2024-01-02"),  # the range ends in the next year
        ("10 — 12-nji oktýabry aralygynda", dt.date(2023, 11, 27), "2023-10-10/2023-10-12"),
        ("29 февраля", dt.date(2022, 6, 1), "2020-02-29"),  # no 29 February within half a year ahead: the last one
        ("3 April 2021", dt.date(2024, 3, 1), "2021-04-03"),  # a year in the text is kept
    ],
)
def test_a_reference_date_gives_a_missing_year(text: str, reference: dt.date, iso: str) -> None:
    value = parse_date(text, reference=reference)
    assert value is not None and value.iso == iso
    first = iso.split("/")[0]
    assert value.start == dt.date.fromisoformat(first if len(first) == 10 else first + "-01")
    without = parse_date(text)
    assert without is not None and (without.span, without.text, without.precision) == (value.span, value.text, value.precision)


def test_a_reference_may_be_a_datetime_and_must_be_a_date() -> None:
    assert parse_date("24 February", reference=dt.datetime(2024, 1, 1, 23, 59)).iso == "2024-02-24"  # type: ignore[union-attr]
    assert parse_date("24 February").iso == "--02-24"  # type: ignore[union-attr]
    with pytest.raises(TypeError, match=r"reference must be a datetime\.date, not str"):
        parse_date("24 February", reference="2024-01-01")  # type: ignore[arg-type]


def _matches(patterns: tuple[tuple[str, re.Pattern[str]], ...], text: str) -> list[tuple[str, tuple[int, int], dict[str, str | None]]]:
    return [(shape, match.span(), match.groupdict()) for shape, pattern in patterns for match in pattern.finditer(text)]


def _texts_with_names() -> list[str]:
    """Our own sentences and generated date phrases with every kind of name, in odd cases and
    glued to digits, dots and underscores (where the shapes' boundaries are tested)."""
    grammar_ = parser._grammar(parser.DEFAULT_LOCALES)
    rng = random.Random(11)
    months, weekdays = sorted(grammar_.month_lookup), sorted(grammar_.weekday_lookup)
    forms = [
        "{d} {m} {y}", "{m} {d}, {y}", "{y}-nji ýylyň {d}-nji {m}", "{m} aýynda", "{d}-{d2} {m} {y}", "{d} {m} – {d2} {m2} {y}",
        "{w}, {d} {m} {y} 12:30", "{w} {m} {d}, {y}", "{y} ý. {d} {m}", "{m} {d}-i", "{m}, {y}", "в {m} {y} года", "{d}{m}{y}",
        "{d} {m}{y}", "x{m} {d}", "{d}.{m}.{y}", "{w}{d} {m}", "12:30{w}, {d} {m} {y}", "{d} {m}. {y}", "{d} of {m} {y}",
        "{m}{d}", "{d} {m}_x", "{d} {m}ý {y}", "{d} {m}{m2} {y}", "{d} {m} {m2} {y}", "{d}-{m} {y}", "Ol {d} {m}dan {d2} {m2}a çenli",
    ]
    cases = [str, str.upper, str.title, str.capitalize]
    texts = [
        "Mary, March 12, 2024: Thirty young specialists met on Tuesday, 14 March 2024 at 10:00.",
        "2023-nji ýylyň 24-nji fewralynda, anna güni, 5-6-njy maý aralygynda we mart aýynda",
        "Встреча прошла 3 апреля 2021 г., в среду, а итоги подведут в мае 2021 года.",
    ]
    for _ in range(300):
        month, other, weekday = rng.choice(months), rng.choice(months), rng.choice(weekdays)
        case = rng.choice(cases)
        texts.append(rng.choice(forms).format(
            d=rng.randint(0, 33), d2=rng.randint(0, 33), m=case(month), m2=other, y=rng.choice([1999, 2023, 20]), w=case(weekday)))
    return texts


def test_shapes_with_a_texts_own_names_match_as_the_full_shapes() -> None:
    """The parser matches a text with shapes whose name alternations hold only the text's own
    names (see tmcontent.dates.parser): every shape finds the same matches, with the same
    groups, as with the alternation of every name."""
    grammar_ = parser._grammar(parser.DEFAULT_LOCALES)
    full = parser._full_patterns(parser.DEFAULT_LOCALES)
    compared = 0
    for text in _texts_with_names():
        if grammar_.stray is not None and grammar_.stray.search(text):
            continue
        runs = set(parser.LETTER_RUN_RE.findall(text))
        months = tuple(sorted(run for run in runs if grammar_.month.fullmatch(run)))
        weekdays = tuple(sorted(run for run in runs if grammar_.weekday.fullmatch(run)))
        expected = _matches(full, text)
        assert _matches(parser._named_patterns(months, weekdays), text) == expected, text
        compared += bool(expected)
    parser._named_patterns.cache_clear()
    assert compared > 180  # most generated phrases hold a date


def test_a_names_letters_match_letters_only() -> None:
    """What the small shapes rest on: ignoring case, a letter of a tk/ru/en month or weekday
    name matches no character outside [^\\W\\d_] (checked over every code point), so a name in
    a match is a whole run of letters; and a text with such a character uses the full shapes."""
    parser._named_patterns.cache_clear()
    grammar_ = parser._grammar(parser.DEFAULT_LOCALES)
    assert grammar_.stray is not None
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    assert grammar_.stray.search(every) is None
    assert grammar_.patterns("14 Mart 2024") != parser._full_patterns(parser.DEFAULT_LOCALES)
    assert grammar_.patterns("no name 2024") == tuple(p for p in grammar_.patterns("no name 2024") if "(?P<m>" not in p[1].pattern)


def test_a_long_run_goes_over_to_the_full_shapes() -> None:
    parser._named_patterns.cache_clear()
    grammar_ = parser._grammar(parser.DEFAULT_LOCALES)
    names = sorted(grammar_.month_lookup)[: parser.NAMED_SHAPE_SETS + 1]
    for name in names:
        assert grammar_.patterns(f"5 {name} 2020") != parser._full_patterns(parser.DEFAULT_LOCALES) or name == names[-1]
    assert grammar_.patterns("5 mart 2020") is parser._full_patterns(parser.DEFAULT_LOCALES)
    assert parse_date("5 mart 2020").iso == "2020-03-05"
    parser._named_patterns.cache_clear()
