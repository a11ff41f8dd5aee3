"""The references tmcontent's PO engine is checked against (tests/test_po_oracles.py and
tests/test_fuzz_po_oracles.py): polib's reading of every entry field, Babel's ``write_mo`` and GNU
``msgfmt``'s ``.mo`` bytes, and a ``.mo`` file read back into its table.

Every field is put in one neutral form (a dict) so that a difference names the field. Where polib
and GNU gettext disagree, GNU gettext is right and :func:`as_polib_reads` says how polib differs.
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import polib
from babel.messages.mofile import write_mo as babel_write_mo
from babel.messages.pofile import read_po as babel_read_po

from tmcontent.catalog import Catalog, Entry

Fields = dict[str, Any]


def our_fields(entry: Entry) -> Fields:
    return {
        "msgctxt": entry.msgctxt, "msgid": entry.msgid, "msgid_plural": entry.msgid_plural,
        "msgstr": entry.msgstr if entry.msgid_plural is None else None,
        "msgstr_plural": dict(entry.msgstr_plural) if entry.msgid_plural is not None else None,
        "flags": list(entry.flags), "translator_comments": list(entry.translator_comments),
        "extracted_comments": list(entry.extracted_comments), "references": list(entry.references),
        "previous_msgctxt": entry.previous_msgctxt, "previous_msgid": entry.previous_msgid,
        "previous_msgid_plural": entry.previous_msgid_plural, "obsolete": entry.obsolete,
    }


def polib_fields(entry: polib.POEntry) -> Fields:
    plural = bool(entry.msgid_plural) or bool(entry.msgstr_plural)
    return {
        "msgctxt": entry.msgctxt, "msgid": entry.msgid, "msgid_plural": entry.msgid_plural if plural else None,
        "msgstr": None if plural else entry.msgstr,
        "msgstr_plural": {int(k): v for k, v in entry.msgstr_plural.items()} if plural else None,
        "flags": list(entry.flags), "translator_comments": entry.tcomment.split("\n") if entry.tcomment else [],
        "extracted_comments": entry.comment.split("\n") if entry.comment else [],
        "references": [f"{name}:{line}" if line else name for name, line in entry.occurrences],
        "previous_msgctxt": entry.previous_msgctxt, "previous_msgid": entry.previous_msgid,
        "previous_msgid_plural": entry.previous_msgid_plural, "obsolete": bool(entry.obsolete),
    }


def as_polib_reads(fields: Fields) -> Fields:
    """``fields`` as polib reports them, where polib departs from GNU gettext (we follow GNU):

    * an empty ``#.`` line is an empty extracted comment to GNU (msgcat writes it back); polib
      skips the line;
    * ``#~|`` lines (the previous msgid of an obsolete entry, which msgmerge writes) are skipped
      by polib; GNU reads them as the previous msgid;
    * polib joins translator comment lines with a newline only once it holds text, so empty
      ``#`` lines before the first one with text are lost (GNU keeps them: msgcat writes them back).
    """
    seen = dict(fields)
    seen["extracted_comments"] = [text for text in fields["extracted_comments"] if text]
    if fields["obsolete"]:
        seen.update(previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None)
    comments = list(fields["translator_comments"])
    while comments and not comments[0]:
        comments.pop(0)
    seen["translator_comments"] = comments
    return seen


def is_header(entry: Entry) -> bool:
    return entry.msgid == "" and entry.msgctxt is None and not entry.obsolete


def compare_with_polib(catalog: Catalog, path: Path) -> list[tuple[Fields, Fields]]:
    """The (ours as polib reads it, polib's) pairs of every entry but the header that differ,
    plus a pair for a difference in the number of entries."""
    ours = [as_polib_reads(our_fields(entry)) for entry in catalog.entries if not is_header(entry)]
    theirs = [polib_fields(entry) for entry in polib.pofile(str(path))]
    differing = [(a, b) for a, b in zip(ours, theirs, strict=False) if a != b]
    if len(ours) != len(theirs):
        differing.append(({"entries": len(ours)}, {"entries": len(theirs)}))
    return differing


def babel_mo(path: Path, charset: str | None = None) -> bytes:
    """Babel's ``.mo`` of the PO file at ``path`` (its own reader, then ``write_mo``, fuzzy left
    out). Babel decodes the line after the header before it takes the header's charset, so a
    non-UTF-8 file needs ``charset`` given, as Babel's ``read_po`` allows."""
    with path.open("rb") as handle:
        catalog = babel_read_po(handle, charset=charset)
    out = io.BytesIO()
    babel_write_mo(out, catalog)
    return out.getvalue()


def babel_header(path: Path, charset: str | None = None) -> str:
    """The header msgstr Babel writes for the PO file at ``path`` (Babel rebuilds the header from
    its fields, so its ``.mo`` equals another's only where the header already is Babel's)."""
    with path.open("rb") as handle:
        catalog = babel_read_po(handle, charset=charset)
    return next(iter(catalog)).string


def msgfmt_mo(path: Path) -> bytes:
    """GNU msgfmt's ``.mo`` of ``path`` without the hash table (``--no-hash``), or an
    AssertionError with msgfmt's complaint."""
    assert shutil.which("msgfmt"), "msgfmt is not installed"
    out = path.with_suffix(".msgfmt.mo")
    result = subprocess.run(["msgfmt", "--no-hash", "-o", str(out), str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


def mo_table(data: bytes) -> list[tuple[bytes, bytes]]:
    """The (key, value) pairs of a little-endian ``.mo`` file, in the file's order."""
    magic, _, count, ids_at, strs_at = struct.unpack_from("<5I", data)
    assert magic == 0x950412DE
    pairs = []
    for index in range(count):
        key_len, key_at = struct.unpack_from("<2I", data, ids_at + 8 * index)
        value_len, value_at = struct.unpack_from("<2I", data, strs_at + 8 * index)
        pairs.append((data[key_at : key_at + key_len], data[value_at : value_at + value_len]))
    return pairs
