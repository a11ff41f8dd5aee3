"""UI labels: recognition in every catalog, translations, and catalogs as the only source."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tmcontent import i18n, labels


@pytest.mark.parametrize(
    ("text", "id", "lang"),
    [
        ("Press Release", "press_release", "en"), ("Press reliz", "press_release", "tk"), ("Пресс-релиз", "press_release", "ru"),
        ("  press   RELIZ ", "press_release", "tk"), ("Story", "story", "en"), ("Waka", "story", "tk"), ("История", "story", "ru"),
        ("Take Action", "take_action", "en"), ("Işleri amala aşyryň", "take_action", "tk"), ("Speech", "speech", "en"),
        ("Latest", "latest", "en"), ("Soňky", "latest", "tk"), ("Последнее", "latest", "ru"),
        ("Learn more", "learn_more", "en"), ("Has köp öwrenme", "learn_more", "tk"), ("Узнать больше", "learn_more", "ru"),
        ("Durnukly ösüşüň maksatlary Türkmenistanda", "sdgs_title", "tk"), ("Цели устойчивого развития в Туркменистане", "sdgs_title", "ru"),
        ("BMG-nyň bu başlangyçlar bilen meşgullanýan agentlikleri", "entities", "tk"),
        ("BMG-niň bu başlangyçlar bilen meşgullanýan agentlikleri", "entities", "tk"),
        ("BMG-nin bu baslangyclar bilen mesgullanyan agentlikleri:", "entities", "tk"),
        ("Bu başlangyçlar arkaly biziň goldaýan maksatlarymyz", "goals", "tk"),
        ("UN entities involved in this initiative", "entities", "en"),
        ("1 of 5", "carousel_counter", "en"), ("3 из 7", "carousel_counter", "ru"), ("1 / 11", "carousel_counter", None),
    ],
)
def test_recognises_labels_in_every_catalog(text: str, id: str, lang: str | None) -> None:
    match = labels.recognise(text)
    assert match is not None
    assert (match.id, match.lang) == (id, lang)


@pytest.mark.parametrize("text", ["", "Press", "The training participants reviewed issues", "1 of", "Storyline"])
def test_other_text_is_not_a_label(text: str) -> None:
    assert labels.recognise(text) is None


def test_translations_and_counters_come_from_the_catalogs() -> None:
    assert labels.labels_for("press_release", "tk") == "Press reliz"
    assert labels.labels_for("entities", "ru") == "Структуры ООН, участвующие в этой инициативе"
    assert labels.labels_for("press_release", "xx") == "Press Release"
    assert labels.counter_text(1, 5, "ru") == "1 из 5"
    with pytest.raises(KeyError):
        labels.labels_for("no_such_label", "en")


def test_every_declared_message_is_in_the_template() -> None:
    from tmcontent.catalog import read_po

    template = read_po(i18n.locales_dir() / "tmcontent.pot")
    assert {e.msgid for e in template.messages} == set(labels.all_msgids())


def test_a_new_locale_is_a_new_po_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "locales"
    shutil.copytree(i18n.locales_dir(), root)
    uz = root / "uz" / "LC_MESSAGES"
    uz.mkdir(parents=True)
    (uz / "tmcontent.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: uz\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Press Release"\nmsgstr "Press-reliz"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "locales_dir", lambda: root)
    match = labels.recognise("Press-reliz")
    assert match is not None and (match.id, match.lang) == ("press_release", "uz")


#: The navigation labels of Turkmen and Russian news sites, as the catalogs translate them.
NAVIGATION = [
    ("home", "Home", "Baş sahypa", "Главная"), ("news_section", "News", "Habarlar", "Новости"),
    ("all_news", "All news", "Ähli habarlar", "Все новости"), ("contact_us", "Contact us", "Habarlaşmak", "Связаться с нами"),
    ("contacts", "Contacts", "Habarlaşmak üçin", "Контакты"), ("about_us", "About us", "Biz barada", "О нас"),
    ("related_news", "Related news", "Degişli habarlar", "Связанные новости"),
    ("similar_news", "Similar news", "Meňzeş habarlar", "Похожие новости"),
    ("other_news", "Other news", "Beýleki habarlar", "Другие новости"), ("read_also", "Read also", "Şeýle hem okaň", "Читайте также"),
    ("search", "Search", "Gözleg", "Поиск"), ("archive", "Archive", "Arhiw", "Архив"), ("politics", "Politics", "Syýasat", "Политика"),
    ("economy", "Economy", "Ykdysadyýet", "Экономика"), ("culture", "Culture", "Medeniýet", "Культура"),
    ("sport", "Sport", "Sport", "Спорт"), ("society", "Society", "Jemgyýet", "Общество"), ("photo", "Photo", "Surat", "Фото"),
    ("video", "Video", "Wideo", "Видео"), ("views", "Views", "Görülen", "Просмотры"),
]


@pytest.mark.parametrize(("id", "en", "tk", "ru"), NAVIGATION)
def test_navigation_labels_are_translated_not_fuzzy(id: str, en: str, tk: str, ru: str) -> None:
    from tmcontent.catalog import read_po

    assert labels.labels_for(id, "en") == en
    for locale, text in (("tk", tk), ("ru", ru)):
        assert labels.labels_for(id, locale) == text  # only real translations are compiled
        entry = read_po(i18n.locales_dir() / locale / "LC_MESSAGES" / "tmcontent.po").find(labels.message_for(id).msgid)
        assert entry is not None and entry.translated


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Baş sahypa", "tk"), ("Bas sahypa", "tk"), ("Habarlar", "tk"), ("Meňzeş habarlar", "tk"), ("Gözleg", "tk"), ("Arhiw", "tk"),
     ("Arhiv", "tk"), ("Görülen", "tk"), ("Главная", "ru"), ("Читайте также", "ru"), ("Просмотры", "ru"), ("Home", "en")],
)
def test_navigation_labels_are_chrome_of_one_language(text: str, lang: str) -> None:
    match = labels.recognise(text)
    assert match is not None and match.langs == (lang,)


@pytest.mark.parametrize(("text", "id"), [("Sport", "sport"), ("Video", "video"), ("SPORT", "sport")])
def test_labels_spelled_alike_in_english_and_turkmen_belong_to_both(text: str, id: str) -> None:
    match = labels.recognise(text)
    assert match is not None and match.id == id and match.langs == ("en", "tk")
    wideo = labels.recognise("Wideo")
    assert wideo is not None and wideo.langs == ("tk",)


@pytest.mark.parametrize(
    ("texts", "locale"),
    [
        (["Baş sahypa", "Habarlar", "Syýasat", "Sport", "Wideo", "Biz barada"], "tk"),
        (["Главная", "Новости", "Политика", "Спорт", "Видео", "О нас", "Home"], "ru"),
        (["Home", "News", "Politics", "Sport", "Video", "Contact us"], "en"),
        (["Sport", "Video", "Gözleg"], None),  # one distinguishing label is not enough
        (["Sport", "Video", "SPORT"], None),  # alike in en and tk: no evidence
        (["Read more", "Read more", "Read more", "Главная", "Поиск"], "ru"),  # a text counts once
        (["Home", "Search", "Главная", "Поиск"], "en"),  # a tie goes alphabetically
        (["Anything", "", "2024", "Latest news from Ashgabat"], None),
        ([], None),
    ],
)
def test_chrome_locale_is_the_language_of_most_menu_labels(texts: list[str], locale: str | None) -> None:
    assert labels.chrome_locale(texts) == locale
    assert labels.chrome_locale(iter(texts)) == locale  # any iterable, read once


def test_ambiguous_chrome_has_no_language_in_the_structure() -> None:
    from tmcontent.parse.chrome import recognise_label

    sport, wideo = recognise_label("Sport"), recognise_label("Wideo")
    assert sport is not None and sport.lang is None
    assert wideo is not None and wideo.lang == "tk"
