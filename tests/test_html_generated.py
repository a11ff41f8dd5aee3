"""Regression: pages from our own generator, in six site layouts, read back whole.

These pages are evidence of nothing about the real web (their class names are the ones the
reader knows; ``benchmarks/bench_parse.py`` measures real pages). They guard the layouts the
reader handled once: a menu, sidebar, related list, comments, cookie banner, share bar,
byline, caption and an inline ad around a body whose text is known.
"""

from __future__ import annotations

import html
import random
import re

import pytest

import tmcontent
from tmcontent.parse import ParseOptions

SENTENCES = [
    "The ministry announced a new programme for rural clinics in the northern provinces.",
    "Officials said the first phase would begin in the spring and last for two years.",
    "Local farmers welcomed the decision, saying water shortages had grown worse every summer.",
    "The project is funded by a grant from an international development bank.",
    "Teachers from twelve schools took part in the training, which ended with an exam.",
    "A new bus line connects the railway station with the hospital and the university campus.",
    "The festival brought together musicians from five countries for three days of concerts.",
    "Doctors reported fewer cases of seasonal flu than last year, thanks to early vaccination.",
]
WORD_RE = re.compile(r"\w+")


def _paragraphs(rng: random.Random, count: int) -> list[str]:
    return [" ".join(rng.sample(SENTENCES, rng.randint(2, 4))) for _ in range(count)]


def _links(rng: random.Random, count: int) -> str:
    return "".join(f'<li><a href="/n/{rng.randint(1, 9999)}">{html.escape(" ".join(rng.choice(SENTENCES).split()[:6]))}</a></li>' for _ in range(count))


def generated_page(seed: int, layout: int) -> tuple[str, str]:
    """(html, the body's text) of one page in one of six layouts."""
    rng = random.Random(seed)
    title = " ".join(rng.choice(SENTENCES).split()[:8])
    body = _paragraphs(rng, rng.randint(3, 8))
    esc = [html.escape(p) for p in body]
    menu, related = f"<ul>{_links(rng, 8)}</ul>", f"<ul>{_links(rng, 6)}</ul>"
    comments = "".join(f'<div class="comment"><p>{html.escape(c)}</p></div>' for c in _paragraphs(rng, 3))
    cookie = '<div class="cookie-notice">We use cookies to give you the best experience. By continuing you agree to our use of cookies.</div>'
    footer = f"<p>© 2024 {html.escape(title[:20])} Media. All rights reserved.</p>{menu}"
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
    return layouts[layout], "\n".join(body)


def _f1(extracted: str, expected: str) -> float:
    def shingles(text: str) -> set[tuple[str, ...]]:
        words = WORD_RE.findall(text)
        return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}

    got, want = shingles(extracted), shingles(expected)
    common = len(got & want)
    return 2 * common / (len(got) + len(want)) if got and want else 0.0


@pytest.mark.parametrize("layout", range(6))
def test_generated_layouts_are_read_back_whole(layout: int) -> None:
    for seed in range(5):
        page, body = generated_page(seed * 10 + layout, layout)
        articles = tmcontent.parse(page, options=ParseOptions(detect_languages=False))
        assert len(articles) == 1
        assert _f1(articles[0].text, body) >= 0.97, (layout, seed)
