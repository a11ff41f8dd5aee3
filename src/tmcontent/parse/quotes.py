"""Quotations inside paragraphs: how much of a paragraph is quoted, and who is speaking.

A paragraph is a quote block when most of it stands between quotation marks (“…”, «…»,
„…“, "…"); its speaker comes from the attribution around the quotation ("…,” said Jalpa
Ratna, UNICEF Representative"; "U.S. Ambassador Matthew S. Klimow noted, “…”"; "— сказал …";
"“…,” diýip, Aýna Gurbanowa belledi"; "Aýna Gurbanowa: “…”"). English, Russian and Turkmen
verbs of saying and word orders are known.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

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
#: A quotation: an opening mark, at least MIN_QUOTED characters, the closing mark (for „ either
#: “ or ”); a “ never closed is a quotation to the end of the paragraph when at least
#: MIN_UNCLOSED characters follow it. (As a regex, "«[^»]{3,}»" tried from every « of a run
#: with no » is quadratic: 450,000 « took over 30 s; :func:`quote_spans` is one pass.)
CLOSING_MARKS = {"“": "”", "«": "»", "„": "“”", "\"": "\""}
MIN_QUOTED = 3
MIN_UNCLOSED = 20

#: Abbreviations and initials that end with a period inside a name ("Mr. Shlapachenko").
ABBREVIATION = r"\b(?:Mr|Mrs|Ms|Dr|Prof|H\.E|U\.S|St|Jr|[A-ZА-Я])\.\s*"
ENGLISH_RUSSIAN_VERBS = (
    r"said|says|noted|notes|added|adds|stressed|stresses|emphasi[sz]ed|explained|underlined|"
    r"remarked|commented|highlighted|concluded|stated|states|observed|affirmed|declared|told|"
    r"сказал[а]?|отметил[а]?|подчеркнул[а]?|заявил[а]?|добавил[а]?|сообщил[а]?|пояснил[а]?"
)
#: Turkmen verbs of saying that end an attribution, past and present, with the ý-less spellings
#: of sites without Turkmen fonts ("aytdy").
TURKMEN_VERBS = (
    r"di[ýy]di|belledi|bell[äa]p geçdi|a[ýy]tdy|nygtady|sözledi|düşündirdi|habar berdi|tassyklady|"
    r"a[ýy]d[ýy]ar|belle[ýy][äa]r|nygta[ýy]ar"
)
#: The Turkmen quotative converb after a quotation: "“…,” diýip, Aýna Gurbanowa belledi" (the
#: speaker between it and the verb) or "Aýna Gurbanowa “…” diýip belledi" (nothing between:
#: the speaker is the subject before the quotation).
DIYIP_RE = re.compile(
    rf"^[\s,.:;—–-]*di[ýy]ip\b[\s,—–-]*(?P<who>[^.;!?“”«»\"]{{0,160}}?)[\s,]*\b(?:{TURKMEN_VERBS})\b",
    re.IGNORECASE,
)
#: "Aýna Gurbanowa: “…”", "Айна Гурбанова: «…»": a name and a colon, no verb.
COLON_RE = re.compile(r"(?P<who>[^.;:!?“”«»\"]{2,120}?)\s*:\s*$")
#: A colon attribution ends with a name: its last words are capitalised ("UNDP-niň wekili Aýna
#: Gurbanowa"). Any two capitalised words let through "The American dream is still alive: “…”"
#: and 6 more false speakers in the WCXB dev texts' 149,180 paragraphs; the last two words
#: being capitalised keeps "Dou Menghan: “…”" and drops "Maslahatyň temasy: “…”".
MIN_COLON_NAME_CAPITALS = 2
SENTENCE_END_RE = re.compile(r"(?<=\w\w[.!?])\s+(?=[A-ZА-ЯÄÇŇÖŞÜÝŽ])")
NAME_CUT_RE = re.compile(r",|;|\(|\s+(?:from|of the|who|at the|in his|in her|during)\s+|\s+[-–—]\s+")
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "он", "она", "они", "ol", "olar"})
#: Turkmen words that open an adverbial after the subject ("Aýna Gurbanowa öz çykyşynda …"):
#: the reflexive "öz", "şeýle" (thus), locatives ("maslahatda"), converbs ("ses berensoň",
#: "gidip barýarka") and plural datives ("habarçylara"). Chosen on the Turkmen quotations of the
#: NTREX dev sentences, where these were the words left between the name and the verb.
TURKMEN_ADVERBIAL_RE = re.compile(r"^(?:öz|şeýle|\w+(?:da|de|soň|rka|rkä|lara|lere))$")
#: Genitives and locative adjectives that open the adverbial's noun phrase, looked for this many
#: words back: "BMG-nyň Howpsuzlyk geňeşinde" (2), "Lakers-iň resmi websaýtynda" (2),
#: "Twitter-däki beýannamasynda" (1), the NTREX cases.
TURKMEN_MODIFIER_RE = re.compile(r"^\w[\w-]*(?:ň|[dt][aä]k[iy])$")
MAX_MODIFIER_REACH = 2
#: A Turkmen participle closing a clause before the subject ("Maslahatda çykyş eden Aýna …").
TURKMEN_PARTICIPLE_RE = re.compile(r"^\w+(?:an|en)$")


def _verb_patterns(verbs: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Attribution before a quotation ("X noted, “…”") and after it ("“…,” said X" /
    "“…,” X said"), for one set of verbs of saying."""
    before = re.compile(rf"(?P<who>[^;“”«»\"]{{2,160}}?)\s+(?:{verbs})\s*[,:]?\s*$", re.IGNORECASE)
    after = re.compile(
        rf"^[\s,.:;—–-]*(?:(?:{verbs})\s+(?P<after_verb>(?:{ABBREVIATION}|[^.;])+)|(?P<before_verb>[^.;]{{2,120}}?)\s+(?:{verbs})\b)",
        re.IGNORECASE,
    )
    return before, after


