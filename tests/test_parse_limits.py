"""Memory of a parse stays proportional to its input (under 10x at the size limit), and pages
with more elements or lines than one page holds are refused before they cost anything.

Each measurement runs ``_parse_memory_probe.py`` in a fresh process (peak RSS only grows).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import tmcontent
from tmcontent.errors import ParseError
from tmcontent.parse import DEFAULT_MAX_ELEMENTS, ParseOptions

PROBE = Path(__file__).with_name("_parse_memory_probe.py")
#: Inputs of ~5 MB: large enough that the parse, not the interpreter, makes the peak; every
#: part of a parse within the element bound grows in proportion, so the ratio holds at 50 MB.
SIZE = 5_000_000
#: The bound the issue sets: peak memory under 10x the input at the size limit.
MAX_MEMORY_RATIO = 10.0
PARAGRAPH = "Daşoguz şäherinde çagalar üçin täze kitaphana açyldy, we kitaphanada türkmen, rus we iňlis dillerinde kitaplar bar. " * 4

SHAPES = {
    "html-paragraphs": lambda: "<html><body><h1>Täze kitaphana</h1>" + f"<p>{PARAGRAPH}</p>\n" * (SIZE // 480),
    "html-one-huge-paragraph": lambda: "<html><body><h1>Täze kitaphana</h1><p>" + "söz " * (SIZE // 5) + "</p>",
    "dump-paragraphs": lambda: "Waka\nTäze kitaphana\n3 aprel 2024\n" + (PARAGRAPH + "\n\n") * (SIZE // 480),
    "html-tiny-elements": lambda: "<html><body>" + "<p>x</p>" * (SIZE // 8),
    "dump-tiny-lines": lambda: "Waka\nTäze kitaphana\n" + "Ýurt\n" * (SIZE // 6),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_peak_memory_stays_under_ten_times_the_input(shape: str, tmp_path: Path) -> None:
    page = tmp_path / f"{shape}.html"
    page.write_text(SHAPES[shape](), encoding="utf-8")
    result = subprocess.run([sys.executable, str(PROBE), str(page)], capture_output=True, text=True, check=True)
    measured = json.loads(result.stdout)
    assert measured["ratio"] < MAX_MEMORY_RATIO, f"{shape}: peak grew {measured['ratio']:.1f}x the input ({measured['outcome']})"
    if "tiny" in shape:  # more elements or lines than a page holds: refused, in one line
        assert "over the" in measured["outcome"] and "max_elements" in measured["outcome"]
    else:
        assert measured["outcome"].endswith(" blocks") and not measured["outcome"].startswith("0 ")


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("<html><body>" + "<i>x</i>" * 60, r"^many\.html: 6\d elements, over the 50-element limit"),
        ("Waka\n" + "line of text\n" * 60, r"^many\.html: more than 50 lines of text"),
    ],
)
def test_the_element_bound_names_the_source_and_is_an_option(page: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        tmcontent.parse(page, name="many.html", options=ParseOptions(max_elements=50))
    tmcontent.parse(page, name="many.html", options=ParseOptions(max_elements=100))


def test_the_default_bound_is_far_above_real_pages() -> None:
    # the largest of the 1,497 WCXB pages has 15,795 elements
    assert DEFAULT_MAX_ELEMENTS >= 3 * 15_795


def test_a_page_of_quotations_stays_linear() -> None:
    # Each paragraph asked whether any paragraph came before it by looking through the blocks:
    # quadratic on a page of quotations (no paragraph ever), 16,000 lines took 18 s.
    from scaling import MAX_RATIO, growth_ratio

    from tmcontent.parse import RawBlock, build_articles

    def blocks(count: int) -> list[RawBlock]:
        return [RawBlock(text="Story"), RawBlock(text="A title", tag="h1")] + [RawBlock(text="“Yes, we can,” he said.", tag="p") for _ in range(count)]

    def build(count: object) -> object:
        return build_articles(blocks(int(str(count))), source="quotes.html", url=None, page_locale=None)

    (article,) = build(3)
    assert [block.kind for block in article.blocks] == ["quote"] * 3
    ratio = growth_ratio(lambda count: count, build, 3_000)
    assert ratio < MAX_RATIO, f"4x the quotations took {ratio:.1f}x the time"
