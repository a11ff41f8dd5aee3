"""One walk over an HTML tree: its text blocks in reading order, and where each element's are.

A *text block* is what a reader sees as one paragraph: a ``<p>`` or heading with its inline
markup, a list item, a table cell, the text of a ``<div>`` that holds only inline markup, or a
run of loose text between block elements and double ``<br>`` (Blogger posts, a ``<section>``
of ``<h2>`` + loose text + ``<ul>``). Each block keeps its inline links and emphasis, its
declared language, the ``<time datetime>`` inside it, its link characters, and its *owner*
(the nearest block-level element).

The walk is iterative (``lxml.etree.iterwalk`` events), so nesting depth costs no recursion,
and it records for every element the range of blocks it holds (blocks are in document order,
so an element's blocks are a contiguous slice). :mod:`.content` scores and chooses with those
ranges; nothing walks the tree twice. Subtrees that never hold text (:mod:`.furniture`) are
skipped; suspected furniture is only recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from tmcontent.model import Inline
from tmcontent.parse import furniture
from tmcontent.parse.spaces import squeeze_spaces
from tmcontent.urls import safe_href

INLINE_TAGS = frozenset(
    "a span em i strong b u small sup sub abbr code font mark q cite time br s del ins bdi bdo wbr label "
    "data var kbd samp dfn tt big strike nobr acronym output meter progress".split()
)
#: Block elements whose whole content is one block (nested block markup is read inline).
ATOMIC_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 pre figcaption dt caption address blockquote summary legend".split())
#: The block tags the structure builder reads; any other owner is reported as "div".
HINT_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 li blockquote figcaption td th pre dt dd address caption".split())
EMPHASIS = {"em": "em", "i": "em", "strong": "strong", "b": "strong", "code": "code"}
EXPLICIT_ROLES = frozenset({"main", "article"})
IMAGE_TAG = "img"
#: Block elements worth a look even without attributes (furniture, chrome, the article's markers).
NOTED_TAGS = furniture.FURNITURE_TAGS | furniture.CHROME_TAGS | {"article", "main", "h1"}


@dataclass(slots=True)
class TextBlock:
    """One block of text in reading order, with what the scorer needs to know about it."""

    text: str
    tag: str
    lang: str | None
    owner: etree._Element
    inline: list[Inline]
    link_chars: int
    datetime: str | None = None


@dataclass
class PageBlocks:
    """The blocks of a page and, per element, the slice of blocks it holds."""

    blocks: list[TextBlock] = field(default_factory=list)
    spans: dict[etree._Element, tuple[int, int]] = field(default_factory=dict)
    #: Suspected furniture, outermost first, with the reason (see :mod:`.furniture`).
    suspects: list[tuple[etree._Element, str]] = field(default_factory=list)
    #: Suspected article chrome (bylines, captions…), judged inside the main region only.
    chrome: list[tuple[etree._Element, str]] = field(default_factory=list)
    #: ``<article>``, ``<main>``, ``[itemprop=articleBody]``, ``[role=main]`` elements.
    explicit: list[etree._Element] = field(default_factory=list)
    #: ``<h1>`` elements (those with text have a slice in ``spans``).
    headings: list[etree._Element] = field(default_factory=list)


@dataclass(slots=True)
class _OpenSpan:
    element: etree._Element
    start: int


class _Run:
    """The text of the block being read, whitespace collapsed, with its inline spans."""

    __slots__ = ("alts", "breaks", "datetime", "inline", "lang", "length", "link_chars", "parts", "pending_space")

    def __init__(self, lang: str | None) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.pending_space = False
        self.inline: list[Inline] = []
        self.link_chars = 0
        self.datetime: str | None = None
        self.lang = lang
        self.breaks = 0
        self.alts: list[str] = []

    def add(self, text: str | None) -> None:
        if not text:
            return
        if text[0].isspace():
            self.pending_space = True
        piece = squeeze_spaces(text)
        if not piece:
            return
        if self.pending_space and self.length:
            piece = " " + piece
        self.parts.append(piece)
        self.length += len(piece)
        self.pending_space = text[-1].isspace()
        self.breaks = 0

    def position(self) -> int:
        """Where the next word will start."""
        return self.length + (1 if self.pending_space and self.length else 0)


def walk(root: etree._Element) -> PageBlocks:
    """Read the ``<body>`` of ``root`` (or ``root``) into blocks. Link addresses are kept as
    written; :func:`resolve_links` resolves and judges them for the blocks a reader keeps."""
    body = root.find("body")
    return _Walker().run(body if body is not None else root)


def resolve_links(inline: list[Inline], base_url: str | None) -> list[Inline]:
    """``inline`` with link addresses resolved against ``base_url``; unsafe links dropped."""
    resolved = []
    for span in inline:
        if span.kind == "link":
            href = safe_href(span.href, base_url)
            if href is None:
                continue
            span = Inline(span.start, span.end, span.kind, href)
        resolved.append(span)
    return resolved


def _inherited_lang(element: etree._Element | None) -> str | None:
    while element is not None:
        lang = element.get("lang")
        if lang is not None:
            return lang.strip() or None
        element = element.getparent()
    return None


class _Walker:
    def __init__(self) -> None:
        self.page = PageBlocks()
        self.owners: list[etree._Element] = []
        self.langs: list[str | None] = []
        self.open_spans: list[_OpenSpan] = []
        self.atomic_depth = 0
        self.run_text = _Run(None)

    def run(self, body: etree._Element) -> PageBlocks:
        self.langs.append(_inherited_lang(body.getparent()))
        never_text = furniture.NEVER_TEXT_TAGS
        self.run_text = _Run(self.langs[-1])
        walker = etree.iterwalk(body, events=("start", "end"))
        starts: dict[etree._Element, int] = {}
        skipped: set[etree._Element] = set()
        for event, element in walker:
            tag = element.tag
            if event == "start":
                if not isinstance(tag, str) or tag in never_text:
                    if tag == "img":
                        self._image(element)
                    skipped.add(element)
                    walker.skip_subtree()
                    continue
                self._start(element, tag)
                starts[element] = len(self.page.blocks)
                continue
            if element in skipped:
                self.run_text.add(element.tail)
                continue
            self._end(element, tag)
            begin = starts.pop(element)
            if len(self.page.blocks) > begin:
                self.page.spans[element] = (begin, len(self.page.blocks))
        self._flush()
        return self.page

    # -- events ----------------------------------------------------------------------------
    def _start(self, element: etree._Element, tag: str) -> None:
        if tag in INLINE_TAGS:  # a span's language does not change its block's
            self.langs.append(self.langs[-1])
            if tag == "br":
                self._line_break()
            else:
                self._open_inline(element, tag)
            self.run_text.add(element.text)
            return
        lang = element.get("lang")
        self.langs.append((lang.strip() or None) if lang is not None else self.langs[-1])
        if element.attrib or tag in NOTED_TAGS:
            self._note(element, tag)
        if self.atomic_depth:
            self.atomic_depth += 1
            self.run_text.pending_space = True
        else:
            self._flush()
            self.owners.append(element)
            if tag in ATOMIC_TAGS:
                self.atomic_depth = 1
        self.run_text.add(element.text)

    def _end(self, element: etree._Element, tag: str) -> None:
        self.langs.pop()
        if tag in INLINE_TAGS:
            if tag != "br":
                self._close_inline(element, tag)
        elif self.atomic_depth > 1:
            self.atomic_depth -= 1
            self.run_text.pending_space = True
        else:
            self._flush()
            self.atomic_depth = 0
            self.owners.pop()
        self.run_text.add(element.tail)

    def _note(self, element: etree._Element, tag: str) -> None:
        """Record suspected furniture and chrome, explicit article containers and ``<h1>``s
        (block elements only: an inline element is never furniture of its own)."""
        reason = furniture.furniture_reason(element)
        if reason:
            self.page.suspects.append((element, reason))
        else:
            reason = furniture.chrome_reason(element)
            if reason:
                self.page.chrome.append((element, reason))
        if tag in ("article", "main") or element.get("itemprop") == "articleBody" or element.get("role") in EXPLICIT_ROLES:
            self.page.explicit.append(element)
        elif tag == "h1":
            self.page.headings.append(element)

    # -- inline markup -----------------------------------------------------------------------
    def _open_inline(self, element: etree._Element, tag: str) -> None:
        if tag == "time" and self.run_text.datetime is None:
            value = (element.get("datetime") or "").strip()
            self.run_text.datetime = value or None
        if tag == "a" or tag in EMPHASIS:
            self.open_spans.append(_OpenSpan(element, self.run_text.position()))

    def _close_inline(self, element: etree._Element, tag: str) -> None:
        if not (tag == "a" or tag in EMPHASIS):
            return
        for index in range(len(self.open_spans) - 1, -1, -1):
            if self.open_spans[index].element is element:
                span = self.open_spans.pop(index)
                self._record_span(span, self.run_text)
                return

    def _record_span(self, span: _OpenSpan, run: _Run) -> None:
        end = run.length
        if end <= span.start:
            return
        tag = span.element.tag
        if tag == "a":
            run.link_chars += end - span.start
            href = span.element.get("href")
            if href:  # as written: resolved (and judged safe) only for the blocks kept
                run.inline.append(Inline(span.start, end, "link", href))
        else:
            run.inline.append(Inline(span.start, end, EMPHASIS[tag]))

    def _image(self, element: etree._Element) -> None:
        """An image's alt text: a block of its own (tag ``img``) when the block has no words
        (an icon link to a goal, a logo); the scorer and the structure builder read such
        blocks as no text, except in a goals section."""
        alt = " ".join((element.get("alt") or "").split())
        if alt:
            self.run_text.alts.append(alt)

    def _line_break(self) -> None:
        run = self.run_text
        run.pending_space = True
        if run.length:
            run.breaks += 1
            if run.breaks >= 2 and not self.atomic_depth:
                self._flush()

    # -- blocks ------------------------------------------------------------------------------
    def _flush(self) -> None:
        run = self.run_text
        lang = self.langs[-1] if self.langs else None
        if not run.length and not run.alts:  # nothing read since the last block: start afresh
            run.lang, run.pending_space, run.breaks, run.datetime = lang, False, 0, None
            for span in self.open_spans:
                span.start = 0
            return
        owner = self.owners[-1] if self.owners else None
        tag = owner.tag if owner is not None and owner.tag in HINT_TAGS else "div"
        if not run.length and run.alts:
            run.add(" ".join(run.alts))
            tag = IMAGE_TAG
        if run.length:
            for span in self.open_spans:  # links and emphasis that go on into the next block
                self._record_span(span, run)
            run.inline.sort(key=lambda span: (span.start, -span.end))
            self.page.blocks.append(
                TextBlock("".join(run.parts), tag, run.lang, owner, run.inline, run.link_chars, run.datetime)  # type: ignore[arg-type]
            )
        for span in self.open_spans:
            span.start = 0
        self.run_text = _Run(lang)
