"""Fuzz layer of batch conversion: zip and tar archives with arbitrary member names (any bytes,
not UTF-8, ``..``, absolute, very long) and contents. ``convert`` never raises, writes nothing
outside its output folder, keeps every line valid UTF-8 JSON, and accounts for every member:
in the manifest in archive order, in articles.jsonl when it gave articles, in errors.jsonl when
it failed. A WARC file cut or damaged anywhere still gives every record before the damage."""

from __future__ import annotations

import io
import json
import os
import tarfile
import tempfile
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tmcontent.batch import convert
from tmcontent.batch.sources import Limits, iter_documents, load_documents

PAGE = (b"Press reliz\nTraining centre %d opens in Mary\n%d mart 2024\n"
        b"Ashgabat, March 2024: The ministry opened a training centre for young water specialists from five velayats.\n")
SPECIAL_NAMES = [b"..", b"../../escaped.txt", b"/tmp/tmcontent-fuzz-absolute.txt", b"a/" * 120 + b"long.txt",
                 b"caf\xe9.txt", b"\xff\xfe.html", b"./x.txt", b"dir/../../up.txt", b"p.txt.gz", b"-", b" "]

names = st.one_of(
    st.sampled_from(SPECIAL_NAMES),
    st.binary(min_size=1, max_size=60).filter(lambda n: b"\0" not in n and not n.endswith(b"/") and n.strip(b"/")),
)
contents = st.one_of(
    st.integers(0, 50).map(lambda n: PAGE % (n, 1 + n % 27)),
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda t: f"<html><body><h1>{t}</h1><p>{t} {t}</p></body></html>".encode("utf-8", "surrogatepass")),
)
members = st.lists(st.tuples(names, contents), min_size=1, max_size=5)


def _tar(path: Path, items: list[tuple[bytes, bytes]]) -> list[str]:
    with tarfile.open(path, "w", encoding="utf-8", errors="surrogateescape") as archive:
        for name, data in items:
            info = tarfile.TarInfo(os.fsdecode(name))
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return [f"{path}:{os.fsdecode(name)}" for name, _ in items]


def _zip(path: Path, items: list[tuple[bytes, bytes]]) -> list[str]:
    """Names of 8 bytes or more are written as their raw bytes flagged UTF-8 (valid or not: a
    same-length placeholder is replaced in the archive); shorter ones as CP437 text."""
    labels, swaps = [], []
    with zipfile.ZipFile(path, "w") as archive:
        for index, (name, data) in enumerate(items):
            if len(name) >= 8:
                placeholder = f"é{index:02d}".encode() + b"~" * (len(name) - 4)  # "é" is two bytes: flagged UTF-8
                archive.writestr(placeholder.decode(), data)
                swaps.append((placeholder, name))
                labels.append(name.decode("utf-8", "surrogateescape"))
            else:
                archive.writestr(name.decode("cp437"), data)
                labels.append(name.decode("cp437"))
    raw = path.read_bytes()
    for placeholder, name in swaps:
        raw = raw.replace(placeholder, name)
    path.write_bytes(raw)
    return [f"{path}:{label}" for label in labels]


@settings(max_examples=25)
@given(tar_members=members, zip_members=members)
def test_convert_accounts_for_every_member_and_stays_inside_outdir(tar_members: list[tuple[bytes, bytes]],
                                                                   zip_members: list[tuple[bytes, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        expected = _tar(root / "in.tar", tar_members) + _zip(root / "in.zip", zip_members)
        out = root / "out"
        summary = convert([str(root / "in.tar"), str(root / "in.zip")], out, format="md", locales=("en",))
        written = {p for p in root.rglob("*") if p.is_file()}
        assert all(p.parent == root or out in p.parents for p in written)
        assert not Path("/tmp/tmcontent-fuzz-absolute.txt").exists()
        lines = {name: (out / name).read_bytes().decode("utf-8").splitlines() for name in ("articles.jsonl", "errors.jsonl", "manifest.jsonl")}
        entries = [json.loads(line) for line in lines["manifest.jsonl"][1:]]
        assert [e["source"] for e in entries] == expected
        articles = [json.loads(line) for line in lines["articles.jsonl"]]
        errors = [json.loads(line) for line in lines["errors.jsonl"]]
        assert [a["source"] for a in articles] == [e["source"] for e in entries for _ in range(e["articles"])]
        assert [e["source"] for e in errors] == [e["source"] for e in entries if e["status"] == "failed"]
        assert summary.inputs == len(expected) and summary.articles == len(articles)
        assert len({a["id"] for a in articles}) == len(articles)
        rendered, position = [], 0  # one file per article of each input that did not fail
        for entry in entries:
            if entry["status"] != "failed":
                rendered += [a["id"] for a in articles[position:position + entry["articles"]]]
            position += entry["articles"]
        assert sorted(p.stem for p in (out / "en").glob("*.md")) == sorted(rendered)


def _warc_record(n: int) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + PAGE % (n, n)
    head = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/%d\r\nContent-Length: %d\r\n\r\n" % (n, len(http))
    return head + http + b"\r\n\r\n"


@given(cut=st.integers(0, 10_000), flip=st.one_of(st.none(), st.integers(0, 10_000)), compressed=st.booleans())
def test_a_damaged_warc_keeps_every_record_before_the_damage(cut: int, flip: int | None, compressed: bool) -> None:
    import gzip

    records = [_warc_record(n) for n in range(4)]
    data = b"".join(records)
    cut = min(cut, len(data))
    damaged = bytearray(data[:cut])
    if flip is not None and flip < len(damaged):
        damaged[flip] ^= 0x55
    first_damage = min(cut, flip if flip is not None and flip < cut else cut)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("crawl.warc.gz" if compressed else "crawl.warc")
        path.write_bytes(b"".join(gzip.compress(bytes(damaged[sum(map(len, records[:n])):sum(map(len, records[:n + 1]))]))
                                  for n in range(4)) if compressed else bytes(damaged))
        documents = list(iter_documents([str(path)]))
    assert all((d.data is None) != (d.error_kind is None) for d in documents)
    whole = [n for n in range(4) if sum(map(len, records[:n + 1])) <= first_damage]
    urls = [d.url for d in documents if d.data is not None]
    assert urls[: len(whole)] == [f"https://example.org/{n}" for n in whole]


@settings(max_examples=30)
@given(tar_members=members, zip_members=members, cut=st.one_of(st.none(), st.integers(0, 4000)), gzipped=st.integers(0, 4))
def test_members_read_later_from_references_are_what_the_listing_reads(tar_members: list[tuple[bytes, bytes]], zip_members: list[tuple[bytes, bytes]],
                                                                       cut: int | None, gzipped: int) -> None:
    """What a Dask worker reads from a member reference (zip, uncompressed tar) is what the
    listing would have read, under tight limits and in archives cut anywhere."""
    import gzip

    zip_members = [(name + b".gz", gzip.compress(data)) if n == gzipped else (name, data) for n, (name, data) in enumerate(zip_members)]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _tar(root / "in.tar", tar_members)
        _zip(root / "in.zip", zip_members)
        if cut is not None:
            for name in ("in.tar", "in.zip"):
                (root / name).write_bytes((root / name).read_bytes()[:cut])
        inputs, limits = [str(root / "in.tar"), str(root / "in.zip")], Limits(max_bytes=250, max_ratio=3.0)
        listed = list(iter_documents(inputs, limits=limits, refs=True))
        assert load_documents(listed) == list(iter_documents(inputs, limits=limits))
