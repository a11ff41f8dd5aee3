"""HTML pages to raw blocks and page metadata (the HTML reader of :mod:`tmcontent.parse`).

The hot path walks an lxml tree — building a BeautifulSoup tree alone costs more than a whole
trafilatura extraction — and BeautifulSoup input is accepted by serialising it. Steps: parse,
read the metadata (:mod:`.html_meta`), strip furniture and find the article container
(:mod:`.boilerplate`), then walk the container in document order emitting one
:class:`RawBlock` per block element with its declared ``lang``, its inline links and emphasis,
and listing-card boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from tmcontent.errors import ParseError
from tmcontent.model import Inline
from tmcontent.parse import boilerplate
from tmcontent.parse.boilerplate import has_block_child
from tmcontent.parse.html_meta import extract_meta
from tmcontent.parse.structure import PageMeta, RawBlock

LEAF_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "pre", "address", "dt", "dd", "td", "th", "blockquote", "caption"})
LIST_ITEM = "li"
EMPHASIS = {"em": "em", "i": "em", "strong": "strong", "b": "strong", "code": "code"}
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
CONTROL_RE = re.compile(r"[\x00-\x20\x7f]+")
XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
#: A listing has at least this many cards (sibling elements of one kind, each with a heading).
MIN_CARDS = 2
HEADING_TAGS = ("h2", "h3", "h4", "h5")


@dataclass
class HtmlPage:
    """What the HTML reader hands the structure builder."""

    blocks: list[RawBlock]
    meta: PageMeta


def html_to_page(html: Any, *, url: str | None = None) -> HtmlPage:
    """Read ``html`` (``str``, ``bytes``, an lxml tree or a ``bs4.BeautifulSoup``)."""
    root = _root(html)
    meta = extract_meta(root, url)
    base = meta.url or url
    boilerplate.strip_furniture(root)
    main = boilerplate.find_main(root)
    cards = _cards(main)
    walker = _Walker(base, cards)
    walker.walk(main, _inherited_lang(main))
    return HtmlPage(blocks=walker.blocks, meta=meta)


def _root(html: Any) -> etree._Element:
    if isinstance(html, etree._Element):
        return html
    if isinstance(html, etree._ElementTree):
        return html.getroot()
    if type(html).__module__.startswith("bs4"):
        html = str(html)
    if isinstance(html, str):
        html = XML_DECLARATION_RE.sub("", html, count=1)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, recover=True)
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise ParseError(f"not readable as HTML: {error}") from error
    if root is None:
        raise ParseError("not readable as HTML: empty document")
    return root


def _inherited_lang(element: etree._Element) -> str | None:
    node: etree._Element | None = element
    while node is not None:
        lang = node.get("lang")
        if lang:
            return lang.strip() or None
        node = node.getparent()
    return None


def _cards(main: etree._Element) -> set[etree._Element]:
    """Listing cards inside the container: nested ``<article>``s, or repeated siblings
    (same tag and class) that each hold a heading."""
    articles = [a for a in main.iter("article") if a is not main]
    if len(articles) >= MIN_CARDS:
        return set(articles) if _hold_most_text(articles, main) else set()
    best: list[etree._Element] = []
    for parent in main.iter():
        groups: dict[tuple[str, str], list[etree._Element]] = {}
        for child in parent:
            if isinstance(child.tag, str) and any(True for _ in child.iter(*HEADING_TAGS)):
                groups.setdefault((child.tag, child.get("class") or ""), []).append(child)
        for members in groups.values():
            if len(members) > len(best):
                best = members
    return set(best) if len(best) >= MIN_CARDS and _hold_most_text(best, main) else set()


#: Cards make a listing only when they hold this share of the container's text; otherwise they
#: are teasers beside an article ("related stories"), and the page is that article.
CARD_TEXT_SHARE = 0.6


def _hold_most_text(cards: list[etree._Element], main: etree._Element) -> bool:
    total = len(" ".join(main.text_content().split())) or 1
    inside = sum(len(" ".join(card.text_content().split())) for card in cards)
    return inside >= CARD_TEXT_SHARE * total


@dataclass
class _TextBuilder:
    """Text with collapsed whitespace, recording inline spans as it grows."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    pending_space: bool = False
    inline: list[Inline] = field(default_factory=list)

    def add(self, text: str | None) -> None:
        if not text:
            return
        if text[:1].isspace():
            self.pending_space = True
        words = text.split()
        if not words:
            return
        piece = " ".join(words)
        if self.pending_space and self.length:
            piece = " " + piece
        self.parts.append(piece)
        self.length += len(piece)
        self.pending_space = text[-1:].isspace()

    def text(self) -> str:
        return "".join(self.parts)

    def mark_start(self) -> int:
        return self.length + (1 if self.pending_space and self.length else 0)


