"""Where the article is: scoring a page's text blocks and choosing the main region.

Given the blocks of a page (:mod:`.blocks`), four steps:

1. **Score every block.** A block's *good* text is its non-link text when it reads as prose
   (long enough, sentence punctuation, few links); its *cost* is everything a reader would not
   call content: link text, and half of the short non-link lines (labels, counters, dates).
2. **Judge the suspected furniture** (:mod:`.furniture`) with those scores: a suspect is
   dropped unless it holds an explicit article container, the page's ``<h1>``, or most of the
   page's good text — alone, or together with the suspects of the same name (one "comment"
   per forum post).
3. **Choose the main region**: the element that best trades what it holds of the page's good
   text (recall) against the share of its own text that is good (precision) — the F-measure of
   the element as an extraction, computed from the block slices in O(1) per element. Sibling
   chunks of one body separated by ads are one element's blocks, so they come together. The
   region is widened to the ``<article>`` around it when that adds little, starts at the
   ``<h1>`` shortly above it, and loses the article's own chrome (bylines, captions…), judged
   as the furniture was.
4. **Or read a listing**: when card groups (:mod:`.cards`) outweigh the prose beside them and
   no article holds the headline, the page's stories are read instead (:mod:`.listing`).

The constants below were each varied on the WCXB tune pages (body F1 of all 1,201 pages /
the 558 articles); the figures say how flat the choice is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import accumulate

from lxml import etree

from tmcontent.parse import cards, furniture, listing
from tmcontent.parse.blocks import IMAGE_TAG, PageBlocks, TextBlock

#: A block is prose when its non-link text is at least this long (captions, bylines and
#: buttons are 5–20 characters; sentences 40+; readability uses 25). 15: 0.824 / 0.938,
#: 25: 0.824 / 0.939, 40: 0.822 / 0.939.
MIN_PROSE_CHARS = 25
#: …and it is long, or it has sentence punctuation.
LONG_PROSE_CHARS = 80
PROSE_PUNCTUATION_RE = re.compile(r"[.!?,;:。、،]")
#: A block whose link share is above this is navigation, not prose.
MAX_PROSE_LINK_SHARE = 0.5
#: Short non-link lines cost this much of their length (headings and list items are content
#: as often as labels and counters are not). 0.25: 0.824 / 0.938, 0.5: 0.824 / 0.939,
#: 1.0: 0.822 / 0.938.
SHORT_TEXT_COST = 0.5
#: A suspect holding this share of the page's good text is the article's container, whatever
#: its name says ("most of the page's text"). 0.4: 0.825 / 0.939, 0.5: 0.824 / 0.939,
#: 0.6: 0.823 / 0.939.
PROTECTED_SHARE = 0.5
#: An ``<article>`` without the page's ``<h1>`` is the principal one only when it holds this
#: share of the page's good text (a teaser card is an ``<article>`` too).
PRINCIPAL_SHARE = 0.3
#: β² of the F-measure that picks the main region: > 1 weighs recall above precision.
#: 0.6: 0.819 / 0.940, 1.0: 0.824 / 0.939, 1.6: 0.824 / 0.938.
RECALL_WEIGHT = 1.0


#: The cards are the page (a listing) when their text is at least this many times the good
#: text outside them; otherwise they are teasers beside an article. On the WCXB tune pages
#: (every second one) the ratio is >= 3 on 4 of 279 articles and 17 of 36 listings.
LISTING_RATIO = 3.0


@dataclass
class Selection:
    """The blocks to read, in reading order; for a listing, the indexes (in ``blocks``) where
    a story starts."""

    blocks: list[TextBlock]
    main: etree._Element | None
    story_starts: set[int] = field(default_factory=set)


@dataclass
class _Scores:
    good: list[float]
    cost: list[float]

    def prefix(self) -> tuple[list[float], list[float]]:
        return [0.0, *accumulate(self.good)], [0.0, *accumulate(self.cost)]


def select(page: PageBlocks) -> Selection:
    """The main region of ``page`` and the blocks to read from it."""
    if not page.blocks:
        return Selection([], None)
    scores = _score_blocks(page.blocks)
    first_scores = _Scores(list(scores.good), list(scores.cost))
    kept = [True] * len(page.blocks)
    _drop_suspects(page, page.suspects, scores, kept, (0, len(page.blocks)))
    listing = _weigh_cards(page, cards.find_groups(page, kept), scores, kept)
    main = _choose_main(page, scores)
    if main is None:
        return Selection([], None)
    if listing:
        return _listing_selection(page, first_scores, page.spans[main], main)
    main = _widen(page, scores, main)
    begin, end = page.spans[main]
    inside = [(element, reason) for element, reason in page.chrome if _holds((begin, end), page.spans.get(element, (-1, -1)))]
    _drop_suspects(page, inside, scores, kept, (begin, end))
    begin = _head_start(page, kept, begin)
    return Selection([page.blocks[i] for i in range(begin, end) if kept[i]], main)


def _listing_selection(page: PageBlocks, scores: _Scores, region: tuple[int, int], main: etree._Element) -> Selection:
    """The stories of a listing: every card group outside hard furniture (menus, footers,
    hidden elements; an ``<aside>`` may hold a chronicle of stories), and the stories laid out
    flat in the main region. ``scores`` are the blocks' scores before any verdict."""
    firm = [True] * len(page.blocks)
    hard = [(element, reason) for element, reason in page.suspects if not furniture.is_soft(reason)]
    _drop_suspects(page, hard, scores, firm, (0, len(page.blocks)))
    chosen, starts = listing.story_blocks(page, cards.find_groups(page, firm), firm, region)
    position = {index: n for n, index in enumerate(chosen)}
    return Selection([page.blocks[i] for i in chosen], main, {position[i] for i in starts if i in position})


