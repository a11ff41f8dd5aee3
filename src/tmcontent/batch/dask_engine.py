"""The Dask engine: the per-document function on a Dask distributed cluster, results in input order.

Without a scheduler address a local cluster of worker *processes* is started, one thread each
(the parser is pure Python: threads in one process would share one GIL). Documents travel in
batches, one task per :data:`BATCH` documents, and at most :data:`IN_FLIGHT_PER_WORKER` batches per
worker thread are submitted and not yet handed on, so memory stays flat whatever the archive's
size; each finished batch (``distributed.as_completed``) makes room for the next.

Plain files and the members of zips and uncompressed tars travel as references (path, member,
position): the worker reads them itself (:func:`~tmcontent.batch.sources.load_documents`) when
it sees the same file at the same path — same size and modification time, asked of every worker
once per archive or folder. Otherwise, and for WARC records and members of compressed tars, the
client reads the bytes and ships them. A batch whose worker died is retried one document per
task, so a crash costs only its document (``crashed``). The time budget is the parser's own
check between stages: a Dask worker is never killed.

:mod:`distributed` is imported at run time only (the ``dask`` extra) and used through the small
protocols below, so the package type-checks the same with or without it.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable, Generator, Iterator
from typing import Any, Protocol

from tmcontent.batch.engines import guarded
from tmcontent.batch.sources import Document, load_documents
from tmcontent.batch.worker import Result
from tmcontent.errors import ConvertError

log = logging.getLogger(__name__)

#: Documents per Dask task. Measured with 600 generated pages in a zip on 2 local workers
#: (benchmarks/bench_dask.py --generated --batch N measures the same; 2 interleaved passes on the
#: shared 2-core machine at load 7-13, min/median s): 1 → 78/84, 4 → 43/53, 16 → 29/44,
#: 64 → 33/40. 16 takes the cost per task off small pages and keeps the tail short on real ones
#: (16 WCXB pages are about 2 s of parsing).
BATCH = 16
#: Batches submitted and not yet handed on, per worker thread: one running, one waiting at the
#: worker, one being returned; more only holds memory.
IN_FLIGHT_PER_WORKER = 3
#: Seconds to wait for the first worker of an existing cluster.
WORKER_WAIT = 60.0
#: Settings of the local cluster this engine starts (an existing cluster keeps its own): no
#: statistical profiler sampling the worker's threads every 10 ms, and the event loop's
#: blocked-loop check every second instead of every 20 ms, which a batch job has no use for.
#: Measured on 300 WCXB pages, 1 worker, 2 runs: 31.1 s of CPU with them, 33.8-34.3 s without.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
}


class _Future(Protocol):
    key: Any

    def result(self) -> Any: ...


class _Client(Protocol):
    def submit(self, func: Callable[..., Any], /, *args: Any, pure: bool = ...) -> Any: ...

    def nthreads(self) -> dict[str, int]: ...

    def run(self, function: Callable[..., Any], /, *args: Any) -> dict[str, Any]: ...

    def wait_for_workers(self, n_workers: int, timeout: float | None = ...) -> None: ...

    def close(self) -> Any: ...


def run_dask(
    documents: Iterator[Document], task: Callable[[Document], Result], scheduler: str | None, jobs: int
) -> Generator[Result, None, None]:
    """``task`` of each document on a Dask cluster — at ``scheduler``, or ``jobs`` local worker
    processes — in input order."""
    distributed = _distributed()
    cluster = None
    if scheduler is None:
        with importlib.import_module("dask").config.set(LOCAL_CLUSTER_CONFIG):  # read by the nannies as they start their workers
            cluster = distributed.LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=":0")
    try:
        client = _connect(distributed, scheduler or cluster, scheduler)
    except BaseException:
        if cluster is not None:
            cluster.close()
        raise
    try:
        workers = max(1, sum(client.nthreads().values()))
        reachable = _Reach(client, own_cluster=cluster is not None)
        shipped = (document if reachable(document) else load_documents([document])[0] for document in documents)
        yield from _Window(client, distributed.as_completed(), task, IN_FLIGHT_PER_WORKER * workers).run(shipped)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _distributed() -> Any:
    try:
        return importlib.import_module("distributed")
    except ImportError as error:
        raise ConvertError("the dask engine needs: pip install 'tmcontent[dask]'") from error


def _connect(distributed: Any, address: Any, scheduler: str | None) -> _Client:
    client: _Client | None = None
    try:
        client = distributed.Client(address)
        if scheduler is not None:
            client.wait_for_workers(1, timeout=WORKER_WAIT)
    except (OSError, TimeoutError, ValueError) as error:
        if client is not None:
            client.close()
        where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
        raise ConvertError(f"cannot use {where}: {error}") from error
    return client


def run_batch(task: Callable[[Document], Result], documents: list[Document]) -> list[Result]:
    """A Dask task: read what was left to read, then ``task`` of each document."""
    return [guarded(task, document) for document in load_documents(documents)]


def file_identity(path: str) -> tuple[int, int] | None:
    """(size, modification time) of ``path`` as this host sees it; None if it cannot."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


