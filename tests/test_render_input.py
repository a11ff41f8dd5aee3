"""What render is given: standard input, mappings, schema-invalid JSON, unknown locales; the
shared article loader; the demo outside a clone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest

import tmcontent
from tmcontent.errors import RenderError, SchemaError
from tmcontent.load import articles_from_bytes, articles_from_json, load_articles
from tmcontent.model import Article
from tmcontent.render import FORMATS, render
from tmcontent.schema import article_schema

REPO = Path(__file__).resolve().parents[1]


def _run(*args: str, stdin: str | None = None, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tmcontent.cli", *args], input=stdin, capture_output=True, text=True, check=False, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def article_dict(examples_dir: Path) -> dict[str, object]:
    (article,) = tmcontent.parse(examples_dir / "press-release-en.html")
    data: dict[str, object] = article.to_dict()
    return data


def test_render_dash_reads_json_and_json_lines_from_stdin(article_dict: dict[str, object], examples_dir: Path, tmp_path: Path) -> None:
    one = _run("render", "-", "--locale", "ru", "--format", "jsonld", stdin=json.dumps(article_dict))
    assert one.returncode == 0, one.stderr
    assert json.loads(one.stdout)["headline"] == article_dict["title"]
    other = dict(article_dict, title="Second", id="0123456789abcdef")
    lines = json.dumps(article_dict) + "\n" + json.dumps(other) + "\n"
    out = tmp_path / "out"
    several = _run("render", "-", "--locale", "tk", "--format", "md", "-o", str(out), stdin=lines)
    assert several.returncode == 0, several.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{article_dict['id']}.md", "0123456789abcdef.md"])
    page = _run("render", "-", "--locale", "en", "--format", "jsonld", stdin=(examples_dir / "press-release-en.html").read_text(encoding="utf-8"))
    assert page.returncode == 0 and json.loads(page.stdout)["headline"] == article_dict["title"]
    bad = _run("render", "-", "--locale", "en", stdin='{"schema_version": "1.0"}\n')
    assert bad.returncode == 1 and bad.stderr.startswith("tmcontent: error: <stdin>: article: missing field 'id'")


def test_unknown_locale_is_one_usage_line_naming_the_available_ones(tmp_path: Path) -> None:
    missing = tmp_path / "never-read.json"
    result = _run("render", str(missing), "--locale", "zz")
    assert result.returncode == 2
    assert result.stderr == "tmcontent: error: unknown locale 'zz'; available: en, ru, tk\n"
    assert _run("demo", "-o", str(tmp_path / "d"), "--locale", "tk", "xx").returncode == 2
    assert not (tmp_path / "d").exists()
    with pytest.raises(RenderError, match=r"unknown locale 'zz'; available: en, ru, tk"):
        render(Article(source="s"), locale="zz")
    assert "<html lang=\"en-GB\"" in render(Article(source="s"), locale="en-GB")


def test_render_help_describes_locale() -> None:
    help_text = " ".join(_run("render", "--help").stdout.split())
    assert "--locale LOCALE locale of the readers" in help_text and "en, ru, tk" in help_text


def test_render_takes_a_mapping_or_refuses_clearly(article_dict: dict[str, object]) -> None:
    article = Article.from_dict(article_dict)
    for format in FORMATS:
        assert render(article_dict, locale="ru", format=format) == render(article, locale="ru", format=format)
    broken = dict(article_dict, goals=[18])
    with pytest.raises(SchemaError, match=r"^goals\[0\]: 18 is more than 17$"):
        render(broken, locale="en")
    with pytest.raises(TypeError, match="an Article or its JSON form as a mapping, not list"):
        render([article_dict], locale="en")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["blocks"][2].__setitem__("lang", "x1"), "blocks[2].lang: 'x1' does not match"),
        (lambda d: d["blocks"][0].__setitem__("kind", "video"), "blocks[0].kind: 'video' is not one of paragraph"),
        (lambda d: d["blocks"][1].__setitem__("inline", [{"start": "a", "end": 2, "kind": "em"}]), "blocks[1].inline[0].start: expected an integer, got 'a'"),
        (lambda d: d.pop("blocks"), "article: missing field 'blocks'"),
        (lambda d: d.__setitem__("titel", "x"), "article: unknown field 'titel'"),
        (lambda d: d.__setitem__("published", {"text": 1, "lang": None, "iso": None}), "published.text: expected a string, got 1"),
        (lambda d: d.__setitem__("contacts", [{"name": None}]), "contacts[0]: missing field 'role'"),
        (lambda d: d.__setitem__("goals", [True]), "goals[0]: expected an integer, got true"),
    ],
)
def test_schema_invalid_json_is_one_line_naming_file_line_and_field(tmp_path: Path, article_dict: dict[str, object], change, expected: str) -> None:  # type: ignore[no-untyped-def]
    broken = json.loads(json.dumps(article_dict))
    change(broken)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, article_schema())  # the published schema agrees that it is invalid
    source = tmp_path / "articles.jsonl"
    source.write_text(json.dumps(article_dict) + "\n\n" + json.dumps(broken) + "\n", encoding="utf-8")
    result = _run("render", str(source), "--locale", "en", "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"tmcontent: error: {source}:3: {expected}")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    listing = tmp_path / "list.json"
    listing.write_text(json.dumps([article_dict, broken]), encoding="utf-8")
    with pytest.raises(SchemaError) as error:
        load_articles(listing)
    assert str(error.value).startswith(f"{listing}: [1].{expected}".replace("[1].article: ", "[1]: "))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("[1]", "<in>: [0]: expected an object, got 1"), ('"x"', "<in>: article: expected an object, got 'x'"),
     ("{\"a\": 1}\n{", "<in>:2: not article JSON"), ("[" * 100_000, "<in>:1: not article JSON: nested too deeply"),
     ('{"x": 1e999}', "<in>: article: missing field")],
)
def test_loader_errors_are_typed_and_name_the_source(text: str, expected: str) -> None:
    with pytest.raises(tmcontent.ParseError) as error:
        articles_from_json(text, "<in>")
    assert str(error.value).startswith(expected) and "\n" not in str(error.value)


def test_lone_surrogates_in_article_json_are_replaced_not_fatal(article_dict: dict[str, object]) -> None:
    text = json.dumps(dict(article_dict, title="a\ud800b"))
    (article,) = articles_from_bytes(text.encode("ascii"), "<in>")
    assert article.title == "a\ufffdb"
    render(article, locale="en", format="md").encode("utf-8")


def test_load_articles_is_library_api_shared_by_the_commands() -> None:
    import inspect

    from tmcontent.commands import render as render_command
    from tmcontent.commands import translate as translate_command

    # the commands import it where they run (start-up stays light), from the library, and keep no copy
    for command in (render_command, translate_command):
        source = inspect.getsource(command)
        assert "from tmcontent.load import" in source and "def load_articles" not in source and "def articles_from" not in source
    assert load_articles.__module__ == "tmcontent.load"


def _installed_copy(site: Path) -> None:
    """The package as the wheel lays it out: src/tmcontent plus pyproject's force-included folders."""
    shutil.copytree(REPO / "src" / "tmcontent", site / "tmcontent", ignore=shutil.ignore_patterns("__pycache__"))
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    for source, target in config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"].items():
        shutil.copytree(REPO / source, site / target)


