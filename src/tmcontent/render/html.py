"""HTML5 output through Jinja2 templates (autoescaped, i18n extension), overridable by a
folder of the user's own templates; one compiled environment per (template folder, locale)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from tmcontent import i18n, labels
from tmcontent.localize import localize
from tmcontent.model import Article, Block
from tmcontent.render.inline import pieces
from tmcontent.render.jsonld import jsonld_text
from tmcontent.urls import safe_href

TEMPLATE = "article.html"
RTL_LANGS = frozenset({"ar", "fa", "he", "ur", "ps", "ug"})


@lru_cache(maxsize=32)
def environment(templates_dir: str | None, locale: str) -> Any:
    from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PackageLoader, select_autoescape

    loaders: list[BaseLoader] = [FileSystemLoader(templates_dir)] if templates_dir else []
    loaders.append(PackageLoader("tmcontent.render", "templates"))
    env = Environment(loader=ChoiceLoader(loaders), autoescape=select_autoescape(default=True), extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(i18n.get_translations(locale), newstyle=True)  # type: ignore[attr-defined]
    return env


def render_html(article: Article, locale: str, *, templates_dir: str | Path | None, alternates: dict[str, str]) -> str:
    env = environment(str(templates_dir) if templates_dir else None, locale)
    local = localize(article, locale)["localized"]
    primary = _primary(locale)

    def lang_attr(lang: str | None) -> Markup:
        if not lang or _primary(lang) == primary:
            return Markup("")
        direction = ' dir="rtl"' if _primary(lang) in RTL_LANGS else ""
        return Markup(' lang="{}"{}').format(lang, Markup(direction))

    context = {
        "article": article,
        "canonical": safe_href(article.url),
        "locale": locale,
        "rtl": primary in RTL_LANGS,
        "kind_label": local["kind_label"] or (article.kind.label if article.kind else None),
        "kind_lang": None if local["kind_label"] else (article.kind.lang if article.kind else None),
        "published": local["published"],
        "dateline": _dateline(article, local),
        "notice": _notice(article, locale),
        "groups": _groups(article.blocks),
        "alternates": sorted((lang, safe) for lang, href in alternates.items() if (safe := safe_href(href))),
        "jsonld": Markup(jsonld_text(article, locale)),
        "lang_attr": lang_attr,
        "inline": inline_html,
        "tel": lambda phone: "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+"),
    }
    return env.get_template(TEMPLATE).render(context) + "\n"


def inline_html(block: Block) -> Markup:
    """The block's text, escaped, with its safe links and emphasis as markup."""
    out: list[str] = []
    for piece in pieces(block):
        inner = str(escape(piece.text))
        if piece.kind == "link":
            out.append(f'<a href="{escape(piece.href)}">{inner}</a>')
        elif piece.kind is not None:
            out.append(f"<{piece.kind}>{inner}</{piece.kind}>")
        else:
            out.append(inner)
    return Markup("".join(out))


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


def _dateline(article: Article, local: dict[str, Any]) -> str | None:
    if article.dateline is None:
        return None
    parts = [p for p in (article.dateline.place, local["dateline_date"]) if p]
    return ", ".join(parts) if parts else article.dateline.text


def _notice(article: Article, locale: str) -> str | None:
    if not article.body_langs or _primary(article.body_langs[0]) == _primary(locale):
        return None
    return labels.only_in_notice(article.body_langs[0], locale)


def _primary(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()
