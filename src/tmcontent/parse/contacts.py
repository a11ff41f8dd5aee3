"""Press contacts: phone numbers, e-mail addresses, and the name/role lines around them.

Contacts come in two shapes on press pages: a block under a heading ("IOM contact person in
Turkmenistan:" / "Nargiza Davletova, NGO Coordinator" / "Phone: +99312 48-84-07, email: …")
and a sentence ("For additional information, please contact Dinara Saliyeva, Communications
Officer … at +77028450527 or Dinara.Saliyeva@winrock.org."). This module reads both.
"""

from __future__ import annotations

import re

from tmcontent.model import Contact

#: An address starts only where a run of its characters starts and its name part never gives
#: back what it matched: a long run of letters then costs one scan, not one per position.
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)*\.[A-Za-z]{2,}")
#: International or local phone numbers: at least 7 digits in groups; the seeds show
#: "+99312 48-84-07" and "+77028450527".
PHONE_RE = re.compile(r"(?<![\w+])\+?\(?\d[\d ()\-.]{5,}\d(?!\w)")
MIN_PHONE_DIGITS = 7

CONTACT_HEADING_RE = re.compile(
    r"(?:\bcontacts?\b|\bcontact person\b|\bmedia (?:contact|enquiries|inquiries)\b|\bfor more information\b|"
    r"контакт|для (?:получения )?дополнительной информации|habarlaşmak|aragatnaşyk)[^.]{0,80}:\s*$",
    re.IGNORECASE,
)
CONTACT_SENTENCE_RE = re.compile(
    r"\b(?:please\s+contact|contact\s+person|for (?:additional|more|further) information[^.]*contact|"
    r"обращайтесь|свяжитесь)\b(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
#: Words without which CONTACT_SENTENCE_RE cannot match (a cheap test before the regex).
CONTACT_KEYWORDS = ("contact", "обращайтесь", "свяжитесь")
LABEL_PREFIX_RE = re.compile(r"^(?:phone|tel|telephone|mobile|fax|e-?mail|телефон|тел|эл\.\s*почта|telefon)\.?\s*:?\s*", re.IGNORECASE)


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
    """A contact from a "please contact NAME, ROLE at PHONE or EMAIL" sentence."""
    lowered = text.lower()
    if not any(keyword in lowered for keyword in CONTACT_KEYWORDS):
        return None
    match = CONTACT_SENTENCE_RE.search(text)
    if not match:
        return None
    phones, emails = find_phones(text), find_emails(text)
    if not phones and not emails:
        return None
    rest = match.group("rest").strip()
    rest = re.split(r"\s+(?:at|on|by|via|по)\s+(?=[+\d\w.]*[\d@])", rest, maxsplit=1)[0]
    name, role = _split_name_role(rest)
    return Contact(name=name, role=role, phones=phones, emails=emails)


def _split_name_role(text: str) -> tuple[str | None, str | None]:
    text = text.strip(" .,:;")
    if not text:
        return None, None
    name, _, role = text.partition(",")
    return name.strip() or None, role.strip() or None


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
