"""Markdown with YAML front matter, as Hugo and Jekyll read it.

Front-matter values are written as JSON strings, which are valid YAML double-quoted scalars,
so a title with a colon, a quote or a "#" stays one value (characters YAML may not carry raw,
or reads as line breaks, are written as ``\\uXXXX``). Text is escaped: no raw "<" or markup
character survives, and an "&" that could start a character reference is written ``&amp;``,
so no renderer decodes page text into markup. Links whose address
:func:`~tmcontent.urls.safe_href` allows become ``[text](address)`` with the address
percent-encoded (no "(", ")", "<", ">", space or backslash is left to end it) and its "&"
written ``&amp;``; emphasis ``*``/``**``, code a code span.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from tmcontent import labels
from tmcontent.localize import localize
from tmcontent.model import Article, Block
from tmcontent.render.inline import pieces
from tmcontent.urls import safe_href

MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]<>#|])")
#: Characters a link destination may keep as they are; the rest ("(", ")", "<", ">", spaces,
#: backslashes, backticks, non-ASCII) are percent-encoded.
DESTINATION_SAFE = "!#$%&'*+,/:;=?@[]~-._"
#: An "&" that a renderer could read as the start of a character reference.
REFERENCE_START_RE = re.compile(r"&(?=[#A-Za-z])")
#: Characters YAML does not allow raw in a document, or reads as line breaks (NEL, LS, PS).
YAML_UNSAFE_RE = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")
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
        "url": safe_href(article.url),
        "id": data["id"],
    }
    lines = ["---"]
    lines += [f"{key}: {_yaml_string(value)}" for key, value in front.items() if value is not None]
    lines += ["---", ""]
    if article.title:
        lines += [f"# {_escape(article.title)}", ""]
    if local["published"]:
        lines += [f"*{_escape(labels.labels_for('published', locale))}: {_escape(local['published'])}*", ""]
    for block in article.blocks:
        lines += [_block(block), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _yaml_string(value: str) -> str:
    """``value`` as a YAML double-quoted scalar (a JSON string with YAML's unsafe characters escaped)."""
    return YAML_UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(value, ensure_ascii=False))


def _escape(text: str) -> str:
    return REFERENCE_START_RE.sub("&amp;", MARKDOWN_SPECIAL_RE.sub(r"\\\1", text))


def _destination(href: str) -> str:
    """A link destination no renderer can end early or decode into another address."""
    return REFERENCE_START_RE.sub("&amp;", quote(href, safe=DESTINATION_SAFE))


def _inline(block: Block) -> str:
    out: list[str] = []
    for piece in pieces(block):
        if piece.kind == "link" and piece.href:
            if out and out[-1].endswith("!"):  # "![" would open an image
                out[-1] = out[-1][:-1] + "\\!"
            out.append(f"[{_escape(piece.text)}]({_destination(piece.href)})")
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
