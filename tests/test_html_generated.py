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
import sys
from pathlib import Path

import pytest

import tmcontent
from tmcontent.parse import ParseOptions

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generated import layout_html  # the site layouts of the throughput benchmarks

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
    """(html, the body's text) of one page in one of six layouts (the benchmarks' layouts)."""
    rng = random.Random(seed)
    title = " ".join(rng.choice(SENTENCES).split()[:8])
    body = _paragraphs(rng, rng.randint(3, 8))
    menu, related = f"<ul>{_links(rng, 8)}</ul>", f"<ul>{_links(rng, 6)}</ul>"
    return layout_html(layout, title, body, menu, related, _paragraphs(rng, 3)), "\n".join(body)


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
