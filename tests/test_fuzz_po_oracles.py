"""Generated PO files against the references (the oracle half of the catalog's fuzz layer).

Each example is PO *text* written here, not by our writer: contexts, plurals, flags, translator
and extracted comments, references, previous msgids (``#|``, also across continuation lines),
obsolete entries (``#~``), strings cut into continuation lines at any point, escapes. (a) Our
reader gives back exactly the fields the text was written from, and polib reads the same (where
polib departs from GNU gettext: :func:`po_oracles.as_polib_reads`). (b) A generated catalog that
compiles gives the ``.mo`` bytes of Babel's ``write_mo`` (same header, Babel's order where it is
the format's) and of GNU ``msgfmt --no-hash`` (but the hash-table offset word).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from po_oracles import as_polib_reads, babel_header, babel_mo, compare_with_polib, mo_table, msgfmt_mo, our_fields

from tmcontent.catalog import mo_bytes, read_po

# Message text: Turkmen and Russian letters, spaces, punctuation, quotes, backslashes and the
# control characters PO escapes (no "%", "{", "<": placeholders are checked, not compiled).
LETTERS = "abcdeýžňöüçşäAÄÇŇÖŞÜÝŽабвгдеёжПРС0123456789"
TEXT = st.text(alphabet=st.sampled_from(list(LETTERS + ' "\\\n\t\r\b\f\v.,:;!?-«»…')), max_size=30)
# Babel's reader leaves "\b", "\f", "\v" (and "\a") as written, where GNU gettext and we read the
# control character, and takes an empty msgctxt for none (GNU: a context, key "\x04msgid"): the
# Babel comparison draws text without them.
BABEL_TEXT = st.text(alphabet=st.sampled_from(list(LETTERS + ' "\\\n\t\r.,:;!?-«»…')), max_size=30)
# msgfmt refuses (even without -c) a msgid and msgstr of which only one begins or ends with a
# newline; we compile them (check warns): the msgfmt comparison draws text without such newlines.
MSGFMT_TEXT = TEXT.map(lambda text: text.strip("\n"))
COMMENT = st.text(alphabet=st.sampled_from(list(LETTERS + " .,:;!?-«»")), max_size=25).map(str.strip)
FLAG = st.sampled_from(["fuzzy", "python-format", "no-wrap", "c-format"])
REFERENCE = st.from_regex(r"[a-z]{1,8}/[a-z_]{1,10}\.py:[1-9][0-9]{0,3}", fullmatch=True)
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f", "\v": "\\v"}
HEADER = 'msgid ""\nmsgstr ""\n"Language: tk\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
SUITE = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _quoted(draw: st.DrawFn, keyword: str, value: str) -> list[str]:
    """``keyword "value"``, the escaped value cut into continuation lines at points drawn (never inside an escape)."""
    pieces = [ESCAPES.get(char, char) for char in value]
    cuts = sorted(set(draw(st.lists(st.integers(0, len(pieces)), max_size=3))))
    strings, start = [], 0
    for cut in [*cuts, len(pieces)]:
        strings.append("".join(pieces[start:cut]))
        start = cut
    if draw(st.booleans()):  # msgcat's layout of a long string: an empty first line
        strings.insert(0, "")
    strings = [strings[0]] + [piece for piece in strings[1:] if piece] or [""]
    return [f'{keyword} "{strings[0]}"', *(f'"{piece}"' for piece in strings[1:])]


@st.composite
def entries(draw: st.DrawFn, text: st.SearchStrategy[str] = TEXT, context: st.SearchStrategy[str] = TEXT) -> tuple[dict[str, Any], str]:
    """The fields of one entry (as :func:`po_oracles.our_fields` gives them) and its PO text."""
    msgid = text.filter(bool)
    obsolete = draw(st.integers(0, 4)) == 0
    plural = draw(st.booleans())
    fields: dict[str, Any] = {
        "msgctxt": draw(st.none() | context), "msgid": draw(msgid), "msgid_plural": draw(msgid) if plural else None,
        "flags": draw(st.lists(FLAG, max_size=2, unique=True)), "translator_comments": draw(st.lists(COMMENT, max_size=2)),
        "extracted_comments": [] if obsolete else draw(st.lists(COMMENT, max_size=2)),
        "references": [] if obsolete else draw(st.lists(REFERENCE, max_size=3)),
        "previous_msgctxt": None, "previous_msgid": draw(st.none() | msgid), "previous_msgid_plural": None, "obsolete": obsolete,
    }
    if fields["previous_msgid"] is not None:
        fields["previous_msgctxt"] = draw(st.none() | text)
        fields["previous_msgid_plural"] = draw(st.none() | msgid) if plural else None
    fields["msgstr"] = None if plural else draw(text)
    fields["msgstr_plural"] = {0: draw(text), 1: draw(text)} if plural else None
    lines = [f"# {c}" if c else "#" for c in fields["translator_comments"]]
    lines += [f"#. {c}" if c else "#." for c in fields["extracted_comments"]]
    if fields["references"]:
        lines.append("#: " + " ".join(fields["references"]))
    if fields["flags"]:
        lines.append("#, " + ", ".join(fields["flags"]))
    for keyword in ("msgctxt", "msgid", "msgid_plural"):
        if fields[f"previous_{keyword}"] is not None:
            lines += [("#~| " if obsolete else "#| ") + line for line in _quoted(draw, keyword, fields[f"previous_{keyword}"])]
    body = _quoted(draw, "msgctxt", fields["msgctxt"]) if fields["msgctxt"] is not None else []
    body += _quoted(draw, "msgid", fields["msgid"])
    if plural:
        body += _quoted(draw, "msgid_plural", fields["msgid_plural"])
        for index, form in fields["msgstr_plural"].items():
            body += _quoted(draw, f"msgstr[{index}]", form)
    else:
        body += _quoted(draw, "msgstr", fields["msgstr"])
    lines += [("#~ " if obsolete else "") + line for line in body]
    return fields, "\n".join(lines) + "\n"


def catalogs(text: st.SearchStrategy[str] = TEXT, context: st.SearchStrategy[str] = TEXT) -> st.SearchStrategy[list[tuple[dict[str, Any], str]]]:
    # unique without the obsolete mark: msgfmt takes an obsolete twin of a message for a duplicate
    return st.lists(entries(text, context), max_size=5, unique_by=lambda found: (found[0]["msgctxt"], found[0]["msgid"]))


CATALOGS = catalogs()


def _write(found: list[tuple[dict[str, Any], str]], folder: Path, header: str = HEADER) -> Path:
    path = folder / "generated.po"
    path.write_text("\n".join([header, *(text for _, text in found)]), encoding="utf-8")
    return path


@SUITE
@given(found=CATALOGS)
def test_generated_catalogs_read_as_written_and_as_polib_reads_them(found: list[tuple[dict[str, Any], str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _write(found, Path(folder))
        catalog = read_po(path)
        assert [our_fields(entry) for entry in catalog.entries[1:]] == [fields for fields, _ in found]
        assert compare_with_polib(catalog, path) == []
        assert [as_polib_reads(fields) for fields, _ in found] == [as_polib_reads(our_fields(e)) for e in catalog.entries[1:]]


def _compilable(found: list[tuple[dict[str, Any], str]]) -> list[tuple[dict[str, Any], str]]:
    """Entries whose compile all three agree on: a plural entry all of whose forms are empty
    would be compiled by Babel with the msgid filled in (msgfmt and we leave it out; see
    test_po_oracles.test_partly_translated_plurals_are_left_out_where_msgfmt_and_babel_disagree)."""
    kept = []
    for fields, text in found:
        forms = fields["msgstr_plural"] or {}
        if forms and not all(forms.values()) and "fuzzy" not in fields["flags"] and not fields["obsolete"]:
            continue
        kept.append((fields, text))
    return kept


def _without_obsolete_previous(found: list[tuple[dict[str, Any], str]]) -> list[tuple[dict[str, Any], str]]:
    """Babel does not know "#~|" lines (an obsolete entry's previous msgid, which msgmerge writes)
    and takes the message before one for obsolete too: the Babel comparison leaves them out."""
    return [(fields, text) for fields, text in found if not (fields["obsolete"] and fields["previous_msgid"] is not None)]


@SUITE
@given(found=catalogs(BABEL_TEXT, BABEL_TEXT.filter(bool)).map(_compilable).map(_without_obsolete_previous))
def test_generated_catalogs_compile_to_babels_bytes(found: list[tuple[dict[str, Any], str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _write(found, Path(folder))
        header = babel_header(path)
        path = _write(found, Path(folder), 'msgid ""\nmsgstr ""\n' + "".join(f'"{line}\\n"\n' for line in header.splitlines()))
        catalog = read_po(path)
        assert catalog.header is not None and catalog.header.msgstr == header
        ours, theirs = mo_bytes(catalog), babel_mo(path)
        if any(e.msgctxt is not None and e.translated for e in catalog.messages):
            # Babel orders by (msgid, msgctxt); the format by the key "msgctxt\x04msgid" (GNU's binary search)
            assert sorted(mo_table(ours)) == sorted(mo_table(theirs)) and len(ours) == len(theirs)
        else:
            assert ours == theirs


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt is not installed (Debian: gettext)")
@SUITE
@given(found=catalogs(MSGFMT_TEXT, MSGFMT_TEXT).map(_compilable))
def test_generated_catalogs_compile_to_msgfmts_bytes(found: list[tuple[dict[str, Any], str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _write(found, Path(folder))
        ours, theirs = mo_bytes(read_po(path)), msgfmt_mo(path)
        assert ours[:24] + ours[28:] == theirs[:24] + theirs[28:]  # but the hash-table offset: msgfmt's, where a table would be
