"""The feeds of each locale: Atom 1.0 (RFC 4287), RSS 2.0 and JSON Feed 1.1, newest first.

Every feed names its language (``xml:lang``, ``<language>``, ``language``), its own address
(Atom ``rel="self"``, RSS ``atom:link``, JSON Feed ``feed_url``) and the locale's home. The
feed's date is its newest entry's, never the time of the build, so the same input gives the
same bytes. Entries are what the locale's listing shows.
"""

from __future__ import annotations

import json
from typing import Any

from lxml import etree

from tmcontent.publish.site import SiteConfig
from tmcontent.publish.xmlout import EPOCH, rfc822, rfc3339, serialize, sub, to_datetime, xml_text

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
#: Entries per feed: feed readers poll often, and 50 covers more than two days of a busy
#: press site (the examples' sources publish 5-20 items a day).
FEED_ITEMS = 50


def _when(item: dict[str, Any]) -> Any:
    return to_datetime(item["iso"]) or EPOCH


def _updated(items: list[dict[str, Any]]) -> Any:
    return max((_when(item) for item in items), default=EPOCH)


def _title(config: SiteConfig, language: str) -> str:
    return f"{config.site_name} ({language})"


def atom(config: SiteConfig, locale: str, language: str, items: list[dict[str, Any]]) -> bytes:
    a = f"{{{ATOM_NS}}}"
    feed = etree.Element(a + "feed", nsmap={None: ATOM_NS})
    feed.set(XML_LANG, locale)
    sub(feed, a + "id", config.absolute(f"{locale}/"))
    sub(feed, a + "title", _title(config, language))
    sub(feed, a + "updated", rfc3339(_updated(items)))
    sub(feed, a + "link", rel="self", type="application/atom+xml", href=config.absolute(f"{locale}/atom.xml"))
    sub(feed, a + "link", rel="alternate", type="text/html", href=config.absolute(f"{locale}/"))
    sub(sub(feed, a + "author"), a + "name", config.site_name)
    for item in items:
        entry = sub(feed, a + "entry")
        sub(entry, a + "id", config.absolute(item["path"]))
        title = sub(entry, a + "title", item["title"])
        if item["title_lang"] and item["title_lang"] != locale:
            title.set(XML_LANG, item["title_lang"])
        sub(entry, a + "link", rel="alternate", type="text/html", href=config.absolute(item["path"]))
        when = rfc3339(_when(item))
        sub(entry, a + "published", when)
        sub(entry, a + "updated", when)
        if item["summary"]:
            summary = sub(entry, a + "summary", item["summary"])
            if item["summary_lang"] and item["summary_lang"] != locale:
                summary.set(XML_LANG, item["summary_lang"])
    return serialize(feed)


def rss(config: SiteConfig, locale: str, language: str, items: list[dict[str, Any]]) -> bytes:
    root = etree.Element("rss", nsmap={"atom": ATOM_NS}, version="2.0")
    channel = sub(root, "channel")
    sub(channel, "title", _title(config, language))
    sub(channel, "link", config.absolute(f"{locale}/"))
    sub(channel, "description", _title(config, language))
    sub(channel, "language", locale)
    if items:
        sub(channel, "lastBuildDate", rfc822(_updated(items)))
    sub(channel, f"{{{ATOM_NS}}}link", rel="self", type="application/rss+xml", href=config.absolute(f"{locale}/rss.xml"))
    for item in items:
        element = sub(channel, "item")
        sub(element, "title", item["title"])
        sub(element, "link", config.absolute(item["path"]))
        sub(element, "guid", config.absolute(item["path"]), isPermaLink="true")
        if item["iso"] and to_datetime(item["iso"]):
            sub(element, "pubDate", rfc822(_when(item)))
        if item["summary"]:
            sub(element, "description", item["summary"])
    return serialize(root)


def json_feed(config: SiteConfig, locale: str, language: str, items: list[dict[str, Any]]) -> bytes:
    feed: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": xml_text(_title(config, language)),
        "home_page_url": config.absolute(f"{locale}/"),
        "feed_url": config.absolute(f"{locale}/feed.json"),
        "language": locale,
        "authors": [{"name": config.site_name}],
        "items": [],
    }
    for item in items:
        entry: dict[str, Any] = {"id": config.absolute(item["path"]), "url": config.absolute(item["path"]), "title": item["title"],
                                 "content_text": item["summary"] or item["title"]}
        if item["summary"]:
            entry["summary"] = item["summary"]
        if item["iso"] and to_datetime(item["iso"]):
            entry["date_published"] = rfc3339(_when(item))
        if item["summary_lang"] or item["title_lang"]:
            entry["language"] = item["summary_lang"] or item["title_lang"]
        feed["items"].append(entry)
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


#: Feed writers by file name in the locale folder (the names pages.FEEDS links).
WRITERS = {"atom.xml": atom, "rss.xml": rss, "feed.json": json_feed}
