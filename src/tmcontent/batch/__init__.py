"""Batch conversion of folders and archives into articles: :func:`convert`.

Reads inputs as streams (:mod:`.sources`), converts each document with one function
(:mod:`.worker`) on an engine (:mod:`.engines`: local processes or a Dask cluster), and commits
results in order to resumable outputs (:mod:`.journal`). Exit codes of ``tmcontent convert``:
0 all converted, 3 finished but some inputs failed (listed in errors.jsonl), 1 the job could not run.

``articles.jsonl`` is always written; ``format`` json/html/md/jsonld adds one file per article and
locale (``OUTDIR/LOCALE/ID.EXT``; English when no locale is given).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tmcontent.batch.engines import run_dask, run_local, task_for
from tmcontent.batch.journal import Journal
from tmcontent.batch.sources import DEFAULT_MAX_BYTES, DEFAULT_MAX_RATIO, Limits, iter_documents
from tmcontent.errors import ConvertError

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_RATIO", "ConvertSummary", "convert"]

log = logging.getLogger(__name__)
#: Seconds between progress log lines when not on a terminal.
LOG_EVERY = 5.0


@dataclass(frozen=True)
class ConvertSummary:
    inputs: int
    articles: int
    failed: int
    seconds: float
    skipped: int = 0

    @property
    def rate(self) -> float:
        return (self.inputs - self.skipped) / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"inputs": self.inputs, "articles": self.articles, "failed": self.failed, "skipped": self.skipped,
                "seconds": round(self.seconds, 3), "rate": round(self.rate, 1)}


def convert(
    inputs: Iterable[str],
    outdir: str | Path,
    *,
    jobs: int = 1,
    format: str = "jsonl",
    locales: tuple[str, ...] = (),
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    resume: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_ratio: float = DEFAULT_MAX_RATIO,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool | None = None,
) -> ConvertSummary:
    """Convert every document of ``inputs`` into ``outdir`` (see the module docstring)."""
    if jobs < 1:
        raise ConvertError(f"jobs must be at least 1, not {jobs}")
    if format not in ("jsonl", "json", "html", "md", "jsonld"):
        raise ConvertError(f"unknown format {format!r}; use jsonl, json, html, md or jsonld")
    if format != "jsonl" and not locales:
        locales = ("en",)
    if engine not in ("local", "dask"):
        raise ConvertError(f"unknown engine {engine!r}; use local or dask")
    started = time.monotonic()
    journal = Journal.open(Path(outdir), resume=resume)
    skipped = len(journal.done)
    documents = (d for d in iter_documents(inputs, include=include, exclude=exclude, limits=Limits(max_bytes, max_ratio)) if d.source not in journal.done)
    task = task_for(tuple(locales), max_bytes, "json" if format == "jsonl" else format)
    results = run_dask(documents, task, scheduler, jobs) if engine == "dask" else run_local(documents, task, jobs)
    try:
        for result in _reporting(results, progress):
            journal.record(result)
    finally:
        journal.close()
    counts = journal.counts
    return ConvertSummary(counts["inputs"], counts["articles"], counts["failed"], time.monotonic() - started, skipped)


def _reporting(results: Iterator, progress: bool | None) -> Iterator:  # type: ignore[type-arg]
    show_bar = sys.stderr.isatty() if progress is None else progress
    if show_bar:
        try:
            from tqdm import tqdm
        except ImportError:
            show_bar = False
        else:
            yield from tqdm(results, unit="doc", desc="converting", file=sys.stderr)
            return
    last = time.monotonic()
    for count, result in enumerate(results, start=1):
        if time.monotonic() - last >= LOG_EVERY:
            last = time.monotonic()
            log.warning("converted %d inputs", count)
        yield result
