"""Every output of a site and what each depends on: the plan :func:`manifest.sync` carries out.

Each output's key is the fingerprint of the code and templates, the catalogs of its locale, the
site's settings, and the content it shows: an article page depends on its article and its
:class:`SiteContext` (its translations' addresses); a listing, a feed or a sitemap on the
entries it lists. Changing one article therefore re-renders its pages, the pages whose
alternates or switcher point at a page it renamed, and the listings, feeds and sitemaps it
appears in; nothing else.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import tmcontent
from tmcontent import i18n
from tmcontent.publish import feeds, pages, sitemaps
from tmcontent.publish.manifest import Output, fingerprint
from tmcontent.publish.site import Entry, Site
from tmcontent.render.html import ICON, asset_text, stylesheet_text


@lru_cache(maxsize=8)
def _code_fingerprint() -> str:
    """The package's code, shipped templates and catalogs: a change in any re-renders all."""
    package = Path(tmcontent.__file__).resolve().parent
    hasher = hashlib.sha256(tmcontent.__version__.encode())
    files = sorted([*package.rglob("*.py"), *(package / "render" / "templates").iterdir(), *i18n.locales_dir().rglob("*.mo")])
    for path in files:
        if path.is_file():
            hasher.update(f"{path.parent.name}/{path.name}".encode())
            hasher.update(path.read_bytes())
    return hasher.hexdigest()[:32]


def _templates_fingerprint(templates_dir: str | None) -> str:
    if not templates_dir:
        return ""
    hasher = hashlib.sha256()
    for path in sorted(Path(templates_dir).rglob("*")):
        if path.is_file():
            hasher.update(path.name.encode())
            hasher.update(path.read_bytes())
    return hasher.hexdigest()[:32]


def _text_key(*parts: str) -> str:
    """:func:`fingerprint` for parts that are strings already (the one key made per page)."""
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


class Plan:
    """The outputs of ``site`` (articles digested once each)."""

    def __init__(self, site: Site, now: datetime | None) -> None:
        self.site = site
        self.now = now if now is not None else sitemaps.default_now(site)
        self.base = fingerprint(_code_fingerprint(), _templates_fingerprint(site.config.templates_dir), repr(site.config))

    def _shown(self, entries: tuple[Entry, ...] | list[Entry]) -> list[tuple[str, str, bool]]:
        return [(entry.path, entry.digest, entry.real) for entry in entries]

    def outputs(self) -> Iterator[Output]:
        yield from self._assets()
        yield from self._articles()
        for locale in self.site.config.locales:
            yield from self._listings(locale)
            yield from self._feeds(locale)
        yield from self._sitemaps()

    def _assets(self) -> Iterator[Output]:
        config = self.site.config
        yield Output("asset:site.css", self.base, lambda: {pages.STYLESHEET_PATH: stylesheet_text(config.templates_dir).encode("utf-8")})
        yield Output("asset:icon.svg", self.base, lambda: {pages.ICON_PATH: asset_text(ICON, config.templates_dir).encode("utf-8")})
        yield Output("page:index.html", self.base, lambda: {"index.html": pages.render_chooser(self.site).encode("utf-8")})

    def _articles(self) -> Iterator[Output]:
        for story in self.site.stories():
            # What a page's SiteContext is made of: the story's pages, not the context itself
            # (building it for every unchanged page would cost more than the check it allows).
            links = "\x1f".join(f"{other}\x1e{shown.path}\x1e{shown.real}\x1e{shown.group is None}"
                                for other, shown in sorted(story.entries.items()))
            for locale in self.site.config.locales:
                entry = story.entries.get(locale)
                if entry is None:
                    continue
                key = _text_key(self.base, entry.path, str(entry.real), entry.digest, links)

                def render(story=story, entry=entry) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
                    return {entry.path + "index.html": pages.render_article(self.site, story, entry).encode("utf-8")}

                yield Output("page:" + entry.path, key, render)

    def _listings(self, locale: str) -> Iterator[Output]:
        for listing in pages.listings(self.site, locale):
            # What the page's SiteContext is made of (the site's settings are in ``base``): the
            # listing's place and, on a first page, the same listing in the other locales.
            others = pages.listing_paths(self.site, listing.kind) if listing.page == 1 else {}
            key = fingerprint(self.base, listing.path, listing.page, listing.pages, self.site.kinds(locale), others, self._shown(listing.entries))

            def render(listing=listing) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
                items = [pages.listing_item(entry) for entry in listing.entries]
                return {listing.path + "index.html": pages.render_listing(self.site, listing, items).encode("utf-8")}

            yield Output("page:" + listing.path, key, render)

    def _feeds(self, locale: str) -> Iterator[Output]:
        entries = self.site.entries(locale, limit=feeds.FEED_ITEMS)
        key = fingerprint(self.base, locale, self._shown(entries))

        def render() -> dict[str, bytes]:
            items = [pages.listing_item(entry) for entry in entries]
            language = pages.autonym(locale)
            return {f"{locale}/{name}": writer(self.site.config, locale, language, items) for name, writer in feeds.WRITERS.items()}

        yield Output(f"feeds:{locale}", key, render)

    def _sitemaps(self) -> Iterator[Output]:
        plan = sitemaps.plan_sitemaps(self.site)
        yield Output("sitemaps", fingerprint(self.base, plan.digest), lambda: sitemaps.sitemap_parts(self.site, plan))
        news = sitemaps.news_items(self.site, self.now)
        names = [sitemaps.SITEMAP, sitemaps.NEWS_SITEMAP] if news else [sitemaps.SITEMAP]
        if news:
            yield Output("news-sitemap", fingerprint(self.base, repr(news)), lambda: {sitemaps.NEWS_SITEMAP: sitemaps.news_sitemap(self.site, news)})
        yield Output("robots", fingerprint(self.base, names), lambda: {"robots.txt": sitemaps.robots(self.site, names)})
