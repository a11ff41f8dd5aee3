"""schema.org ``NewsArticle`` JSON-LD for an article, safe to embed in a ``<script>`` element."""

from __future__ import annotations

import json
from typing import Any

from tmcontent.model import Article
from tmcontent.urls import safe_href


def jsonld(article: Article, locale: str) -> dict[str, Any]:
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
    if article.url and safe_href(article.url):
        data["url"] = article.url
    if article.text:
        data["articleBody"] = article.text
    if article.dateline and article.dateline.place:
        data["locationCreated"] = {"@type": "Place", "name": article.dateline.place}
    if article.entities:
        data["contributor"] = [{"@type": "Organization", "name": name} for name in article.entities]
    return data


def jsonld_text(article: Article, locale: str) -> str:
    """The JSON-LD as text in which "</" never occurs (so "</script>" cannot end the element)."""
    text = json.dumps(jsonld(article, locale), ensure_ascii=False, indent=2)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")
