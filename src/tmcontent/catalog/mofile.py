"""Compiling a catalog to a GNU ``.mo`` file (what ``gettext`` and Babel load).

Fuzzy and untranslated messages are left out, as ``msgfmt`` does; the header is kept.
Messages are sorted by their key (``msgctxt\\x04msgid``), so the same catalog always gives the
same bytes. Compilation refuses a catalog whose :mod:`.checkers` report errors (a broken
``Plural-Forms``, an unknown charset, a NUL in a message, placeholders...), raising
:class:`~tmcontent.errors.CatalogError` with file:line, so every ``.mo`` written loads in
``gettext``. Text is encoded in the header's charset; a header without ``Content-Type`` gets
``charset=UTF-8`` in the ``.mo``.
"""

from __future__ import annotations

import copy
import struct
from pathlib import Path

from tmcontent.catalog.checkers import check_catalog, gettext_charset
from tmcontent.catalog.pofile import Catalog, Entry, write_catalog_bytes
from tmcontent.errors import CatalogError

MAGIC = 0x950412DE


def mo_bytes(catalog: Catalog, path: str | None = None) -> bytes:
    """The ``.mo`` of ``catalog``; :class:`CatalogError` (``path`` or the catalog's, and the line
    of the first error) when :func:`~tmcontent.catalog.check_catalog` finds errors."""
    errors = [finding for finding in check_catalog(catalog, path) if finding.severity == "error"]
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
        raise CatalogError(f"not compiled: {first.code}: {first.message}{more}", source=first.path, line=first.line)
    charset = gettext_charset(catalog) or "utf-8"
    header = _declared(catalog.header)
    entries = [header]
    entries += [entry for entry in catalog.messages if entry.translated]
    pairs = sorted(_pair(entry, charset) for entry in entries)
    ids = b"".join(key + b"\x00" for key, _ in pairs)
    strs = b"".join(value + b"\x00" for _, value in pairs)
    count = len(pairs)
    header_size = 7 * 4
    ids_start = header_size + 16 * count
    strs_start = ids_start + len(ids)
    table_ids, table_strs = [], []
    offset = 0
    for key, _ in pairs:
        table_ids += [len(key), ids_start + offset]
        offset += len(key) + 1
    offset = 0
    for _, value in pairs:
        table_strs += [len(value), strs_start + offset]
        offset += len(value) + 1
    head = struct.pack("<7I", MAGIC, 0, count, header_size, header_size + 8 * count, 0, 0)
    return head + struct.pack(f"<{2 * count}I", *table_ids) + struct.pack(f"<{2 * count}I", *table_strs) + ids + strs


def write_mo(catalog: Catalog, path: str | Path, source: str | None = None) -> None:
    """Compile ``catalog`` (read from ``source``, named in errors) to ``path``, atomically."""
    write_catalog_bytes(path, mo_bytes(catalog, source))


def _declared(header: Entry | None) -> Entry:
    """The header as compiled: with a Content-Type when it has none (gettext would read ASCII)."""
    header = header or Entry(msgid="", msgstr="")
    if any(line.partition(":")[0].strip().lower() == "content-type" for line in header.msgstr.split("\n")):
        return header
    declared = copy.copy(header)
    separator = "\n" if header.msgstr and not header.msgstr.endswith("\n") else ""
    declared.msgstr = f"{header.msgstr}{separator}Content-Type: text/plain; charset=UTF-8\n"
    return declared


def _pair(entry: Entry, charset: str) -> tuple[bytes, bytes]:
    key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
    if entry.msgid_plural is not None:
        key += "\x00" + entry.msgid_plural
        value = "\x00".join(entry.translations())
    else:
        value = entry.msgstr
    return key.encode(charset), value.encode(charset)
