"""Slugs: a title as an ASCII path segment, and one slug per page of a locale folder.

Turkmen Latin letters become what Turkmen readers write without them (ä→a, ç→ch, ž→zh, ň→ng,
ö→o, ş→sh, ü→u, ý→y); Cyrillic is transliterated (Russian as in passports, ICAO 9303, plus
the Turkmen and Kazakh Cyrillic letters). :func:`assign` gives every page of one folder its own
slug: the oldest page keeps the plain slug, later ones get ``-2``, ``-3``…, so adding a newer
article never renames an older page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

TRANSLITERATION = str.maketrans({
    "ä": "a", "ç": "ch", "ž": "zh", "ň": "ng", "ö": "o", "ş": "sh", "ü": "u", "ý": "y",
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    "ә": "a", "ө": "o", "ү": "u", "ң": "ng", "җ": "j", "ғ": "g", "қ": "q", "һ": "h", "ұ": "u", "і": "i",
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i",
})
NON_SLUG_RE = re.compile(r"[^a-z0-9]+")
#: Longest slug: about eight words of a headline, short enough for a readable address.
MAX_SLUG = 60


def slugify(text: str, max_length: int = MAX_SLUG) -> str:
    """``text`` as lowercase ASCII words joined by ``-`` (at most ``max_length``, cut at a word)."""
    folded = unicodedata.normalize("NFC", text).lower().translate(TRANSLITERATION)
    ascii_text = folded if folded.isascii() else "".join(ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch))
    slug = NON_SLUG_RE.sub("-", ascii_text).strip("-")
    if len(slug) > max_length:
        slug = slug[: max_length + 1]
        slug = slug.rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug.strip("-")


def assign(claims: Sequence[tuple[str, str]], reserved: Iterable[str] = ()) -> list[str]:
    """One unique slug per claim, in the claims' order.

    ``claims`` are (wanted slug, order key) pairs; among equal wanted slugs the smallest order
    key (the caller gives the publication date, then a stable id) keeps the plain slug and the
    others get the first free ``-2``, ``-3``…. ``reserved`` names no claim may take.
    """
    taken = set(reserved)
    result = [""] * len(claims)
    order = sorted(range(len(claims)), key=lambda i: (claims[i][1], claims[i][0], i))
    for index in order:  # first the plain slugs: the oldest claim of each keeps it
        if claims[index][0] not in taken:
            result[index] = claims[index][0]
            taken.add(claims[index][0])
    for index in order:
        if not result[index]:
            wanted, number = claims[index][0], 2
            while f"{wanted}-{number}" in taken:
                number += 1
            result[index] = f"{wanted}-{number}"
            taken.add(result[index])
    return result
