"""HTML5 output through Jinja2 templates (autoescaped, i18n extension), overridable by a
folder of the user's own templates; one compiled environment per (template folder, locale).

Every page extends ``base.html`` (viewport, ``<nav>``, ``<main>``, the stylesheet, the head's
links). A standalone article (:func:`render_html` without a :class:`SiteContext`) is a whole
page with the stylesheet inlined and no site navigation; a published page gets its
navigation, canonical, alternates, feeds and Open Graph from the :class:`SiteContext` the
publisher builds. :func:`render_page` renders any other template (listings, the language
chooser) with the same common context.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from tmcontent import i18n, labels
from tmcontent.localize import display_title, localize, summary
from tmcontent.model import Article, Block, Segment
from tmcontent.render.inline import pieces
from tmcontent.render.jsonld import jsonld_text
from tmcontent.urllang import url_locale
from tmcontent.urls import safe_href

TEMPLATE = "article.html"
STYLESHEET = "site.css"
RTL_LANGS = frozenset({"ar", "fa", "he", "ur", "ps", "ug"})
UNDETERMINED = "und"


@dataclass(frozen=True)
class NavLink:
    """A link of the site's navigation: the language switcher's or a pager's."""

    href: str
    label: str
    lang: str | None = None
    current: bool = False


@dataclass(frozen=True)
class SiteContext:
    """What a published page knows beyond its article: its place in the site.

    ``alternates`` are (hreflang, absolute URL) pairs, ``x-default`` included; ``feeds`` are
    (media type, title, href); ``meta`` are Open Graph (property, content) pairs; ``jsonld``
    holds fields added to the article's JSON-LD; ``notice_lang`` names the language of a page
    shown in place of a missing translation ("available in … only"), and ``notices=False``
    hides the notice otherwise written when the body is not in the page's language.
    """

    site_name: str
    home: str
    stylesheet: str
    canonical: str | None = None
    alternates: tuple[tuple[str, str], ...] = ()
    languages: tuple[NavLink, ...] = ()
    feeds: tuple[tuple[str, str, str], ...] = ()
    meta: tuple[tuple[str, str], ...] = ()
    robots: str | None = None
    jsonld: Mapping[str, Any] = field(default_factory=dict)
    notice_lang: str | None = None
    notices: bool = True


@lru_cache(maxsize=32)
def environment(templates_dir: str | None, locale: str) -> Any:
    from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PackageLoader, select_autoescape

    loaders: list[BaseLoader] = [FileSystemLoader(templates_dir)] if templates_dir else []
    loaders.append(PackageLoader("tmcontent.render", "templates"))
    env = Environment(loader=ChoiceLoader(loaders), autoescape=select_autoescape(default=True), extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(i18n.get_translations(locale), newstyle=True)  # type: ignore[attr-defined]
    return env


def stylesheet_text(templates_dir: str | Path | None = None) -> str:
    """The site stylesheet (a site's own ``site.css`` in ``templates_dir`` wins)."""
    env = environment(str(templates_dir) if templates_dir else None, "en")
    source, _, _ = env.loader.get_source(env, STYLESHEET)
    return str(source)


def render_page(template: str, locale: str, context: Mapping[str, Any], *, templates_dir: str | Path | None = None,
                site: SiteContext | None = None) -> str:
    """``template`` rendered for ``locale`` with ``context`` plus the layout's common context."""
    env = environment(str(templates_dir) if templates_dir else None, locale)
    common: dict[str, Any] = {
        "locale": locale,
        "rtl": _primary(locale) in RTL_LANGS,
        "site": site,
        "canonical": site.canonical if site else None,
        "alternates": site.alternates if site else (),
        "lang_attr": lambda lang: lang_attr(lang, locale),
        "inline": lambda block: inline_html(block, locale),
        "inline_css": None if site else Markup(stylesheet_text(templates_dir)),
    }
    common.update(context)
    return env.get_template(template).render(common) + "\n"


def render_html(article: Article, locale: str, *, templates_dir: str | Path | None, alternates: dict[str, str],
                site: SiteContext | None = None) -> str:
    local = localize(article, locale)["localized"]
    heading, heading_lang = display_title(article, locale)
    context = {
        "article": article,
        "heading": heading,
        "heading_lang": heading_lang,
        "page_title": f"{heading} — {site.site_name}" if site and site.site_name else heading,
        "description": summary(article),
        "kind_label": local["kind_label"] or (article.kind.label if article.kind else None),
        "kind_lang": None if local["kind_label"] else (article.kind.lang if article.kind else None),
        "published": local["published"],
        "dateline": _dateline(article, local),
        "notice": _notice(article, locale, site),
        "groups": _groups(article.blocks),
        "jsonld": Markup(jsonld_text(article, locale, site.jsonld if site else None)),
        "tel": lambda phone: "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+"),
    }
    if site is None:
        context["canonical"] = _standalone_canonical(article, locale)
        context["alternates"] = sorted((lang, href) for lang, href in alternates.items() if safe_href(href))
    return render_page(TEMPLATE, locale, context, templates_dir=templates_dir, site=site)


