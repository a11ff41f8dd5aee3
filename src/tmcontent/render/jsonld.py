"""schema.org ``NewsArticle`` JSON-LD for an article, safe to embed in a ``<script>`` element.

The text is JSON in which "<", ">" and "&" are written ``\\u003c``, ``\\u003e``, ``\\u0026``
(and U+2028/U+2029 as escapes, for JavaScript readers): still valid JSON for ``json.loads``,
and neither ``</script`` nor ``<!--`` can occur, so the element cannot be ended or switched
into the script-data escaped state by page text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from tmcontent.model import Article
from tmcontent.urls import safe_href


def jsonld(article: Article, locale: str, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The ``NewsArticle`` of ``article``; ``extra`` fields (a site's ``url``, ``publisher``, …)
    are added last and win over the article's own."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "identifier": article.id or article.compute_id(),
        "inLanguage": (article.body_langs[0] if article.body_langs else None) or article.page_locale or locale,
    }
    if article.title:
        data["headline"] = article.title
    if article.published and article.published.iso:
        data["datePublished"] = article.published.iso
    url = safe_href(article.url)
    if url:
        data["url"] = url
    if article.text:
        data["articleBody"] = article.text
    if article.dateline and article.dateline.place:
        data["locationCreated"] = {"@type": "Place", "name": article.dateline.place}
    if article.entities:
        data["contributor"] = [{"@type": "Organization", "name": name} for name in article.entities]
    data.update(extra or {})
    return data


#: Characters that only occur inside JSON strings, written as ``\\uXXXX`` escapes.
SCRIPT_UNSAFE = {ord(char): f"\\u{ord(char):04x}" for char in "<>&\u2028\u2029"}


def jsonld_text(article: Article, locale: str, extra: Mapping[str, Any] | None = None) -> str:
    """The JSON-LD as JSON text with no "<", ">" or "&" (so no "</script" or "<!--")."""
    return json.dumps(jsonld(article, locale, extra), ensure_ascii=False, indent=2).translate(SCRIPT_UNSAFE)
