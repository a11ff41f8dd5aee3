"""Text to features for the n-gram language model: normalisation, words, character n-grams.

Shared by the trainer (``scripts/build_langid_profile.py``) and the detector, so both see the
same features. Words are runs of letters (with the apostrophes and modifier letters Uzbek
writes: oʻ, gʻ); each gives its padded character 1–3-grams and, for short inputs, itself.
"""

from __future__ import annotations

import re
import unicodedata

from tmcontent.textfacts import NO_SCRIPT, char_script

#: Character n-grams are trigrams of the space-padded word (" ab", "abc", "bc "), plus the
#: word itself. Measured held out on the dev corpus (5 contiguous folds): 2–3-grams → 3-grams
#: only raised two-word Turkmen fragments 0.968 → 0.971 and halved the look-ups per word
#: (sentence recall unchanged but for one Turkish sentence, 0.9979 → 0.9969); adding 4-grams
#: changed nothing but the size and cost.
NGRAM_SIZE = 3
WORD_RE = re.compile(r"[^\W\d_]+(?:['ʻʼ’‘`-][^\W\d_]+)*")
#: URLs and e-mail addresses. An address may start only where a run of its characters starts
#: (the look-behind) and never gives back what it matched (possessive): a 10 MB run of letters
#: with no "@" is then one linear scan, not one scan per starting position.
URLISH_RE = re.compile(r"https?://\S+|www\.\S+|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++")
UZBEK_APOSTROPHES = str.maketrans({"’": "ʻ", "‘": "ʻ", "`": "ʻ", "'": "ʻ", "ʼ": "ʻ"})
UZBEK_APOSTROPHE_SET = frozenset("’‘`'ʼ")


def normalise(text: str) -> str:
    """NFC, lower case (Turkish capital İ keeps its dot), URLs and e-mails removed."""
    return lower(unicodedata.normalize("NFC", without_urls(text)))


def lower(token: str) -> str:
    """Lower case (Turkish capital İ becomes i + combining dot, as ``str.lower`` does)."""
    return token.lower()


def without_urls(text: str) -> str:
    """``text`` with URLs and e-mail addresses blanked (a cheap test first: most text has none)."""
    if "://" in text or "@" in text or "www." in text:
        return URLISH_RE.sub(" ", text)
    return text


def words(text: str) -> list[str]:
    return WORD_RE.findall(normalise(text))


def word_features(word: str) -> list[str]:
    """Padded character trigrams of one (lower-case) word, the word itself ("w:") and, for a
    hyphenated word, its last part ("s:")."""
    padded = f" {word} " if UZBEK_APOSTROPHE_SET.isdisjoint(word) else f" {word.translate(UZBEK_APOSTROPHES)} "
    grams = [padded[i : i + NGRAM_SIZE] for i in range(len(padded) - NGRAM_SIZE + 1)]
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


#: Longer runs of letters are no language's words (hashes, base64, a key held down) and are
#: left out; the longest word of the dev corpus, "консультантами-косметологами", has 28.
MAX_WORD_LETTERS = 100


def tokens(text: str) -> list[str]:
    """Words of ``text`` as written (NFC; URLs, e-mail addresses and over-long runs left out)."""
    found = WORD_RE.findall(unicodedata.normalize("NFC", without_urls(text)))
    return [token for token in found if len(token) <= MAX_WORD_LETTERS] if any(len(token) > MAX_WORD_LETTERS for token in found) else found


def name_suffix(token: str) -> tuple[str, str] | None:
    """``("Anderson", "-yň")`` for a capitalised word with a lower-case ending after its last
    hyphen: Turkmen writes case endings so on foreign names ("Chelsea-de", "Trump-yň"), and
    the ending speaks the language while the name does not. ``None`` for other words."""
    head, hyphen, tail = token.rpartition("-")
    if hyphen and head and token[:1].isupper() and tail[:1].islower():
        return head, hyphen + tail
    return None


def split_name_suffixes(tokens: list[str]) -> list[str]:
    """Tokens with every name's case ending made a word of its own (see :func:`name_suffix`)."""
    if "-" not in "".join(tokens):
        return tokens
    split: list[str] = []
    for token in tokens:
        parts = name_suffix(token)
        split.extend(parts if parts is not None else (token,))
    return split


def partition(tokens: list[str]) -> tuple[list[str], list[str]]:
    """``(language words, names)`` of ``tokens``, lower-cased. Capitalised words are names when
    a text has at least MIN_LOWERCASE_WORDS lower-case words (its first word excepted: it
    opens a sentence) or when a fragment has any; otherwise every word speaks (headlines).
    A case ending split off a name (``"-yň"``) speaks."""
    fragment = len(tokens) <= MAX_FRAGMENT_WORDS
    tokens = split_name_suffixes(tokens)
    firsts = [token[0] for token in tokens]
    capitalised = list(map(str.isupper, firsts))
    lowercase = sum(map(str.islower, firsts)) + firsts.count("-")
    if lowercase >= MIN_LOWERCASE_WORDS:
        capitalised[0] = False
    elif not (lowercase and fragment):
        return list(map(str.lower, tokens)), []
    spoken = [token.lower() for token, name in zip(tokens, capitalised, strict=True) if not name]
    names = [token.lower() for token, name in zip(tokens, capitalised, strict=True) if name]
    return spoken, names


def letter_count(text: str) -> int:
    return sum(map(str.isalpha, text))


def script_of_words(tokens: list[str]) -> str:
    """:func:`~tmcontent.textfacts.script_of` for words as :func:`tokens` gives them, judged by each word's first
    letter (a word is in one script), which is ~5x cheaper than looking at every letter.
    Latin wins a tie."""
    letters: dict[str, int] = {}
    for token in tokens:
        script = char_script(token[0])
        letters[script] = letters.get(script, 0) + len(token)
    if not letters:
        return NO_SCRIPT
    return max(sorted(letters, reverse=True), key=letters.__getitem__)
