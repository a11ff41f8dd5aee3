"""Benchmark: catalog operations on a generated 5,000-entry catalog, beside polib and Babel.

Run:  python benchmarks/bench_catalog.py [--entries 5000]

Prints load+save time for tmcontent.catalog, polib and Babel's read_po/write_po (and whether
each gives back the bytes it read), then tmcontent's update (a template with 5% of messages
changed, 2% removed, 2% new), stats and check times. Targets: load+save no slower than polib,
update < 1 s, stats and check < 0.5 s.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tmcontent.catalog import catalog_stats, check_catalog, dumps_po, merge_template, parse_po, read_po, write_po

WORDS = "suw mekdep täze okuw habar maglumat ulgam hyzmat ýaş hünärmen şäher welaýat taslama maksat ösüş".split()
EN = "water school new training message information system service young specialist city province project goal development".split()


def generate(entries: int, seed: int) -> tuple[str, str]:
    """(catalog text, template text with changes)."""
    rng = random.Random(seed)
    header = 'msgid ""\nmsgstr ""\n"Language: tk\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    catalog, template = [header], ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    for index in range(entries):
        length = rng.randint(2, 30)
        msgid = " ".join(rng.choice(EN) for _ in range(length)) + f" {index}"
        msgstr = " ".join(rng.choice(WORDS) for _ in range(length)) + f" {index}"
        flags = "#, fuzzy\n" if rng.random() < 0.05 else ""
        catalog.append(f"\n#: src/module{index % 50}.py:{index}\n{flags}msgid \"{msgid}\"\nmsgstr \"{msgstr}\"\n")
        roll = rng.random()
        if roll < 0.02:
            continue
        if roll < 0.07:
            msgid += " changed"
        template.append(f"\n#: src/module{index % 50}.py:{index}\nmsgid \"{msgid}\"\nmsgstr \"\"\n")
    for index in range(entries // 50):
        template.append(f"\n#: src/new.py:{index}\nmsgid \"brand new message {index}\"\nmsgstr \"\"\n")
    return "".join(catalog), "".join(template)


def best_of(function: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    text, template_text = generate(args.entries, args.seed)
    folder = Path(tempfile.mkdtemp())
    source = folder / "tk.po"
    source.write_text(text, encoding="utf-8")
    print(f"{args.entries} entries, {len(text) / 1024:.0f} KB")

    ours_out = folder / "ours.po"
    ours = best_of(lambda: write_po(read_po(source), ours_out))
    print(f"load+save  tmcontent.catalog {ours * 1000:7.1f} ms  (bytes identical: {ours_out.read_bytes() == source.read_bytes()})")
    try:
        import polib

        polib_out = folder / "polib.po"
        theirs = best_of(lambda: polib.pofile(str(source)).save(str(polib_out)))
        print(f"load+save  polib             {theirs * 1000:7.1f} ms  (bytes identical: {polib_out.read_bytes() == source.read_bytes()}); ours is {theirs / ours:.1f}x faster")
    except ImportError:
        print("polib not installed")
    from babel.messages.pofile import read_po as babel_read
    from babel.messages.pofile import write_po as babel_write

    def babel_round_trip() -> bytes:
        buffer = io.BytesIO()
        with source.open("rb") as handle:
            babel_write(buffer, babel_read(handle), width=79)
        return buffer.getvalue()

    babel = best_of(babel_round_trip)
    print(f"load+save  Babel             {babel * 1000:7.1f} ms  (bytes identical: {babel_round_trip() == source.read_bytes()})")

    catalog, template = parse_po(text), parse_po(template_text)
    update = best_of(lambda: merge_template(catalog, template))
    merged = merge_template(catalog, template)
    fuzzy = sum(1 for e in merged.messages if e.fuzzy and e.previous_msgid)
    obsolete = sum(1 for e in merged.entries if e.obsolete)
    print(f"update     {update * 1000:7.1f} ms  (fuzzy with #| previous: {fuzzy}, obsolete: {obsolete}); no-op update returns the same object: {merge_template(merged, template) is merged}")
    print(f"stats      {best_of(lambda: catalog_stats(catalog)) * 1000:7.1f} ms")
    print(f"check      {best_of(lambda: check_catalog(catalog)) * 1000:7.1f} ms  ({len(check_catalog(catalog))} findings)")
    print(f"dumps      {best_of(lambda: dumps_po(merged)) * 1000:7.1f} ms (after update)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
