"""Localized rendering: labels and dates per locale, language marks, safety, formats, CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from render_readers import Page, markdown_tokens, read_page

import tmcontent
from tmcontent.errors import RenderError
from tmcontent.model import Article, Block, DateInfo, Inline, Label
from tmcontent.render import FORMATS, render


def _article(examples_dir: Path) -> Article:
    (article,) = tmcontent.parse(examples_dir / "press-release-tk.html")
    return article


def _hostile() -> Article:
    title = 'Title </script><script>alert("t")</script> <img src=x onerror=alert(1)>'
    text = 'Click <a href="javascript:alert(1)">here</a> <iframe src="https://evil.example"></iframe> <style>*{}</style>'
    return Article(
        source="hostile.html",
        url="javascript:alert(2)",
        page_locale="en",
        kind=Label("press_release", "Press Release", "en"),
        title=title,
        published=DateInfo("27 November 2023", "2023-11-27", "en"),
        blocks=[
            Block("paragraph", text, "en", inline=[Inline(0, 5, "link", "javascript:alert(1)"), Inline(6, 10, "link", "java\tscript:x"),
                                                   Inline(11, 14, "link", "https://ok.example/a?b=1&c=2")]),
            Block("quote", "“<b onmouseover=x>Hi</b>”", "en", speaker="<svg onload=alert(3)>"),
        ],
    )


def _collect(html: str) -> Page:
    return read_page(html)


@pytest.mark.parametrize(
    ("locale", "label", "date"),
    [("tk", "Press reliz", "14 mart 2024"), ("ru", "Пресс-релиз", "14 марта 2024\u202fг."), ("en", "Press Release", "March 14, 2024")],
)
def test_html_labels_dates_and_language_marks(examples_dir: Path, locale: str, label: str, date: str) -> None:
    html = render(_article(examples_dir), locale=locale, format="html")
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"" + locale + '"')
    assert f'<p class="kind">{label}</p>' in html
    assert date in html
    article = _article(examples_dir)
    marked = html.count('<p lang="en">')
    if locale == "en":
        assert marked == 0 and 'lang="en"' not in html.split("<html", 1)[1].split(">", 1)[1]
        assert 'class="notice"' not in html
    else:
        assert marked == sum(1 for b in article.blocks if b.kind == "paragraph")
        assert '<h1 lang="en">' in html and '<li lang="en">' in html
        assert 'class="notice"' in html


def test_json_ld_in_html_is_a_news_article(examples_dir: Path) -> None:
    html = render(_article(examples_dir), locale="tk", format="html")
    (script,) = _collect(html).scripts
    data = json.loads(script)
    assert data["@type"] == "NewsArticle" and data["inLanguage"] == "en" and data["datePublished"] == "2024-03-14"


def test_hreflang_alternates_only_safe(examples_dir: Path) -> None:
    html = render(_article(examples_dir), locale="tk", format="html",
                  alternates={"en": "https://example.org/en/1", "ru": "javascript:alert(1)"})
    assert '<link rel="alternate" hreflang="en" href="https://example.org/en/1">' in html
    assert "javascript:" not in html


def test_hostile_content_is_escaped_and_links_filtered() -> None:
    html = render(_hostile(), locale="en", format="html")
    collector = _collect(html)
    tags = {tag for tag, _ in collector.tags}
    assert not tags & {"iframe", "object", "embed", "svg", "img"}
    names = [tag for tag, _ in collector.tags]
    assert names.count("style") == 1 and names.index("style") < names.index("body")  # the inlined stylesheet only
    assert [tag for tag, _ in collector.tags].count("script") == 1  # the JSON-LD one
    assert all(not name.startswith("on") for _, attrs in collector.tags for name in attrs)
    hrefs = [attrs.get("href") or "" for tag, attrs in collector.tags if tag == "a"]
    assert hrefs == ["https://ok.example/a?b=1&c=2"]
    assert all(not (value or "").lower().lstrip().startswith(("javascript", "java\t", "data:")) for _, attrs in collector.tags for value in attrs.values())
    (script,) = collector.scripts
    assert "</" not in script
    assert json.loads(script)["headline"].startswith("Title </script>")


def test_markdown_front_matter_is_valid_yaml(examples_dir: Path) -> None:
    yaml = pytest.importorskip("yaml")
    article = _article(examples_dir)
    article.title = 'Title: with "quotes" # and a colon'
    text = render(article, locale="ru", format="md")
    front = text.split("---\n")[1]
    data = yaml.safe_load(front)
    assert data["title"] == article.title and data["kind"] == "Пресс-релиз" and data["lang"] == "ru"


def test_markdown_escapes_markup() -> None:
    text = render(_hostile(), locale="en", format="md")
    body = text.split("---\n", 2)[2]
    assert "\\<iframe" in body
    assert all(body[i - 1] == "\\" for i, char in enumerate(body) if char == "<")


def test_markdown_keeps_safe_links_and_emphasis() -> None:
    text = "The report is online and the data are open (CC BY)."
    block = Block("paragraph", text, "en", inline=[
        Inline(4, 10, "link", "https://un.org/report (2024)?a=<1>"), Inline(14, 20, "strong"),
        Inline(29, 33, "link", "javascript:alert(1)"), Inline(38, 42, "em"), Inline(44, 49, "code"),
    ])
    body = render(Article(source="s.html", title="T", blocks=[block]), locale="en", format="md").split("---\n", 2)[2]
    assert "The [report](https://un.org/report%282024%29?a=%3C1%3E) is **online** and the data are *open* (`CC BY`)." in body
    assert "javascript" not in body


def test_user_templates_override(tmp_path: Path, examples_dir: Path) -> None:
    (tmp_path / "article.html").write_text("<p>{{ _('Published') }}: {{ published }} — {{ article.title }}</p>\n", encoding="utf-8")
    html = render(_article(examples_dir), locale="ru", format="html", templates_dir=tmp_path)
    assert html.startswith("<p>Опубликовано: 14 марта 2024")


def test_same_article_same_bytes(examples_dir: Path) -> None:
    for format in FORMATS:
        assert render(_article(examples_dir), locale="tk", format=format) == render(_article(examples_dir), locale="tk", format=format)
    with pytest.raises(RenderError, match="unknown format"):
        render(_article(examples_dir), locale="tk", format="pdf")


def test_cli_render_from_parse_output(tmp_path: Path, examples_dir: Path) -> None:
    parsed = subprocess.run([sys.executable, "-m", "tmcontent.cli", "parse", str(examples_dir / "listing-ru.html")],
                            capture_output=True, text=True, check=True)
    source = tmp_path / "listing.json"
    source.write_text(parsed.stdout, encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "tmcontent.cli", "render", str(source), "--locale", "tk", "--format", "html", "-o", str(out)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    files = sorted(out.glob("*.html"))
    assert len(files) == 3
    assert any('lang="en"' in f.read_text(encoding="utf-8") for f in files)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"source": "x"}\n{not json\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tmcontent.cli", "render", str(bad), "--locale", "tk"], capture_output=True, text=True, check=False)
    assert result.returncode == 1 and re.search(r"bad\.jsonl:2: not article JSON", result.stderr) and "Traceback" not in result.stderr


def test_markdown_an_exclamation_mark_before_a_link_makes_no_image() -> None:
    block = Block("paragraph", "Read it! now", "en", inline=[Inline(8, 12, "link", "https://un.org/a")])
    text = render(Article(source="s.html", title="T", blocks=[block]), locale="en", format="md")
    assert "Read it\\![ now](https://un.org/a)" in text
    types = [token.type for token in markdown_tokens(text)]
    assert "image" not in types and "link_open" in types
