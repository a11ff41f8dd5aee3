"""HTML pages to raw blocks and page metadata (the HTML reader of :mod:`tmcontent.parse`).

Steps: parse (:mod:`.tree`), read the head (:mod:`.html_meta`), walk the body once into
text blocks (:mod:`.blocks`), choose the main region and drop the furniture
(:mod:`.content`), choose the publication date among those the page states
(:mod:`.html_dates`), mark listing cards, and hand the structure builder one
:class:`RawBlock` per block with its declared ``lang``, inline links and emphasis, and card
boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tmcontent.parse import content
from tmcontent.parse.blocks import TextBlock, resolve_links, walk
from tmcontent.parse.html_dates import publication_date
from tmcontent.parse.html_meta import read_head
from tmcontent.parse.structure import PageMeta, RawBlock
from tmcontent.parse.tree import parse_html


@dataclass
class HtmlPage:
    """What the HTML reader hands the structure builder."""

    blocks: list[RawBlock]
    meta: PageMeta


def html_to_page(html: Any, *, url: str | None = None) -> HtmlPage:
    """Read ``html`` (``str``, ``bytes``, an lxml tree or a ``bs4.BeautifulSoup``)."""
    root = parse_html(html)
    head = read_head(root, url)
    meta = head.meta
    page = walk(root)
    selection = content.select(page)
    meta.published = publication_date(head.metas, head.linked_data, root, page, selection.blocks, meta.url or url)
    base = meta.url or url
    starts = selection.story_starts
    blocks = [_raw(block, index in starts, base) for index, block in enumerate(selection.blocks)]
    return HtmlPage(blocks=blocks, meta=meta)


def _raw(block: TextBlock, boundary: bool, base_url: str | None) -> RawBlock:
    inline = resolve_links(block.inline, base_url)
    return RawBlock(text=block.text, tag=block.tag, lang=block.lang, inline=inline, datetime=block.datetime, boundary=boundary)
