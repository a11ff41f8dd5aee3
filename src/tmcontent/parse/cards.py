"""Repeated items: the cards of a listing, or the teasers beside an article.

A *card group* is a set of sibling elements of one kind (same tag, same class words apart
from numbered ones such as ``post-123``) that each look like a story teaser: a few blocks
(headline, teaser, date, category), at least one link, a bounded length. Found with the block
slices of :mod:`.blocks`, outermost groups first, in one pass over the elements.

Whether the cards are the page (a listing, a home page) or furniture beside an article
("related stories", "you may also like") is decided by :mod:`.content`, which weighs the
cards' text against the prose outside them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from tmcontent.parse.blocks import IMAGE_TAG, PageBlocks

#: At least this many siblings make a group (two teasers side by side are common chrome;
#: three in a row is a list).
MIN_CARDS = 3
#: A card has between these numbers of blocks: a headline and a teaser at least; real cards
#: have up to ~8 (kicker, headline, teaser, author, date, category, counters).
MIN_CARD_BLOCKS = 2
MAX_CARD_BLOCKS = 12
#: …and at most this many characters (the longest teaser cards we have seen run ~700).
MAX_CARD_CHARS = 1200
#: …and links (the headline, "read more") make at least this share of its text: a forum post
#: or a service page's feature box links its author or a button, a teaser its headline.
MIN_LINK_SHARE = 0.2
NUMBERED_RE = re.compile(r"\d")


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
        if span[0] < taken_until or span[1] - span[0] < MIN_CARDS * MIN_CARD_BLOCKS:
            continue
        group = _group_under(parent, page, kept)
        if group is not None:
            groups.append(group)
            taken_until = group.span[1]
    return groups


def _group_under(parent: etree._Element, page: PageBlocks, kept: Sequence[bool]) -> CardGroup | None:
    """The largest set of card-like children of ``parent`` that share a kind, if any."""
    by_kind: dict[tuple[str, frozenset[str]], list[tuple[etree._Element, tuple[int, int]]]] = {}
    for child in parent:
        span = page.spans.get(child)
        if span is None or not isinstance(child.tag, str) or not _is_card(span, page, kept):
            continue
        by_kind.setdefault(_kind(child), []).append((child, span))
    best = max(by_kind.values(), key=len, default=[])
    if len(best) < MIN_CARDS:
        return None
    return CardGroup(parent, [card for card, _ in best], [span for _, span in best])


def _kind(element: etree._Element) -> tuple[str, frozenset[str]]:
    names = (element.get("class") or "").split()
    return element.tag, frozenset(name for name in names if not NUMBERED_RE.search(name))


def _is_card(span: tuple[int, int], page: PageBlocks, kept: Sequence[bool]) -> bool:
    if not MIN_CARD_BLOCKS <= span[1] - span[0] <= 2 * MAX_CARD_BLOCKS:
        return False
    indexes = [i for i in range(span[0], span[1]) if kept[i] and page.blocks[i].tag != IMAGE_TAG]
    if not MIN_CARD_BLOCKS <= len(indexes) <= MAX_CARD_BLOCKS:
        return False
    blocks = [page.blocks[i] for i in indexes]
    chars = sum(len(b.text) for b in blocks)
    return chars <= MAX_CARD_CHARS and sum(b.link_chars for b in blocks) >= MIN_LINK_SHARE * chars
