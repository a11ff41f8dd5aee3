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
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import InitVar, dataclass, field
from functools import cached_property, lru_cache
from typing import Any
from urllib.parse import urlsplit

from tmcontent.defaults import UNTRANSLATED
from tmcontent.errors import PublishError
from tmcontent.localize import display_title
from tmcontent.model import TEXT_BLOCK_KINDS, Article
from tmcontent.publish import slugs
from tmcontent.publish.heads import HeadStore, Place
from tmcontent.textfacts import same_language
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
    """One input article with what the publisher needs beside the model.

    ``given`` is the article; for one read from JSON Lines it is only its head, which goes to
    ``store`` (at ``place``) once the facts below are taken from it: memory then holds those
    facts, never the article's text, and :attr:`article` reads the head back when a page needs it.
    """

    given: Article | None
    origin: str
    translation_key: str | None = None
    author: str | None = None
    image: str | None = None
    locale: str | None = None  # given for translations applied from a PO file
    group: str | None = None  # the story of the article a PO translation was applied to
    digest: str | None = None  # sha256 of the input text the article was read from
    reload: Callable[[], Article] | None = None  # the whole article, when ``article`` is its head
    store: HeadStore | None = None
    place: Place | None = None
    facts: InitVar[dict[str, Any] | None] = None  # :func:`facts_of` the article, when already known
    # What the site model reads of every article, taken once.
    id: str = field(init=False)
    url: str | None = field(init=False)
    page_locale: str | None = field(init=False)
    body_lang: str | None = field(init=False)
    iso: str | None = field(init=False)
    kind: str = field(init=False)
    slug: str | None = field(init=False)  # the slug its title makes ("" none); None: made of the locale's labels

    def __post_init__(self, facts: dict[str, Any] | None) -> None:
        if facts is None:
            if self.given is None:
                raise PublishError("a source needs its article or its facts", source=self.origin)
            facts = facts_of(self.given)
        self.id, self.url = facts["id"], facts["url"]
        self.page_locale, self.body_lang, self.iso = _shared(facts["page_locale"]), _shared(facts["body_lang"]), _shared(facts["iso"])
        self.kind, self.slug = _kind_slug(facts["kind"]) if facts["kind"] else NO_KIND, facts["slug"]
        if self.store is not None and self.place is not None:
            self.given = None

    @property
    def article(self) -> Article:
        """The article, or its head when it was read from JSON Lines (see the class docstring)."""
        if self.given is not None:
            return self.given
        assert self.store is not None and self.place is not None  # set together in __post_init__
        return self.store.head(self.place)

    def full(self) -> Article:
        """The whole article (read again when only its head is kept)."""
        return self.reload() if self.reload is not None else self.article


def facts_of(article: Article) -> dict[str, Any]:
    """What the site model reads of an article (JSON-able: kept with its head for the next run)."""
    published = article.published
    titled = bool(article.title and article.title.strip()) or _has_text(article)
    return {
        "id": article.id or article.compute_id(),
        "url": article.url,
        "page_locale": article.page_locale,
        "body_lang": article.body_langs[0] if article.body_langs else None,
        "iso": published.iso if published and published.iso else None,
        "kind": article.kind.id if article.kind and article.kind.id else None,
        "slug": slugs.slugify(display_title(article, "")[0]) if titled else None,  # None: made of the locale's labels
    }


def _shared(text: str | None) -> str | None:
    """Short strings every article repeats (languages, dates) kept once (``sys.intern``)."""
    return sys.intern(text) if text is not None and len(text) <= SHARED_CHARS else text


#: Strings up to this length are shared between articles: languages and dates repeat in every
#: article, and each copy costs about 55 bytes.
SHARED_CHARS = 32


def _has_text(article: Article) -> bool:
    return any(block.kind in TEXT_BLOCK_KINDS and block.text.split() for block in article.blocks)


@dataclass(slots=True)  # one per page: 30,000 at 10,000 stories x 3 locales
class Entry:
    """One page of a story: ``source``'s article shown in ``locale`` at ``path`` (a folder)."""

    source: Source
    locale: str
    story: str
    real: bool
    slug: str = ""
    _path: str = field(init=False, repr=False, default="")

    @property
    def article(self) -> Article:
        return self.source.article

    @property
    def iso(self) -> str | None:
        return self.source.iso

    @property
    def kind(self) -> str:
        return self.source.kind

    @property
    def order(self) -> str:
        """Which of two equal slugs keeps the plain one: the older, then by story."""
        return f"{self.iso or '9999'}\x00{self.story}"

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
    for candidate in (source.locale, url_locale(source.url), source.page_locale, source.body_lang):
        primary = _match(candidate, config.locales)
        if primary:
            return primary
    return config.default_locale


def _match(lang: str | None, locales: tuple[str, ...]) -> str | None:
    if not lang:
        return None
    return next((locale for locale in locales if same_language(locale, lang)), None)


def story_key(source: Source) -> str:
    if source.group:
        return source.group
    if source.translation_key:
        return "key:" + source.translation_key
    shared = url_without_locale(source.url)
    if shared:
        return "url:" + shared
    return "id:" + source.id


def build_site(sources: list[Source], config: SiteConfig) -> Site:
    """Stories with one entry per locale (see the module docstring), slugs assigned."""
    stories: dict[str, Story] = {}
    for source in sorted(sources, key=lambda s: (story_key(s), s.id, s.origin)):
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
            wanted = entry.source.slug if entry.source.slug is not None else slugs.slugify(display_title(entry.article, locale)[0])
            claims.append((wanted or "article-" + entry.source.id[:8], entry.order))
        for entry, slug in zip(entries, slugs.assign(claims, reserved), strict=True):
            entry.place(slug)
