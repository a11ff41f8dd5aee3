"""Article heads on disk: what listings, feeds and slugs read of an article, kept out of memory
while a site is published, and kept in the site folder for the next run.

An input article from a JSON Lines file is read, checked against the schema and cut to its
*head* (:func:`tmcontent.publish.inputs.head_of`: every field, and only the blocks its summary
and fallback title read) once; the head goes to this store as one line, keyed by the sha256 of
the input line it came from. Memory keeps only where the line is (an offset), so a site of
30,000 articles holds no article text; a page that shows an article reads its head back (a seek
and a JSON decode, about 20 µs).

The store is also the publisher's memory of its inputs: ``SITE/.tmcontent-heads.jsonl`` lists
the heads of the last run, and an input line whose digest is there is neither decoded nor
checked again (the check costs 145 µs an article: 4.4 s of the 14 s an unchanged 30,000-article
site took to publish again before this store). The new list is written beside the old one and
renamed over it only when the run has succeeded, so an interrupted run leaves the last good one.
A missing, foreign or damaged file is simply not used.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from tmcontent.errors import PublishError
from tmcontent.model import Article

log = logging.getLogger(__name__)

HEADS = ".tmcontent-heads.jsonl"
#: The first line of the file: a file from another version (or another program) is not read.
MAGIC = b"tmcontent-heads 1\n"
DIGEST_CHARS = 64


class HeadStore:
    """Heads of one publishing run (see the module docstring); a context manager that removes
    its unfinished file unless :meth:`commit` was called."""

    def __init__(self, site_dir: Path) -> None:
        self.path = site_dir / HEADS
        self._previous = _index(self.path)
        self._old: BinaryIO | None = self.path.open("rb") if self._previous else None
        try:
            handle, name = tempfile.mkstemp(prefix=".tmcontent-heads-", suffix=".tmp", dir=site_dir)
        except OSError as error:
            raise PublishError(f"cannot write in the site folder: {error.strerror or error}", source=str(site_dir)) from error
        self._temporary = Path(name)
        self._new = os.fdopen(handle, "w+b")
        self._new.write(MAGIC)
        self._end = len(MAGIC)

    def __enter__(self) -> HeadStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def known(self, digest: str) -> tuple[dict[str, Any], bytes] | None:
        """The record the last run stored for the input line ``digest``, and its line, or ``None``."""
        place = self._previous.pop(digest.encode("ascii"), None)  # each is read once: the index shrinks as the run goes
        if place is None or self._old is None:
            return None
        self._old.seek(place[0])
        line = self._old.read(place[1])
        try:
            record = json.loads(line[DIGEST_CHARS + 1 :])
        except ValueError:
            return None
        return (record, line) if isinstance(record, dict) and isinstance(record.get("head"), dict) else None

    def add(self, digest: str, record: dict[str, Any]) -> tuple[int, int]:
        """Store ``record`` (``{"head": ..., ...}``) for the input line ``digest``; where it is."""
        return self.add_line(digest.encode("ascii") + b" " + json.dumps(record, separators=(",", ":")).encode("ascii") + b"\n")

    def add_line(self, line: bytes) -> tuple[int, int]:
        """Store a line :meth:`known` gave as it is."""
        place = (self._end, len(line))
        self._new.seek(self._end)
        self._new.write(line)
        self._end += len(line)
        return place

    def head(self, place: tuple[int, int]) -> Article:
        """The head stored at ``place``, as an article (checked when it was stored)."""
        self._new.seek(place[0])
        record = json.loads(self._new.read(place[1])[DIGEST_CHARS + 1 :])
        return Article.from_dict(record["head"], check=False)

    def commit(self) -> None:
        """Keep this run's heads for the next run (the old list is replaced)."""
        self._new.flush()
        self._new.close()
        self._close_old()
        try:
            os.replace(self._temporary, self.path)
        except OSError as error:
            log.warning("%s: heads not kept for the next run (%s)", self.path, error.strerror or error)

    def close(self) -> None:
        self._close_old()
        if not self._new.closed:
            self._new.close()
        with contextlib.suppress(FileNotFoundError):
            self._temporary.unlink()

    def _close_old(self) -> None:
        if self._old is not None:
            self._old.close()
            self._old = None


def _index(path: Path) -> dict[bytes, tuple[int, int]]:
    """Where each digest's line is in the last run's file (nothing when there is none)."""
    found: dict[bytes, tuple[int, int]] = {}
    try:
        with path.open("rb") as handle:
            if handle.readline() != MAGIC:
                return {}
            offset = len(MAGIC)
            for line in handle:
                if len(line) > DIGEST_CHARS and line[DIGEST_CHARS : DIGEST_CHARS + 1] == b" " and line.endswith(b"\n"):
                    found[line[:DIGEST_CHARS]] = (offset, len(line))
                offset += len(line)
    except OSError:
        return {}
    return found
