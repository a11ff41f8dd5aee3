"""The output files of a batch job, who may write them, and how a stopped job resumes.

``articles.jsonl`` (one article a line), ``errors.jsonl`` (one line per failed input) and
``manifest.jsonl``: a header line naming the job (a hash of its inputs, the options that shape
its output), then one line per input in input order: outcome, article ids, the byte lengths of
the two other files once its lines were written, and a hash of those lines. Results are
committed in groups: article and error lines first, fsync, then their manifest lines, fsync.

``--resume`` trusts nothing it cannot check: it refuses a folder holding another job (other
inputs or options) in one line; it keeps the inputs whose lines are present and hash as the
manifest says, up to the first that is not (a torn, truncated or edited output), truncates the
files there and redoes the rest — so the final files equal those of an uninterrupted run.

One job at a time: the folder is locked (``fcntl.lockf`` on ``OUTDIR/.lock``, ``msvcrt.locking``
on Windows; released when the process ends, however it ends) and a second job on it stops with a one-line error.

Names that are not valid UTF-8 travel surrogate-escaped; every line is written with each lone
surrogate as a JSON ``\\udcXX`` escape, so the files are valid UTF-8 and ``json.loads`` gives
the exact name back (``os.fsencode`` of it is the original bytes).
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tmcontent._atomic import atomic_write_bytes
from tmcontent.batch.worker import Result, with_id
from tmcontent.errors import ConvertError

log = logging.getLogger(__name__)

ARTICLES = "articles.jsonl"
ERRORS = "errors.jsonl"
MANIFEST = "manifest.jsonl"
LOCK = ".lock"
#: Version of the manifest layout; a manifest of another version is not resumed.
MANIFEST_VERSION = 2
#: Results committed (fsync'd) together. 64 keeps the fsync cost under 2% of a run of small
#: pages here, and bounds what a kill can lose (it is redone on resume) to 64 documents.
COMMIT_EVERY = 64
#: Hex digits of the per-input hash in the manifest (64 bits: a torn or edited line is caught).
HASH_DIGITS = 16


def encode_line(data: Any) -> bytes:
    """One JSON line as UTF-8, lone surrogates (non-UTF-8 names) written as ``\\udcXX`` escapes."""
    return json.dumps(data, ensure_ascii=False).encode("utf-8", "backslashreplace") + b"\n"


def encode_text(text: str) -> bytes:
    return text.encode("utf-8", "backslashreplace")


@dataclass
class Journal:
    outdir: Path
    job: dict[str, Any]
    locales: tuple[str, ...] = ()
    format: str = "json"
    done: list[str] = field(default_factory=list)  # sources committed by the job being resumed, in order
    ids: set[str] = field(default_factory=set)
    lock: int | None = None
    articles: IO[bytes] | None = None
    errors: IO[bytes] | None = None
    manifest: IO[bytes] | None = None
    pending: list[bytes] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"inputs": 0, "articles": 0, "failed": 0})

    @classmethod
    def open(cls, outdir: Path, job: dict[str, Any], *, resume: bool, locales: tuple[str, ...] = (), format: str = "json") -> Journal:
        journal = cls(outdir, json.loads(json.dumps(job)), locales, format)
        try:
            outdir.mkdir(parents=True, exist_ok=True)
            journal.lock = _lock(outdir)
            offsets, manifest_end = journal._recover() if resume else ((0, 0), 0)
            journal.articles = _open_at(outdir / ARTICLES, offsets[0])
            journal.errors = _open_at(outdir / ERRORS, offsets[1])
            journal.manifest = _open_at(outdir / MANIFEST, manifest_end)
            if not manifest_end:
                journal.manifest.write(encode_line({"version": MANIFEST_VERSION, "job": journal.job}))
        except OSError as error:
            journal.close(commit=False)
            raise ConvertError(f"cannot write the output folder: {error.strerror or error}", source=str(outdir)) from error
        except BaseException:
            journal.close(commit=False)
            raise
        return journal

    def _recover(self) -> tuple[tuple[int, int], int]:
        """Check the manifest against the job and the files; (vouched lengths, manifest length)."""
        path = self.outdir / MANIFEST
        data = path.read_bytes() if path.is_file() else b""
        lines = data[: data.rfind(b"\n") + 1].splitlines(keepends=True)
        if not lines:
            return (0, 0), 0
        self._check_header(lines[0])
        offsets, end = (0, 0), len(lines[0])
        with _reader(self.outdir / ARTICLES) as articles, _reader(self.outdir / ERRORS) as errors:
            for line in lines[1:]:
                entry = _entry(line)
                if entry is None or not _vouched(entry, offsets, articles, errors):
                    log.warning("%s: the outputs do not hold what the manifest says from input %d on (cut or edited); "
                                "redoing from there", self.outdir, len(self.done) + 1)
                    break
                offsets, end = (entry["articles_bytes"], entry["errors_bytes"]), end + len(line)
                self.done.append(entry["source"])
                self.ids.update(entry["ids"])
                self._count(entry["status"], len(entry["ids"]))
        log.info("%s: resuming after %d input(s) already converted", self.outdir, len(self.done))
        return offsets, end

    def _check_header(self, line: bytes) -> None:
        try:
            header = json.loads(line)
            found = header["job"] if header.get("version") == MANIFEST_VERSION else None
        except (ValueError, TypeError, KeyError, AttributeError):
            found = None
        if not isinstance(found, dict):
            raise ConvertError("cannot resume: the manifest is not one this tmcontent writes; run without --resume to start over",
                               source=str(self.outdir))
        differ = sorted({key.removesuffix("_sha256") for key in set(found) | set(self.job) if found.get(key) != self.job.get(key)})
        if differ:
            raise ConvertError(f"cannot resume: this folder holds a job with other {', '.join(differ)}; "
                               "run without --resume to start over, or use another output folder", source=str(self.outdir))

    def record(self, result: Result) -> None:
        """Append one input's outcome (written now, vouched for at the next commit)."""
        assert self.articles is not None and self.errors is not None
        result = self._unique_ids(result)
        article_bytes = b"".join(encode_text(line) + b"\n" for line in result.articles)
        error_bytes = b"" if result.ok else encode_line({"source": result.source, "error": result.error_kind, "message": result.message})
        for locale, name, text in result.localized:
            atomic_write_bytes(self.outdir / safe_locale(locale) / name, encode_text(text))
        self.articles.write(article_bytes)
        self.errors.write(error_bytes)
        status = "failed" if not result.ok else ("ok" if result.articles else "empty")
        self._count(status, len(result.articles))
        self.ids.update(result.ids)
        self.pending.append(encode_line({
            "source": result.source, "status": status, "articles": len(result.articles), "error": result.error_kind,
            "ids": list(result.ids), "articles_bytes": self.articles.tell(), "errors_bytes": self.errors.tell(), "hash": _digest(article_bytes, error_bytes),
        }))
        if len(self.pending) >= COMMIT_EVERY:
            self.commit()

    def _unique_ids(self, result: Result) -> Result:
        """Two inputs (or two stories of one page) that give the same article get distinct ids,
        derived from the input's position, so that no file overwrites another."""
        position = self.counts["inputs"]
        here: set[str] = set()
        for index, article_id in enumerate(result.ids):
            salt, new_id = 0, article_id
            while new_id in self.ids or new_id in here:
                new_id = hashlib.sha256(f"{article_id}:{position}:{index}:{salt}".encode()).hexdigest()[:HASH_DIGITS]
                salt += 1
            here.add(new_id)
            if new_id != article_id:
                result = with_id(result, index, new_id, self.locales, self.format)
        return result

    def _count(self, status: str, articles: int) -> None:
        self.counts["inputs"] += 1
        self.counts["articles"] += articles
        self.counts["failed"] += status == "failed"

    def commit(self) -> None:
        assert self.articles is not None and self.errors is not None and self.manifest is not None
        for handle in (self.articles, self.errors):
            handle.flush()
            os.fsync(handle.fileno())
        self.manifest.write(b"".join(self.pending))
        self.pending.clear()
        self.manifest.flush()
        os.fsync(self.manifest.fileno())
        log.debug("%s: committed %d input(s)", self.outdir, self.counts["inputs"])

    def close(self, *, commit: bool = True) -> None:
        """Commit what was recorded (unless ``commit`` is False: an interrupted job leaves its
        last group for ``--resume`` to redo), close the files and release the folder."""
        try:
            if commit and self.manifest is not None:
                self.commit()
        finally:
            for handle in (self.articles, self.errors, self.manifest):
                if handle is not None:
                    handle.close()
            if self.lock is not None:
                os.close(self.lock)
                self.lock = None


