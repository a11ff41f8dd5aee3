"""URL safety: which link addresses from a page may be kept, for every reader and renderer.

Page content is untrusted, and so is every reader of our output: browsers strip control
characters and whitespace from an address, Markdown renderers and HTML decode character
references (``jav&#x61;script:``, ``javascript&colon;``), some tools percent-decode. So the
scheme is judged on the address as the most lenient of them would read it — character
references decoded and percent-escapes undone (repeatedly, a bounded number of times),
ASCII control characters and whitespace removed — and an **allow-list** decides: http(s),
mailto and tel, or a relative reference in which no scheme can be read at all. Everything
else (``javascript:``, ``vbscript:``, ``data:``, ``file:``, ``jav\u200bascript:``...) is refused.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote, urljoin

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
CONTROL_RE = re.compile(r"[\x00-\x20\x7f]+")
#: The part of a reference before its first "/", "?" or "#": a ":" in it makes it a scheme.
FIRST_PART_RE = re.compile(r"^[^/?#]*")
#: Rounds of decoding before giving up: each round that changes the address makes it shorter,
#: and no honest link is encoded more than twice (``%2526`` is the deepest we saw in the seeds).
DECODE_ROUNDS = 8


def safe_href(href: str | None, base: str | None = None) -> str | None:
    """``href`` when it is http(s), mailto or tel (or relative), resolved against ``base``.

    The address returned is ``href`` without control characters and whitespace; ``None``
    means refused. The writers still escape it for their format (HTML attribute, Markdown
    destination), so no reader decodes it into something else.
    """
    if not href:
        return None
    cleaned = CONTROL_RE.sub("", href)
    if not cleaned or not _allowed(cleaned):
        return None
    if base and not SCHEME_RE.match(cleaned):
        resolved = urljoin(base, cleaned)
        return resolved if SCHEME_RE.match(resolved) and _allowed(resolved) else None
    return cleaned


def judged_form(href: str) -> str | None:
    """``href`` as the most lenient reader would take it (references and percent-escapes
    decoded until stable, controls and whitespace removed); ``None`` when it does not settle
    within :data:`DECODE_ROUNDS` rounds."""
    current = href
    for _ in range(DECODE_ROUNDS):
        decoded = CONTROL_RE.sub("", unquote(html.unescape(current), errors="replace"))
        if decoded == current:
            return current
        current = decoded
    return None


def scheme_of(href: str) -> str | None:
    """The scheme a lenient reader could see in ``href`` (lower case), ``""`` for a relative
    reference in which no scheme can be read, ``None`` when it cannot be judged (it does not
    settle, or a ":" comes first)."""
    judged = judged_form(href)
    first = FIRST_PART_RE.match(judged or "")
    if judged is None or first is None:
        return None
    if ":" not in first.group(0):
        return ""
    return first.group(0).split(":", 1)[0].lower() or None


def _allowed(href: str) -> bool:
    scheme = scheme_of(href)
    return scheme is not None and (scheme == "" or scheme in SAFE_SCHEMES)
