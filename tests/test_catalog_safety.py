"""Catalogs under hostile input, concurrent runs and the paths users take (issue 12): refusals
with file:line, changed fields winning over the text read, line endings, locks, read-only
files, the project's locales/ as the default, and linear time on big inputs."""

from __future__ import annotations

import argparse
import gettext
import io
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tmcontent.catalog import (
    Catalog,
    Entry,
    catalog_stats,
    check_catalog,
    dumps_po,
    merge_template,
    mo_bytes,
    parse_po,
    read_po,
    write_mo,
    write_po,
)
from tmcontent.catalog.lock import locked
from tmcontent.catalog.project import PACKAGE_DIR
from tmcontent.errors import CatalogError

FIXTURES = Path(__file__).parent / "fixtures" / "po"
SRC = Path(__file__).resolve().parents[1] / "src"
HEADER = 'msgid ""\nmsgstr ""\n"Language: tk\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run([sys.executable, "-m", "tmcontent.cli", *args], capture_output=True, text=True, check=False, cwd=cwd, env=env)


# -- 1. what msgfmt -c refuses, check and compile refuse (library and CLI) ------------------

HOSTILE = {
    "plural-import": (HEADER + '"Plural-Forms: nplurals=2; plural=__import__(\'os\').system(\'id\');\\n"\n', 5, "plural-forms"),
    "plural-nested": (HEADER + '"Plural-Forms: nplurals=2; plural=' + "(" * 5000 + "n" + ")" * 5000 + ';\\n"\n', 5, "plural-forms"),
    "plural-count": (HEADER + '"Plural-Forms: nplurals=abc; plural=(n != 1);\\n"\n', 5, "plural-forms"),
    "plural-range": (HEADER + '"Plural-Forms: nplurals=2; plural=n%3;\\n"\n', 5, "plural-forms"),
    "nul": (HEADER + '\nmsgid "Open"\nmsgstr "Aç\x00ýap"\n', 6, "nul"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_check_and_compile_refuse_what_gettext_cannot_load(case: str, tmp_path: Path) -> None:
    text, line, code = HOSTILE[case]
    path = tmp_path / "tk.po"
    path.write_text(text + '\nmsgid "Latest"\nmsgstr "Soňky"\n', encoding="utf-8")
    findings = [f for f in check_catalog(read_po(path)) if f.severity == "error"]
    assert [(f.line, f.code) for f in findings] == [(line, code)]
    with pytest.raises(CatalogError, match=rf"^{path}:{line}: not compiled: {code}: "):
        write_mo(read_po(path), tmp_path / "tk.mo")
    assert not (tmp_path / "tk.mo").exists()
    for action in ("check", "compile"):
        result = _cli("catalog", action, str(path))
        assert result.returncode == 1, (action, result.stdout, result.stderr)
        assert f"{path}:{line}: error: {code}: " in result.stdout + result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "tk.mo").exists()


def test_an_unknown_charset_is_refused_with_file_and_line(tmp_path: Path) -> None:
    text = 'msgid ""\nmsgstr ""\n"Language: tk\\n"\n"Content-Type: text/plain; charset=KOI-9000\\n"\n\nmsgid "Latest"\nmsgstr "Soňky"\n'
    path = tmp_path / "tk.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError, match=rf"^{re.escape(str(path))}:4: unknown charset 'KOI-9000' in Content-Type$"):
        read_po(path)  # the file cannot be decoded: refused as it is read
    catalog = parse_po(text, "tk.po")  # text already decoded: check and compile refuse it as msgfmt -c does
    assert [(f.line, f.code) for f in check_catalog(catalog) if f.severity == "error"] == [(4, "charset")]
    with pytest.raises(CatalogError, match=r"^tk.po:4: not compiled: charset: "):
        mo_bytes(catalog)
    for action in ("check", "compile", "stats"):
        result = _cli("catalog", action, str(path))
        assert result.returncode == 1 and f"{path}:4: unknown charset 'KOI-9000'" in result.stderr, (action, result.stderr)
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "tk.mo").exists()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('msgstr "Soňky"\nmsgid "Latest"\n', 1, "msgstr before msgid"),
        ('msgid "Latest"\nmsgid_plural "Latests"\nmsgstr[1] "x"\nmsgstr[0] "y"\n', 3, "msgstr[1] out of order"),
        ('msgid "Latest"\nmsgstr "a"\nmsgstr "b"\n', 3, "second msgstr"),
        ('msgctxt "a"\nmsgid "Latest"\nmsgctxt "b"\nmsgstr ""\n', 3, "msgctxt after msgid"),
        ('msgid "Latest"\nmsgstr[0] "a"\n', 2, "msgstr[0] without msgid_plural"),
        ('#~ msgid "Latest"\nmsgstr "a"\n', 2, "obsolete (#~) and active lines"),
    ],
)
def test_out_of_order_keywords_are_refused_with_file_and_line(text: str, line: int, message: str, tmp_path: Path) -> None:
    path = tmp_path / "tk.po"
    path.write_text(HEADER + "\n" + text, encoding="utf-8")
    with pytest.raises(CatalogError, match=re.escape(f"{path}:{line + 5}: {message}")):
        read_po(path)
    result = _cli("catalog", "compile", str(path))
    assert result.returncode == 1 and f"{path}:{line + 5}: {message}" in result.stderr and not path.with_suffix(".mo").exists()


