"""The site model: which page each article gets in each locale, and which pages are one story.

:func:`build_site` turns the input articles into :class:`Entry` objects (one article in one
locale at one path) grouped into stories: articles are the same story in several languages
when they share an explicit ``translation_key``, the same source URL with another language
folder (``/tk/261001`` and ``/en/261001``), or when one is a translation applied from a PO
file. A locale without a translation of a story gets a stand-in entry (the story in another
language, ``real=False``) or none, as ``untranslated`` says. Everything is sorted, so the same
input gives the same site.

The model lives in a private temporary SQLite database (:class:`Site`): a row per input article
and per page, indexed by story and by date. Memory holds the story, the listing page or the
locale's slugs being worked on, never the whole site, so publishing 10,000 stories takes about
the memory of 2,500 (benchmarks/bench_publish.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import InitVar, dataclass, field
from functools import lru_cache
from itertools import groupby
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


@dataclass(slots=True)
class Source:
    """One input article with what the publisher needs beside the model.

    ``given`` is the article; for one read from JSON Lines it is only its head, which goes to
    ``store`` (at ``place``) once the facts below are taken from it: memory then holds those
    facts, never the article's text, and :attr:`article` reads the head back when a page needs it.
    A source the :class:`Site` reads back from its database has ``packed`` instead of ``place``
    and ``reload``, unpacked only when its article is read: an unchanged run needs the facts of
    every page but the article of none (unpickling them all took a third of that run).
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
    packed: bytes | None = field(init=False, default=None)  # (place, reload) pickled: see :meth:`stored`
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
        self.page_locale, self.body_lang, self.iso = facts["page_locale"], facts["body_lang"], facts["iso"]
        self.kind, self.slug = _kind_slug(facts["kind"]) if facts["kind"] else NO_KIND, facts["slug"]
        if self.store is not None and self.place is not None:
            self.given = None

    @property
    def article(self) -> Article:
        """The article, or its head when it was read from JSON Lines (see the class docstring)."""
        if self.given is not None:
            return self.given
        self._unpack()
        assert self.store is not None and self.place is not None  # set together in __post_init__
        return self.store.head(self.place)

    def full(self) -> Article:
        """The whole article (read again when only its head is kept)."""
        self._unpack()
        return self.reload() if self.reload is not None else self.article

    @classmethod
    def stored(cls, store: HeadStore | None, row: Sequence[Any]) -> Source:
        """The source of a site database row (``handle`` and the columns after it in
        :data:`SOURCE_COLUMNS`), its facts as they were taken: no ``__init__`` again (a third of
        the time of reading a page back, which an unchanged run does 150,000 times at 10,000
        stories)."""
        source = cls.__new__(cls)
        (source.packed, source.origin, source.translation_key, source.author, source.image, source.locale, source.group,
         source.digest, source.id, source.url, source.page_locale, source.body_lang, source.iso, source.kind, source.slug) = row
        source.given = source.reload = source.place = None
        source.store = store
        return source

    def pack(self) -> bytes:
        """``place`` and ``reload`` as ``packed`` holds them."""
        return self.packed if self.packed is not None else pickle.dumps((self.place, self.reload))

    def _unpack(self) -> None:
        if self.packed is not None:
            self.place, self.reload = pickle.loads(self.packed)
            self.packed = None


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


def _has_text(article: Article) -> bool:
    return any(block.kind in TEXT_BLOCK_KINDS and block.text.split() for block in article.blocks)


@dataclass(slots=True, eq=False)
class Entry:
    """One page of a story: an article shown in ``locale`` at ``path`` (a folder). ``row`` is
    what the site's keys read of its source (:data:`ENTRY_SOURCE`); the :class:`Source` itself
    is read only when asked for: the keys of an unchanged site need every page's date, digest
    and path, not its article (reading 150,000 whole sources for them was a third of an
    unchanged 10,000-story run)."""

    site: Site = field(repr=False)
    row: Sequence[Any] = field(repr=False)
    locale: str
    story: str
    real: bool
    slug: str
    path: str = field(init=False)
    _source: Source | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        self.path = f"{self.locale}/{self.slug}/"

    @property
    def source(self) -> Source:
        if self._source is None:
            self._source = self.site.source(self.row[0])
        return self._source

    @property
    def article(self) -> Article:
        return self.source.article

    @property
    def source_number(self) -> int:
        """Which input article this page shows (a real page and its stand-ins share it)."""
        return int(self.row[0])

    @property
    def iso(self) -> str | None:
        return self.row[1]  # type: ignore[no-any-return]

    @property
    def kind(self) -> str:
        return self.row[2]  # type: ignore[no-any-return]

    @property
    def digest(self) -> str:
        """The content of its article (:func:`content_digest`)."""
        return self.row[3]  # type: ignore[no-any-return]

    @property
    def group(self) -> str | None:
        """The story of the article its PO translation was applied to (None: not a translation)."""
        return self.row[4]  # type: ignore[no-any-return]



