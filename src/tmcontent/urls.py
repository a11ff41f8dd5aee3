"""URL safety: which link addresses from a page may be kept, for every reader and renderer.

Page content is untrusted. A link is kept only when its scheme is http(s), mailto or tel, or
it is relative (resolved against the page's address when there is one). Control characters
and whitespace are removed before the scheme is judged, so ``java\\tscript:`` does not pass.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
CONTROL_RE = re.compile(r"[\x00-\x20\x7f]+")


def safe_href(href: str | None, base: str | None = None) -> str | None:
    """``href`` when it is http(s), mailto or tel (or relative), resolved against ``base``."""
    if not href:
        return None
    cleaned = CONTROL_RE.sub("", href)
    scheme = SCHEME_RE.match(cleaned)
    if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
        return None
    if not scheme and base:
        resolved = urljoin(base, cleaned)
        resolved_scheme = SCHEME_RE.match(resolved)
        return resolved if resolved_scheme and resolved_scheme.group(1).lower() in SAFE_SCHEMES else None
    return cleaned or None
