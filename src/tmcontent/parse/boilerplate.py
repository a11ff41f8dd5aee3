"""Boilerplate removal on an lxml tree: what is page furniture, and where the article is.

Two passes, in the spirit of readability and trafilatura but our own rules:

1. :func:`strip_furniture` deletes what is never article text: scripts and styles, forms'
   controls, ``nav``/``footer``/``aside``, ARIA landmarks for navigation, and elements whose
   class/id tokens say menu, share bar, related list, cookie banner, comments, ads…
2. :func:`find_main` scores containers by the paragraph text they hold (long, comma-rich,
   few links) and returns the best one, preferring explicit ``<article>``/``<main>``/
   ``itemprop=articleBody`` containers when they hold most of that text.
"""

from __future__ import annotations

import re

from lxml import etree

#: Tags whose whole subtree is dropped.
DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
    "nav", "footer", "aside", "button", "select", "textarea", "input", "label", "dialog", "video", "audio",
)
DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog", "alert"})
NEGATIVE_TOKENS = frozenset(
    "nav navbar navigation menu menus submenu breadcrumb breadcrumbs footer sidebar share sharing social "
    "related recommended popular trending comments comment disqus cookie cookies consent gdpr banner advert "
    "advertisement ads ad sponsor sponsored promo newsletter subscribe subscription signup login pagination "
    "pager toolbar skip modal popup overlay widget widgets tags tagcloud print masthead topbar "
    "more-stories read-more readmore outbrain taboola".split()
)
POSITIVE_TOKENS = frozenset("article content main body post entry story text news release field-body prose".split())
TOKEN_SPLIT_RE = re.compile(r"[\s_]+|(?<=[a-z])-(?=[a-z])")
#: A "positive" container with a negative token (``article-share``) is kept unless links make
#: up most of its text: share bars and tag lists measured 0.7–1.0, article bodies < 0.2.
MAX_LINK_DENSITY = 0.5
#: Paragraphs shorter than this add no score: captions, bylines and buttons are 5–20 chars,
#: real sentences 40+ (readability uses 25).
MIN_PARAGRAPH_CHARS = 25
#: An explicit article container is chosen when it holds at least this share of the best
#: candidate's score (it may miss a lead paragraph rendered outside, as on some CMSs).
EXPLICIT_SHARE = 0.6
PARAGRAPH_TAGS = ("p", "pre", "blockquote", "li", "td", "dd")
#: The explicit container around the best-scored one is taken when the paragraphs it holds
#: outside the best one score at most this share of the best one's: in the UN template the
#: contact lines outside the body score ~11% of it; a <main> that also holds a teaser list
#: scores 40% and more outside the article.
WIDEN_SHARE = 0.25
#: Containers that some sites use as paragraphs (``<div>text</div>``): scored when they hold
#: only inline content.
TEXT_CONTAINER_TAGS = ("div", "section")
INLINE_TAGS = frozenset(
    {"a", "span", "em", "i", "strong", "b", "u", "small", "sup", "sub", "abbr", "code", "font", "mark", "q", "cite", "time", "img", "br", "s", "del", "ins", "bdi", "bdo", "wbr", "label", "data"}
)
EXPLICIT_XPATH = (
    "//*[@itemprop='articleBody']|//article|//main|//*[@role='main']"
)


def strip_furniture(root: etree._Element) -> None:
    """Delete page furniture from ``root`` in place."""
    doomed = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            doomed.append(element)
            continue
        if element.tag in DROP_TAGS or _is_hidden(element) or _is_furniture(element):
            doomed.append(element)
    for element in doomed:
        _drop(element)


def _drop(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _is_hidden(element: etree._Element) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _is_furniture(element: etree._Element) -> bool:
    if (element.get("role") or "").lower() in DROP_ROLES:
        return True
    if element.tag in ("body", "html", "article", "main") or element.get("itemprop") == "articleBody":
        return False
    tokens = _tokens(element)
    if not tokens & NEGATIVE_TOKENS:
        return False
    if element.tag == "header" or not tokens & POSITIVE_TOKENS:
        return True
    return link_density(element) > MAX_LINK_DENSITY


def _tokens(element: etree._Element) -> set[str]:
    words = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return {token for token in TOKEN_SPLIT_RE.split(words) if token}


def has_block_child(element: etree._Element) -> bool:
    """Whether ``element`` has a child that is not inline markup."""
    return any(isinstance(child.tag, str) and child.tag not in INLINE_TAGS for child in element)


def link_density(element: etree._Element) -> float:
    text = _length(element.text_content())
    if not text:
        return 0.0
    linked = sum(_length(a.text_content()) for a in element.iter("a"))
    return linked / text


def _length(text: str) -> int:
    return len(" ".join(text.split()))


def find_main(root: etree._Element) -> etree._Element:
    """The element holding the article.

    The best-scored container, widened to the innermost explicit container (``<article>``,
    ``<main>``, ``articleBody``) around it, so the title, type label and date beside the body
    come along; or narrowed to an explicit container inside it that holds most of its score.
    """
    body = root.find("body")
    body = body if body is not None else root
    scores = _scores(body)
    if not scores:
        return body
    best, best_score = max(scores.items(), key=lambda item: (item[1], -_depth(item[0])))
    explicit = sorted(_explicit_containers(root), key=_depth, reverse=True)
    for container in explicit:
        if _contains(container, best):
            # Widen only to an article-sized container, not to a <main> that also holds teasers.
            if _outside_score(container, best) <= WIDEN_SHARE * _outside_score(best, None):
                return container
            break
    for container in explicit:
        if _contains(best, container) and _score_within(container, scores) >= EXPLICIT_SHARE * best_score:
            return container
    return best


def _outside_score(container: etree._Element, inner: etree._Element | None) -> float:
    """Summed paragraph scores inside ``container`` but not inside ``inner``."""
    return sum(
        _paragraph_score(p) for p in container.iter(*PARAGRAPH_TAGS, *TEXT_CONTAINER_TAGS)
        if (inner is None or not _contains(inner, p)) and not (p.tag in TEXT_CONTAINER_TAGS and has_block_child(p))
    )


def _paragraph_score(paragraph: etree._Element) -> float:
    text = " ".join(paragraph.text_content().split())
    if len(text) < MIN_PARAGRAPH_CHARS:
        return 0.0
    return (1 + text.count(",") + text.count("،") + min(len(text) / 100, 3)) * (1 - link_density(paragraph))


def _explicit_containers(root: etree._Element) -> list[etree._Element]:
    found = root.xpath(EXPLICIT_XPATH)
    return [element for element in found if isinstance(element, etree._Element)]


def _scores(body: etree._Element) -> dict[etree._Element, float]:
    scores: dict[etree._Element, float] = {}
    for paragraph in body.iter(*PARAGRAPH_TAGS, *TEXT_CONTAINER_TAGS):
        if paragraph.tag in TEXT_CONTAINER_TAGS and has_block_child(paragraph):
            continue
        score = _paragraph_score(paragraph)
        if not score:
            continue
        parent = paragraph.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + score
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0.0) + score / 2
    return scores


def _score_within(container: etree._Element, scores: dict[etree._Element, float]) -> float:
    return max((score for element, score in scores.items() if _contains(container, element)), default=0.0)


def _contains(ancestor: etree._Element, element: etree._Element) -> bool:
    node: etree._Element | None = element
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def _depth(element: etree._Element) -> int:
    depth = 0
    node = element.getparent()
    while node is not None:
        depth += 1
        node = node.getparent()
    return depth
