"""Property tests of date reading: any text is read without an error, found dates sit inside
the text in order without overlapping, and every date the formatter writes reads back."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tmcontent.dates import find_dates, format_date, parse_date

LANGS = st.sampled_from([None, "tk", "ru", "en", "en-US", "uz"])
#: Pieces that date expressions are made of, so that random texts come close to dates often.
PIECES = st.sampled_from(
    [
        "1", "12", "2023", "31", "-nji", "-njy", "ý.", "г.", "года", "mart", "noýabr", "aýynda", "ýylyň",
        "марта", "ноября", "March", "Nov.", "Monday", "Duşenbe", "понедельник", "–", "-", "/", ".", ":", ",",
        "12:30", " ", "  ", "\n", "\t", "|", "we", "и", "and", "to", "aralygynda", "«", "»", "\x00", "\ud800",
    ]
)
TEXTS = st.one_of(st.text(max_size=200), st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=40).map("".join))


@given(TEXTS, LANGS)
def test_find_dates_spans_are_ordered_in_bounds_and_apart(text: str, lang: str | None) -> None:
    found = find_dates(text, lang=lang)
    previous_end = 0
    for value in found:
        start, end = value.span
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == value.text
        previous_end = end
        if value.start is not None and value.end is not None:
            assert value.start <= value.end


@given(TEXTS, LANGS)
def test_parse_date_reads_any_text(text: str, lang: str | None) -> None:
    value = parse_date(text, lang=lang)
    if value is not None:
        start, end = value.span
        assert 0 <= start < end <= len(text) and text[start:end] == value.text


@given(
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31)),
    st.sampled_from(["tk", "ru", "en"]),
    st.sampled_from(["medium", "long", "full", "ordinal"]),
)
def test_a_formatted_date_reads_back_as_the_same_date(date: dt.date, locale: str, width: str) -> None:
    text = format_date(date, locale=locale, format=width)
    value = parse_date(text, lang=locale)
    assert value is not None, text
    assert (value.start, value.end, value.precision) == (date, date, "day"), text
    assert value.lang in (locale, None)


@given(TEXTS, LANGS, st.dates())
def test_a_reference_only_gives_a_missing_year_and_never_more_than_half_a_year_ahead(text: str, lang: str | None, reference: dt.date) -> None:
    plain = parse_date(text, lang=lang)
    value = parse_date(text, lang=lang, reference=reference)
    if plain is None or plain.start is not None:
        assert value == plain  # nothing to resolve
        return
    assert value is not None
    if value.start is None:  # no year a date may have (1000–2999) near the reference
        assert value == plain and not 1000 <= reference.year <= 2999
        return
    assert (value.span, value.text, value.lang, value.precision) == (plain.span, plain.text, plain.lang, plain.precision)
    assert [part[4:] for part in value.iso.split("/")] == [part[1:] for part in plain.iso.split("/")]  # "--02-24" → "2024-02-24"
    if plain.iso[:7] != "--02-29" and 1001 <= reference.year <= 2998:
        assert (value.start - reference).days <= 183
