"""Benchmark: tmcontent.parse on HTML news pages, beside trafilatura.extract and BeautifulSoup.

Run:  python benchmarks/bench_parse.py [--pages N] [--seed S]

Pages are generated from several news-site layouts (menus, sidebars, related lists, comments,
cookie banners, share bars, bylines, captions, inline ads), with bodies drawn from the
sentence corpus in ../shared/corpora (read at run time; our own filler sentences when it is
absent), so the gold article text of every page is known. Extraction quality is scored like the
public article-extraction-benchmark: precision / recall / F1 of 4-token shingles of the
extracted text against the gold body. Speed: ms per page for tmcontent.parse (full: HTML
reader + structure; language identification off so that the HTML path is what is measured),
trafilatura.extract, and BeautifulSoup(html, "lxml") alone as a floor; plus a 100 KB page.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from _timing import seconds_per_item

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "ntrex128-dev"
FILLER = [
    "The ministry announced a new programme for rural clinics in the northern provinces.",
    "Officials said the first phase would begin in the spring and last for two years.",
    "Local farmers welcomed the decision, saying water shortages had grown worse every summer.",
    "The project is funded by a grant from an international development bank.",
    "Teachers from twelve schools took part in the training, which ended with an exam.",
]
TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def sentences() -> list[list[str]]:
    """Sentence pools, one per language (a page's body is in one language, as on real sites)."""
    pools = []
    for lang in ("en", "ru", "tk"):
        path = CORPUS / f"{lang}.txt"
        if path.is_file():
            pools.append([line.strip() for line in path.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 30])
    return pools or [FILLER]


def _paragraphs(rng: random.Random, pool: list[str], count: int) -> list[str]:
    return [" ".join(rng.sample(pool, rng.randint(2, 5))) for _ in range(count)]


def _links(rng: random.Random, pool: list[str], count: int) -> str:
    return "".join(f'<li><a href="/n/{rng.randint(1, 9999)}">{html.escape(" ".join(rng.choice(pool).split()[:7]))}</a></li>' for _ in range(count))


def page(rng: random.Random, pools: list[list[str]], layout: int, size: int = 6) -> tuple[str, str]:
    """(html, gold body text) for one generated page in one of the layouts."""
    pool = rng.choice(pools)
    title = " ".join(rng.choice(pool).split()[:10])
    body = _paragraphs(rng, pool, rng.randint(max(2, size - 3), size + 3))
    esc = [html.escape(p) for p in body]
    menu = f'<ul>{_links(rng, pool, 8)}</ul>'
    related = f'<ul>{_links(rng, pool, 6)}</ul>'
    comments = "".join(f'<div class="comment"><p>{html.escape(c)}</p></div>' for c in _paragraphs(rng, pool, 3))
    cookie = '<div class="cookie-notice">We use cookies to give you the best experience. By continuing you agree to our use of cookies.</div>'
    footer = f'<p>© 2024 {html.escape(title[:20])} Media. All rights reserved.</p>{menu}'
    paras = "".join(f"<p>{p}</p>" for p in esc)
    with_ad = "".join(f"<p>{p}</p>" + ('<div class="ad-slot">Advertisement</div>' if i == 1 else "") for i, p in enumerate(esc))
    head = f"<head><meta charset='utf-8'><title>{html.escape(title)} | News</title></head>"
    layouts = [
        f"<html>{head}<body><header><nav>{menu}</nav></header><main><article><h1>{html.escape(title)}</h1><p class='byline'>By staff</p>{paras}</article><aside>{related}</aside></main><footer>{footer}</footer>{cookie}</body></html>",
        f"<html>{head}<body><div id='top-menu'>{menu}</div><div class='container'><div class='post-content'><h1>{html.escape(title)}</h1>{with_ad}</div><div class='sidebar'><h3>Popular</h3>{related}</div></div><div id='comments'>{comments}</div><div class='footer'>{footer}</div></body></html>",
        f"<html>{head}<body><table><tr><td class='nav'>{menu}</td><td><h1>{html.escape(title)}</h1><div class='text'>{paras}</div><div class='share'><a href='#'>Share</a><a href='#'>Tweet</a></div></td></tr></table><div class='bottom'>{footer}</div></body></html>",
        f"<html>{head}<body><div class='wrapper'><div class='menu'>{menu}</div><div class='story'><h1>{html.escape(title)}</h1><figure><img src='x.jpg'><figcaption>Photo: press service</figcaption></figure>{paras}</div><div class='related-news'><h2>Related news</h2>{related}</div>{cookie}</div></body></html>",
        f"<html>{head}<body><div id='page'><div id='header'>{menu}</div><div id='content'><div class='entry'><h2>{html.escape(title)}</h2>{''.join(f'<div>{p}</div>' for p in esc)}</div></div><div id='footer'>{footer}</div></div></body></html>",
        f"<html>{head}<body><section class='layout'><div class='col-left'>{menu}</div><div class='col-main' itemprop='articleBody'><h1>{html.escape(title)}</h1>{paras}<div class='tags'><a href='#'>politics</a><a href='#'>economy</a></div></div><div class='col-right'><div class='widget'>{related}</div></div></section>{comments}</body></html>",
    ]
    return layouts[layout % len(layouts)], "\n".join(body)


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    tokens = TOKEN_RE.findall(text.lower())
    return Counter(tuple(tokens[i : i + size]) for i in range(max(0, len(tokens) - size + 1)))


def prf(extracted: str, gold: str) -> tuple[float, float, float]:
    got, want = shingles(extracted), shingles(gold)
    common = sum((got & want).values())
    precision = common / max(1, sum(got.values()))
    recall = common / max(1, sum(want.values()))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def time_per_page(function: Callable[[str], object], pages: list[str], repeat: int = 3) -> float:
    return seconds_per_item(function, pages, repeat) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    import tmcontent
    from tmcontent.parse import ParseOptions

    options = ParseOptions(detect_languages=False)

    def ours(document: str) -> str:
        return "\n".join(article.text for article in tmcontent.parse(document, options=options))

    def ours_full(document: str) -> str:
        return "\n".join(article.text for article in tmcontent.parse(document))

    rng = random.Random(args.seed)
    pool = sentences()
    corpus = [page(rng, pool, layout) for layout in range(args.pages)]
    documents = [document for document, _ in corpus]
    big, _ = page(random.Random(1), pool, 0, size=200)
    rows: list[tuple[str, Callable[[str], object]]] = [("tmcontent.parse", ours), ("tmcontent.parse + langid", ours_full)]
    try:
        import trafilatura

        rows.append(("trafilatura.extract", lambda d: trafilatura.extract(d) or ""))
    except ImportError:
        print("trafilatura not installed: pip install '.[bench]'", file=sys.stderr)
    try:
        from bs4 import BeautifulSoup

        rows.append(("BeautifulSoup(lxml) floor", lambda d: BeautifulSoup(d, "lxml")))
    except ImportError:
        pass
    print(f"{len(documents)} generated pages in 6 layouts, mean {statistics.mean(len(d) for d in documents) / 1024:.1f} KB; big page {len(big) / 1024:.0f} KB")
    print(f"{'extractor':28} {'ms/page':>8} {'pages/s':>8} {'100KB ms':>9} {'P':>6} {'R':>6} {'F1':>6}")
    results = {}
    for name, function in rows:
        ms = time_per_page(function, documents)
        big_ms = time_per_page(function, [big], repeat=5)
        if "floor" in name:
            print(f"{name:28} {ms:8.2f} {1000 / ms:8.0f} {big_ms:9.1f} {'-':>6} {'-':>6} {'-':>6}")
            results[name] = (ms, None)
            continue
        scores = [prf(str(function(document)), gold) for document, gold in corpus]
        p, r, f = (statistics.mean(s[i] for s in scores) for i in range(3))
        results[name] = (ms, f)
        print(f"{name:28} {ms:8.2f} {1000 / ms:8.0f} {big_ms:9.1f} {p:6.3f} {r:6.3f} {f:6.3f}")
    if "trafilatura.extract" in results:
        ours_ms, ours_f1 = results["tmcontent.parse"]
        tr_ms, tr_f1 = results["trafilatura.extract"]
        full_ms = results["tmcontent.parse + langid"][0]
        print(f"speed: tmcontent.parse is {tr_ms / ours_ms:.2f}x trafilatura.extract ({tr_ms / full_ms:.2f}x with language identification of every block); F1 difference {ours_f1 - tr_f1:+.3f}")
    if "BeautifulSoup(lxml) floor" in results:
        print(f"floor: tmcontent.parse takes {results['tmcontent.parse'][0] / results['BeautifulSoup(lxml) floor'][0]:.2f}x BeautifulSoup's tree building alone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
