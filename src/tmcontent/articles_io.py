"""Reading articles from a file: article JSON (one object, a list, or JSON Lines) as ``parse``,
``convert`` and ``translate apply`` write it, or a page, parsed on the fly.

:func:`article_items` gives the JSON objects as they are (a publisher reads fields the model
does not keep, such as ``translation_key``); :func:`load_articles` gives :class:`Article` objects.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tmcontent.errors import ParseError
from tmcontent.model import Article


def is_article_json(path: Path, text: str) -> bool:
    return path.suffix in (".json", ".jsonl") or text.lstrip().startswith(("{", "["))


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ParseError(f"cannot read: {error}", source=str(path)) from error


def article_items(text: str, source: str) -> list[dict[str, Any]]:
    """The article objects of an article JSON / JSON Lines text (errors name ``source`` and line)."""
    try:
        data = json.loads(text)
        items = data if isinstance(data, list) else [data]
    except json.JSONDecodeError:
        items = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    items.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise ParseError(f"not article JSON: {error.msg}", source=source, line=number) from error
    if not all(isinstance(item, dict) for item in items):
        raise ParseError("not article JSON: expected objects", source=source)
    return items


def from_item(item: dict[str, Any], source: str) -> Article:
    try:
        return Article.from_dict(item)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ParseError(f"not an article: missing or bad field {error}", source=source) from error


def load_articles(path: Path) -> list[Article]:
    """Articles from an article JSON / JSON Lines file, or by parsing ``path`` as a page."""
    text = read_text(path)
    if is_article_json(path, text):
        return [from_item(item, str(path)) for item in article_items(text, str(path))]
    from tmcontent.parse import parse

    return parse(path)
