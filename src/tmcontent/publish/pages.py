"""The HTML pages of a site: one per story and locale, the listings, the language chooser.

Each function here returns what a page shows and links to (a :class:`SiteContext` and the
template's context); :mod:`tmcontent.render.html` renders it through the same templates as a
standalone article. Links inside the site are root-relative (the site URL's path included);
canonical, ``hreflang`` and Open Graph addresses are absolute.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any

from tmcontent import labels
from tmcontent.localize import display_title, shown_date, summary
from tmcontent.publish.site import NO_KIND, Entry, Site, SiteConfig, Story
from tmcontent.render.html import NavLink, SiteContext, render_html, render_page
from tmcontent.textfacts import primary
from tmcontent.urls import safe_href

#: Stories per listing page: a phone shows about three per screen; 20 keeps a page under
#: ~25 kB of HTML with summaries.
PER_PAGE = 20
#: Feeds linked from every page of a locale: (media type, label, file in the locale folder).
FEEDS = (
    ("application/atom+xml", "Atom", "atom.xml"),
    ("application/rss+xml", "RSS", "rss.xml"),
    ("application/feed+json", "JSON Feed", "feed.json"),
)
STYLESHEET_PATH = "assets/site.css"
ICON_PATH = "assets/icon.svg"


@dataclass(frozen=True)
class Listing:
    """One page of a listing: the home (``kind`` None) or a kind's, in one locale."""

    locale: str
    kind: str | None
    page: int
    pages: int
    entries: tuple[Entry, ...]

    @property
    def path(self) -> str:
        return listing_path(self.locale, self.kind, self.page)


def listing_path(locale: str, kind: str | None, page: int = 1) -> str:
    folder = f"{locale}/{kind}/" if kind else f"{locale}/"
    return folder if page == 1 else f"{folder}page/{page}/"


@lru_cache(maxsize=64)
def autonym(locale: str) -> str:
    """The language's name in itself, capitalised ("Türkmen dili", "Русский", "English")."""
    name = labels.language_name(locale, locale)
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=64)
def og_locale(locale: str) -> str:
    from babel.core import get_global

    likely = str(get_global("likely_subtags").get(primary(locale), locale))
    parts = likely.split("_")
    return f"{parts[0]}_{parts[-1]}" if len(parts) > 1 else locale


def _languages(config: SiteConfig, locale: str, targets: dict[str, str]) -> tuple[NavLink, ...]:
    return tuple(
        NavLink(config.href(targets.get(other, f"{other}/")), autonym(other), other, other == locale) for other in config.locales
    )


def _feeds(config: SiteConfig, locale: str) -> tuple[tuple[str, str, str], ...]:
    return tuple((media, label, config.href(f"{locale}/{name}")) for media, label, name in FEEDS)


def _alternates(config: SiteConfig, paths: dict[str, str], x_default: str | None) -> tuple[tuple[str, str], ...]:
    """hreflang pairs: every locale's page (absolute URLs) and ``x-default``; none for one page alone."""
    if len(paths) < 2 and x_default is None:
        return ()
    pairs = [(locale, config.absolute(paths[locale])) for locale in config.locales if locale in paths]
    if x_default is not None:
        pairs.append(("x-default", config.absolute(x_default)))
    return tuple(pairs)


def story_alternates(config: SiteConfig, story: Story) -> tuple[tuple[str, str], ...]:
    """The real translations of ``story`` as hreflang pairs; x-default the default locale's page,
    else the original's (not a PO translation), in the order of the site's locales."""
    real = story.real()
    if len(real) < 2:
        return ()
    ordered = [real[locale] for locale in config.locales if locale in real]
    default = real.get(config.default_locale) or next((entry for entry in ordered if entry.group is None), ordered[0])
    return _alternates(config, {locale: entry.path for locale, entry in real.items()}, default.path)


