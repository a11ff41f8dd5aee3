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
from typing import TYPE_CHECKING, Any

from tmcontent._callable import callable_module
from tmcontent.errors import ParseError, SourceNotFoundError

if TYPE_CHECKING:  # pragma: no cover
    from tmcontent.model import Article
    from tmcontent.parse.structure import PageMeta, RawBlock, build_articles

__all__ = ["PageMeta", "ParseOptions", "RawBlock", "build_articles", "parse"]

#: Names re-exported from :mod:`tmcontent.parse.structure`, imported on first use: this package
#: is imported by ``import tmcontent`` (which binds the function ``tmcontent.parse``), so it
#: loads none of the readers until a page is parsed.
_FROM_STRUCTURE = frozenset({"PageMeta", "RawBlock", "build_articles"})

log = logging.getLogger(__name__)

#: Default input limit. The largest real press page we have seen is ~2 MB of HTML; 50 MB
#: leaves room for pages with inlined images while refusing a 200 MB dump at once.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
#: Default time budget per source, checked between stages.
DEFAULT_TIMEOUT = 30.0
#: Default bound on the elements of an HTML page (start tags) or the lines of a text dump.
#: Memory and time grow with them as well as with the bytes: 52 MB of ``<p>x</p>`` (6.5
#: million elements) peaked at 3.25 GB; 95,000 short paragraphs took 27 s and ~1 KB each
#: (100 MB), 99,000 dump lines 25 s. The largest of the 1,497 WCXB pages has 15,795
#: elements; at 50,000 a page at the bound costs ~13 s and ~50 MB, 1x the size limit.
DEFAULT_MAX_ELEMENTS = 50_000
#: A str shorter than this with no newline that names an existing file is taken as a path.
MAX_PATH_CHARS = 4096
#: Endings of the files a page comes in: a one-line str ending so that names no file is a
#: mistyped path, not a page.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".txt", ".text", ".md", ".php", ".asp", ".aspx", ".jsp")
#: How a path or URL starts: "/", "./", "../", "~/", "~user/", "C:\\", "\\\\server", "file:", "https://".
PATH_START_RE = re.compile(r"^(?:\.{0,2}[/\\]|~[^/\\\s]*[/\\]|[A-Za-z]:[/\\]|[A-Za-z][A-Za-z0-9+.-]*://|file:)")
URL_RE = re.compile(r"^(?!file:)[A-Za-z][A-Za-z0-9+.-]*://", re.IGNORECASE)
#: Share of control characters (besides tab/newline) above which a text is binary junk.
#: Real pages have ~0; the PNG/ZIP/PDF headers we tried decode to > 0.05.
MAX_CONTROL_SHARE = 0.01
HTML_SNIFF_RE = re.compile(r"<!--|<\?xml\b|</?(?:!doctype\s+html|html|head|body|p|div|article|h[1-6]|meta|title)\b", re.IGNORECASE)
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
START_TAG_RE = re.compile(r"<[A-Za-z]")
SURROGATE_RE = re.compile("[\ud800-\udfff]")


