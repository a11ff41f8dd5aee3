"""The per-document function every engine runs: bytes in, serialised result out.

It returns plain strings (JSON lines), so what crosses a process or network boundary is small
and the writer only appends; it never raises for a bad document.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from tmcontent.batch.sources import Document
from tmcontent.errors import ParseError
from tmcontent.parse import ParseOptions, parse
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

    @property
    def ok(self) -> bool:
        return self.error_kind is None


def _read(document: Document) -> Document:
    try:
        with open(document.path, "rb") as handle:  # type: ignore[arg-type]
            return Document(document.source, data=handle.read(), url=document.url)
    except OSError as error:
        return Document(document.source, error_kind="unreadable", message=error.strerror or str(error))


#: File extension of each per-article output format.
EXTENSIONS = {"json": "json", "html": "html", "md": "md", "jsonld": "jsonld"}


def convert_document(
    document: Document, locales: tuple[str, ...] = (), max_bytes: int | None = None, format: str = "json"
) -> Result:
    """Parse one document into JSON lines, and a rendered file per article and locale in
    ``format`` when ``locales`` are given."""
    if document.data is None and document.path is not None:
        document = _read(document)
    if document.data is None:
        return Result(document.source, error_kind=document.error_kind or "unreadable", message=document.message)
    options = ParseOptions(max_bytes=max_bytes) if max_bytes else ParseOptions()
    try:
        articles = parse(document.data, name=document.source, url=document.url, options=options)
    except ParseError as error:
        return Result(document.source, error_kind="parse", message=error.message)
    except Exception as error:
        log.debug("unexpected failure on %s", document.source, exc_info=True)
        return Result(document.source, error_kind="internal", message=f"{type(error).__name__}: {error}")
    lines = tuple(json.dumps(article.to_dict(), ensure_ascii=False) for article in articles)
    localized = tuple(
        (locale, f"{article.to_dict()['id']}.{EXTENSIONS[format]}", render(article, locale=locale, format=format))
        for article in articles
        for locale in locales
    )
    return Result(document.source, lines, localized)
