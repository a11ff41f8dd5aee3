"""Markdown with YAML front matter, as Hugo and Jekyll read it.

Front-matter values are written as JSON strings, which are valid YAML double-quoted scalars,
so a title with a colon, a quote or a "#" stays one value. Text is escaped (no raw "<" or
markup character survives); links whose address :func:`~tmcontent.urls.safe_href`
allows become ``[text](address)`` with the address percent-encoded, emphasis ``*``/``**``,
code a code span.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from tmcontent import labels
from tmcontent.localize import localize
from tmcontent.model import Article, Block
from tmcontent.render.inline import pieces

MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]<>#|])")
#: Characters a link destination may keep as they are; the rest ("(", ")", "<", ">", spaces,
#: backslashes, backticks, non-ASCII) are percent-encoded.
DESTINATION_SAFE = "!#$%&'*+,/:;=?@[]~-._"
EMPHASIS = {"em": "*", "strong": "**"}


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


def _inline(block: Block) -> str:
    out: list[str] = []
    for piece in pieces(block):
        if piece.kind == "link" and piece.href:
            out.append(f"[{_escape(piece.text)}]({quote(piece.href, safe=DESTINATION_SAFE)})")
        elif piece.kind in EMPHASIS and piece.text.strip():
            out.append(_around(piece.text, EMPHASIS[piece.kind]))
        elif piece.kind == "code" and "`" not in piece.text and "\n" not in piece.text:
            out.append(f"`{piece.text}`")
        else:
            out.append(_escape(piece.text))
    return "".join(out)


def _around(text: str, marker: str) -> str:
    """``text`` between emphasis markers, its outer spaces left outside (CommonMark needs the
    markers against the words)."""
    stripped = text.strip()
    start = text.index(stripped)
    return f"{text[:start]}{marker}{_escape(stripped)}{marker}{text[start + len(stripped):]}"


def _block(block: Block) -> str:
    text = _inline(block)
    if block.kind == "heading":
        return f"## {text}"
    if block.kind == "list_item":
        return f"- {text}"
    if block.kind == "quote":
        return f"> {text}" + (f"\n>\n> — {_escape(block.speaker)}" if block.speaker else "")
    return text
