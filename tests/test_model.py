"""The article model: JSON form, round trip, schema validity, derived fields."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import tmcontent
from tmcontent.model import Article, Block, Contact, DateInfo, Dateline, Inline, Label, Segment
from tmcontent.schema import article_schema


def _sample() -> Article:
    return Article(
        source="examples/page.html",
        url="https://example.org/tk/press",
        page_locale="tk",
        kind=Label(id="press_release", label="Press reliz", lang="tk"),
        title="Water for every farm",
        title_lang="en",
        published=DateInfo(text="27 noýabr 2023", iso="2023-11-27", lang="tk"),
        dateline=Dateline(text="Mary, November 24, 2023", place="Mary", date=DateInfo("November 24, 2023", "2023-11-24", "en")),
        blocks=[
            Block(kind="heading", text="Results", lang="en"),
            Block(kind="paragraph", text="Farmers measured the water. Suw ýetdi.", lang="en",
                  segments=[Segment(0, 28, "Farmers measured the water. ", "en", 0.99), Segment(28, 38, "Suw ýetdi.", "tk", 0.9)],
                  inline=[Inline(0, 7, "link", "https://example.org/farmers")]),
            Block(kind="quote", text="“It works,” said Aýna.", lang="en", speaker="Aýna"),
            Block(kind="contact", text="Phone: +99312 40-11-22"),
        ],
        contacts=[Contact(name="Merdan Ataýew", phones=["+99312 40-11-22"])],
        entities=["Food and Agriculture Organization of the United Nations"],
        goals=[2, 6],
        body_langs=["en", "tk"],
        sections=[Label(id="entities", label="BMG-nyň bu başlangyçlar bilen meşgullanýan agentlikleri", lang="tk")],
    )


def test_text_is_paragraph_like_blocks_without_chrome() -> None:
    article = _sample()
    assert article.text == "Results\n\nFarmers measured the water. Suw ýetdi.\n\n“It works,” said Aýna."


def test_round_trip_through_json() -> None:
    data = _sample().to_dict()
    again = Article.from_dict(json.loads(json.dumps(data))).to_dict()
    assert again == data


def test_sample_validates_against_published_schema() -> None:
    jsonschema.validate(_sample().to_dict(), article_schema())


def test_schema_rejects_a_broken_article() -> None:
    data = _sample().to_dict()
    data["goals"] = [18]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, article_schema())


def test_id_is_stable_and_content_derived() -> None:
    first, second = _sample(), _sample()
    assert first.compute_id() == second.compute_id()
    second.blocks[1].text = "Farmers measured the rain."
    assert first.compute_id() != second.compute_id()


def test_parsed_examples_validate(examples_dir: Path) -> None:
    paths = sorted(p for p in examples_dir.iterdir() if p.suffix in (".txt", ".html"))
    assert paths
    for path in paths:
        for article in tmcontent.parse(path):
            jsonschema.validate(article.to_dict(), article_schema())


def test_cli_schema_prints_the_shipped_schema() -> None:
    result = subprocess.run([sys.executable, "-m", "tmcontent.cli", "schema"], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == article_schema()
