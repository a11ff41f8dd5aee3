"""Opening a zip whose member names are flagged UTF-8 but are not, keeping those names.

:mod:`zipfile` refuses such an archive as a whole (``UnicodeDecodeError``). Here the central
directory is read once to find every flagged entry; the archive is then read through a view of
the file that clears the flag bit in those entries and their local headers, so :mod:`zipfile`
decodes their names as CP437 — a lossless byte-for-character mapping — and the names are given
back surrogate-escaped from the original bytes, like a non-UTF-8 file name from the file system.
Archives this view cannot map (ZIP64 offsets) stay refused.
"""

from __future__ import annotations

import bisect
import contextlib
import struct
import zipfile
from pathlib import Path
from typing import IO

UTF8_FLAG_HIGH_BYTE = 0x08  # bit 11 of the general-purpose flags, in their second (high) byte
EOCD = struct.Struct("<4s4H2LH")
CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
MAX_COMMENT = 0xFFFF


def open_with_raw_names(path: Path, stack: contextlib.ExitStack) -> tuple[zipfile.ZipFile, list[str]]:
    """The archive and each member's name (in ``infolist()`` order); closed with ``stack``."""
    handle = stack.enter_context(path.open("rb"))
    patches, flagged = _flagged_entries(handle)
    archive = stack.enter_context(zipfile.ZipFile(_Patched(handle, patches)))  # type: ignore[arg-type]
    names = [
        info.orig_filename.encode("cp437").decode("utf-8", "surrogateescape") if was_flagged else info.filename
        for info, was_flagged in zip(archive.infolist(), flagged, strict=True)
    ]
    return archive, names


def _flagged_entries(handle: IO[bytes]) -> tuple[list[int], list[bool]]:
    """(file offsets of the flag bytes to clear, whether each central entry was flagged)."""
    size = handle.seek(0, 2)
    tail_start = max(0, size - EOCD.size - MAX_COMMENT)
    handle.seek(tail_start)
    tail = handle.read()
    found = tail.rfind(b"PK\x05\x06")
    if found < 0:
        raise zipfile.BadZipFile("no end of central directory")
    _, _, _, _, count, cd_size, cd_offset, _ = EOCD.unpack_from(tail, found)
    if cd_offset == 0xFFFFFFFF or count == 0xFFFF:
        raise zipfile.BadZipFile("ZIP64 archive with a name flagged UTF-8 that is not")
    concat = tail_start + found - cd_size - cd_offset  # bytes prepended to the archive (self-extractors)
    handle.seek(cd_offset + concat)
    directory = handle.read(cd_size)
    patches: list[int] = []
    flagged: list[bool] = []
    position = 0
    for _ in range(count):
        fields = CENTRAL.unpack_from(directory, position)
        if fields[0] != b"PK\x01\x02":
            raise zipfile.BadZipFile("bad central directory entry")
        flags, name_length, extra_length, comment_length, local_offset = fields[5], fields[12], fields[13], fields[14], fields[18]
        is_flagged = bool(flags & 0x800)
        flagged.append(is_flagged)
        if is_flagged:
            if local_offset == 0xFFFFFFFF:
                raise zipfile.BadZipFile("ZIP64 archive with a name flagged UTF-8 that is not")
            patches += [cd_offset + concat + position + 9, local_offset + concat + 7]
        position += CENTRAL.size + name_length + extra_length + comment_length
    return sorted(patches), flagged


class _Patched:
    """A read-only view of a file with bit 3 cleared in the bytes at ``patches``."""

    def __init__(self, handle: IO[bytes], patches: list[int]) -> None:
        self.handle, self.patches = handle, patches

    def read(self, size: int = -1) -> bytes:
        start = self.handle.tell()
        data = self.handle.read(size)
        first = bisect.bisect_left(self.patches, start)
        last = bisect.bisect_left(self.patches, start + len(data))
        if first == last:
            return data
        patched = bytearray(data)
        for offset in self.patches[first:last]:
            patched[offset - start] &= ~UTF8_FLAG_HIGH_BYTE & 0xFF
        return bytes(patched)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.handle.seek(offset, whence)

    def tell(self) -> int:
        return self.handle.tell()

    def seekable(self) -> bool:
        return True
