"""Gettext catalogs: faithful PO reading and writing, MO compiling, and the translator's
workflow (extract, init, update, compile, stats, check).

Modules, one concern each (after Babel's ``messages`` package): :mod:`.pofile` (read/write,
byte-faithful), :mod:`.mofile` (compile), :mod:`.workflow` (extract, init, update/merge),
:mod:`.stats`, :mod:`.checkers`, and their helpers :mod:`.plural` (the ``Plural-Forms`` parser),
:mod:`.fuzzy` (the similar-message index of update and pretranslate), :mod:`.lock` (one writer
per catalog).
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # (not imported from typing, which the CLI does not load otherwise: 7 ms)

if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    from tmcontent.catalog.checkers import Finding, check_catalog
    from tmcontent.catalog.mofile import mo_bytes, write_mo
    from tmcontent.catalog.pofile import Catalog, Entry, dumps_po, parse_po, read_po, write_po
    from tmcontent.catalog.stats import Stats, catalog_stats
    from tmcontent.catalog.workflow import edit_file, extract, init_catalog, merge_template, plural_forms, update_file

#: Where each name of the API is defined. A name is imported on first use (PEP 562), so reading
#: a catalog (``catalog stats``) loads neither the merge workflow nor the checkers.
_LAZY = {
    **dict.fromkeys(("Finding", "check_catalog"), "checkers"),
    **dict.fromkeys(("mo_bytes", "write_mo"), "mofile"),
    **dict.fromkeys(("Catalog", "Entry", "dumps_po", "parse_po", "read_po", "write_po"), "pofile"),
    **dict.fromkeys(("Stats", "catalog_stats"), "stats"),
    **dict.fromkeys(("edit_file", "extract", "init_catalog", "merge_template", "plural_forms", "update_file"), "workflow"),
}

__all__ = [
    "Catalog", "Entry", "Finding", "Stats", "catalog_stats", "check_catalog", "dumps_po", "edit_file", "extract",
    "init_catalog", "merge_template", "mo_bytes", "parse_po", "plural_forms", "read_po", "update_file", "write_mo", "write_po",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def __dir__() -> list[str]:
    return __all__
