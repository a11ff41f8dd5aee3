"""Markdown with YAML front matter, as Hugo and Jekyll read it.

Front-matter values are written as JSON strings, which are valid YAML double-quoted scalars,
so a title with a colon, a quote or a "#" stays one value.
"""

from __future__ import annotations

import json
import re

from tmcontent import labels
from tmcontent.localize import localize
from tmcontent.model import Article, Block

MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]<>#|])")


def render_markdown(article: Article, locale: str) -> str:
    data = localize(article, locale)
    local = data["localized"]
    front = {
        "title": article.title or "",
        "date": article.published.iso if article.published and article.published.iso else None,
        "lang": locale,
        "content_lang": article.body_langs[0] if article.body_langs else None,
        "kind": local["kind_label"],
        "source": article.source,
        "url": article.url,
        "id": data["id"],
    }
    lines = ["---"]
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items() if value is not None]
    lines += ["---", ""]
    if article.title:
        lines += [f"# {_escape(article.title)}", ""]
    if local["published"]:
        lines += [f"*{_escape(labels.labels_for('published', locale))}: {_escape(local['published'])}*", ""]
    for block in article.blocks:
        lines += [_block(block), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _escape(text: str) -> str:
    return MARKDOWN_SPECIAL_RE.sub(r"\\\1", text)


def _block(block: Block) -> str:
    text = _escape(block.text)
    if block.kind == "heading":
        return f"## {text}"
    if block.kind == "list_item":
        return f"- {text}"
    if block.kind == "quote":
        return f"> {text}" + (f"\n>\n> — {_escape(block.speaker)}" if block.speaker else "")
    return text
