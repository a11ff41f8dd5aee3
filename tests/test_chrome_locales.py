"""The chrome a rendered page shows is in the page's language: shipped catalogs complete,
nothing fuzzy, and the "available in … only" notice inflects the language's name."""

from __future__ import annotations

from pathlib import Path

import pytest

import tmcontent
from tmcontent import labels
from tmcontent.catalog import pofile
from tmcontent.render import render

SHIPPED = ("tk", "ru")


@pytest.mark.parametrize("locale", SHIPPED)
def test_shipped_catalogs_have_every_message_translated_and_none_fuzzy(repo_dir: Path, locale: str) -> None:
    catalog = pofile.read_po(repo_dir / "locales" / locale / "LC_MESSAGES" / "tmcontent.po")
    live = [entry for entry in catalog.entries if entry.msgid and not entry.obsolete]
    assert live, "the catalog has no messages"
    assert [entry.msgid for entry in live if not entry.translated] == []


@pytest.mark.parametrize(
    ("lang", "locale", "expected"),
    [
        ("en", "tk", "iňlis dilinde"),
        ("ru", "tk", "rus dilinde"),
        ("tk", "ru", "туркменском языке"),
        ("en", "ru", "английском языке"),
        ("tk", "en", "Turkmen"),
        ("xx", "tk", "xx"),
    ],
)
def test_language_name_takes_the_case_the_notice_needs(lang: str, locale: str, expected: str) -> None:
    assert labels.language_in(lang, locale) == expected


def test_turkmen_page_of_an_english_article_shows_turkmen_chrome(examples_dir: Path) -> None:
    (article,) = tmcontent.parse(examples_dir / "press-release-tk.html")
    assert article.body_langs[0] == "en"
    html = render(article, locale="tk", format="html")
    assert "Bu makala diňe iňlis dilinde elýeterlidir." in html
    assert "Çap edildi" in html
    for english in ("Published", "available in", "Contacts", "UN entities involved"):
        assert english not in html.split("<body", 1)[1].replace('lang="en"', "")


def test_russian_notice_is_grammatical(examples_dir: Path) -> None:
    (article,) = tmcontent.parse(examples_dir / "press-release-tk.html")
    html = render(article, locale="ru", format="html")
    assert "Эта статья доступна только на английском языке." in html
