"""Gettext catalogs: fidelity, errors with file:line, update, checks, compile, CLI."""

from __future__ import annotations

import gettext
import io
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tmcontent import i18n
from tmcontent.catalog import (
    Catalog,
    Entry,
    catalog_stats,
    check_catalog,
    dumps_po,
    init_catalog,
    merge_template,
    mo_bytes,
    parse_po,
    pofile,
    read_po,
    write_po,
)
from tmcontent.errors import CatalogError

FIXTURES = Path(__file__).parent / "fixtures" / "po"


def _catalog_paths() -> list[Path]:
    root = i18n.locales_dir()
    return [root / "tmcontent.pot", *sorted(root.glob("*/LC_MESSAGES/tmcontent.po"))]


def test_real_catalogs_round_trip_byte_for_byte(shared_dir: Path, tmp_path: Path) -> None:
    for path in sorted((shared_dir / "po-samples").glob("*.po")):
        target = tmp_path / path.name
        write_po(read_po(path), target)
        assert target.read_bytes() == path.read_bytes(), path.name


def test_messy_fixture_round_trips_and_keeps_every_field(tmp_path: Path) -> None:
    path = FIXTURES / "messy_tk.po"
    catalog = read_po(path)
    target = tmp_path / "out.po"
    write_po(catalog, target)
    write_po(read_po(target), target)
    assert target.read_bytes() == path.read_bytes()
    entry = catalog.find("Open {name}", "button")
    assert entry is not None
    assert entry.translator_comments == ["A translator's note, kept as written."]
    assert entry.extracted_comments == ["Button on the main page"]
    assert entry.references == ["demo/ui.py:10", "demo/ui.py:42"]
    saved = catalog.find("Saved %d files in total")
    assert saved is not None and saved.fuzzy and saved.previous_msgid == "Saved %d file"
    obsolete = [e for e in catalog.entries if e.obsolete]
    assert [(e.msgid, e.fuzzy) for e in obsolete] == [("Old message", True), ("Old", False)]
    assert obsolete[1].previous_msgid == "Older"
    assert catalog.header_field("PO-Revision-Date") == "2024-13-45 99:99I+0330"


def test_a_changed_entry_is_rewritten_the_rest_untouched(tmp_path: Path) -> None:
    catalog = read_po(FIXTURES / "messy_tk.po")
    entry = catalog.find("One file")
    assert entry is not None
    entry.msgstr_plural[1] = "{n} sany faýl"
    entry.raw = None
    text = dumps_po(catalog)
    original = (FIXTURES / "messy_tk.po").read_text(encoding="utf-8")
    assert 'msgstr[1] "{n} sany faýl"' in text
    assert text.replace('"{n} sany faýl"', '"{n} faýl"') == original


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [("broken_escape.po", 6, "bad escape"), ("broken_unterminated.po", 6, "unterminated string"), ("broken_junk.po", 7, "unexpected line")],
)
def test_broken_catalogs_name_file_and_line(name: str, line: int, message: str) -> None:
    with pytest.raises(CatalogError) as caught:
        read_po(FIXTURES / name)
    assert str(caught.value).startswith(f"{FIXTURES / name}:{line}: ")
    assert message in str(caught.value)


