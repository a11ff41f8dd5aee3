"""Fuzz layer for rendering: arbitrary schema-valid articles full of hostile text, and arbitrary
schema-invalid article JSON.

Properties: render (json, html, md, jsonld; tk, ru, en) never raises; the HTML has exactly one
script (the JSON-LD, which parses) and no link whose address decodes to a scheme outside the
allow-list; a CommonMark renderer makes no raw HTML and no such link of the Markdown; JSON-LD
parses; the JSON output validates against the published schema and renders again to the same
bytes. Schema-invalid JSON gives only the documented one-line error, exactly when the published
schema (checked by ``jsonschema``) says the document is invalid.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape
from render_readers import markdown_tokens, read_page

from tmcontent.errors import ParseError, SchemaError
from tmcontent.load import articles_from_json
from tmcontent.model import BLOCK_KINDS, Article, Block, Contact, DateInfo, Dateline, Inline, Label, Segment
from tmcontent.render import FORMATS, render
from tmcontent.schema import article_schema

try:
    import yaml
except ImportError:  # pragma: no cover - not a test dependency; checked where it is installed
    yaml = None

LOCALES = ("tk", "ru", "en")
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
FORBIDDEN_TAGS = {"img", "iframe", "svg", "object", "embed", "form", "input", "base", "math", "template", "noscript", "frame", "video", "audio"}
FRAGMENTS = [
    "<script>alert(1)</script>", "</script>", "</SCRIPT >", "<!--", "-->", "<![CDATA[", "{{ 7*7 }}", "{% for x in y %}", "{# c #}",
    "\u202e", "\u2066", "\u200b", "\u2028", "\u2029", "\x00", "\x01", "\x1b", "\x7f", "\x85", "\ufeff",
    "jav&#x61;script:alert(1)", "javascript&colon;", "&#106;", "&amp;", "&lt;b&gt;", "&not=", "%6A", "%0A",
    "[x](javascript:alert(1))", "![i](data:x)", "<img src=x onerror=alert(1)>", "<a href='javascript:x'>", "\\", "`", "*", "_", "#", "|", "---", "\n",
    "Aşgabat, 14 mart 2024: ", "Türkmenistanyň ýaşlary", "Пресс-релиз", "«Ашхабад»", "Ýaş hünärmenler", "ŽžŇňÝý", " ", "(", ")", ":", "'", '"',
]
HREFS = [
    "jav&#x61;script:alert(1)", "javascript&colon;alert(1)", "java&Tab;script:x", "%6Aavascript:x", "JaVaScRiPt:x", "\x01 javascript:x",
    "data:text/html,<script>alert(1)</script>", "vbscript:x", "&amp;#106;avascript:x", "java%0Ascript:x", "jav\u200bascript:x",
    "https://un.org/a?b=1&c=2", "http://x.tm/ (1)", "mailto:a@b.tm", "tel:+99312", "/tk/news/1", "news?a=<1>&not=2", "#top", "//evil.example/x",
]
#: Built once: ``jsonschema.validate`` checks the schema itself on every call (0.3 s each).
VALIDATOR = jsonschema.Draft202012Validator(article_schema())
TAGS = ["en", "tk", "ru", "tr", "uz", "en-GB", "tk-Latn", "ru-RU"]

hostile = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=6).map("".join)
optional_text = st.none() | hostile
lang_tag = st.sampled_from(TAGS) | st.from_regex(r"\A[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}\Z")
optional_lang = st.none() | lang_tag
href = st.sampled_from(HREFS) | hostile | st.tuples(st.sampled_from(HREFS), hostile).map("".join)
offset = st.integers(min_value=0, max_value=40)


@st.composite
def blocks(draw: st.DrawFn) -> Block:
    text = draw(hostile)
    inline = draw(st.lists(st.builds(Inline, offset, offset, st.sampled_from(["link", "em", "strong", "code"]), st.none() | href), max_size=4))
    segments = draw(st.none() | st.lists(st.builds(Segment, offset, offset, hostile, hostile, st.floats(0, 1)), max_size=2))
    speaker = draw(st.none() | hostile)
    return Block(draw(st.sampled_from(BLOCK_KINDS)), text, draw(optional_lang), speaker, segments, inline)


labels = st.builds(Label, st.sampled_from(["press_release", "story", "news", "entities", "goals"]) | hostile, optional_text, optional_lang)
dates = st.builds(DateInfo, hostile, st.none() | st.sampled_from(["2024-03-14", "2010-02", "--03-21", "2024-03-14T10:00", "2024"]) | hostile, optional_lang)
articles = st.builds(
    Article,
    source=hostile,
    url=st.none() | href,
    page_locale=optional_lang,
    declared_locale=optional_lang,
    kind=st.none() | labels,
    title=optional_text,
    title_lang=optional_lang,
    published=st.none() | dates,
    dateline=st.none() | st.builds(Dateline, hostile, optional_text, st.none() | dates),
    blocks=st.lists(blocks(), max_size=5),
    contacts=st.lists(st.builds(Contact, optional_text, optional_text, optional_text, st.lists(hostile, max_size=2), st.lists(hostile, max_size=2)), max_size=2),
    entities=st.lists(hostile, max_size=3),
    goals=st.lists(st.integers(1, 17), max_size=3),
    body_langs=st.lists(lang_tag | hostile, max_size=2),
    sections=st.lists(labels, max_size=2),
    credit=optional_text,
    id=st.just("") | st.from_regex(r"\A[0-9a-f]{16}\Z"),
)


def _scheme_allowed(address: str) -> bool:
    """Independent of tmcontent.urls: the scheme any lenient reader could see in ``address``."""
    for _ in range(20):
        decoded = re.sub(r"[\x00-\x20\x7f]", "", unquote(html.unescape(address)))
        if decoded == address:
            break
        address = decoded
    else:
        return False
    head = re.split(r"[/?#]", address, maxsplit=1)[0]
    return ":" not in head or head.split(":", 1)[0].lower() in ALLOWED_SCHEMES


def _check_html(out: str, article: Article) -> None:
    page = read_page(out)
    names = [tag for tag, _ in page.tags]
    assert names.count("script") == 1 and not FORBIDDEN_TAGS & set(names)
    assert names.count("style") == 1 and names.index("style") < names.index("body")  # our inlined stylesheet only
    (script_attrs,) = [attrs for tag, attrs in page.tags if tag == "script"]
    assert script_attrs == {"type": "application/ld+json"}
    for _, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs)
        for name in ("href", "src", "action", "formaction"):
            assert attrs.get(name) is None or _scheme_allowed(attrs[name] or ""), attrs
    (script,) = page.scripts
    assert json.loads(script)["@type"] == "NewsArticle"
    if article.title and article.title.strip():  # a blank title gives way to the fallback headline
        assert str(escape(article.title.strip())) in out  # escaped as text: no template syntax evaluated, nothing lost


def _check_markdown(out: str, article: Article) -> None:
    if yaml is not None:  # PyYAML, as Jekyll-style tools read front matter
        front = yaml.safe_load(out.split("---\n", 2)[1])
        assert front["source"] == article.source and front.get("title", "") == (article.title or "")
    for token in markdown_tokens(out):
        assert token.type not in ("html_inline", "html_block"), token.content
        if token.type == "link_open":
            assert _scheme_allowed(str(token.attrs["href"])), token.attrs
        if token.type == "image":
            raise AssertionError(f"an image was made: {token.attrs}")


@given(articles)
def test_any_valid_article_renders_safely_in_every_format_and_locale(article: Article) -> None:
    for locale in LOCALES:
        _check_html(render(article, locale=locale, format="html"), article)
        _check_markdown(render(article, locale=locale, format="md"), article)
        ld = render(article, locale=locale, format="jsonld")
        assert json.loads(ld)["@context"] == "https://schema.org" and "<" not in ld
        out = render(article, locale=locale, format="json")
        data = json.loads(out)
        VALIDATOR.validate(data)
        again = Article.from_dict(data)
        for format in FORMATS:
            assert render(again, locale=locale, format=format) == render(article, locale=locale, format=format)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | hostile,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile, inner, max_size=3),
    max_leaves=12,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    """A valid article's JSON with one place changed: a value replaced, a key dropped or added."""
    document = json.loads(json.dumps(draw(articles).to_dict()))
    path = draw(st.sampled_from(_paths(document)))
    if not path:
        return draw(json_values)
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    action = draw(st.sampled_from(["replace", "drop", "add"]))
    if action == "replace":
        parent[path[-1]] = draw(json_values | st.sampled_from(["xx-", "video", 18, 0, -1, "1.0 ", "abc", True]))
    elif action == "drop" and isinstance(parent, dict):
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[draw(hostile)] = draw(json_values)
    return document


