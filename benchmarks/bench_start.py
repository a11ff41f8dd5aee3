"""Benchmark: whole processes, start-up included — one small page, one 5,000-entry catalog.

Run:  python benchmarks/bench_start.py [--page examples/press-release-tk.html] [--repeat 20]

Every contender is a fresh process writing to /dev/null; the contenders of a group run
interleaved, in an order that rotates from pass to pass, the same number of passes each
(``_timing.interleaved``); min and median per process:

* a page: ``tmcontent parse PAGE`` (language identification on, as by default), ``tmcontent
  parse --no-langid PAGE``, and trafilatura's CLI on the same page: ``trafilatura < PAGE`` (how
  its CLI extracts one local page) and ``trafilatura -i PAGE`` (which reads PAGE as a list of
  URLs to download, discards its lines and extracts nothing: start-up and argument handling);
* a catalog: ``tmcontent catalog stats FILE.po`` against a process that loads the same file
  with polib and counts translated, untranslated and fuzzy entries. The catalog is generated
  into a temporary folder from the word lists below: 5,000 entries, some plural, fuzzy,
  untranslated, obsolete.

``python -c pass`` runs beside both groups: the interpreter's own start, under every figure.
Targets: tmcontent parse faster than trafilatura's CLI; catalog stats faster than polib.
tmcontent's modules are byte-compiled first, as ``pip install`` leaves them (the other
packages are installed so): no process pays for compiling sources.
"""

from __future__ import annotations

import argparse
import compileall
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import interleaved, ratios_line

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORDS = "suw mekdep täze okuw habar maglumat ulgam hyzmat ýaş hünärmen şäher welaýat taslama maksat ösüş".split()
EN = "water school new training message information system service young specialist city province project goal development".split()
POLIB_COUNTS = (
    "import sys, polib\n"
    "c = polib.pofile(sys.argv[1])\n"
    "print(len(c.translated_entries()), len(c.untranslated_entries()), len(c.fuzzy_entries()))"
)


def catalog_text(entries: int, seed: int = 5) -> str:
    """A Turkmen catalog of ``entries`` messages: 4% plural, 5% fuzzy, 10% untranslated, 1% obsolete."""
    rng = random.Random(seed)
    parts = ['msgid ""\nmsgstr ""\n"Language: tk\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
             '"Content-Type: text/plain; charset=UTF-8\\n"\n']
    for index in range(entries):
        length = rng.randint(2, 30)
        msgid = " ".join(rng.choice(EN) for _ in range(length)) + f" {index}"
        msgstr = " ".join(rng.choice(WORDS) for _ in range(length)) + f" {index}"
        roll = rng.random()
        if roll < 0.10:
            msgstr = ""
        flags = "#, fuzzy\n" if msgstr and rng.random() < 0.05 else ""
        head = f"\n#: src/module{index % 50}.py:{index}\n{flags}"
        if roll > 0.99:
            parts.append(f'\n#~ msgid "{msgid}"\n#~ msgstr "{msgstr}"\n')
        elif roll > 0.95:
            parts.append(f'{head}msgid "{msgid}"\nmsgid_plural "{msgid} (many)"\nmsgstr[0] "{msgstr}"\nmsgstr[1] "{msgstr}"\n')
        else:
            parts.append(f'{head}msgid "{msgid}"\nmsgstr "{msgstr}"\n')
    return "".join(parts)


def process(command: Sequence[str], stdin: Path | None = None) -> Callable[[object], None]:
    def run(_: object) -> None:
        with open(stdin or "/dev/null", "rb") as given:
            subprocess.run(command, stdin=given, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)

    return run


def report(title: str, contenders: dict[str, Callable[[object], None]], reference: str, repeat: int) -> None:
    timings = interleaved(contenders, [None], repeat=repeat, warm_up=[None])
    print(f"\n{title}\n  " + ratios_line(timings, reference, unit="ms").replace(": ", ":\n  ", 1).replace("; ", "\n  "))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", type=Path, default=REPO / "examples" / "press-release-tk.html")
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    import tmcontent as package

    compileall.compile_dir(Path(package.__file__).parent, quiet=1)
    tmcontent, trafilatura, page = str(BIN / "tmcontent"), str(BIN / "trafilatura"), str(args.page)
    interpreter = {"python -c pass": process([sys.executable, "-c", "pass"])}
    report(f"one page ({args.page.name}, {args.page.stat().st_size:,} bytes)", {
        "tmcontent parse PAGE": process([tmcontent, "parse", page]),
        "tmcontent parse --no-langid PAGE": process([tmcontent, "parse", "--no-langid", page]),
        "trafilatura < PAGE": process([trafilatura], stdin=args.page),
        "trafilatura -i PAGE (no extraction)": process([trafilatura, "-i", page]),
        **interpreter,
    }, "tmcontent parse PAGE", args.repeat)
    with tempfile.TemporaryDirectory() as folder:
        catalog = Path(folder) / "tk.po"
        catalog.write_text(catalog_text(args.entries), encoding="utf-8")
        ours = subprocess.run([tmcontent, "catalog", "stats", str(catalog)], capture_output=True, text=True, check=True).stdout.strip()
        theirs = subprocess.run([sys.executable, "-c", POLIB_COUNTS, str(catalog)], capture_output=True, text=True, check=True).stdout.strip()
        report(f"one catalog ({args.entries:,} entries, {catalog.stat().st_size:,} bytes; tmcontent: {ours.split(': ', 1)[1]}; "
               f"polib translated, untranslated, fuzzy: {theirs})", {
                   "tmcontent catalog stats FILE.po": process([tmcontent, "catalog", "stats", str(catalog)]),
                   "python: polib.pofile + translated/untranslated/fuzzy": process([sys.executable, "-c", POLIB_COUNTS, str(catalog)]),
                   **interpreter,
               }, "tmcontent catalog stats FILE.po", args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
