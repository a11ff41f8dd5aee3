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
from tmcontent.model import Article, Block
from tmcontent.render.inline import Piece, pieces
from tmcontent.render.jsonld import jsonld_text
from tmcontent.textfacts import UND, primary, same_language
from tmcontent.urllang import url_locale
from tmcontent.urls import safe_href

TEMPLATE = "article.html"
STYLESHEET = "site.css"
ICON = "icon.svg"
RTL_LANGS = frozenset({"ar", "fa", "he", "ur", "ps", "ug"})


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
    icon: str | None = None
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


def asset_text(name: str, templates_dir: str | Path | None = None) -> str:
    """A shipped file of the templates folder, as is (a site's own in ``templates_dir`` wins)."""
    env = environment(str(templates_dir) if templates_dir else None, "en")
    source, _, _ = env.loader.get_source(env, name)
    return str(source)


def stylesheet_text(templates_dir: str | Path | None = None) -> str:
    """The site stylesheet (a site's own ``site.css`` in ``templates_dir`` wins)."""
    return asset_text(STYLESHEET, templates_dir)


def render_page(template: str, locale: str, context: Mapping[str, Any], *, templates_dir: str | Path | None = None,
                site: SiteContext | None = None) -> str:
    """``template`` rendered for ``locale`` with ``context`` plus the layout's common context."""
    env = environment(str(templates_dir) if templates_dir else None, locale)
    common: dict[str, Any] = {
        "locale": locale,
        "rtl": primary(locale) in RTL_LANGS,
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
        context["alternates"] = sorted((lang, safe) for lang, href in alternates.items() if (safe := safe_href(href)))
    return render_page(TEMPLATE, locale, context, templates_dir=templates_dir, site=site)


def lang_attr(lang: str | None, locale: str) -> Markup:
    """`` lang="…"`` (and ``dir``) for text in ``lang`` on a page in ``locale``; empty when the same."""
    if not lang or lang == UND or same_language(lang, locale):
        return Markup("")
    direction = ' dir="rtl"' if primary(lang) in RTL_LANGS else ""
    return Markup(' lang="{}"{}').format(lang, Markup(direction))


def inline_html(block: Block, locale: str | None = None) -> Markup:
    """The block's text, escaped, with its safe links and emphasis as markup, and each run in
    another language than the block's (its ``segments``) in a ``<span lang>`` around them."""
    base = block.lang or locale or ""
    placed: list[tuple[int, int, Piece]] = []
    position = 0
    for piece in pieces(block):
        placed.append((position, position + len(piece.text), piece))
        position += len(piece.text)
    out: list[str] = []
    for start, end, lang in _runs(block, base):
        inner = "".join(_piece_html(block.text[max(start, p_start) : min(end, p_end)], piece)
                        for p_start, p_end, piece in placed if p_start < end and p_end > start)
        out.append(f'<span{lang_attr(lang, "")}>{inner}</span>' if lang else inner)
    return Markup("".join(out))


def _runs(block: Block, base: str) -> list[tuple[int, int, str | None]]:
    """The block cut into runs: (start, end, language) where a segment's language differs from
    ``base`` (neighbouring segments of one language joined), (start, end, None) elsewhere."""
    runs: list[tuple[int, int, str | None]] = []
    position = 0
    for segment in sorted(block.segments or (), key=lambda s: s.start):
        foreign = segment.lang and segment.lang != UND and not same_language(segment.lang, base)
        start, end = max(segment.start, position), min(segment.end, len(block.text))
        if not foreign or start >= end:
            continue
        if runs and runs[-1][2] == segment.lang and not block.text[runs[-1][1] : start].strip(" ,;:"):
            runs[-1] = (runs[-1][0], end, segment.lang)
        else:
            if start > position:
                runs.append((position, start, None))
            runs.append((start, end, segment.lang))
        position = end
    if position < len(block.text) or not runs:
        runs.append((position, len(block.text), None))
    return runs


def _piece_html(text: str, piece: Piece) -> str:
    inner = str(escape(text))
    if piece.kind == "link":
        return f'<a href="{escape(piece.href)}">{inner}</a>'
    if piece.kind is not None:
        return f"<{piece.kind}>{inner}</{piece.kind}>"
    return inner


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
    in_locale = url_locale(url) or (article.page_locale and primary(article.page_locale))
    return url if in_locale == primary(locale) else None


def _notice(article: Article, locale: str, site: SiteContext | None) -> str | None:
    lang = site.notice_lang if site and site.notice_lang else None
    if lang is None:
        if (site and not site.notices) or not article.body_langs:
            return None
        lang = article.body_langs[0]
    if same_language(lang, locale):
        return None
    return labels.only_in_notice(lang, locale)