def _lock(outdir: Path) -> int:
    fd = os.open(outdir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _lock_fd(fd)
    except OSError as error:
        os.close(fd)
        if sys.platform == "win32" or error.errno in (errno.EACCES, errno.EAGAIN):
            raise ConvertError("another tmcontent convert is writing to this folder; wait for it or use another output folder",
                               source=str(outdir)) from None
        raise
    return fd


def _lock_fd(fd: int) -> None:
    """Lock without waiting. POSIX ``lockf`` locks belong to the process: forked workers do not
    inherit them, and they go when the process ends, however it ends."""
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _entry(line: bytes) -> dict[str, Any] | None:
    try:
        entry = json.loads(line)
        if isinstance(entry["source"], str) and isinstance(entry["ids"], list) and isinstance(entry["status"], str) and isinstance(entry["hash"], str) \
                and isinstance(entry["articles_bytes"], int) and isinstance(entry["errors_bytes"], int):
            return entry  # type: ignore[no-any-return]
    except (ValueError, TypeError, KeyError):
        pass
    return None


def _vouched(entry: dict[str, Any], offsets: tuple[int, int], articles: IO[bytes], errors: IO[bytes]) -> bool:
    """Do the files hold, after ``offsets``, exactly the lines this manifest entry vouches for?"""
    sizes = (entry["articles_bytes"] - offsets[0], entry["errors_bytes"] - offsets[1])
    if min(sizes) < 0:
        return False
    article_bytes, error_bytes = articles.read(sizes[0]), errors.read(sizes[1])
    return (len(article_bytes), len(error_bytes)) == sizes and _digest(article_bytes, error_bytes) == entry["hash"]


def _digest(article_bytes: bytes, error_bytes: bytes) -> str:
    digest = hashlib.sha256(article_bytes)
    digest.update(b"\0")
    digest.update(error_bytes)
    return digest.hexdigest()[:HASH_DIGITS]


def _reader(path: Path) -> IO[bytes]:
    return open(path, "rb") if path.exists() else io.BytesIO()


def safe_locale(locale: str) -> str:
    """A locale as a folder name: letters, digits, "-" and "_" only."""
    cleaned = "".join(ch for ch in locale if ch.isalnum() or ch in "-_")
    if not cleaned:
        raise ConvertError(f"not a locale: {locale!r}")
    return cleaned


def _open_at(path: Path, offset: int) -> IO[bytes]:
    handle = open(path, "r+b" if path.exists() else "wb")  # noqa: SIM115
    handle.truncate(offset)
    handle.seek(offset)
    return handle
