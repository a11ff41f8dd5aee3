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
