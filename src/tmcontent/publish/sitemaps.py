"""Sitemaps and robots.txt: what search engines read of a site.

``sitemap.xml`` lists the root, every locale's home and kind listings, and every real article
page, each with its ``xhtml:link`` alternates (itself included, plus ``x-default``) and
``lastmod``; beyond 50,000 URLs or 50 MB it becomes an index of ``sitemap-N.xml`` files (the
limits of sitemaps.org). ``sitemap-news.xml`` is the Google News sitemap of the articles of the
last two days before ``now`` (at most 1,000). Stand-ins for missing translations are not listed:
they are ``noindex``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from lxml import etree

from tmcontent.localize import display_title
from tmcontent.publish.pages import listing_alternates, listing_path, story_alternates
from tmcontent.publish.site import Site
from tmcontent.publish.xmlout import NOT_XML_RE, days_before, rfc3339, serialize, sub, to_datetime, w3c, xml_text
from tmcontent.textfacts import primary

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
#: Limits of one sitemap file (sitemaps.org protocol): URLs and uncompressed bytes.
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
#: Google News sitemaps: articles of the last two days, at most 1,000 per file.
NEWS_DAYS = 2
NEWS_MAX = 1000
SITEMAP = "sitemap.xml"
NEWS_SITEMAP = "sitemap-news.xml"


@dataclass(frozen=True, slots=True)  # one per page, all held while the sitemap renders
class SitemapUrl:
    loc: str
    lastmod: str | None
    alternates: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class NewsItem:
    loc: str
    language: str
    published: str
    title: str


def sitemap_urls(site: Site) -> Iterator[SitemapUrl]:
    """Every URL of the sitemap, made as they are written (a site's URLs are never all held)."""
    config = site.config
    newest = {locale: next((e.iso for e in site.entries(locale, limit=1) if e.iso), None) for locale in config.locales}
    homes = listing_alternates(site, None)
    yield SitemapUrl(config.absolute(""), max(filter(None, newest.values()), default=None), homes)
    for locale in config.locales:
        yield SitemapUrl(config.absolute(listing_path(locale, None)), newest[locale], homes)
    for locale in config.locales:
        for kind in site.kinds(locale):
            lastmod = next((e.iso for e in site.entries(locale, kind, limit=1) if e.iso), None)
            yield SitemapUrl(config.absolute(listing_path(locale, kind)), lastmod, listing_alternates(site, kind))
    for story in site.stories():
        alternates = story_alternates(config, story)
        for locale in config.locales:
            entry = story.real().get(locale)
            if entry is not None:
                yield SitemapUrl(config.absolute(entry.path), entry.iso, alternates)


URLSET_START = (f"<?xml version='1.0' encoding='UTF-8'?>\n<urlset xmlns=\"{SITEMAP_NS}\" xmlns:xhtml=\"{XHTML_NS}\">\n").encode()
URLSET_END = b"</urlset>\n"


def url_xml(url: SitemapUrl) -> bytes:
    """One ``<url>`` element as the sitemap holds it (written by hand: 33,000 of them through
    lxml trees took 110 MB at once, or a second per pass a thousand at a time)."""
    lastmod = w3c(url.lastmod)
    text = "".join((
        "  <url>\n    <loc>", _escaped(url.loc), "</loc>\n",
        f"    <lastmod>{_escaped(lastmod)}</lastmod>\n" if lastmod else "",
        _alternate_lines(url.alternates),
        "  </url>\n",
    ))
    return text.encode("utf-8")


@lru_cache(maxsize=16)  # the pages of one story share their alternates and come one after another
def _alternate_lines(alternates: tuple[tuple[str, str], ...]) -> str:
    return "".join(f'    <xhtml:link rel="alternate" hreflang="{_escaped(lang)}" href="{_escaped(href)}"/>\n' for lang, href in alternates)


#: What a sitemap's text or attribute cannot hold as it is: markup characters, and what XML 1.0 cannot hold at all.
NEEDS_ESCAPING_RE = re.compile(f'[&<>"]|{NOT_XML_RE.pattern}')


def _escaped(text: str) -> str:
    if not NEEDS_ESCAPING_RE.search(text):  # nearly every URL
        return text
    return xml_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@dataclass(frozen=True)
class SitemapPlan:
    """What the sitemap of a site will be: the digest of its bytes and, per file, how many URLs
    it holds and its newest ``lastmod`` (one file: ``sitemap.xml``; more: an index of them)."""

    digest: str
    files: tuple[tuple[int, str | None], ...]


def plan_sitemaps(site: Site, *, max_urls: int = MAX_URLS, max_bytes: int = MAX_BYTES) -> SitemapPlan:
    """Go through the sitemap once without keeping it: its digest (the output's key) and where
    it splits (a file takes URLs while it stays within ``max_urls`` and ``max_bytes``)."""
    hasher = hashlib.sha256()
    files: list[tuple[int, str | None]] = []
    count, size, newest = 0, len(URLSET_START) + len(URLSET_END), None
    for url in sitemap_urls(site):
        piece = url_xml(url)
        hasher.update(piece)
        if count and (count >= max_urls or size + len(piece) > max_bytes):
            files.append((count, newest))
            count, size, newest = 0, len(URLSET_START) + len(URLSET_END), None
        count, size = count + 1, size + len(piece)
        newest = max(filter(None, (newest, url.lastmod)), default=None)
    files.append((count, newest))
    hasher.update(repr(files).encode())
    return SitemapPlan(hasher.hexdigest()[:32], tuple(files))


def sitemap_parts(site: Site, plan: SitemapPlan) -> Iterator[tuple[str, Iterator[bytes]]]:
    """The files of the sitemap as (name, bytes in pieces), as :func:`plan_sitemaps` split them;
    each file's pieces must be read before the next file is asked for."""
    urls = sitemap_urls(site)
    if len(plan.files) == 1:
        yield SITEMAP, _urlset(urls, plan.files[0][0])
        return
    for number, (count, _) in enumerate(plan.files, 1):
        yield f"sitemap-{number}.xml", _urlset(urls, count)
    yield SITEMAP, iter([_index(site, plan)])


def _urlset(urls: Iterator[SitemapUrl], count: int) -> Iterator[bytes]:
    yield URLSET_START
    for _, url in zip(range(count), urls, strict=False):
        yield url_xml(url)
    yield URLSET_END


def _index(site: Site, plan: SitemapPlan) -> bytes:
    root = etree.Element(f"{{{SITEMAP_NS}}}sitemapindex", nsmap={None: SITEMAP_NS})
    for number, (_, lastmod) in enumerate(plan.files, 1):
        element = sub(root, f"{{{SITEMAP_NS}}}sitemap")
        sub(element, f"{{{SITEMAP_NS}}}loc", site.config.absolute(f"sitemap-{number}.xml"))
        if lastmod:
            sub(element, f"{{{SITEMAP_NS}}}lastmod", w3c(lastmod))
    return serialize(root)


def sitemap_files(site: Site, *, max_urls: int = MAX_URLS, max_bytes: int = MAX_BYTES) -> dict[str, bytes]:
    """The sitemap's files whole (for a small site, or to look at)."""
    plan = plan_sitemaps(site, max_urls=max_urls, max_bytes=max_bytes)
    return {name: b"".join(pieces) for name, pieces in sitemap_parts(site, plan)}


def default_now(site: Site) -> datetime | None:
    """The newest article's date: the news window's end when none is given."""
    dates = (to_datetime(iso) for iso in site.real_dates())
    return max((date for date in dates if date), default=None)


def news_items(site: Site, now: datetime | None) -> list[NewsItem]:
    if now is None:
        return []
    start = days_before(now, NEWS_DAYS)
    found = []
    for entry in site.dated_real_entries(since=(start - timedelta(days=1)).date().isoformat()):  # (any offset: a day before)
        when = to_datetime(entry.iso)
        if when is not None and start <= when <= now:
            title, _ = display_title(entry.article, entry.locale)
            found.append((when, NewsItem(site.config.absolute(entry.path), primary(entry.locale), w3c(entry.iso) or rfc3339(when), title)))
    found.sort(key=lambda pair: (-pair[0].timestamp(), pair[1].loc))
    return [item for _, item in found[:NEWS_MAX]]


def news_sitemap(site: Site, items: list[NewsItem]) -> bytes:
    n = f"{{{NEWS_NS}}}"
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "news": NEWS_NS})
    for item in items:
        url = sub(root, f"{{{SITEMAP_NS}}}url")
        sub(url, f"{{{SITEMAP_NS}}}loc", item.loc)
        news = sub(url, n + "news")
        publication = sub(news, n + "publication")
        sub(publication, n + "name", site.config.site_name)
        sub(publication, n + "language", item.language)
        sub(news, n + "publication_date", item.published)
        sub(news, n + "title", item.title)
    return serialize(root)


def robots(site: Site, sitemaps: list[str]) -> bytes:
    lines = ["User-agent: *", "Allow: /", ""] + [f"Sitemap: {site.config.absolute(name)}" for name in sitemaps]
    return ("\n".join(lines) + "\n").encode("utf-8")
