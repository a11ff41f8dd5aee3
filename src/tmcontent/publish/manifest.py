"""Incremental, atomic, repairable writes of a site's files, and the manifest that allows them.

A site is a list of :class:`Output` objects: an id, a key (the fingerprint of everything the
output depends on) and a function that renders its file(s). :func:`sync` renders an output only
when its key changed since the last run or one of its files is missing or not the bytes the
manifest recorded (its size and sha256; a file whose size and modification time are still those
recorded is not read again), writes each file atomically, removes the files of outputs that are
gone and the files an output no longer renders (only files the manifest lists, and none that an
output of this run renders: nothing else in the folder is touched), and commits the manifest
last. A run that is interrupted (an error, Ctrl-C, a kill) leaves the previous manifest, whose
keys and hashes no longer match what changed, so the next run redoes exactly that. Writes are
atomic (temporary file, rename) but not fsynced: after a power cut a file may be empty, which
its recorded size and hash reveal. The manifest is a build cache (it records times); the site's
own files are the same bytes for the same input.

The manifest is an SQLite database, ``SITE/.tmcontent-manifest.sqlite`` (``PRAGMA user_version``
is :data:`MANIFEST_VERSION`)::

    outputs(id TEXT PRIMARY KEY, key TEXT)                       -- every output of the last run
    files(path TEXT PRIMARY KEY, output TEXT, sha256 TEXT, size INTEGER, mtime INTEGER)
                                                                  -- every file, by its output;
    files_by_output ON files(output)                              -- NULL: no longer rendered

A run is one write transaction: each output's record is looked up by its id as the output comes,
the ids seen are kept in a TEMP table (which also catches a duplicate id), a row is written only
when it changed, and at the end the files of outputs not seen (and those no output renders any
more) are removed, their rows deleted, and the transaction committed; an exception or
KeyboardInterrupt before that rolls it back (SQLite's rollback journal, deleted at the end, also
covers a killed process). So a run holds no record per output in memory: SQLite's page caches
(2 MB each by default, for the manifest and for the TEMP table) bound what the manifest costs,
whatever the number of outputs. A run in which nothing changed writes nothing, so the file keeps
its bytes and time. The manifest is not fsynced either (``PRAGMA synchronous = OFF``): a power
cut may leave it old or damaged, and a manifest that cannot be used only makes the next run
render everything again (files already holding their bytes are still not rewritten), never
publish less. A file that is not such a database (another version, the JSON Lines manifest of
earlier versions, damaged bytes) is replaced, with one warning. The JSON Lines manifest of
earlier versions (``.tmcontent-manifest.json``) is removed by the first run that commits this one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tmcontent._atomic import atomic_write_bytes
from tmcontent.errors import PublishError
from tmcontent.publish._sqlite import store_problem

log = logging.getLogger(__name__)

MANIFEST = ".tmcontent-manifest.sqlite"
#: The manifest's ``PRAGMA user_version`` (1 and 2 were JSON Lines manifests).
MANIFEST_VERSION = 3
#: The JSON Lines manifest of earlier versions, removed once this one is committed.
OLD_MANIFEST = ".tmcontent-manifest.json"

_SCHEMA = (
    "CREATE TABLE outputs (id TEXT PRIMARY KEY, key TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE files (path TEXT PRIMARY KEY, output TEXT, sha256 TEXT NOT NULL, size INTEGER NOT NULL,"
    " mtime INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE INDEX files_by_output ON files (output)",
)
#: SQLite's result codes of a file that is not a database or a damaged one.
_DAMAGED = (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)


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




class _Manifest:
    """The manifest during one run: a write transaction on the database, open until
    :meth:`commit` or :meth:`close` (which rolls back what was not committed)."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.path = site_dir / MANIFEST
        empty = not self.path.exists() or self.path.stat().st_size == 0  # none yet, or a first run's, rolled back
        self.db = self._connect()
        try:
            problem = None if empty else self._problem()
            if problem is not None:
                log.warning("%s: %s; every output is rendered again and the manifest replaced", self.path, problem)
                self.db.close()
                _discard(self.path)
                self.db = self._connect()
            if problem is not None or empty:
                self._begin()
                for statement in _SCHEMA:
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {MANIFEST_VERSION}")
            self.db.execute("CREATE TEMP TABLE seen (id TEXT PRIMARY KEY) WITHOUT ROWID")  # the outputs of this run
        except BaseException:
            self.db.close()
            raise

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, isolation_level=None)  # transactions begun and ended here

    def _begin(self) -> None:
        self.db.execute("PRAGMA synchronous = OFF")  # a build cache: see the module docstring
        self.db.execute("PRAGMA temp_store = FILE")  # the TEMP table of ids spills to disk, not to memory
        self.db.execute("BEGIN IMMEDIATE")  # one run at a time writes the site

    def _problem(self) -> str | None:
        """Why the database cannot be used as a manifest of this version, if it cannot; begins the run's
        transaction when it can."""
        try:
            self._begin()
            return store_problem(self.db, version=MANIFEST_VERSION, schema=_SCHEMA)  # quick_check: 20 ms for 30,000 outputs
        except sqlite3.DatabaseError as error:
            if error.sqlite_errorcode & 0xFF not in _DAMAGED:
                raise
            return f"unreadable manifest ({error})"

    def see(self, output_id: str) -> None:
        try:
            self.db.execute("INSERT INTO temp.seen VALUES (?)", (output_id,))
        except sqlite3.IntegrityError:
            raise PublishError(f"two outputs with the id {output_id!r}", source=str(self.site_dir)) from None

    def record(self, output_id: str) -> tuple[str | None, tuple[_File, ...]]:
        """The key and files the last run recorded for ``output_id`` (``None`` and none if it had none)."""
        rows = self.db.execute("SELECT key, path, sha256, size, mtime FROM outputs LEFT JOIN files ON files.output = outputs.id"
                               " WHERE outputs.id = ? ORDER BY path", (output_id,)).fetchall()  # one query, not two: 8 µs an output
        if not rows:
            return None, ()
        return rows[0][0], tuple(row[1:] for row in rows if row[1] is not None)

    def retime(self, files: tuple[_File, ...], checked: tuple[_File, ...]) -> None:
        """Take the new times of files found holding their recorded bytes."""
        for old, new in zip(files, checked, strict=True):
            if new is not old:
                self.db.execute("UPDATE files SET mtime = ? WHERE path = ?", (new[3], new[0]))

    def store(self, output_id: str, key: str, old_key: str | None, old_files: tuple[_File, ...], files: tuple[_File, ...]) -> None:
        """Record what ``output_id`` rendered, writing only the rows that changed."""
        if key != old_key:
            self.db.execute("INSERT INTO outputs (id, key) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET key = excluded.key", (output_id, key))
        dropped = {file[0]: file for file in old_files}
        for file in files:
            if dropped.pop(file[0], None) != file:  # new, changed, or another output's until now
                self.db.execute("INSERT INTO files (path, output, sha256, size, mtime) VALUES (?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE"
                                " SET output = excluded.output, sha256 = excluded.sha256, size = excluded.size, mtime = excluded.mtime",
                                (file[0], output_id, *file[1:]))
        for path in dropped:  # removed at the end, unless an output renders it by then
            self.db.execute("UPDATE files SET output = NULL WHERE path = ? AND output = ?", (path, output_id))

    _STALE = "FROM files WHERE output IS NULL OR output NOT IN (SELECT id FROM temp.seen)"

    def stale(self) -> Iterator[str]:
        """The files of outputs not seen in this run, and those no output renders any more."""
        for (path,) in self.db.execute(f"SELECT path {self._STALE} ORDER BY path"):
            yield path

    def commit(self) -> None:
        self.db.execute(f"DELETE {self._STALE}")
        self.db.execute("DELETE FROM outputs WHERE id NOT IN (SELECT id FROM temp.seen)")
        self.db.execute("COMMIT")

    def close(self) -> None:
        """Roll back what was not committed (the last committed manifest stays), and close."""
        with contextlib.suppress(sqlite3.Error):  # ProgrammingError once closed
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
        self.db.close()