def test_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "tk.po"
    shutil.copy(FIXTURES / "messy_tk.po", target)
    before = target.read_bytes()
    catalog = read_po(target)
    catalog.entries[1].msgstr = "changed"
    catalog.entries[1].raw = None

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", crash)
    with pytest.raises(CatalogError, match=rf"^{target}: cannot write: disk full$"):
        write_po(catalog, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["tk.po"]


def _template(*messages: str) -> str:
    body = "".join(f'\n#: src/x.py:{i}\nmsgid "{m}"\nmsgstr ""\n' for i, m in enumerate(messages, 1))
    return 'msgid ""\nmsgstr ""\n"POT-Creation-Date: 2024-01-01 00:00+0000\\n"\n' + body


def test_update_keeps_marks_fuzzy_and_obsoletes() -> None:
    catalog = parse_po(
        'msgid ""\nmsgstr ""\n"Language: tk\\n"\n"POT-Creation-Date: 2024-01-01 00:00+0000\\n"\n'
        '\n#: src/x.py:1\nmsgid "Latest news"\nmsgstr "Soňky täzelikler"\n'
        '\n#: src/x.py:2\nmsgid "Read the whole story"\nmsgstr "Tutuş wakany okaň"\n'
        '\n#: src/x.py:3\nmsgid "Print"\nmsgstr "Çap et"\n'
    )
    template = parse_po(_template("Latest news", "Read the whole story now", "Share"))
    merged = merge_template(catalog, template)
    kept = merged.find("Latest news")
    assert kept is catalog.find("Latest news")  # unchanged entry: same object, same text
    changed = merged.find("Read the whole story now")
    assert changed is not None and changed.fuzzy and changed.previous_msgid == "Read the whole story"
    assert changed.msgstr == "Tutuş wakany okaň"
    new = merged.find("Share")
    assert new is not None and new.msgstr == "" and not new.fuzzy
    obsolete = [e for e in merged.entries if e.obsolete]
    assert [(e.msgid, e.msgstr) for e in obsolete] == [("Print", "Çap et")]
    assert "#~ msgid \"Print\"" in dumps_po(merged)


def test_update_with_unchanged_template_is_a_no_op() -> None:
    catalog = parse_po('msgid ""\nmsgstr ""\n"Language: tk\\n"\n\n#: src/x.py:1\nmsgid "Latest"\nmsgstr "Soňky"\n')
    template = parse_po(_template("Latest"))
    assert merge_template(catalog, template) is catalog


def test_init_uses_gettext_plural_headers() -> None:
    template = parse_po(_template("One") + '\n#: src/x.py:9\nmsgid "{n} file"\nmsgid_plural "{n} files"\nmsgstr[0] ""\nmsgstr[1] ""\n')
    russian = init_catalog(template, "ru")
    assert russian.header_field("Plural-Forms", ).startswith("nplurals=3;")  # type: ignore[union-attr]
    plural = russian.find("{n} file")
    assert plural is not None and sorted(plural.msgstr_plural) == [0, 1, 2]
    assert init_catalog(template, "tk").header_field("Plural-Forms") == "nplurals=2; plural=(n != 1);"


def test_checks_report_file_line_and_kind() -> None:
    catalog = parse_po(
        'msgid ""\nmsgstr ""\n"Language: tk\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
        '\nmsgid "Open {name}"\nmsgstr "{nam} aç"\n'
        '\nmsgid "Saved %s"\nmsgstr "Saklandy"\n'
        '\nmsgid "Hello."\nmsgstr " Salam"\n'
        '\nmsgid "Country"\nmsgstr "Ülkesi"\n'
        '\nmsgid "City"\nmsgstr "Şäherı"\n'
        '\nmsgid "Mixed"\nmsgstr "Tаze"\n'
        '\nmsgid "One"\nmsgid_plural "Many"\nmsgstr[0] "Bir"\n'
        '\nmsgid "Empty"\nmsgstr ""\n',
        "tk.po",
    )
    found = {(f.line, f.code) for f in check_catalog(catalog)}
    assert (6, "placeholders") in found and (9, "placeholders") in found
    assert (12, "whitespace") in found and (12, "punctuation") in found
    assert (18, "turkish-letters") in found
    assert (21, "mixed-script") in found
    assert (24, "plural-count") in found
    assert (28, "untranslated") in found
    assert (15, "turkish-letters") not in found
    russian = parse_po('msgid ""\nmsgstr ""\n"Language: ru\\n"\n\nmsgid "Press"\nmsgstr "Прecca"\n', "ru.po")
    assert [f.code for f in check_catalog(russian)] == ["latin-lookalikes"]
    assert str(check_catalog(russian)[0]).startswith("ru.po:5: warning: latin-lookalikes")


def test_stats_count_messages_and_words() -> None:
    stats = catalog_stats(read_po(FIXTURES / "messy_tk.po"))
    assert (stats.translated, stats.fuzzy, stats.untranslated, stats.obsolete) == (3, 1, 0, 2)
    assert stats.source_words > stats.translated_words > 0


def test_shipped_mo_files_match_their_po() -> None:
    for path in _catalog_paths()[1:]:
        assert path.with_suffix(".mo").read_bytes() == mo_bytes(read_po(path)), path


def test_compiled_catalog_loads_through_gettext() -> None:
    catalog = read_po(i18n.locales_dir() / "ru" / "LC_MESSAGES" / "tmcontent.po")
    translations = gettext.GNUTranslations(io.BytesIO(mo_bytes(catalog)))
    assert translations.gettext("Press Release") == "Пресс-релиз"
    assert translations.ngettext("{current} of {total}", "{current} of {total}", 5) == "{current} из {total}"


def test_shipped_catalogs_are_clean() -> None:
    for path in _catalog_paths():
        errors = [f for f in check_catalog(read_po(path), str(path)) if f.severity == "error"]
        assert errors == []


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tmcontent.cli", "catalog", *args], capture_output=True, text=True, check=False)


def test_cli_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "tk.po"
    shutil.copy(FIXTURES / "messy_tk.po", good)
    assert _cli("check", str(good)).returncode == 0
    assert _cli("check", "--strict", str(good)).returncode == 1
    bad = tmp_path / "bad.po"
    bad.write_text('msgid ""\nmsgstr ""\n"Language: tk\\n"\n\nmsgid "Open {name}"\nmsgstr "aç"\n', encoding="utf-8")
    result = _cli("compile", str(bad))
    assert result.returncode == 1 and not bad.with_suffix(".mo").exists()
    assert f"{bad}:5: error: placeholders" in result.stderr
    broken = _cli("stats", str(FIXTURES / "broken_junk.po"))
    assert broken.returncode == 1 and "broken_junk.po:7:" in broken.stderr and "Traceback" not in broken.stderr
    assert _cli("compile", str(good)).returncode == 0 and good.with_suffix(".mo").is_file()


def test_cli_init_and_update(tmp_path: Path) -> None:
    template = tmp_path / "t.pot"
    template.write_text(_template("Latest", "Share"), encoding="utf-8")
    catalog = tmp_path / "ru.po"
    assert _cli("init", "-l", "ru", "-i", str(template), "-o", str(catalog)).returncode == 0
    assert "nplurals=3" in catalog.read_text(encoding="utf-8")
    assert _cli("init", "-l", "ru", "-i", str(template), "-o", str(catalog)).returncode == 1
    before = catalog.read_bytes()
    result = _cli("update", "-i", str(template), str(catalog))
    assert "up to date" in result.stdout and catalog.read_bytes() == before


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt is not installed")
def test_catalogs_that_pass_msgfmt_still_pass_after_every_command(shared_dir: Path, tmp_path: Path) -> None:
    template = tmp_path / "t.pot"
    template.write_text(_template("Latest", "Share"), encoding="utf-8")
    samples = [p for p in sorted((shared_dir / "po-samples").glob("*.po")) if _msgfmt_ok(p)]
    assert len(samples) == 3
    for sample in samples:
        work = tmp_path / sample.name
        work.write_bytes(sample.read_bytes())  # writable, unlike the read-only shared copy
        assert _msgfmt_ok(work), sample
        write_po(merge_template(read_po(work), read_po(template)), work)
        assert _msgfmt_ok(work), f"{sample.name} after update"
    fresh = tmp_path / "ru.po"
    write_po(init_catalog(read_po(template), "ru"), fresh)
    assert _msgfmt_ok(fresh)


def _msgfmt_ok(path: Path) -> bool:
    return subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, check=False).returncode == 0


