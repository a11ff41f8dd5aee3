"""The site model: which page each article gets in each locale, and which pages are one story.

:func:`build_site` turns the input articles into :class:`Entry` objects (one article in one
locale at one path) grouped into stories: articles are the same story in several languages
when they share an explicit ``translation_key``, the same source URL with another language
folder (``/tk/261001`` and ``/en/261001``), or when one is a translation applied from a PO
file. A locale without a translation of a story gets a stand-in entry (the story in another
language, ``real=False``) or none, as ``untranslated`` says. Everything is sorted, so the same
input gives the same site.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from urllib.parse import urlsplit

from tmcontent.defaults import UNTRANSLATED
from tmcontent.errors import PublishError
from tmcontent.localize import display_title
from tmcontent.model import Article
from tmcontent.publish import slugs
from tmcontent.urllang import url_locale, url_without_locale

log = logging.getLogger(__name__)

#: Folder of the site's own files (the stylesheet) beside the locale folders.
ASSETS = "assets"
PAGER = "page"
NO_KIND = "article"


@dataclass(frozen=True)
class SiteConfig:
    """What a site is: its address, locales (the default first in the chooser), name, the
    policy for stories missing in a locale, and optional template folder."""

    site_url: str
    locales: tuple[str, ...] = ("tk", "ru", "en")
    default_locale: str = "tk"
    site_name: str = "tmcontent"
    untranslated: str = "notice"
    templates_dir: str | None = None

    def __post_init__(self) -> None:
        parts = urlsplit(self.site_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise PublishError(f"the site URL must be an absolute http(s) address without query, got {self.site_url!r}")
        object.__setattr__(self, "site_url", self.site_url.rstrip("/") + "/")
        if not self.locales or len(set(self.locales)) != len(self.locales):
            raise PublishError(f"locales must be distinct and not empty, got {','.join(self.locales)!r}")
        if any(not slugs.NON_SLUG_RE.sub("", locale.lower()) or "/" in locale for locale in self.locales):
            raise PublishError(f"a locale is not a folder name: {','.join(self.locales)!r}")
        if self.default_locale not in self.locales:
            raise PublishError(f"the default locale {self.default_locale!r} is not one of {','.join(self.locales)}")
        if self.untranslated not in UNTRANSLATED:
            raise PublishError(f"untranslated must be one of {', '.join(UNTRANSLATED)}, got {self.untranslated!r}")

    @property
    def base_path(self) -> str:
        """The site's path on its host ("/" or "/news/"), the prefix of every link."""
        return urlsplit(self.site_url).path

    def href(self, path: str) -> str:
        """A link to the site's file or folder ``path`` (relative to the site root)."""
        return self.base_path + path

    def absolute(self, path: str) -> str:
        return self.site_url + path


@dataclass(slots=True)  # one per page: 30,000 at 10,000 stories x 3 locales
class Source:
    """One input article with what the publisher needs beside the model."""

    article: Article
    origin: str
    translation_key: str | None = None
    author: str | None = None
    image: str | None = None
    locale: str | None = None  # given for translations applied from a PO file
    group: str | None = None  # the story of the article a PO translation was applied to
    digest: str | None = None  # sha256 of the input text the article was read from
    reload: Callable[[], Article] | None = None  # the whole article, when ``article`` is light

    def full(self) -> Article:
        """The whole article (read again when only its light form is kept)."""
        return self.reload() if self.reload is not None else self.article


@dataclass(slots=True)  # one per page: 30,000 at 10,000 stories x 3 locales
class Entry:
    """One page of a story: ``article`` shown in ``locale`` at ``path`` (a folder)."""

    source: Source
    locale: str
    story: str
    real: bool
    slug: str = ""
    order: str = ""
    # Read on every listing, feed and sitemap: worked out once (the article does not change).
    article: Article = field(init=False, repr=False)
    iso: str | None = field(init=False)
    kind: str = field(init=False)
    _path: str = field(init=False, repr=False, default="")

    def __post_init__(self) -> None:
        self.article = self.source.article
        published = self.article.published
        self.iso = published.iso if published and published.iso else None
        self.kind = kind_folder(self.article)

    @property
    def path(self) -> str:
        return self._path

    def place(self, slug: str) -> None:
        """Give the entry its slug, hence its folder ``{locale}/{slug}/``."""
        self.slug, self._path = slug, f"{self.locale}/{slug}/"


