"""Facts about text and language tags that several parts of tmcontent share, each written once.

* **Turkmen folding** — Turkmen as sites without its letters write it (ň→n, ý→y, ş→s, ä→a,
  ž→z, ö→o, ü→u, ç→c, both cases): :data:`TURKMEN_FOLD`, :func:`fold_turkmen`. Label look-up,
  the language model and the date grammar all accept the folded spellings through it.
* **Scripts** — the ISO 15924 script of a character (:func:`char_script`) and the script most
  letters of a text are in (:func:`script_of`); the encoding repair and language
  identification judge text by them.
* **Acronyms** — :data:`ACRONYM_RE`, a word of capitals that has no language ("UNDP", "ООН").
* **Language tags** — the primary language subtag of a BCP 47 tag or POSIX locale
  (:func:`primary`, :func:`same_language`) and :data:`UND` (undetermined).

Depends on nothing else in tmcontent (the standard library only): any module may import it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# -- Turkmen folding ----------------------------------------------------------------------------

_TURKMEN_LETTERS = {"ň": "n", "ý": "y", "ş": "s", "ä": "a", "ž": "z", "ö": "o", "ü": "u", "ç": "c"}
#: Turkmen letters to the ASCII letters written for them, lower and upper case.
TURKMEN_FOLD = str.maketrans({**_TURKMEN_LETTERS, **{k.upper(): v.upper() for k, v in _TURKMEN_LETTERS.items()}})


def fold_turkmen(text: str) -> str:
    """Turkmen as written without its letters: "Türkmenistanyň" → "Turkmenistanyn"."""
    return text.translate(TURKMEN_FOLD)


# -- Scripts ------------------------------------------------------------------------------------

NO_SCRIPT = "Zyyy"
#: Unicode blocks whose letters are in one script, the most frequent in our texts first.
_SCRIPT_BLOCKS = (
    (0x0000, 0x024F, "Latn"), (0x0400, 0x052F, "Cyrl"), (0x1E00, 0x1EFF, "Latn"), (0x02BB, 0x02BC, "Latn"),
    (0x0370, 0x03FF, "Grek"), (0x0600, 0x06FF, "Arab"), (0x0530, 0x058F, "Armn"), (0x10A0, 0x10FF, "Geor"),
    (0x4E00, 0x9FFF, "Hani"),
)
_NON_LETTER_RE = re.compile(r"[\W\d_]+")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u02bb\u02bc]")
_CYRILLIC_RE = re.compile(r"[\u0400-\u052f]")


@lru_cache(maxsize=4096)  # a pure function of one character; text repeats its letters
def char_script(char: str) -> str:
    """ISO 15924 code of the script of letter ``char``: "Latn" (with Latin Extended Additional
    and the modifier letters ʻ ʼ Uzbek writes), "Cyrl" (with the Cyrillic Supplement), "Grek",
    "Arab", "Armn", "Geor", "Hani", else the first word of its Unicode name, title-cased and cut
    to four letters ("Hebr", "Thai"; "Zzzz" for an unnamed character)."""
    code = ord(char)
    for first, last, script in _SCRIPT_BLOCKS:
        if first <= code <= last:
            return script
    return unicodedata.name(char, "Zzzz").split(" ")[0][:4].title()


def script_of(text: str) -> str:
    """ISO 15924 code of the script most letters of ``text`` are in (:data:`NO_SCRIPT`, "Zyyy",
    when there are none; a tie goes to the code first in alphabetical order)."""
    if text.isascii():
        return "Latn" if any(map(str.isalpha, text)) else NO_SCRIPT
    letters = _NON_LETTER_RE.sub("", text)
    if not letters:
        return NO_SCRIPT
    cyrillic = len(letters) - len(_CYRILLIC_RE.sub("", letters))
    if cyrillic * 2 > len(letters):
        return "Cyrl"
    latin = len(letters) - len(_LATIN_RE.sub("", letters))
    if latin * 2 > len(letters):
        return "Latn"
    counts: dict[str, int] = {}
    for char in letters:
        script = char_script(char)
        counts[script] = counts.get(script, 0) + 1
    return max(sorted(counts), key=lambda s: counts[s])


# -- Acronyms -----------------------------------------------------------------------------------

#: A word of 2–8 Latin or Cyrillic capitals ("UNDP", "WHO", "ООН"): an acronym, no language's
#: word. Matched against words as the language model reads them (letters only, no digits).
ACRONYM_RE = re.compile(r"^[A-ZА-ЯЁ]{2,8}$")


# -- Language tags ------------------------------------------------------------------------------

#: The BCP 47 tag of an undetermined language.
UND = "und"


def primary(tag: str) -> str:
    """The primary language subtag of a BCP 47 tag or POSIX locale, lower case:
    "en-US" → "en", "tk_TM" → "tk", " RU " → "ru"."""
    return tag.strip().replace("_", "-").split("-")[0].lower()


def same_language(tag: str, other: str) -> bool:
    """Whether two tags name the same language ("en-GB" and "en_US" do; "tk" and "tr" do not)."""
    return primary(tag) == primary(other)
