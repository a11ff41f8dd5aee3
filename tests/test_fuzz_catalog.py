"""Property tests of the PO reader, writer and compiler (the catalog's fuzz layer).

(a) Any text or bytes given as a PO file gives a catalog (written back byte for byte) or the
documented :class:`CatalogError` naming the file and line, never another exception; whatever
parses, ``check`` and ``compile`` handle, and a compiled ``.mo`` loads in ``gettext``.
(b) Generated valid catalogs (contexts, plurals, quotes, backslashes, newlines, tabs, Turkmen
letters, flags, comments, previous msgids, obsolete entries) round-trip through our writer and
reader, and polib reads our output the same way. (c) Their ``.mo`` gives every translation back.
"""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tmcontent.catalog import Catalog, Entry, catalog_stats, check_catalog, dumps_po, mo_bytes, parse_po, read_po
from tmcontent.catalog.stats import count_words
from tmcontent.errors import CatalogError

NAME = "fuzz.po"
HEADER = Entry(msgid="", msgstr="Language: tk\nContent-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n")
# Text of messages: Turkmen and Russian letters, quotes, backslashes, newlines, tabs, spaces,
# punctuation, and other Unicode (line separators included); no NUL, which is refused.
LETTERS = "abcdeýžňöüçşäAÄÇŇÖŞÜÝŽабвгдеёжПРС0123456789"
TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(list(LETTERS + ' "\\\n\t.,:;!?-«»…')), st.characters(min_codepoint=0x20, exclude_characters="\x7f", exclude_categories=("Cs",))),
    max_size=40,
)
MSGID = TEXT.filter(bool)
COMMENT = st.text(alphabet=st.sampled_from(list(LETTERS + " .,:;!?-«»")), max_size=30).map(str.strip).filter(bool)
FLAG = st.sampled_from(["fuzzy", "python-format", "python-brace-format", "no-wrap", "c-format"])
REFERENCE = st.from_regex(r"[a-z]{1,8}/[a-z_]{1,10}\.py:[1-9][0-9]{0,3}", fullmatch=True)
PO_LINE = st.one_of(
    st.sampled_from(['msgid ""', 'msgstr ""', 'msgid "a"', 'msgstr "b"', 'msgctxt "c"', 'msgid_plural "p"', 'msgstr[0] "x"',
                     'msgstr[1] "y"', '"continued"', "#, fuzzy", "#| msgid \"old\"", "#~ msgid \"gone\"", '#~ msgstr "z"',
                     "# comment", "#: a.py:1", "#. note", "", '"Plural-Forms: nplurals=2; plural=n;\\n"', '"bad \\q"', '"open']),
    st.text(max_size=20),
)
PO_TEXT = st.lists(PO_LINE, max_size=25).flatmap(
    lambda lines: st.sampled_from(["\n", "\r\n", "\r"]).map(lambda newline: newline.join(lines))
)
LOCATION_RE = re.compile(rf"^{re.escape(NAME)}(:\d+)?: \S")


def _consistent(catalog: Catalog) -> None:
    """What every catalog that parsed must allow: stats, check, and a compile that either is
    refused with our error or gives a .mo gettext loads."""
    catalog_stats(catalog)
    check_catalog(catalog)
    try:
        data = mo_bytes(catalog)
    except CatalogError as error:
        assert LOCATION_RE.match(str(error)), str(error)
        return
    gettext.GNUTranslations(io.BytesIO(data))


@given(PO_TEXT)
def test_any_text_is_a_catalog_or_a_located_error(text: str) -> None:
    try:
        catalog = parse_po(text, NAME)
    except CatalogError as error:
        assert LOCATION_RE.match(str(error)), str(error)
        return
    assert dumps_po(catalog) == text  # what is read is written back byte for byte
    _consistent(catalog)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300) | PO_TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")))