@dataclass
class Story:
    """The same article in each locale: ``entries`` by locale, stand-ins included."""

    key: str
    entries: dict[str, Entry] = field(default_factory=dict)

    def real(self) -> dict[str, Entry]:
        return {locale: entry for locale, entry in self.entries.items() if entry.real}


@dataclass
class Site:
    config: SiteConfig
    stories: list[Story]

    @cached_property
    def _by_locale(self) -> dict[str, list[Entry]]:
        found: defaultdict[str, list[Entry]] = defaultdict(list)
        for story in self.stories:
            for locale, entry in story.entries.items():
                found[locale].append(entry)
        return {locale: newest_first(entries) for locale, entries in found.items()}

    @cached_property
    def _kinds(self) -> dict[str, list[str]]:
        return {locale: sorted({entry.kind for entry in entries}) for locale, entries in self._by_locale.items()}

    def entries(self, locale: str) -> list[Entry]:
        """The pages of ``locale``, newest first (undated last), then by story key."""
        return self._by_locale.get(locale, [])

    def kinds(self, locale: str) -> list[str]:
        return self._kinds.get(locale, [])


def newest_first(entries: list[Entry]) -> list[Entry]:
    """Newest first, undated last, equal dates by story key (both sorts are stable)."""
    return sorted(sorted(entries, key=lambda entry: entry.story), key=lambda entry: entry.iso or "", reverse=True)


def kind_folder(article: Article) -> str:
    return _kind_slug(article.kind.id) if article.kind and article.kind.id else NO_KIND


@lru_cache(maxsize=256)
def _kind_slug(kind_id: str) -> str:
    return slugs.slugify(kind_id.replace("_", "-")) or NO_KIND


def source_locale(source: Source, config: SiteConfig) -> str:
    """The locale an input article belongs to: given (a PO translation), else its URL's
    language folder, its page's locale, its body's first language, else the default locale."""
    article = source.article
    for candidate in (source.locale, url_locale(article.url), article.page_locale, *(article.body_langs[:1])):
        primary = _match(candidate, config.locales)
        if primary:
            return primary
    return config.default_locale


def _match(lang: str | None, locales: tuple[str, ...]) -> str | None:
    if not lang:
        return None
    code = lang.replace("_", "-").lower()
    for locale in locales:
        if locale.lower() == code or locale.lower().split("-")[0] == code.split("-")[0]:
            return locale
    return None


def story_key(source: Source) -> str:
    if source.group:
        return source.group
    if source.translation_key:
        return "key:" + source.translation_key
    shared = url_without_locale(source.article.url)
    if shared:
        return "url:" + shared
    return "id:" + (source.article.id or source.article.compute_id())


def build_site(sources: list[Source], config: SiteConfig) -> Site:
    """Stories with one entry per locale (see the module docstring), slugs assigned."""
    stories: dict[str, Story] = {}
    for source in sorted(sources, key=lambda s: (story_key(s), s.article.id or s.article.compute_id(), s.origin)):
        locale = source_locale(source, config)
        key = story_key(source)
        story = stories.setdefault(key, Story(key))
        number = 1
        while locale in story.entries:  # a second article of one story in one locale is a story of its own
            number += 1
            story = stories.setdefault(f"{key}#{number}", Story(f"{key}#{number}"))
        if number > 1:
            log.warning("%s: a second %s article for the same story (%s); published on its own", source.origin, locale, key)
            key = story.key
        story.entries[locale] = Entry(source, locale, key, True)
    ordered = [stories[key] for key in sorted(stories)]
    if config.untranslated != "hide":
        for story in ordered:
            _add_stand_ins(story, config)
    site = Site(config, ordered)
    _assign_slugs(site)
    return site


def _add_stand_ins(story: Story, config: SiteConfig) -> None:
    """Entries for the locales a story misses: the default locale's article, else the first."""
    real = story.real()
    shown = real.get(config.default_locale) or real[sorted(real)[0]]
    for locale in config.locales:
        if locale not in story.entries:
            story.entries[locale] = Entry(shown.source, locale, story.key, False)


def _assign_slugs(site: Site) -> None:
    for locale in site.config.locales:
        entries = site.entries(locale)
        reserved = {PAGER, ASSETS, *site.kinds(locale)}
        claims = []
        for entry in entries:
            title, _ = display_title(entry.article, locale)
            wanted = slugs.slugify(title) or "article-" + (entry.article.id or entry.article.compute_id())[:8]
            entry.order = f"{entry.iso or '9999'}\x00{entry.story}"
            claims.append((wanted, entry.order))
        for entry, slug in zip(entries, slugs.assign(claims, reserved), strict=True):
            entry.place(slug)
