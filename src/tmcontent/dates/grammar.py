"""Inflection of month names and spelling variants, per language (data, not parsing code).

* Turkmen: case and possessive suffixes after the month name ("aprelde", "aprelden",
  "aprele", "apreli", "aprelinde", "maýyň"), chosen loosely (both vowel classes accepted:
  over-generation cannot create a false date, since a number must stand beside the name),
  the ý-less / ASCII spellings ("iyun", "mayda", "noyabr") of sites without Turkmen fonts,
  and misspellings sites print ("ýýunda").
* Russian: the cases CLDR does not list ("в апреле", "к маю", "мартом").
* Ordinal and year words around the numbers ("24-nji", "2023-nji ýylyň", "2021 года").
"""

from __future__ import annotations

from tmcontent.textfacts import fold_turkmen

#: Suffixes a Turkmen month name takes in press text (locative, ablative, dative, accusative,
#: genitive, possessive + locative/ablative/dative).
TURKMEN_MONTH_SUFFIXES = (
    "", "da", "de", "dan", "den", "a", "e", "y", "i", "yň", "iň", "ynda", "inde", "yndan", "inden",
    "yna", "ine", "yny", "ini", "ny", "ni", "na", "ne", "nda", "nde", "ndan", "nden", "ň",
)
#: Misspellings of Turkmen month stems seen on real news sites (a site review found "ýýunda"
#: for "iýunda": the i typed as ý). Each is inflected like the correct stem.
TURKMEN_MISSPELLINGS = {"iýun": ("ýýun",), "iýul": ("ýýul",)}
#: Russian endings after the stem of the nominative month name ("апрел-ь", "ма-й", "март").
RUSSIAN_SOFT_ENDINGS = ("ь", "й", "я", "е", "ю", "ем", "ём")
RUSSIAN_HARD_ENDINGS = ("", "а", "е", "у", "ом")


def fold_variants(lang: str, name: str) -> list[str]:
    """``name`` and its ASCII-folded spelling where the language has one."""
    if lang == "tk":
        folded = fold_turkmen(name)
        return [name] if folded == name else [name, folded]
    return [name]


def inflect_month(lang: str, name: str) -> list[str]:
    """Every form of month ``name`` to accept in ``lang``."""
    if lang == "tk":
        stems = (name, *TURKMEN_MISSPELLINGS.get(name, ()))
        forms = [stem + suffix for stem in stems for suffix in TURKMEN_MONTH_SUFFIXES]
        return [variant for form in forms for variant in fold_variants(lang, form)]
    if lang == "ru":
        return _russian_forms(name)
    return [name]


def _russian_forms(name: str) -> list[str]:
    if name.endswith(("ь", "й")):
        stem = name[:-1]
        return [name] + [stem + ending for ending in RUSSIAN_SOFT_ENDINGS]
    if name.endswith(("а", "я")) or "." in name:
        return [name]
    return [name + ending for ending in RUSSIAN_HARD_ENDINGS]


#: Ordinal endings after a day or year number: Turkmen (vowel harmony), English, Russian.
ORDINAL = r"(?:-?(?:nji|njy|inji|ynjy|unjy|ünji|nçi|njі)|st|nd|rd|th|-?(?:го|е|ое|ого))"
#: Year words after a year number: "ý.", "ýylyň", "ýylda", "г.", "года", "году".
YEAR_WORD = r"(?:ý\.|ýyl(?:yň|ynda|ynyň|da|dan|y|a)?|yyl(?:yn|ynda|da|y)?|г\.|г\b|года|году|годом|year)"
#: Words after a month-only date: "aprel aýynda", "aýy".
MONTH_WORD = r"(?:a[ýy](?:ynda|y|da|yndan|ynyň)?)"
#: Range separators between two days or months ("5-6", "10 — 12", "aralygynda" comes after).
RANGE_SEPARATOR = r"(?:\s*[-–—]\s*|\s+(?:to|till|until|through|по|до|и|and|we)\s+)"
RANGE_WORD = r"(?:aralygynda|aralygy|aralyk|arasynda)"
