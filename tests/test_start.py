"""Start-up stays light: what ``import tmcontent``, the CLI's parser and the quick commands load.

Timings belong in benchmarks/bench_start.py; these tests guard the property behind them, so that
a new import at the top of a module cannot silently bring the heavy libraries back.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("babel", "lxml", "langdetect", "bs4", "jinja2", "polib", "warcio", "tqdm", "dask", "markupsafe")
#: Standard modules that cost catalog stats a tenth of its start each (python -X importtime):
#: dataclasses (with inspect, ast, dis), typing, logging (with traceback, threading).
SLOW_STDLIB = ("dataclasses", "inspect", "typing", "logging")
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def loaded_after(code: str, also: tuple[str, ...] = ()) -> list[str]:
    """The modules of the heavy libraries, of ``also`` and tmcontent's own loaded after ``code`` runs in a fresh interpreter."""
    probe = (
        "import sys, json, contextlib, io\n"
        f"{code}\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in HEAVY or m.startswith('tmcontent'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", f"HEAVY = {(*HEAVY, *also)!r}\n" + probe], capture_output=True, text=True, check=True)
    return list(json.loads(result.stdout.splitlines()[-1]))


def heavy(modules: list[str]) -> list[str]:
    return [name for name in modules if name.split(".")[0] in HEAVY]


def test_import_tmcontent_loads_no_heavy_library() -> None:
    modules = loaded_after("import tmcontent")
    assert heavy(modules) == []
    assert set(modules) <= {"tmcontent", "tmcontent.errors"}  # the API, the parser included, is imported on use


def test_the_public_api_is_there_on_use() -> None:
    modules = loaded_after("import tmcontent\nassert callable(tmcontent.parse) and callable(tmcontent.detect)\nprint(tmcontent.Article.__name__)")
    assert "tmcontent.langid" in modules and "tmcontent.model" in modules


def test_the_cli_builds_every_parser_without_the_library() -> None:
    code = (
        "from tmcontent.cli import build_parser\n"
        "import argparse\n"
        "def helps(parser):\n"
        "    yield parser.format_help()\n"
        "    for action in parser._actions:\n"
        "        if isinstance(action, argparse._SubParsersAction):\n"
        "            for child in action.choices.values():\n"
        "                yield from helps(child)\n"
        "assert len(list(helps(build_parser()))) > 20\n"
    )
    modules = loaded_after(code)
    assert heavy(modules) == []
    assert not [name for name in modules if name.startswith(("tmcontent.langid", "tmcontent.dates", "tmcontent.render", "tmcontent.publish"))]


def test_tmcontent_help_loads_no_heavy_library() -> None:
    modules = loaded_after("from tmcontent.cli import main\nwith contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n    main(['--help'])")
    assert heavy(modules) == []


def test_catalog_stats_reads_the_catalog_alone(tmp_path: Path) -> None:
    catalog = tmp_path / "tk.po"
    catalog.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Water"\nmsgstr "Suw"\n\nmsgid "School"\nmsgstr ""\n',
                       encoding="utf-8")
    code = f"from tmcontent.cli import main\nwith contextlib.redirect_stdout(io.StringIO()) as out:\n    assert main(['catalog', 'stats', {str(catalog)!r}]) == 0\nassert '1 translated' in out.getvalue()"
    modules = loaded_after(code, also=SLOW_STDLIB)
    assert heavy(modules) == []
    assert not [name for name in modules if name.endswith((".workflow", ".checkers", ".fuzzy", ".mofile"))]
    assert not [name for name in modules if name in SLOW_STDLIB]


@pytest.mark.parametrize("options", [[], ["--no-langid"]])
def test_parse_loads_babel_for_month_names_only(options: list[str]) -> None:
    page = str(EXAMPLES / "press-release-tk.html")
    code = f"from tmcontent.cli import main\nwith contextlib.redirect_stdout(io.StringIO()) as out:\n    assert main(['parse', *{options!r}, {page!r}]) == 0\nassert out.getvalue().startswith('[')"
    modules = loaded_after(code)
    assert "lxml.etree" in modules and "babel.core" in modules  # the page's tree; CLDR month names
    assert not [name for name in heavy(modules) if name.startswith(("babel.support", "jinja2", "bs4", "langdetect"))]
    assert ("tmcontent.langid.model" in modules) == (not options)


@pytest.mark.parametrize("argv", [
    ["catalog", "stats", "tk.po", "--json"], ["-v", "parse", "--no-langid", "page.html"], ["-q", "dates", "--all", "5 mart 2020"],
    ["convert", "in.zip", "-o", "out", "--locale", "tk,ru"], ["render", "a.json", "--locale", "tk", "--format", "md"],
])
def test_the_parser_of_the_named_command_alone_reads_as_the_whole_tree(argv: list[str]) -> None:
    from tmcontent.cli import COMMAND_MODULES, build_parser

    narrowed = build_parser(argv)
    (choices,) = [action.choices for action in narrowed._actions if isinstance(action, argparse._SubParsersAction)]
    assert list(choices) == [next(arg for arg in argv if not arg.startswith("-"))]
    parsed, whole = vars(narrowed.parse_args(argv)), vars(build_parser().parse_args(argv))
    assert parsed.keys() == whole.keys() and all(parsed[key] == whole[key] for key in parsed if key != "func")
    assert parsed["func"] is whole["func"]
    for other in (["--version"], ["nosuch"], []):
        (choices,) = [action.choices for action in build_parser(other)._actions if isinstance(action, argparse._SubParsersAction)]
        assert tuple(choices) == COMMAND_MODULES
