"""Hostile addresses and text in every output: the allow-list after decoding, Markdown a renderer
cannot turn into a live link or HTML, JSON-LD that is JSON and cannot end its script element."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt
from render_readers import markdown_tokens, read_page

import tmcontent
from tmcontent.model import Article, Block, Inline
from tmcontent.render import FORMATS, render
from tmcontent.urls import judged_form, safe_href, scheme_of

#: Addresses a browser or a Markdown renderer reads as javascript:, vbscript: or data:.
HOSTILE = [
    "jav&#x61;script:alert(1)",
    "jav&#97;script:alert(1)",
    "javascript&colon;alert(1)",
    "java&Tab;script:alert(1)",
    "java&NewLine;script:alert(1)",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
    "&amp;#106;avascript:alert(1)",
    "%6Aavascript:alert(1)",
    "%256Aavascript:alert(1)",
    "java%0Ascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "\x01\x02 javascript:alert(1)",
    " \tjavascript:alert(1)",
    "java\nscript:alert(1)",
    "javascript :alert(1)",
    "jav\u200bascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    ":alert(1)",
]
KEPT = ["https://un.org/a?b=1&c=2", "http://x.tm/", "mailto:info@un.org", "tel:+99312488325", "/tk/news/1", "news/2?x=y#z", "#top", "?page=2"]


@pytest.mark.parametrize("href", HOSTILE)
def test_hostile_addresses_are_refused_with_and_without_a_base(href: str) -> None:
    assert safe_href(href) is None
    assert safe_href(href, "https://un.org/tk/") is None


@pytest.mark.parametrize("href", KEPT)
def test_allowed_addresses_are_kept_as_they_are(href: str) -> None:
    assert safe_href(href) == href
    assert safe_href(safe_href(href)) == href  # idempotent


def test_judging_is_bounded_and_decodes_every_layer() -> None:
    assert judged_form("%2525256A") is not None
    assert judged_form("%" + "25" * 20 + "6A") is None  # does not settle: refused, not looped on
    assert safe_href("%" + "25" * 20 + "6Aavascript:x") is None
    assert scheme_of("HTTPS://x") == "https" and scheme_of("a/b:c") == "" and scheme_of("&#106;avascript:") == "javascript"


def test_a_relative_link_in_a_page_without_url_is_not_decoded_into_javascript() -> None:
    # lxml decodes the attribute once; the second layer of references is what a Markdown renderer would decode
    page = ('<html lang="en"><body><article><h1>Water for farms</h1><p>Read <a href="jav&amp;#x61;script:alert(1)">the report</a> '
            'and <a href="javascript&amp;colon;alert(2)">the data</a> and <a href="/tk/ok">this</a> about the farms of Mary.</p>'
            '</article></body></html>')
    (article,) = tmcontent.parse(page)
    for format in FORMATS:
        out = render(article, locale="en", format=format)
        assert "script:alert" not in out.replace("&amp;", "&").replace("&#x61;", "a"), format
    hrefs = _markdown_hrefs(render(article, locale="en", format="md"))
    assert hrefs == ["/tk/ok"]


def _markdown_hrefs(markdown: str) -> list[str]:
    """Every link destination a CommonMark renderer makes of ``markdown``, and any raw HTML."""
    found: list[str] = []
    for token in markdown_tokens(markdown):
        if token.type == "link_open":
            found.append(str(token.attrs["href"]))
        if token.type in ("html_inline", "html_block"):
            found.append("HTML:" + token.content)
    return found


def test_markdown_destinations_and_text_decode_to_what_was_meant() -> None:
    text = "see report &#106;avascript:alert(1) &lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1)) <b>bold</b> AT&T"
    hrefs = ["https://un.org/r (1)?a=<1>&not=2&#x6A;", "rel&amp;x y", "https://x.tm/a\\b"]
    end = text.index("AT&T")
    block = Block("paragraph", text, "en", inline=[Inline(0, 3, "link", hrefs[0]), Inline(4, 10, "link", hrefs[1]), Inline(end, end + 4, "link", hrefs[2])])
    markdown = render(Article(source="s.html", title="T &#60;script&#62;", blocks=[block]), locale="en", format="md")
    found = _markdown_hrefs(markdown)
    assert [_unquote(h) for h in found] == [h.replace(" ", "") for h in hrefs]  # whitespace is dropped, as browsers do
    html = MarkdownIt("commonmark").render(markdown.split("---\n", 2)[2])
    assert "<img" not in html and "<b>" not in html and "onerror=alert(1)&gt;" in html.replace("&amp;", "&")
    assert "T &amp;#60;script&amp;#62;" in html  # the title's reference text stays text


def _unquote(href: str) -> str:
    from urllib.parse import unquote

    return unquote(href)


def test_markdown_front_matter_url_is_filtered_and_values_are_yaml_safe() -> None:
    yaml = pytest.importorskip("yaml")
    article = Article(source="s\x7f\x85.html", url="jav&#x61;script:alert(1)", title="a\u2028b\x9fc: \"d\" # e")
    markdown = render(article, locale="en", format="md")
    front = yaml.safe_load(markdown.split("---\n")[1])
    assert "url" not in front and front["title"] == article.title and front["source"] == article.source


@pytest.mark.parametrize("title", ["a <!-- b", "</script><script>alert(1)</script>", "<!--<script>", "x & y > z", "line\u2028sep\u2029"])
def test_json_ld_is_json_alone_and_in_html(title: str) -> None:
    article = Article(source="s.html", url="https://un.org/a?b=1&c=<2>", title=title,
                      blocks=[Block("paragraph", "Body " + title, "en")], entities=["<!-- UNDP -->"])
    standalone = render(article, locale="en", format="jsonld")
    assert json.loads(standalone)["headline"] == title
    assert json.loads(standalone)["url"] == "https://un.org/a?b=1&c=<2>"
    (script,) = read_page(render(article, locale="en", format="html")).scripts
    assert json.loads(script) == json.loads(standalone)
    for text in (standalone, script):
        assert "</script" not in text.lower() and "<!--" not in text and "<" not in text and "\u2028" not in text


def test_json_ld_url_is_the_filtered_address() -> None:
    data = json.loads(render(Article(source="s", url="\x01https://un.org/x"), locale="en", format="jsonld"))
    assert data["url"] == "https://un.org/x"
    data = json.loads(render(Article(source="s", url="jav&#x61;script:alert(1)"), locale="en", format="jsonld"))
    assert "url" not in data
