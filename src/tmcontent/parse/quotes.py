"""Quotations inside paragraphs: how much of a paragraph is quoted, and who is speaking.

A paragraph is a quote block when most of it stands between quotation marks (“…”, «…»,
„…“, "…"); its speaker comes from the attribution around the quotation ("…,” said Jalpa
Ratna, UNICEF Representative"; "U.S. Ambassador Matthew S. Klimow noted, “…”"; "— сказал …";
"… diýip belledi"). English, Russian and Turkmen verbs of saying are known.
"""

from __future__ import annotations

import re

#: Share of a paragraph's characters inside quotation marks above which it is a quote block
#: when the paragraph is attributed to a speaker. On the seeds the attributed quotations are
#: >= 0.62 quoted, the narrative paragraphs that cite a title in quotes ("a round table
#: entitled "…"") <= 0.35; 0.5 sits between the two groups.
QUOTE_SHARE = 0.5
#: A paragraph that *opens* with a quotation needs less: "“We have to love our work…”, noted
#: Lola Hydyrova from Farab district, one of 45 new social work specialists." is 0.42 quoted.
OPENING_QUOTE_SHARE = 0.3

#: How far before a quotation its attribution is looked for ("Addressing the participants,
#: U.S. Ambassador to Turkmenistan Matthew S. Klimow noted," is 79 characters).
MAX_ATTRIBUTION_CHARS = 200
#: Longest speaker string kept (words); longer attributions are clauses, not names.
MAX_SPEAKER_WORDS = 12

QUOTE_PAIRS = (("“", "”"), ("«", "»"), ("„", "“"), ("\"", "\""), ("‘", "’"))
OPENING_MARKS = frozenset("“«„\"‘")
QUOTE_SPAN_RE = re.compile(r"“[^”]{3,}”|«[^»]{3,}»|„[^“”]{3,}[“”]|\"[^\"]{3,}\"|“[^”]{20,}$")

#: Abbreviations and initials that end with a period inside a name ("Mr. Shlapachenko").
ABBREVIATION = r"\b(?:Mr|Mrs|Ms|Dr|Prof|H\.E|U\.S|St|Jr|[A-ZА-Я])\.\s*"
SAYING_VERBS = (
    r"said|says|noted|notes|added|adds|stressed|stresses|emphasi[sz]ed|explained|underlined|"
    r"remarked|commented|highlighted|concluded|stated|states|observed|affirmed|declared|told|"
    r"сказал[а]?|отметил[а]?|подчеркнул[а]?|заявил[а]?|добавил[а]?|сообщил[а]?|пояснил[а]?|"
    r"diýdi|belledi|aýtdy|nygtady|sözledi|bellap geçdi"
)
AFTER_QUOTE_RE = re.compile(
    rf"^[\s,.:;—–-]*(?:(?:{SAYING_VERBS})\s+(?P<after_verb>(?:{ABBREVIATION}|[^.;])+)|(?P<before_verb>[^.;]{{2,120}}?)\s+(?:{SAYING_VERBS})\b)",
    re.IGNORECASE,
)
BEFORE_QUOTE_RE = re.compile(rf"(?P<who>[^;“”«»\"]{{2,160}}?)\s+(?:{SAYING_VERBS})\s*[,:]?\s*$", re.IGNORECASE)
SENTENCE_END_RE = re.compile(r"(?<=\w\w[.!?])\s+(?=[A-ZА-ЯÄÇŇÖŞÜÝŽ])")
NAME_CUT_RE = re.compile(r",|;|\(|\s+(?:from|of the|who|at the|in his|in her|during)\s+|\s+[-–—]\s+")
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "он", "она", "они", "ol", "olar"})


def quoted_share(text: str) -> float:
    """Fraction of ``text``'s characters that stand inside quotation marks."""
    if not text:
        return 0.0
    inside = sum(len(m.group(0)) for m in QUOTE_SPAN_RE.finditer(text))
    return min(1.0, inside / len(text))


def is_quote(text: str) -> bool:
    """Mostly quoted, and either opening with the quotation or attributing it to someone."""
    share = quoted_share(text)
    if text.lstrip()[:1] in OPENING_MARKS:
        return share >= OPENING_QUOTE_SHARE
    return share >= QUOTE_SHARE and find_speaker(text) is not None


def find_speaker(text: str) -> str | None:
    """The speaker named in the attribution of a quote paragraph, or ``None``."""
    spans = list(QUOTE_SPAN_RE.finditer(text))
    if not spans:
        return None
    before = text[max(0, spans[0].start() - MAX_ATTRIBUTION_CHARS) : spans[0].start()]
    match = BEFORE_QUOTE_RE.search(before)
    if match:
        clause = SENTENCE_END_RE.split(match.group("who"))[-1]
        return _clean_speaker(clause.rsplit(",", 1)[-1])
    after = AFTER_QUOTE_RE.match(text[spans[0].end() :])
    if after is None:
        return None
    return _clean_speaker(after.group("after_verb") or after.group("before_verb") or "")


def _clean_speaker(candidate: str) -> str | None:
    name = NAME_CUT_RE.split(candidate.strip(), maxsplit=1)[0].strip(" ,.:;—–-")
    if not name or name.lower() in PRONOUNS:
        return None
    if len(name.split()) > MAX_SPEAKER_WORDS:
        return None
    return name
