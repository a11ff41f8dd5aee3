"""The output files of a batch job and how a killed job resumes.

``articles.jsonl`` (one article a line), ``errors.jsonl`` (one line per failed input) and
``manifest.jsonl`` (one line per input: outcome, and the byte lengths of the two other files
once its lines were written). Results are committed in input order, in groups: article and
error lines first, fsync, then their manifest lines, fsync. Whatever moment the job is killed,
the last complete manifest line says exactly how much of the other files is committed, so
``--resume`` truncates them there (dropping torn or uncommitted lines), skips the inputs the
manifest lists, and the final files equal those of an uninterrupted run.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from tmcontent._atomic import atomic_write_text
from tmcontent.batch.worker import Result
from tmcontent.errors import ConvertError

ARTICLES = "articles.jsonl"
ERRORS = "errors.jsonl"
MANIFEST = "manifest.jsonl"
#: Results committed (fsync'd) together. 64 keeps the fsync cost under 2% of a run of small
#: pages here, and bounds what a kill can lose (it is redone on resume) to 64 documents.
COMMIT_EVERY = 64


@dataclass
class Journal:
    outdir: Path
    done: set[str] = field(default_factory=set)
    articles: IO[bytes] | None = None
    errors: IO[bytes] | None = None
    manifest: IO[bytes] | None = None
    pending: list[bytes] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"inputs": 0, "articles": 0, "failed": 0})

    @classmethod
    def open(cls, outdir: Path, *, resume: bool) -> Journal:
        try:
            outdir.mkdir(parents=True, exist_ok=True)
            journal = cls(outdir)
            offsets = journal._recover() if resume else (0, 0)
            journal.articles = _open_at(outdir / ARTICLES, offsets[0])
            journal.errors = _open_at(outdir / ERRORS, offsets[1])
            journal.manifest = open(outdir / MANIFEST, "ab" if resume else "wb")  # noqa: SIM115
        except OSError as error:
            raise ConvertError(f"cannot write the output folder: {error.strerror or error}", source=str(outdir)) from error
        return journal

    def _recover(self) -> tuple[int, int]:
        path = self.outdir / MANIFEST
        if not path.is_file():
            return 0, 0
        data = path.read_bytes()
        complete = data[: data.rfind(b"\n") + 1]
        offsets = (0, 0)
        for line in complete.splitlines():
            record = json.loads(line)
            self.done.add(record["source"])
            self.counts["inputs"] += 1
            self.counts["articles"] += record["articles"]
            self.counts["failed"] += record["status"] == "failed"
            offsets = (record["articles_bytes"], record["errors_bytes"])
        with open(path, "r+b") as handle:
            handle.truncate(len(complete))
        return offsets

    def record(self, result: Result) -> None:
        assert self.articles is not None and self.errors is not None
        for line in result.articles:
            self.articles.write(line.encode("utf-8") + b"\n")
        if not result.ok:
            error = {"source": result.source, "error": result.error_kind, "message": result.message}
            self.errors.write(json.dumps(error, ensure_ascii=False).encode("utf-8") + b"\n")
        for locale, name, text in result.localized:
            atomic_write_text(self.outdir / _safe_locale(locale) / name, text)
        status = "failed" if not result.ok else ("ok" if result.articles else "empty")
        self.counts["inputs"] += 1
        self.counts["articles"] += len(result.articles)
        self.counts["failed"] += status == "failed"
        entry = {
            "source": result.source, "status": status, "articles": len(result.articles), "error": result.error_kind,
            "articles_bytes": self.articles.tell(), "errors_bytes": self.errors.tell(),
        }
        self.pending.append(json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n")
        if len(self.pending) >= COMMIT_EVERY:
            self.commit()

    def commit(self) -> None:
        assert self.articles is not None and self.errors is not None and self.manifest is not None
        for handle in (self.articles, self.errors):
            handle.flush()
            os.fsync(handle.fileno())
        self.manifest.write(b"".join(self.pending))
        self.manifest.flush()
        os.fsync(self.manifest.fileno())
        self.pending.clear()

    def close(self) -> None:
        self.commit()
        for handle in (self.articles, self.errors, self.manifest):
            if handle is not None:
                handle.close()


def _safe_locale(locale: str) -> str:
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
