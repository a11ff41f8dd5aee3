"""Datelines and credit lines at the edges of a press article's paragraphs.

A dateline opens the first paragraph: "Ashgabat, November 24, 2023: The International …",
"August 25, 2020 Ashgabat, Turkmenistan – The U.S. Agency …", "ASHGABAT — …". A credit line
closes a paragraph of a re-published piece: "… to come. ///nCa, 7 March 2025 (in cooperation
with UNICEF Turkmenistan)". Both are cut out of the paragraph and kept as structured data, so a
renderer can write them again in the target locale. A credit may also name the periodical a
piece first appeared in: "“STANDART, HIL WE HOWPSUZLYK” žurnaly №4, 2021", "Журнал «…» № 4,
2021 г.", "Newspaper “Neutral Turkmenistan”, 12 March 2024".
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

#: Names of periodicals in en/ru/tk ("journal", "журнал", "žurnaly", "gazeti").
PUBLICATION_WORD = (
    r"(?:journal|magazine|newspaper|gazette|bulletin|журнал[а-я]*|газет[а-я]*|бюллетен[ья]|вестник[а]?|"
    r"žurnal[y]?|gazet[i]?|býulleten[i]?)"
)
#: Stems of PUBLICATION_WORD, looked for before the expression itself runs (most paragraphs
#: name no periodical; the expression cost a fifth of the structure builder's time).
PUBLICATION_STEMS = ("journal", "magazine", "newspaper", "gazet", "bulletin", "журнал", "газет", "бюллетен", "вестник", "žurnal", "býulleten")
#: A quoted title ("“STANDART, HIL WE HOWPSUZLYK”", "«Нейтральный Туркменистан»") or, before
#: the periodical word, capitalised words ("Central Asian Business Journal").
PUBLICATION_TITLE = r"(?:[“«„\"][^”»“\"]{1,100}[”»“\"]|(?-i:(?:[A-ZА-ЯЁÄÇŇÖŞÜÝŽ][\w’'&.-]*\s+){1,6}))"
ISSUE = r"(?:№|No\.?|Nr\.?|#)\s*\d{1,4}(?:\s*\(\d{1,5}\))?"
#: What ends a publication credit: a year ("2021 г.") or a date ending with one ("12 March
#: 2024", "12.03.2024"); a date is checked with the date parser.
CREDIT_DATE = (
    r"(?P<date>(?:(?:\d{1,2}[\s./-]+)?(?:[^\W\d_]+\.?|\d{1,2})[\s./-]+)?"
    r"(?P<year>\d{4})(?:\s*(?:г|ý|года?|ýyl\w*)\.?)?)"
)
PUBLICATION_CREDIT_RE = re.compile(
    rf"(?:(?P<title>{PUBLICATION_TITLE})\s*{PUBLICATION_WORD}|{PUBLICATION_WORD}(?:\s+(?P<title2>{PUBLICATION_TITLE}))?)"
    rf"[\s,.:]*(?:(?P<issue>{ISSUE})[\s,.]*)?{CREDIT_DATE}\.?",
    re.IGNORECASE,
)
#: A credit line is short: the examples of the site review are 46-55 characters ("Журнал
#: «Стандарт, качество и безопасность» № 4, 2021 г." the longest); the title in quotes may be
#: up to 100 (PUBLICATION_TITLE), which with the rest of the line is about 160.
MAX_PUBLICATION_CREDIT_CHARS = 160
#: Where the last sentence of a paragraph starts (after ".", "!", "?", "…", closing quotes).
LAST_SENTENCE_RE = re.compile(r"[.!?…][”»\"]?\s+(?=\S[^.!?…]*$)")
YEAR_WORD_LANG = {"г": "ru", "ý": "tk"}
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
    """Cut a credit line off the end of ``text``: "///nCa, 7 March 2025 (…)", or the name of
    the periodical a piece first appeared in ("“STANDART, HIL WE HOWPSUZLYK” žurnaly №4, 2021",
    "Журнал № 4, 2021 г.", "Newspaper “Neutral Turkmenistan”, 12 March 2024"), alone or
    closing the paragraph's last sentence."""
    if "//" in text:
        match = CREDIT_RE.search(text)
        if match:
            return Split(rest=text[: match.start()].rstrip(), credit=match.group("credit").strip())
    return _split_publication_credit(text)


def _split_publication_credit(text: str) -> Split | None:
    lowered = text.lower()
    if not any(stem in lowered for stem in PUBLICATION_STEMS):
        return None
    last = None
    for last in LAST_SENTENCE_RE.finditer(text):  # noqa: B007 - the last match is wanted
        pass
    for start in (0, last.end() if last else None):
        if start is None:
            continue
        tail = text[start:].strip()
        if len(tail) <= MAX_PUBLICATION_CREDIT_CHARS and _is_publication_credit(tail):
            return Split(rest=text[:start].rstrip(), credit=tail)
    return None


def _is_publication_credit(text: str) -> bool:
    """A periodical with its title or issue number, and a year or a date that parses."""
    match = PUBLICATION_CREDIT_RE.fullmatch(text)
    if match is None or not (match.group("title") or match.group("title2") or match.group("issue")):
        return False
    if match.start("date") == match.start("year"):
        return True
    from tmcontent.dates import parse_date

    value = parse_date(match.group("date"))
    return value is not None and value.span[0] == 0


def credit_date(credit: str) -> DateInfo | None:
    """The date a credit line gives: a full date where it has one, else the year of the issue
    ("№4, 2021" → "2021")."""
    from tmcontent.dates import find_dates

    found = find_dates(credit)
    if found:
        start, end = found[0].span
        return DateInfo(text=credit[start:end], iso=found[0].iso, lang=found[0].lang)
    match = PUBLICATION_CREDIT_RE.fullmatch(credit)
    if match is None:
        return None
    year_word = match.group("date")[match.end("year") - match.start("date") :].strip(" .")
    return DateInfo(text=match.group("year"), iso=match.group("year"), lang=YEAR_WORD_LANG.get(year_word))
