"""Running the per-document function on local worker processes — yielding results in input
order, with a bounded number in flight (the Dask engine, in :mod:`.dask_engine`, does the same
on a cluster).

The local engine enforces the time budget of each document: a worker still busy with one
document ``timeout`` (plus :data:`KILL_GRACE`) seconds after starting it is killed and replaced,
the document gets a ``timeout`` error and the rest of the worker's batch goes to its
replacement; a worker that dies (a crash, the OOM killer) costs only its current document
(``crashed``). Workers ignore SIGINT: Ctrl-C reaches the parent alone, which stops them.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import Connection, wait
from typing import Any

from tmcontent.batch.sources import Document
from tmcontent.batch.worker import Result, convert_document

log = logging.getLogger(__name__)

#: Documents in flight per worker: enough to keep every process busy while the writer works,
#: small enough that memory stays bounded whatever the archive size.
IN_FLIGHT_PER_JOB = 4

#: Documents sent to a worker process at once: one round trip per batch instead of per page
#: (2 jobs went from 1.58x to 1.61–1.68x of 1 job on 3,000 small pages here, process start included).
BATCH = 8

#: Seconds a document may run past its timeout before its worker is killed: the parser's own
#: budget check (between stages) answers first when it can, with a better message.
KILL_GRACE = 1.0
#: Seconds between an idle worker's checks that its parent is still alive (after a SIGKILL of
#: the parent, other workers hold its pipe open, so no end-of-file tells them).
ORPHAN_CHECK = 1.0


def run_local(
    documents: Iterable[Document], task: Callable[[Document], Result], jobs: int, timeout: float | None = None
) -> Generator[Result, None, None]:
    """``task`` of each document on ``jobs`` worker processes, in input order; a document still
    running ``timeout`` + :data:`KILL_GRACE` seconds after it started becomes a ``timeout`` error."""
    pool = _Pool(task, max(1, jobs), None if timeout is None else timeout + KILL_GRACE)
    try:
        yield from pool.run(iter(documents))
    finally:
        pool.stop()


@dataclass
class _Worker:
    process: Any
    conn: Connection
    pending: deque[tuple[int, Document]] = field(default_factory=deque)
    started: float = 0.0  # when its first pending document started


#: A small page run once in the parent before forking workers: what the first document loads
#: (parsers, language profiles, catalogs, templates: 1.5–2 s here) is then loaded once, shared
#: copy-on-write by every worker, instead of once per worker and again per replaced worker.
WARM_UP = Document("<warm-up>", data=b"<html lang='en'><body><h1>Warm-up page</h1><p>A short paragraph of text "
                   b"for the readers, opened on 1 March 2024.</p></body></html>")


class _Pool:
    def __init__(self, task: Callable[[Document], Result], jobs: int, limit: float | None) -> None:
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self.context = multiprocessing.get_context(method)
        self.task, self.limit = task, limit
        if method == "fork":
            try:
                task(WARM_UP)
            except Exception:  # only an optimisation: a task that fails here fails in its worker too
                log.debug("warm-up failed", exc_info=True)
        self.workers = [self._start() for _ in range(jobs)]
        self.done: dict[int, Result] = {}

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(child, self.task), daemon=True)  # type: ignore[attr-defined]
        with _sigint_blocked():  # the worker is born with SIGINT blocked, until it ignores it
            process.start()
        child.close()
        return _Worker(process, parent)

    def run(self, documents: Iterator[Document]) -> Iterator[Result]:
        cap = len(self.workers) * IN_FLIGHT_PER_JOB * BATCH
        sent = yielded = 0
        exhausted = False
        while True:
            while yielded in self.done:
                yield self.done.pop(yielded)
                yielded += 1
            for worker in self.workers:
                if not exhausted and not worker.pending and sent - yielded < cap:
                    batch = [(sent + n, d) for n, d in enumerate(_take(documents, BATCH))]
                    exhausted = len(batch) < BATCH
                    sent += len(batch)
                    self._send(worker, batch)
            busy = [w for w in self.workers if w.pending]
            if not busy:
                if exhausted and yielded == sent:
                    return
                continue
            self._collect(busy)

    def _send(self, worker: _Worker, batch: list[tuple[int, Document]]) -> None:
        if batch:
            worker.pending.extend(batch)
            worker.started = time.monotonic()
            worker.conn.send(batch)

    def _collect(self, busy: list[_Worker]) -> None:
        now = time.monotonic()
        wait_for = None if self.limit is None else max(0.0, min(w.started + self.limit - now for w in busy))
        ready = wait([w.conn for w in busy], wait_for)
        for worker in busy:
            if worker.conn in ready:
                try:
                    seq, result = worker.conn.recv()
                except (EOFError, OSError):
                    self._replace(worker, "crashed", "the worker process died on this document")
                    continue
                worker.pending.popleft()
                worker.started = time.monotonic()
                self.done[seq] = result
            elif self.limit is not None and time.monotonic() - worker.started > self.limit:
                self._replace(worker, "timeout", f"still running after {self.limit:g} s: worker stopped")

    def _replace(self, worker: _Worker, kind: str, message: str) -> None:
        """Kill ``worker``, fail its current document, give the rest of its batch to a new one."""
        seq, document = worker.pending.popleft()
        log.warning("%s: %s", document.source, message)
        self.done[seq] = Result(document.source, error_kind=kind, message=message)
        _kill(worker)
        fresh = self._start()
        self.workers[self.workers.index(worker)] = fresh
        self._send(fresh, list(worker.pending))

    def stop(self) -> None:
        for worker in self.workers:
            if worker.pending:
                _kill(worker)
                continue
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                _kill(worker)
            worker.conn.close()


def _kill(worker: _Worker) -> None:
    worker.process.kill()
    worker.process.join()


def _take(documents: Iterator[Document], count: int) -> list[Document]:
    batch = []
    for document in documents:
        batch.append(document)
        if len(batch) == count:
            break
    return batch


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    """SIGINT held back (not lost) while a worker starts: a Ctrl-C in the moment between its fork
    and its ignoring SIGINT killed it (a document "crashed") instead of reaching the parent alone."""
    if not hasattr(signal, "pthread_sigmask"):  # (not on Windows)
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _serve(conn: Connection, task: Callable[[Document], Result]) -> None:
    """A worker process: run ``task`` on each document of each batch, one result at a time."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    parent = os.getppid()
    while True:
        try:
            while not conn.poll(ORPHAN_CHECK):
                if os.getppid() != parent:  # the parent was killed: do not linger
                    return
            batch = conn.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        for seq, document in batch:
            result = guarded(task, document)
            try:
                conn.send((seq, result))
            except OSError:  # the parent is gone
                return


def guarded(task: Callable[[Document], Result], document: Document) -> Result:
    """``task(document)``; the task's own bug is this document's ``internal`` error, not the pool's."""
    try:
        return task(document)
    except Exception as error:
        return Result(document.source, error_kind="internal", message=f"{type(error).__name__}: {error}")


def task_for(locales: tuple[str, ...], max_bytes: int, format: str = "json", timeout: float | None = None) -> Callable[[Document], Result]:
    return partial(convert_document, locales=locales, max_bytes=max_bytes, format=format, timeout=timeout)
