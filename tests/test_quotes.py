"""Quotations and their speakers in Turkmen, Russian and English word orders."""

from __future__ import annotations

import pytest

import tmcontent
from tmcontent.parse.quotes import find_speaker, is_quote

#: A quotation long enough to make its paragraph a quote block in every word order.
TK_QUOTE = "Bu möhüm ädim, biz oňa köp wagtlap taýýarlandyk we indi netijesini görýäris"


@pytest.mark.parametrize(
    "text",
    [
        "“Bu möhüm ädim,” diýip, Aýna Gurbanowa aýtdy.",
        "“Bu möhüm ädim” diýip, Aýna Gurbanowa aýtdy.",
        "“Bu möhüm ädim,” — diýip, Aýna Gurbanowa belledi.",
        "“Bu möhüm ädim,” diýip Aýna Gurbanowa belledi.",
        "“Bu möhüm ädim” diýip, Aýna Gurbanowa nygtady.",
        "“Bu möhüm ädim,” diýdi Aýna Gurbanowa.",
        "«Bu möhüm ädim», - diýip, Aýna Gurbanowa öz çykyşynda belledi.",
        "Aýna Gurbanowa: “Bu möhüm ädim.”",
        "Aýna Gurbanowa “Bu möhüm ädim” diýip belledi.",
        "Aýna Gurbanowa öz çykyşynda “Bu möhüm ädim” diýip nygtady.",
        "Maslahatda çykyş eden Aýna Gurbanowa “Bu möhüm ädim” diýip belledi.",
        "Aýna Gurbanowa aýtdy: “Bu möhüm ädim.”",
        "Maslahat dowam etdi. Aýna Gurbanowa maslahatda “Bu möhüm ädim” diýip belledi.",
        "“Bu möhüm ädim,” diýip, Aýna Gurbanowa BMG-nyň Howpsuzlyk geňeşinde aýtdy.",
    ],
)
def test_turkmen_word_orders_name_the_speaker(text: str) -> None:
    assert find_speaker(text) == "Aýna Gurbanowa"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“Bu möhüm ädim,” diýip, UNDP-niň Türkmenistandaky wekili Aýna Gurbanowa belledi.", "UNDP-niň Türkmenistandaky wekili Aýna Gurbanowa"),
        ("“Bu möhüm ädim,” diýip, Milli statistika merkezi habar berdi.", "Milli statistika merkezi"),
        ("“Bu möhüm ädim,” diýip, ol belledi.", None),
        ("“Bu möhüm ädim,” diyip, Aman Gurbanow aytdy.", "Aman Gurbanow"),
    ],
)
def test_turkmen_roles_organisations_and_pronouns(text: str, speaker: str | None) -> None:
    assert find_speaker(text) == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("«Это важный шаг», — сказала Айна Гурбанова.", "Айна Гурбанова"),
        ("Айна Гурбанова отметила: «Это важный шаг для всех нас».", "Айна Гурбанова"),
        ("Айна Гурбанова: «Это важный шаг для всех нас».", "Айна Гурбанова"),
        ("“This is an important step,” said Aýna Gurbanowa, UNDP Resident Representative.", "Aýna Gurbanowa"),
        ("Aýna Gurbanowa said: “This is an important step for all of us.”", "Aýna Gurbanowa"),
        ("“This is an important step,” Aýna Gurbanowa said.", "Aýna Gurbanowa"),
        ("In her remarks, Ambassador Jane Doe noted, “This is an important step.”", "Ambassador Jane Doe"),
        ("Dou Menghan, head of the team, said: “This is an important step.”", "Dou Menghan"),
        ("“The children now tell their parents,” said the school director, Gulnara Orazowa.", "Gulnara Orazowa"),
        ("“We planted a hundred trees,” said a volunteer, Merjen Ataýewa, on Sunday.", "Merjen Ataýewa"),
    ],
)
def test_russian_and_english_attribution_keeps_working(text: str, speaker: str) -> None:
    assert find_speaker(text) == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Maslahatyň temasy: “Sanly ykdysadyýet we innowasiýalar ösüşiň binýady”",
        "Тема семинара: «Цифровая экономика и инновации как основа развития»",
        "The American dream is still alive: “The desire for homeownership has not fallen.”",
    ],
)
def test_a_colon_before_a_title_is_no_attribution(text: str) -> None:
    assert find_speaker(text) is None
    assert not is_quote(text)


@pytest.mark.parametrize(
    "text",
    [
        f"Aýna Gurbanowa “{TK_QUOTE}” diýip belledi.",
        f"Aýna Gurbanowa: “{TK_QUOTE}.”",
        f"“{TK_QUOTE},” diýip, Aýna Gurbanowa aýtdy.",
    ],
)
def test_turkmen_quote_paragraph_becomes_a_quote_block(text: str) -> None:
    page = f"Maslahat geçirildi\n12 mart 2024\n{text}\nMaslahat agşam tamamlandy we indiki duşuşyk güýzde geçiriler.\n"
    (article,) = tmcontent.parse(page)
    quotes = [block for block in article.blocks if block.kind == "quote"]
    assert [(block.text, block.speaker) for block in quotes] == [(text, "Aýna Gurbanowa")]


@pytest.mark.parametrize("unit", ["«", "„", '"', "“ ", "«„\"“", "«ab»"])
def test_quoted_share_stays_linear_on_runs_of_marks(unit: str) -> None:
    # "«[^»]{3,}»" tried from every « of a run with no » was quadratic: 450,000 « took over 30 s.
    from scaling import MAX_RATIO, growth_ratio

    ratio = growth_ratio(lambda n: "Opening words " + unit * n + " said Aýna Gurbanowa.", lambda text: is_quote(str(text)), 10_000)
    assert ratio < MAX_RATIO, f"4x the marks took {ratio:.1f}x the time"


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("«Bu möhüm ädim», - diýdi.", 15 / 25),
        ("„Das ist gut“ und „gut”.", (13 + 5) / 24),
        ("“ab” «abc» \"ab\"", 5 / 15),
        ("Said: “" + "a" * 20, 21 / 27),
        ("Said: “" + "a" * 19, 0.0),
        ("«« »»", 0.0),
    ],
)
def test_quoted_share_counts_closed_quotations_and_a_long_unclosed_one(text: str, share: float) -> None:
    from tmcontent.parse.quotes import quoted_share

    assert quoted_share(text) == pytest.approx(share)
