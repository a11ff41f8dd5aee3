"""Gettext catalogs: faithful PO reading and writing, MO compiling, and the translator's
workflow (extract, init, update, compile, stats, check).

Modules, one concern each (after Babel's ``messages`` package): :mod:`.pofile` (read/write,
byte-faithful), :mod:`.mofile` (compile), :mod:`.workflow` (extract, init, update/merge),
:mod:`.stats`, :mod:`.checkers`, and their helpers :mod:`.plural` (the ``Plural-Forms`` parser),
:mod:`.fuzzy` (the similar-message index of update and pretranslate), :mod:`.lock` (one writer
per catalog).
"""

from __future__ import annotations

from tmcontent.catalog.checkers import Finding, check_catalog
from tmcontent.catalog.mofile import mo_bytes, write_mo
from tmcontent.catalog.pofile import Catalog, Entry, dumps_po, parse_po, read_po, write_po
from tmcontent.catalog.stats import Stats, catalog_stats
from tmcontent.catalog.workflow import edit_file, extract, init_catalog, merge_template, plural_forms, update_file

__all__ = [
    "Catalog", "Entry", "Finding", "Stats", "catalog_stats", "check_catalog", "dumps_po", "edit_file", "extract",
    "init_catalog", "merge_template", "mo_bytes", "parse_po", "plural_forms", "read_po", "update_file", "write_mo", "write_po",
]
