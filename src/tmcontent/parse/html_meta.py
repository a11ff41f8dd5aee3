"""Page metadata from an HTML head: title, publication date, language, canonical URL.

Sources, best first (the order htmldate and trafilatura also trust): JSON-LD
(``NewsArticle``/``Article`` headline, datePublished, inLanguage), Open Graph and
``article:published_time``, ``<meta name="date">``-style tags, ``<time datetime>``, then the
``<h1>`` and ``<title>`` (without its " | Site name" suffix).
"""

from __future__ import annotations

import json
import re
from typing import Any

from lxml import etree

from tmcontent.parse.structure import PageMeta

ARTICLE_TYPES = frozenset({"newsarticle", "article", "reportagenewsarticle", "blogposting", "pressrelease", "analysisnewsarticle"})
DATE_META_NAMES = (
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
    "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date", "citation_publication_date",
)
#: " | Site", " - Site", " — Site" suffixes of <title>; a suffix is only cut when it is
#: shorter than what remains (titles with dashes inside stay whole).
TITLE_SUFFIX_RE = re.compile(r"\s+[|\-–—·:]\s+[^|\-–—·:]{2,60}$")


def extract_meta(root: etree._Element, url: str | None = None) -> PageMeta:
    metas = _meta_tags(root)
    ld = _json_ld_article(root)
    return PageMeta(
        title=_title(root, metas, ld),
        published=_published(root, metas, ld),
        lang=_lang(root, metas, ld),
        url=_canonical(root, metas) or url,
        site_name=metas.get("og:site_name"),
        kind_hint=None,
    )


def _meta_tags(root: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content and key not in found:
            found[key] = content
    return found


def _json_ld_article(root: etree._Element) -> dict[str, Any]:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in _ld_items(data):
            kind = item.get("@type")
            kinds = {str(k).lower() for k in (kind if isinstance(kind, list) else [kind])}
            if kinds & ARTICLE_TYPES:
                return item
    return {}


def _ld_items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [item for entry in data for item in _ld_items(entry)]
    if isinstance(data, dict):
        graph = data.get("@graph")
        return [data, *(_ld_items(graph) if graph else [])]
    return []


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _title(root: etree._Element, metas: dict[str, str], ld: dict[str, Any]) -> str | None:
    for candidate in (_text(ld.get("headline")), _text(metas.get("og:title")), _text(metas.get("twitter:title"))):
        if candidate:
            return candidate
    for h1 in root.iter("h1"):
        text = _text("".join(h1.itertext()))
        if text:
            return text
    title = next(root.iter("title"), None)
    text = _text("".join(title.itertext())) if title is not None else None
    if not text:
        return None
    suffix = TITLE_SUFFIX_RE.search(text)
    if suffix and len(suffix.group(0)) < len(text) - len(suffix.group(0)):
        text = text[: suffix.start()]
    return text


def _published(root: etree._Element, metas: dict[str, str], ld: dict[str, Any]) -> str | None:
    candidate = _text(ld.get("datePublished")) or _text(ld.get("dateCreated"))
    if candidate:
        return candidate
    for name in DATE_META_NAMES:
        if metas.get(name):
            return metas[name]
    for time in root.iter("time"):
        value = _text(time.get("datetime"))
        if value:
            return value
    return None


def _lang(root: etree._Element, metas: dict[str, str], ld: dict[str, Any]) -> str | None:
    declared = _text(root.get("lang")) or _text(root.get("{http://www.w3.org/XML/1998/namespace}lang"))
    declared = declared or _text(ld.get("inLanguage")) or _text(metas.get("content-language")) or _text(metas.get("og:locale"))
    return declared.replace("_", "-") if declared else None


def _canonical(root: etree._Element, metas: dict[str, str]) -> str | None:
    for link in root.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical" and link.get("href"):
            return link.get("href", "").strip() or None
    return metas.get("og:url")
