"""Parsing press pages into structured articles: the public :func:`parse` entry point.

This module owns input handling — what a *source* may be (path, text, bytes, BeautifulSoup),
the size and time limits, the choice between the HTML and plain-text readers — and hands the
raw blocks to :mod:`tmcontent.parse.structure`. Language annotation runs last, through
:mod:`tmcontent.langid`.

What comes back:

* a list with one :class:`~tmcontent.model.Article` per article (several for a listing page);
* an **empty list** when the input is a readable page that holds no article (only chrome,
  navigation, an empty ``<body>``) — that is an honest answer, not an error;
* a :class:`~tmcontent.errors.ParseError` naming the source when the input cannot be read as a
  page at all: missing or empty file, binary data, over ``max_bytes``, over ``timeout``.
"""

from __future__ import annotations

import logging
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tmcontent.errors import ParseError
from tmcontent.model import Article
from tmcontent.parse.encoding import decode
from tmcontent.parse.structure import PageMeta, RawBlock, build_articles
from tmcontent.parse.textdump import text_to_blocks

__all__ = ["PageMeta", "ParseOptions", "RawBlock", "build_articles", "parse"]

log = logging.getLogger(__name__)

#: Default input limit. The largest real press page we have seen is ~2 MB of HTML; 50 MB
#: leaves room for pages with inlined images while refusing a 200 MB dump at once.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
#: Default time budget per source, checked between stages.
DEFAULT_TIMEOUT = 30.0
#: A str shorter than this with no newline that names an existing file is taken as a path.
MAX_PATH_CHARS = 4096
#: Share of control characters (besides tab/newline) above which a text is binary junk.
#: Real pages have ~0; the PNG/ZIP/PDF headers we tried decode to > 0.05.
MAX_CONTROL_SHARE = 0.01
HTML_SNIFF_RE = re.compile(r"<(?:!doctype\s+html|html|head|body|p|div|article|h[1-6]|meta|title)\b", re.IGNORECASE)
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ParseOptions:
    """Limits and switches for :func:`parse`."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float | None = DEFAULT_TIMEOUT
    detect_languages: bool = True
    candidates: tuple[str, ...] | None = None
    encoding: str | None = None


def parse(
    source: Any,
    *,
    url: str | None = None,
    page_locale: str | None = None,
    name: str | None = None,
    options: ParseOptions | None = None,
) -> list[Article]:
    """Parse a page into articles.

    ``source`` is a path (``str`` naming an existing file, or ``os.PathLike``), the page itself
    as ``str`` (HTML or text dump) or ``bytes`` (any encoding), or a ``bs4.BeautifulSoup``.
    ``name`` is what ``Article.source`` says (default: the path, ``url`` or ``"<string>"``);
    ``page_locale`` overrides the language of the page chrome.
    """
    options = options or ParseOptions()
    deadline = _Deadline(options.timeout)
    label, text, is_html = _load(source, name=name, url=url, options=options)
    try:
        articles = _parse_text(text, is_html, source_label=label, url=url, page_locale=page_locale, deadline=deadline)
    except ParseError:
        raise
    except RecursionError as error:
        raise ParseError("page is nested too deeply to parse", source=label) from error
    deadline.check(label)
    if options.detect_languages:
        _annotate(articles, options.candidates)
    deadline.check(label)
    return articles


def _parse_text(
    text: str, is_html: bool, *, source_label: str, url: str | None, page_locale: str | None, deadline: _Deadline
) -> list[Article]:
    if is_html:
        from tmcontent.parse.html import html_to_page

        page = html_to_page(text, url=url)
        deadline.check(source_label)
        return build_articles(page.blocks, source=source_label, url=url, page_locale=page_locale, meta=page.meta)
    blocks = text_to_blocks(text)
    deadline.check(source_label)
    return build_articles(blocks, source=source_label, url=url, page_locale=page_locale)


def _annotate(articles: list[Article], candidates: tuple[str, ...] | None) -> None:
    from tmcontent.langid import annotate_article

    for article in articles:
        annotate_article(article, candidates=candidates)


class _Deadline:
    def __init__(self, timeout: float | None) -> None:
        self.timeout = timeout
        self.end = None if timeout is None else time.monotonic() + timeout

    def check(self, source: str) -> None:
        if self.end is not None and time.monotonic() > self.end:
            raise ParseError(f"parsing took longer than the {self.timeout:g} s limit", source=source)


def _load(source: Any, *, name: str | None, url: str | None, options: ParseOptions) -> tuple[str, str, bool]:
    """(label for messages, decoded text, is it HTML)."""
    if _is_soup(source):
        return name or url or "<soup>", str(source), True
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _names_a_file(source)):
        path = Path(source)
        label = name or str(source)
        data = _read_file(path, label, options.max_bytes)
        return label, *_text_from_bytes(data, label, options)
    if isinstance(source, (bytes, bytearray, memoryview)):
        label = name or url or "<bytes>"
        data = bytes(source)
        _check_size(len(data), label, options.max_bytes)
        return label, *_text_from_bytes(data, label, options)
    if isinstance(source, str):
        label = name or url or "<string>"
        _check_size(len(source), label, options.max_bytes)
        return label, *_text_checked(source, label)
    raise TypeError(f"parse() takes a path, str, bytes or BeautifulSoup, not {type(source).__name__}")


def _is_soup(source: Any) -> bool:
    return type(source).__name__ == "BeautifulSoup" and type(source).__module__.startswith("bs4")


def _names_a_file(text: str) -> bool:
    if len(text) > MAX_PATH_CHARS or "\n" in text or "<" in text:
        return False
    try:
        return os.path.isfile(text)
    except (OSError, ValueError):
        return False


def _read_file(path: Path, label: str, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        _check_size(size, label, max_bytes)
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError as error:
        raise ParseError("no such file", source=label) from error
    except IsADirectoryError as error:
        raise ParseError("is a directory, not a page", source=label) from error
    except OSError as error:
        raise ParseError(f"cannot read: {error.strerror or error}", source=label) from error


def _check_size(size: int, label: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise ParseError(f"input is {size} bytes, over the {max_bytes}-byte limit (max_bytes)", source=label)


def _text_from_bytes(data: bytes, label: str, options: ParseOptions) -> tuple[str, bool]:
    if not data.strip():
        raise ParseError("empty input", source=label)
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError("binary data, not a text or HTML page", source=label)
    decoded = decode(data, options.encoding)
    log.debug("%s: decoded as %s", label, decoded.encoding)
    return _text_checked(decoded.text, label)


def _text_checked(text: str, label: str) -> tuple[str, bool]:
    if not text.strip():
        raise ParseError("empty input", source=label)
    sample = text[:65536]
    if len(CONTROL_RE.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise ParseError("binary data, not a text or HTML page", source=label)
    return text, bool(HTML_SNIFF_RE.search(text[:4096]))