def content_digest(source: Source) -> str:
    """What a page of ``source`` shows of it, as a digest: the sha256 of the input text it was
    read from, else of its article's JSON, author and image."""
    if source.digest:
        return source.digest
    data = [source.article.to_dict(), source.author, source.image]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Story:
    """The same article in each locale: ``entries`` by locale, stand-ins included."""

    key: str
    entries: dict[str, Entry] = field(default_factory=dict)

    def real(self) -> dict[str, Entry]:
        return {locale: entry for locale, entry in self.entries.items() if entry.real}


#: What the site model reads of every article (:func:`facts_of`).
FACTS = ("id", "url", "page_locale", "body_lang", "iso", "kind", "slug")
#: The site model's tables. ``sources`` holds what :class:`Source` holds, its facts as columns and
#: where its article is (``given``: the index of a source kept in memory, because it carries its
#: whole article; else ``handle``: its head's place and its reloader, pickled); ``entries`` one
#: row per page (``date``: the ISO date or "", so that undated pages sort last).
SCHEMA = """
CREATE TABLE sources (
    n INTEGER PRIMARY KEY, given INTEGER, handle BLOB, origin TEXT NOT NULL, translation_key TEXT, author TEXT,
    image TEXT, locale TEXT, grp TEXT, digest TEXT, id TEXT NOT NULL, url TEXT, page_locale TEXT, body_lang TEXT,
    iso TEXT, kind TEXT, slug TEXT, story TEXT NOT NULL, home TEXT NOT NULL
);
CREATE TABLE entries (
    n INTEGER PRIMARY KEY, story TEXT NOT NULL, locale TEXT NOT NULL, real INTEGER NOT NULL, source INTEGER NOT NULL,
    date TEXT NOT NULL, kind TEXT NOT NULL, slug TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entries_by_story ON entries(story, n);
CREATE INDEX entries_by_date ON entries(locale, date DESC, story);
CREATE INDEX entries_by_kind ON entries(locale, kind, date DESC, story);
"""
SOURCE_COLUMNS = ("given", "handle", "origin", "translation_key", "author", "image", "locale", "grp", "digest", *FACTS)
#: What an :class:`Entry` holds of its source: its number, date, kind, digest and group.
ENTRY_SOURCE = ("s.n", "s.iso", "s.kind", "s.digest", "s.grp")
ENTRY_SELECT = "SELECT e.n, e.story, e.locale, e.real, e.slug, " + ", ".join(ENTRY_SOURCE)
ENTRY_FROM = " FROM entries e JOIN sources s ON s.n = e.source"
NEWEST_FIRST = " ORDER BY e.date DESC, e.story"
INSERT_SOURCE = f"INSERT INTO sources ({', '.join((*SOURCE_COLUMNS, 'story', 'home'))}) VALUES ({', '.join('?' * (len(SOURCE_COLUMNS) + 2))})"
INSERT_REAL_ENTRY = "INSERT INTO entries (story, locale, real, source, date, kind) VALUES (?, ?, 1, ?, ?, ?)"
#: Rows inserted at once: one INSERT each took 18 µs, one executemany of 500 about 5 µs a row.
INSERT_BATCH = 500


