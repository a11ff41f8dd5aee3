"""Which locale folder a URL names: ``https://site.tm/ru/news/1`` is in ``ru``.

Press sites publish each language under a folder of its own (``/tk/``, ``/ru/``, ``/en/``).
:func:`url_locale` reads that folder, and :func:`url_without_locale` gives the address with it
taken out, so that the same story's pages in two languages share one key. The renderer uses the
first to decide whether an article's URL is its page in a locale (its canonical); publishing uses
the second to group translations.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

#: A path segment that names a language: a BCP 47 primary tag, optionally with a region.
LOCALE_SEGMENT_RE = re.compile(r"^([a-z]{2,3})(?:[-_][a-zA-Z]{2,4})?$")
#: Short path segments that are words, not languages, on the sites we read.
NOT_LOCALES = frozenset({"api", "app", "img", "js", "css", "tag", "tags", "amp", "pdf", "doc", "www", "cdn"})


def _locale_index(segments: list[str]) -> int | None:
    for index, segment in enumerate(segments[:2]):  # a language folder comes first (or after one prefix)
        match = LOCALE_SEGMENT_RE.match(segment)
        if match and segment.lower() not in NOT_LOCALES:
            return index
    return None


def url_locale(url: str | None) -> str | None:
    """The primary language tag of the URL's language folder, or ``None``."""
    if not url:
        return None
    segments = [s for s in urlsplit(url).path.split("/") if s]
    index = _locale_index(segments)
    return None if index is None else LOCALE_SEGMENT_RE.match(segments[index]).group(1).lower()  # type: ignore[union-attr]


def url_without_locale(url: str | None) -> str | None:
    """``url`` with its language folder replaced by ``*`` (``None`` when it has none)."""
    if not url:
        return None
    parts = urlsplit(url)
    segments = parts.path.split("/")
    named = [i for i, s in enumerate(segments) if s]
    index = _locale_index([segments[i] for i in named])
    if index is None:
        return None
    segments[named[index]] = "*"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "/".join(segments).rstrip("/"), parts.query, ""))