def _catalog_pieces(rng: random.Random) -> str:
    """One random PO text, from entries the one-match reader takes and entries it leaves to
    the line-by-line reader (escapes, plurals, contexts, obsolete and previous lines, spaces),
    with LF or CRLF, with or without blank lines between entries, and some broken lines."""
    words = ["suw", "mekdep", "täze", "water", "school", "", "a b", "\\n", '\\"', "x\\ty", "ýaş"]
    newline = rng.choice(["\n", "\r\n", "\r"])

    def string() -> str:
        return '"' + "".join(rng.choice(words) for _ in range(rng.randint(0, 3))) + '"'

    def lines_of(keyword: str) -> list[str]:
        return [f"{keyword} {string()}"] + [string() for _ in range(rng.choice([0, 0, 1, 2]))]

    entries = []
    for index in range(rng.randint(1, 6)):
        lines = [rng.choice(["#: src/a.py:1", "#, fuzzy", "#. note", "# translator", "#, c-format, fuzzy", "#| msgid \"old\"", "#"])
                 for _ in range(rng.choice([0, 1, 1, 2]))]
        if rng.random() < 0.1:
            lines.append('msgctxt "menu"')
        msgid = lines_of("msgid")
        if rng.random() < 0.9:  # most messages differ (a duplicate is an error)
            msgid[0] = msgid[0][:-1] + f'{index}"'
        lines += msgid
        if rng.random() < 0.1:
            lines += lines_of("msgid_plural") + lines_of("msgstr[0]") + lines_of("msgstr[1]")
        else:
            lines += lines_of("msgstr")
        if rng.random() < 0.08:
            lines = ["#~ " + line for line in lines if not line.startswith("#")]
        if rng.random() < 0.05:
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(["garbage", 'msgstr "again"', '"stray"', "  ", 'msgid  "spaced" ']))
        if rng.random() < 0.1:
            lines[-1] += " "
        entries.append(newline.join(lines))
    separators = [rng.choice([newline, newline * 2, newline + "  " + newline]) for _ in entries]
    return "".join(entry + separator for entry, separator in zip(entries, separators, strict=True))[: None if rng.random() < 0.8 else -1]


