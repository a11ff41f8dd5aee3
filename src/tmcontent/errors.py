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


class SchemaError(ParseError):
    """Article JSON does not match the published schema: ``path`` is the field (``blocks[2].lang``,
    ``""`` for the article itself), ``detail`` what is wrong with it."""

    def __init__(self, detail: str, *, path: str = "", source: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"{path or 'article'}: {detail}", source=source, line=line)


class SourceNotFoundError(ParseError, FileNotFoundError):
    """A path given as a source names no file (also a :class:`FileNotFoundError`)."""


class UnknownLanguageError(TmContentError, ValueError):
    """A language code that the operation does not know (also a :class:`ValueError`); the
    message lists the ones it knows."""


class MissingDependencyError(TmContentError, ImportError):
    """An optional component needs a package that is not installed; the message says which
    extra (or package) to install."""


class PublishError(TmContentError):
    """A site cannot be published (bad site URL or locales, unreadable input, unwritable folder, ...)."""
