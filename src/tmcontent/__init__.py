"""tmcontent: multilingual press content about and from Turkmenistan.

Public API (imported lazily, so ``import tmcontent`` stays cheap):

* :func:`parse` — pages (HTML or text dumps) to :class:`Article` objects
* :func:`detect`, :func:`segment` — Turkmen-aware language identification
* :func:`parse_date`, :func:`find_dates`, :func:`format_date` — press dates in tk/ru/en
* :func:`tmcontent.localize.localize` — an article's JSON with labels and dates in a locale
* :func:`convert` — batch conversion of folders and archives
* :func:`publish` — articles to a static multilingual site with feeds and sitemaps
"""

from __future__ import annotations

import importlib

#: ``typing`` is not imported at run time: it is a fifth of what ``catalog stats`` imports (7 ms).
TYPE_CHECKING = False

__version__ = "0.1.0"

_LAZY = {
    "Article": "tmcontent.model",
    "Block": "tmcontent.model",
    "Contact": "tmcontent.model",
    "DateInfo": "tmcontent.model",
    "Dateline": "tmcontent.model",
    "Inline": "tmcontent.model",
    "Label": "tmcontent.model",
    "Segment": "tmcontent.model",
    "TmContentError": "tmcontent.errors",
    "ParseError": "tmcontent.errors",
    "CatalogError": "tmcontent.errors",
    "ParseOptions": "tmcontent.parse",
    "parse": "tmcontent.parse",
    "detect": "tmcontent.langid",
    "segment": "tmcontent.langid",
    "Detection": "tmcontent.langid",
    "RenderError": "tmcontent.errors",
    "convert": "tmcontent.batch",
    "ConvertSummary": "tmcontent.batch",
    "ConvertError": "tmcontent.errors",
    "publish": "tmcontent.publish",
    "PublishSummary": "tmcontent.publish",
    "PublishError": "tmcontent.errors",
    "parse_date": "tmcontent.dates",
    "find_dates": "tmcontent.dates",
    "format_date": "tmcontent.dates",
    "DateValue": "tmcontent.dates",
}

__all__ = [
    "Article",
    "Block",
    "CatalogError",
    "Contact",
    "ConvertError",
    "ConvertSummary",
    "DateInfo",
    "DateValue",
    "Dateline",
    "Detection",
    "Inline",
    "Label",
    "ParseError",
    "ParseOptions",
    "PublishError",
    "PublishSummary",
    "RenderError",
    "Segment",
    "TmContentError",
    "__version__",
    "convert",
    "detect",
    "find_dates",
    "format_date",
    "parse",
    "parse_date",
    "publish",
    "segment",
]

if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    from tmcontent.batch import ConvertSummary, convert
    from tmcontent.dates import DateValue, find_dates, format_date, parse_date
    from tmcontent.errors import CatalogError, ConvertError, ParseError, PublishError, RenderError, TmContentError
    from tmcontent.langid.detect import Detection, detect  # (not via tmcontent.langid, whose submodules share these names)
    from tmcontent.langid.segment import segment
    from tmcontent.model import Article, Block, Contact, DateInfo, Dateline, Inline, Label, Segment
    from tmcontent.parse import ParseOptions, parse
    from tmcontent.publish import PublishSummary, publish


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'tmcontent' has no attribute {name!r}")
    return getattr(importlib.import_module(module_name), name)


def __dir__() -> list[str]:
    return __all__