def _discard(path: Path) -> None:
    """Remove a manifest that cannot be used, and its rollback journal."""
    for name in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(FileNotFoundError):
            name.unlink()


@contextlib.contextmanager
def _opened(site_dir: Path) -> Iterator[_Manifest]:
    """The manifest for one run; SQLite's errors as :class:`PublishError` naming it."""
    path = site_dir / MANIFEST
    try:
        manifest = _Manifest(site_dir)
    except sqlite3.Error as error:
        raise _manifest_error(path, error) from error
    try:
        yield manifest
    except sqlite3.Error as error:
        manifest.close()  # before a damaged manifest is removed
        raise _manifest_error(path, error) from error
    finally:
        manifest.close()


def _manifest_error(path: Path, error: sqlite3.Error) -> PublishError:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code in _DAMAGED:  # found in the middle of a run: gone, the next run renders everything
        _discard(path)
        return PublishError(f"damaged manifest ({error}), removed: publish again to rebuild it", source=str(path))
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return PublishError("another publish is writing this site (its manifest is locked)", source=str(path))
    return PublishError(f"cannot use the manifest: {error}", source=str(path))


def sync(site_dir: Path, outputs: Iterable[Output], *, force: bool = False) -> SyncSummary:
    """Bring ``site_dir`` to ``outputs`` (see the module docstring)."""
    make_folder(site_dir)
    rendered = skipped = written = 0
    with _opened(site_dir) as manifest:
        for output in outputs:
            manifest.see(output.id)
            key, files = manifest.record(output.id)
            if key == output.key and not force:
                checked = _intact(site_dir, files)
                if checked is not None:
                    manifest.retime(files, checked)
                    skipped += 1
                    continue
            records, count = _write(site_dir, output.render())
            manifest.store(output.id, output.key, key, files, records)
            rendered += 1
            written += count
        removed = sum(_remove(site_dir, path) for path in manifest.stale())
        manifest.commit()
    with contextlib.suppress(OSError):
        (site_dir / OLD_MANIFEST).unlink()
    return SyncSummary(rendered + skipped, rendered, skipped, written, removed)