def _read(text: str) -> Catalog | str:
    try:
        return parse_po(text, "t.po")
    except CatalogError as error:
        return str(error)


def test_entries_read_in_one_match_are_those_read_line_by_line(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(17)
    texts = [_catalog_pieces(rng) for _ in range(600)]
    fast = [_read(text) for text in texts]
    monkeypatch.setattr(pofile, "_simple_entry", lambda *arguments: None)
    slow = [_read(text) for text in texts]
    for text, one, other in zip(texts, fast, slow, strict=True):
        assert one == other, text
        if isinstance(one, Catalog) and isinstance(other, Catalog):
            assert [e.raw_fields for e in one.entries] == [e.raw_fields for e in other.entries] and one.separators == other.separators
            assert dumps_po(one) == text
    assert sum(isinstance(one, str) for one in fast) > 20 and sum(isinstance(one, Catalog) for one in fast) > 300


def test_a_catalog_read_for_reading_only_has_the_same_entries_and_no_source() -> None:
    rng = random.Random(23)
    for text in (_catalog_pieces(rng) for _ in range(300)):
        kept = _read(text)
        try:
            bare: Catalog | str = parse_po(text, "t.po", keep_source=False)
        except CatalogError as error:
            bare = str(error)
        if isinstance(kept, str) or isinstance(bare, str):
            assert kept == bare, text
            continue
        assert [(e.fields(), e.line) for e in bare.entries] == [(e.fields(), e.line) for e in kept.entries], text
        assert bare.separators == kept.separators
        assert all((e.raw is None) == bool(e.msgid) and e.source_text() == (None if e.msgid else k.raw) for e, k in zip(bare.entries, kept.entries, strict=True))


def test_entries_compare_by_what_they_say_and_where_not_by_their_snapshot() -> None:
    read = parse_po('#: a.py:1\nmsgid "water"\nmsgstr "suw"\n', "t.po").entries[0]
    made = Entry(msgid="water", msgstr="suw", references=["a.py:1"], line=1, raw='#: a.py:1\nmsgid "water"\nmsgstr "suw"\n')
    assert read.raw_fields is not None and made.raw_fields is None and read == made
    made.flags.append("fuzzy")
    assert read != made and made != "water" and "flags=['fuzzy']" in repr(made) and "raw_fields" not in repr(made)
    with pytest.raises(TypeError):
        hash(made)