BEFORE_QUOTE_RE, AFTER_QUOTE_RE = _verb_patterns(ENGLISH_RUSSIAN_VERBS)
TURKMEN_BEFORE_RE, TURKMEN_AFTER_RE = _verb_patterns(TURKMEN_VERBS)


def quote_spans(text: str) -> Iterator[tuple[int, int]]:
    """The quotations of ``text`` as (start, end) offsets, marks included, left to right,
    not overlapping. Linear: the next closing mark of each kind is looked up once and kept
    until the scan passes it; a kind whose closing mark no longer occurs is not looked for."""
    next_close: dict[str, int] = {}
    live = "".join(CLOSING_MARKS)
    position = 0
    while live:
        opening = _opening_re(live).search(text, position)
        if opening is None:
            return
        start, mark = opening.start(), opening.group(0)
        close = _next_closing(text, CLOSING_MARKS[mark], start + 1, next_close)
        if close == len(text) and mark == "“" and close - start - 1 >= MIN_UNCLOSED:
            yield start, len(text)
            return
        if close == len(text):
            live = live.replace(mark, "")  # no later mark of this kind can be closed either
        elif close - start - 1 >= MIN_QUOTED:
            yield start, close + 1
            position = close + 1
            continue
        position = start + 1


@lru_cache(maxsize=16)
def _opening_re(marks: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(marks)}]")


def _next_closing(text: str, marks: str, start: int, cache: dict[str, int]) -> int:
    """Offset of the first of ``marks`` at or after ``start`` (``len(text)`` when none)."""
    found = cache.get(marks, -1)
    if found < start:
        found = min((index for index in (text.find(mark, start) for mark in marks) if index >= 0), default=len(text))
        cache[marks] = found
    return found


def quoted_share(text: str) -> float:
    """Fraction of ``text``'s characters that stand inside quotation marks."""
    if not text:
        return 0.0
    inside = sum(end - start for start, end in quote_spans(text))
    return min(1.0, inside / len(text))


def is_quote(text: str) -> bool:
    """Mostly quoted, and either opening with the quotation or attributing it to someone."""
    share = quoted_share(text)
    if text.lstrip()[:1] in OPENING_MARKS:
        return share >= OPENING_QUOTE_SHARE
    return share >= QUOTE_SHARE and find_speaker(text) is not None


def find_speaker(text: str) -> str | None:
    """The speaker named in the attribution of a quote paragraph, or ``None``.

    The Turkmen word orders are tried first (their converb "diýip" would otherwise pass for a
    name), then the English and Russian ones, then a name followed by a colon.
    """
    first = next(quote_spans(text), None)
    if first is None:
        return None
    before = _clause_before(text, first[0])
    after = text[first[1] :]
    return _turkmen_speaker(before, after) or _verb_speaker(before, after, BEFORE_QUOTE_RE, AFTER_QUOTE_RE) or _colon_speaker(before)