def article_site(site: Site, story: Story, entry: Entry) -> SiteContext:
    config = site.config
    article = entry.article
    url = config.absolute(entry.path)
    title, _ = display_title(article, entry.locale)
    alternates = story_alternates(config, story) if entry.real else ()
    meta = [("og:type", "article"), ("og:site_name", config.site_name), ("og:title", title), ("og:url", url),
            ("og:locale", og_locale(entry.locale))]
    meta += [("og:locale:alternate", og_locale(lang)) for lang, _ in alternates if lang not in ("x-default", entry.locale)]
    if summary(article):
        meta.append(("og:description", summary(article)))
    if entry.source.image and safe_href(entry.source.image):
        meta.append(("og:image", entry.source.image))
    if entry.iso:
        meta.append(("article:published_time", entry.iso))
    shown_in = next((locale for locale, other in story.entries.items() if other.real and other.source_number == entry.source_number), None)
    return _locale_site(
        config, entry.locale, entry.path, alternates, {locale: other.path for locale, other in story.entries.items()}, tuple(meta),
        robots=None if entry.real else "noindex, follow",
        jsonld=_jsonld_extra(config, entry, url, title),
        notice_lang=(article.body_langs[0] if article.body_langs else shown_in) if not entry.real and config.untranslated == "notice" else None,
        notices=entry.real,
    )


def _jsonld_extra(config: SiteConfig, entry: Entry, url: str, title: str) -> dict[str, Any]:
    extra: dict[str, Any] = {
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": title,
        "publisher": {"@type": "Organization", "name": config.site_name, "url": config.site_url},
    }
    if entry.source.author:
        extra["author"] = {"@type": "Person", "name": entry.source.author}
    if entry.source.image and safe_href(entry.source.image):
        extra["image"] = entry.source.image
    if entry.article.url and safe_href(entry.article.url) and entry.article.url != url:
        extra["isBasedOn"] = entry.article.url
    return extra


def render_article(site: Site, story: Story, entry: Entry) -> str:
    return render_html(entry.source.full(), entry.locale, templates_dir=site.config.templates_dir, alternates={},
                       site=article_site(site, story, entry))


def listings(site: Site, locale: str) -> Iterator[Listing]:
    """Every listing page of ``locale``: the home's pages, then each kind's (read a page at a time)."""
    yield from _paged(site, locale, None)
    for kind in site.kinds(locale):
        yield from _paged(site, locale, kind)