def lang_attr(lang: str | None, locale: str) -> Markup:
    """`` lang="…"`` (and ``dir``) for text in ``lang`` on a page in ``locale``; empty when the same."""
    if not lang or lang == UNDETERMINED or _primary(lang) == _primary(locale):
        return Markup("")
    direction = ' dir="rtl"' if _primary(lang) in RTL_LANGS else ""
    return Markup(' lang="{}"{}').format(lang, Markup(direction))


def inline_html(block: Block, locale: str | None = None) -> Markup:
    """The block's text, escaped, with its safe links and emphasis as markup, and each run in
    another language than the block's (its ``segments``) in a ``<span lang>``."""
    base = block.lang or locale or ""
    runs = [s for s in block.segments or () if s.lang and s.lang != UNDETERMINED and _primary(s.lang) != _primary(base)]
    out: list[str] = []
    position = 0
    for piece in pieces(block):
        start, position = position, position + len(piece.text)
        inner = _with_runs(block.text, start, position, runs) if runs else str(escape(piece.text))
        if piece.kind == "link":
            out.append(f'<a href="{escape(piece.href)}">{inner}</a>')
        elif piece.kind is not None:
            out.append(f"<{piece.kind}>{inner}</{piece.kind}>")
        else:
            out.append(inner)
    return Markup("".join(out))


def _with_runs(text: str, start: int, end: int, runs: list[Segment]) -> str:
    """``text[start:end]`` escaped, the parts inside ``runs`` wrapped in their ``lang``."""
    out: list[str] = []
    position = start
    for run in runs:
        run_start, run_end = max(run.start, position), min(run.end, end)
        if run_start >= run_end:
            continue
        out.append(str(escape(text[position:run_start])))
        out.append(f'<span{lang_attr(run.lang, "")}>{escape(text[run_start:run_end])}</span>')
        position = run_end
    out.append(str(escape(text[position:end])))
    return "".join(out)


def _groups(blocks: list[Block]) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for block in blocks:
        if block.kind == "list_item":
            if groups and groups[-1]["kind"] == "list":
                groups[-1]["blocks"].append(block)
            else:
                groups.append({"kind": "list", "blocks": [block]})
        elif block.kind in ("heading", "quote", "paragraph"):
            groups.append({"kind": block.kind, "block": block})
    return groups


def _dateline(article: Article, local: dict[str, Any]) -> dict[str, Any] | None:
    """The dateline as shown: the place in the dateline's language and the date in the page's
    when it could be localized; else the dateline's own text in its own language."""
    if article.dateline is None:
        return None
    lang = article.dateline.date.lang if article.dateline.date else None
    if local["dateline_date"] and article.dateline.date and article.dateline.date.iso:
        return {"place": article.dateline.place, "place_lang": lang, "date": local["dateline_date"], "text": None, "lang": None}
    return {"place": None, "place_lang": None, "date": None, "text": article.dateline.text, "lang": lang}


def _standalone_canonical(article: Article, locale: str) -> str | None:
    """The article's URL when it is its page in ``locale`` (its language folder, else the page's locale)."""
    url = safe_href(article.url) if article.url else None
    if not url:
        return None
    in_locale = url_locale(url) or (article.page_locale and _primary(article.page_locale))
    return url if in_locale == _primary(locale) else None


def _notice(article: Article, locale: str, site: SiteContext | None) -> str | None:
    lang = site.notice_lang if site and site.notice_lang else None
    if lang is None:
        if (site and not site.notices) or not article.body_langs or _primary(article.body_langs[0]) == _primary(locale):
            return None
        lang = article.body_langs[0]
    return labels.labels_for("only_in", locale).format(language=language_name(lang, locale))


def language_name(lang: str, locale: str) -> str:
    """The name of language ``lang`` in ``locale`` ("iňlis dili"), or the code when Babel has none."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang.replace("-", "_")).get_display_name(locale.replace("-", "_")) or lang
    except (UnknownLocaleError, ValueError):
        return lang


def _primary(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()
