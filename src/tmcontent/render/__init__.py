"""Localized output of an article: JSON, HTML, Markdown, JSON-LD — :func:`render`.

Labels come from the UI catalogs and dates from :func:`tmcontent.dates.format_date`, both in the
target locale; parts written in another language are marked with their own ``lang`` (HTML) or
listed (JSON). Page content is untrusted: HTML output escapes everything, keeps only http(s),
mailto and tel links, and its one script is the JSON-LD, whose text cannot contain ``</``.
"""

from __future__ import annotations

import json
from pathlib import Path

from tmcontent.errors import RenderError
from tmcontent.localize import localize
from tmcontent.model import Article
from tmcontent.render.html import render_html
from tmcontent.render.jsonld import jsonld_text
from tmcontent.render.markdown import render_markdown

FORMATS = ("json", "html", "md", "jsonld")


def render(
    article: Article,
    *,
    locale: str,
    format: str = "html",
    templates_dir: str | Path | None = None,
    alternates: dict[str, str] | None = None,
) -> str:
    """``article`` for readers of ``locale`` in ``format`` (json, html, md or jsonld)."""
    if format == "json":
        return json.dumps(localize(article, locale), ensure_ascii=False, indent=2) + "\n"
    if format == "html":
        return render_html(article, locale, templates_dir=templates_dir, alternates=alternates or {})
    if format == "md":
        return render_markdown(article, locale)
    if format == "jsonld":
        return jsonld_text(article, locale) + "\n"
    raise RenderError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
