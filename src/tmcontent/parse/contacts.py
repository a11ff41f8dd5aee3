"""Press contacts: phone numbers, e-mail addresses, and the name/role lines around them.

Contacts come in two shapes on press pages: a block under a heading ("IOM contact person in
Turkmenistan:" / "Nargiza Davletova, NGO Coordinator" / "Phone: +99312 48-84-07, email: …")
and a sentence ("For additional information, please contact Dinara Saliyeva, Communications
Officer … at +77028450527 or Dinara.Saliyeva@winrock.org."; "Контактное лицо: …"; "Goşmaça
maglumat üçin: Merdan Ataýew, +99312 48-84-07, …"). This module reads both, in en/ru/tk.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tmcontent.model import Contact

#: An address starts only where a run of its characters starts and its name part never gives
#: back what it matched: a long run of letters then costs one scan, not one per position.
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)*\.[A-Za-z]{2,}")
#: International or local phone numbers: at least 7 digits in groups; the seeds show
#: "+99312 48-84-07" and "+77028450527".
PHONE_RE = re.compile(r"(?<![\w+])\+?\(?\d[\d ()\-.]{5,}\d(?!\w)")
MIN_PHONE_DIGITS = 7

#: Words that name contact details, per language ("Contact person", "Контакты", "Habarlaşmak
#: üçin"): a line with one of them and ending with a colon is a contact heading.
CONTACT_WORDS = (
    r"\bcontacts?\b|\bcontact person\b|\bmedia (?:contact|enquiries|inquiries)\b|"
    r"контакт|habarlaşmak|aragatnaşyk"
)
#: "For more information", "Для получения дополнительной информации", "Goşmaça maglumat üçin":
#: a contact heading only with nothing after it but a verb of contacting. With any words
#: allowed, 9 lines of the WCXB dev texts were false contact headings ("For more information,
#: see:", "For additional information on the subject, try these:"); with this rule, none.
INFORMATION_INTROS = (
    r"\bfor (?:more|further|additional) information|"
    r"для (?:получения )?дополнительной информации|за дополнительной информацией|"
    r"goşmaça maglumat(?: almak)? üçin"
)
CONTACT_INTROS = (
    rf"(?:{CONTACT_WORDS})[^.:]{{0,80}}|"
    rf"(?:{INFORMATION_INTROS})(?:[\s,]*(?:please\s+)?(?:contact|обращайтесь|свяжитесь|habarlaşyň)\b[^.:]{{0,60}})?"
)
CONTACT_HEADING_RE = re.compile(rf"(?:{CONTACT_INTROS})\s*:\s*$", re.IGNORECASE)
#: "For more information: NAME, ROLE, PHONE, EMAIL" in any language.
CONTACT_COLON_RE = re.compile(rf"^\W*(?:{CONTACT_INTROS})\s*:\s*(?P<who>.*)$", re.IGNORECASE | re.DOTALL)
#: "…, please contact NAME, ROLE, at PHONE"; "обращайтесь к NAME по телефону …"; "свяжитесь с …".
CONTACT_VERB_RE = re.compile(
    r"\b(?:please\s+contact|contact\s+person|for (?:additional|more|further) information[^.]*contact|"
    r"обращайтесь|свяжитесь)\b(?:\s+(?:к|с|со)\b)?(?P<who>.*)$",
    re.IGNORECASE | re.DOTALL,
)
TURKMEN_INTRO = r"goşmaça maglumat(?: almak)? üçin"
#: "Goşmaça maglumat almak üçin NAME bilen (+993… telefon belgisi arkaly) habarlaşyň".
TURKMEN_CONTACT_RE = re.compile(
    rf"^\W*(?:{TURKMEN_INTRO}[\s,:]*)?(?P<who>[^.:;]{{2,160}}?)\s+bilen\b.{{0,160}}?\bhabarlaş\w*",
    re.IGNORECASE | re.DOTALL,
)
#: "Goşmaça maglumat üçin NAME, ROLE, PHONE" (with or without a colon).
TURKMEN_INTRO_RE = re.compile(rf"^\W*{TURKMEN_INTRO}[\s,:]+(?P<who>.*)$", re.IGNORECASE | re.DOTALL)
#: Words without which no contact sentence pattern can match (a cheap test before the regexes).
CONTACT_KEYWORDS = ("contact", "information", "обращайтесь", "свяжитесь", "контакт", "информаци", "habarlaş", "maglumat", "aragatnaşyk")
#: Words left between a name and its phone or e-mail ("at", "по телефону", "telefon belgisi").
CHANNEL_FILLER_RE = re.compile(
    r"(?:[\s,(:;.–—-]+|\b(?:at|on|by|via|or|and|tel|phone|telephone|mobile|e-?mail|по|телефону|тел|или|telefon|belgisi|ýa-da|we)\b)+$",
    re.IGNORECASE,
)
LABEL_PREFIX_RE = re.compile(r"^(?:phone|tel|telephone|mobile|fax|e-?mail|телефон|тел|факс|эл\.\s*почта|telefon|faks|e-?poçta)\.?\s*:?\s*", re.IGNORECASE)


def find_phones(text: str) -> list[str]:
    phones = []
    for match in PHONE_RE.finditer(text):
        candidate = match.group(0).strip(" .-")
        if sum(ch.isdigit() for ch in candidate) >= MIN_PHONE_DIGITS and not _looks_like_date(candidate):
            phones.append(candidate)
    return phones


def _looks_like_date(candidate: str) -> bool:
    return bool(re.fullmatch(r"\d{1,4}[.\-/]\d{1,2}[.\-/]\d{1,4}", candidate))


def find_emails(text: str) -> list[str]:
    return [m.group(0).rstrip(".") for m in EMAIL_RE.finditer(text)]


def is_contact_heading(text: str) -> bool:
    return len(text) <= 120 and bool(CONTACT_HEADING_RE.search(text))


def contact_from_sentence(text: str) -> Contact | None:
    """A contact from a sentence that gives someone's phone or e-mail to call: "For more
    information, please contact NAME, ROLE at PHONE or EMAIL", "Контактное лицо: NAME, …",
    "Goşmaça maglumat üçin: NAME, PHONE, EMAIL", "… NAME bilen habarlaşyň"."""
    lowered = text.lower()
    if not any(keyword in lowered for keyword in CONTACT_KEYWORDS):
        return None
    phones, emails = find_phones(text), find_emails(text)
    if not phones and not emails:
        return None
    for pattern, split in SENTENCE_SHAPES:
        match = pattern.search(text)
        if match is not None:
            name, role = split(_before_channels(match.group("who")))
            return Contact(name=name, role=role, phones=phones, emails=emails)
    return None


def _before_channels(text: str) -> str:
    """``text`` up to its first phone number or e-mail address, without the words leading to it."""
    cuts = [m.start() for m in (PHONE_RE.search(text), EMAIL_RE.search(text)) if m is not None]
    head = text[: min(cuts)] if cuts else text
    return CHANNEL_FILLER_RE.sub("", head).strip()


def _split_name_role(text: str) -> tuple[str | None, str | None]:
    """"Name, Role" (English and Russian order)."""
    text = text.strip(" .,:;")
    if not text:
        return None, None
    name, _, role = text.partition(",")
    return name.strip() or None, role.strip() or None


def _split_role_name(text: str) -> tuple[str | None, str | None]:
    """"BMGÖM-iň metbugat sekretary Merdan Ataýew" (Turkmen order: the role before the name):
    the name is the closing run of capitalised words when a lower-case word precedes it."""
    words = text.strip(" .,:;").split()
    start = len(words)
    while start > 0 and words[start - 1][:1].isupper():
        start -= 1
    if 0 < start < len(words) and words[start - 1][:1].islower():
        return " ".join(words[start:]), " ".join(words[:start])
    return _split_name_role(text)


#: Contact sentence shapes, most specific first, each with how its NAME/ROLE part is ordered.
SENTENCE_SHAPES: tuple[tuple[re.Pattern[str], Callable[[str], tuple[str | None, str | None]]], ...] = (
    (TURKMEN_CONTACT_RE, _split_role_name),
    (TURKMEN_INTRO_RE, _split_role_name),
    (CONTACT_COLON_RE, _split_name_role),
    (CONTACT_VERB_RE, _split_name_role),
)


def update_contact(contact: Contact, line: str) -> bool:
    """Fold one line of a contact block into ``contact``; ``True`` when it carried anything."""
    phones, emails = find_phones(line), find_emails(line)
    contact.phones.extend(p for p in phones if p not in contact.phones)
    contact.emails.extend(e for e in emails if e not in contact.emails)
    if phones or emails or LABEL_PREFIX_RE.match(line):
        return True
    if contact.name is None:
        contact.name, contact.role = _split_name_role(line)
        return contact.name is not None
    if contact.role is None:
        contact.role = line.strip(" .,:;") or None
        return True
    return False
