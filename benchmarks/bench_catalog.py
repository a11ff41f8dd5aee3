"""Benchmark: catalog operations on a generated 5,000-entry catalog, beside polib and Babel.

Run:  python benchmarks/bench_catalog.py [--entries 5000]

Load+save, contenders interleaved (benchmarks/_timing.py: the same passes for each, min and
median), the saved text built in memory so that no contender pays for a disk the others skip:

* (a) load + full re-serialise, the work polib and Babel always do: tmcontent with every entry
  laid out anew from its fields (``raw`` dropped), polib (``str(pofile)``), Babel
  (``read_po``/``write_po``);
* (b) load + save of the unchanged catalog: tmcontent writes back the text it read (what its
  ``write_po`` does with unchanged entries); polib and Babel have no such mode, so their (a)
  figure is also their (b);
* (c) load only.

Each says whether it gives back the bytes it read. Then ``write_po`` to disk (atomic: temporary
file, fsync, rename), and tmcontent's update (a template with 5% of messages changed, 2% removed,
2% new), stats and check times. Targets: load+save no slower than polib, update < 1 s, stats
and check < 0.5 s.

Then ``pretranslate`` (units: memory sentences with one word edited, a quarter unchanged, a
quarter new) at two sizes, interleaved with the plain all-pairs search it replaced (difflib on
every unit x memory pair, with the same length and quick-ratio cut-offs) at the smaller size:
time, and how many units the index fills differently from all-pairs.
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

from _timing import Timing, interleaved

from tmcontent.catalog import Catalog, Entry, catalog_stats, check_catalog, dumps_po, merge_template, parse_po, read_po, write_po
from tmcontent.catalog.fuzzy import similarity
from tmcontent.translate import DEFAULT_MIN_SIMILARITY, pretranslate

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
    parser.add_argument("--units", type=int, default=400, help="pretranslate: units and memory entries (and 4x that)")
    parser.add_argument("--repeat", type=int, default=7, help="interleaved passes of the load+save comparison")
    args = parser.parse_args()
    text, template_text = generate(args.entries, args.seed)
    folder = Path(tempfile.mkdtemp())
    source = folder / "tk.po"
    source.write_text(text, encoding="utf-8")
    print(f"{args.entries} entries, {len(text) / 1024:.0f} KB")

    bench_load_save(source, args.repeat)
    ours_out = folder / "ours.po"
    print(f"write_po to disk (atomic: temp file, fsync, rename) after read_po: {best_of(lambda: write_po(read_po(source), ours_out)) * 1000:.1f} ms")

    catalog, template = parse_po(text), parse_po(template_text)
    update = best_of(lambda: merge_template(catalog, template))
    merged = merge_template(catalog, template)
    fuzzy = sum(1 for e in merged.messages if e.fuzzy and e.previous_msgid)
    obsolete = sum(1 for e in merged.entries if e.obsolete)
    print(f"update     {update * 1000:7.1f} ms  (fuzzy with #| previous: {fuzzy}, obsolete: {obsolete}); no-op update returns the same object: {merge_template(merged, template) is merged}")
    print(f"stats      {best_of(lambda: catalog_stats(catalog)) * 1000:7.1f} ms")
    print(f"check      {best_of(lambda: check_catalog(catalog)) * 1000:7.1f} ms  ({len(check_catalog(catalog))} findings)")
    print(f"dumps      {best_of(lambda: dumps_po(merged)) * 1000:7.1f} ms (after update)")
    bench_pretranslate(args.units, args.seed)
    return 0


def bench_load_save(source: Path, repeat: int) -> None:
    """The load+save table: (a) full re-serialise, (b) unchanged catalog, (c) load only."""
    import polib
    from babel.messages.pofile import read_po as babel_read
    from babel.messages.pofile import write_po as babel_write

    def ours_rebuilt(path: Path) -> bytes:
        catalog = read_po(path)
        for entry in catalog.entries:
            entry.raw = None  # every entry laid out anew from its fields, as polib and Babel do
        return dumps_po(catalog).encode("utf-8")

    def babel_rebuilt(path: Path) -> bytes:
        buffer = io.BytesIO()
        with path.open("rb") as handle:
            babel_write(buffer, babel_read(handle), width=79)
        return buffer.getvalue()

    def babel_load(path: Path) -> object:
        with path.open("rb") as handle:
            return babel_read(handle)

    contenders: dict[str, Callable[[Path], object]] = {
        "a tmcontent": ours_rebuilt,
        "a polib": lambda path: str(polib.pofile(str(path))).encode("utf-8"),
        "a Babel": babel_rebuilt,
        "b tmcontent": lambda path: dumps_po(read_po(path)).encode("utf-8"),
        "c tmcontent": read_po,
        "c polib": lambda path: polib.pofile(str(path)),
        "c Babel": babel_load,
    }
    timings = interleaved(contenders, [source], repeat=repeat)
    original = source.read_bytes()
    labels = {"a": "(a) load + full re-serialise", "b": "(b) load + save unchanged (tmcontent keeps the text read)", "c": "(c) load only"}
    print(f"load+save, min/median of {repeat} interleaved passes, saved text built in memory:")
    for part, label in labels.items():
        print(f"  {label}")
        reference = timings[f"{part} tmcontent"]
        for name, timing in timings.items():
            if not name.startswith(part):
                continue
            same = "" if part == "c" else f"; bytes identical: {contenders[name](source) == original}"
            print(f"    {name[2:]:<10} {timing.ms():>20}{_ratio(timing, reference)}{same}")
    print(f"  polib's and Babel's (b) is their (a): (b) tmcontent is {timings['a polib'].min / timings['b tmcontent'].min:.1f}x faster than polib, "
          f"(a) {timings['a polib'].min / timings['a tmcontent'].min:.1f}x")


def _ratio(timing: Timing, reference: Timing) -> str:
    return "" if timing is reference else f"  ({timing.min / reference.min:.1f}x tmcontent's time)"


SYLLABLES = "ba da ga la ma na ra sa ta ýa ke le me ne re se te ki li mi ni ri si ti ko lo mo no ro so to ku lu mu nu ru su tu".split()


def _vocabulary(rng: random.Random, size: int = 3000) -> tuple[list[str], list[float]]:
    """Pseudo-words with Zipf frequencies (1/rank), like the words of press text."""
    words = sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(size)})
    rng.shuffle(words)
    return words, [1 / rank for rank in range(1, len(words) + 1)]


def _sentence(rng: random.Random, vocabulary: tuple[list[str], list[float]]) -> str:
    words, weights = vocabulary
    return " ".join(rng.choices(words, weights, k=rng.randint(6, 30))) + "."


def memory_and_units(size: int, seed: int) -> tuple[Catalog, list[str]]:
    """A memory of ``size`` translated sentences and ``size`` unit texts: half edited memory
    sentences, a quarter unchanged, a quarter new."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    sources = [_sentence(rng, vocabulary) for _ in range(size)]
    memory = Catalog([Entry(msgid=text, msgstr="tk: " + text) for text in sources], [""] * (size + 1))
    units = []
    for index, text in enumerate(sources):
        roll = index % 4
        if roll < 2:
            words = text.split()
            words[rng.randrange(len(words))] += "s"
            units.append(" ".join(words))
        elif roll == 2:
            units.append(text)
        else:
            units.append(_sentence(rng, vocabulary))
    return memory, units


