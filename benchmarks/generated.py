"""Generated news pages for the throughput benchmarks (render, batch, publish).

These pages say nothing about extraction quality — bench_parse.py measures that on real pages
(WCXB). They give the batch and render benchmarks many pages of a realistic size and shape:
several site layouts (menus, sidebars, related lists, comments, cookie banners, share bars,
captions, inline ads) around a body drawn from the sentence corpus in ../shared/corpora (read at
run time; a few filler sentences of our own when it is absent).
"""

from __future__ import annotations

import html
import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "ntrex128-dev"
FILLER = [
    "The ministry announced a new programme for rural clinics in the northern provinces.",
    "Officials said the first phase would begin in the spring and last for two years.",
    "Local farmers welcomed the decision, saying water shortages had grown worse every summer.",
    "The project is funded by a grant from an international development bank.",
    "Teachers from twelve schools took part in the training, which ended with an exam.",
]


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
    menu = f"<ul>{_links(rng, pool, 8)}</ul>"
    related = f"<ul>{_links(rng, pool, 6)}</ul>"
    comments = _paragraphs(rng, pool, 3)
    return layout_html(layout % LAYOUTS, title, body, menu, related, comments), "\n".join(body)


#: How many site layouts layout_html knows.
LAYOUTS = 6


def layout_html(layout: int, title: str, body: list[str], menu: str, related: str, comments: list[str]) -> str:
    """One of the LAYOUTS site layouts around ``body`` (its paragraphs' text): ``menu`` and
    ``related`` are link lists (HTML), ``comments`` the texts of reader comments."""
    esc = [html.escape(p) for p in body]
    comment_html = "".join(f'<div class="comment"><p>{html.escape(c)}</p></div>' for c in comments)
    cookie = '<div class="cookie-notice">We use cookies to give you the best experience. By continuing you agree to our use of cookies.</div>'
    footer = f'<p>© 2024 {html.escape(title[:20])} Media. All rights reserved.</p>{menu}'
    paras = "".join(f"<p>{p}</p>" for p in esc)
    with_ad = "".join(f"<p>{p}</p>" + ('<div class="ad-slot">Advertisement</div>' if i == 1 else "") for i, p in enumerate(esc))
    head = f"<head><meta charset='utf-8'><title>{html.escape(title)} | News</title></head>"
    layouts = [
        f"<html>{head}<body><header><nav>{menu}</nav></header><main><article><h1>{html.escape(title)}</h1><p class='byline'>By staff</p>{paras}</article><aside>{related}</aside></main><footer>{footer}</footer>{cookie}</body></html>",
        f"<html>{head}<body><div id='top-menu'>{menu}</div><div class='container'><div class='post-content'><h1>{html.escape(title)}</h1>{with_ad}</div><div class='sidebar'><h3>Popular</h3>{related}</div></div><div id='comments'>{comment_html}</div><div class='footer'>{footer}</div></body></html>",
        f"<html>{head}<body><table><tr><td class='nav'>{menu}</td><td><h1>{html.escape(title)}</h1><div class='text'>{paras}</div><div class='share'><a href='#'>Share</a><a href='#'>Tweet</a></div></td></tr></table><div class='bottom'>{footer}</div></body></html>",
        f"<html>{head}<body><div class='wrapper'><div class='menu'>{menu}</div><div class='story'><h1>{html.escape(title)}</h1><figure><img src='x.jpg'><figcaption>Photo: press service</figcaption></figure>{paras}</div><div class='related-news'><h2>Related news</h2>{related}</div>{cookie}</div></body></html>",
        f"<html>{head}<body><div id='page'><div id='header'>{menu}</div><div id='content'><div class='entry'><h2>{html.escape(title)}</h2>{''.join(f'<div>{p}</div>' for p in esc)}</div></div><div id='footer'>{footer}</div></div></body></html>",
        f"<html>{head}<body><section class='layout'><div class='col-left'>{menu}</div><div class='col-main' itemprop='articleBody'><h1>{html.escape(title)}</h1>{paras}<div class='tags'><a href='#'>politics</a><a href='#'>economy</a></div></div><div class='col-right'><div class='widget'>{related}</div></div></section>{comment_html}</body></html>",
    ]
    return layouts[layout]
