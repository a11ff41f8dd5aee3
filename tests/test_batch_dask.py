"""The Dask engine: the same output files as the local engine, byte for byte (folders, zips,
tars, WARC; errors included), on a cluster it starts and on one started apart (``--scheduler``),
members read by the workers where they reach the archive and shipped as bytes where they do
not, resume, and a worker that dies costing only its document."""

from __future__ import annotations

import gzip
import io
import shutil
import tarfile
import zipfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="dask[distributed] is not installed (pip install 'tmcontent[dask]'): Dask engine tests skipped")

from distributed import LocalCluster

from tmcontent.batch import (
    convert,
    dask_engine,
)
from tmcontent.batch.sources import Document, iter_documents
from tmcontent.batch.worker import Result

PAGE = """Press reliz
Water centre {n} opens in Mary
{day} mart 2024
Aşgabat, March {day}, 2024: The ministry opened training centre number {n} for young water specialists from five velayats.
Participants measured soil moisture on three farms and compared the harvest with plots watered by furrow.
"""
MAX_BYTES = 200_000


def _page(n: int) -> bytes:
    return PAGE.format(n=n, day=1 + n % 27).encode("utf-8")


def _inputs(root: Path) -> list[str]:
    """A folder, a zip, an uncompressed tar, a tar.gz and a WARC, each with documents that fail."""
    folder = root / "pages"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_bytes(_page(n))
    (folder / "junk.bin").write_bytes(bytes(range(256)) * 4)
    with zipfile.ZipFile(root / "pages.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(3, 40):
            archive.writestr(f"z/{n:03d}.txt", _page(n))
        archive.writestr("z/packed.txt.gz", gzip.compress(_page(40)))
        archive.writestr("z/bad.txt.gz", b"\x1f\x8b not gzip at all")
        archive.writestr("z/bomb.txt", b"\0" * 150_000)  # deflates over 100x
        archive.writestr("z/huge.txt", _page(41) * 1000)  # over MAX_BYTES
    with tarfile.open(root / "pages.tar", "w") as archive:
        for n in range(42, 60):
            _add(archive, f"t/{n}.txt", _page(n))
        _add(archive, "t/packed.txt.gz", gzip.compress(_page(60)))
        link = tarfile.TarInfo("t/link.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        archive.addfile(link)
    with tarfile.open(root / "pages.tar.gz", "w:gz") as archive:
        for n in range(61, 66):
            _add(archive, f"g/{n}.txt", _page(n))
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    records = [(b"https://example.org/%d" % n, http + _page(n)) for n in range(66, 69)] + [(b"", http + _page(69))]
    (root / "crawl.warc").write_bytes(b"".join(
        b"WARC/1.0\r\nWARC-Type: response\r\n" + (b"WARC-Target-URI: " + uri + b"\r\n" if uri else b"")
        + b"Content-Length: %d\r\n\r\n" % len(block) + block + b"\r\n\r\n" for uri, block in records))
    return [str(folder), str(root / "pages.zip"), str(root / "pages.tar"), str(root / "pages.tar.gz"), str(root / "crawl.warc")]


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file() and p.name != ".lock"}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return _inputs(tmp_path_factory.mktemp("inputs"))


@pytest.fixture(scope="module")
def reference(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The local engine's output: what every Dask run must give, byte for byte."""
    out = tmp_path_factory.mktemp("local") / "out"
    summary = convert(inputs, out, jobs=2, locales=("tk",), max_bytes=MAX_BYTES)
    assert summary.failed == 6  # junk, bad gzip, bomb, huge, link, the record without a target
    return out


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """A cluster started apart, as `dask scheduler` + `dask worker` would be: two worker processes."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as started:
        yield started


@pytest.fixture
def client_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources whose bytes the client read and shipped (workers run their own, unpatched copy)."""
    read: list[str] = []
    real = dask_engine.load_documents

    def counting(documents: list[Document]) -> list[Document]:
        read.extend(d.source for d in documents if d.member is not None or d.path is not None)
        return real(documents)

    monkeypatch.setattr(dask_engine, "load_documents", counting)
    return read


def test_a_local_dask_cluster_gives_the_local_engines_files(inputs: list[str], reference: Path, tmp_path: Path) -> None:
    summary = convert(inputs, tmp_path / "out", engine="dask", jobs=2, locales=("tk",), max_bytes=MAX_BYTES)
    assert summary.failed == 6
    assert _files(tmp_path / "out") == _files(reference)
    assert len(_files(reference)) > 60  # articles, errors, manifest and one tk file per article


def test_a_cluster_started_apart_reads_the_members_itself(inputs: list[str], reference: Path, tmp_path: Path, cluster: LocalCluster,
                                                          client_reads: list[str]) -> None:
    convert(inputs, tmp_path / "out", engine="dask", scheduler=cluster.scheduler_address, locales=("tk",), max_bytes=MAX_BYTES)
    assert _files(tmp_path / "out") == _files(reference)
    assert client_reads == []  # folder files, zip and tar members went as references


def test_workers_that_do_not_see_the_archive_get_its_bytes(inputs: list[str], reference: Path, tmp_path: Path, cluster: LocalCluster,
                                                           client_reads: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dask_engine, "_Reach", partial(dask_engine._Reach, identity=lambda path: (0, 0)))  # the client sees other files
    convert(inputs, tmp_path / "out", engine="dask", scheduler=cluster.scheduler_address, locales=("tk",), max_bytes=MAX_BYTES)
    assert _files(tmp_path / "out") == _files(reference)
    assert f"{inputs[1]}:z/003.txt" in client_reads and f"{inputs[2]}:t/42.txt" in client_reads
    assert f"{inputs[0]}/0.txt" in client_reads


def test_workers_see_the_same_archive_as_the_client(inputs: list[str], cluster: LocalCluster) -> None:
    from distributed import Client

    with Client(cluster.scheduler_address) as client:
        member = next(iter_documents([inputs[1]], refs=True))
        assert member.member is not None and member.data is None
        assert dask_engine._Reach(client, own_cluster=False)(member)
        assert not dask_engine._Reach(client, own_cluster=False, identity=lambda path: (1, 2))(member)


def test_a_dask_job_resumes_a_local_one(inputs: list[str], reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    manifest = (out / "manifest.jsonl").read_bytes().splitlines(keepends=True)
    (out / "manifest.jsonl").write_bytes(b"".join(manifest[:1 + 20]))  # killed after 20 documents were committed
    summary = convert(inputs, out, engine="dask", jobs=2, locales=("tk",), max_bytes=MAX_BYTES, resume=True)
    assert summary.skipped == 20
    assert _files(out) == _files(reference)


def _dies_on_marked(document: Document) -> Result:
    import os

    if document.source.endswith("die"):
        os._exit(1)
    return Result(document.source, articles=(document.source,))


def test_a_dask_worker_that_dies_costs_only_its_document() -> None:
    import sys

    import cloudpickle
    import dask

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module
    names = [f"doc-{n}" for n in range(40)]
    names[21] += "-die"
    # no retry of a task whose worker died, and only the running task on a worker (none queued
    # there to die with it): the first death is the marked document's batch, the second its own task
    with dask.config.set({"distributed.scheduler.allowed-failures": 0, "distributed.scheduler.worker-saturation": 1.0}):
        results = list(dask_engine.run_dask(iter(Document(name, data=b"x") for name in names), _dies_on_marked, None, 2))
    assert [r.source for r in results] == names
    assert [r.error_kind for r in results] == [None] * 21 + ["crashed"] + [None] * 18


def test_a_scheduler_nobody_answers_at_is_one_clear_error(tmp_path: Path) -> None:
    import dask

    from tmcontent.errors import ConvertError

    page = tmp_path / "a.txt"
    page.write_bytes(_page(1))
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}), pytest.raises(ConvertError) as raised:
        convert([str(page)], tmp_path / "out", engine="dask", scheduler="tcp://127.0.0.1:9")
    assert "tcp://127.0.0.1:9" in str(raised.value) and "\n" not in str(raised.value)
    with pytest.raises(ConvertError, match="add --engine dask"):
        convert([str(page)], tmp_path / "out2", scheduler="tcp://127.0.0.1:9")
