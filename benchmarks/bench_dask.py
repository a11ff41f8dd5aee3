"""Benchmark: the Dask engine against the local one, on real pages in a zip, as whole processes.

Run:  python benchmarks/bench_dask.py [--pages 2000] [--small 500] [--repeat 3] [--batch N] [--generated]

Builds, in a temporary folder (never in the repository), a zip of ``--pages`` real web pages —
``--small`` of the WCXB development pages (WCXB (Murrough Foley), CC BY 4.0, read from
../shared), spread over the corpus, repeated under new names until there are enough — and a
second zip of those ``--small`` pages once. Contenders,
each a fresh ``tmcontent convert`` process (start-up and cluster start included), interleaved
in rotating order, ``--repeat`` passes: the local engine with 2 jobs, Dask with 1 worker, Dask
with 2 workers. Prints min/median seconds, the ratios 2 workers / 1 worker and 2 workers / local
(by median; goals ≥ 1.6 and ≥ 0.9), whether every run wrote the same articles.jsonl, and the peak
memory of each process tree (the convert process and all its descendants: workers, nannies),
polled every 250 ms, as the sum of RSS and the sum of PSS (shared pages counted once) — on the
small archive and on the large one (flat: about the same). Each run also prints the CPU seconds
of its process tree: on a machine shared with other work, where wall-clock ratios mean little,
equal CPU seconds say the engines do the same work.
``--batch N`` sets the Dask engine's documents per task (``dask_engine.BATCH``) to measure it;
``--generated`` uses the small generated pages of benchmarks/generated.py (about 1 ms of parsing
each, where the cost per task shows most) instead of the real ones.
"""

from __future__ import annotations

import argparse
import gzip
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import interleaved
from bench_batch import make_pages
from wcxb import CORPUS, CREDIT, available

#: Seconds between memory polls: reading every process's PSS costs CPU, taken from the contenders.
POLL = 0.25


