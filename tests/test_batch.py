"""Batch conversion: inputs of every kind, hostile archives, limits, resume after SIGKILL."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

from tmcontent.batch import convert

PAGE = """Press reliz
{title}
{day} mart 2024
Aşgabat, March {day}, 2024: The ministry and the UN country team opened a training centre number {n} for young water specialists from five velayats.
The participants measured soil moisture on three farms and compared the harvest with plots watered by furrow.
"""


def _page(n: int) -> bytes:
    return PAGE.format(title=f"Training centre {n} opens in Mary", day=1 + n % 27, n=n).encode("utf-8")


def _lines(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tmcontent.cli", "convert", "--no-progress", *args], input=stdin,
                          capture_output=True, text=True, check=False)


def test_folder_zip_tar_warc_and_gzip_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes(_page(1))
    (folder / "sub" / "b.txt").write_bytes(_page(2))
    with zipfile.ZipFile(tmp_path / "pages.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("z/c.txt", _page(3))
        archive.writestr("z/d.txt.gz", gzip.compress(_page(4)))
    with tarfile.open(tmp_path / "pages.tar.gz", "w:gz") as archive:
        info = tarfile.TarInfo("t/e.txt")
        info.size = len(_page(5))
        archive.addfile(info, io.BytesIO(_page(5)))
    (tmp_path / "single.txt.gz").write_bytes(gzip.compress(_page(6)))
    warc = tmp_path / "crawl.warc.gz"
    _write_warc(warc, "https://example.org/tk/7", _page(7))
    out = tmp_path / "out"
    summary = convert([str(folder), str(tmp_path / "pages.zip"), str(tmp_path / "pages.tar.gz"), str(tmp_path / "single.txt.gz"), str(warc)], out)
    assert (summary.inputs, summary.articles, summary.failed) == (7, 7, 0)
    sources = [a["source"] for a in _lines(out / "articles.jsonl")]
    assert sources[:2] == [str(folder / "a.txt"), str(folder / "sub" / "b.txt")]
    assert f"{tmp_path / 'pages.zip'}:z/d.txt.gz" in sources
    assert f"{tmp_path / 'pages.tar.gz'}:t/e.txt" in sources
    warc_article = _lines(out / "articles.jsonl")[-1]
    assert warc_article["url"] == "https://example.org/tk/7"
    assert len(_lines(out / "manifest.jsonl")) == 1 + 7  # the job header, then one line per input


def _write_warc(path: Path, uri: str, body: bytes) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))


def test_hostile_archives_write_nothing_outside_and_report_links(tmp_path: Path) -> None:
    archive_path = tmp_path / "evil.tar"
    with tarfile.open(archive_path, "w") as archive:
        for name in ("../../escaped.txt", "/tmp/absolute-escape.txt"):
            info = tarfile.TarInfo(name)
            info.size = len(_page(1))
            archive.addfile(info, io.BytesIO(_page(1)))
        link = tarfile.TarInfo("link.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        archive.addfile(link)
        device = tarfile.TarInfo("dev")
        device.type = tarfile.CHRTYPE
        archive.addfile(device)
    out = tmp_path / "out" / "deep"
    summary = convert([str(archive_path)], out, format="html", locales=("tk",))
    assert summary.articles == 2 and summary.failed == 2
    errors = {e["source"].rsplit(":", 1)[1]: e["error"] for e in _lines(out / "errors.jsonl")}
    assert errors == {"link.txt": "link", "dev": "device"}
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert all(p == "evil.tar" or p.startswith("out/deep/") for p in written)
    assert not Path("/tmp/absolute-escape.txt").exists()


def test_bombs_junk_and_truncated_archives_are_errors(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", b"\0" * 5_000_000)
        archive.writestr("ok.txt", _page(1))
        archive.writestr("junk.bin", bytes(range(256)) * 40)
    good = gzip.compress(_page(2) * 20)
    (tmp_path / "cut.txt.gz").write_bytes(good[: len(good) // 2])
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w:gz") as archive:
        for n in range(3):
            info = tarfile.TarInfo(f"p{n}.txt")
            info.size = len(_page(n) * 30)
            archive.addfile(info, io.BytesIO(_page(n) * 30))
    (tmp_path / "cut.tar.gz").write_bytes(tar_bytes.getvalue()[:-200])
    out = tmp_path / "out"
    result = _cli(str(tmp_path / "bomb.zip"), str(tmp_path / "cut.txt.gz"), str(tmp_path / "cut.tar.gz"), "-o", str(out))
    assert result.returncode == 3, result.stderr
    kinds = {e["source"].rsplit("/", 1)[-1]: e["error"] for e in _lines(out / "errors.jsonl")}
    assert kinds["bomb.zip:zeros.txt"] == "bomb"
    assert kinds["bomb.zip:junk.bin"] == "parse"
    assert kinds["cut.txt.gz"] == "corrupt"
    assert kinds["cut.tar.gz"] == "truncated"
    assert any(a["source"].endswith("bomb.zip:ok.txt") for a in _lines(out / "articles.jsonl"))
    assert "Traceback" not in result.stderr


def test_include_exclude_and_stdin_list(tmp_path: Path) -> None:
    for n in range(4):
        (tmp_path / f"{'keep' if n % 2 else 'skip'}-{n}.txt").write_bytes(_page(n))
    out = tmp_path / "out"
    listing = "\n".join(str(p) for p in sorted(tmp_path.glob("*.txt")))
    result = _cli("-", "-o", str(out), "--include", "keep-*", stdin=listing)
    assert result.returncode == 0
    assert [Path(a["source"]).name for a in _lines(out / "articles.jsonl")] == ["keep-1.txt", "keep-3.txt"]


def test_unwritable_output_is_exit_1(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = _cli(str(tmp_path), "-o", str(blocker / "out"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "cannot write the output folder" in result.stderr


def _archive_of(tmp_path: Path, count: int) -> Path:
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(count):
            archive.writestr(f"p/{n:05d}.txt", _page(n))
        archive.writestr("p/zz-junk.bin", bytes(range(256)) * 8)
    return path


def test_two_jobs_give_the_same_files_as_one(tmp_path: Path) -> None:
    archive = _archive_of(tmp_path, 60)
    convert([str(archive)], tmp_path / "one", jobs=1)
    convert([str(archive)], tmp_path / "two", jobs=2)
    for name in ("articles.jsonl", "errors.jsonl", "manifest.jsonl"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_resume_after_sigkill_gives_the_same_articles(tmp_path: Path) -> None:
    archive = _archive_of(tmp_path, 1500)
    reference = tmp_path / "reference"
    convert([str(archive)], reference)
    out = tmp_path / "killed"
    manifest = out / "manifest.jsonl"
    kills = 0
    for attempt in range(2):
        process = subprocess.Popen([sys.executable, "-m", "tmcontent.cli", "convert", "--no-progress", str(archive), "-o", str(out),
                                    *(["--resume"] if attempt else [])], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seen = manifest.stat().st_size if manifest.exists() else 0
        deadline = time.monotonic() + 30
        while process.poll() is None and time.monotonic() < deadline:
            if manifest.exists() and manifest.stat().st_size > seen:  # it has committed something new
                os.kill(process.pid, signal.SIGKILL)
                kills += 1
                break
            time.sleep(0.01)
        process.wait()
    assert kills >= 1
    assert len(_lines(manifest)) < 1 + 1501  # killed before the end
    result = _cli(str(archive), "-o", str(out), "--resume")
    assert result.returncode == 3  # the junk member
    assert (out / "articles.jsonl").read_bytes() == (reference / "articles.jsonl").read_bytes()
    assert (out / "errors.jsonl").read_bytes() == (reference / "errors.jsonl").read_bytes()
    sources = [m["source"] for m in _lines(out / "manifest.jsonl")[1:]]
    assert len(sources) == len(set(sources)) == 1501


def test_dask_engine_gives_the_same_articles(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    archive = _archive_of(tmp_path, 20)
    convert([str(archive)], tmp_path / "local")
    convert([str(archive)], tmp_path / "dask", engine="dask", jobs=2)
    assert (tmp_path / "dask" / "articles.jsonl").read_bytes() == (tmp_path / "local" / "articles.jsonl").read_bytes()
