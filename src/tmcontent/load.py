"""Reading articles back: article JSON (one article, a list, or JSON Lines) or a page.

This module owns turning what a user hands to ``render`` or ``translate`` into
:class:`~tmcontent.model.Article` objects: :func:`load_articles` for a file,
:func:`articles_from_bytes` for content already read (standard input). Article JSON is what
``tmcontent parse`` (and ``render --format json``) writes; anything else is parsed as a page.
Every article is checked against the published schema: a problem is one
:class:`~tmcontent.errors.SchemaError` naming the file, the line (JSON Lines) or the list index,
and the field path, e.g. ``articles.jsonl:3: blocks[2].lang: 'x1' does not match ...``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tmcontent.errors import ParseError, SchemaError
from tmcontent.model import Article
from tmcontent.parse import parse

JSON_SUFFIXES = (".json", ".jsonl")
#: A UTF-16 surrogate left alone by a ``\\ud800`` escape: no UTF-8 output can carry it.
LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def load_articles(path: str | Path) -> list[Article]:
    """Articles from an article JSON / JSON Lines file, or by parsing ``path`` as a page."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ParseError(f"cannot read: {error.strerror or error}", source=str(path)) from error
    if path.suffix in JSON_SUFFIXES or _looks_like_json(data):
        return articles_from_json(_decode(data, str(path)), str(path))
    return parse(path)


def articles_from_bytes(data: bytes, source: str) -> list[Article]:
    """Articles from content already read (e.g. standard input), named ``source`` in errors."""
    if _looks_like_json(data):
        return articles_from_json(_decode(data, source), source)
    return parse(data, name=source)


def articles_from_json(text: str, source: str) -> list[Article]:
    """Articles from article JSON text: one article, a list of them, or JSON Lines."""
    try:
        document = _loads(text)
    except ValueError:
        return [_article(item, source, line=number) for number, item in _json_lines(text, source)]
    if isinstance(document, list):
        return [_article(item, source, index=index) for index, item in enumerate(document)]
    return [_article(document, source)]


def _looks_like_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"["))


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ParseError(f"article JSON is not UTF-8 (byte {error.start})", source=source, line=line) from error


def _json_lines(text: str, source: str) -> list[tuple[int, Any]]:
    items = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                items.append((number, _loads(line)))
            except ValueError as error:
                raise ParseError(f"not article JSON: {getattr(error, 'msg', error)}", source=source, line=number) from error
    return items


def _loads(text: str) -> Any:
    """``json.loads`` with lone surrogates replaced; nesting too deep is a ``ValueError`` too."""
    try:
        return _without_surrogates(json.loads(text))
    except RecursionError as error:
        raise ValueError("nested too deeply") from error


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return LONE_SURROGATE_RE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_surrogates(key): _without_surrogates(item) for key, item in value.items()}
    return value


def _article(data: Any, source: str, *, line: int | None = None, index: int | None = None) -> Article:
    try:
        return Article.from_dict(data)
    except SchemaError as error:
        path = error.path if index is None else f"[{index}]" + (f".{error.path}" if error.path else "")
        raise SchemaError(error.detail, path=path, source=source, line=line) from error