def test_entries_without_a_blank_line_between_are_two_entries() -> None:
    catalog = parse_po(HEADER + '\nmsgid "One"\nmsgstr "Bir"\n#, fuzzy\nmsgid "Two"\nmsgstr "Iki"\n')
    assert [(e.msgid, e.msgstr, e.fuzzy) for e in catalog.messages] == [("One", "Bir", False), ("Two", "Iki", True)]


def test_what_compiles_loads_in_gettext_with_its_plural_rule(tmp_path: Path) -> None:
    russian = ('msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
               '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n'
               '\nmsgid "{n} file"\nmsgid_plural "{n} files"\nmsgstr[0] "{n} файл"\nmsgstr[1] "{n} файла"\nmsgstr[2] "{n} файлов"\n')
    loaded = gettext.GNUTranslations(io.BytesIO(mo_bytes(parse_po(russian))))
    assert [loaded.ngettext("{n} file", "{n} files", n) for n in (1, 3, 5, 21)] == ["{n} файл", "{n} файла", "{n} файлов", "{n} файл"]
    latin = parse_po('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgid "Open"\nmsgstr "Öffnen"\n')
    assert gettext.GNUTranslations(io.BytesIO(mo_bytes(latin))).gettext("Open") == "Öffnen"
    no_header = parse_po('msgid "Open"\nmsgstr "Aç"\n')  # no charset declared: compiled as UTF-8, and says so
    assert gettext.GNUTranslations(io.BytesIO(mo_bytes(no_header))).gettext("Open") == "Aç"
    turkmen_in_latin1 = parse_po('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgid "Open"\nmsgstr "Açyň ýap"\n', "t.po")
    assert [(f.line, f.code) for f in check_catalog(turkmen_in_latin1) if f.severity == "error"] == [(5, "charset")]


# -- 2. a changed field always wins over the text read ---------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        lambda e: setattr(e, "msgstr", "Täze terjime"),
        lambda e: e.flags.append("fuzzy"),
        lambda e: e.translator_comments.append("checked"),
        lambda e: setattr(e, "obsolete", True),
        lambda e: setattr(e, "previous_msgid", "Before"),
    ],
)
def test_a_field_set_without_clearing_raw_is_written(change: Callable[[Entry], None]) -> None:
    original = (FIXTURES / "messy_tk.po").read_text(encoding="utf-8")
    catalog = parse_po(original)
    entry = catalog.find("A long message that goes past the width of one line so that it is wrapped by the tool that wrote it")
    assert entry is not None and entry.raw is not None
    change(entry)
    text = dumps_po(catalog)
    again = parse_po(text)
    assert again.entries[catalog.entries.index(entry)].fields() == entry.fields()
    before, after = original.split(entry.raw)
    assert text.startswith(before) and text.endswith(after)  # every other entry as read


