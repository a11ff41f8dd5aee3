"""Localized output of an article: JSON, HTML, Markdown, JSON-LD — :func:`render`.

Labels come from the UI catalogs and dates from :func:`tmcontent.dates.format_date`, both in the
target locale; parts written in another language are marked with their own ``lang`` (HTML) or
listed (JSON). Page content is untrusted: HTML output escapes everything, keeps only http(s),
mailto and tel links, and its one script is the JSON-LD, whose text cannot contain ``</``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tmcontent.defaults import FORMATS
from tmcontent.errors import RenderError
from tmcontent.i18n import available_locales
from tmcontent.localize import localize
from tmcontent.model import Article
from tmcontent.render.html import render_html
from tmcontent.render.jsonld import jsonld_text
from tmcontent.render.markdown import render_markdown

LOCALE_RE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")


def render(
    article: Article | Mapping[str, Any],
    *,
    locale: str,
    format: str = "html",
    templates_dir: str | Path | None = None,
    alternates: dict[str, str] | None = None,
) -> str:
    """``article`` for readers of ``locale`` in ``format`` (json, html, md or jsonld).

    ``article`` is an :class:`Article` or its JSON form as a mapping (checked against the
    schema: :class:`~tmcontent.errors.SchemaError` names the field). ``locale`` is one that has
    a catalog (:func:`check_locale`), optionally with a region (``en-GB``). Raises
    :class:`~tmcontent.errors.RenderError` for an unknown locale or format, ``TypeError`` for
    anything that is neither an article nor a mapping.
    """
    article = as_article(article)
    check_locale(locale)
    if format == "json":
        return json.dumps(localize(article, locale), ensure_ascii=False, indent=2) + "\n"
    if format == "html":
        return render_html(article, locale, templates_dir=templates_dir, alternates=alternates or {})
    if format == "md":
        return render_markdown(article, locale)
    if format == "jsonld":
        return jsonld_text(article, locale) + "\n"
    raise RenderError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")


def as_article(article: Article | Mapping[str, Any]) -> Article:
    """``article`` itself, or the :class:`Article` its JSON form describes."""
    if isinstance(article, Article):
        return article
    if isinstance(article, Mapping):
        return Article.from_dict(article)
    raise TypeError(f"render() takes an Article or its JSON form as a mapping, not {type(article).__name__}")


def check_locale(locale: str) -> None:
    """Raise :class:`RenderError` unless ``locale`` (or its language, for ``en-GB``) has a catalog."""
    available = available_locales()
    if not isinstance(locale, str) or not LOCALE_RE.match(locale) or re.split("[-_]", locale)[0] not in available:
        raise RenderError(f"unknown locale {locale!r}; available: {', '.join(available)}")
