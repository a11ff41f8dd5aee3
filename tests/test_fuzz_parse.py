"""Property tests of :func:`tmcontent.parse` on arbitrary input: random HTML-ish markup and
plain-text dumps, as ``str`` and as ``bytes``. Whatever comes in, either a ``ParseError``
(the documented error; ``SourceNotFoundError`` is one) or articles whose JSON is valid
against the published schema, writable as UTF-8, and the same bytes on a second run."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

import tmcontent
from tmcontent.errors import ParseError
from tmcontent.parse import ParseOptions
from tmcontent.schema import article_schema

TAGS = ["p", "div", "span", "a", "h1", "h2", "li", "ul", "article", "main", "nav", "header", "footer", "time", "blockquote",
        "script", "style", "table", "td", "br", "img", "b", "em", "html", "body", "head", "title", "meta", "figure", "figcaption"]
ATTRIBUTES = ['href="https://example.org/a"', "href='jav&#x61;script:alert(1)'", 'class="menu"', 'class="article-body"',
              'lang="tk"', 'lang="ru"', 'datetime="2023-11-27"', 'hidden', 'role="navigation"', 'alt="Surat"',
              'property="og:title" content="Täze kitaphana"', 'itemprop="articleBody"', 'href="/news/1"']
TEXT_PIECES = ["Daşoguz şäherinde täze kitaphana açyldy.", "Школьники посадили сто деревьев.", "The ministry said it plans.",
               "27 noýabr 2023", "12 апреля 2024", "13 March 2020", "“Bu möhüm ädim,” diýip, Aýna Gurbanowa aýtdy.",
               "Press reliz", "Story", "Пресс-релиз", "Latest", "press@un.org.tm", "+993 12 48-83-15", "&amp;", "&lt;",
               "&#0;", "&#xD800;", "\x00", "\ud800", "\udcff", "\x07", "\u200b", "«", "»", "  ", "\n", "\r\n", "\t"]


def _tag(draw: Any) -> str:
    tag = draw(st.sampled_from(TAGS))
    attributes = draw(st.lists(st.sampled_from(ATTRIBUTES), max_size=3))
    return "<" + " ".join([tag, *attributes]) + ">"


@st.composite
def markup(draw: Any) -> str:
    """A page of random start tags, end tags and text, sometimes with a head and doctype."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.sampled_from(["open", "close", "text", "text", "random"]))
        if kind == "open":
            parts.append(_tag(draw))
        elif kind == "close":
            parts.append(f"</{draw(st.sampled_from(TAGS))}>")
        elif kind == "text":
            parts.append(draw(st.sampled_from(TEXT_PIECES)))
        else:
            parts.append(draw(st.text(max_size=20)))
    prefix = draw(st.sampled_from(["", "<!DOCTYPE html>", "<html><body>", "<?xml version='1.0'?>\n"]))
    return prefix + "".join(parts)


@st.composite
def dump(draw: Any) -> str:
    """A plain-text dump: one block per line, labels, dates, paragraphs and random lines."""
    lines = draw(st.lists(st.one_of(st.sampled_from(TEXT_PIECES), st.text(max_size=60)), max_size=25))
    return draw(st.sampled_from(["\n", "\n\n", "\r\n"])).join(lines)


PAGES = st.one_of(markup(), dump(), st.text(max_size=200))
#: Language identification is the slowest stage and has its own fuzz tests: off for bytes.
QUICK = ParseOptions(detect_languages=False)


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = article_schema()
    return jsonschema.validators.validator_for(schema)(schema)


def _outputs(source: str | bytes, options: ParseOptions | None = None) -> bytes | None:
    """The articles' JSON as bytes, after checking it against the schema (None: ParseError)."""
    try:
        articles = tmcontent.parse(source, name="fuzzed.html", options=options)
    except ParseError as error:
        message = str(error)
        assert message.startswith("fuzzed.html") or isinstance(source, str), message
        assert "\n" not in message
        return None
    documents = [article.to_dict() for article in articles]
    for document in documents:
        _validator().validate(document)
    return json.dumps(documents, ensure_ascii=False, sort_keys=True).encode("utf-8")


@given(PAGES)
def test_any_str_gives_schema_valid_articles_the_same_each_time(page: str) -> None:
    first = _outputs(page)
    assert _outputs(page) == first


@given(PAGES, st.sampled_from(["utf-8", "utf-16", "cp1251", "latin-1"]))
def test_any_bytes_give_schema_valid_articles_the_same_each_time(page: str, encoding: str) -> None:
    data = page.encode(encoding, errors="replace")
    first = _outputs(data, QUICK)
    assert _outputs(data, QUICK) == first


@given(st.binary(max_size=300))
def test_arbitrary_bytes_are_articles_or_a_parse_error(data: bytes) -> None:
    _outputs(data, QUICK)


QUOTE_TEXT = st.text(alphabet="“”«»„\"‘’ab .\n", max_size=60)


@given(QUOTE_TEXT)
def test_quote_spans_read_as_the_quotation_pattern_does(text: str) -> None:
    # The one-pass reading replaced this pattern (quadratic on runs of opening marks); on short
    # texts the two must find the same quotations.
    import re

    from tmcontent.parse.quotes import quote_spans

    pattern = re.compile(r"“[^”]{3,}”|«[^»]{3,}»|„[^“”]{3,}[“”]|\"[^\"]{3,}\"|“[^”]{20,}$")
    assert list(quote_spans(text)) == [match.span() for match in pattern.finditer(text)]
