"""Sitemaps and robots.txt: what search engines read of a site.

``sitemap.xml`` lists the root, every locale's home and kind listings, and every real article
page, each with its ``xhtml:link`` alternates (itself included, plus ``x-default``) and
``lastmod``; beyond 50,000 URLs or 50 MB it becomes an index of ``sitemap-N.xml`` files (the
limits of sitemaps.org). ``sitemap-news.xml`` is the Google News sitemap of the articles of the
last two days before ``now`` (at most 1,000). Stand-ins for missing translations are not listed:
they are ``noindex``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from tmcontent.localize import display_title
from tmcontent.publish.pages import listing_alternates, listing_path, story_alternates
from tmcontent.publish.site import Site
from tmcontent.publish.xmlout import days_before, rfc3339, serialize, sub, to_datetime, w3c
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


def sitemap_urls(site: Site) -> list[SitemapUrl]:
    config = site.config
    newest = {locale: next((e.iso for e in site.entries(locale) if e.iso), None) for locale in config.locales}
    homes = listing_alternates(site, None)
    urls = [SitemapUrl(config.absolute(""), max(filter(None, newest.values()), default=None), homes)]
    urls += [SitemapUrl(config.absolute(listing_path(locale, None)), newest[locale], homes) for locale in config.locales]
    for locale in config.locales:
        for kind in site.kinds(locale):
            lastmod = next((e.iso for e in site.entries(locale) if e.kind == kind and e.iso), None)
            urls.append(SitemapUrl(config.absolute(listing_path(locale, kind)), lastmod, listing_alternates(site, kind)))
    for story in site.stories:
        alternates = story_alternates(config, story)
        for locale in config.locales:
            entry = story.real().get(locale)
            if entry is not None:
                urls.append(SitemapUrl(config.absolute(entry.path), entry.iso, alternates))
    return urls


#: URLs serialized per lxml tree: a site's whole sitemap is never one tree in memory (33,000
#: URLs with their alternates as one tree took 110 MB).
URLS_PER_TREE = 1000


def _urlset(urls: list[SitemapUrl]) -> bytes:
    """One sitemap: its ``<url>`` elements serialized a thousand at a time inside one ``urlset``,
    joined once (no intermediate copies of the whole file: it is the largest output of a site)."""
    nsmap = {None: SITEMAP_NS, "xhtml": XHTML_NS}
    empty = serialize(etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap=nsmap))
    parts: list[bytes] = [empty[: empty.index(b"/>")] + b">\n"]
    for start in range(0, len(urls), URLS_PER_TREE):
        root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap=nsmap)
        for url in urls[start : start + URLS_PER_TREE]:
            element = sub(root, f"{{{SITEMAP_NS}}}url")
            sub(element, f"{{{SITEMAP_NS}}}loc", url.loc)
            lastmod = w3c(url.lastmod)
            if lastmod:
                sub(element, f"{{{SITEMAP_NS}}}lastmod", lastmod)
            for lang, href in url.alternates:
                sub(element, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=lang, href=href)
        text = etree.tostring(root, encoding="UTF-8", pretty_print=True)
        parts.append(text[text.index(b">\n", text.index(b"<urlset")) + 2 : text.rindex(b"</urlset>")])
    parts.append(b"</urlset>\n")
    return b"".join(parts)


def sitemap_files(site: Site, urls: list[SitemapUrl], *, max_urls: int = MAX_URLS, max_bytes: int = MAX_BYTES) -> dict[str, bytes]:
    """``sitemap.xml`` alone, or an index of ``sitemap-N.xml`` files within the limits."""
    chunks = [urls[start : start + max_urls] for start in range(0, len(urls), max_urls)] or [[]]
    files = [_urlset(chunk) for chunk in chunks]
    index = 0
    while index < len(files):  # halve a file over the byte limit until each fits
        if len(files[index]) > max_bytes and len(chunks[index]) > 1:
            half = len(chunks[index]) // 2
            chunks[index : index + 1] = [chunks[index][:half], chunks[index][half:]]
            files[index : index + 1] = [_urlset(chunks[index]), _urlset(chunks[index + 1])]
        else:
            index += 1
    if len(files) == 1:
        return {SITEMAP: files[0]}
    config = site.config
    root = etree.Element(f"{{{SITEMAP_NS}}}sitemapindex", nsmap={None: SITEMAP_NS})
    out: dict[str, bytes] = {}
    for number, (chunk, data) in enumerate(zip(chunks, files, strict=True), 1):
        name = f"sitemap-{number}.xml"
        out[name] = data
        element = sub(root, f"{{{SITEMAP_NS}}}sitemap")
        sub(element, f"{{{SITEMAP_NS}}}loc", config.absolute(name))
        lastmod = max(filter(None, (url.lastmod for url in chunk)), default=None)
        if lastmod:
            sub(element, f"{{{SITEMAP_NS}}}lastmod", w3c(lastmod))
    out[SITEMAP] = serialize(root)
    return out


def default_now(site: Site) -> datetime | None:
    """The newest article's date: the news window's end when none is given."""
    dates = [to_datetime(entry.iso) for story in site.stories for entry in story.real().values()]
    return max((date for date in dates if date), default=None)


def news_items(site: Site, now: datetime | None) -> list[NewsItem]:
    if now is None:
        return []
    start = days_before(now, NEWS_DAYS)
    found = []
    for story in site.stories:
        for locale, entry in story.real().items():
            when = to_datetime(entry.iso)
            if when is not None and start <= when <= now:
                title, _ = display_title(entry.article, locale)
                found.append((when, NewsItem(site.config.absolute(entry.path), primary(locale), w3c(entry.iso) or rfc3339(when), title)))
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
