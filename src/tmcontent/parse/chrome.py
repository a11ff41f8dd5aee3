"""Recognition of page chrome inside a block stream: labels, separators, theme junk, dates.

This module answers small questions about one block of text, for the structure builder and
the text-dump reader: is it a known UI label (through :mod:`tmcontent.labels`, so every
catalog's translations count), a separator ("###", "***"), theme junk ("Press Release Shim"),
a stand-alone date ("27 noýabr 2023"), a bullet item? It holds no state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: Labels are short: the longest seen on the sites is the Turkmen entities heading (56 chars).
#: 120 leaves room for longer translations while keeping body sentences out of the look-up.
MAX_LABEL_CHARS = 120

#: A stand-alone date line may carry at most this many words besides the date itself
#: ("Published: 27 noýabr 2023", "Wednesday," is part of the date). Chosen on the seeds and
#: our HTML fixtures: every dated chrome line has 0–2 extra words, body sentences far more.
MAX_WORDS_BESIDE_DATE = 2

#: Precisions of a date that can stand as a publication date.
DAY_PRECISIONS = frozenset({"day", "hour", "minute", "second"})

SEPARATOR_RE = re.compile(r"^\s*(?:#{3,}|\*{3,}|-{3,}|_{3,}|(?:\*\s){2,}\*|~{3,}|={3,})\s*$")
THEME_JUNK_RE = re.compile(r"^[\w .’'-]{1,40}\bShim\s*$", re.IGNORECASE)
BULLET_RE = re.compile(r"^\s*(?:[•·▪◦‣⁃●○■□►▸➢✓✔*]|[-–—](?=\s))\s*")
WORD_RE = re.compile(r"\w+(?:[’'-]\w+)*")


@dataclass(frozen=True)
class ChromeLabel:
    """A recognised label: the catalog's stable id, its role, the language it was written in
    (``None`` where several catalogs spell it so: "Sport", "Video" are English and Turkmen)."""

    id: str
    role: str
    lang: str | None
    text: str


def recognise_label(text: str) -> ChromeLabel | None:
    """The UI label ``text`` stands for, in any shipped catalog, or ``None``."""
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_LABEL_CHARS:
        return None
    match = _label_recogniser()(stripped)
    if match is None:
        return None
    lang = match.langs[0] if len(match.langs) == 1 else None
    return ChromeLabel(id=match.id, role=match.role, lang=lang, text=stripped)


@lru_cache(maxsize=1)
def _label_recogniser() -> Any:
    from tmcontent.labels import recognise

    return recognise


def is_separator(text: str) -> bool:
    return bool(SEPARATOR_RE.match(text))


def is_theme_junk(text: str) -> bool:
    """Template placeholders that leak into dumps, such as "Press Release Shim"."""
    return bool(THEME_JUNK_RE.match(text))


def strip_bullet(text: str) -> str | None:
    """The item text when ``text`` is a bullet-list line, else ``None``."""
    match = BULLET_RE.match(text)
    if not match:
        return None
    rest = text[match.end() :].strip()
    return rest or None


def count_words(text: str) -> int:
    return len(WORD_RE.findall(text))


def standalone_date(text: str, lang: str | None = None) -> Any | None:
    """The date when ``text`` is essentially just a date ("27 noýabr 2023"), else ``None``."""
    if len(text) > 80:
        return None
    from tmcontent.dates import parse_date

    value = parse_date(text, lang=lang)
    if value is None or value.precision not in DAY_PRECISIONS:
        return None
    start, end = value.span
    rest = text[:start] + " " + text[end:]
    if count_words(rest) > MAX_WORDS_BESIDE_DATE:
        return None
    return value
