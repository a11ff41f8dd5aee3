"""Benchmark: tmcontent convert on generated archives, with 1 and 2 jobs, memory, and trafilatura.

Run:  python benchmarks/bench_batch.py [--pages 3000]

Generates HTML news pages (benchmarks/generated.py), stores them as a folder and a
zip, and prints: pages/s of `tmcontent convert` with --jobs 1 and 2 (and the ratio), the peak
memory (max RSS of the converting process) on zips of 1,000 and 10,000 pages, and the same
folder through `trafilatura --input-dir … --parallel 2` for comparison. Every run is a separate
process started the same way.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated import page, sentences


def make_pages(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pool = sentences()
    return [page(rng, pool, n)[0] for n in range(count)]


def write_folder(pages: list[str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n, html in enumerate(pages):
        (folder / f"{n:06d}.html").write_text(html, encoding="utf-8")


def write_zip(pages: list[str], path: Path, repeat: int = 1) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for r in range(repeat):
            for n, html in enumerate(pages):
                archive.writestr(f"p/{r:03d}-{n:06d}.html", html)


#: Runs a command and prints the peak RSS (KB) of its process tree's largest process.
PEAK_PROBE = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def timed_run(command: list[str]) -> tuple[float, int]:
    """(seconds, peak RSS in MB) for one command, measured in a fresh probe process."""
    start = time.perf_counter()
    probe = subprocess.run([sys.executable, "-c", PEAK_PROBE, *command], check=False, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    return seconds, int(probe.stdout.strip() or 0) // 1024


def convert_command(inputs: Path, out: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "tmcontent.cli", "convert", "--no-progress", str(inputs), "-o", str(out), "--jobs", str(jobs)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=3000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tmcontent-bench-"))
    try:
        pages = make_pages(args.pages, 3)
        folder = work / "pages"
        write_folder(pages, folder)
        print(f"{len(pages)} generated pages, {sum(map(len, pages)) / 1e6:.1f} MB in {folder}")
        one, _ = timed_run(convert_command(folder, work / "out1", 1))
        two, _ = timed_run(convert_command(folder, work / "out2", 2))
        same = (work / "out1" / "articles.jsonl").read_bytes() == (work / "out2" / "articles.jsonl").read_bytes()
        print(f"tmcontent convert --jobs 1: {len(pages) / one:7.0f} pages/s ({one:.1f} s)")
        print(f"tmcontent convert --jobs 2: {len(pages) / two:7.0f} pages/s ({two:.1f} s); 2 jobs = {one / two:.2f}x 1 job; identical output: {same}")
        trafilatura = shutil.which("trafilatura") or str(Path(sys.executable).with_name("trafilatura"))
        if Path(trafilatura).exists():
            (work / "traf").mkdir()
            seconds, _ = timed_run([trafilatura, "--input-dir", str(folder), "--output-dir", str(work / "traf"), "--parallel", "2"])
            print(f"trafilatura --input-dir --parallel 2: {len(pages) / seconds:7.0f} pages/s ({seconds:.1f} s); tmcontent --jobs 2 is {seconds / two:.2f}x its speed")
        else:
            print("trafilatura CLI not installed: pip install '.[bench]'")
        small = make_pages(1000, 4)
        for repeat in (1, 10):
            archive = work / f"pages-{repeat}.zip"
            write_zip(small, archive, repeat)
            seconds, peak = timed_run(convert_command(archive, work / f"mem{repeat}", 1))
            print(f"zip of {1000 * repeat:6d} pages, --jobs 1: peak RSS {peak} MB, {1000 * repeat / seconds:.0f} pages/s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
