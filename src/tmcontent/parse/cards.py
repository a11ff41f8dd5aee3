"""Repeated items: the cards of a listing, or the teasers beside an article.

A *card group* is a set of sibling elements of one kind (same tag, same first class name
apart from numbered ones such as ``post-123``) that each look like a story teaser: one headline
(image, headline and "read more" may all link to the story), something
beside it (teaser, date, category), a bounded length. A row of a home page holds several
headlines, so it is not a card: its stories are. Found with the block slices of
:mod:`.blocks`, outermost groups first, in one pass over the elements.

Whether the cards are the page (a listing, a home page) or furniture beside an article
("related stories", "you may also like") is decided by :mod:`.content`, which weighs the
cards' text against the prose outside them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from tmcontent.parse.blocks import IMAGE_TAG, PageBlocks, TextBlock

#: At least this many siblings make a group (two teasers side by side are common chrome;
#: three in a row is a list).
MIN_CARDS = 3
#: A card has at most this many blocks (kicker, headline, teaser, author, date, category,
#: counters: real cards have up to ~8).
MAX_CARD_BLOCKS = 12
#: A headline is a link of at least this many characters (menu entries, "More", page numbers
#: and category links are shorter; the shortest headlines we have seen run ~20).
MIN_HEADLINE_CHARS = 15
#: A card links its headline to one address, and may link a second (the company of a job,
#: the author of a post); a row of a home page links three stories and more.
MAX_CARD_ADDRESSES = 2
#: …that makes at least this share of its block (a headline, alone or followed by its date).
HEADLINE_LINK_SHARE = 0.5
#: …and at most this many characters (the longest teaser cards we have seen run ~700).
MAX_CARD_CHARS = 1200
#: …and links (the headline, "read more") make at least this share of its text: a forum post
#: or a service page's feature box links its author or a button, a teaser its headline.
MIN_LINK_SHARE = 0.2
DIGIT_RE = re.compile(r"\d")


@dataclass
class CardGroup:
    """Sibling cards under one parent, with their block slices."""

    parent: etree._Element
    cards: list[etree._Element]
    spans: list[tuple[int, int]]

    @property
    def span(self) -> tuple[int, int]:
        return self.spans[0][0], self.spans[-1][1]


def find_groups(page: PageBlocks, kept: Sequence[bool]) -> list[CardGroup]:
    """The outermost card groups of ``page`` among the ``kept`` blocks, in document order."""
    groups: list[CardGroup] = []
    taken_until = -1
    for parent, span in sorted(page.spans.items(), key=lambda item: (item[1][0], -item[1][1])):
        if span[0] < taken_until or span[1] - span[0] < MIN_CARDS:
            continue
        group = _group_under(parent, page, kept)
        if group is not None:
            groups.append(group)
            taken_until = group.span[1]
    return groups


def _group_under(parent: etree._Element, page: PageBlocks, kept: Sequence[bool]) -> CardGroup | None:
    """The largest set of card-like children of ``parent`` that share a kind, if any."""
    by_kind: dict[tuple[str, str], list[tuple[etree._Element, tuple[int, int]]]] = {}
    for child in parent:
        span = page.spans.get(child)
        if span is None or not isinstance(child.tag, str) or not _is_card(span, page, kept):
            continue
        by_kind.setdefault(_kind(child), []).append((child, span))
    best = max(by_kind.values(), key=len, default=[])
    if len(best) < MIN_CARDS:
        return None
    return CardGroup(parent, [card for card, _ in best], [span for _, span in best])


def _kind(element: etree._Element) -> tuple[str, str]:
    """Tag and first class name without digits: siblings of one kind differ in their other
    classes ("card featured", "post-123 post type-post")."""
    names = (element.get("class") or "").split()
    return element.tag, next((name for name in names if not DIGIT_RE.search(name)), "")


def _is_card(span: tuple[int, int], page: PageBlocks, kept: Sequence[bool]) -> bool:
    """A story teaser: one headline (its links go to one or two addresses), a bounded length,
    and something beside the headline (a teaser, a date, or a date written in the headline's
    link) — a menu entry is a headline alone."""
    if span[1] - span[0] > 2 * MAX_CARD_BLOCKS:
        return False
    indexes = [i for i in range(span[0], span[1]) if kept[i] and page.blocks[i].tag != IMAGE_TAG]
    if not 1 <= len(indexes) <= MAX_CARD_BLOCKS:
        return False
    blocks = [page.blocks[i] for i in indexes]
    chars = sum(len(b.text) for b in blocks)
    if chars > MAX_CARD_CHARS or sum(b.link_chars for b in blocks) < MIN_LINK_SHARE * chars:
        return False
    if not 1 <= len({href for b in blocks for href in headline_hrefs(b)}) <= MAX_CARD_ADDRESSES:
        return False
    return len(blocks) > 1 or blocks[0].link_chars < len(blocks[0].text) or _dated(blocks[0].text)


def _dated(text: str) -> bool:
    """Whether a headline carries its date ("21.03.2024 Täze mekdep…"): a menu entry never does."""
    if not DIGIT_RE.search(text):
        return False
    from tmcontent.dates import find_dates

    return any(value.precision == "day" or value.precision in ("hour", "minute") for value in find_dates(text))


def is_headline(block: TextBlock) -> bool:
    """A block that is a story's headline link (possibly followed by its date)."""
    return bool(headline_hrefs(block))


def headline_hrefs(block: TextBlock) -> list[str]:
    """The addresses of the headline links of ``block`` (none unless the block is one)."""
    if block.link_chars < HEADLINE_LINK_SHARE * len(block.text):
        return []
    return [span.href for span in block.inline if span.kind == "link" and span.href and span.end - span.start >= MIN_HEADLINE_CHARS]