def test_any_bytes_are_a_catalog_or_a_located_error(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / NAME
    path.write_bytes(data)
    try:
        catalog = read_po(path)
    except CatalogError as error:
        assert re.match(rf"^{re.escape(str(path))}(:\d+)?: \S", str(error)), str(error)
        return
    _consistent(catalog)


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    plural = draw(st.booleans())
    obsolete = draw(st.integers(0, 5)) == 0
    entry = Entry(
        msgid=draw(MSGID),
        msgctxt=draw(st.none() | TEXT),
        translator_comments=draw(st.lists(COMMENT, max_size=2)),
        extracted_comments=[] if obsolete else draw(st.lists(COMMENT, max_size=2)),
        references=[] if obsolete else draw(st.lists(REFERENCE, max_size=3)),
        flags=draw(st.lists(FLAG, max_size=2, unique=True)),
        previous_msgid=draw(st.none() | MSGID),
        obsolete=obsolete,
    )
    if plural:
        entry.msgid_plural = draw(MSGID)
        entry.msgstr_plural = {0: draw(TEXT), 1: draw(TEXT)}
    else:
        entry.msgstr = draw(TEXT)
    if entry.previous_msgid is not None:
        entry.previous_msgctxt = draw(st.none() | TEXT)
    return entry


CATALOGS = st.lists(entries(), max_size=6, unique_by=lambda e: (e.msgctxt, e.msgid, e.obsolete)).map(
    lambda found: Catalog([HEADER, *found], ["", *["\n"] * len(found), ""], NAME)
)


@given(CATALOGS)
def test_generated_catalogs_round_trip_through_writer_and_reader(catalog: Catalog) -> None:
    text = dumps_po(catalog)
    again = parse_po(text, NAME)
    assert [e.fields() for e in again.entries] == [e.fields() for e in catalog.entries]
    assert dumps_po(again) == text


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(catalog=CATALOGS.filter(lambda c: "\a" not in dumps_po(c)))  # polib does not unescape \a
def test_polib_reads_our_output_as_we_do(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / NAME
    path.write_text(dumps_po(catalog), encoding="utf-8")
    theirs = {(e.msgctxt, e.msgid, e.obsolete): e for e in polib.pofile(str(path))}
    ours = [e for e in read_po(path).entries if e.msgid]
    assert len(theirs) == len(ours)
    for entry in ours:
        other = theirs[(entry.msgctxt, entry.msgid, entry.obsolete)]
        assert other.msgid_plural == (entry.msgid_plural or "")
        if entry.msgid_plural is None:
            assert other.msgstr == entry.msgstr
        else:
            assert other.msgstr_plural == entry.msgstr_plural
        assert other.flags == entry.flags
        if not entry.obsolete:
            assert other.tcomment == "\n".join(entry.translator_comments)
            assert other.comment == "\n".join(entry.extracted_comments)
            assert other.previous_msgid == entry.previous_msgid
            assert other.previous_msgctxt == entry.previous_msgctxt


PLAIN = st.text(alphabet=st.sampled_from(list(LETTERS + ' "\\\n\t.,:;!?-«»…')), min_size=1, max_size=40)


@st.composite
def translated(draw: st.DrawFn) -> Entry:
    """An entry that compiles: translated, not fuzzy; no placeholders to disagree about."""
    entry = Entry(msgid=draw(PLAIN), msgctxt=draw(st.none() | PLAIN))
    if draw(st.booleans()):
        entry.msgid_plural = draw(PLAIN)
        entry.msgstr_plural = {0: draw(PLAIN), 1: draw(PLAIN)}
    else:
        entry.msgstr = draw(PLAIN)
    return entry


@given(st.lists(translated(), min_size=1, max_size=6, unique_by=lambda e: (e.msgctxt, e.msgid)))
def test_compiled_catalogs_give_every_translation_back(found: list[Entry]) -> None:
    catalog = parse_po(dumps_po(Catalog([HEADER, *found], ["", *["\n"] * len(found), ""], NAME)), NAME)
    loaded = gettext.GNUTranslations(io.BytesIO(mo_bytes(catalog)))
    for entry in catalog.messages:
        if entry.msgid_plural is None:
            got = loaded.gettext(entry.msgid) if entry.msgctxt is None else loaded.pgettext(entry.msgctxt, entry.msgid)
            assert got == entry.msgstr
        else:
            for n, form in ((1, 0), (2, 1)):
                args = (entry.msgid, entry.msgid_plural, n)
                got = loaded.ngettext(*args) if entry.msgctxt is None else loaded.npgettext(entry.msgctxt, *args)
                assert got == entry.msgstr_plural[form]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_changed_entries_take_the_files_line_ending(newline: str) -> None:
    catalog = parse_po(dumps_po(Catalog([HEADER, Entry(msgid="a", msgstr="b")], ["", "\n", ""], NAME)).replace("\n", newline))
    catalog.entries[1].msgstr = "changed\nline"
    text = dumps_po(catalog)
    assert set(re.findall(r"\r\n|\r|\n", text)) == {newline}


@given(st.text(alphabet=st.one_of(st.sampled_from(list(LETTERS + " _\n\t.-'ʻ")), st.characters()), max_size=200))
def test_words_are_counted_as_runs_of_word_characters(text: str) -> None:
    assert count_words(text) == len(re.findall(r"\w+", text))