def _weigh_cards(page: PageBlocks, groups: list[cards.CardGroup], scores: _Scores, kept: list[bool]) -> bool:
    """Whether the cards are the page (a listing: their text is then scored as good) or
    teasers beside an article (no evidence of it: their good text is cleared)."""
    in_cards = [False] * len(page.blocks)
    for group in groups:
        for begin, end in group.spans:
            for index in range(begin, end):
                in_cards[index] = kept[index]
    card_text = sum(len(page.blocks[i].text) for i, inside in enumerate(in_cards) if inside and page.blocks[i].tag != IMAGE_TAG)
    outside = sum(good for good, inside in zip(scores.good, in_cards, strict=True) if not inside)
    article = _headline_article(page, scores, in_cards)
    if card_text and card_text >= LISTING_RATIO * outside and article is None:
        for index, inside in enumerate(in_cards):
            if inside and page.blocks[index].tag != IMAGE_TAG:
                scores.good[index], scores.cost[index] = float(len(page.blocks[index].text)), 0.0
        return True
    card_good = sum(good for good, inside in zip(scores.good, in_cards, strict=True) if inside)
    article_span = page.spans[article] if article is not None else None
    for index, inside in enumerate(in_cards):
        beside = article_span is not None and not article_span[0] <= index < article_span[1]
        if inside and (beside or outside >= card_good):
            scores.good[index] = 0.0  # teasers beside an article are no evidence of it
    return False


#: The main region is widened to the ``<article>`` around it when what the article adds scores
#: at most this share of the region's good text: the UN template's contact lines, agencies
#: and goals beside the body score ~11% of it; an article-sized wrapper that also holds a
#: teaser list scores 40% and more outside the body. On WCXB 0.1 to 0.5 change nothing
#: (0.824 / 0.939).
WIDEN_SHARE = 0.25


def _widen(page: PageBlocks, scores: _Scores, main: etree._Element) -> etree._Element:
    """The innermost ``<article>``/``articleBody`` around ``main`` when it adds little."""
    good_prefix, _ = scores.prefix()
    span = page.spans[main]
    held = good_prefix[span[1]] - good_prefix[span[0]]
    containers = [e for e in page.explicit if (e.tag == "article" or e.get("itemprop") == "articleBody") and e in page.spans]
    around = [e for e in containers if _holds(page.spans[e], span) and page.spans[e] != span]
    if not around:
        return main
    widest = min(around, key=lambda e: page.spans[e][1] - page.spans[e][0])
    outer = page.spans[widest]
    added = good_prefix[outer[1]] - good_prefix[outer[0]] - held
    return widest if added <= WIDEN_SHARE * held else main


#: The page's ``<h1>`` and what stands between it and the main region (kind label, date,
#: byline) come along when at most this many blocks separate them.
MAX_HEAD_BLOCKS = 8


def _head_start(page: PageBlocks, kept: list[bool], begin: int) -> int:
    """Where reading starts: at the page's first ``<h1>`` when it shortly precedes the main
    region (the title, type label and date of an article sit above its body)."""
    for heading in page.headings:
        span = page.spans.get(heading)
        if span is None or not kept[span[0]]:
            continue
        if span[0] < begin and begin - span[0] <= MAX_HEAD_BLOCKS:
            return span[0]
        break
    return begin


def block_good(block: TextBlock) -> float:
    """The prose characters of ``block`` (0 when it is not prose)."""
    length = len(block.text)
    plain = length - block.link_chars
    if plain < MIN_PROSE_CHARS or block.link_chars > MAX_PROSE_LINK_SHARE * length:
        return 0.0
    if plain < LONG_PROSE_CHARS and not PROSE_PUNCTUATION_RE.search(block.text):
        return 0.0
    return float(plain)


def _score_blocks(blocks: list[TextBlock]) -> _Scores:
    good, cost = [], []
    for block in blocks:
        if block.tag == IMAGE_TAG:
            good.append(0.0)
            cost.append(0.0)
            continue
        value = block_good(block)
        good.append(value)
        if value:
            cost.append(float(block.link_chars))
        else:
            plain = len(block.text) - block.link_chars
            cost.append(block.link_chars + SHORT_TEXT_COST * plain)
    return _Scores(good, cost)