class Site:
    """The stories of a site, their pages in each locale, in a private temporary SQLite database
    (see :func:`build_site`): memory holds one story, one listing page or one locale's slugs at a
    time, never the whole site. Close it (or use it as a context manager) to drop the database."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self._db = sqlite3.connect("")  # "": a private on-disk database, deleted when closed
        self._db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        self._given: list[Source] = []  # sources that carry their whole article (pages, objects, PO translations)
        self._pending: list[tuple[Any, ...]] = []  # rows of sources added, inserted INSERT_BATCH at a time
        self._store: HeadStore | None = None
        self._kinds: dict[str, list[str]] = {}

    def __enter__(self) -> Site:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # -- building (build_site) --

    def add(self, source: Source) -> None:
        """One input article; its story and locale are what :func:`story_key` and :func:`source_locale` say."""
        source.digest = content_digest(source)
        if source.store is not None:
            self._store = source.store
            given, handle = None, source.pack()
        else:
            given, handle = len(self._given), None
            self._given.append(source)
        self._pending.append((given, handle, source.origin, source.translation_key, source.author, source.image, source.locale,
                              source.group, source.digest, source.id, source.url, source.page_locale, source.body_lang, source.iso,
                              source.kind, source.slug, story_key(source), source_locale(source, self.config)))
        if len(self._pending) >= INSERT_BATCH:
            self._flush()

    def _flush(self) -> None:
        """Insert the sources added since the last time (before anything reads the table)."""
        if self._pending:
            self._db.executemany(INSERT_SOURCE, self._pending)
            self._pending.clear()

    def sources(self) -> Iterator[Source]:
        """The input articles, in the order they were added."""
        self._flush()
        for row in self._db.execute(f"SELECT n, {', '.join(SOURCE_COLUMNS)} FROM sources ORDER BY n"):
            yield self._source(row)

    @property
    def source_count(self) -> int:
        self._flush()
        return int(self._db.execute("SELECT count(*) FROM sources").fetchone()[0])

    @property
    def story_count(self) -> int:
        return int(self._db.execute("SELECT count(DISTINCT story) FROM entries").fetchone()[0])

    @property
    def page_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM entries").fetchone()[0])

    def source(self, number: int) -> Source:
        """The input article ``number`` (its row's ``n``)."""
        row = self._db.execute(f"SELECT n, {', '.join(SOURCE_COLUMNS)} FROM sources WHERE n = ?", (number,)).fetchone()
        return self._source(row)

    def _source(self, row: Sequence[Any]) -> Source:
        """The :class:`Source` of a ``sources`` row (``n`` first, then :data:`SOURCE_COLUMNS`)."""
        if row[1] is not None:
            return self._given[row[1]]
        return Source.stored(self._store, row[2:])

    def _entries(self, rows: Iterable[Sequence[Any]]) -> Iterator[Entry]:
        """Entries of rows of :data:`ENTRY_SELECT`."""
        for row in rows:
            yield Entry(self, row[5:], row[2], row[1], bool(row[3]), row[4])

    # -- reading --

    def stories(self) -> Iterator[Story]:
        """Every story in the order of its key, with its entries (stand-ins included)."""
        story: Story | None = None
        rows = self._db.execute(ENTRY_SELECT + ENTRY_FROM + " ORDER BY e.story, e.n")
        for entry in self._entries(rows):
            if story is None or story.key != entry.story:
                if story is not None:
                    yield story
                story = Story(entry.story)
            story.entries[entry.locale] = entry
        if story is not None:
            yield story

    def entries(self, locale: str, kind: str | None = None, *, limit: int = -1) -> list[Entry]:
        """The first ``limit`` pages (all: -1) of :meth:`iter_entries`."""
        return list(self.iter_entries(locale, kind, limit=limit))

    def iter_entries(self, locale: str, kind: str | None = None, *, limit: int = -1) -> Iterator[Entry]:
        """The pages of ``locale`` (of one ``kind``), newest first (undated last), then by story key."""
        where, values = (" WHERE e.locale = ?", [locale]) if kind is None else (" WHERE e.locale = ? AND e.kind = ?", [locale, kind])
        yield from self._entries(self._db.execute(ENTRY_SELECT + ENTRY_FROM + where + NEWEST_FIRST + " LIMIT ?", (*values, limit)))

    def count(self, locale: str, kind: str | None = None) -> int:
        where, values = ("locale = ?", (locale,)) if kind is None else ("locale = ? AND kind = ?", (locale, kind))
        return int(self._db.execute(f"SELECT count(*) FROM entries WHERE {where}", values).fetchone()[0])

    def real_dates(self) -> Iterator[str]:
        """The dates of the real (not stand-in) pages that have one."""
        for (date,) in self._db.execute("SELECT date FROM entries WHERE real AND date != ''"):
            yield date

    def dated_real_entries(self, since: str = "") -> Iterator[Entry]:
        """The real (not stand-in) pages that have a date (from the ISO date ``since`` on), newest first."""
        rows = self._db.execute(ENTRY_SELECT + ENTRY_FROM + " WHERE e.real AND e.date != '' AND e.date >= ?" + NEWEST_FIRST, (since,))
        yield from self._entries(rows)

    def kinds(self, locale: str) -> list[str]:
        if locale not in self._kinds:
            rows = self._db.execute("SELECT DISTINCT kind FROM entries WHERE locale = ? ORDER BY kind", (locale,))
            self._kinds[locale] = [kind for (kind,) in rows]
        return self._kinds[locale]


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


@lru_cache(maxsize=256)  # a few languages, asked for every article
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


def build_site(sources: Iterable[Source], config: SiteConfig) -> Site:
    """Stories with one entry per locale (see the module docstring), slugs assigned. The site
    holds ``sources`` in its database (add more with :meth:`Site.add` before :func:`finish_site`)."""
    site = Site(config)
    try:
        for source in sources:
            site.add(source)
        finish_site(site)
    except BaseException:
        site.close()
        raise
    return site


def finish_site(site: Site) -> None:
    """Group the sources added to ``site`` into stories, add stand-ins, assign slugs."""
    site._flush()
    _add_real_entries(site)
    if site.config.untranslated != "hide":
        _add_stand_ins(site)
    _assign_slugs(site)


def _add_real_entries(site: Site) -> None:
    """Each source is its story's page in its locale; a second source of one story in one
    locale is a story of its own (``key#2``, ``key#3``…)."""
    db = site._db
    taken: dict[str, set[str]] = {}  # the locales of each story of the current key
    key = None
    pages: list[tuple[str, str, int, str, str]] = []
    for n, story, locale, origin, iso, kind in db.execute("SELECT n, story, home, origin, iso, kind FROM sources ORDER BY story, id, origin"):
        if story != key:
            key, taken = story, {}
        number, name = 1, story
        while locale in taken.setdefault(name, set()):
            number += 1
            name = f"{story}#{number}"
        if number > 1:
            log.warning("%s: a second %s article for the same story (%s); published on its own", origin, locale, story)
        taken[name].add(locale)
        pages.append((name, locale, n, iso or "", kind))
        if len(pages) >= INSERT_BATCH:
            db.executemany(INSERT_REAL_ENTRY, pages)
            pages.clear()
    db.executemany(INSERT_REAL_ENTRY, pages)


def _add_stand_ins(site: Site) -> None:
    """Entries for the locales a story misses: the default locale's article, else the first.
    Made while the stories are read, kept in a temporary table, then added in one statement."""
    db = site._db
    db.execute("CREATE TEMP TABLE stand_ins (story TEXT, locale TEXT, source INTEGER, date TEXT, kind TEXT)")
    rows = db.execute("SELECT story, locale, source, date, kind FROM entries WHERE real ORDER BY story, n")
    for _, story_rows in groupby(rows, key=lambda row: row[0]):
        real = {row[1]: row for row in story_rows}
        shown = real.get(site.config.default_locale) or real[min(real)]
        missing = [locale for locale in site.config.locales if locale not in real]
        db.executemany("INSERT INTO stand_ins VALUES (?, ?, ?, ?, ?)", [(shown[0], locale, *shown[2:]) for locale in missing])
    db.execute("INSERT INTO entries (story, locale, real, source, date, kind) SELECT story, locale, 0, source, date, kind FROM stand_ins ORDER BY rowid")
    db.execute("DROP TABLE stand_ins")


def _assign_slugs(site: Site) -> None:
    for locale in site.config.locales:
        reserved = {PAGER, ASSETS, *site.kinds(locale)}
        rows = site._db.execute("SELECT e.n, e.story, s.slug, s.id, s.iso, s.n" + ENTRY_FROM + " WHERE e.locale = ?" + NEWEST_FIRST, (locale,))
        numbers, claims = [], []
        for n, story, wanted, source_id, iso, source in rows:
            if wanted is None:  # no title: a slug of the locale's labels, from the article
                wanted = slugs.slugify(display_title(site.source(source).article, locale)[0])
            numbers.append(n)
            # among equal slugs the older page keeps the plain one, then the first story
            claims.append((wanted or "article-" + source_id[:8], f"{iso or '9999'}\x00{story}"))
        site._db.executemany("UPDATE entries SET slug = ? WHERE n = ?", zip(slugs.assign(claims, reserved), numbers, strict=True))
