"""The article model: dataclasses for structured press articles and their JSON form.

This module owns the shape of everything tmcontent produces: :class:`Article` and the
parts it is made of, their conversion to and from plain ``dict`` (the JSON form described
by ``schema/article.schema.json``), and the derived fields (``text``, ``id``).

Rules kept here:

* ``lang`` fields hold BCP 47 codes or ``None``; ``None`` means "not known", never a guess.
* ``to_dict`` output is deterministic: same article, same keys in the same order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tmcontent.schema.validate import check_article

SCHEMA_VERSION = "1.0"

#: Block kinds the parsers emit; renderers and translators rely on this closed set.
BLOCK_KINDS = (
    "paragraph",
    "heading",
    "quote",
    "list_item",
    "contact",
    "credit",
    "caption",
    "link",
)


@dataclass
class Segment:
    """A maximal run of one language inside a text (character offsets into that text)."""

    start: int
    end: int
    text: str
    lang: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "lang": self.lang,
            "confidence": round(self.confidence, 4),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Segment:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=data["text"],
            lang=data["lang"],
            confidence=float(data.get("confidence", 0.0)),
        )


@dataclass
class Inline:
    """Inline markup inside a block's text: a link or emphasis over ``text[start:end]``."""

    start: int
    end: int
    kind: str  # "link", "em", "strong", "code"
    href: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"start": self.start, "end": self.end, "kind": self.kind}
        if self.href is not None:
            data["href"] = self.href
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Inline:
        return cls(int(data["start"]), int(data["end"]), data["kind"], data.get("href"))


@dataclass
class Label:
    """A recognised piece of page chrome: stable ``id``, the text as displayed, its language."""

    id: str
    label: str | None = None
    lang: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "lang": self.lang}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Label:
        return cls(data["id"], data.get("label"), data.get("lang"))


@dataclass
class DateInfo:
    """A date as displayed (``text``), the language of that text, and its ISO 8601 value."""

    text: str
    iso: str | None = None
    lang: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "lang": self.lang, "iso": self.iso}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateInfo:
        return cls(data["text"], data.get("iso"), data.get("lang"))


@dataclass
class Dateline:
    """The "Ashgabat, November 24, 2023:" opener of a press release: place and date."""

    text: str
    place: str | None = None
    date: DateInfo | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "place": self.place,
            "date": self.date.to_dict() if self.date else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Dateline:
        date = data.get("date")
        return cls(data["text"], data.get("place"), DateInfo.from_dict(date) if date else None)


@dataclass
class Block:
    """One body block in reading order."""

    kind: str
    text: str
    lang: str | None = None
    speaker: str | None = None
    segments: list[Segment] | None = None
    inline: list[Inline] = field(default_factory=list)

    def marks(self) -> list[Inline]:
        """The inline spans that apply, in reading order: those inside the text, sorted by start
        (the longer first at one start); of overlapping spans the first is kept. Every output
        (:mod:`tmcontent.render.inline`) and the translators' placeholders cut the text here."""
        text_length = len(self.text)
        spans = sorted((s for s in self.inline if 0 <= s.start < s.end <= text_length), key=lambda s: (s.start, -s.end))
        kept: list[Inline] = []
        position = 0
        for span in spans:
            if span.start >= position:
                kept.append(span)
                position = span.end
        return kept

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "text": self.text, "lang": self.lang}
        if self.speaker is not None:
            data["speaker"] = self.speaker
        if self.segments is not None:
            data["segments"] = [s.to_dict() for s in self.segments]
        if self.inline:
            data["inline"] = [i.to_dict() for i in self.inline]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        segments = data.get("segments")
        return cls(
            kind=data["kind"],
            text=data["text"],
            lang=data.get("lang"),
            speaker=data.get("speaker"),
            segments=[Segment.from_dict(s) for s in segments] if segments is not None else None,
            inline=[Inline.from_dict(i) for i in data.get("inline", [])],
        )