def __getattr__(name: str) -> Any:
    if name in _FROM_STRUCTURE:
        from tmcontent.parse import structure

        return getattr(structure, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class ParseOptions:
    """Limits and switches for :func:`parse`."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float | None = DEFAULT_TIMEOUT
    #: elements of an HTML page, or lines with text of a dump
    max_elements: int = DEFAULT_MAX_ELEMENTS
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

    A ``str`` that names no file is read as page text, except when it *looks like a path*:
    one line, no ``<``, at most :data:`MAX_PATH_CHARS` characters, and either without any
    whitespace and starting like a path or URL ("/", "./", "../", "~/", "C:\\", "https://") or
    ending with a page suffix (".html", ".txt", … :data:`PAGE_SUFFIXES`), or containing a path
    separator and ending with a page suffix ("My pages/news.html"). Such a string raises
    :class:`~tmcontent.errors.SourceNotFoundError` (a ``ParseError`` and a
    ``FileNotFoundError``) naming it; one-line text such as "Press reliz", "27 noýabr 2023" or
    "UNDP/UNICEF" is still a page. URLs are not fetched.
    ``name`` is what ``Article.source`` says (default: the path, ``url`` or ``"<string>"``);
    ``page_locale`` overrides the language of the page chrome.
    """
    options = options or ParseOptions()
    if options.detect_languages and options.candidates is not None:
        from tmcontent.langid import check_candidates

        check_candidates(options.candidates)  # an unknown language fails before any work
    deadline = _Deadline(options.timeout)
    label, text, is_html = _load(source, name=name, url=url, options=options)
    try:
        articles = _parse_text(text, is_html, source_label=label, url=url, page_locale=page_locale, deadline=deadline, max_elements=options.max_elements)
    except ParseError as error:
        if error.source is None:  # raised by a reader that does not know the source's name
            raise ParseError(error.message, source=label, line=error.line) from error
        raise
    except RecursionError as error:
        raise ParseError("page is nested too deeply to parse", source=label) from error
    deadline.check(label)
    if options.detect_languages:
        _annotate(articles, options.candidates)
    deadline.check(label)
    return articles


def _parse_text(
    text: str, is_html: bool, *, source_label: str, url: str | None, page_locale: str | None, deadline: _Deadline,
    max_elements: int,
) -> list[Article]:
    from tmcontent.parse.structure import build_articles

    if is_html:
        from tmcontent.parse.html import html_to_page

        _check_elements(text, source_label, max_elements)
        page = html_to_page(text, url=url)
        deadline.check(source_label)
        return build_articles(page.blocks, source=source_label, url=url, page_locale=page_locale, meta=page.meta)
    from tmcontent.parse.textdump import text_to_blocks

    blocks = text_to_blocks(text, max_blocks=max_elements, source=source_label)
    deadline.check(source_label)
    return build_articles(blocks, source=source_label, url=url, page_locale=page_locale)


def _check_elements(html: str, label: str, max_elements: int) -> None:
    """Refuse a page with more than ``max_elements`` start tags before building its tree.
    Counting "<" less "</" (two C-level scans) bounds the start tags from above; only a page
    over the bound has its tags counted one by one."""
    if html.count("<") - html.count("</") <= max_elements:
        return
    count = sum(1 for _ in START_TAG_RE.finditer(html))
    if count > max_elements:
        raise ParseError(f"{count} elements, over the {max_elements}-element limit for one page (max_elements)", source=label)


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
        return name or url or "<soup>", without_lone_surrogates(str(source)), True
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
        if _looks_like_a_path(source):
            _raise_missing(source.strip())
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


def _looks_like_a_path(text: str) -> bool:
    """See :func:`parse`: a one-line str that is meant as a path (or a URL), not as a page."""
    if len(text) > MAX_PATH_CHARS or "<" in text or "\n" in text or "\r" in text:
        return False
    stripped = text.strip()
    has_suffix = stripped.lower().endswith(PAGE_SUFFIXES)
    if not any(char.isspace() for char in stripped):
        return has_suffix or PATH_START_RE.match(stripped) is not None
    return has_suffix and ("/" in stripped or "\\" in stripped)


def _raise_missing(path: str) -> None:
    if URL_RE.match(path):
        raise SourceNotFoundError("a URL, not a file: parse() reads files and page text, it does not fetch pages", source=path)
    raise SourceNotFoundError("no such file", source=path)


def _read_file(path: Path, label: str, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        _check_size(size, label, max_bytes)
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError as error:
        raise SourceNotFoundError("no such file", source=label) from error
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
    from tmcontent.parse.encoding import decode

    decoded = decode(data, options.encoding)
    log.debug("%s: decoded as %s", label, decoded.encoding)
    return _text_checked(decoded.text, label)


def without_lone_surrogates(text: str) -> str:
    """``text`` with each surrogate pair joined into its character and each lone surrogate
    (which no encoding can write, and after which libxml2 drops the rest of a page) replaced
    by U+FFFD; everything else is kept."""
    if SURROGATE_RE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _text_checked(text: str, label: str) -> tuple[str, bool]:
    text = without_lone_surrogates(text)
    if not text.strip():
        raise ParseError("empty input", source=label)
    sample = text[:65536]
    if len(CONTROL_RE.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise ParseError("binary data, not a text or HTML page", source=label)
    return text, bool(HTML_SNIFF_RE.search(text[:4096]))


callable_module(__name__, parse)