def build_zip(path: Path, count: int, distinct: int, generated: bool) -> int:
    """A zip of ``count`` pages: ``distinct`` WCXB pages spread over the corpus (or generated
    ones), repeated under new names; its bytes of HTML. Archives of any ``count`` with the same
    ``distinct`` hold the same pages, so their peak memory differs only by their size."""
    if generated:
        unique = [page.encode() for page in make_pages(distinct, 5)]
        pages: Iterable[bytes] = (unique[n % distinct] for n in range(count))
        names = [f"g{n // distinct}/{n % distinct:06d}.html" for n in range(count)]
    else:
        corpus = sorted((CORPUS / "html").glob("*.html.gz"))
        sources = [corpus[n * len(corpus) // distinct] for n in range(min(distinct, len(corpus)))]
        pages = (gzip.decompress(sources[n % len(sources)].read_bytes()) for n in range(count))
        names = [f"r{n // len(sources)}/{sources[n % len(sources)].name[:-3]}" for n in range(count)]
    total = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, html in zip(names, pages, strict=True):
            archive.writestr(name, html)
            total += len(html)
    return total


def tree_memory(pid: int) -> tuple[int, int]:
    """(sum of RSS, sum of PSS) in bytes of ``pid`` and its descendants; PSS is 0 where not readable."""
    import psutil

    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    rss = pss = 0
    for process in processes:
        try:
            rss += process.memory_info().rss
            pss += getattr(process.memory_full_info(), "pss", 0)
        except psutil.Error:
            continue
    return rss, pss


def run_measured(command: list[str]) -> tuple[float, float, int, int]:
    """Run ``command``; (seconds, CPU seconds, peak summed RSS, peak summed PSS) of its process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks = [0, 0]

    def poll() -> None:
        while process.poll() is None:
            rss, pss = tree_memory(process.pid)
            peaks[0], peaks[1] = max(peaks[0], rss), max(peaks[1], pss)
            time.sleep(POLL)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # every descendant its parent waited for
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    watcher.join()
    if process.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {stderr.decode(errors='replace')[-2000:]}")
    return seconds, cpu, peaks[0], peaks[1]


#: ``tmcontent`` as a process, with the Dask batch size set first when asked (argv[1]).
CLI = ("import sys, tmcontent.batch.dask_engine as engine, tmcontent.cli as cli; batch = sys.argv.pop(1); "
       "engine.BATCH = int(batch) if batch else engine.BATCH; sys.argv[0] = 'tmcontent'; sys.exit(cli.main())")


def convert_command(archive: Path, out: Path, engine: str, jobs: int, batch: int | None) -> list[str]:
    return [sys.executable, "-c", CLI, str(batch or ""), "-q", "convert", "--no-progress", str(archive), "-o", str(out),
            "--engine", engine, "--jobs", str(jobs)]


CONTENDERS = {"local, 2 jobs": ("local", 2), "dask, 1 worker": ("dask", 1), "dask, 2 workers": ("dask", 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--small", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch", type=int, help="Dask documents per task (default: the engine's)")
    parser.add_argument("--generated", action="store_true", help="generated pages instead of the WCXB ones")
    args = parser.parse_args()
    if not args.generated and not available():
        print(f"the WCXB pages are not in {CORPUS}: nothing to measure")
        return 0
    work = Path(tempfile.mkdtemp(prefix="tmcontent-bench-dask-"))
    try:
        archives = {}
        for count in (args.small, args.pages):
            archives[count] = work / f"pages-{count}.zip"
            size = build_zip(archives[count], count, args.small, args.generated)
            origin = "generated" if args.generated else CREDIT
            print(f"{count} pages ({origin}), {size / 1e6:.0f} MB of HTML, zip {archives[count].stat().st_size / 1e6:.0f} MB")
        peaks: dict[tuple[str, int], list[tuple[int, int]]] = {}
        outputs: dict[str, bytes] = {}

        def contender(name: str, count: int):  # type: ignore[no-untyped-def]
            engine, jobs = CONTENDERS[name]

            def run(archive: Path) -> None:
                out = work / "out"
                shutil.rmtree(out, ignore_errors=True)
                seconds, cpu, rss, pss = run_measured(convert_command(archive, out, engine, jobs, args.batch))
                print(f"  {name}, {count} pages: {seconds:.1f} s ({cpu:.1f} s of CPU), peak RSS {rss / 2**20:.0f} MB, PSS {pss / 2**20:.0f} MB",
                      flush=True)
                peaks.setdefault((name, count), []).append((rss, pss))
                outputs[f"{name}, {count}"] = (out / "articles.jsonl").read_bytes()

            return run

        small = {name: contender(name, args.small) for name in CONTENDERS}
        interleaved(small, [archives[args.small]], repeat=1)
        timings = interleaved({name: contender(name, args.pages) for name in CONTENDERS}, [archives[args.pages]], repeat=args.repeat)
        print(f"\n{args.pages} pages, min/median seconds of {args.repeat} interleaved passes (whole processes):")
        for name, timing in timings.items():
            print(f"  {name:16s} {timing.min:7.1f} / {timing.median:7.1f} s  ({args.pages / timing.median:.0f} pages/s at the median)")
        one, two, local = (timings[name] for name in ("dask, 1 worker", "dask, 2 workers", "local, 2 jobs"))
        print(f"dask 2 workers / 1 worker: {one.median / two.median:.2f}x by median, {one.min / two.min:.2f}x by min (goal >= 1.6)")
        print(f"dask 2 workers / local 2 jobs: {local.median / two.median:.2f}x the speed by median, {local.min / two.min:.2f}x by min (goal >= 0.9)")
        same = len({data for key, data in outputs.items() if key.endswith(f", {args.pages}")}) == 1
        print(f"identical articles.jsonl from every contender: {same}")
        print("\npeak memory of the process tree (max over runs), sum of RSS / sum of PSS:")
        for name in CONTENDERS:
            cells = []
            for count in (args.small, args.pages):
                rss, pss = (max(values) for values in zip(*peaks[(name, count)], strict=True))
                cells.append(f"{count} pages {rss / 2**20:.0f} / {pss / 2**20:.0f} MB")
            print(f"  {name:16s} " + "; ".join(cells))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