@dataclass
class Contact:
    """A press contact: any of name, role, organisation, phone numbers and e-mail addresses."""

    name: str | None = None
    role: str | None = None
    organization: str | None = None
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "organization": self.organization,
            "phones": list(self.phones),
            "emails": list(self.emails),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Contact:
        return cls(
            name=data.get("name"),
            role=data.get("role"),
            organization=data.get("organization"),
            phones=list(data.get("phones", [])),
            emails=list(data.get("emails", [])),
        )


@dataclass
class Article:
    """A structured press article.

    ``text`` is derived from the body blocks (paragraph-like blocks joined by blank lines);
    ``id`` is derived from the source and the content unless a parser sets it.
    """

    source: str
    url: str | None = None
    page_locale: str | None = None
    declared_locale: str | None = None
    kind: Label | None = None
    title: str | None = None
    title_lang: str | None = None
    published: DateInfo | None = None
    dateline: Dateline | None = None
    blocks: list[Block] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    goals: list[int] = field(default_factory=list)
    body_langs: list[str] = field(default_factory=list)
    sections: list[Label] = field(default_factory=list)
    credit: str | None = None
    id: str = ""

    @property
    def text(self) -> str:
        """Plain body text: paragraph-like blocks separated by blank lines (no chrome)."""
        return "\n\n".join(b.text for b in self.blocks if b.kind in TEXT_BLOCK_KINDS and b.text)

    def compute_id(self) -> str:
        """A stable id from the source and the content (16 hex digits of SHA-256)."""
        digest = hashlib.sha256()
        for part in (
            self.url or self.source,
            self.title or "",
            self.published.iso if self.published and self.published.iso else "",
        ):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\x00")
        # self.text, block by block: the same digest without a copy of the whole text (and its
        # encoding) at once, which made an id cost 3x a large page's text in memory
        texts = (b.text for b in self.blocks if b.kind in TEXT_BLOCK_KINDS and b.text)
        for index, text in enumerate(texts):
            digest.update((b"\n\n" if index else b"") + text.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
        return digest.hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "id": self.id or self.compute_id(),
            "source": self.source,
            "url": self.url,
            "page_locale": self.page_locale,
            "declared_locale": self.declared_locale,
            "kind": self.kind.to_dict() if self.kind else None,
            "title": self.title,
            "title_lang": self.title_lang,
            "published": self.published.to_dict() if self.published else None,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "body_langs": list(self.body_langs),
            "blocks": [b.to_dict() for b in self.blocks],
            "contacts": [c.to_dict() for c in self.contacts],
            "entities": list(self.entities),
            "goals": list(self.goals),
            "sections": [s.to_dict() for s in self.sections],
            "credit": self.credit,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, check: bool = True) -> Article:
        """Rebuild an article from its JSON form, checked against the published schema first.

        Raises :class:`~tmcontent.errors.SchemaError` naming the field path of the first problem
        (``blocks[2].lang: 'x1' does not match ...``). ``text`` and ``localized`` are derived,
        so they are ignored. ``check=False`` skips the schema check: only for data this program
        checked before (a cache of its own).
        """
        if check:
            check_article(dict(data) if isinstance(data, Mapping) else data)
        kind = data.get("kind")
        published = data.get("published")
        dateline = data.get("dateline")
        return cls(
            id=data.get("id", ""),
            source=data["source"],
            url=data.get("url"),
            page_locale=data.get("page_locale"),
            declared_locale=data.get("declared_locale"),
            kind=Label.from_dict(kind) if kind else None,
            title=data.get("title"),
            title_lang=data.get("title_lang"),
            published=DateInfo.from_dict(published) if published else None,
            dateline=Dateline.from_dict(dateline) if dateline else None,
            blocks=[Block.from_dict(b) for b in data.get("blocks", [])],
            contacts=[Contact.from_dict(c) for c in data.get("contacts", [])],
            entities=list(data.get("entities", [])),
            goals=[int(g) for g in data.get("goals", [])],
            body_langs=list(data.get("body_langs", [])),
            sections=[Label.from_dict(s) for s in data.get("sections", [])],
            credit=data.get("credit"),
        )


#: Block kinds whose text forms the article's plain ``text``.
TEXT_BLOCK_KINDS = frozenset({"paragraph", "heading", "quote", "list_item"})
