"""Bytes to text: byte-order marks, declared charsets, and detection of undeclared encodings.

Order of evidence: a BOM; a charset declared in the HTML/XML head (or by the caller, e.g. an
HTTP header); strict UTF-8; then the best of the single-byte code pages that press pages about
Turkmenistan actually use (cp1251 for Russian, cp1254 for Turkish/Turkmen Latin, cp1252).
Mixed bytes (UTF-8 with stray cp1251 runs) are repaired run by run; nothing raises.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from tmcontent.textfacts import char_script

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: How far into a document a charset declaration is looked for (HTML5 says 1024 bytes;
#: real pages put long <head> scripts first, so we read further).
DECLARATION_WINDOW = 4096
DECLARED_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.-]+)""",
    re.IGNORECASE,
)
FALLBACK_CODEPAGES = ("cp1251", "cp1254", "cp1252")
SURROGATE_RUN_RE = re.compile("[\udc80-\udcff]+")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    declared: bool


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``; ``declared`` is a charset the caller knows (an HTTP header)."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(name, errors="replace"), name, True)
    for charset in (declared, _declared_in(data)):
        codec = _codec(charset)
        if codec is not None:
            if codec == "utf-8":
                return Decoded(_decode_utf8_repairing(data), "utf-8", True)
            return Decoded(data.decode(codec, errors="replace"), codec, True)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return Decoded(_decode_utf8_repairing(data), "utf-8", False)
    best = max(FALLBACK_CODEPAGES, key=lambda cp: _plausibility(data.decode(cp, errors="replace")))
    return Decoded(data.decode(best, errors="replace"), best, False)


def _declared_in(data: bytes) -> str | None:
    match = DECLARED_RE.search(data[:DECLARATION_WINDOW])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii", errors="ignore")


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    # Pages declaring latin-1 / ascii are in practice cp1252 (the WHATWG encoding standard).
    return {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}.get(codec, codec)


def _mostly_utf8(data: bytes) -> bool:
    text = data.decode("utf-8", errors="surrogateescape")
    bad = sum(len(m.group(0)) for m in SURROGATE_RUN_RE.finditer(text))
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and not 0xDC80 <= ord(ch) <= 0xDCFF)
    return multibyte > 0 and bad <= multibyte


def _decode_utf8_repairing(data: bytes) -> str:
    """UTF-8, with each run of invalid bytes decoded by the most plausible code page."""
    try:
        return data.decode("utf-8")  # the common case, 20x faster than the repairing pass
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="surrogateescape")
    if not SURROGATE_RUN_RE.search(text):
        return text

    def repair(match: re.Match[str]) -> str:
        raw = match.group(0).encode("utf-8", errors="surrogateescape")
        return max((raw.decode(cp, errors="replace") for cp in FALLBACK_CODEPAGES), key=_plausibility)

    return SURROGATE_RUN_RE.sub(repair, text)


def _plausibility(text: str) -> float:
    """Higher for text whose words are each in one script and made of letters."""
    score = 0.0
    for word in re.findall(r"\w+", text):
        scripts = {char_script(ch) for ch in word if ch.isalpha()}
        score += len(word) if len(scripts) <= 1 else -2 * len(word)
    score -= 5 * text.count("\ufffd")
    score -= 3 * sum(1 for ch in text if unicodedata.category(ch) in ("So", "Sk", "Co"))
    return score
