"""Datelines and credit lines at the edges of a press article's paragraphs.

A dateline opens the first paragraph: "Ashgabat, November 24, 2023: The International …",
"August 25, 2020 Ashgabat, Turkmenistan – The U.S. Agency …", "ASHGABAT — …". A credit line
closes a paragraph of a re-published piece: "… to come. ///nCa, 7 March 2025 (in cooperation
with UNICEF Turkmenistan)". Both are cut out of the paragraph and kept as structured data, so a
renderer can write them again in the target locale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tmcontent.model import DateInfo, Dateline

#: The dateline must end within this many characters of the paragraph start. The longest in
#: our fixtures is "August 25, 2020 Ashgabat, Turkmenistan –" (41 chars); datelines with a
#: country and a weekday reach ~80.
MAX_DATELINE_CHARS = 100
#: At most this many words of place name ("Ashgabat, Turkmenistan", "Mary welaýaty").
MAX_PLACE_WORDS = 5

DATELINE_END_RE = re.compile(r"\s*(?::|\s[–—-]|[–—])\s+")
PLACE_RE = re.compile(r"^[^\W\d_][\w’'.-]*(?:[ ,]+[^\W\d_][\w’'.-]*)*$")
CREDIT_RE = re.compile(r"\s*/{2,}\s*(?P<credit>[^/\s][^/]{2,160})$")
ALL_CAPS_PLACE_RE = re.compile(r"^(?P<place>[A-ZÄÇŇÖŞÜÝŽА-ЯЁ][A-ZÄÇŇÖŞÜÝŽА-ЯЁ .,'-]{2,40}?)\s*[–—-]\s+")


@dataclass(frozen=True)
class Split:
    """A paragraph with a piece cut off: the piece's data and the text that remains."""

    rest: str
    dateline: Dateline | None = None
    credit: str | None = None


def split_dateline(text: str, lang: str | None = None) -> Split | None:
    """Cut the dateline off the start of ``text``; ``None`` when it has none."""
    end = DATELINE_END_RE.search(text, 0, MAX_DATELINE_CHARS + 3)
    if end is not None:
        found = _dated_dateline(text[: end.start()], lang)
        if found is not None:
            return Split(rest=text[end.end() :].strip(), dateline=found)
    caps = ALL_CAPS_PLACE_RE.match(text)
    if caps and caps.group("place").strip(" ,").isupper():
        place = caps.group("place").strip(" ,")
        return Split(rest=text[caps.end() :].strip(), dateline=Dateline(text=text[: caps.end()].strip(), place=place))
    return None


def _dated_dateline(head: str, lang: str | None) -> Dateline | None:
    from tmcontent.dates import find_dates

    dates = find_dates(head, lang=lang)
    if len(dates) != 1:
        return None
    value = dates[0]
    start, stop = value.span
    place = " ".join((head[:start] + " " + head[stop:]).split()).strip(" ,;")
    if place and (len(place.split()) > MAX_PLACE_WORDS or not PLACE_RE.match(place)):
        return None
    date = DateInfo(text=head[start:stop].strip(), iso=value.iso, lang=value.lang)
    return Dateline(text=head.strip(), place=place or None, date=date)


def split_credit(text: str) -> Split | None:
    """Cut a "///nCa, 7 March 2025 (…)" credit off the end of ``text``."""
    if "//" not in text:
        return None
    match = CREDIT_RE.search(text)
    if not match:
        return None
    return Split(rest=text[: match.start()].rstrip(), credit=match.group("credit").strip())