def _units_catalog(texts: list[str]) -> Catalog:
    entries = [Entry(msgid=text, msgctxt=f"a/{index}") for index, text in enumerate(texts)]
    return Catalog(entries, [""] * (len(entries) + 1))


def all_pairs_pretranslate(catalog: Catalog, memory: Catalog, threshold: float = DEFAULT_MIN_SIMILARITY) -> int:
    """The search pretranslate did before the index: every unit against every memory entry."""
    table = {entry.msgid: entry.msgstr for entry in memory.messages}
    filled = 0
    for entry in catalog.messages:
        if entry.msgid in table:
            entry.msgstr = table[entry.msgid]
            filled += 1
            continue
        best, best_ratio = None, threshold
        for source in table:
            if 2 * min(len(source), len(entry.msgid)) < best_ratio * (len(source) + len(entry.msgid)):
                continue
            ratio = similarity(source, entry.msgid)
            if ratio >= best_ratio:
                best, best_ratio = source, ratio
        if best is not None:
            entry.msgstr, entry.flags = table[best], ["fuzzy"]
            filled += 1
    return filled


def bench_pretranslate(size: int, seed: int) -> None:
    """Our pretranslate at ``size`` and ``4 * size``, and the all-pairs search at ``size``,
    interleaved (index, all-pairs, index, 4x, index, 4x...) so they share the machine's load."""
    memory, texts = memory_and_units(size, seed)
    big_memory, big_texts = memory_and_units(4 * size, seed)

    def ours(units: list[str], tm: Catalog) -> tuple[float, Catalog]:
        catalog = _units_catalog(units)
        start = time.perf_counter()
        pretranslate(catalog, [tm], min_similarity=DEFAULT_MIN_SIMILARITY)
        return time.perf_counter() - start, catalog

    small, ours_catalog = ours(texts, memory)
    theirs_catalog = _units_catalog(texts)
    start = time.perf_counter()
    all_pairs_pretranslate(theirs_catalog, memory)
    pairs = time.perf_counter() - start
    big = float("inf")
    for _ in range(2):
        small = min(small, ours(texts, memory)[0])
        big = min(big, ours(big_texts, big_memory)[0])
    pairs_of = list(zip(ours_catalog.messages, theirs_catalog.messages, strict=True))
    edited = [pair for index, pair in enumerate(pairs_of) if index % 4 < 2]
    unrelated = [pair for index, pair in enumerate(pairs_of) if index % 4 == 3]
    filled = sum(1 for mine, _ in pairs_of if mine.msgstr)
    print(f"pretranslate {size} units x {size} memory: index {small * 1000:7.1f} ms, all-pairs {pairs * 1000:7.1f} ms "
          f"({pairs / small:.0f}x); {filled} filled; the index's choice differs from all-pairs' for "
          f"{sum(m.msgstr != t.msgstr for m, t in edited)} of {len(edited)} edited units and "
          f"{sum(m.msgstr != t.msgstr for m, t in unrelated)} of {len(unrelated)} new ones (all-pairs' chance matches)")
    print(f"pretranslate {4 * size} units x {4 * size} memory: index {big * 1000:7.1f} ms ({big / small:.1f}x the time for 4x the size)")


if __name__ == "__main__":
    sys.exit(main())
