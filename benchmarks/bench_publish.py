"""Benchmark: publishing a site of N stories × 3 locales as whole processes (`tmcontent publish`).

Run:  python benchmarks/bench_publish.py [--stories 10000] [--small 2500] [--keep DIR]

Generates N stories, each written in Turkmen, Russian and English (article JSON Lines with a
``translation_key``; seeded, so every run publishes the same site), then measures, each as a
separate process: a full publish (pages per second, peak resident memory) at two sizes, to show
memory per article stays flat; a second publish with nothing changed; and an incremental publish
after changing one article, which must be at least 10x faster than the full one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = {
    "tk": "suw hojalyk mekdep okuw ýaşlar welaýat daýhan pagta bugdaý saglyk lukman çaga kitaphana täze maksatnama "
          "türkmenistan aşgabat mary lebap daşoguz balkan ahal gözegçilik tejribe hyzmatdaşlyk ösüş meýilnama".split(),
    "ru": "вода хозяйство школа обучение молодёжь велаят фермер хлопок пшеница здоровье врач ребёнок библиотека новая "
          "программа туркменистан ашхабад мары лебап дашогуз балкан ахал наблюдение опыт сотрудничество развитие план".split(),
    "en": "water farming school training youth province farmer cotton wheat health doctor child library new programme "
          "turkmenistan ashgabat mary lebap dashoguz balkan ahal monitoring practice partnership development plan".split(),
}
KINDS = ("news", "press_release", "story", "event", "statement")


def sentence(rng: random.Random, lang: str, words: int) -> str:
    text = " ".join(rng.choice(WORDS[lang]) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def story(rng: random.Random, number: int) -> list[dict]:
    """One story in three languages, as article JSON (built through the model, so it is
    schema-valid) with its ``translation_key``."""
    from tmcontent.model import Article, Block, DateInfo, Label

    day = f"20{18 + number % 7:02}-{1 + number % 12:02}-{1 + number % 28:02}"
    kind = KINDS[number % len(KINDS)]
    out = []
    for lang in ("tk", "ru", "en"):
        blocks = [Block("paragraph", " ".join(sentence(rng, lang, rng.randint(8, 18)) for _ in range(3)), lang)
                  for _ in range(rng.randint(3, 7))]
        article = Article(source=f"gen/{number}-{lang}.html", url=None, page_locale=lang, kind=Label(kind),
                          title=sentence(rng, lang, rng.randint(5, 9))[:-1], title_lang=lang, published=DateInfo(day, day),
                          blocks=blocks, body_langs=[lang], id=hashlib.sha256(f"{number}-{lang}".encode()).hexdigest()[:16])
        out.append({**article.to_dict(), "translation_key": f"story-{number}"})
    return out


def generate(path: Path, stories: int) -> None:
    rng = random.Random(13)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(stories):
            for item in story(rng, number):
                handle.write(json.dumps(item, ensure_ascii=False) + "\n")


#: Runs the command line and, at exit, writes the process's peak resident memory (``VmHWM``:
#: the high-water mark of its own address space). ``wait4``'s ``ru_maxrss`` would also count the
#: benchmark's pages, which the child shares between fork and exec.
LAUNCHER = """
import atexit, sys
def report(path=sys.argv.pop(1)):
    with open('/proc/self/status') as status, open(path, 'w') as out:
        out.write(next(line.split()[1] for line in status if line.startswith('VmHWM')))
atexit.register(report)
from tmcontent.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run(arguments: list[str]) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one ``tmcontent`` process."""
    with tempfile.NamedTemporaryFile(suffix=".peak") as peak:
        start = time.perf_counter()
        status = subprocess.run([sys.executable, "-c", LAUNCHER, peak.name, "-q", *arguments]).returncode
        seconds = time.perf_counter() - start
        if status != 0:
            raise SystemExit(f"tmcontent {' '.join(arguments)} failed ({status})")
        return seconds, int(Path(peak.name).read_text()) / 1024


def change_one_line(source: Path) -> None:
    """Add a sentence to the first block of the middle article, copying the file line by line:
    a child forked from this process counts its memory in its peak until it execs, so the
    benchmark never holds the input itself."""
    with source.open("rb") as handle:
        count = sum(1 for _ in handle)
    changed = source.with_suffix(".changing")
    with source.open("rb") as reader, changed.open("wb") as writer:
        for number, line in enumerate(reader):
            if number == count // 2:
                item = json.loads(line)
                item["blocks"][0]["text"] += " Täze habar."
                line = (json.dumps(item, ensure_ascii=False) + "\n").encode("utf-8")
            writer.write(line)
    changed.replace(source)


def publish_args(source: Path, site: Path) -> list[str]:
    return ["publish", str(source), "-o", str(site), "--site-url", "https://news.example.tm/", "--site-name", "Habarlar"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=2_500, help="the second size, for memory per article")
    parser.add_argument("--keep", type=Path, help="publish into this folder (kept) instead of a temporary one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        work = args.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        results = {}
        for stories in sorted({args.small, args.stories}):
            source = work / f"articles-{stories}.jsonl"
            generate(source, stories)
            site = work / f"site-{stories}"
            seconds, memory = run(publish_args(source, site))
            pages = sum(1 for _ in site.rglob("*.html"))
            results[stories] = (seconds, memory, pages)
            print(f"full publish, {stories:>6} stories x 3 locales: {pages} pages in {seconds:6.1f} s = {pages / seconds:5.0f} pages/s, "
                  f"peak memory {memory:6.0f} MB")
        small, large = results[min(results)], results[max(results)]
        if len(results) > 1:
            growth = (large[1] - small[1]) * 1024 / ((max(results) - min(results)) * 3)
            print(f"peak memory x{large[1] / small[1]:.2f} for x{max(results) / min(results):.0f} the articles: "
                  f"{growth * 1024:.0f} bytes more per article")
        stories = args.stories
        source, site = work / f"articles-{stories}.jsonl", work / f"site-{stories}"
        full = results[stories][0]
        unchanged, memory = run(publish_args(source, site))
        print(f"second publish, nothing changed: {unchanged:6.1f} s ({full / unchanged:.1f}x faster than full), peak {memory:.0f} MB")
        change_one_line(source)
        incremental, memory = run(publish_args(source, site))
        print(f"incremental publish, one article changed: {incremental:6.1f} s ({full / incremental:.1f}x faster than full), peak {memory:.0f} MB")
        forced, _ = run([*publish_args(source, site), "--force"])
        print(f"--force publish: {forced:6.1f} s")
        checked, _ = run(["publish", "--check", str(site)])
        print(f"publish --check of the site: {checked:6.1f} s")
    return 0 if full / incremental >= 10 else 1


if __name__ == "__main__":
    sys.exit(main())
