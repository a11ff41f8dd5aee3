"""The command line: sub-commands, the demo job, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tmcontent.cli import main


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tmcontent.cli", *args], capture_output=True, text=True, check=False)


def test_help_lists_every_command() -> None:
    result = _run("--help")
    assert result.returncode == 0
    for command in ("demo", "parse", "schema", "detect", "dates"):
        assert command in result.stdout


def test_demo_writes_structured_and_localized_articles(examples_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = _run("demo", str(examples_dir), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out / "articles.jsonl") in result.stdout
    lines = (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    articles = [json.loads(line) for line in lines]
    assert len(articles) >= 6
    tk_files = sorted((out / "tk").glob("*.json"))
    assert len(tk_files) == len(articles) == len(list((out / "tk").glob("*.html")))
    localized = [json.loads(p.read_text(encoding="utf-8"))["localized"] for p in tk_files]
    assert any(item["kind_label"] == "Press reliz" and item["published"] == "14 mart 2024" for item in localized)
    first = (out / "articles.jsonl").read_bytes()
    assert _run("demo", str(examples_dir), "-o", str(out)).returncode == 0
    assert (out / "articles.jsonl").read_bytes() == first  # same input, same bytes
    assert not list(out.rglob("*.tmp"))


def test_demo_on_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    result = _run("demo", str(tmp_path / "absent"), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "not a folder of pages" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_command_prints_help_and_fails(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err


def test_third_party_info_lines_stay_out_of_the_log(tmp_path: Path) -> None:
    script = (
        "import logging, sys\n"
        "from tmcontent import cli\n"
        "cli._configure_logging(0, False)\n"
        "logging.getLogger('distributed.scheduler').setLevel(logging.INFO)\n"
        "logging.getLogger('distributed.scheduler').info('State start')\n"
        "logging.getLogger('distributed.scheduler').warning('a real warning')\n"
        "logging.getLogger('tmcontent.batch').warning('ours')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stderr.splitlines() == ["tmcontent: WARNING: a real warning", "tmcontent: WARNING: ours"]


def test_the_catalog_workflow_never_loads_logging(tmp_path: Path) -> None:
    """The CLI leaves logging unconfigured for commands marked ``logs=False``: none of them may
    load it (its lines would come out without the CLI's format)."""
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'site'\n", encoding="utf-8")
    (tmp_path / "locales").mkdir()
    script = (
        "import sys\n"
        "from tmcontent.cli import main\n"
        "codes = [main(a.split()) for a in ('catalog extract', 'catalog init -l tk', 'catalog update', 'catalog compile',\n"
        "                                   'catalog stats', 'catalog stats --json', 'catalog check')]\n"
        "print(codes, 'logging' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert result.stdout.splitlines()[-1] == "[0, 0, 0, 0, 0, 0, 0] False", result.stdout + result.stderr


def test_an_internal_error_is_one_line_and_its_traceback_comes_with_vv(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from tmcontent import cli\n"
        "from tmcontent.commands import schema\n"
        "def broken(args): raise ValueError('boom')\n"
        "schema.run = broken\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    quiet = subprocess.run([sys.executable, "-c", script, "schema"], capture_output=True, text=True, check=False)
    loud = subprocess.run([sys.executable, "-c", script, "schema", "-vv"], capture_output=True, text=True, check=False)
    assert quiet.returncode == loud.returncode == 1
    assert quiet.stderr == "tmcontent: internal error: ValueError: boom (run with -vv for the traceback)\n"
    assert "Traceback" in loud.stderr and loud.stderr.endswith(quiet.stderr)
