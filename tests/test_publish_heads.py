"""The heads store of a publishing run (``tmcontent.publish.heads``): one transaction per run,
nothing per row in memory, and a killed run leaves the last run's store."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

import tmcontent
from tmcontent.model import Article, Block, DateInfo, Label
from tmcontent.publish.heads import FORMER_HEADS, HEADS, READ_AHEAD, HeadStore


def head(number: int, text: str = "") -> dict:
    body = text or f"Habar {number}: täze mekdep açyldy, okuwçylar begenýär."
    return Article(source=f"{number}.html", url=None, page_locale="tk", kind=Label("news"), title=f"Habar {number}", title_lang="tk",
                   published=DateInfo("2024-05-02", "2024-05-02"), blocks=[Block("paragraph", body, "tk")], body_langs=["tk"],
                   id=f"{number:016x}").to_dict()


def digest(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def filled(site: Path, count: int, prefix: str = "line") -> list[str]:
    """A committed store of ``count`` rows; their digests."""
    digests = [digest(f"{prefix} {number}") for number in range(count)]
    with HeadStore(site) as store:
        for number, key in enumerate(digests):
            store.add(key, {"id": f"{number:016x}", "slug": f"habar-{number}"}, head(number))
        store.commit()
    return digests


def state(path: Path) -> tuple[int, bytes]:
    return path.stat().st_mtime_ns, path.read_bytes()


def test_rows_this_run_did_not_use_are_deleted_on_commit(tmp_path: Path) -> None:
    kept, dropped = filled(tmp_path, 3)[:2], digest("line 2")
    with HeadStore(tmp_path) as store:
        places = [store.keep(found[1]) for found in map(store.known, kept) if found is not None]
        new = store.add(digest("new"), {"id": "new"}, head(9))
        assert store.known(digest("new")) == ({"id": "new"}, new)  # a row added this run is known to it
        assert [store.head(place).title for place in [*places, new]] == ["Habar 0", "Habar 1", "Habar 9"]
        store.commit()
    with HeadStore(tmp_path) as store:
        assert [store.known(key) is not None for key in [*kept, digest("new"), dropped]] == [True, True, True, False]


@pytest.mark.parametrize("order", ["same", "edited", "reversed", "shuffled"])
def test_lines_in_any_order_find_their_own_rows(tmp_path: Path, order: str) -> None:
    """The rows read ahead in the last run's order serve an unchanged input; an input in another
    order, or with lines removed, added and repeated, still finds each line's own row."""
    count = 3 * READ_AHEAD
    keys = filled(tmp_path, count)
    numbers = list(range(count))
    if order == "edited":  # lines removed, a new one, a line moved back, a line twice
        numbers = [n for n in numbers if n % 97 != 5]
        numbers[10:10] = [-1]
        numbers.insert(400, 3)
    elif order == "reversed":
        numbers.reverse()
    elif order == "shuffled":
        random.Random(13).shuffle(numbers)
    with HeadStore(tmp_path) as store:
        found = [store.known(keys[n] if n >= 0 else digest("new")) for n in numbers]
        assert [result[0]["id"] if result else None for result in found] == [f"{n:016x}" if n >= 0 else None for n in numbers]
        for result in found:
            if result is not None:
                store.keep(result[1])
        assert [store.head(result[1]).title for result in found[:3] if result is not None] == [f"Habar {n}" for n in numbers[:3] if n >= 0]
        store.commit()
    with HeadStore(tmp_path) as store:
        assert sorted(n for n in range(count) if store.known(keys[n]) is not None) == sorted({n for n in numbers if n >= 0})


def test_a_line_twice_in_one_run_is_one_row(tmp_path: Path) -> None:
    (key,) = filled(tmp_path, 1)
    with HeadStore(tmp_path) as store:
        first, second = store.known(key), store.known(key)
        assert first is not None and first == second
        assert store.keep(first[1]) == store.keep(first[1]) == first[1]
        store.commit()
    with HeadStore(tmp_path) as store:
        assert store.known(key) == first


def test_close_without_commit_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    keys = filled(tmp_path, 5)
    before = state(tmp_path / HEADS)
    with HeadStore(tmp_path) as store:
        store.add(digest("new"), {"id": "new"}, head(9, "x" * 50_000))
        found = store.known(keys[0])
        assert found is not None
        store.keep(found[1])  # the others unused: deleted if it committed
    assert state(tmp_path / HEADS) == before and sorted(p.name for p in tmp_path.iterdir()) == [HEADS]
    with HeadStore(tmp_path) as store:
        assert store.known(digest("new")) is None and all(store.known(key) is not None for key in keys)


def test_a_head_keeps_lone_surrogates(tmp_path: Path) -> None:
    with HeadStore(tmp_path) as store:
        place = store.add(digest("odd"), {"id": "odd", "slug": "a\udc80b"}, head(1, "broken \ud800 text"))
        assert store.head(place).blocks[0].text == "broken \ud800 text"
        store.commit()
    with HeadStore(tmp_path) as store:
        assert store.known(digest("odd")) == ({"id": "odd", "slug": "a\udc80b"}, place)


KILLED_RUN = """
import hashlib, os, signal, sys
from pathlib import Path
from tmcontent.publish.heads import HeadStore
store = HeadStore(Path(sys.argv[1]))
for number in range(4_000):  # 8 MB of heads: more than SQLite's page cache, so it writes into the file
    store.add(hashlib.sha256(b"new %d" % number).hexdigest(), {"id": str(number)}, {"text": "x" * 2_000})
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this system")
def test_a_killed_run_leaves_the_last_runs_store(tmp_path: Path) -> None:
    keys = filled(tmp_path, 500)
    before = (tmp_path / HEADS).read_bytes()
    environment = {**os.environ, "PYTHONPATH": str(Path(tmcontent.__file__).parents[1])}
    killed = subprocess.run([sys.executable, "-c", KILLED_RUN, str(tmp_path)], env=environment, check=False)
    assert killed.returncode == -signal.SIGKILL
    assert (tmp_path / HEADS).read_bytes() != before and (tmp_path / f"{HEADS}-journal").exists()  # half-written, with its journal
    with HeadStore(tmp_path) as store:  # opening plays the journal back
        assert all(store.known(key) is not None for key in keys) and store.known(digest("new 0")) is None
    assert (tmp_path / HEADS).read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == [HEADS]


def peak_of_an_unchanged_run(site: Path, digests: list[str]) -> int:
    """The peak memory Python traced while a store is opened, each of ``digests`` looked up and
    kept, and the store committed."""
    tracemalloc.start()
    try:
        with HeadStore(site) as store:
            for key in digests:
                found = store.known(key)
                assert found is not None
                store.keep(found[1])
            store.commit()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_rows(tmp_path: Path) -> None:
    """An index of every row in memory (~230 bytes a row) would add 1.4 MB from 2,000 to 8,000 rows."""
    peaks = []
    for count in (2_000, 8_000):
        site = tmp_path / str(count)
        site.mkdir()
        digests = filled(site, count)
        peaks.append(peak_of_an_unchanged_run(site, digests))
    assert abs(peaks[1] - peaks[0]) < 300_000, peaks


def test_the_former_heads_file_is_removed_once_a_store_is_committed(tmp_path: Path) -> None:
    (tmp_path / FORMER_HEADS).write_bytes(b"tmcontent-heads 3\n")
    with HeadStore(tmp_path) as store:
        store.add(digest("line"), {"id": "line"}, head(1))
    assert (tmp_path / FORMER_HEADS).exists()  # not committed: nothing changes
    filled(tmp_path, 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == [HEADS]
