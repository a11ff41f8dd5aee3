"""Each run-time dependency the design names does the work the README says it does (polib, a
test oracle, is exercised by tests/test_po_oracles.py; beautifulsoup4 input by tests/test_html.py)."""

from __future__ import annotations

from babel.support import Translations

from tmcontent import detect, i18n, labels
from tmcontent.dates import format_date, parse_date
from tmcontent.langid.backends import _langdetect, stock_langdetect_factory

TURKMEN = "Bu başlangyçlar arkaly biziň goldaýan maksatlarymyz we ýaşlaryň geljegi barada gürrüň edildi"


def test_langdetect_is_a_backend_that_knows_turkmen_through_our_profile() -> None:
    assert detect(TURKMEN, backend="langdetect").lang == "tk"
    assert _langdetect(TURKMEN, None, stock_langdetect_factory())[0] != "tk"  # stock langdetect has no Turkmen


def test_babel_gives_cldr_names_and_the_translations_catalogs_load_through() -> None:
    assert isinstance(i18n.get_translations("ru"), Translations)
    assert labels.language_name("en", "ru").lower() == "английский"
    assert format_date(parse_date("2024-03-14").start, locale="ru").startswith("14 марта 2024")
