"""The file format of the shipped language profile (``data/ngram-profile.bin``).

``scripts/build_langid_profile.py`` trains a profile as a dict (``classes``; ``table``: feature →
log-probability per class, rounded to thousandths) and writes it with :func:`dumps`;
:mod:`tmcontent.langid.model` reads it with :func:`loads`. The format is a packed table and a
sorted key blob, so loading is a few C-level passes over bytes (~10 ms) instead of parsing 1.7 MB
of JSON and re-packing every row (~120 ms). All numbers little-endian::

    offset  size     field
    0       8        magic ``b"TMLANGID"``
    8       2        format version (1)
    10      2        C, the number of classes
    12      4        N, the number of features
    16      2        SCALE: units per nat (1000)
    18      2        OFFSET: a stored field is round(log-probability x SCALE) + OFFSET
    20      4        T, bytes of the text block
    24      4        K, bytes of the key block
    28      T        text block, UTF-8 lines: the C class names, then "licence: ..." and "credit: ..."
    28+T    K        key block: the N features, UTF-8, sorted by code point, separated by NUL
    28+T+K  2 x N x C  the fields, unsigned 16-bit: row i holds feature i's fields, class by class

Log-probabilities lie in [-OFFSET / SCALE, 0] nats (-32.768 .. 0), which :func:`dumps` checks.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MAGIC = b"TMLANGID"
VERSION = 1
SCALE = 1000
OFFSET = 1 << 15
HEADER = struct.Struct("<8sHHIHHII")
SEPARATOR = "\0"


@dataclass(frozen=True)
class Profile:
    """A profile as stored: ``fields`` is the N x C table of unsigned 16-bit fields (bytes,
    little-endian, row by row), ``keys`` the features in the order of the rows."""

    classes: tuple[str, ...]
    keys: list[str]
    fields: bytes
    scale: int
    offset: int
    licence: str
    credit: str

    def rows(self) -> dict[str, list[float]]:
        """feature → log-probability per class, as the trainer gave them (for inspection)."""
        values = array("H")
        values.frombytes(self.fields)
        if sys.byteorder == "big":  # pragma: no cover
            values.byteswap()
        width = len(self.classes)
        return {key: [(values[i * width + j] - self.offset) / self.scale for j in range(width)] for i, key in enumerate(self.keys)}


def dumps(classes: Sequence[str], table: Mapping[str, Sequence[float]], *, licence: str, credit: str) -> bytes:
    """The profile file of a trained table (deterministic: same table, same bytes)."""
    keys = sorted(table)
    if any(SEPARATOR in key for key in keys):
        raise ValueError("a feature holds NUL, the key separator")
    values = array("H")
    for key in keys:
        row = table[key]
        if len(row) != len(classes):
            raise ValueError(f"feature {key!r}: {len(row)} values for {len(classes)} classes")
        for value in row:
            field = round(value * SCALE) + OFFSET
            if not 0 <= field <= 0xFFFF:
                raise ValueError(f"feature {key!r}: log-probability {value} outside the stored range")
            values.append(field)
    if sys.byteorder == "big":  # pragma: no cover
        values.byteswap()
    text = "\n".join([*classes, f"licence: {licence}", f"credit: {credit}"]).encode("utf-8")
    key_blob = SEPARATOR.join(keys).encode("utf-8")
    header = HEADER.pack(MAGIC, VERSION, len(classes), len(keys), SCALE, OFFSET, len(text), len(key_blob))
    return header + text + key_blob + values.tobytes()


def loads(data: bytes) -> Profile:
    """Read a profile file; ``ValueError`` when ``data`` is not one (or is cut short)."""
    if len(data) < HEADER.size:
        raise ValueError("not a tmcontent language profile: too short")
    magic, version, width, count, scale, offset, text_size, key_size = HEADER.unpack_from(data)
    if magic != MAGIC or version != VERSION:
        raise ValueError("not a tmcontent language profile (or another version of the format)")
    start = HEADER.size
    fields_start = start + text_size + key_size
    if len(data) != fields_start + 2 * count * width:
        raise ValueError("tmcontent language profile of the wrong size")
    lines = data[start : start + text_size].decode("utf-8").split("\n")
    classes, about = tuple(lines[:width]), dict(line.split(": ", 1) for line in lines[width:])
    keys = data[start + text_size : fields_start].decode("utf-8").split(SEPARATOR) if count else []
    if len(keys) != count:
        raise ValueError("tmcontent language profile: key block and table disagree")
    return Profile(classes, keys, data[fields_start:], scale, offset, about.get("licence", ""), about.get("credit", ""))
