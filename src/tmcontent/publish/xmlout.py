"""What feeds and sitemaps share: dates in their formats, text XML can hold, serialization.

Dates: article ISO values become RFC 3339 (Atom, JSON Feed), RFC 822 (RSS) or W3C Datetime
(sitemaps; a bare date stays a bare date). A time without an offset is read as UTC, which is
what the feed formats assume of a missing one.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from typing import Any

from lxml import etree

#: Characters XML 1.0 cannot hold (lxml refuses them): C0 controls but tab/newline/return,
#: lone surrogates, U+FFFE and U+FFFF.
NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: The date of an undated article in formats that need one (feeds): the start of the epoch.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def xml_text(text: str | None) -> str:
    return NOT_XML_RE.sub("", text or "")


def to_datetime(iso: str | None) -> datetime | None:
    """An ISO 8601 date or date-time as an aware datetime (midnight UTC for a bare date)."""
    if not iso:
        return None
    try:
        value = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        try:
            value = datetime.combine(date.fromisoformat(iso[:10]), datetime.min.time())
        except ValueError:
            return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def rfc3339(value: datetime) -> str:
    text = value.isoformat(timespec="seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def rfc822(value: datetime) -> str:
    return format_datetime(value)


def w3c(iso: str | None) -> str | None:
    """A sitemap ``lastmod``: the date as it is when bare, else RFC 3339."""
    if iso and re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        return iso
    value = to_datetime(iso)
    return rfc3339(value) if value else None


def days_before(value: datetime, days: int) -> datetime:
    return value - timedelta(days=days)


def sub(parent: Any, tag: str, text: str | None = None, **attributes: str) -> Any:
    element = etree.SubElement(parent, tag, {k.replace("__", ":"): v for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def serialize(root: Any) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
