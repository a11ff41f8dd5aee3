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
from tmcontent.batch.sources import Limits, iter_documents, load_documents

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


def test_members_listed_as_references_are_read_as_the_listing_reads_them(tmp_path: Path) -> None:
    """What the Dask workers do: the listing gives zip and uncompressed tar members as references,
    and reading them later gives the same documents, errors included."""
    with zipfile.ZipFile(tmp_path / "a.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("p/1.txt", _page(1))
        archive.writestr("p/2.txt.gz", gzip.compress(_page(2)))
        archive.writestr("p/bad.txt.gz", b"not gzip")
        archive.writestr("p/bomb.txt", b"\0" * 50_000)
        archive.writestr("p/huge.txt", _page(3) * 400)
    tar = io.BytesIO()
    with tarfile.open(fileobj=tar, mode="w") as archive:
        for name, data in (("t/4.txt", _page(4)), ("t/5.txt.gz", gzip.compress(_page(5))), ("t/6.txt", _page(6) * 3)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    tar.seek(0)
    with tarfile.open(fileobj=tar) as archive:
        cut = archive.getmember("t/6.txt").offset_data + 100
    (tmp_path / "b.tar").write_bytes(tar.getvalue()[:cut])  # the last member cut short
    with tarfile.open(tmp_path / "c.tar.gz", "w:gz") as archive:
        info = tarfile.TarInfo("g/7.txt")
        info.size = len(_page(7))
        archive.addfile(info, io.BytesIO(_page(7)))
    inputs = [str(tmp_path / name) for name in ("a.zip", "b.tar", "c.tar.gz")]
    limits = Limits(max_bytes=100_000)
    listed = list(iter_documents(inputs, limits=limits, refs=True))
    direct = list(iter_documents(inputs, limits=limits))
    assert [d.source.rsplit(":", 1)[-1] for d in listed if d.member] == ["p/1.txt", "p/2.txt.gz", "p/bad.txt.gz", "p/bomb.txt", "t/4.txt", "t/5.txt.gz"]
    assert load_documents(listed) == direct
    assert {d.error_kind for d in direct} == {None, "corrupt", "bomb", "too_large", "truncated"}
    (tmp_path / "a.zip").unlink()  # gone by the time a worker looks
    first = load_documents(listed[:1])[0]
    assert (first.error_kind, first.source) == ("unreadable", f"{inputs[0]}:p/1.txt")


# --- names that are not UTF-8 ---------------------------------------------------------------


def _cli_bytes(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "tmcontent.cli", "convert", "--no-progress", *args], input=stdin,
                          capture_output=True, check=False)


def test_names_that_are_not_utf8_are_kept_and_resume(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    latin = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 file name, as the file system gives it
    (folder / latin).write_bytes(_page(1))
    listed = tmp_path / os.fsdecode(b"list\xe9d.txt")
    listed.write_bytes(_page(2))
    with tarfile.open(tmp_path / "latin.tar", "w", encoding="utf-8", errors="surrogateescape") as archive:
        for n, name in enumerate((b"\xe9t\xe9.txt", b"ok.txt")):
            info = tarfile.TarInfo(os.fsdecode(name))
            info.size = len(_page(3 + n))
            archive.addfile(info, io.BytesIO(_page(3 + n)))
    stdin = b"\n".join(os.fsencode(p) for p in (folder, listed, tmp_path / "latin.tar")) + b"\n"
    out = tmp_path / "out"
    result = _cli_bytes("-", "-o", str(out), stdin=stdin)
    assert result.returncode == 0, result.stderr
    text = (out / "articles.jsonl").read_bytes().decode("utf-8")  # still valid UTF-8
    names = [os.fsencode(json.loads(line)["source"]) for line in text.splitlines()]
    assert names == [os.fsencode(folder / latin), os.fsencode(listed), os.fsencode(tmp_path / "latin.tar") + b":\xe9t\xe9.txt",
                     os.fsencode(tmp_path / "latin.tar") + b":ok.txt"]
    reference = (out / "articles.jsonl").read_bytes()
    manifest = (out / "manifest.jsonl").read_bytes().splitlines(keepends=True)
    (out / "manifest.jsonl").write_bytes(b"".join(manifest[:3]))  # as if stopped after two inputs
    resumed = _cli_bytes("-", "-o", str(out), "--resume", stdin=stdin)
    assert resumed.returncode == 0, resumed.stderr
    assert (out / "articles.jsonl").read_bytes() == reference
    assert json.loads(resumed.stderr.decode().splitlines()[-1])["skipped"] == 2


# --- WARC records -----------------------------------------------------------------------------


def _record(uri: bytes | None, body: bytes, *, extra: int = 0, cut: int = 0, content_type: bytes = b"text/html; charset=utf-8") -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type + b"\r\n\r\n" + body
    fields = [b"WARC/1.0", b"WARC-Type: response", b"WARC-Record-ID: <urn:uuid:%d>" % len(body), b"WARC-Date: 2024-03-01T10:00:00Z"]
    if uri is not None:
        fields.append(b"WARC-Target-URI: " + uri)
    fields += [b"Content-Type: application/http; msgtype=response", b"Content-Length: %d" % (len(http) + extra)]
    record = b"\r\n".join(fields) + b"\r\n\r\n" + http + b"\r\n\r\n"
    return record[: len(record) - cut] if cut else record


def test_damaged_warc_records_are_one_error_each_and_the_rest_converted(tmp_path: Path) -> None:
    plain = tmp_path / "crawl.warc"
    plain.write_bytes(b"".join((
        _record(b"https://example.org/1", _page(1)),
        _record(None, _page(2)),                                  # no WARC-Target-URI
        _record(b"https://example.org/huge", _page(3), extra=10**9),  # claims a gigabyte
        _record(b"https://example.org/4", _page(4)),
        _record(b"https://example.org/long", _page(5), extra=120),    # runs into the next record
        _record(b"https://example.org/6", _page(6)),
        _record(b"https://example.org/photo.jpg", b"\xff" * 9000, content_type=b"image/jpeg"),  # big, not a page: skipped
        _record(b"https://example.org/big", _page(10) * 30),           # a page over --max-bytes
        _record(b"https://example.org/cut", _page(7), cut=300),       # the file ends inside it
    )))
    compressed = tmp_path / "cut.warc.gz"
    second = gzip.compress(_record(b"https://example.org/9", _page(9)))
    compressed.write_bytes(gzip.compress(_record(b"https://example.org/8", _page(8))) + second[: len(second) // 2])
    out = tmp_path / "out"
    result = _cli(str(plain), str(compressed), "-o", str(out), "--max-bytes", "8000")
    assert result.returncode == 3, result.stderr
    assert [a["url"] for a in _lines(out / "articles.jsonl")] == [f"https://example.org/{n}" for n in (1, 4, 6, 8)]
    errors = [(e["source"].rsplit("/", 1)[-1], e["error"]) for e in _lines(out / "errors.jsonl")]
    assert errors == [("crawl.warc:1:", "damaged"), ("huge", "damaged"), ("long", "damaged"), ("big", "too_large"), ("cut", "damaged"),
                      ("9", "truncated")]
    assert "Traceback" not in result.stderr


# --- one job per output folder ------------------------------------------------------------------


def test_a_second_job_on_a_locked_folder_stops_in_one_line(tmp_path: Path) -> None:
    archive = _archive_of(tmp_path, 800)
    out = tmp_path / "out"
    first = subprocess.Popen([sys.executable, "-m", "tmcontent.cli", "convert", "--no-progress", str(archive), "-o", str(out)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not (out / "manifest.jsonl").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(first.pid, signal.SIGSTOP)  # holds the folder, mid-job, however fast this machine is
    try:
        second = _cli(str(archive), "-o", str(out))
    finally:
        os.kill(first.pid, signal.SIGCONT)
    _, first_err = first.communicate()
    assert first.returncode == 3, first_err  # it finished (its junk member is the only failure)
    assert second.returncode == 1
    assert second.stderr.count("\n") == 1 and "another tmcontent convert is writing to this folder" in second.stderr
    assert len(_lines(out / "articles.jsonl")) == 800  # every line whole, none twice
    assert _cli(str(archive), "-o", str(out), "--resume").returncode == 3  # the lock went with the first process


# --- resume verifies the manifest -----------------------------------------------------------


def test_resume_repairs_truncated_or_edited_outputs(tmp_path: Path) -> None:
    archive = _archive_of(tmp_path, 200)
    reference = tmp_path / "reference"
    convert([str(archive)], reference)
    for damage in ("truncate", "edit"):
        out = tmp_path / damage
        convert([str(archive)], out)
        articles = out / "articles.jsonl"
        data = articles.read_bytes()
        if damage == "truncate":
            articles.write_bytes(data[: len(data) * 2 // 5])  # cut inside a line
        else:
            middle = len(data) // 2
            articles.write_bytes(data[:middle] + b"X" + data[middle + 1:])  # same length, one byte changed
        summary = convert([str(archive)], out, resume=True)
        assert 0 < summary.skipped < 201
        assert articles.read_bytes() == (reference / "articles.jsonl").read_bytes()
        assert (out / "manifest.jsonl").read_bytes() == (reference / "manifest.jsonl").read_bytes()


def test_resume_refuses_other_inputs_or_options_in_one_line(tmp_path: Path) -> None:
    archive = _archive_of(tmp_path, 5)
    other = tmp_path / "other.txt"
    other.write_bytes(_page(99))
    out = tmp_path / "out"
    convert([str(archive)], out)
    before = {name: (out / name).read_bytes() for name in ("articles.jsonl", "errors.jsonl", "manifest.jsonl")}
    for extra in ([str(other)], ["--format", "md"]):
        result = _cli(str(archive), *extra, "-o", str(out), "--resume")
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1 and "cannot resume" in result.stderr and str(out) in result.stderr
    assert {name: (out / name).read_bytes() for name in before} == before


def test_resume_refuses_when_a_folder_input_changed_before_the_resume_point(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in (1, 2, 3):
        (folder / f"p{n}.txt").write_bytes(_page(n))
    out = tmp_path / "out"
    convert([str(folder)], out)
    (folder / "p0.txt").write_bytes(_page(0))  # sorts first: every position moves
    result = _cli(str(folder), "-o", str(out), "--resume")
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "inputs changed" in result.stderr


# --- output folder inside an input -------------------------------------------------------------


def test_an_output_folder_inside_the_input_folder_is_not_read(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"p{n}.txt").write_bytes(_page(n))
    out = tmp_path / "out"
    for _ in range(2):  # the second run finds the first one's outputs inside its input
        summary = convert([str(tmp_path)], out, format="md", locales=("en",))
        assert (summary.inputs, summary.articles, summary.failed) == (3, 3, 0)
    assert all("/out/" not in a["source"] for a in _lines(out / "articles.jsonl"))


# --- ids unique per input position ---------------------------------------------------------


def test_identical_inputs_get_distinct_deterministic_ids_and_files(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(_page(1))
    with tarfile.open(tmp_path / "dup.tar", "w") as archive:
        for _ in range(2):  # the same name and content twice
            info = tarfile.TarInfo("same.txt")
            info.size = len(_page(2))
            archive.addfile(info, io.BytesIO(_page(2)))
    runs = []
    for name in ("a", "b"):
        convert([str(page), str(page), str(tmp_path / "dup.tar")], tmp_path / name, format="json", locales=("en",))
        runs.append([a["id"] for a in _lines(tmp_path / name / "articles.jsonl")])
    ids = runs[0]
    assert len(ids) == len(set(ids)) == 4
    assert runs[0] == runs[1]  # deterministic
    assert sorted(p.stem for p in (tmp_path / "a" / "en").glob("*.json")) == sorted(ids)
    for article_id in ids:  # each file is its own article
        assert json.loads((tmp_path / "a" / "en" / f"{article_id}.json").read_text(encoding="utf-8"))["id"] == article_id


# --- a render error is one document's error ----------------------------------------------


def test_a_render_error_in_a_worker_is_one_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tmcontent.batch.worker as worker
    from tmcontent.errors import RenderError

    real = worker.render

    def failing(article, **options):  # type: ignore[no-untyped-def]
        if "centre 2 " in (article.title or ""):
            raise RenderError("template broke", source=article.source)
        return real(article, **options)

    monkeypatch.setattr(worker, "render", failing)  # the workers are forked: they inherit it
    for n in range(4):
        (tmp_path / f"p{n}.txt").write_bytes(_page(n))
    out = tmp_path / "out"
    summary = convert([str(p) for p in sorted(tmp_path.glob("*.txt"))], out, format="html", locales=("en",), jobs=2)
    assert (summary.inputs, summary.failed) == (4, 1)
    errors = _lines(out / "errors.jsonl")
    assert [(Path(e["source"]).name, e["error"]) for e in errors] == [("p2.txt", "render")]
    assert len(list((out / "en").glob("*.html"))) == 3


# --- stderr, Ctrl-C, timeouts --------------------------------------------------------------


def test_a_missing_input_is_said_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_bytes(_page(1))
    missing = tmp_path / "nope.zip"
    result = _cli(str(tmp_path / "p.txt"), str(missing), "-o", str(tmp_path / "out"))
    assert result.returncode == 3
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and str(missing) in lines[0] and "no such file" in lines[0]


def test_ctrl_c_with_two_jobs_stops_quietly_and_resumes(tmp_path: Path) -> None:
    archive = _archive_of(tmp_path, 1500)
    reference = tmp_path / "reference"
    convert([str(archive)], reference)
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "tmcontent.cli", "convert", "--no-progress", "--jobs", "2", str(archive),
                                "-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    manifest = out / "manifest.jsonl"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (manifest.exists() and manifest.stat().st_size > 2000):
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal does: the whole foreground group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr == "tmcontent: interrupted; resume with --resume\n"
    assert _cli(str(archive), "-o", str(out), "--resume").returncode == 3
    for name in ("articles.jsonl", "errors.jsonl", "manifest.jsonl"):
        assert (out / name).read_bytes() == (reference / name).read_bytes()


SLOW_SECONDS = 60.0


def _slow_on_marked(document):  # type: ignore[no-untyped-def]
    """A task for the engine: instant, except on the document named "slow"."""
    from tmcontent.batch.worker import Result

    if document.source == "slow":
        time.sleep(SLOW_SECONDS)
    return Result(document.source, (json.dumps({"source": document.source}),))


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_engine_stops_a_document_over_its_timeout(jobs: int) -> None:
    from tmcontent.batch.engines import run_local
    from tmcontent.batch.sources import Document

    names = [f"d{n}" for n in range(10)] + ["slow"] + [f"e{n}" for n in range(10)]
    started = time.monotonic()
    results = list(run_local((Document(name, data=b"x") for name in names), _slow_on_marked, jobs, timeout=0.5))
    elapsed = time.monotonic() - started
    assert [r.source for r in results] == names  # input order kept
    assert [r.error_kind for r in results] == [None] * 10 + ["timeout"] + [None] * 10
    assert elapsed < SLOW_SECONDS / 4  # stopped near its timeout, not when the document finished


# --- command line: locales, verbosity ----------------------------------------------------


def test_locale_option_repeats_and_takes_commas_without_swallowing_inputs(tmp_path: Path) -> None:
    from tmcontent.cli import build_parser

    args = build_parser().parse_args(["convert", "--locale", "tk", "in.zip", "-o", "out", "--locale", "ru,en"])
    assert args.inputs == ["in.zip"] and args.locale == ["tk", "ru", "en"]
    (tmp_path / "p.txt").write_bytes(_page(1))
    out = tmp_path / "out"
    result = _cli("--format", "md", "--locale", "tk", "--locale", "ru,en", str(tmp_path / "p.txt"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["en", "ru", "tk"]


def _tm(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tmcontent.cli", *args], capture_output=True, text=True, check=False)


def test_quiet_and_verbose(tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_bytes(_page(1))
    quiet = _tm("convert", "-q", str(page), "-o", str(tmp_path / "q"))
    assert quiet.returncode == 0 and quiet.stderr == ""
    normal = _tm("convert", str(page), "-o", str(tmp_path / "n"))
    assert normal.stderr.count("\n") == 1  # the summary only
    verbose = _tm("convert", "-v", str(page), "-o", str(tmp_path / "v"))
    assert "INFO: reading input 1/1" in verbose.stderr and "DEBUG" not in verbose.stderr
    debug = _tm("-vv", "convert", str(page), "-o", str(tmp_path / "d"))
    assert "DEBUG" in debug.stderr and "1 article(s)" in debug.stderr
    parsed = _tm("parse", "-v", str(page))
    assert "INFO" in parsed.stderr and "1 article(s)" in parsed.stderr
    assert "DEBUG" not in parsed.stderr and "INFO" not in _tm("parse", str(page)).stderr


def test_progress_without_a_terminal_is_info_with_done_and_total(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    import tmcontent.batch as batch

    monkeypatch.setattr(batch, "LOG_EVERY", 0.0)
    for n in range(2):
        (tmp_path / f"p{n}.txt").write_bytes(_page(n))
    with caplog.at_level("INFO", logger="tmcontent"):
        convert([str(tmp_path / "p0.txt"), str(tmp_path / "p1.txt")], tmp_path / "out", progress=False)
    progress = [r for r in caplog.records if r.getMessage().startswith("converted ")]
    assert progress and all(r.levelname == "INFO" for r in progress)
    assert "reading input 2/2" in progress[-1].getMessage()


def _dies_on_marked(document):  # type: ignore[no-untyped-def]
    """A task for the engine whose process dies (as under the OOM killer) on the document "die"."""
    from tmcontent.batch.worker import Result

    if document.source == "die":
        os._exit(9)
    return Result(document.source, (json.dumps({"source": document.source}),))


def test_a_worker_that_dies_costs_only_its_document() -> None:
    from tmcontent.batch.engines import run_local
    from tmcontent.batch.sources import Document

    names = ["a", "b", "die", "c", "d", "die", "e"]
    results = list(run_local((Document(name, data=b"x") for name in names), _dies_on_marked, 2, timeout=None))
    assert [(r.source, r.error_kind) for r in results] == [(n, "crashed" if n == "die" else None) for n in names]


def test_zip_names_flagged_utf8_that_are_not_are_kept(tmp_path: Path) -> None:
    built = io.BytesIO()
    with zipfile.ZipFile(built, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("éAAA.txt", _page(1))  # not ASCII: written with the UTF-8 flag
        archive.writestr("ok.txt", _page(2))
    data = built.getvalue().replace("é".encode(), b"\xff\xfe")  # same length, now not UTF-8, still flagged
    for name, prefix in (("bad.zip", b""), ("self-extracting.zip", b"#!/bin/sh\nexit 0\n")):
        (tmp_path / name).write_bytes(prefix + data)
        out = tmp_path / f"out-{name}"
        summary = convert([str(tmp_path / name)], out)
        assert (summary.inputs, summary.articles, summary.failed) == (2, 2, 0)
        sources = [os.fsencode(a["source"]) for a in _lines(out / "articles.jsonl")]
        assert sources == [os.fsencode(tmp_path / name) + b":\xff\xfeAAA.txt", os.fsencode(tmp_path / name) + b":ok.txt"]


def test_every_rendering_format_is_a_convert_format_named_by_its_extension(tmp_path: Path) -> None:
    from tmcontent.errors import ConvertError
    from tmcontent.render import FORMATS, render

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "p.txt").write_bytes(_page(1))
    for format in FORMATS:
        out = tmp_path / format
        convert([str(tmp_path / "in")], out, format=format, locales=("tk",))
        (written,) = (out / "tk").iterdir()
        (article,) = _lines(out / "articles.jsonl")
        assert written.name == f"{article['id']}.{format}"
        assert written.read_text(encoding="utf-8") == render(article, locale="tk", format=format)
    with pytest.raises(ConvertError, match="unknown format 'pdf'; use one of jsonl, json, html, md, jsonld"):
        convert([str(tmp_path / "in")], tmp_path / "pdf", format="pdf")
    refused = _cli(str(tmp_path / "in"), "-o", str(tmp_path / "cli"), "--format", "pdf")
    assert refused.returncode == 2 and "choose from 'jsonl', 'json', 'html', 'md', 'jsonld'" in refused.stderr


def test_a_ctrl_c_while_a_worker_starts_is_held_back_not_lost() -> None:
    from tmcontent.batch.engines import _sigint_blocked

    delivered = []
    with pytest.raises(KeyboardInterrupt), _sigint_blocked():  # the pending signal is delivered once unblocked
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        delivered.append("inside")  # not interrupted here: a worker forked now is born with SIGINT blocked
    assert delivered == ["inside"]
