"""A listing page (a news site's home page, a section page) read as its stories.

:mod:`.content` decides that a page is a listing; this module says which blocks make each
story. A story is a card of a card group (:mod:`.cards`) — wherever it stands on the page,
in the main column, a slider above it or a dated "chronicle" in an ``<aside>`` — or a story
laid out flat, without a wrapper of its own (a lead story whose headline, teaser and date
sit directly in the column that also holds the list): its headline link and the blocks after
it in the same container. Everything else — section headings, counters between the stories,
widgets, the page's own intro — is not a story and is not read.
"""

from __future__ import annotations

from lxml import etree

from tmcontent.parse.blocks import INLINE_TAGS, PageBlocks
from tmcontent.parse.cards import CardGroup, is_headline

#: A story laid out flat has at most this many blocks after its headline (teaser, date,
#: counters, category); more is a section of the page, not a story.
MAX_FLAT_STORY_BLOCKS = 6


def story_blocks(page: PageBlocks, groups: list[CardGroup], kept: list[bool], region: tuple[int, int]) -> tuple[list[int], set[int]]:
    """(indexes of the blocks to read, in order; indexes where a story starts)."""
    in_card = [False] * len(page.blocks)
    starts: set[int] = set()
    for group in groups:
        for begin, end in group.spans:
            first = next((i for i in range(begin, end) if kept[i]), None)
            if first is None:
                continue
            starts.add(first)
            for index in range(begin, end):
                in_card[index] = kept[index]
    chosen = [i for i, inside in enumerate(in_card) if inside]
    for headline in _flat_headlines(page, kept, in_card, region):
        story = _flat_story(page, kept, in_card, headline)
        starts.add(headline)
        chosen.extend(story)
    return sorted(set(chosen)), starts


def _flat_headlines(page: PageBlocks, kept: list[bool], in_card: list[bool], region: tuple[int, int]) -> list[int]:
    return [i for i in range(*region) if kept[i] and not in_card[i] and is_headline(page.blocks[i])]


def _flat_story(page: PageBlocks, kept: list[bool], in_card: list[bool], headline: int) -> list[int]:
    """The headline and the blocks after it that share its container, up to the next story."""
    container = _container(page.blocks[headline].owner)
    story = [headline]
    for index in range(headline + 1, min(len(page.blocks), headline + 1 + MAX_FLAT_STORY_BLOCKS)):
        block = page.blocks[index]
        if in_card[index] or is_headline(block) or not _inside(block.owner, container):
            break
        if kept[index]:
            story.append(index)
    return story


def _container(owner: etree._Element | None) -> etree._Element | None:
    """The element a flat story's blocks share: the first block element above the headline's
    own element (a headline ``<h2>`` inside a link inside the story's box: the box)."""
    container = owner.getparent() if owner is not None else None
    while container is not None and container.tag in INLINE_TAGS:
        container = container.getparent()
    return container


def _inside(element: etree._Element | None, container: etree._Element | None) -> bool:
    while element is not None:
        if element is container:
            return True
        element = element.getparent()
    return False
