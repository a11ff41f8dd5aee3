"""Turkmen and Russian (and their English twins) page structure: contacts, credits, page locale."""

from __future__ import annotations

import jsonschema
import pytest

import tmcontent
from tmcontent.model import Article, Contact
from tmcontent.parse.contacts import contact_from_sentence, is_contact_heading
from tmcontent.parse.structure import PageMeta, RawBlock, build_articles
from tmcontent.schema import article_schema

PHONE = "+99312 48-84-07"
EMAIL = "merdan.atayew@example.org"


def _page(*lines: str) -> Article:
    """One article from a text dump: a title, a date, a body paragraph, then ``lines``."""
    body = "Maslahata ministrlikleriň, halkara guramalarynyň we raýat jemgyýetiniň wekilleri gatnaşdylar."
    (article,) = tmcontent.parse("\n".join(["Maslahat geçirildi", "14 mart 2024", body, *lines]) + "\n")
    return article


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        (f"Goşmaça maglumat üçin: Merdan Ataýew, {PHONE}, {EMAIL}", "Merdan Ataýew", None),
        (f"Goşmaça maglumat üçin Merdan Ataýew, metbugat sekretary, {PHONE}, {EMAIL}", "Merdan Ataýew", "metbugat sekretary"),
        (f"Goşmaça maglumat almak üçin Merdan Ataýew bilen {PHONE} telefon belgisi ýa-da {EMAIL} arkaly habarlaşyň.", "Merdan Ataýew", None),
        (f"Goşmaça maglumat almak üçin BMGÖM-iň metbugat sekretary Merdan Ataýew bilen habarlaşyň: {PHONE}, {EMAIL}.", "Merdan Ataýew", "BMGÖM-iň metbugat sekretary"),
        (f"For more information: Merdan Atayev, {PHONE}, {EMAIL}", "Merdan Atayev", None),
        (f"For further information, please contact Merdan Atayev, Communications Officer, at {PHONE} or {EMAIL}.", "Merdan Atayev", "Communications Officer"),
        (f"Для получения дополнительной информации: Мердан Атаев, {PHONE}, {EMAIL}", "Мердан Атаев", None),
        (f"Контактное лицо: Мердан Атаев, специалист по коммуникациям, {PHONE}, {EMAIL}", "Мердан Атаев", "специалист по коммуникациям"),
        (f"За дополнительной информацией обращайтесь к Мердану Атаеву по телефону {PHONE} или {EMAIL}.", "Мердану Атаеву", None),
    ],
)
def test_contact_sentences_in_three_languages(sentence: str, name: str, role: str | None) -> None:
    contact = contact_from_sentence(sentence)
    assert contact is not None
    assert (contact.name, contact.role, contact.phones) == (name, role, [PHONE])
    article = _page(sentence)
    assert [(c.name, c.phones) for c in article.contacts] == [(name, [PHONE])]
    assert [b.kind for b in article.blocks if b.text == sentence] == ["contact"]
    assert sentence not in article.text


@pytest.mark.parametrize(
    "text",
    [
        "If you do not have your card, please contact help@example.org, and we will evaluate your case.",
        "Goşmaça maglumat almak üçin +99312 48-84-07 belgili telefon bilen habarlaşyň.",
    ],
)
def test_a_contact_without_a_name_keeps_its_channels(text: str) -> None:
    contact = contact_from_sentence(text)
    assert contact is not None and contact.name is None and (contact.phones or contact.emails)


@pytest.mark.parametrize(
    "text",
    [
        "Maglumat üçin 2024-nji ýylyň hasabatyna serediň: 12 345 678 adam.",
        "The office can be reached at +99312 48-84-07 for information about visas.",
        "Goşmaça maglumat üçin hasabata serediň.",
    ],
)
def test_other_sentences_are_no_contact(text: str) -> None:
    assert contact_from_sentence(text) is None


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Goşmaça maglumat üçin:", True), ("Goşmaça maglumat almak üçin:", True), ("Habarlaşmak üçin:", True),
        ("Контактное лицо:", True), ("Для получения дополнительной информации обращайтесь:", True),
        ("For further information, please contact:", True), ("IOM contact person in Turkmenistan:", True),
        ("For more information, see:", False), ("For additional information on the subject, try these:", False),
    ],
)
def test_contact_headings(text: str, heading: bool) -> None:
    assert is_contact_heading(text) is heading