def _clause_before(text: str, quote_start: int) -> str:
    """The sentence leading up to a quotation (at most MAX_ATTRIBUTION_CHARS of it)."""
    before = text[max(0, quote_start - MAX_ATTRIBUTION_CHARS) : quote_start]
    return SENTENCE_END_RE.split(before)[-1]


def _verb_speaker(before: str, after: str, before_re: re.Pattern[str], after_re: re.Pattern[str]) -> str | None:
    """The speaker of a verb of saying before the quotation or after it."""
    match = before_re.search(before)
    if match:
        return _clean_speaker(match.group("who").rsplit(",", 1)[-1])
    found = after_re.match(after)
    if found is None:
        return None
    return _clean_speaker(_name_after_description(found.group("after_verb") or found.group("before_verb") or ""))


def _name_after_description(attribution: str) -> str:
    """"the school director, Gulnara Orazowa" → "Gulnara Orazowa": an attribution that opens
    with a lower-case description and names the person after a comma; otherwise unchanged
    (in "Aýna Gurbanowa, UNDP Resident Representative" the name comes first)."""
    description, _, rest = attribution.strip().partition(",")
    if rest.strip()[:1].isupper() and description[:1].islower():
        return rest
    return attribution


def _turkmen_speaker(before: str, after: str) -> str | None:
    """Turkmen attribution: "“…” diýip, X belledi", "X “…” diýip belledi", "“…” diýdi X",
    "X aýtdy: “…”"."""
    diyip = DIYIP_RE.match(after)
    if diyip is not None:
        who = diyip.group("who").strip()
        return _clean_speaker(_turkmen_subject(who or before))
    match = TURKMEN_BEFORE_RE.search(before)
    if match:
        return _clean_speaker(_turkmen_subject(match.group("who").rsplit(",", 1)[-1]))
    found = TURKMEN_AFTER_RE.match(after)
    if found is None:
        return None
    return _clean_speaker(_turkmen_subject(found.group("after_verb") or found.group("before_verb") or ""))


def _turkmen_subject(phrase: str) -> str:
    """The subject of a Turkmen attribution: a clause closed by a participle before it and an
    adverbial after it are cut ("Maslahatda çykyş eden Aýna Gurbanowa öz çykyşynda" → "Aýna
    Gurbanowa"); the name, the first capitalised word, is kept."""
    words = phrase.split()
    capitals = [i for i, word in enumerate(words) if word[:1].isupper()]
    if not capitals:
        return phrase
    start = next((i for i in capitals if i > 0 and _is_lower_match(TURKMEN_PARTICIPLE_RE, words[i - 1])), 0)
    return " ".join(words[start : _adverbial_start(words, max(start, capitals[0]) + 1)])


def _adverbial_start(words: list[str], first: int) -> int:
    """Where the first adverbial at or after ``first`` begins, with its genitive or locative
    modifiers; ``len(words)`` when there is none."""
    end = next((i for i in range(first, len(words)) if _is_lower_match(TURKMEN_ADVERBIAL_RE, words[i])), len(words))
    if end == len(words):
        return end
    reach = range(max(first, end - MAX_MODIFIER_REACH), end)
    return next((i for i in reach if TURKMEN_MODIFIER_RE.match(words[i].strip(",.;:"))), end)


def _is_lower_match(pattern: re.Pattern[str], word: str) -> bool:
    bare = word.strip(",.;:—–-")
    return bare[:1].islower() and pattern.match(bare) is not None


def _colon_speaker(before: str) -> str | None:
    """"Aýna Gurbanowa: “…”": a phrase ending in a name (capitalised words) and a colon."""
    match = COLON_RE.search(before)
    if match is None:
        return None
    name = _clean_speaker(match.group("who"))
    last_words = name.split()[-MIN_COLON_NAME_CAPITALS:] if name else []
    if len(last_words) < MIN_COLON_NAME_CAPITALS or not all(word[:1].isupper() for word in last_words):
        return None
    return name


def _clean_speaker(candidate: str) -> str | None:
    name = NAME_CUT_RE.split(candidate.strip(), maxsplit=1)[0].strip(" ,.:;—–-")
    if not name or name.lower() in PRONOUNS:
        return None
    if len(name.split()) > MAX_SPEAKER_WORDS:
        return None
    return name
