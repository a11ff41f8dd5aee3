"""The charset a catalog declares, as a Python codec: what its PO file is read and written in and
what its ``.mo`` is compiled in.

A PO file names its encoding in the header (``Content-Type: text/plain; charset=KOI8-R``), as
GNU gettext and polib read it. A catalog without a header or without a charset, or with
xgettext's template placeholder ``charset=CHARSET``, is read and written as UTF-8 (polib does
the same); a charset Python does not know, or one that does not keep ASCII as it is (UTF-16: no
PO tool reads it), is an unknown charset.
"""

from __future__ import annotations

import codecs
import re

from tmcontent.errors import CatalogError

TYPE_CHECKING = False  # (not imported from typing, which the CLI does not load otherwise: 7 ms)

if TYPE_CHECKING:
    from tmcontent.catalog.pofile import Catalog

#: xgettext writes this into templates; msginit replaces it.
PLACEHOLDER = "CHARSET"
#: Where a file's header names its charset, found in the bytes before they can be decoded. Only a
#: hint: the parsed header decides (a Content-Type cut across two string lines is not found here).
CHARSET_HINT_RE = re.compile(rb'^[ \t]*"Content-Type:[^"\r\n]*?charset=([^"\\\s;]+)', re.MULTILINE)


def codec(name: str) -> str | None:
    """The Python codec of a charset name, if it is a text encoding that keeps ASCII as it is."""
    try:
        info = codecs.lookup(name.strip())
    except (LookupError, ValueError):
        return None
    try:
        keeps_ascii = "msgid n: A-z 0-9".encode(info.name) == b"msgid n: A-z 0-9"
    except (UnicodeError, LookupError, TypeError):
        return None
    return info.name if getattr(info, "_is_text_encoding", True) and keeps_ascii else None


def declared_charset(catalog: Catalog) -> str | None:
    """What follows ``charset=`` in the header's (last) Content-Type, as gettext reads it; ``None``
    without a header, a Content-Type or a charset."""
    types = [value for name, value in catalog.header_fields() if name.lower() == "content-type"]
    if not types or "charset=" not in types[-1]:
        return None
    return types[-1].split("charset=")[1].strip()


def file_codec(catalog: Catalog, name: str | None = None) -> str:
    """The codec ``catalog``'s PO file is read and written in: its declared charset, UTF-8 when it
    declares none or the placeholder; :class:`CatalogError` naming ``name`` (or the catalog's path)
    and the Content-Type line when the charset is unknown."""
    declared = declared_charset(catalog)
    if declared is None or declared.upper() == PLACEHOLDER:
        return "utf-8"
    found = codec(declared)
    if found is None:
        line = catalog.header_field_line("Content-Type")
        raise CatalogError(f"unknown charset {declared[:40]!r} in Content-Type", source=name or catalog.path, line=line)
    return found


def charset_hint(data: bytes) -> str | None:
    """The codec the first Content-Type line of ``data`` names, if it is one we know."""
    match = CHARSET_HINT_RE.search(data)
    if match is None:
        return None
    name = match.group(1).decode("ascii", "replace")
    return "utf-8" if name.upper() == PLACEHOLDER else codec(name)
