"""Article heads on disk: what listings, feeds and slugs read of an article, kept out of memory
while a site is published, and kept in the site folder for the next run.

An input article from a JSON Lines file is read, checked against the schema and cut to its
*head* (every field but the derived ones, and only the blocks its summary and fallback title
read) once; the head goes to this store as one line, with the *facts* the site model needs of it
(:func:`tmcontent.publish.site.facts_of`), keyed by the sha256 of the input line it came from.
Memory keeps only where the line is, so a site of 30,000 articles holds no article text; a page
that shows an article reads its head back (a seek and a JSON decode).

The store is also the publisher's memory of its inputs: ``SITE/.tmcontent-heads.jsonl`` holds
the last run's lines, and an input line whose digest is there is neither decoded nor checked
again: only its facts are read (the schema check alone costs 145 µs an article, 4.4 s of an
unchanged 30,000-article site). A run whose lines are the last run's, in the same order, writes
nothing; otherwise the new file is written beside the old one and renamed over it only when the
run has succeeded, so an interrupted run leaves the last good one. A missing, foreign or
damaged file (or line) is simply not used.

A line: ``<sha256 hex> <facts JSON>\\t<head JSON>\\n`` (compact JSON holds no raw tab or newline).
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
MAGIC = b"tmcontent-heads 3\n"
DIGEST_CHARS = 64

#: Where a line is in a file: byte offset and length.
Place = tuple[int, int]


class HeadStore:
    """Heads of one publishing run (see the module docstring); a context manager that removes
    its unfinished file unless :meth:`commit` was called."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.path = site_dir / HEADS
        self._previous = _index(self.path)
        self._old: BinaryIO | None = self.path.open("rb") if self._previous else None
        self._new: BinaryIO | None = None  # written only once this run's lines differ from the last run's
        self._temporary: Path | None = None
        self._end = len(MAGIC)

    def __enter__(self) -> HeadStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def known(self, digest: str) -> tuple[dict[str, Any], Place] | None:
        """The facts the last run stored for the input line ``digest``, and where its line is."""
        place = self._previous.pop(digest.encode("ascii"), None)  # each is read once: the index shrinks as the run goes
        if place is None or self._old is None:
            return None
        self._old.seek(place[0])
        line = self._old.read(place[1])
        tab = line.find(b"\t")
        try:
            facts = json.loads(line[DIGEST_CHARS + 1 : tab].decode("utf-8", "surrogatepass"))
        except ValueError:
            return None
        return (facts, place) if tab > 0 and isinstance(facts, dict) else None

    def add(self, digest: str, facts: dict[str, Any], head: dict[str, Any]) -> Place:
        """Store the ``facts`` and ``head`` of the input line ``digest``; where they are."""
        parts = (digest, " ", _json(facts), "\t", _json(head), "\n")
        return self._write("".join(parts).encode("utf-8", "surrogatepass"))

    def keep(self, place: Place) -> Place:
        """Keep the last run's line at ``place`` (one :meth:`known` gave); where it is now."""
        if self._new is None and place[0] == self._end:  # still the last run's file, line for line
            self._end += place[1]
            return place
        assert self._old is not None  # a place from known() comes from the old file
        self._old.seek(place[0])
        return self._write(self._old.read(place[1]))

    def head(self, place: Place) -> Article:
        """The head stored at ``place``, as an article (checked when it was stored)."""
        handle = self._new if self._new is not None else self._old
        assert handle is not None  # a place was handed out, so one of the files holds it
        handle.seek(place[0])
        line = handle.read(place[1])
        data = json.loads(line[line.index(b"\t") + 1 :].decode("utf-8", "surrogatepass"))
        return Article.from_dict(data, check=False)

    def commit(self) -> None:
        """Keep this run's lines for the next run (nothing is written when they are the last run's)."""
        if self._new is None and self._old is not None and self._end == os.fstat(self._old.fileno()).st_size:
            self.close()
            return
        new = self._start_new()
        new.flush()
        new.close()
        self._close_old()
        assert self._temporary is not None
        try:
            os.replace(self._temporary, self.path)
        except OSError as error:
            log.warning("%s: heads not kept for the next run (%s)", self.path, error.strerror or error)
        self._temporary = None

    def close(self) -> None:
        self._close_old()
        if self._new is not None and not self._new.closed:
            self._new.close()
        if self._temporary is not None:
            with contextlib.suppress(FileNotFoundError):
                self._temporary.unlink()

    def _write(self, line: bytes) -> Place:
        new = self._start_new()
        place = (self._end, len(line))
        new.seek(self._end)
        new.write(line)
        self._end += len(line)
        return place

    def _start_new(self) -> BinaryIO:
        """The new file, begun with the lines this run kept so far (the last run's, in order)."""
        if self._new is not None:
            return self._new
        try:
            handle, name = tempfile.mkstemp(prefix=".tmcontent-heads-", suffix=".tmp", dir=self.site_dir)
        except OSError as error:
            raise PublishError(f"cannot write in the site folder: {error.strerror or error}", source=str(self.site_dir)) from error
        self._temporary = Path(name)
        self._new = os.fdopen(handle, "w+b")
        self._new.write(MAGIC)
        if self._old is not None and self._end > len(MAGIC):
            self._old.seek(len(MAGIC))
            _copy(self._old, self._new, self._end - len(MAGIC))
        return self._new

    def _close_old(self) -> None:
        if self._old is not None:
            self._old.close()
            self._old = None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _copy(source: BinaryIO, target: BinaryIO, length: int) -> None:
    while length > 0:
        block = source.read(min(length, 1 << 20))
        if not block:
            raise PublishError("the last run's heads changed while being read; run again", source=HEADS)
        target.write(block)
        length -= len(block)


def _index(path: Path) -> dict[bytes, Place]:
    """Where each digest's line is in the last run's file (nothing when there is none)."""
    found: dict[bytes, Place] = {}
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

