"""Compiling a catalog to a GNU ``.mo`` file (what ``gettext`` and Babel load).

Fuzzy and untranslated messages are left out, as ``msgfmt`` does; the header is kept.
Messages are sorted by their key (``msgctxt\\x04msgid``), so the same catalog always gives the
same bytes. Compilation refuses a catalog whose :mod:`.checkers` report errors.
"""

from __future__ import annotations

import struct
from pathlib import Path

from tmcontent._atomic import atomic_write_bytes
from tmcontent.catalog.pofile import Catalog, Entry

MAGIC = 0x950412DE


def mo_bytes(catalog: Catalog) -> bytes:
    pairs = sorted(_pair(entry) for entry in catalog.entries if _compiled(entry, catalog))
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


def write_mo(catalog: Catalog, path: str | Path) -> None:
    atomic_write_bytes(path, mo_bytes(catalog))


def _compiled(entry: Entry, catalog: Catalog) -> bool:
    if entry.obsolete or (entry.fuzzy and entry is not catalog.header):
        return False
    return entry is catalog.header or entry.translated


def _pair(entry: Entry) -> tuple[bytes, bytes]:
    key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
    if entry.msgid_plural is not None:
        key += "\x00" + entry.msgid_plural
        value = "\x00".join(entry.translations())
    else:
        value = entry.msgstr
    return key.encode("utf-8"), value.encode("utf-8")