def test_demo_runs_outside_a_clone(tmp_path: Path) -> None:
    site, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    _installed_copy(site)
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(site))
    result = _run("demo", "-o", "out", cwd=elsewhere, env=env)
    assert result.returncode == 0, result.stderr
    assert str(site / "tmcontent" / "examples") in result.stdout
    articles = [json.loads(line) for line in (elsewhere / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(articles) >= 6 and all(a["source"].startswith("examples/") for a in articles)
    # the same bytes as the demo from the source tree
    from_tree = _run("demo", "-o", str(tmp_path / "tree"), cwd=elsewhere)
    assert from_tree.returncode == 0, from_tree.stderr
    assert (tmp_path / "tree" / "articles.jsonl").read_bytes() == (elsewhere / "out" / "articles.jsonl").read_bytes()


def test_the_checker_refuses_a_schema_keyword_it_does_not_apply() -> None:
    from tmcontent.schema.validate import compile_schema, problem

    with pytest.raises(ValueError, match="does not apply: \\['minLength'\\]"):
        compile_schema({"type": "object", "properties": {"a": {"type": "string", "minLength": 2}}})
    schema = {"type": "object", "properties": {"a": {"$ref": "#/$defs/n"}}, "$defs": {"n": {"oneOf": [{"type": "integer"}, {"type": "number"}]}}}
    assert problem({"a": 1}, schema) == ("a", "1 matches more than one of its forms")
    assert problem({"a": 1.5}, schema) is None
