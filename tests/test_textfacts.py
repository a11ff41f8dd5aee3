"""The shared text facts (tmcontent.textfacts) and the modules that rely on them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tmcontent import i18n, labels
from tmcontent.catalog import project
from tmcontent.dates import parse_date
from tmcontent.dates.grammar import fold_variants
from tmcontent.defaults import DOMAIN
from tmcontent.langid import detect
from tmcontent.parse.encoding import decode
from tmcontent.textfacts import (
    ACRONYM_RE,
    NO_SCRIPT,
    TURKMEN_FOLD,
    UND,
    char_script,
    fold_turkmen,
    primary,
    same_language,
    script_of,
)

TURKMEN_LETTERS = "ňýşäžöüçŇÝŞÄŽÖÜÇ"


def test_fold_turkmen_writes_every_turkmen_letter_as_sites_without_the_font_do() -> None:
    assert fold_turkmen("ňýşäžöüç") == "nysazouc"
    assert fold_turkmen("ŇÝŞÄŽÖÜÇ") == "NYSAZOUC"
    assert fold_turkmen("Türkmenistanyň Prezidenti Aşgabatda") == "Turkmenistanyn Prezidenti Asgabatda"


def test_fold_turkmen_leaves_other_letters_alone() -> None:
    # Turkish ğ/ı/İ, Azerbaijani ə and Russian are not Turkmen letters.
    for text in ("ğıİə", "Ашхабад, ноябрь", "plain ASCII 123"):
        assert fold_turkmen(text) == text


@given(st.text())
def test_fold_turkmen_keeps_length_leaves_no_turkmen_letter_and_is_idempotent(text: str) -> None:
    folded = fold_turkmen(text)
    assert len(folded) == len(text)
    assert not set(folded) & set(TURKMEN_LETTERS)
    assert fold_turkmen(folded) == folded


def test_the_table_is_what_labels_dates_and_langid_fold_with() -> None:
    assert len(TURKMEN_FOLD) == len(TURKMEN_LETTERS)
    # labels: a menu written without Turkmen letters is still recognised.
    match = labels.recognise(fold_turkmen("Baş sahypa"))
    assert match is not None and match.lang == "tk"
    assert labels.skeleton("BMG-nyň") == labels.skeleton("BMG-nin")
    # dates: the ý-less month name reads as the month.
    assert fold_variants("tk", "iýun") == ["iýun", "iyun"]
    value = parse_date("5-nji iyun 2023", lang="tk")
    assert value is not None and value.iso == "2023-06-05"
    # langid: a folded Turkmen sentence stays Turkmen.
    assert detect(fold_turkmen("Türkmenistanyň Prezidenti täze mekdebiň açylyş dabarasyna gatnaşdy.")).lang == "tk"


@pytest.mark.parametrize(
    ("char", "script"),
    [
        ("a", "Latn"), ("Ž", "Latn"), ("ı", "Latn"), ("ạ", "Latn"), ("ʻ", "Latn"),  # Latin Extended Additional; Uzbek oʻ
        ("ж", "Cyrl"), ("ң", "Cyrl"), ("Ԑ", "Cyrl"),  # Cyrillic Supplement (U+0510)
        ("α", "Grek"), ("ب", "Arab"), ("ա", "Armn"), ("ა", "Geor"), ("中", "Hani"),
        ("א", "Hebr"), ("ก", "Thai"),
    ],
)
def test_char_script(char: str, script: str) -> None:
    assert char_script(char) == script


def test_script_of_is_the_script_of_most_letters() -> None:
    assert script_of("") == NO_SCRIPT == "Zyyy"
    assert script_of("2024 — 12:30 !") == "Zyyy"
    assert script_of("Press reliz") == "Latn"
    assert script_of("Пресс-релиз UNDP") == "Cyrl"  # 11 Cyrillic letters against 4 Latin
    assert script_of("UN ООН Мир") == "Cyrl"
    assert script_of("Αθήνα ab") == "Grek"
    assert script_of("αβ אב") == "Grek"  # a tie: the first code alphabetically (Grek < Hebr)


def test_the_encoding_repair_reads_scripts_as_language_identification_does() -> None:
    # A cp1251 run inside UTF-8: the repair takes the code page whose words are each in one
    # script, by char_script (as cp1254 or cp1252 the run is Latin letters and symbols).
    data = "Ашхабад, 24 ноября 2023 года. Пресс-релиз. ".encode() + "Министерство иностранных дел".encode("cp1251")
    assert decode(data).text == "Ашхабад, 24 ноября 2023 года. Пресс-релиз. Министерство иностранных дел"


def test_acronym_re_is_a_word_of_capitals() -> None:
    for word in ("UNDP", "WHO", "ООН", "ЮНИСЕФ", "UN"):
        assert ACRONYM_RE.match(word), word
    for word in ("U", "Undp", "undp", "ABCDEFGHI", "Ýurt", "COVID19"):
        assert not ACRONYM_RE.match(word), word
    assert detect("UNDP").lang == UND == "und"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("en", "en"), ("en-US", "en"), ("tk_TM", "tk"), (" RU ", "ru"), ("zh-Hant-TW", "zh"), ("und", "und"), ("", "")],
)
def test_primary_is_the_lower_case_language_subtag(tag: str, expected: str) -> None:
    assert primary(tag) == expected


def test_same_language() -> None:
    assert same_language("en-GB", "en_US")
    assert same_language("TK", "tk-TM")
    assert not same_language("tk", "tr")


def test_domain_names_the_shipped_catalogs_and_the_projects() -> None:
    assert (i18n.locales_dir() / "tk" / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()
    assert project.catalog_path(i18n.locales_dir(), "tk").name == f"{DOMAIN}.po"


def test_textfacts_imports_nothing_of_tmcontent() -> None:
    """It sits lowest in the house: every module may import it without a cycle."""
    import ast
    import inspect

    from tmcontent import textfacts

    tree = ast.parse(inspect.getsource(textfacts))
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert imported and not [name for name in imported if name.split(".")[0] == "tmcontent"]
