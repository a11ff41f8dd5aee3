"""An article's JSON form for one target locale: labels and dates written in that locale.

:func:`localize` keeps every field of ``Article.to_dict()`` and adds what a site needs to show
the article to readers of ``locale``: the type label and section headings from the UI
catalogs, the publication and dateline dates through :func:`tmcontent.dates.format_date`,
and for every block whose language is known and differs from ``locale`` an ``untranslated``
mark, so a page can carry its own ``lang`` for it. :func:`display_title` is the headline a
page shows, also for an article that has no title.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from tmcontent import labels
from tmcontent.dates import format_date, parse_date
from tmcontent.model import TEXT_BLOCK_KINDS, Article, DateInfo
from tmcontent.textfacts import primary

#: Words of the body that stand in for a missing title: about the length of a press headline
#: (the titles of the example pages and the WCXB tune pages have 6 to 12 words).
FALLBACK_TITLE_WORDS = 10
#: An ISO 8601 date, alone or starting a date-time (the time is not shown).
ISO_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|T\d{2}:\d{2})")
#: A page description's length: search engines show about 155-160 characters of it.
DESCRIPTION_CHARS = 160


def localize(article: Article, locale: str) -> dict[str, Any]:
    """``article.to_dict()`` plus a ``localized`` part for ``locale``."""
    data = article.to_dict()
    target = primary(locale)
    data["localized"] = {
        "locale": locale,
        "kind_label": labels.labels_for(article.kind.id, locale) if article.kind and _known_label(article.kind) else None,
        "published": _format(article.published, locale),
        "dateline_date": _format(article.dateline.date if article.dateline else None, locale),
        "sections": {s.id: labels.labels_for(s.id, locale) for s in article.sections if _known_label(s)},
        "untranslated_blocks": [i for i, b in enumerate(article.blocks) if b.lang and primary(b.lang) != target],
        "body_in_locale": primary(article.body_langs[0]) == target if article.body_langs else None,
    }
    return data


def display_title(article: Article, locale: str) -> tuple[str, str | None]:
    """The headline a page shows for ``article`` and its language (``None``: the locale's).

    The title when there is one; else the first words of the body ("…" when cut); else the
    type label and the date in ``locale``; else the source's name.
    """
    if article.title and article.title.strip():
        return article.title.strip(), article.title_lang
    for block in article.blocks:
        words = block.text.split() if block.kind in TEXT_BLOCK_KINDS else []
        if words:
            cut = " ".join(words[:FALLBACK_TITLE_WORDS]).rstrip(",;:")
            return (cut + "…" if len(words) > FALLBACK_TITLE_WORDS else cut), block.lang
    kind = labels.labels_for(article.kind.id, locale) if article.kind and _known_label(article.kind) else None
    parts = [part for part in (kind, _format(article.published, locale)) if part]
    if parts:
        return " — ".join(parts), None
    return article.source.rsplit("/", 1)[-1] or article.source, None


def summary(article: Article, limit: int = DESCRIPTION_CHARS) -> str:
    """The start of the body as one line of at most ``limit`` characters, cut at a word ("…")."""
    text = " ".join(article.text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(",;:") + "…"


def shown_date(date: DateInfo | None, locale: str) -> str | None:
    """``date`` as readers of ``locale`` read it (its own text when it cannot be formatted)."""
    return _format(date, locale)


def _known_label(label: Any) -> bool:
    if label is None:
        return False
    try:
        labels.message_for(label.id)
    except KeyError:
        return False
    return True


def _format(date: DateInfo | None, locale: str) -> str | None:
    if date is None or not date.iso:
        return None
    if ISO_DAY_RE.match(date.iso):  # the common case, read directly: the date parser costs ~1 ms
        try:
            return format_date(datetime.date.fromisoformat(date.iso[:10]), locale=locale)
        except ValueError:
            pass
    value = parse_date(date.iso)
    if value is None or value.precision not in ("day", "minute") or value.start is None:
        return date.text
    return format_date(value.start, locale=locale)