def _drop_suspects(
    page: PageBlocks, suspects: list[tuple[etree._Element, str]], scores: _Scores, kept: list[bool], scope: tuple[int, int]
) -> None:
    """Drop the blocks of the suspects that the verdict condemns (and zero their scores).

    A suspect is kept when it holds a marker of the article (``<main>``, ``articleBody``, the
    principal ``<article>``, the first ``<h1>``), or when it holds most of the good text of
    ``scope`` (alone, or with the suspects of the same name) — unless the principal article
    stands apart from it: comments beside a post are furniture however long they run.
    """
    good_prefix, _ = scores.prefix()
    total_good = good_prefix[scope[1]] - good_prefix[scope[0]]
    article = _principal_article(page, good_prefix)
    markers = [span for span in (page.spans.get(e) for e in _markers(page, article)) if span is not None]
    article_span = page.spans.get(article) if article is not None else None
    verdicts: list[tuple[tuple[int, int], str, float]] = []
    groups: dict[str, float] = {}
    for element, reason in suspects:
        span = page.spans.get(element)
        if span is None or any(_holds(span, marker) for marker in markers):
            continue
        held = good_prefix[span[1]] - good_prefix[span[0]]
        apart = article_span is not None and _disjoint(span, article_span)
        if not apart:
            groups[reason] = groups.get(reason, 0.0) + held
        verdicts.append((span, reason if not apart else "", held))
    for (begin, end), reason, held in verdicts:
        share = max(held, groups.get(reason, 0.0))
        if reason and total_good and share >= PROTECTED_SHARE * total_good and not furniture.is_navigation(reason):
            continue
        for index in range(begin, end):
            if kept[index]:
                kept[index] = False
                scores.good[index] = 0.0
                scores.cost[index] = 0.0


def _principal_article(page: PageBlocks, good_prefix: list[float]) -> etree._Element | None:
    """The ``<article>``/``articleBody`` that holds the page's first ``<h1>``, else the one
    with the most good text if that is a good share of the page's; None otherwise."""
    candidates = [e for e in page.explicit if e.tag == "article" or e.get("itemprop") == "articleBody"]
    candidates = [e for e in candidates if e in page.spans]
    if not candidates:
        return None
    heading = next((h for h in page.headings if h in page.spans), None)
    if heading is not None:
        inner = page.spans[heading]
        holding = [e for e in candidates if _holds(page.spans[e], inner)]
        if holding:
            return holding[-1]

    def good(element: etree._Element) -> float:
        begin, end = page.spans[element]
        return good_prefix[end] - good_prefix[begin]

    richest = max(candidates, key=good)
    return richest if good(richest) >= PRINCIPAL_SHARE * good_prefix[-1] else None


def _markers(page: PageBlocks, article: etree._Element | None) -> list[etree._Element]:
    markers = [e for e in page.explicit if e.tag == "main" or e.get("role") == "main" or e.get("itemprop") == "articleBody"]
    if article is not None:
        markers.append(article)
    markers.extend(h for h in page.headings[:1])
    return markers


def _holds(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    """Whether the block slice ``outer`` covers ``inner`` (element spans nest or are disjoint)."""
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _disjoint(first: tuple[int, int], second: tuple[int, int]) -> bool:
    return first[1] <= second[0] or second[1] <= first[0]


def _headline_article(page: PageBlocks, scores: _Scores, in_cards: list[bool]) -> etree._Element | None:
    """The ``<article>`` holding the page's ``<h1>`` when it has prose of its own outside
    cards (a one-paragraph post beside a "you may also like" grid is still an article)."""
    heading = next((h for h in page.headings if h in page.spans), None)
    if heading is None:
        return None
    inner = page.spans[heading]
    for element in page.explicit:
        span = page.spans.get(element)
        if (
            element.tag == "article"
            and span is not None
            and _holds(span, inner)
            and any(scores.good[i] and not in_cards[i] for i in range(*span))
        ):
            return element
    return None


def _choose_main(page: PageBlocks, scores: _Scores) -> etree._Element | None:
    good_prefix, cost_prefix = scores.prefix()
    total_good = good_prefix[-1]
    if not total_good:
        return _fallback_main(page)
    best, best_value = None, -1.0
    for element, (begin, end) in page.spans.items():
        good = good_prefix[end] - good_prefix[begin]
        if not good:
            continue
        extracted = good + cost_prefix[end] - cost_prefix[begin]
        value = good / (RECALL_WEIGHT * total_good + extracted)
        if value > best_value:
            best, best_value = element, value
    return best


def _fallback_main(page: PageBlocks) -> etree._Element | None:
    """No prose anywhere: an explicit container, else the element holding every block."""
    for element in page.explicit:
        if element in page.spans:
            return element
    whole = max(page.spans.items(), key=lambda item: item[1][1] - item[1][0], default=None)
    return whole[0] if whole else None
