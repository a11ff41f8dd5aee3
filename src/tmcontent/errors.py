"""Exceptions raised by tmcontent: one base class, one subclass per concern.

Every error carries the *source* it is about (a path, URL, ``archive:member`` or ``<string>``)
and, where there is one, a line number, so that ``str(error)`` is a complete one-line message
that the CLI can print as it is.
"""

from __future__ import annotations


class TmContentError(Exception):
    """Base class of every error tmcontent raises on purpose."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.source = source
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.source or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class ParseError(TmContentError):
    """A page could not be read or parsed (empty, binary, too large, timed out, ...)."""


class CatalogError(TmContentError):
    """A gettext catalog is malformed or an operation on it cannot be carried out."""


class ConvertError(TmContentError):
    """A batch conversion job cannot run (bad arguments, unwritable output folder, ...)."""


class RenderError(TmContentError):
    """An article cannot be rendered (unknown format, broken template, ...)."""


class TranslationError(TmContentError):
    """A content translation cannot be applied (too little translated, wrong catalog, ...)."""


class PublishError(TmContentError):
    """A site cannot be published (bad site URL or locales, unreadable input, unwritable folder, ...)."""
