"""tmcontent's one PO engine against the references: polib reads every entry field as we do,
Babel's ``write_mo`` and GNU ``msgfmt`` give the ``.mo`` bytes we give, on the real catalogs in
``../shared/po-samples`` and on our own fixtures; catalogs in a declared non-UTF-8 charset
(ISO-8859-1, KOI8-R, CP1251) are read and written in it, as polib and GNU gettext do. Where a
reference departs from GNU gettext, the test says how and follows GNU. Generated catalogs:
tests/test_fuzz_po_oracles.py. Run time reads PO files only through our reader: the label table
too, and polib is never imported.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from babel.messages.catalog import Catalog as BabelCatalog
from po_oracles import as_polib_reads, babel_header, babel_mo, compare_with_polib, mo_table, msgfmt_mo, our_fields, polib_fields

from tmcontent import i18n
from tmcontent.catalog import Catalog, check_catalog, mo_bytes, parse_po, read_po, write_po
from tmcontent.errors import CatalogError

SRC = Path(__file__).resolve().parents[1] / "src"
NEEDS_MSGFMT = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt is not installed (Debian: gettext)")
#: The ``.mo`` header word that differs from msgfmt's: the hash table's offset. Babel writes 0 with
#: its size 0, as we do; msgfmt --no-hash writes where the table would start. Readers ignore it.
HASH_OFFSET = slice(24, 28)


def _samples(shared_dir: Path) -> list[Path]:
    samples = sorted((shared_dir / "po-samples").glob("*.po"))
    assert samples, "no .po files in ../shared/po-samples"
    return samples


# -- run time reads catalogs with our reader -------------------------------------------------


def test_label_table_reads_fuzzy_and_plural_entries_and_skips_obsolete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / f"{i18n.DOMAIN}.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\nmsgid "Sport"\nmsgstr "Sportuň"\n\nmsgid "Video"\nmsgstr ""\n\n'
        'msgid "{n} story"\nmsgid_plural "{n} stories"\nmsgstr[0] "{n} habar"\nmsgstr[1] ""\n\n'
        '#~ msgid "Gone"\n#~ msgstr "Ýok"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "locales_dir", lambda: tmp_path)
    i18n._po_table.cache_clear()
    try:
        assert i18n.catalog_translations("xx", "Sport") == ("Sportuň",)  # fuzzy included
        assert i18n.catalog_translations("xx", "{n} story") == ("{n} habar",)  # plural forms, empty ones left out
        assert i18n.catalog_translations("xx", "Video") == ()  # untranslated
        assert i18n.catalog_translations("xx", "Gone") == ()  # obsolete
        assert i18n.catalog_translations("xx", "") == ()  # the header is no message
    finally:
        i18n._po_table.cache_clear()


def test_recognising_labels_never_imports_polib() -> None:
    code = (
        "import sys\nfrom tmcontent import labels\n"
        "assert labels.recognise('Press reliz').id == 'press_release'\n"
        "assert labels.chrome_locale(['Baş sahypa', 'Habarlar', 'Sport', 'Wideo']) == 'tk'\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('polib', 'babel') and 'messages' in name or name == 'polib'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(SRC)})
    assert result.stdout.strip() == "[]", result.stdout  # neither polib nor babel.messages


# -- parsed entries equal polib's ---------------------------------------------------------------


def test_real_catalogs_parse_as_polib_reads_them(shared_dir: Path) -> None:
    entries = []
    for path in _samples(shared_dir):
        catalog = read_po(path)
        assert compare_with_polib(catalog, path) == [], path.name
        entries += catalog.entries
    # what the samples hold, so that the comparison covers it (previous msgids: the generated catalogs)
    assert all(any(has(e) for e in entries) for has in (lambda e: e.obsolete, lambda e: e.fuzzy, lambda e: e.msgctxt is not None,
                                                         lambda e: e.msgid_plural is not None, lambda e: e.extracted_comments))


def test_shipped_catalogs_parse_as_polib_reads_them() -> None:
    for path in sorted(i18n.locales_dir().glob("*/LC_MESSAGES/*.po")):
        assert compare_with_polib(read_po(path), path) == [], path.name


def test_where_polib_departs_from_gnu_gettext_we_follow_gnu(tmp_path: Path) -> None:
    """Each departure named in :func:`po_oracles.as_polib_reads`, shown on one catalog."""
    text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        "#. first\n#.\n#. third\nmsgid \"Open\"\nmsgstr \"Aç\"\n\n"
        '#, fuzzy\n#~| msgid "Closed"\n#~ msgid "Close"\n#~ msgstr "Ýap"\n'
    )
    path = tmp_path / "tk.po"
    path.write_text(text, encoding="utf-8")
    ours = [our_fields(e) for e in read_po(path).entries[1:]]
    theirs = [polib_fields(e) for e in polib.pofile(str(path))]
    assert ours[0]["extracted_comments"] == ["first", "", "third"]  # GNU: an empty "#." is an empty comment
    assert theirs[0]["extracted_comments"] == ["first", "third"]  # polib skips the line
    assert ours[1]["previous_msgid"] == "Closed"  # GNU: "#~|" is the previous msgid of an obsolete entry
    assert theirs[1]["previous_msgid"] is None  # polib skips "#~|" lines
    assert [as_polib_reads(f) for f in ours] == theirs


@NEEDS_MSGFMT
def test_octal_and_hex_escapes_are_bytes_in_the_charset_as_msgfmt_reads_them(tmp_path: Path) -> None:
    # polib leaves \a, \101 and \x41 as they are written; GNU reads them, octal and hex as bytes
    text = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "\\303\\251 \\x41\\a\\101 \\344"\n"\\270\\255"\n'
    path = tmp_path / "esc.po"
    path.write_text(text, encoding="utf-8")
    assert read_po(path).entries[1].msgstr == "é A\aA 中"
    assert mo_table(mo_bytes(read_po(path))) == mo_table(msgfmt_mo(path))
    koi8 = text.replace("UTF-8", "KOI8-R").replace("\\303\\251 \\x41", "\\360\\322\\xc9").replace(' \\344"\n"\\270\\255', "")
    path.write_text(koi8, encoding="ascii")  # escapes are bytes in the declared charset, from a file or from text
    assert read_po(path).entries[1].msgstr == parse_po(koi8).entries[1].msgstr == "При\aA"
    assert mo_table(mo_bytes(read_po(path))) == mo_table(msgfmt_mo(path))
    path.write_text(text.replace("\\270\\255", ""), encoding="utf-8")  # msgfmt copies the broken UTF-8 into the .mo
    with pytest.raises(CatalogError, match=rf"^{path}:5: escaped bytes that are not text in the catalog's charset utf-8$"):
        read_po(path)


@NEEDS_MSGFMT
def test_a_byte_order_mark_is_refused_as_msgfmt_refuses_it(tmp_path: Path) -> None:
    path = tmp_path / "bom.po"
    path.write_bytes(b'\xef\xbb\xbfmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n')
    assert subprocess.run(["msgfmt", "-o", os.devnull, str(path)], capture_output=True, check=False).returncode != 0
    with pytest.raises(CatalogError, match=rf"^{path}:1: unexpected line"):
        read_po(path)  # polib skips the mark; GNU gettext does not


# -- .mo bytes equal Babel's and msgfmt's ----------------------------------------------------


def _babel_header(language: str, charset: str = "utf-8") -> str:
    """A header exactly as Babel writes it (Babel compiles its own rebuilt header, not the file's)."""
    when = datetime.datetime(2026, 1, 2, 3, 4, tzinfo=datetime.UTC)
    catalog = BabelCatalog(locale=language, project="sample", version="1", creation_date=when, revision_date=when, charset=charset, fuzzy=False)
    return next(iter(catalog)).string


def _compilable_copy(path: Path, target: Path, header: str) -> Catalog:
    """``path`` written to ``target`` with ``header``, without the messages our compiler refuses
    (check errors: placeholders that differ, which msgfmt without -c compiles)."""
    catalog = read_po(path)
    assert catalog.header is not None
    catalog.header.msgstr = header
    refused = {finding.line for finding in check_catalog(catalog) if finding.severity == "error"}
    kept = [(separator, entry) for separator, entry in zip(catalog.separators, catalog.entries, strict=False) if entry.line not in refused]
    catalog.entries = [entry for _, entry in kept]
    catalog.separators = [separator for separator, _ in kept] + [catalog.separators[-1]]
    write_po(catalog, target)
    return read_po(target)


def _has_contexts(catalog: Catalog) -> bool:
    return any(entry.msgctxt is not None and entry.translated for entry in catalog.messages)


def test_real_catalogs_compile_to_babels_bytes(shared_dir: Path, tmp_path: Path) -> None:
    compared = 0
    for path in _samples(shared_dir):
        target = tmp_path / path.name
        catalog = _compilable_copy(path, target, _babel_header("tk"))
        assert babel_header(target) == catalog.header.msgstr  # type: ignore[union-attr]
        ours, theirs = mo_bytes(catalog), babel_mo(target)
        if not _has_contexts(catalog):
            assert ours == theirs, path.name
            compared += 1
            continue
        # Babel sorts by (msgid, msgctxt); the .mo format sorts keys ("msgctxt\x04msgid") by their
        # bytes, which GNU libintl's binary search relies on (no hash table): same pairs, GNU order.
        assert sorted(mo_table(ours)) == sorted(mo_table(theirs)) and len(ours) == len(theirs), path.name
        assert [key for key, _ in mo_table(ours)] == sorted(key for key, _ in mo_table(ours))
    assert compared >= 2


@NEEDS_MSGFMT
def test_real_catalogs_compile_to_msgfmts_bytes(shared_dir: Path, tmp_path: Path) -> None:
    compiled = 0
    for path in _samples(shared_dir):
        header = read_po(path).header.msgstr  # type: ignore[union-attr]
        # msgfmt leaves POT-Creation-Date out of the .mo (reproducible builds); we, like Babel, keep the header whole
        header = "".join(line for line in header.splitlines(keepends=True) if not line.startswith("POT-Creation-Date:"))
        target = tmp_path / path.name
        catalog = _compilable_copy(path, target, header)
        ours, theirs = mo_bytes(catalog), msgfmt_mo(target)
        compiled += len(mo_table(ours)) - 1
        assert ours[: HASH_OFFSET.start] + ours[HASH_OFFSET.stop :] == theirs[: HASH_OFFSET.start] + theirs[HASH_OFFSET.stop :], path.name
    assert compiled > 100


@NEEDS_MSGFMT
def test_partly_translated_plurals_are_left_out_where_msgfmt_and_babel_disagree(tmp_path: Path) -> None:
    path = tmp_path / "tk.po"
    path.write_text(
        _po_header("UTF-8") + '\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] ""\n\n'
        'msgid "b"\nmsgid_plural "bs"\nmsgstr[0] ""\nmsgstr[1] ""\n\nmsgid "c"\nmsgid_plural "cs"\nmsgstr[0] "y"\nmsgstr[1] "ys"\n',
        encoding="utf-8",
    )
    ours = dict(mo_table(mo_bytes(read_po(path))))
    assert ours[b"c\x00cs"] == b"y\x00ys" and b"b\x00bs" not in ours and b"a\x00as" not in ours
    # msgfmt keeps "a" with an empty form (gettext then shows nothing for 2 items); Babel fills
    # empty forms with the msgid and keeps even "b". We leave both out: all forms in the source language.
    assert dict(mo_table(msgfmt_mo(path)))[b"a\x00as"] == b"x\x00"
    assert dict(mo_table(babel_mo(path)))[b"b\x00bs"] == b"b\x00bs"


# -- declared charsets --------------------------------------------------------------------------

#: (charset, a Turkmen or Russian translation it can hold, one it cannot)
CHARSETS = [
    ("ISO-8859-1", "Öffnen à côté", "Açyň"),
    ("KOI8-R", "Последние новости", "Soňky"),
    ("CP1251", "Последние новости «Ёлка»", "Açyň ýap"),
]


def _po_header(charset: str) -> str:
    return (
        f'msgid ""\nmsgstr ""\n"Language: xx\\n"\n"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset={charset}\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
    )


def _charset_catalog(charset: str, translation: str) -> str:
    return (
        _po_header(charset) + f'\n# {translation[:4]}, a translator comment\n#: src/a.py:3\nmsgid "Latest news"\nmsgstr "{translation}"\n\n'
        f'#, fuzzy\n#| msgid "Old"\nmsgid "New"\nmsgstr "{translation[::-1]}"\n\n'
        f'msgid "{{n}} story"\nmsgid_plural "{{n}} stories"\nmsgstr[0] "{{n}} {translation[:3]}"\nmsgstr[1] "{{n}} {translation[-3:]}"\n\n'
        f'#~ msgid "Gone"\n#~ msgstr "{translation[2:]}"\n'
    )


@pytest.mark.parametrize(("charset", "holds", "cannot"), CHARSETS)
def test_a_catalog_is_read_in_its_declared_charset_as_polib_reads_it(charset: str, holds: str, cannot: str, tmp_path: Path) -> None:
    text = _charset_catalog(charset, holds)
    path = tmp_path / "xx.po"
    path.write_bytes(text.encode(charset))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # the fixture really is not UTF-8
    catalog = read_po(path)
    assert catalog.find("Latest news").msgstr == holds  # type: ignore[union-attr]
    assert catalog.entries == parse_po(text).entries
    assert compare_with_polib(catalog, path) == []


@pytest.mark.parametrize(("charset", "holds", "cannot"), CHARSETS)
def test_a_catalog_is_written_back_in_its_declared_charset(charset: str, holds: str, cannot: str, tmp_path: Path) -> None:
    path = tmp_path / "xx.po"
    path.write_bytes(_charset_catalog(charset, holds).encode(charset))
    original = path.read_bytes()
    catalog = read_po(path)
    write_po(catalog, path)
    assert path.read_bytes() == original  # byte for byte
    catalog.find("Latest news").msgstr = holds.upper()  # type: ignore[union-attr]
    write_po(catalog, path)
    assert path.read_bytes() == original.replace(holds.encode(charset), holds.upper().encode(charset), 1)
    catalog.find("Latest news").msgstr = cannot  # type: ignore[union-attr]
    before = path.read_bytes()
    with pytest.raises(CatalogError, match=rf"^{path}:\d+: .* which the declared charset .* cannot hold, in the catalog; nothing written$"):
        write_po(catalog, path)
    assert path.read_bytes() == before
    catalog.set_header_field("Content-Type", "text/plain; charset=UTF-8")  # rewritten as UTF-8 only when asked
    write_po(catalog, path)
    assert read_po(path).find("Latest news").msgstr == cannot  # type: ignore[union-attr]
    assert path.read_bytes().decode("utf-8").count(holds[::-1]) == 1


@NEEDS_MSGFMT
@pytest.mark.parametrize(("charset", "holds", "cannot"), CHARSETS)
def test_a_catalog_in_its_charset_compiles_as_msgfmt_and_babel_compile_it(charset: str, holds: str, cannot: str, tmp_path: Path) -> None:
    path = tmp_path / "xx.po"
    path.write_bytes(_charset_catalog(charset, holds).encode(charset))
    ours = mo_bytes(read_po(path))
    theirs = msgfmt_mo(path)
    assert ours[: HASH_OFFSET.start] + ours[HASH_OFFSET.stop :] == theirs[: HASH_OFFSET.start] + theirs[HASH_OFFSET.stop :]
    assert dict(mo_table(ours))[b"Latest news"] == holds.encode(charset)
    babelised = tmp_path / "babel.po"
    catalog = read_po(path)
    catalog.header.msgstr = _babel_header("en", charset.lower())  # type: ignore[union-attr]  # Babel reads charsets lowercased
    write_po(catalog, babelised)
    assert babel_header(babelised, charset) == catalog.header.msgstr  # type: ignore[union-attr]
    assert mo_bytes(read_po(babelised)) == babel_mo(babelised, charset)


def test_a_template_placeholder_charset_reads_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "messages.pot"
    path.write_text(_po_header("CHARSET") + '\nmsgid "Açyň"\nmsgstr ""\n', encoding="utf-8")
    assert read_po(path).entries[1].msgid == "Açyň"
    assert polib.pofile(str(path))[0].msgid == "Açyň"


def test_bytes_that_are_not_text_in_the_declared_charset_are_refused_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "xx.po"
    path.write_bytes((_po_header("UTF-8") + '\nmsgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "').encode() + "é".encode("latin-1") + b'"\n')
    with pytest.raises(CatalogError, match=rf"^{path}:13: not text in its declared charset utf-8$"):
        read_po(path)
    path.write_bytes(b'msgid "a"\nmsgstr "\xff"\n')
    with pytest.raises(CatalogError, match=rf"^{path}:2: not UTF-8 text \(no charset declared\)$"):
        read_po(path)
