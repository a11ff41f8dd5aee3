"""The publisher's manifest (an SQLite database): what sync() renders, keeps, removes and records,
what an interrupted run or an unusable manifest leaves, and memory flat in the number of outputs."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from tmcontent.errors import PublishError
from tmcontent.publish.manifest import MANIFEST, OLD_MANIFEST, Output, fingerprint, sync


def outputs(n: int, *, changed: frozenset[int] = frozenset(), rendered: list[int] | None = None,
            interrupt_at: int | None = None) -> Iterator[Output]:
    """``n`` outputs of one small file each, made as they are asked for; those in ``changed`` have
    another key and other bytes; ``rendered`` collects the numbers of those rendered."""

    def render(number: int) -> dict[str, bytes]:
        if number == interrupt_at:
            raise KeyboardInterrupt
        if rendered is not None:
            rendered.append(number)
        text = f"output {number}" + (" changed" if number in changed else "")
        return {f"d{number % 20}/o{number}.txt": text.encode()}

    for number in range(n):
        yield Output(f"page:{number}", fingerprint(number, number in changed), lambda number=number: render(number))


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file() and p.name != MANIFEST}


def stamp(path: Path) -> tuple[int, bytes]:
    return path.stat().st_mtime_ns, path.read_bytes()


def test_an_unchanged_run_leaves_the_manifest_untouched_and_no_journal(tmp_path: Path) -> None:
    first = sync(tmp_path, outputs(30))
    assert (first.outputs, first.rendered, first.files_written) == (30, 30, 30)
    before = stamp(tmp_path / MANIFEST)
    again = sync(tmp_path, outputs(30))
    assert (again.rendered, again.skipped, again.files_written, again.files_removed) == (0, 30, 0, 0)
    assert stamp(tmp_path / MANIFEST) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [MANIFEST]  # no journal, no temporary file


def test_memory_does_not_grow_with_the_number_of_outputs(tmp_path: Path) -> None:
    """The peak of Python's heap during an unchanged run of 1,000 and of 4,000 outputs: a
    manifest held as a dict of records (the JSON Lines manifest) takes ~1.5 MB more for the
    3,000 more outputs; this one nothing (SQLite's own page cache, bounded, is not traced)."""
    peaks = []
    for n in (1_000, 4_000):
        site = tmp_path / str(n)
        sync(site, outputs(n))
        tracemalloc.start()
        try:
            summary = sync(site, outputs(n))
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
        assert summary.skipped == n and summary.rendered == 0
    assert peaks[1] - peaks[0] < 200_000, peaks


def test_an_interrupted_run_leaves_the_last_manifest(tmp_path: Path) -> None:
    sync(tmp_path, outputs(40))
    before = stamp(tmp_path / MANIFEST)
    changed = frozenset({3, 7, 25, 31})
    rendered: list[int] = []
    with pytest.raises(KeyboardInterrupt):
        sync(tmp_path, outputs(40, changed=changed, rendered=rendered, interrupt_at=25))  # Ctrl-C while rendering output 25
    assert rendered == [3, 7]
    assert (tmp_path / MANIFEST).read_bytes() == before[1]
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [MANIFEST]  # the journal is gone
    rendered.clear()
    after = sync(tmp_path, outputs(40, changed=changed, rendered=rendered))
    assert sorted(rendered) == sorted(changed) and after.rendered == len(changed) and after.skipped == 40 - len(changed)
    assert after.files_written == 2  # 3 and 7 already hold their new bytes: rendered again, not rewritten
    assert site_files(tmp_path)["d11/o31.txt"] == b"output 31 changed"
    assert sync(tmp_path, outputs(40, changed=changed)).rendered == 0


def foreign_database(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
        db.execute("INSERT INTO notes VALUES ('not a manifest')")
    db.close()


def other_version(path: Path) -> None:
    """A manifest of the right tables but another ``user_version``."""
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 2")
    db.close()


@pytest.mark.parametrize("spoil", [
    pytest.param(lambda path: path.write_bytes(b"{not json\x00\xff" * 50), id="garbage"),
    pytest.param(lambda path: path.write_text(json.dumps({"version": 2}) + '\n{"id":"page:0","key":"k","files":[]}\n'), id="json-lines"),
    pytest.param(foreign_database, id="foreign-sqlite"),
    pytest.param(other_version, id="other-version"),
])
def test_an_unusable_manifest_is_replaced(tmp_path: Path, caplog: pytest.LogCaptureFixture, spoil) -> None:
    sync(tmp_path, outputs(12))
    good = site_files(tmp_path)
    spoil(tmp_path / MANIFEST)
    with caplog.at_level(logging.WARNING, logger="tmcontent.publish.manifest"):
        rebuilt = sync(tmp_path, outputs(12))
    assert [r.levelno for r in caplog.records] == [logging.WARNING] and MANIFEST in caplog.records[0].getMessage()
    assert rebuilt.rendered == 12 and rebuilt.files_written == 0 and site_files(tmp_path) == good
    assert sync(tmp_path, outputs(12)).rendered == 0  # replaced by a good one
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [MANIFEST]


def test_files_of_gone_outputs_are_removed_unless_an_output_has_them_now(tmp_path: Path) -> None:
    a = Output("a", "1", lambda: {"shared.txt": b"same", "a-only.txt": b"a"})
    sync(tmp_path, [a, Output("keep", "1", lambda: {"keep.txt": b"k"})])
    (tmp_path / "mine.txt").write_text("not the site's")
    b = Output("b", "1", lambda: {"shared.txt": b"same"})  # a goes, b has its file now
    moved = sync(tmp_path, [b, Output("keep", "1", lambda: {"keep.txt": b"k"})])
    assert (moved.rendered, moved.files_written, moved.files_removed) == (1, 0, 1)
    assert sorted(site_files(tmp_path)) == ["keep.txt", "mine.txt", "shared.txt"]
    fewer = Output("b", "2", lambda: {"b2.txt": b"new"})  # b renders another file: its old one goes
    shrunk = sync(tmp_path, [Output("keep", "1", lambda: {"keep.txt": b"k"}), fewer])
    assert (shrunk.files_written, shrunk.files_removed) == (1, 1)
    assert sorted(site_files(tmp_path)) == ["b2.txt", "keep.txt", "mine.txt"]
    assert sync(tmp_path, [Output("keep", "1", lambda: {"keep.txt": b"k"}), fewer]).rendered == 0


def test_a_file_edited_or_touched_is_checked_by_its_bytes(tmp_path: Path) -> None:
    sync(tmp_path, outputs(5))
    touched, edited = tmp_path / "d1/o1.txt", tmp_path / "d2/o2.txt"
    edited.write_bytes(b"output 9")  # same size, other bytes
    for path in (touched, edited):  # another time: touched keeps its bytes, and its new time is recorded
        later = path.stat().st_mtime_ns + 2 * 10**9
        os.utime(path, ns=(later, later))
    repaired = sync(tmp_path, outputs(5))
    assert (repaired.rendered, repaired.files_written) == (1, 1) and edited.read_bytes() == b"output 2"
    before = stamp(tmp_path / MANIFEST)
    assert sync(tmp_path, outputs(5)).rendered == 0 and stamp(tmp_path / MANIFEST) == before  # nothing left to record


def test_two_outputs_with_one_id_are_an_error_and_change_nothing(tmp_path: Path) -> None:
    sync(tmp_path, outputs(4))
    before = stamp(tmp_path / MANIFEST)
    twice = [*outputs(4, changed=frozenset({1})), Output("page:2", "x", lambda: {"x.txt": b"x"})]
    with pytest.raises(PublishError, match="two outputs with the id 'page:2'"):
        sync(tmp_path, twice)
    assert stamp(tmp_path / MANIFEST)[1] == before[1]
    assert sync(tmp_path, outputs(4, changed=frozenset({1}))).rendered == 1


def test_the_manifest_of_earlier_versions_is_removed(tmp_path: Path) -> None:
    (tmp_path / OLD_MANIFEST).write_text('{"version": 2}\n')
    sync(tmp_path, outputs(3))
    assert not (tmp_path / OLD_MANIFEST).exists() and (tmp_path / MANIFEST).is_file()