# -- 6. read-only files and line endings ----------------------------------------------------


def test_a_read_only_catalog_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "tk.po"
    path.write_text(HEADER + '\nmsgid "Latest"\nmsgstr "Soňky"\n', encoding="utf-8")
    template = tmp_path / "t.pot"
    template.write_text(HEADER + '\nmsgid "Latest"\nmsgstr ""\n\nmsgid "Share"\nmsgstr ""\n', encoding="utf-8")
    path.chmod(0o444)
    before = path.read_bytes()
    result = _cli("catalog", "update", "-i", str(template), str(path))
    assert result.returncode == 1
    assert result.stderr == f"tmcontent: error: {path}: cannot write: read-only file, not replaced\n"
    assert path.read_bytes() == before and path.stat().st_mode & 0o777 == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.pot", "tk.po"]


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_update_keeps_the_files_line_endings(newline: str, tmp_path: Path) -> None:
    path = tmp_path / "tk.po"
    text = HEADER + '\n#: a.py:1\nmsgid "Story"\nmsgstr "Waka"\n\n#: a.py:2\nmsgid "Latest"\nmsgstr "Soňky"\n'
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    template = tmp_path / "t.pot"
    template.write_text(HEADER + '\n#: a.py:1\nmsgid "Stories"\nmsgstr ""\n\n#: a.py:3\nmsgid "Share"\nmsgstr ""\n', encoding="utf-8")
    assert _cli("catalog", "update", "-i", str(template), str(path)).returncode == 0
    data = path.read_bytes().decode("utf-8")
    endings = {ending for ending in ("\r\n", "\r", "\n") if ending in data.replace("\r\n", "")} | ({"\r\n"} if "\r\n" in data else set())
    assert endings == {newline}
    assert read_po(path).find("Stories") is not None


# -- 7. errors name the user's file, not the temporary one -----------------------------------


def test_a_failed_write_names_the_users_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tk.po"

    def full_disk(source: str, target: str) -> None:
        raise OSError(28, "No space left on device", source)  # what the OS says: the temporary file

    monkeypatch.setattr("os.replace", full_disk)
    with pytest.raises(CatalogError) as caught:
        write_po(parse_po(HEADER), path)
    assert str(caught.value) == f"{path}: cannot write: No space left on device"
    assert list(tmp_path.iterdir()) == []


# -- 5. two processes on one catalog ---------------------------------------------------------

HOLDER = """
import sys, time
from tmcontent.catalog import read_po, write_po
from tmcontent.catalog.lock import locked
path = sys.argv[1]
with locked(path):
    catalog = read_po(path)
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    catalog.find("Latest").msgstr = "Soňky täzelikler"
    write_po(catalog, path)
"""


def _hold_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(seconds)], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(SRC)})
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    return holder


def test_a_second_update_waits_for_the_first_and_keeps_its_work(tmp_path: Path) -> None:
    path = tmp_path / "tk.po"
    path.write_text(HEADER + '\nmsgid "Latest"\nmsgstr ""\n', encoding="utf-8")
    template = tmp_path / "t.pot"
    template.write_text(HEADER + '\nmsgid "Latest"\nmsgstr ""\n\nmsgid "Share"\nmsgstr ""\n', encoding="utf-8")
    holder = _hold_lock(path, 1.0)  # another process in the middle of its read-modify-write
    result = _cli("catalog", "update", "-i", str(template), str(path))
    assert holder.wait(timeout=30) == 0
    assert result.returncode == 0, result.stderr
    catalog = read_po(path)
    latest, share = catalog.find("Latest"), catalog.find("Share")
    assert latest is not None and latest.msgstr == "Soňky täzelikler"  # the first one's change
    assert share is not None  # and the second one's


