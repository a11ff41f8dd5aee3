"""Measurement behind ``tmcontent.catalog.fuzzy.FUZZY_SIMILARITY`` (the fuzzy-match threshold).

Run:  python benchmarks/fuzzy_threshold.py [--samples ../shared/po-samples]

Takes every msgid of the real catalogs in ``../shared/po-samples`` and of our own template,
makes the small source edits ``update`` must keep as fuzzy (a word pluralised, "this" ->
"these", a word added, a word dropped) and prints, per threshold, the share of edits that
still match (recall) and the share of messages whose nearest *other* message would match
(a wrong fuzzy offer). Where GNU ``msgmerge`` is installed it also merges the edited messages
and prints how often our choice (fuzzy or not) agrees with msgmerge's.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tmcontent.catalog import read_po
from tmcontent.catalog.fuzzy import FuzzyIndex, similarity

THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)


def messages(samples: Path, repo: Path) -> list[str]:
    found: dict[str, None] = {}
    for path in [*sorted(samples.glob("*.po")), repo / "locales" / "tmcontent.pot"]:
        if path.is_file():
            for entry in read_po(path).messages:
                if 1 <= len(entry.msgid) <= 200 and "\n" not in entry.msgid and '"' not in entry.msgid and "\\" not in entry.msgid:
                    found[entry.msgid] = None
    return list(found)


def edit(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    index = rng.randrange(len(words))
    kind = rng.randrange(4) if len(words) > 1 else rng.randrange(2)
    if kind == 0:
        words[index] += "s"
    elif kind == 1:
        words[index] = {"this": "these", "is": "are", "a": "the"}.get(words[index], words[index] + "ed")
    elif kind == 2:
        words.insert(index, rng.choice(["new", "all", "other", "your"]))
    else:
        del words[index]
    return " ".join(words)


def msgmerge_fuzzy(pairs: list[tuple[str, str]]) -> list[bool] | None:
    """For each (old, new): does msgmerge offer old's translation for new as fuzzy?"""
    if shutil.which("msgmerge") is None:
        return None
    folder = Path(tempfile.mkdtemp())
    results = []
    for old, new in pairs:  # one merge per pair, so pairs do not compete for a source
        header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        (folder / "old.po").write_text(header + f'msgid "{old}"\nmsgstr "X"\n', encoding="utf-8")
        (folder / "new.pot").write_text(header + f'msgid "{new}"\nmsgstr ""\n', encoding="utf-8")
        out = subprocess.run(["msgmerge", "-q", str(folder / "old.po"), str(folder / "new.pot")], capture_output=True, text=True, check=False)
        results.append('msgstr "X"' in out.stdout.split("#~")[0])
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    repo = Path(__file__).resolve().parents[1]
    parser.add_argument("--samples", type=Path, default=repo.parent / "shared" / "po-samples")
    parser.add_argument("--msgmerge-pairs", type=int, default=300, help="pairs merged with msgmerge (one run each)")
    args = parser.parse_args()
    texts = messages(args.samples, repo)
    rng = random.Random(12)
    edits = [(text, edit(text, rng)) for text in texts]
    edits = [(old, new) for old, new in edits if old != new]
    edit_scores = [similarity(old, new) for old, new in edits]
    index = FuzzyIndex((text, number) for number, text in enumerate(texts))
    nearest = []
    for number, text in enumerate(texts):
        found = index.best(text, 0.3, lambda other, number=number: other != number)
        nearest.append(found[1] if found else 0.0)
    print(f"{len(texts)} messages, {len(edits)} edited ones")
    print("threshold  edits matched  nearest other matched")
    for threshold in THRESHOLDS:
        recall = sum(score >= threshold for score in edit_scores) / len(edit_scores)
        false = sum(score >= threshold for score in nearest) / len(nearest)
        print(f"{threshold:9.2f}  {100 * recall:12.1f}%  {100 * false:20.1f}%")
    sample = rng.sample(edits, min(args.msgmerge_pairs, len(edits)))
    theirs = msgmerge_fuzzy(sample)
    if theirs is None:
        print("msgmerge not installed: no agreement figures")
        return 0
    print(f"agreement with msgmerge on {len(sample)} edited pairs (msgmerge offers fuzzy for {sum(theirs)}):")
    for threshold in THRESHOLDS:
        ours = [similarity(old, new) >= threshold for old, new in sample]
        agree = sum(a == b for a, b in zip(ours, theirs, strict=True))
        print(f"{threshold:9.2f}  {100 * agree / len(sample):5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