def test_a_turkmen_contact_block_under_its_heading() -> None:
    article = _page("Goşmaça maglumat üçin:", "Merdan Ataýew, metbugat sekretary", f"Tel.: {PHONE}", f"E-poçta: {EMAIL}")
    assert article.contacts == [Contact(name="Merdan Ataýew", role="metbugat sekretary", phones=[PHONE], emails=[EMAIL])]
    assert "Merdan" not in article.text


def _undated_page(*lines: str) -> Article:
    """One article without a date line: a title, a body paragraph, then ``lines``."""
    body = "Maslahata ministrlikleriň, halkara guramalarynyň we raýat jemgyýetiniň wekilleri gatnaşdylar."
    (article,) = tmcontent.parse("\n".join(["Maslahat geçirildi", body, *lines]) + "\n")
    return article


@pytest.mark.parametrize(
    ("credit", "published"),
    [
        ("“STANDART, HIL WE HOWPSUZLYK” žurnaly №4, 2021", "2021"),
        ("Журнал «Стандарт, качество и безопасность» № 4, 2021 г.", "2021"),
        ("Журнал № 4, 2021 г.", "2021"),
        ("Central Asian Standards Journal No. 4, 2021", "2021"),
        ("Newspaper “Neutral Turkmenistan”, 12 March 2024", "2024-03-12"),
        ("Газета «Нейтральный Туркменистан», 12 марта 2024 г.", "2024-03-12"),
        ("«Türkmenistan» gazeti, 12.03.2024", "2024-03-12"),
    ],
)
def test_a_publication_credit_is_a_credit_and_dates_the_piece(credit: str, published: str) -> None:
    article = _undated_page(credit)
    assert article.credit == credit
    assert all(credit not in block.text for block in article.blocks)
    assert credit not in article.text
    assert article.published is not None and article.published.iso == published


def test_a_credit_closing_the_last_paragraph_is_cut_off() -> None:
    article = _undated_page("Işler dowam edýär we indiki tapgyr ýazda başlar. “STANDART, HIL WE HOWPSUZLYK” žurnaly №4, 2021")
    assert article.credit == "“STANDART, HIL WE HOWPSUZLYK” žurnaly №4, 2021"
    assert article.blocks[-1].text == "Işler dowam edýär we indiki tapgyr ýazda başlar."
    assert article.blocks[-1].kind == "paragraph"


def test_a_stated_date_or_dateline_beats_the_year_of_a_credit() -> None:
    stated = _page("Журнал № 4, 2021 г.").published
    assert stated is not None and stated.iso == "2024-03-14"
    (dated,) = tmcontent.parse("Maslahat geçirildi\nAşgabat, 3 aprel 2023: Maslahat dowam etdi we netijeleri jemlendi.\nЖурнал № 4, 2021 г.\n")
    assert dated.dateline is not None and dated.credit == "Журнал № 4, 2021 г."
    assert dated.published is not None and dated.published.iso == "2023-04-03"


def test_a_credit_after_a_contact_block_is_no_role() -> None:
    article = _page("Goşmaça maglumat üçin:", "Merdan Ataýew", f"Tel.: {PHONE}", "“STANDART, HIL WE HOWPSUZLYK” žurnaly №4, 2021")
    assert article.contacts == [Contact(name="Merdan Ataýew", phones=[PHONE])]
    assert article.credit == "“STANDART, HIL WE HOWPSUZLYK” žurnaly №4, 2021"


@pytest.mark.parametrize(
    "text",
    [
        "The journal was founded in 2021.",
        "Gazetiň täze sany 2021-nji ýylda çykdy.",
        "Newspaper, 2021",
        "Журнал выходит с 2021 года.",
    ],
)
def test_sentences_about_periodicals_are_no_credit(text: str) -> None:
    from tmcontent.parse.dateline import split_credit

    assert split_credit(text) is None


RUSSIAN_BODY = (
    "Министерство образования провело в Ашхабаде семинар для учителей начальных классов, "
    "посвящённый новым методикам преподавания и цифровым учебным материалам."
)


def _russian_blocks() -> list[RawBlock]:
    return [
        RawBlock("Пресс-релиз"), RawBlock("Семинар для учителей", tag="h1"), RawBlock("14 марта 2024"),
        RawBlock(RUSSIAN_BODY, tag="p"), RawBlock("Поделиться"), RawBlock("Печать"),
    ]


