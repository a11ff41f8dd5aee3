"""The per-document function every engine runs: bytes in, serialised result out.

It returns plain strings (JSON lines), so what crosses a process or network boundary is small
and the writer only appends; it never raises for a bad document: a failure to read, parse or
render is the document's error. :func:`with_id` re-issues one article of a result under another
id (the writer uses it when two inputs give the same article).
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass

from tmcontent.batch.sources import Document, load_documents
from tmcontent.errors import ParseError
from tmcontent.model import Article
from tmcontent.parse import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, ParseOptions, parse
from tmcontent.render import render

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Result:
    """What became of one document: its article lines, or its error."""

    source: str
    articles: tuple[str, ...] = ()
    localized: tuple[tuple[str, str, str], ...] = ()  # (locale, file name, text)
    error_kind: str | None = None
    message: str | None = None
    ids: tuple[str, ...] = ()  # the id of each line of ``articles``

    @property
    def ok(self) -> bool:
        return self.error_kind is None




def convert_document(
    document: Document, locales: tuple[str, ...] = (), max_bytes: int | None = None, format: str = "json",
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Result:
    """Parse one document into JSON lines, and a rendered file per article and locale in
    ``format`` when ``locales`` are given."""
    if document.data is None and (document.path is not None or document.member is not None):
        (document,) = load_documents([document])
    if document.data is None:
        return Result(document.source, error_kind=document.error_kind or "unreadable", message=document.message)
    options = ParseOptions(max_bytes=max_bytes or DEFAULT_MAX_BYTES, timeout=timeout)
    started = time.monotonic()
    try:
        articles = parse(document.data, name=document.source, url=document.url, options=options)
    except ParseError as error:
        return Result(document.source, error_kind="parse", message=error.message)
    except Exception as error:
        log.debug("unexpected failure on %s", document.source, exc_info=True)
        return Result(document.source, error_kind="internal", message=f"{type(error).__name__}: {error}")
    log.debug("%s: %d article(s) in %.2f s", document.source, len(articles), time.monotonic() - started)
    dicts = [article.to_dict() for article in articles]
    lines = tuple(json.dumps(data, ensure_ascii=False) for data in dicts)
    ids = tuple(str(data["id"]) for data in dicts)
    try:
        localized = tuple(item for article in articles for item in _rendered(article, locales, format))
    except Exception as error:  # a render failure is this document's error; its articles are kept
        log.debug("render failure on %s", document.source, exc_info=True)
        return Result(document.source, lines, error_kind="render", message=f"{type(error).__name__}: {error}", ids=ids)
    return Result(document.source, lines, localized, ids=ids)


def _rendered(article: Article, locales: tuple[str, ...], format: str) -> list[tuple[str, str, str]]:
    name = f"{article.id or article.compute_id()}.{format}"  # each format is its file extension
    return [(locale, name, render(article, locale=locale, format=format)) for locale in locales]


def with_id(result: Result, index: int, new_id: str, locales: tuple[str, ...], format: str) -> Result:
    """``result`` with its ``index``-th article given ``new_id`` (line and rendered files)."""
    article = Article.from_dict(json.loads(result.articles[index]))
    article.id = new_id
    lines = list(result.articles)
    lines[index] = json.dumps(article.to_dict(), ensure_ascii=False)
    ids = list(result.ids)
    ids[index] = new_id
    localized = list(result.localized)
    if result.ok:
        try:
            localized[index * len(locales):(index + 1) * len(locales)] = _rendered(article, locales, format)
        except Exception as error:
            return Result(result.source, tuple(lines), error_kind="render", message=f"{type(error).__name__}: {error}", ids=tuple(ids))
    return Result(result.source, tuple(lines), tuple(localized), result.error_kind, result.message, tuple(ids))
