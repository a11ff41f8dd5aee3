"""Batch conversion of folders and archives into articles: :func:`convert`.

Reads inputs as streams (:mod:`.sources`), converts each document with one function
(:mod:`.worker`) on an engine (:mod:`.engines`: local processes or a Dask cluster), and commits
results in order to resumable outputs (:mod:`.journal`). Exit codes of ``tmcontent convert``:
0 all converted, 3 finished but some inputs failed (listed in errors.jsonl), 1 the job could not run.

``articles.jsonl`` is always written; ``format`` json/html/md/jsonld adds one file per article and
locale (``OUTDIR/LOCALE/ID.EXT``; English when no locale is given). Article ids are unique
in a job: an article that an earlier input already gave gets an id derived from its position.
The output folder is locked while a job writes it, and skipped when it lies inside an input.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tmcontent.batch.engines import run_local, task_for
from tmcontent.batch.journal import Journal, safe_locale
from tmcontent.batch.sources import DEFAULT_MAX_BYTES, DEFAULT_MAX_RATIO, Document, Limits, iter_documents
from tmcontent.batch.worker import Result
from tmcontent.defaults import CONVERT_FORMATS
from tmcontent.errors import ConvertError
from tmcontent.parse import DEFAULT_TIMEOUT

__all__ = ["CONVERT_FORMATS", "DEFAULT_MAX_BYTES", "DEFAULT_MAX_RATIO", "ConvertSummary", "convert"]

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
    timeout: float | None = DEFAULT_TIMEOUT,
) -> ConvertSummary:
    """Convert every document of ``inputs`` into ``outdir`` (see the module docstring).

    ``timeout`` is each document's time budget in seconds; the local engine stops a worker that
    overruns it (the document becomes a ``timeout`` error). ``KeyboardInterrupt`` stops the
    workers, leaves ``outdir`` resumable and propagates.
    """
    if jobs < 1:
        raise ConvertError(f"jobs must be at least 1, not {jobs}")
    if format not in CONVERT_FORMATS:
        raise ConvertError(f"unknown format {format!r}; use one of {', '.join(CONVERT_FORMATS)}")
    if format != "jsonl" and not locales:
        locales = ("en",)
    locales = tuple(dict.fromkeys(locales))
    for locale in locales:
        safe_locale(locale)
    if engine not in ("local", "dask"):
        raise ConvertError(f"unknown engine {engine!r}; use local or dask")
    if scheduler is not None and engine != "dask":
        raise ConvertError(f"a scheduler address ({scheduler}) is for the dask engine: add --engine dask")
    if timeout is not None and timeout <= 0:
        raise ConvertError(f"timeout must be positive, not {timeout:g}")
    started = time.monotonic()
    inputs = list(inputs)
    out = Path(outdir)
    job = _job(inputs, format=format, locales=locales, include=include, exclude=exclude, max_bytes=max_bytes, max_ratio=max_ratio)
    journal = Journal.open(out, job, resume=resume, locales=locales, format="json" if format == "jsonl" else format)
    skipped = len(journal.done)
    state = _Progress(len(inputs))
    listing = _enumerate(inputs, state, include, exclude, Limits(max_bytes, max_ratio), out, refs=engine == "dask")
    documents = _after(journal.done, listing, out)
    task = task_for(locales, max_bytes, "json" if format == "jsonl" else format, timeout)
    if engine == "dask":
        from tmcontent.batch.dask_engine import run_dask

        results = run_dask(documents, task, scheduler, jobs)
    else:
        results = run_local(documents, task, jobs, timeout)
    try:
        for result in _reporting(results, progress, state):
            journal.record(result)
    except BaseException:
        journal.close(commit=False)
        raise
    finally:
        results.close()  # stops the workers now, not when the generator is collected
    journal.close()
    counts = journal.counts
    return ConvertSummary(counts["inputs"], counts["articles"], counts["failed"], time.monotonic() - started, skipped)


def _job(inputs: list[str], **options: Any) -> dict[str, Any]:
    """What identifies a job for ``--resume``: its inputs (absolute) and the options that shape its output."""
    digest = hashlib.sha256()
    for item in inputs:
        digest.update(os.fsencode(os.path.abspath(item)) + b"\0")
    listed = {key: list(value) if isinstance(value, tuple) else value for key, value in options.items()}
    return {"inputs": len(inputs), "inputs_sha256": digest.hexdigest(), **listed}


@dataclass
class _Progress:
    """Where the enumeration is: for the progress lines."""

    inputs: int
    reading: int = 0
    name: str = ""


def _enumerate(inputs: list[str], state: _Progress, include: tuple[str, ...], exclude: tuple[str, ...], limits: Limits,
               outdir: Path, refs: bool = False) -> Iterator[Document]:
    """The documents of each input; with ``refs``, archive members as references (for Dask workers to read)."""
    for number, item in enumerate(inputs, start=1):
        state.reading, state.name = number, item
        log.info("reading input %d/%d: %s", number, len(inputs), item)
        yield from iter_documents([item], include=include, exclude=exclude, limits=limits, skip=(outdir,), refs=refs)


def _after(done: list[str], documents: Iterator[Document], outdir: Path) -> Iterator[Document]:
    """``documents`` after the ``done`` ones, which must be the same inputs in the same order."""
    for position, source in enumerate(done):
        document = next(documents, None)
        if document is None or document.source != source:
            found = "nothing" if document is None else repr(document.source)
            raise ConvertError(f"cannot resume: input {position + 1} was {source!r} and is now {found}; "
                               "the inputs changed: run without --resume to start over", source=str(outdir))
    yield from documents


def _reporting(results: Iterator[Result], progress: bool | None, state: _Progress) -> Iterator[Result]:
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
            log.info("converted %d documents; reading input %d/%d (%s)", count, state.reading, state.inputs, state.name)
        yield result