class _Reach:
    """Whether every worker reads a document's archive (or a plain file's folder) as the client does."""

    def __init__(self, client: _Client, own_cluster: bool, identity: Callable[[str], tuple[int, int] | None] = file_identity) -> None:
        self.client, self.own_cluster, self.identity = client, own_cluster, identity
        self.known: dict[str, bool] = {}

    def __call__(self, document: Document) -> bool:
        if document.member is not None:
            where = document.member.archive
        elif document.data is None and document.path is not None:
            where = os.path.dirname(document.path)
        else:
            return True  # nothing left to read
        if self.own_cluster:
            return True  # the local cluster's workers run on this host
        if where not in self.known:
            here = self.identity(where)
            seen = self.client.run(file_identity, where)
            self.known[where] = here is not None and all(tuple(identity or ()) == here for identity in seen.values())
            if not self.known[where]:
                log.info("%s: not the same file on every Dask worker; its documents are sent as bytes", where)
        return self.known[where]


class _Window:
    """Batches submitted as room frees up; results handed on in input order."""

    def __init__(self, client: _Client, completed: Any, task: Callable[[Document], Result], batches: int) -> None:
        self.client, self.completed, self.task = client, completed, task
        self.cap = batches * BATCH  # documents submitted and not yet handed on
        self.pending: dict[Any, tuple[int, list[Document]]] = {}
        self.done: dict[int, Result] = {}
        self.sent = self.handed = 0

    def run(self, documents: Iterator[Document]) -> Iterator[Result]:
        self._fill(documents)
        for future in self.completed:
            self._collect(future)
            while self.handed in self.done:
                yield self.done.pop(self.handed)
                self.handed += 1
            self._fill(documents)

    def _fill(self, documents: Iterator[Document]) -> None:
        while self.sent - self.handed < self.cap:
            batch = [document for _, document in zip(range(BATCH), documents, strict=False)]
            if not batch:
                return
            self._submit(self.sent, batch)
            self.sent += len(batch)

    def _submit(self, first: int, batch: list[Document]) -> None:
        future = self.client.submit(run_batch, self.task, batch, pure=False)
        self.pending[future.key] = (first, batch)
        self.completed.add(future)

    def _collect(self, future: _Future) -> None:
        first, batch = self.pending.pop(future.key)
        try:
            results = future.result()
        except Exception as error:
            if len(batch) > 1:  # find the document: each again on its own
                for offset, document in enumerate(batch):
                    self._submit(first + offset, [document])
                return
            crashed = type(error).__name__ == "KilledWorker"
            kind, message = ("crashed", "the Dask worker died on this document") if crashed else ("internal", f"{type(error).__name__}: {error}")
            log.warning("%s: %s", batch[0].source, message)
            results = [Result(batch[0].source, error_kind=kind, message=message)]
        for offset, result in enumerate(results):
            self.done[first + offset] = result
