"""Page metadata from an HTML head: title, language, canonical URL, and the raw facts
(``<meta>`` tags, JSON-LD items) that :mod:`.html_dates` reads the publication date from.

The title is the first ``<h1>`` when a metadata title confirms it, else the metadata's title
(JSON-LD ``headline``, Open Graph, ``<title>`` without its " | Site name" suffix).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from tmcontent.parse.furniture import never_text
from tmcontent.parse.structure import PageMeta

ARTICLE_TYPES = frozenset({"newsarticle", "article", "reportagenewsarticle", "blogposting", "pressrelease", "analysisnewsarticle"})
#: " | Site", " - Site", " — Site" suffixes of <title>; a suffix is only cut when it is
#: shorter than what remains (titles with dashes inside stay whole).
TITLE_SUFFIX_RE = re.compile(r"\s+[|\-–—·:]\s+[^|\-–—·:]{2,60}$")


@dataclass
class HeadFacts:
    """What the head says, kept for the readers that need more than :class:`PageMeta`."""

    meta: PageMeta
    metas: dict[str, str]
    linked_data: list[dict[str, Any]]


def extract_meta(root: etree._Element, url: str | None = None) -> PageMeta:
    """Title, language and canonical URL of the page (the date needs the body's blocks:
    :mod:`.html_dates`)."""
    return read_head(root, url).meta


def read_head(root: etree._Element, url: str | None = None) -> HeadFacts:
    metas = _meta_tags(root)
    items = linked_data(root)
    ld = next((item for item in items if _is_article(item)), {})
    meta = PageMeta(
        title=_title(root, metas, ld),
        lang=_lang(root, metas, ld),
        url=_canonical(root, metas) or url,
    )
    return HeadFacts(meta, metas, items)


def _meta_tags(root: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content and key not in found:
            found[key] = content
    return found


def linked_data(root: etree._Element) -> list[dict[str, Any]]:
    """The JSON-LD items of the page, article types first."""
    items: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            items.extend(_ld_items(json.loads(script.text)))
        except ValueError:
            continue
    return sorted(items, key=lambda item: not _is_article(item))


def _is_article(item: dict[str, Any]) -> bool:
    kind = item.get("@type")
    kinds = {str(k).lower() for k in (kind if isinstance(kind, list) else [kind])}
    return bool(kinds & ARTICLE_TYPES)


def _ld_items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [item for entry in data for item in _ld_items(entry)]
    if isinstance(data, dict):
        graph = data.get("@graph")
        return [data, *(_ld_items(graph) if graph else [])]
    return []


def _text(value: Any) -> str | None:
    """``value`` with whitespace collapsed and entities that JSON-LD authors left encoded
    (``&#8211;``) decoded; None when empty or not a string."""
    if isinstance(value, str) and value.strip():
        return " ".join(html.unescape(value).split()) if "&" in value else " ".join(value.split())
    return None


def _title(root: etree._Element, metas: dict[str, str], ld: dict[str, Any]) -> str | None:
    """The page's headline: its first ``<h1>`` when the metadata confirms it (half of its words
    are in a metadata title; the site's name in an ``<h1>`` logo is not a headline), else the
    metadata's title without the " | Site" suffix. On the WCXB tune pages the first ``<h1>``
    alone is right for 69% of the titles, ``og:title`` first for 49%, this rule for 76%."""
    declared = [t for t in (_text(ld.get("headline")), _text(metas.get("og:title")), _text(metas.get("twitter:title")), _document_title(root)) if t]
    heading = _first_heading(root)
    site = _text(metas.get("og:site_name"))
    if heading and site and heading.casefold() == site.casefold():
        heading = None
    if heading and (not declared or any(_confirms(heading, title) for title in declared)):
        return heading
    for title in (_text(metas.get("og:title")), _text(ld.get("headline")), _document_title(root)):
        if title:
            return _without_site(title)
    return heading


#: Share of the ``<h1>``'s words that a metadata title must contain to confirm it.
CONFIRMING_SHARE = 0.5
WORD_RE = re.compile(r"\w+")


def _confirms(heading: str, title: str) -> bool:
    words = {w.casefold() for w in WORD_RE.findall(heading)}
    return bool(words) and len(words & {w.casefold() for w in WORD_RE.findall(title)}) >= CONFIRMING_SHARE * len(words)


def _first_heading(root: etree._Element) -> str | None:
    for h1 in root.iter("h1"):
        text = _text(visible_text(h1))
        if text:
            return text
    return None


def visible_text(element: etree._Element) -> str:
    """The text of ``element`` without what is never shown (scripts, styles, SVG…)."""
    parts = []
    walker = etree.iterwalk(element, events=("start", "end"))
    for event, node in walker:
        if event == "start":
            if not isinstance(node.tag, str) or never_text(node.tag):
                walker.skip_subtree()
            elif node.text:
                parts.append(node.text)
        elif node is not element and node.tail:
            parts.append(node.tail)
    return "".join(parts)


def _document_title(root: etree._Element) -> str | None:
    title = next(root.iter("title"), None)
    return _text("".join(title.itertext())) if title is not None else None


def _without_site(title: str) -> str:
    suffix = TITLE_SUFFIX_RE.search(title)
    if suffix and len(suffix.group(0)) < len(title) - len(suffix.group(0)):
        return title[: suffix.start()]
    return title


def _lang(root: etree._Element, metas: dict[str, str], ld: dict[str, Any]) -> str | None:
    declared = _text(root.get("lang")) or _text(root.get("{http://www.w3.org/XML/1998/namespace}lang"))
    declared = declared or _text(ld.get("inLanguage")) or _text(metas.get("content-language")) or _text(metas.get("og:locale"))
    return declared.replace("_", "-") if declared else None


def _canonical(root: etree._Element, metas: dict[str, str]) -> str | None:
    for link in root.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical" and link.get("href"):
            return link.get("href", "").strip() or None
    return metas.get("og:url")
