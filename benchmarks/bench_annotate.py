"""Benchmark: the cost of language identification per character on long, text-heavy articles.

Run:  python benchmarks/bench_annotate.py [--repeat 15] [--paragraphs 40] [--sentences 6]

Articles are built from the NTREX-128 dev sentences (../shared/corpora/ntrex128-dev): a title,
then paragraphs of several consecutive sentences, with a heading every eighth paragraph.
Four articles: English, Russian, Turkmen, and "mixed" (every paragraph draws each sentence from
English, Turkmen or Russian at random, so most paragraphs are code-switched and go through
:func:`tmcontent.langid.segment`). Each article is annotated once to warm the caches (as they
are in steady use: a parse run reads many pages), then the four are timed interleaved, a fresh
copy of each per repetition. Printed: microseconds per 1,000 characters of block text, the
minimum and the median over the repetitions. Times are the CPU time of this process
(``time.process_time``), which other programs on a shared machine disturb less than the wall
clock; the work is single-threaded.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from tmcontent.langid import annotate_article
from tmcontent.model import Article, Block

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "ntrex128-dev"
KINDS = ("en", "ru", "tk", "mixed")
TRIO = ("en", "tk", "ru")


def read_corpus() -> dict[str, list[str]]:
    """The dev sentences of English, Russian and Turkmen (parallel: line i is one sentence)."""
    return {lang: [line.strip() for line in (CORPUS / f"{lang}.txt").read_text(encoding="utf-8").splitlines() if line.strip()] for lang in TRIO}


def build_blocks(corpus: dict[str, list[str]], kind: str, paragraphs: int, sentences: int, rng: random.Random) -> tuple[str, list[Block]]:
    """A title and the blocks of one article of ``kind`` (a language, or "mixed")."""
    size = min(len(lines) for lines in corpus.values())
    blocks: list[Block] = []
    start = rng.randrange(size)
    for number in range(paragraphs):
        lines = []
        for offset in range(sentences):
            lang = rng.choice(TRIO) if kind == "mixed" else kind
            lines.append(corpus[lang][(start + number * sentences + offset) % size])
        if number % 8 == 0:
            lang = rng.choice(TRIO) if kind == "mixed" else kind
            blocks.append(Block("heading", corpus[lang][(start + number) % size].rstrip(".")))
        blocks.append(Block("paragraph", " ".join(lines)))
    title_lang = TRIO[0] if kind == "mixed" else kind
    return corpus[title_lang][start].rstrip("."), blocks


def fresh(title: str, blocks: list[Block]) -> Article:
    """A new article holding copies of ``blocks`` (annotation writes into its blocks)."""
    return Article(source="bench", title=title, blocks=[Block(b.kind, b.text) for b in blocks])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--paragraphs", type=int, default=40)
    parser.add_argument("--sentences", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 1
    corpus = read_corpus()
    rng = random.Random(args.seed)
    articles = {kind: build_blocks(corpus, kind, args.paragraphs, args.sentences, rng) for kind in KINDS}
    chars = {kind: sum(len(b.text) for b in blocks) for kind, (_, blocks) in articles.items()}
    for title, blocks in articles.values():
        annotate_article(fresh(title, blocks))  # warm up: model loaded, word caches filled
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for repetition in range(args.repeat):
        order = KINDS[repetition % len(KINDS) :] + KINDS[: repetition % len(KINDS)]  # rotate
        for kind in order:
            article = fresh(*articles[kind])
            start = time.process_time()
            annotate_article(article)
            times[kind].append(time.process_time() - start)
    print(f"annotate_article, {args.paragraphs} paragraphs of {args.sentences} sentences, {args.repeat} interleaved repetitions")
    print(f"{'text':8}{'chars':>9}{'min us/1k':>12}{'median us/1k':>14}")
    for kind in KINDS:
        per_k = [seconds * 1e6 * 1000 / chars[kind] for seconds in times[kind]]
        print(f"{kind:8}{chars[kind]:9d}{min(per_k):12.1f}{statistics.median(per_k):14.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