@given(mutated_documents())
def test_schema_invalid_json_gives_only_the_documented_one_line_error(document: Any) -> None:
    text = json.dumps(document)
    items = document if isinstance(document, list) else [document]  # a list document is a list of articles
    invalid = next((error for item in items for error in VALIDATOR.iter_errors(item)), None)
    try:
        loaded = articles_from_json(text, "articles.json")
    except SchemaError as error:
        assert invalid is not None, f"refused a schema-valid document: {error}"
        message = str(error)
        assert message.startswith("articles.json: ") and "\n" not in message and "\r" not in message
        if isinstance(document, dict):
            with pytest.raises(SchemaError):
                render(document, locale="en")
        return
    assert invalid is None, f"accepted a document the schema refuses: {invalid.message}"
    if isinstance(document, dict):
        assert render(document, locale="tk", format="jsonld") == render(loaded[0], locale="tk", format="jsonld")
    for article in loaded:
        for locale in LOCALES:
            render(article, locale=locale, format="md")


@given(json_values | st.text(max_size=40))
def test_arbitrary_json_or_text_is_an_article_or_one_parse_error(value: Any) -> None:
    text = value if isinstance(value, str) and not value.startswith(("{", "[")) else json.dumps(value)
    try:
        loaded = articles_from_json(text, "in.jsonl")
    except ParseError as error:
        assert str(error).startswith("in.jsonl") and "\n" not in str(error)
    else:
        assert all(isinstance(article, Article) for article in loaded)
