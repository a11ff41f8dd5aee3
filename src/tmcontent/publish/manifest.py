"""Incremental, atomic, repairable writes of a site's files, and the manifest that allows them.

A site is a list of :class:`Output` objects: an id, a key (the fingerprint of everything the
output depends on) and a function that renders its file(s). :func:`sync` renders an output only
when its key changed since the last run or one of its files is missing or not the bytes the
manifest recorded (its size and sha256; a file whose size and modification time are still those
recorded is not read again), writes each file atomically, removes the files of outputs that are
gone (only files the manifest lists: nothing else in the folder is touched), and writes the
manifest last. A run that is interrupted leaves the previous manifest, whose keys and hashes no
longer match what changed, so the next run redoes exactly that. Writes are atomic (temporary
file, rename) but not fsynced: after a power cut a file may be empty, which its recorded size
and hash reveal. The manifest is a build cache (it records times); the site's own files are the
same bytes for the same input.

The manifest is JSON Lines, one output a line after a version line, sorted by output id; it is
read and written line by line, and a run holds each output's record once (the previous run's
record is handed over to the new one), so its memory is a few hundred bytes an output.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tmcontent._atomic import atomic_write_bytes
from tmcontent.errors import PublishError

log = logging.getLogger(__name__)

MANIFEST = ".tmcontent-manifest.json"
MANIFEST_VERSION = 2


#: What an output renders: whole files by path, or files streamed in pieces.
Files = Mapping[str, bytes] | Iterable[tuple[str, Iterable[bytes]]]


@dataclass(frozen=True)
class Output:
    """One unit of work: ``render()`` gives {relative path: bytes} (one file or several), or
    (path, pieces of bytes) pairs for files too large to hold whole (written as they come)."""

    id: str
    key: str
    render: Callable[[], Files]


@dataclass(frozen=True)
class SyncSummary:
    outputs: int
    rendered: int
    skipped: int
    files_written: int
    files_removed: int


def fingerprint(*parts: Any) -> str:
    """A short stable digest of JSON-able ``parts`` (other objects by their ``repr``)."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=repr, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


#: One file of an output as the manifest records it: path, sha256, size, modification time (ns).
_File = tuple[str, str, int, int | None]
#: An output's record: its key and its files.
_Record = tuple[str, tuple[_File, ...]]


def load_manifest(site_dir: Path) -> dict[str, _Record]:
    """The previous run's records by output id; nothing when there is no readable manifest
    (every output is then rendered, and files already holding their bytes are kept)."""
    path = site_dir / MANIFEST
    records: dict[str, _Record] = {}
    try:
        with path.open("rb") as handle:
            if json.loads(handle.readline() or b"null") != {"version": MANIFEST_VERSION}:
                log.info("%s: a manifest of another version; every output is rendered again", path)
                return {}
            for line in handle:
                output_id, record = _parse_record(json.loads(line))
                records[output_id] = record
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, TypeError, KeyError) as error:
        log.warning("%s: unreadable manifest (%s); rebuilding every file", path, error)
        return {}
    return records


def _parse_record(data: Any) -> tuple[str, _Record]:
    files = tuple((str(path), str(sha), int(size), None if mtime is None else int(mtime)) for path, sha, size, mtime in data["files"])
    return str(data["id"]), (str(data["key"]), files)


def _record_line(output_id: str, record: _Record) -> bytes:
    line = json.dumps({"id": output_id, "key": record[0], "files": record[1]}, ensure_ascii=False, separators=(",", ":"))
    return line.encode("utf-8", "surrogatepass") + b"\n"


def _manifest_lines(current: dict[str, _Record]) -> Iterator[bytes]:
    yield json.dumps({"version": MANIFEST_VERSION}).encode() + b"\n"
    for output_id in sorted(current):
        yield _record_line(output_id, current[output_id])


def _target(site_dir: Path, path: str) -> str:
    """The file ``path`` (relative, "/"-separated) of the site, refusing any way out of it."""
    if not path or path.startswith("/") or "\\" in path or "\x00" in path or ".." in path.split("/"):
        raise PublishError(f"refusing to write outside the site: {path!r}", source=str(site_dir))
    return os.path.join(site_dir, path)


