"""HTML text to an lxml tree: the parser settings, and the pages libxml2 would cut short.

A plain :class:`lxml.etree.HTMLParser` is used, not :mod:`lxml.html`: its element class
lookup runs Python code for every element (7% of a parse on real pages). libxml2 stops at a
nesting depth of 256 (2,048 with ``huge_tree``) and silently drops the rest of the page; when
its error log says so, the markup is flattened — elements deeper than :data:`MAX_DEPTH` lose
their tags but keep their text — and parsed again, so no text is lost. libxml2 also stops at
an early ``</html>`` (a page that closes its body after the header and goes on): end tags of
the body and the document are removed before parsing, as a browser would ignore them.
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser as _StreamParser
from typing import Any

from lxml import etree

from tmcontent.errors import ParseError

log = logging.getLogger(__name__)

XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
#: ``</body>`` and ``</html>``: libxml2 drops whatever follows them, browsers do not (pages
#: close their body after the header and go on with the article); removed before parsing,
#: they are implied at the end of the document.
DOCUMENT_END_RE = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
DOCUMENT_END_BYTES_RE = re.compile(rb"</(?:body|html)\s*>", re.IGNORECASE)
#: Depth kept when a page is flattened: below libxml2's limit of 2,048 (``huge_tree``), with
#: room for the elements that the parser itself adds (html, body, implied paragraphs).
MAX_DEPTH = 1500
#: Attributes one start tag may carry. libxml2 compares each attribute of a tag with every
#: earlier one, so a tag costs the square of its attributes: 4 MB of tags with 1,000
#: attributes each parse as fast as with 10 (~1 s), with 2,000 in 1.6x that, with 10,000 in
#: 8x; one tag with 250,000 took 228 s. The most on a real page: 136 (the 1,497 WCXB pages).
MAX_ATTRIBUTES = 1000
#: A start tag with more than MAX_ATTRIBUTES attributes, read as libxml2 reads them (quoted
#: values may hold ``<`` and ``>``; after one the next name may follow at once). Possessive quantifiers: one pass, no backtracking; a
#: 50 MB page of ``<p>x</p>`` is scanned in about 1 s.
_ATTRIBUTE = r"""[\s/]*+[^\s/<>=]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s>]*+))?+"""
TOO_MANY_ATTRIBUTES_RE = re.compile(rf"<[A-Za-z][^\s/<>]*+(?:{_ATTRIBUTE}){{{MAX_ATTRIBUTES + 1}}}")
TOO_MANY_ATTRIBUTES_BYTES_RE = re.compile(TOO_MANY_ATTRIBUTES_RE.pattern.encode("ascii"))
#: How far back a tag that may hold a candidate in its quoted value is looked for (an inline
#: SVG in a data URL carries tags of its own). Not tuned: bounds that keep the look-back cheap
#: and that every WCXB page stays within.
LOOKBACK_CHARS = 65536
LOOKBACK_TAGS = 32
#: A quoted value or a tag's closing ">" (quoted values may hold ">").
TAG_TOKEN_RE = re.compile(r""""[^"]*+"|'[^']*+'|>""")
TAG_TOKEN_BYTES_RE = re.compile(TAG_TOKEN_RE.pattern.encode("ascii"))
#: Elements whose content libxml2 reads as text, never as tags.
RAW_TEXT_RE = re.compile(r"<(script|style)\b[^>]*+>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
RAW_TEXT_BYTES_RE = re.compile(RAW_TEXT_RE.pattern.encode("ascii"), re.IGNORECASE | re.DOTALL)
EMPTY_PAGE = "empty page: no element or text besides the doctype, comments or end tags"
VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: Elements whose end tag may be left out: they are kept and not counted, so that a page of
#: unclosed ``<p>``/``<li>`` does not look deep.
OPTIONAL_END_TAGS = frozenset("html head body p li dt dd tr td th thead tbody tfoot option optgroup colgroup caption rb rt rtc rp".split())


def parse_html(html: Any) -> etree._Element:
    """The root ``<html>`` element of ``html`` (``str``, ``bytes``, an lxml tree or a soup)."""
    if isinstance(html, etree._Element):
        return html
    if isinstance(html, etree._ElementTree):
        return html.getroot()
    if type(html).__module__.startswith("bs4"):
        html = str(html)
    if isinstance(html, str):
        html = DOCUMENT_END_RE.sub("", XML_DECLARATION_RE.sub("", html, count=1))
    elif isinstance(html, (bytes, bytearray)):
        html = DOCUMENT_END_BYTES_RE.sub(b"", html)
    _check_attributes(html)
    root, too_deep = _parse(html)
    if too_deep:
        log.info("page nested deeper than the parser allows: flattened below depth %d", MAX_DEPTH)
        text = html if isinstance(html, str) else html.decode("utf-8", "replace")
        root, _ = _parse(flatten(text, MAX_DEPTH))
    if root is None:
        raise ParseError(EMPTY_PAGE)
    return root


def _check_attributes(html: str | bytes) -> None:
    """Refuse markup whose attributes would take libxml2 longer than any time budget."""
    found = _crowded_tag(html)
    if found is not None:
        line = (html.count("\n", 0, found) if isinstance(html, str) else html.count(b"\n", 0, found)) + 1
        raise ParseError(f"a tag has more than {MAX_ATTRIBUTES} attributes; refused, as no page needs that many", line=line)


def _crowded_tag(html: Any) -> int | None:
    """Where the first tag with too many attributes starts. Skipped, as libxml2 reads them as
    text: the content of ``<script>`` and ``<style>`` (minified code reads like a tag with
    thousands of attributes) and markup inside a quoted attribute value (an inline SVG in a
    ``data:`` URL). Five WCXB pages were refused before these two rules."""
    text = isinstance(html, str)
    pattern: re.Pattern[Any] = TOO_MANY_ATTRIBUTES_RE if text else TOO_MANY_ATTRIBUTES_BYTES_RE
    raw_text: re.Pattern[Any] = RAW_TEXT_RE if text else RAW_TEXT_BYTES_RE
    position = 0
    while (found := pattern.search(html, position)) is not None:
        enclosing = _enclosing_raw_text(html, raw_text, position, found.start())
        if enclosing is not None:
            position = enclosing
        elif _inside_quoted_value(html, found.start()):
            position = found.start() + 1
        else:
            return found.start()
    return None


def _enclosing_raw_text(html: Any, raw_text: re.Pattern[Any], start: int, offset: int) -> int | None:
    """The end of the script or style element holding ``offset``, or ``None``; elements are
    looked for from ``start`` on (none before it can hold ``offset``: the scan has passed them)."""
    for element in raw_text.finditer(html, start):
        if element.start() > offset:
            return None
        if element.start() < offset < element.end():
            return element.end()
    return None


def _inside_quoted_value(html: Any, offset: int) -> bool:
    """Whether ``offset`` lies in a quoted attribute value of a tag opened before it: of the
    last LOOKBACK_TAGS tag openings within LOOKBACK_CHARS, one whose quoted value (read as
    libxml2 reads it, ``>`` inside quotes included) runs past ``offset``."""
    text = isinstance(html, str)
    tokens: re.Pattern[Any] = TAG_TOKEN_RE if text else TAG_TOKEN_BYTES_RE
    floor, before = max(0, offset - LOOKBACK_CHARS), offset
    for _ in range(LOOKBACK_TAGS):
        start = html.rfind("<" if text else b"<", floor, before)
        if start < 0:
            return False
        before = start
        for token in tokens.finditer(html, start + 1, offset + LOOKBACK_CHARS):
            if token.start() >= offset:
                break
            if token.end() > offset:
                return True
            if token.end() - token.start() == 1:  # a ">" outside quotes: this tag closed before
                break
    return False


def _parse(html: str | bytes) -> tuple[etree._Element | None, bool]:
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, recover=True, huge_tree=True)
    try:
        root = etree.fromstring(html, parser)
    except (etree.ParserError, ValueError) as error:
        if "empty" in str(error).lower():  # libxml2's "Document is empty"
            raise ParseError(EMPTY_PAGE) from error
        raise ParseError(f"not readable as HTML: {error}") from error
    too_deep = any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log)
    return root, too_deep


def flatten(html: str, max_depth: int) -> str:
    """``html`` with the tags of elements deeper than ``max_depth`` removed (text kept)."""
    flattener = _Flattener(max_depth)
    flattener.feed(html)
    flattener.close()
    return "".join(flattener.out)


class _Flattener(_StreamParser):
    """Re-serialises a page, dropping start/end tags below ``max_depth`` (a streaming pass,
    linear in the input; Python's parser has no depth limit)."""

    def __init__(self, max_depth: int) -> None:
        super().__init__(convert_charrefs=False)
        self.max_depth = max_depth
        self.depth = 0
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS or tag in OPTIONAL_END_TAGS:
            self._emit_tag(tag)
            return
        self.depth += 1
        if self.depth <= self.max_depth:
            self._emit_tag(tag)
        else:
            self.out.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._emit_tag(tag)

    def _emit_tag(self, tag: str) -> None:
        text = self.get_starttag_text()
        self.out.append(text if text is not None else f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        if tag in OPTIONAL_END_TAGS:
            self.out.append(f"</{tag}>")
            return
        if self.depth <= self.max_depth:
            self.out.append(f"</{tag}>")
        else:
            self.out.append(" ")
        self.depth = max(0, self.depth - 1)

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")
