"""Article heads on disk: what listings, feeds and slugs read of an article, kept out of memory
while a site is published, and kept in the site folder for the next run.

An input article from a JSON Lines file is read, checked against the schema and cut to its
*head* (every field but the derived ones, and only the blocks its summary and fallback title
read) once; the head goes to this store as one row, with the *facts* the site model needs of it
(:func:`tmcontent.publish.site.facts_of`), keyed by the sha256 of the input line it came from.
Memory keeps nothing per row: a row is found by a query on its digest (or in a bounded window
of the rows that follow the last one found, read ahead: an unchanged input asks for its lines in
the order they were stored), a page that shows an article reads its head back by rowid (its
:data:`Place`), and the rows this run uses are noted in a TEMP table (SQLite's temporary
database, a file it deletes itself), not in a Python set.
SQLite's own memory is its page cache, bounded whatever the number of rows (the default
``cache_size``: 2,000 KiB per database).

The store is also the publisher's memory of its inputs: ``SITE/.tmcontent-heads.sqlite`` holds
the last run's rows, and an input line whose digest is there is neither decoded nor checked
again: only its facts are read (the schema check alone costs 145 µs an article, 4.4 s of an
unchanged 30,000-article site). A run is ONE transaction, begun when the store opens: rows are
added as lines are read, and :meth:`HeadStore.commit` deletes the rows the run did not use and
commits; a run that fails or is interrupted rolls back, which leaves the last run's file as it
was. A run whose lines are all known changes no page, and SQLite then writes nothing: the file
keeps its bytes and its modification time. When there is no file (a first run), or the file is
not this store (not SQLite, another program's database, another version of this one) or fails
SQLite's ``integrity_check``, the run writes a new database beside it (``.tmcontent-heads-*.tmp``,
after one warning when there was a file), renamed over it on commit. A row whose facts are not a
JSON object is not used either (its line is decoded again and the row replaced).

Durability: the file is a build cache, so nothing is fsynced (``PRAGMA synchronous = OFF``: a
power cut may leave pages of two runs mixed, which the integrity check finds, and the file is
replaced as above). The rollback journal stays
SQLite's default, ``DELETE``: while a run changes rows, the journal file
(``.tmcontent-heads.sqlite-journal``) holds the last run's pages that the run overwrites, and a
commit or rollback deletes it. A run killed half-way (after SQLite spilled changed pages into
the file, or during the commit) leaves that journal, and the next run's open plays it back: the
last run's rows, whole. ``journal_mode = MEMORY`` would lose that journal with the process and
leave a half-written file; ``WAL`` would leave ``-wal``/``-shm`` files beside it.

The format (``PRAGMA application_id`` = :data:`APPLICATION_ID`, ``PRAGMA user_version`` =
:data:`VERSION`; anything else is not read)::

    CREATE TABLE heads (digest BLOB PRIMARY KEY, facts BLOB NOT NULL, head BLOB NOT NULL)

``digest`` is the 32 bytes of the line's sha256; ``facts`` and ``head`` are compact JSON in
UTF-8 (kept as bytes: an article's text may hold a lone surrogate, which SQLite text cannot).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from tmcontent.errors import PublishError
from tmcontent.model import Article
from tmcontent.publish._sqlite import store_problem

log = logging.getLogger(__name__)

HEADS = ".tmcontent-heads.sqlite"
#: The JSON Lines store of earlier versions: removed once this one is committed.
FORMER_HEADS = ".tmcontent-heads.jsonl"
#: ``PRAGMA application_id`` of the file: "tmhd" (another program's database is not read).
APPLICATION_ID = 0x746D6864
#: ``PRAGMA user_version`` of the file: a file of another version is not read.
VERSION = 1
SCHEMA = "CREATE TABLE heads (digest BLOB PRIMARY KEY, facts BLOB NOT NULL, head BLOB NOT NULL)"

#: Where a head is: the rowid of its row.
Place = int
#: Rows noted as used per INSERT (a bounded buffer): noting them one INSERT a row cost 5.1 µs a
#: row, in batches 0.8 µs (30,000 rows of a test store on the 2-core machine).
USED_BATCH = 1_000
#: Rows read ahead in the order the last run stored them: an unchanged input asks for its lines
#: in that order, and 30,000 lines were found in 65 ms by windows of 256 rows, in 300 ms by one
#: query a line (a 10,000-story store, 42 MB, on the 2-core machine). A line the window does not
#: hold is found by its digest, and the window moves there; rows read ahead stay under twice the
#: rows served plus one window, so an input in another order soon reads none.
READ_AHEAD = 256


class HeadStore:
    """Heads of one publishing run (see the module docstring); a context manager that rolls the
    run's changes back unless :meth:`commit` was called."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.path = site_dir / HEADS
        self._fresh: Path | None = None  # the new database, when the last run's is missing or not usable
        self._using: list[tuple[Place]] = []  # rows used, not yet in ``used``: at most USED_BATCH
        self._ahead: list[tuple[Place, bytes, bytes]] = []  # the next rows in order, last first: at most READ_AHEAD
        self._after = 0  # the rowid of the last row found: the window continues after it
        self._read = self._served = 0  # rows read ahead, and found there
        self._db: sqlite3.Connection | None = self._open_last()
        try:
            if self._db is None:
                self._db = self._open_fresh()
            self._db.execute("CREATE TEMP TABLE used (id INTEGER PRIMARY KEY)")  # the rows this run uses
        except sqlite3.Error as error:  # a full disk, an unwritable temporary folder
            self.close()
            raise self._error(error) from error

    def __enter__(self) -> HeadStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def known(self, digest: str) -> tuple[dict[str, Any], Place] | None:
        """The facts the last run stored for the input line ``digest``, and where its head is."""
        key = bytes.fromhex(digest)
        row = self._in_order(key)
        if row is None:
            row = self._execute("SELECT rowid, facts FROM heads WHERE digest = ?", key).fetchone()
            if row is None:
                return None
            self._after, self._ahead = row[0], []  # the input left the last run's order: read ahead from here
        try:
            facts = json.loads(_text(row[1]))
        except (TypeError, ValueError):
            return None
        return (facts, row[0]) if isinstance(facts, dict) else None

    def add(self, digest: str, facts: dict[str, Any], head: dict[str, Any]) -> Place:
        """Store the ``facts`` and ``head`` of the input line ``digest`` (replacing a damaged row
        of the same digest); where they are."""
        cursor = self._execute("INSERT OR REPLACE INTO heads (digest, facts, head) VALUES (?, ?, ?)",
                               bytes.fromhex(digest), _json(facts), _json(head))
        assert cursor.lastrowid is not None  # an INSERT sets it
        return self.keep(cursor.lastrowid)

    def keep(self, place: Place) -> Place:
        """Keep the row at ``place`` (one :meth:`known` gave) for the next run; where it is."""
        self._using.append((place,))
        if len(self._using) >= USED_BATCH:
            self._note_used()
        return place

    def head(self, place: Place) -> Article:
        """The head stored at ``place``, as an article (checked when it was stored)."""
        row = self._execute("SELECT head FROM heads WHERE rowid = ?", place).fetchone()
        try:
            data = json.loads(_text(row[0] if row is not None else None))
        except (TypeError, ValueError) as error:  # no row, or not JSON: changed by another program
            raise PublishError(f"the head of row {place} is damaged; delete this file and run again", source=str(self.path)) from error
        return Article.from_dict(data, check=False)

    def commit(self) -> None:
        """Keep this run's rows for the next run, and only those (nothing is written when they
        are the last run's)."""
        try:
            self._note_used()
            # the rows to delete are found on the digest index (not by reading every row whole)
            self._execute("DELETE FROM heads WHERE rowid IN (SELECT rowid FROM heads WHERE rowid NOT IN (SELECT id FROM temp.used))")
            self._execute("COMMIT")
        except PublishError as error:
            log.warning("%s: heads not kept for the next run (%s)", self.path, error.message)
            self.close()
            return
        if self._fresh is not None:
            assert self._db is not None  # the COMMIT above ran on it
            self._db.close()
            with contextlib.suppress(FileNotFoundError):  # a journal of the file replaced would be played back into this one
                Path(f"{self.path}-journal").unlink()
            try:
                os.replace(self._fresh, self.path)
            except OSError as error:
                log.warning("%s: heads not kept for the next run (%s)", self.path, error.strerror or error)
            else:
                self._fresh = None
            with contextlib.suppress(OSError):
                (self.site_dir / FORMER_HEADS).unlink()
        self.close()

    def close(self) -> None:
        """Roll back what the run did not commit (the last run's file stays as it was)."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.rollback()
            self._db.close()
            self._db = None
        if self._fresh is not None:
            with contextlib.suppress(FileNotFoundError):
                self._fresh.unlink()
            self._fresh = None

    def _in_order(self, key: bytes) -> tuple[Place, bytes] | None:
        """The row after the last one found, when it is the row of ``key`` (see READ_AHEAD)."""
        if not self._ahead and self._read <= 2 * self._served + READ_AHEAD:
            rows = self._execute("SELECT rowid, digest, facts FROM heads WHERE rowid > ? ORDER BY rowid LIMIT ?", self._after, READ_AHEAD).fetchall()
            rows.reverse()
            self._ahead, self._read = rows, self._read + len(rows)
        if not self._ahead or self._ahead[-1][1] != key:
            return None
        self._after, _, facts = self._ahead.pop()
        self._served += 1
        return self._after, facts

    def _note_used(self) -> None:
        try:
            self._connection().executemany("INSERT OR IGNORE INTO used (id) VALUES (?)", self._using)
        except sqlite3.Error as error:
            raise self._error(error) from error
        self._using.clear()

    def _execute(self, sql: str, *parameters: object) -> sqlite3.Cursor:
        try:
            return self._connection().execute(sql, parameters)
        except sqlite3.Error as error:
            raise self._error(error) from error

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            raise PublishError("the heads store is closed", source=str(self.path))
        return self._db

    def _error(self, error: sqlite3.Error) -> PublishError:
        """What a failed statement raises (a full disk, a file changed under the run)."""
        return PublishError(f"heads store: {error}", source=str(self.path))

    def _open_last(self) -> sqlite3.Connection | None:
        """The last run's database, its transaction begun; None when there is none or it is not
        one of this version (a warning)."""
        if not self.path.is_file():
            return None
        try:
            db = connect(self.path)
        except sqlite3.Error as error:
            log.warning("%s: not read (%s); the heads of this run replace it", self.path, error)
            return None
        try:
            db.execute("BEGIN IMMEDIATE")  # plays back the journal of a run that was killed
            # integrity_check reads every page and checks the digest index against the rows (58 ms
            # for the 30,000 heads of a 10,000-story site, 42 MB, where looking every line up takes
            # 160 ms): a file a power cut damaged would otherwise fail half-way through a run, or
            # give one line's digest another line's row.
            reason = store_problem(db, version=VERSION, schema=(SCHEMA,), application_id=APPLICATION_ID, thorough=True)
            if reason is None:
                return db
        except sqlite3.Error as error:
            reason = str(error)
        db.close()
        log.warning("%s: not read (%s); the heads of this run replace it", self.path, reason)
        return None

    def _open_fresh(self) -> sqlite3.Connection:
        """An empty database beside the last run's file, renamed over it on commit."""
        try:
            handle, name = tempfile.mkstemp(prefix=".tmcontent-heads-", suffix=".tmp", dir=self.site_dir)
        except OSError as error:
            raise PublishError(f"cannot write in the site folder: {error.strerror or error}", source=str(self.site_dir)) from error
        os.close(handle)
        self._fresh = Path(name)
        self._db = db = connect(self._fresh)
        db.execute("PRAGMA journal_mode = MEMORY")  # a run that fails removes the whole file: no journal to keep
        db.execute("BEGIN IMMEDIATE")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {VERSION}")
        db.execute(SCHEMA)
        return db


def connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)  # transactions are this module's: BEGIN in __init__, COMMIT in commit()
    db.execute("PRAGMA synchronous = OFF")  # a build cache (see the module docstring)
    return db


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _text(value: object) -> str:
    if not isinstance(value, bytes):
        raise TypeError("not JSON bytes")
    return value.decode("utf-8", "surrogatepass")
