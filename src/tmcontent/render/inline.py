"""A block's text cut at its inline markup, for every output format.

:func:`pieces` owns the rules shared by the HTML and Markdown writers: the spans are the block's
:meth:`~tmcontent.model.Block.marks` (those outside the text ignored, of overlapping ones the
first), and a link keeps its address only when :func:`~tmcontent.urls.safe_href` allows it (a
refused link is plain text).
"""

from __future__ import annotations

from dataclasses import dataclass

from tmcontent.model import Block
from tmcontent.urls import safe_href


@dataclass(frozen=True)
class Piece:
    """``text`` with no markup (``kind`` None) or under one mark: "link" (with ``href``),
    "em", "strong" or "code"."""

    text: str
    kind: str | None = None
    href: str | None = None


def pieces(block: Block) -> list[Piece]:
    """The block's text as pieces, cut at :meth:`~tmcontent.model.Block.marks`."""
    text = block.text
    found: list[Piece] = []
    position = 0
    for span in block.marks():
        if span.start > position:
            found.append(Piece(text[position : span.start]))
        found.append(_piece(text[span.start : span.end], span.kind, span.href))
        position = span.end
    if position < len(text) or not found:
        found.append(Piece(text[position:]))
    return found


def _piece(text: str, kind: str, href: str | None) -> Piece:
    if kind == "link":
        safe = safe_href(href)
        return Piece(text, "link", safe) if safe else Piece(text)
    if kind in ("em", "strong", "code"):
        return Piece(text, kind)
    return Piece(text)
