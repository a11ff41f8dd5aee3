"""An article's JSON form for one target locale: labels and dates written in that locale.

:func:`localize` keeps every field of ``Article.to_dict()`` and adds what a site needs to show
the article to readers of ``locale``: the type label and section headings from the UI
catalogs, the publication and dateline dates through :func:`tmcontent.dates.format_date`,
and for every block whose language is known and differs from ``locale`` an ``untranslated``
mark, so a page can carry its own ``lang`` for it.
"""

from __future__ import annotations

from typing import Any

from tmcontent import labels
from tmcontent.dates import format_date, parse_date
from tmcontent.model import Article, DateInfo


def localize(article: Article, locale: str) -> dict[str, Any]:
    """``article.to_dict()`` plus a ``localized`` part for ``locale``."""
    data = article.to_dict()
    target = _primary(locale)
    data["localized"] = {
        "locale": locale,
        "kind_label": labels.labels_for(article.kind.id, locale) if article.kind and _known_label(article.kind) else None,
        "published": _format(article.published, locale),
        "dateline_date": _format(article.dateline.date if article.dateline else None, locale),
        "sections": {s.id: labels.labels_for(s.id, locale) for s in article.sections if _known_label(s)},
        "untranslated_blocks": [i for i, b in enumerate(article.blocks) if b.lang and _primary(b.lang) != target],
        "body_in_locale": _primary(article.body_langs[0]) == target if article.body_langs else None,
    }
    return data


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
    value = parse_date(date.iso)
    if value is None or value.precision not in ("day", "minute") or value.start is None:
        return date.text
    return format_date(value.start, locale=locale)


def _primary(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()