def test_a_catalog_locked_too_long_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tk.po"
    path.write_text(HEADER + '\nmsgid "Latest"\nmsgstr ""\n', encoding="utf-8")
    holder = _hold_lock(path, 3.0)
    try:
        with pytest.raises(CatalogError, match=rf"^{path}: locked by another tmcontent command"), locked(path, timeout=0.3):
            pass
    finally:
        holder.wait(timeout=30)


# -- 10. the project's locales/, never the installed package ---------------------------------


def test_commands_without_paths_use_the_projects_locales(tmp_path: Path) -> None:
    project = tmp_path / "project"
    po = project / "locales" / "tk" / "LC_MESSAGES" / "tmcontent.po"
    po.parent.mkdir(parents=True)
    (project / "pyproject.toml").write_text("[project]\nname = 'site'\n", encoding="utf-8")
    po.write_text(HEADER + '\nmsgid "Latest"\nmsgstr "Soňky"\n', encoding="utf-8")
    (project / "locales" / "tmcontent.pot").write_text(HEADER + '\nmsgid "Latest"\nmsgstr ""\n\nmsgid "Share"\nmsgstr ""\n', encoding="utf-8")
    (project / "docs").mkdir()
    stats = _cli("catalog", "stats", cwd=project / "docs")  # from a sub-folder of the project
    assert stats.returncode == 0 and stats.stdout.startswith(f"{po}: 1 translated"), stats.stderr
    assert _cli("catalog", "update", cwd=project).returncode == 0
    assert read_po(po).find("Share") is not None
    assert _cli("catalog", "compile", cwd=project).returncode == 0 and po.with_suffix(".mo").is_file()
    assert _cli("catalog", "init", "-l", "uz", cwd=project).returncode == 0
    assert (project / "locales" / "uz" / "LC_MESSAGES" / "tmcontent.po").is_file()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    refused = _cli("catalog", "check", cwd=elsewhere)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert "no locales/ folder here or in a parent project" in refused.stderr and "give the catalog paths" in refused.stderr


def test_nothing_is_written_into_the_installed_package(tmp_path: Path) -> None:
    target = PACKAGE_DIR / "locales" / "zz" / "LC_MESSAGES" / "tmcontent.po"
    with pytest.raises(CatalogError, match="inside the installed tmcontent package"):
        write_po(parse_po(HEADER), target)
    with pytest.raises(CatalogError, match="inside the installed tmcontent package"):
        write_mo(parse_po(HEADER), PACKAGE_DIR / "tmcontent.mo")
    assert not (PACKAGE_DIR / "locales" / "zz").exists() and not (PACKAGE_DIR / "tmcontent.mo").exists()


# -- 11. help for every option; translate init says what it wrote ----------------------------


@pytest.mark.parametrize("action", ["init", "update", "extract", "compile", "stats", "check"])
def test_every_catalog_option_is_described(action: str) -> None:
    from tmcontent.cli import build_parser

    parser = build_parser()
    catalog = next(a for a in parser._subparsers._group_actions[0].choices.items() if a[0] == "catalog")[1]  # type: ignore[union-attr]
    sub = catalog._subparsers._group_actions[0].choices[action]  # type: ignore[union-attr]
    undescribed = [a.dest for a in sub._actions if not isinstance(a, argparse._HelpAction) and not a.help]
    assert undescribed == []
    shown = " ".join(_cli("catalog", action, "--help").stdout.split())
    assert "default: the project's locales/" in shown