class _Walker:
    def __init__(self, base: str | None, cards: set[etree._Element]) -> None:
        self.base = base
        self.cards = cards
        self.blocks: list[RawBlock] = []
        self.boundary_pending = False

    def walk(self, element: etree._Element, lang: str | None) -> None:
        lang = (element.get("lang") or "").strip() or lang
        if element in self.cards:
            self.boundary_pending = True
        if element.tag in LEAF_TAGS:
            self._emit(element, element.tag, lang)
            return
        if element.tag == LIST_ITEM and not has_block_child(element):
            self._emit(element, "li", lang)
            return
        run = _TextBuilder()
        run_start_lang = lang
        self._add_inline_text(run, element.text)
        for child in element:
            if not isinstance(child.tag, str):
                self._add_inline_text(run, child.tail)
                continue
            if child.tag in boilerplate.INLINE_TAGS and not has_block_child(child):
                self._inline(run, child)
            else:
                self._flush(run, element.tag, run_start_lang)
                run = _TextBuilder()
                self.walk(child, lang)
            self._add_inline_text(run, child.tail)
        self._flush(run, element.tag, run_start_lang)

    @staticmethod
    def _add_inline_text(run: _TextBuilder, text: str | None) -> None:
        run.add(text)

    def _emit(self, element: etree._Element, tag: str, lang: str | None) -> None:
        run = _TextBuilder()
        run.add(element.text)
        for child in element:
            if isinstance(child.tag, str):
                self._inline(run, child)
            run.add(child.tail)
        text = run.text() or _image_alts(element)
        if text:
            self._append(RawBlock(text=text, tag=tag, lang=lang, inline=run.inline, datetime=_datetime(element)))

    def _flush(self, run: _TextBuilder, tag: str, lang: str | None) -> None:
        text = run.text()
        if text:
            self._append(RawBlock(text=text, tag="div" if tag not in ("li",) else tag, lang=lang, inline=run.inline))

    def _append(self, block: RawBlock) -> None:
        block.boundary = self.boundary_pending
        self.boundary_pending = False
        self.blocks.append(block)

    def _inline(self, run: _TextBuilder, element: etree._Element) -> None:
        if element.tag == "br":
            run.pending_space = True
            return
        start = run.mark_start()
        if element.tag == "img":
            return
        run.add(element.text)
        for child in element:
            if isinstance(child.tag, str):
                self._inline(run, child)
            run.add(child.tail)
        end = run.length
        if end <= start:
            return
        if element.tag == "a":
            href = safe_href(element.get("href"), self.base)
            if href:
                run.inline.append(Inline(start, end, "link", href))
        elif element.tag in EMPHASIS:
            run.inline.append(Inline(start, end, EMPHASIS[element.tag]))


def _image_alts(element: etree._Element) -> str:
    return " ".join(" ".join((img.get("alt") or "").split()) for img in element.iter("img") if (img.get("alt") or "").strip())


def _datetime(element: etree._Element) -> str | None:
    for time in element.iter("time"):
        value = (time.get("datetime") or "").strip()
        if value:
            return value
    return None


def safe_href(href: str | None, base: str | None = None) -> str | None:
    """``href`` when it is http(s), mailto or tel (or relative), resolved against ``base``."""
    if not href:
        return None
    cleaned = CONTROL_RE.sub("", href)
    scheme = SCHEME_RE.match(cleaned)
    if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
        return None
    if not scheme and base:
        resolved = urljoin(base, cleaned)
        return resolved if SCHEME_RE.match(resolved) and SCHEME_RE.match(resolved).group(1).lower() in SAFE_SCHEMES else None  # type: ignore[union-attr]
    return cleaned or None