@pytest.mark.parametrize(
    ("declared", "page_locale", "declared_locale"),
    [
        ("en", "ru", "en"),  # contradicted by four Russian labels and dates: the evidence
        ("en-US", "ru", "en"),
        ("ru", "ru", "ru"),  # no contradiction: the declaration
        (None, "ru", None),  # nothing declared: the evidence, and no declared value
        ("english", "ru", None),  # not a language tag: no declaration
    ],
)
def test_page_locale_is_the_evidence_when_the_declaration_contradicts_it(
    declared: str | None, page_locale: str, declared_locale: str | None
) -> None:
    (article,) = build_articles(_russian_blocks(), source="p.html", meta=PageMeta(lang=declared))
    assert (article.page_locale, article.declared_locale) == (page_locale, declared_locale)
    data = article.to_dict()
    assert (data["page_locale"], data["declared_locale"]) == (page_locale, declared_locale)
    jsonschema.validate(data, article_schema())
    assert Article.from_dict(data).declared_locale == declared_locale


def test_one_label_does_not_overrule_a_declaration() -> None:
    blocks = [RawBlock("Семинар для учителей", tag="h1"), RawBlock(RUSSIAN_BODY, tag="p"), RawBlock("Поделиться")]
    (article,) = build_articles(blocks, source="p.html", meta=PageMeta(lang="en"))
    assert (article.page_locale, article.declared_locale) == ("en", "en")


def test_a_tie_keeps_the_declaration() -> None:
    blocks = [RawBlock("Share"), RawBlock("Print"), RawBlock("Семинар для учителей", tag="h1"), RawBlock(RUSSIAN_BODY, tag="p"),
              RawBlock("Поделиться"), RawBlock("Печать")]
    (article,) = build_articles(blocks, source="p.html", meta=PageMeta(lang="en"))
    assert article.page_locale == "en"


def test_labels_alike_in_english_and_turkmen_are_no_evidence() -> None:
    blocks = [RawBlock("Sport"), RawBlock("Video"), RawBlock("Sport"), RawBlock("Maslahat geçirildi", tag="h1"),
              RawBlock("Maslahata ministrlikleriň wekilleri we halkara guramalary gatnaşdylar.", tag="p")]
    (article,) = build_articles(blocks, source="p.html", meta=PageMeta(lang="tk"))
    assert article.page_locale == "tk"


def test_the_navigation_language_counts_as_evidence() -> None:
    blocks = [RawBlock("Семинар для учителей", tag="h1"), RawBlock(RUSSIAN_BODY, tag="p")]
    (article,) = build_articles(blocks, source="p.html", meta=PageMeta(lang="en", nav_locale="ru"))
    assert (article.page_locale, article.declared_locale) == ("ru", "en")


def test_an_explicit_page_locale_still_wins() -> None:
    (article,) = build_articles(_russian_blocks(), source="p.html", page_locale="tk", meta=PageMeta(lang="en"))
    assert (article.page_locale, article.declared_locale) == ("tk", "en")


def test_a_declared_english_html_page_in_russian() -> None:
    html = (
        '<!doctype html><html lang="en"><head><title>Семинар для учителей</title></head><body><article>'
        "<p>Пресс-релиз</p><h1>Семинар для учителей</h1><p>14 марта 2024</p>"
        f"<p>{RUSSIAN_BODY}</p><p>{RUSSIAN_BODY}</p><p>Поделиться</p></article></body></html>"
    )
    (article,) = tmcontent.parse(html)
    assert (article.page_locale, article.declared_locale) == ("ru", "en")


def test_a_text_dump_declares_nothing() -> None:
    article = _page()
    assert (article.page_locale, article.declared_locale) == ("tk", None)


def test_a_dump_listing_whose_dates_follow_the_titles_gives_one_article_per_story() -> None:
    """"Press reliz / title / date": the date two lines after the label still starts a story
    (textdump.DATE_WINDOW); within one line only, the two stories ran together as one."""
    dump = (
        "Press reliz\nMary welaýatynda suw merkezi açyldy\n27 noýabr 2023\n"
        "Merkez ýaş hünärmenlere toprak çyglylygyny ölçemegi öwreder.\n"
        "Press reliz\nMekdeplere täze kitaplar gowşuryldy\n20 noýabr 2023\n"
        "Kitaplar bäş welaýatyň mekdeplerine paýlanyldy.\n"
    )
    articles = tmcontent.parse(dump)
    assert [(a.title, a.published.iso if a.published else None) for a in articles] == [
        ("Mary welaýatynda suw merkezi açyldy", "2023-11-27"), ("Mekdeplere täze kitaplar gowşuryldy", "2023-11-20"),
    ]
    assert [[b.text for b in a.blocks] for a in articles] == [
        ["Merkez ýaş hünärmenlere toprak çyglylygyny ölçemegi öwreder."], ["Kitaplar bäş welaýatyň mekdeplerine paýlanyldy."],
    ]