def _intact(site_dir: Path, files: tuple[_File, ...]) -> tuple[_File, ...] | None:
    """``files`` when every one is there as recorded: same size and modification time, or else
    same size and sha256 (the record then takes the file's new time); ``None`` otherwise."""
    checked = []
    for record in files:
        path, sha, size, mtime = record
        try:
            target = _target(site_dir, path)
            stat = os.stat(target)
            if stat.st_size != size:
                return None
            if mtime != stat.st_mtime_ns:
                if not _same_bytes(target, size, sha):
                    return None
                record = (path, sha, size, stat.st_mtime_ns)
        except (OSError, PublishError):
            return None
        checked.append(record)
    return files if all(a is b for a, b in zip(checked, files, strict=True)) else tuple(checked)


def _write(site_dir: Path, files: Files) -> tuple[tuple[_File, ...], int]:
    records: list[_File] = []
    written = 0
    for path, data in sorted(files.items()) if isinstance(files, Mapping) else files:
        target = _target(site_dir, path)
        if isinstance(data, bytes):
            sha, size = digest(data), len(data)
            kept = _intact(site_dir, ((path, sha, size, None),))  # a file already as it should be is never rewritten
            if kept is None:
                atomic_write_bytes(target, data, durable=False)  # checked against the manifest on the next run
                written += 1
        else:
            sha, size, changed = _write_pieces(target, data)
            written += changed
        records.append((path, sha, size, os.stat(target).st_mtime_ns))
    return tuple(records), written


def _write_pieces(target: str, pieces: Iterable[bytes]) -> tuple[str, int, bool]:
    """Write a file given in pieces (atomically, never whole in memory) unless it holds these
    bytes already; its sha256, size, and whether it was written."""
    hasher, size = hashlib.sha256(), 0

    def counted() -> Iterator[bytes]:
        nonlocal size
        for piece in pieces:
            hasher.update(piece)
            size += len(piece)
            yield piece

    def differs() -> bool:
        return not _same_bytes(target, size, hasher.hexdigest())

    changed = atomic_write_bytes(target, counted(), durable=False, replace_if=differs)
    return hasher.hexdigest(), size, changed


def _same_bytes(target: str, size: int, sha256: str) -> bool:
    try:
        if os.stat(target).st_size != size:
            return False
        hasher = hashlib.sha256()
        with open(target, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                hasher.update(block)
    except OSError:
        return False
    return hasher.hexdigest() == sha256


def _remove(site_dir: Path, path: str) -> bool:
    try:
        target = Path(_target(site_dir, path))
        target.unlink()
    except (FileNotFoundError, PublishError):
        return False
    parent = target.parent
    while parent != site_dir and parent.is_relative_to(site_dir):
        with contextlib.suppress(OSError):
            parent.rmdir()  # only when empty
        parent = parent.parent
    return True


def make_folder(site_dir: Path) -> None:
    try:
        site_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PublishError(f"cannot create the site folder: {error.strerror or error}", source=str(site_dir)) from error


def _stale(left: dict[str, _Record], current: dict[str, _Record]) -> list[str]:
    """Files of outputs that are gone (``left``), unless an output of this run has them now."""
    gone = {path for _, files in left.values() for path, *_ in files}
    if gone:
        gone -= {path for _, files in current.values() for path, *_ in files}
    return sorted(gone)


def sync(site_dir: Path, outputs: Iterable[Output], *, force: bool = False) -> SyncSummary:
    """Bring ``site_dir`` to ``outputs`` (see the module docstring)."""
    make_folder(site_dir)
    left = load_manifest(site_dir)  # the previous records; each is handed over as its output comes
    same = bool(left)  # whether the manifest would be written again as it is
    current: dict[str, _Record] = {}
    rendered = skipped = written = 0
    for output in outputs:
        if output.id in current:
            raise PublishError(f"two outputs with the id {output.id!r}", source=str(site_dir))
        old = left.pop(output.id, None)
        if old is not None and old[0] == output.key and not force:
            files = _intact(site_dir, old[1])
            if files is not None:
                current[output.id] = old if files is old[1] else (output.key, files)  # with the times _intact took
                same = same and files is old[1]
                skipped += 1
                continue
        records, count = _write(site_dir, output.render())
        current[output.id] = (output.key, records)
        same = same and old is not None and (output.key, records) == old
        rendered += 1
        written += count
    removed = sum(_remove(site_dir, path) for path in _stale(left, current))
    if not same or left:
        # Not fsynced either: every file is checked against it, so a manifest lost to a power cut
        # (old, empty or unreadable) only makes the next run do more, never publish less.
        atomic_write_bytes(site_dir / MANIFEST, _manifest_lines(current), durable=False)
    return SyncSummary(len(current), rendered, skipped, written, removed)
