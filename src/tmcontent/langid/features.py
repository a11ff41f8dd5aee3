"""Text to features for the n-gram language model: normalisation, words, character n-grams.

Shared by the trainer (``scripts/build_langid_profile.py``) and the detector, so both see the
same features. Words are runs of letters (with the apostrophes and modifier letters Uzbek
writes: oʻ, gʻ); each gives its padded character 1–3-grams and, for short inputs, itself.
"""

from __future__ import annotations

import re
import unicodedata

#: Largest character n-gram. 3 was chosen on the dev corpus (5-fold): 1–3 grams reach the
#: sentence figures; adding 4-grams grew the profile 3x for +0.1% accuracy and cost speed.
MAX_N = 3
#: Smallest n-gram. Single letters add nothing once padded 2-grams carry them (5-fold
#: accuracy unchanged on the dev corpus) and cost a third of the look-ups.
MIN_N = 2
WORD_RE = re.compile(r"[^\W\d_]+(?:['ʻʼ’‘`-][^\W\d_]+)*")
URLISH_RE = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TURKMEN_FOLD = str.maketrans({"ň": "n", "ý": "y", "ş": "s", "ä": "a", "ž": "z", "ö": "o", "ü": "u", "ç": "c"})
UZBEK_APOSTROPHES = str.maketrans({"’": "ʻ", "‘": "ʻ", "`": "ʻ", "'": "ʻ", "ʼ": "ʻ"})


def normalise(text: str) -> str:
    """NFC, lower case (Turkish capital İ keeps its dot), URLs and e-mails removed."""
    return lower(unicodedata.normalize("NFC", without_urls(text)))


def lower(token: str) -> str:
    return token.lower() if "İ" not in token else token.replace("İ", "i̇").lower()


def without_urls(text: str) -> str:
    """``text`` with URLs and e-mail addresses blanked (a cheap test first: most text has none)."""
    if "://" in text or "@" in text or "www." in text:
        return URLISH_RE.sub(" ", text)
    return text


def words(text: str) -> list[str]:
    return WORD_RE.findall(normalise(text))


def word_features(word: str) -> list[str]:
    """Padded character 1–3-grams of one (lower-case) word, and the word itself ("w:")."""
    padded = f" {word.translate(UZBEK_APOSTROPHES)} "
    grams = [padded[i : i + n] for n in range(MIN_N, MAX_N + 1) for i in range(len(padded) - n + 1)]
    grams.append("w:" + word)
    if "-" in word:  # Turkmen case endings on foreign names: "Chelsea-niň", "Becker-den"
        grams.append("s:" + word.rsplit("-", 1)[1])
    return grams


#: Capitalised words are left out when a text has at least this many lower-case words:
#: names and acronyms ("Mähri Eýeberdiýewa", "UNDP") then do not pull a sentence towards the
#: language they look like. Measured on the dev corpus: no change in 5-fold sentence accuracy,
#: and English sentences full of Turkmen names stay English.
MIN_LOWERCASE_WORDS = 3
#: Up to this many words a text is a fragment ("Willoughby bilen", "Ford hem"): if any word
#: is lower-case, the capitalised ones are dropped. Longer texts keep them (headlines are
#: mostly capitalised; dropping them there cost 0.3% Azerbaijani recall on the dev corpus).
MAX_FRAGMENT_WORDS = 3


def tokens(text: str) -> list[str]:
    """Words of ``text`` as written (NFC; URLs and e-mail addresses left out)."""
    return WORD_RE.findall(unicodedata.normalize("NFC", without_urls(text)))


def content_words(text: str) -> list[str]:
    return language_words(tokens(text))


def language_words(tokens: list[str]) -> list[str]:
    """The lower-cased words that carry language: capitalised ones (names) dropped when there
    are enough others."""
    lowercase = sum(1 for token in tokens if token[:1].islower())
    if lowercase >= MIN_LOWERCASE_WORDS:
        tokens = [token for index, token in enumerate(tokens) if index == 0 or not token[:1].isupper()]
    elif lowercase and len(tokens) <= MAX_FRAGMENT_WORDS:  # a fragment: its lower-case words speak, not its names
        tokens = [token for token in tokens if not token[:1].isupper()]
    return [lower(token) for token in tokens]


def features(text: str) -> list[str]:
    return [feature for word in content_words(text) for feature in word_features(word)]


def fold_turkmen(text: str) -> str:
    """Turkmen as written without its letters: ň→n, ý→y, ş→s, ä→a, ž→z, ö→o, ü→u, ç→c."""
    return text.translate(TURKMEN_FOLD).translate(TURKMEN_FOLD_UPPER)


TURKMEN_FOLD_UPPER = str.maketrans({"Ň": "N", "Ý": "Y", "Ş": "S", "Ä": "A", "Ž": "Z", "Ö": "O", "Ü": "U", "Ç": "C"})


LETTER_RE = re.compile(r"[^\W\d_]")
LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u02bb\u02bc]")
CYRILLIC_RE = re.compile(r"[\u0400-\u052f]")


def letter_count(text: str) -> int:
    return sum(map(str.isalpha, text))


def script_of(text: str) -> str:
    """ISO 15924 code of the script most letters are in ("Zyyy" when there are none)."""
    letters = letter_count(text)
    if not letters:
        return "Zyyy"
    latin, cyrillic = len(LATIN_RE.findall(text)), len(CYRILLIC_RE.findall(text))
    if max(latin, cyrillic) * 2 > letters:
        return "Latn" if latin >= cyrillic else "Cyrl"
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            script = _script(char)
            counts[script] = counts.get(script, 0) + 1
    return max(sorted(counts), key=lambda s: counts[s])


def _script(char: str) -> str:
    code = ord(char)
    if code < 0x250 or 0x1E00 <= code <= 0x1EFF or code in (0x2BB, 0x2BC):
        return "Latn"
    if 0x400 <= code <= 0x52F:
        return "Cyrl"
    if 0x370 <= code <= 0x3FF:
        return "Grek"
    if 0x600 <= code <= 0x6FF:
        return "Arab"
    if 0x530 <= code <= 0x58F:
        return "Armn"
    if 0x10A0 <= code <= 0x10FF:
        return "Geor"
    if 0x4E00 <= code <= 0x9FFF:
        return "Hani"
    return unicodedata.name(char, "Zzzz").split(" ")[0][:4].title()