def test_translate_init_says_what_it_wrote(tmp_path: Path) -> None:
    template = tmp_path / "news.pot"
    template.write_text(HEADER + '\nmsgctxt "a/title"\nmsgid "Young water specialists"\nmsgstr ""\n', encoding="utf-8")
    result = _cli("translate", "init", "-l", "tk", "-i", str(template), "-o", str(tmp_path / "news.tk.po"))
    assert result.returncode == 0 and result.stdout == f"{tmp_path / 'news.tk.po'}: created for tk (1 units from {template})\n"
    again = _cli("translate", "init", "-l", "tk", "-i", str(template), "-o", str(tmp_path / "news.tk.po"))
    assert again.returncode == 1 and "already exists" in again.stderr


# -- 12. fuzzy entries are findings -----------------------------------------------------------


def test_check_reports_fuzzy_entries_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "tk.po"
    path.write_text(HEADER + '\n#, fuzzy\nmsgid "Latest news"\nmsgstr "Soňky habarlar"\n\nmsgid "Share"\nmsgstr "Paýlaş"\n', encoding="utf-8")
    fuzzy = [f for f in check_catalog(read_po(path)) if f.code == "fuzzy"]
    assert [(f.line, f.severity) for f in fuzzy] == [(6, "warning")]
    result = _cli("catalog", "check", str(path))
    assert result.returncode == 0 and f"{path}:6: warning: fuzzy: 'Latest news' is fuzzy" in result.stdout
    assert _cli("catalog", "check", "--strict", str(path)).returncode == 1


# -- 4. small source edits stay fuzzy ---------------------------------------------------------


def test_slightly_changed_messages_become_fuzzy_not_obsolete() -> None:
    catalog = parse_po(HEADER + '\nmsgid "Story"\nmsgstr "Waka"\n'
                       '\nmsgid "UN agencies working on this initiative"\nmsgstr "Bu başlangyç bilen işleýän BMG edaralary"\n'
                       '\nmsgid "Print"\nmsgstr "Çap et"\n')
    template = parse_po(HEADER + '\nmsgid "Stories"\nmsgstr ""\n\nmsgid "UN agencies working on these initiatives"\nmsgstr ""\n'
                        '\nmsgid "Search the whole site"\nmsgstr ""\n')
    merged = merge_template(catalog, template)
    stories = merged.find("Stories")
    assert stories is not None and stories.fuzzy and stories.previous_msgid == "Story" and stories.msgstr == "Waka"
    these = merged.find("UN agencies working on these initiatives")
    assert these is not None and these.fuzzy and these.previous_msgid == "UN agencies working on this initiative"
    assert [e.msgid for e in merged.entries if e.obsolete] == ["Print"]
    assert "#| msgid \"Story\"" in dumps_po(merged)


# -- 8 and 4: linear on big inputs ------------------------------------------------------------


def _ratio(run: Callable[[int], object], size: int) -> float:
    """min-of-3 time at 4x ``size`` over min-of-3 time at ``size`` (linear: ~4, quadratic: ~16)."""
    def best(n: int) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            run(n)
            times.append(time.perf_counter() - start)
        return min(times)

    return best(4 * size) / best(size)


def test_reading_many_continuation_lines_stays_linear() -> None:
    def read(lines: int) -> None:
        text = HEADER + '\nmsgid "Long"\nmsgstr ""\n' + '"Bu uzyn habaryň bir bölegi. "\n' * lines
        stats = catalog_stats(parse_po(text))
        assert stats.translated == 1

    assert _ratio(read, 25_000) < 8


def test_update_with_many_changed_messages_stays_linear() -> None:
    def update(size: int) -> None:
        old = [Entry(msgid=f"Message number {i} about water schools", msgstr=f"Habar {i}") for i in range(size)]
        new = [Entry(msgid=f"Message number {i} about water school") for i in range(size)]
        merged = merge_template(Catalog(old, [""] * (size + 1)), Catalog(new, [""] * (size + 1)))
        assert sum(e.fuzzy for e in merged.messages) == size

    assert _ratio(update, 300) < 8
