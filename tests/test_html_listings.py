"""Home pages of Turkmen and Russian news sites: every story an article, nothing else one.

The three pages in ``fixtures/html/`` are our own, written after the layouts seen on real
sites: cards whose headline is a bare link (and a lead story laid out flat beside them),
view counters and a page declared ``lang="en"`` in Russian; a grid of cards with a slider
above it and a dated chronicle in an ``<aside>``; section rows of headline lists with a lead
story in an image overlay, a "main news" box in a sidebar and a screen-size indicator.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import tmcontent
from tmcontent.parse import ParseOptions

FIXTURES = Path(__file__).parent / "fixtures" / "html"
NO_LANGID = ParseOptions(detect_languages=False)

STORIES = {
    "home-ru-cards.html": [
        ("В Ашхабаде открылся новый детский сад на 320 мест", "2018-03-16", "/news/1201"),
        ("Туркменские врачи провели семинар по неонатологии", "2018-03-16", "/news/1200"),
        ("На Каракумском канале начались весенние работы по очистке русла", "2018-03-16", "/news/1199"),
        ("Сборная по футзалу вышла в полуфинал турнира в Бангкоке", "2018-03-16", "/news/1198"),
        ("В Туркменабате прошла ярмарка местных производителей", "2018-03-16", "/news/1197"),
        ("Театр имени Махтумкули представил премьеру спектакля", "2018-03-15", "/news/1196"),
    ],
    "home-tk-grid.html": [
        ("Türkmenistanda Bitarap ýyl mynasybetli baýramçylyk çäreleri başlandy", "2023-12-12", "/tk/habar/5001"),
        ("Aşgabatda halkara ylmy maslahat geçirildi", "2023-12-11", "/tk/habar/5000"),
        ("Lebap welaýatynda täze mekdep ulanmaga berildi", "2023-12-10", "/tk/habar/4999"),
        ("Daşoguzda pagta arassalaýjy kärhananyň täze binasy açyldy", "2023-12-09", "/tk/habar/4998"),
        ("Türkmen türgenleri Aziýa çempionatynda üç medal gazandylar", "2023-12-08", "/tk/habar/4997"),
        ("Mary şäherinde halk döredijiligi sergisi guraldy", "2023-12-08", "/tk/habar/4996"),
        ("Ahal welaýatynda gök önüm ýyladyşhanalarynyň sany artýar", "2023-12-07", "/tk/habar/4995"),
        ("Balkan welaýatynda täze ýol gurluşygy tamamlandy", "2023-12-06", "/tk/habar/4994"),
        ("Aşgabatda kitap sergisi öz işine başlady", "2023-12-06", "/tk/habar/4993"),
        ("Talyplar üçin täze umumy ýaşaýyş jaýy ulanmaga berildi", "2023-12-05", "/tk/habar/4992"),
    ],
    "home-ru-rows.html": [
        ("В Авазе открылся международный форум по энергетике", "2022-05-24", "/news/880"),
        ("Правительство утвердило программу развития связи", "2022-05-24", "/news/879"),
        ("Пассажирские поезда пойдут по новому расписанию", "2022-05-23", "/news/878"),
        ("В Балканабаде построят новый стадион", "2022-05-23", "/news/877"),
        ("Репортаж с открытия выставки ковров", "2022-05-22", "/video/301"),
        ("Как готовят чурек в тамдыре", "2022-05-21", "/video/300"),
        ("Скачки ахалтекинцев на ипподроме", "2022-05-20", "/video/299"),
        ("Выставка достижений строительной отрасли", "2022-05-19", "/news/876"),
        ("Фотовыставка «Цветущий край» в музее", "2022-05-18", "/news/875"),
        ("Книжная ярмарка собрала издателей из десяти стран", "2022-05-17", "/news/874"),
    ],
}
#: What a reader never counts as a story: menus, widgets, counters, section heads, footers.
NOT_STORIES = (
    "Главная", "Новости", "Контакты", "Погода", "Курсы валют", "Опрос", "Следующая", "Все права", "423",
    "Baş sahypa", "Howa", "Habarlar senenamasy", "Biz barada",
    "Видео", "Выставки", "Главное", "XS", "LG", "О нас",
)


def _read(name: str) -> list[tmcontent.Article]:
    return tmcontent.parse(FIXTURES / name, options=NO_LANGID)


@pytest.mark.parametrize("name", sorted(STORIES))
def test_every_story_is_an_article_with_its_headline_date_and_link(name: str) -> None:
    articles = _read(name)
    found = [(a.title, a.published.iso[:10] if a.published and a.published.iso else None, a.url) for a in articles]
    expected = STORIES[name]
    assert [(title, date) for title, date, _ in found] == [(title, date) for title, date, _ in expected]
    assert all(url is not None and url.endswith(path) for (_, _, url), (_, _, path) in zip(found, expected, strict=True))


@pytest.mark.parametrize("name", sorted(STORIES))
def test_no_menu_widget_or_counter_becomes_an_article_or_its_text(name: str) -> None:
    for article in _read(name):
        shown = f"{article.title}\n{article.text}"
        assert not any(chrome == line.strip() or f"{chrome} " in shown for chrome in NOT_STORIES for line in shown.splitlines())


def test_a_story_keeps_its_teaser_and_not_its_counter() -> None:
    lead = _read("home-ru-cards.html")[0]
    assert lead.text.startswith("В столичном этра")
    assert "423" not in lead.text and "21:07" not in lead.text


def test_a_russian_page_declared_english_reports_the_evidence() -> None:
    articles = _read("home-ru-cards.html")
    assert {(a.page_locale, a.declared_locale) for a in articles} == {("ru", "en")}


def test_teasers_beside_a_short_article_do_not_make_a_listing() -> None:
    cards = "".join(
        f"<article class='card'><h3><a href='/story/{n}'>Another story worth reading, number {n}</a></h3>"
        f"<p>A teaser of another story, number {n}.</p><span>12.0{n}.2024</span></article>"
        for n in range(1, 7)
    )
    page = (
        "<html><body><article class='post'><h1>The council approves a new park</h1>"
        "<p>The city council approved the plan for a new park on the river bank on Tuesday, after a year of hearings.</p></article>"
        f"<section class='more-from-us'><h2>You may also like</h2>{cards}</section></body></html>"
    )
    (article,) = tmcontent.parse(page, options=NO_LANGID)
    assert article.title == "The council approves a new park"
    assert "Another story" not in article.text and "teaser" not in article.text


def test_a_date_written_inside_the_headline_link_is_the_story_date() -> None:
    items = "".join(
        f"<li><a href='/tk/habar/{n}'>{day:02d}.03.2024 Täze mekdep ulanmaga berildi, habar {n}</a></li>"
        for n, day in ((1, 21), (2, 20), (3, 19))
    )
    page = f"<html lang='tk'><body><div class='news'><ul class='last-news'>{items}</ul></div></body></html>"
    articles = tmcontent.parse(page, options=NO_LANGID)
    assert [(a.title, a.published.iso if a.published else None) for a in articles] == [
        ("Täze mekdep ulanmaga berildi, habar 1", "2024-03-21"),
        ("Täze mekdep ulanmaga berildi, habar 2", "2024-03-20"),
        ("Täze mekdep ulanmaga berildi, habar 3", "2024-03-19"),
    ]
