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

from tmcontent.labels import chrome_locale
from tmcontent.parse import content
from tmcontent.parse.blocks import PageBlocks, TextBlock, resolve_links, walk
from tmcontent.parse.furniture import is_navigation
from tmcontent.parse.html_dates import DateEvidence
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
    meta.published = DateEvidence(head.metas, head.linked_data, root, page, selection.blocks, meta.url or url).publication_date()
    meta.nav_locale = chrome_locale(_menu_texts(page))
    base = meta.url or url
    starts = selection.story_starts
    blocks = [_raw(block, index in starts, base) for index, block in enumerate(selection.blocks)]
    return HtmlPage(blocks=blocks, meta=meta)


#: Menu entries read for the language of a page's navigation (a menu is a few dozen entries).
MAX_MENU_TEXTS = 200


def _menu_texts(page: PageBlocks) -> list[str]:
    """The texts of the links in the page's navigation (menus, headers), read before the
    furniture is set aside: their language is the site's when ``<html lang>`` says nothing."""
    texts: list[str] = []
    for element, reason in page.suspects:
        if not (is_navigation(reason) or reason in ("header", "class:menu", "class:nav", "class:navigation")):
            continue
        begin, end = page.spans.get(element, (0, 0))
        for block in page.blocks[begin:end]:
            texts.extend(block.text[span.start : span.end] for span in block.inline if span.kind == "link")
        if len(texts) >= MAX_MENU_TEXTS:
            break
    return texts[:MAX_MENU_TEXTS]


def _raw(block: TextBlock, boundary: bool, base_url: str | None) -> RawBlock:
    inline = resolve_links(block.inline, base_url)
    return RawBlock(text=block.text, tag=block.tag, lang=block.lang, inline=inline, datetime=block.datetime, boundary=boundary)
