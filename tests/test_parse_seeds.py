"""The expected article of every seed page in ../shared/seeds (text dumps of real pages)."""

from __future__ import annotations

from pathlib import Path

import pytest

import tmcontent
from tmcontent.model import Article


def _parse_seed(shared_dir: Path, prefix: str) -> list[Article]:
    (path,) = sorted((shared_dir / "seeds").glob(f"{prefix}_*.txt"))
    return tmcontent.parse(path)


def test_listing_seed_gives_one_article_per_item(shared_dir: Path) -> None:
    articles = _parse_seed(shared_dir, "000")
    kinds = [a.kind.id for a in articles if a.kind]
    assert kinds == ["take_action"] + ["story"] * 5 + ["press_release"] * 5
    titles = [a.title for a in articles]
    assert titles[0] == "Coronavirus global outbreak"
    assert titles[1] == "A Coordinated Response to Coronavirus"
    assert titles[-1] == "Partners of the Joint Program on social services present results to the donors of Joint SDG fund"
    assert [a.published.iso for a in articles if a.published] == [
        "2020-05-19", "2020-03-13", "2022-08-02", "2022-07-14", "2022-06-29", "2022-06-29",
        "2022-08-03", "2022-08-01", "2022-07-22", "2022-07-21", "2022-07-21",
    ]
    assert all(a.page_locale == "en" for a in articles)
    assert len({a.id for a in articles}) == len(articles)


def test_listing_seed_keeps_chrome_out_of_text(shared_dir: Path) -> None:
    for article in _parse_seed(shared_dir, "000"):
        lines = article.text.split("\n\n")
        for chrome in ("1 of 5", "1 / 11", "Latest", "Latest Resources", "Resources", "Story", "Press Release", "***"):
            assert chrome not in lines, (article.title, chrome)
        assert not article.text.startswith("The Sustainable Development Goals are a global call")


def test_listing_seed_quotes_and_lists(shared_dir: Path) -> None:
    articles = {a.title: a for a in _parse_seed(shared_dir, "000")}
    story = articles["Social Inclusion Ensures Equal Opportunities in Turkmenistan"]
    speakers = [b.speaker for b in story.blocks if b.kind == "quote"]
    assert "Lola Hydyrova" in speakers
    assert "Mergen Sahetliyev" in speakers
    donors = articles["Partners of the Joint Program on social services present results to the donors of Joint SDG fund"]
    items = [b.text for b in donors.blocks if b.kind == "list_item"]
    assert len(items) == 3 and items[0].startswith("Successful piloting")
    rights = articles["Discussing the joint cooperation in the area of human rights with the Office of the Ombudsperson"]
    assert [b.speaker for b in rights.blocks if b.kind == "quote"] == ["Mr. Shlapachenko"]


def test_article_without_title_or_chrome(shared_dir: Path) -> None:
    (article,) = _parse_seed(shared_dir, "001")
    assert article.title is None
    assert article.kind is None
    assert article.credit == "nCa, 7 March 2025 (in cooperation with UNICEF Turkmenistan)"
    assert article.published is not None and article.published.iso == "2025-03-07"
    assert "///" not in article.text
    quote = next(b for b in article.blocks if b.kind == "quote")
    assert quote.speaker == "Jalpa Ratna"
    assert article.page_locale is None


def test_article_with_headings_and_bullets(shared_dir: Path) -> None:
    (article,) = _parse_seed(shared_dir, "002")
    headings = [b.text for b in article.blocks if b.kind == "heading"]
    assert headings == ["IOM Strategy in Central Asia", "Integrated Approach In Central Asia"]
    items = [b.text for b in article.blocks if b.kind == "list_item"]
    assert len(items) == 8
    assert items[0] == "To improve understanding of migration among governments, communities and employers."
    assert not any("•" in b.text for b in article.blocks)


def test_usaid_release_dateline_end_mark_and_contact(shared_dir: Path) -> None:
    (article,) = _parse_seed(shared_dir, "003")
    assert article.title == "Expanding the Partnership to Eradicate Forced Labor and Global Human Trafficking"
    assert article.published is not None and article.published.iso == "2020-08-26"
    assert article.dateline is not None
    assert article.dateline.place == "Ashgabat, Turkmenistan"
    assert article.dateline.date is not None and article.dateline.date.iso == "2020-08-25"
    for junk in ("Press Release Shim", "Speeches Shim", "Additional Funds", "For Immediate Release", "###"):
        assert junk not in article.text
    assert article.text.startswith("The U.S. Agency for International Development (USAID)")
    quote = next(b for b in article.blocks if b.kind == "quote")
    assert quote.speaker is not None and quote.speaker.endswith("Matthew S. Klimow")
    (contact,) = article.contacts
    assert contact.name == "Dinara Saliyeva"
    assert contact.phones == ["+77028450527"]
    assert contact.emails == ["Dinara.Saliyeva@winrock.org"]
    assert "please contact" not in article.text


def test_turkmen_chrome_page_with_english_body(shared_dir: Path) -> None:
    (article,) = _parse_seed(shared_dir, "004")
    assert article.kind is not None
    assert (article.kind.id, article.kind.label, article.kind.lang) == ("press_release", "Press reliz", "tk")
    assert article.title.startswith("National partners review institutional and practical aspects")
    assert article.published is not None
    assert (article.published.text, article.published.iso, article.published.lang) == ("27 noýabr 2023", "2023-11-27", "tk")
    assert article.dateline is not None and article.dateline.place == "Ashgabat"
    assert article.dateline.date is not None and article.dateline.date.iso == "2023-11-24"
    assert article.page_locale == "tk"
    assert article.entities == ["International Organization for Migration"]
    assert article.goals == []
    (contact,) = article.contacts
    assert contact.name == "Nargiza Davletova" and contact.role == "NGO Coordinator"
    assert contact.phones == ["+99312 48-84-07"]
    quote = next(b for b in article.blocks if b.kind == "quote")
    assert quote.speaker == "Leila Toilieva"
    assert "BMG-nyň" not in article.text and "Nargiza" not in article.text
    assert [s.id for s in article.sections] == ["contacts", "entities", "goals"]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_parsing_is_deterministic(shared_dir: Path, prefix: str) -> None:
    first = [a.to_dict() for a in _parse_seed(shared_dir, prefix)]
    second = [a.to_dict() for a in _parse_seed(shared_dir, prefix)]
    assert first == second