def _paged(site: Site, locale: str, kind: str | None) -> Iterator[Listing]:
    pages = max(1, -(-site.count(locale, kind) // PER_PAGE))
    entries = site.iter_entries(locale, kind)
    for page in range(1, pages + 1):
        yield Listing(locale, kind, page, pages, tuple(islice(entries, PER_PAGE)))


def listing_item(entry: Entry) -> dict[str, Any]:
    """What a listing (and a feed) shows of one entry, in the entry's locale."""
    article = entry.article
    title, title_lang = display_title(article, entry.locale)
    kind = article.kind
    return {
        "path": entry.path,
        "title": title,
        "title_lang": title_lang,
        "kind": entry.kind,
        "kind_label": _kind_label(kind.id, entry.locale) if kind else None,
        "iso": entry.iso,
        "date": shown_date(article.published, entry.locale),
        "summary": summary(article),
        "summary_lang": article.body_langs[0] if article.body_langs else None,
        "real": entry.real,
    }


def kind_heading(kind: str, locale: str) -> str:
    """The heading of the listing of kind folder ``kind`` in ``locale``."""
    if kind == NO_KIND:
        return labels.labels_for("articles", locale)
    return _kind_label(kind.replace("-", "_"), locale) or kind


def _kind_label(kind_id: str, locale: str) -> str | None:
    try:
        return labels.labels_for(kind_id, locale)
    except KeyError:
        return None


def listing_paths(site: Site, kind: str | None) -> dict[str, str]:
    """The first page of the home (``kind`` None) or of a kind's listing in each locale that has it."""
    return {locale: listing_path(locale, kind) for locale in site.config.locales if kind is None or kind in site.kinds(locale)}


def listing_alternates(site: Site, kind: str | None) -> tuple[tuple[str, str], ...]:
    """hreflang pairs of a listing's first page; x-default the root for homes, else the default locale's."""
    paths = listing_paths(site, kind)
    if kind is None:
        return _alternates(site.config, paths, "")
    default = paths.get(site.config.default_locale) or next(iter(paths.values()))
    return _alternates(site.config, paths, default) if len(paths) > 1 else ()


def listing_site(site: Site, listing: Listing) -> SiteContext:
    config = site.config
    exists = listing_paths(site, listing.kind)
    alternates = listing_alternates(site, listing.kind) if listing.page == 1 else ()
    url = config.absolute(listing.path)
    meta = (("og:type", "website"), ("og:site_name", config.site_name), ("og:url", url), ("og:locale", og_locale(listing.locale)))
    return _locale_site(config, listing.locale, listing.path, alternates, exists if listing.page == 1 else {}, meta)


def _locale_site(config: SiteConfig, locale: str, path: str, alternates: tuple[tuple[str, str], ...], targets: dict[str, str],
                 meta: tuple[tuple[str, str], ...], **more: Any) -> SiteContext:
    """A page of ``locale`` at ``path``: its canonical, navigation, feeds and assets, with
    ``targets`` the same page in other locales (the switcher goes to their homes otherwise)."""
    return SiteContext(
        site_name=config.site_name,
        home=config.href(f"{locale}/"),
        stylesheet=config.href(STYLESHEET_PATH),
        icon=config.href(ICON_PATH),
        canonical=config.absolute(path),
        alternates=alternates,
        languages=_languages(config, locale, targets),
        feeds=_feeds(config, locale),
        meta=meta,
        **more,
    )


def listing_context(site: Site, listing: Listing, items: list[dict[str, Any]]) -> dict[str, Any]:
    config = site.config
    heading = config.site_name if listing.kind is None else kind_heading(listing.kind, listing.locale)
    title = heading if listing.page == 1 else f"{heading} — " + labels.labels_for("page_of", listing.locale) % {"number": listing.page, "total": listing.pages}
    sections = [NavLink(config.href(listing_path(listing.locale, None)), labels.labels_for("all_news", listing.locale), current=listing.kind is None)]
    sections += [NavLink(config.href(listing_path(listing.locale, kind)), kind_heading(kind, listing.locale), current=kind == listing.kind)
                 for kind in site.kinds(listing.locale)]
    return {
        "heading": heading,
        "page_title": title if listing.kind is None else f"{title} — {config.site_name}",
        "description": None,
        "sections": sections if len(sections) > 2 else [],
        "items": [dict(item, href=config.href(item["path"])) for item in items],
        "page": listing.page,
        "pages": listing.pages,
        "newer": config.href(listing_path(listing.locale, listing.kind, listing.page - 1)) if listing.page > 1 else None,
        "older": config.href(listing_path(listing.locale, listing.kind, listing.page + 1)) if listing.page < listing.pages else None,
        "jsonld": None,
    }


def render_listing(site: Site, listing: Listing, items: list[dict[str, Any]]) -> str:
    return render_page("listing.html", listing.locale, listing_context(site, listing, items),
                       templates_dir=site.config.templates_dir, site=listing_site(site, listing))


def chooser_site(site: Site) -> SiteContext:
    config = site.config
    return SiteContext(
        site_name=config.site_name,
        home=config.href(""),
        stylesheet=config.href(STYLESHEET_PATH),
        icon=config.href(ICON_PATH),
        canonical=config.absolute(""),
        alternates=listing_alternates(site, None),
        meta=(("og:type", "website"), ("og:site_name", config.site_name), ("og:url", config.absolute(""))),
    )


def render_chooser(site: Site) -> str:
    config = site.config
    choices = [NavLink(config.href(f"{locale}/"), autonym(locale), locale) for locale in config.locales]
    context = {"heading": config.site_name, "page_title": config.site_name, "description": None, "choices": choices, "jsonld": None}
    return render_page("chooser.html", config.default_locale, context, templates_dir=config.templates_dir, site=chooser_site(site))
