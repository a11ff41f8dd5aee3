"""Benchmark: rendering 1,000 articles to HTML in one locale, beside the time to parse them.

Run:  python benchmarks/bench_render.py [--articles 1000] [--locale tk]

The articles are parsed from generated pages (bench_parse's layouts); templates are compiled
once per locale, as in a site. Target: at least 500 articles/s.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_parse import page, sentences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--locale", default="tk")
    args = parser.parse_args()
    import tmcontent
    from tmcontent.render import render

    rng = random.Random(9)
    pools = sentences()
    pages = [page(rng, pools, n)[0] for n in range(args.articles)]
    start = time.perf_counter()
    articles = [a for html in pages for a in tmcontent.parse(html)]
    parse_seconds = time.perf_counter() - start
    render(articles[0], locale=args.locale, format="html")  # compile the templates once
    start = time.perf_counter()
    for article in articles:
        render(article, locale=args.locale, format="html")
    render_seconds = time.perf_counter() - start
    count = len(articles)
    print(f"{count} articles, locale {args.locale}")
    print(f"render to HTML: {count / render_seconds:7.0f} articles/s ({render_seconds * 1000 / count:.2f} ms each)")
    print(f"parse (with language identification): {count / parse_seconds:7.0f} articles/s ({parse_seconds * 1000 / count:.2f} ms each)")
    print(f"rendering takes {render_seconds / parse_seconds:.2f}x the time of parsing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
