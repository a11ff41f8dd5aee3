"""Benchmark: rendering 1,000 articles to HTML in one locale, beside the time to parse them.

Run:  python benchmarks/bench_render.py [--articles 1000] [--locale tk]

The articles are parsed from generated pages (benchmarks/generated.py); templates are compiled
once per locale, as in a site. Render and parse are timed interleaved, the same passes each
(min/median per article). Target: at least 500 articles/s.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import interleaved, ratios_line
from generated import page, sentences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--locale", default="tk")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    import tmcontent
    from tmcontent.render import render

    rng = random.Random(9)
    pools = sentences()
    pages = [page(rng, pools, n)[0] for n in range(args.articles)]
    articles = [tmcontent.parse(html)[0] for html in pages]
    contenders = {
        "render to HTML": lambda i: render(articles[i], locale=args.locale, format="html"),
        "parse (language identification on)": lambda i: tmcontent.parse(pages[i]),
    }
    # The first pass over a few items compiles the templates and loads the models, as in a site.
    timings = interleaved(contenders, range(len(pages)), repeat=args.repeat, warm_up=range(5))
    count = len(articles)
    print(f"{count} articles, locale {args.locale}; " + ratios_line(timings, "render to HTML", unit="ms"))
    best = timings["render to HTML"]
    print(f"render to HTML: {1 / best.min:.0f} articles/s at best, {1 / best.median:.0f} at the median")
    return 0


if __name__ == "__main__":
    sys.exit(main())
