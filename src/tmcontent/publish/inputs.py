"""What a site is published from: article files (or pages, parsed) and PO translations.

An input item may carry, beside the article, ``translation_key`` (the story it belongs to in
every language), ``author`` and ``image`` (a URL); the model does not keep them, so they are
read here from the JSON. A PO file whose ``Language`` is a site locale adds, for every article
it translates (``msgctxt`` = the article's id), that article in that language, in the same story
(through :func:`tmcontent.translate.apply`, with its threshold).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

from tmcontent.errors import ParseError, PublishError, SchemaError, TranslationError
from tmcontent.localize import DESCRIPTION_CHARS
from tmcontent.model import TEXT_BLOCK_KINDS, Article
from tmcontent.publish.heads import HeadStore, Place
from tmcontent.publish.site import Source, facts_of, story_key
from tmcontent.textfacts import primary

log = logging.getLogger(__name__)


class _Extras(TypedDict):
    """What an input item may carry beside the article (see the module docstring)."""

    translation_key: str | None
    author: str | None
    image: str | None


EXTRA_FIELDS = tuple(_Extras.__annotations__)


@dataclass(frozen=True)
class _Item:
    """One article object of a JSON document and the digest of its text."""

    data: dict[str, Any]
    digest: str


def _decode(data: bytes, source: str, line: int | None = None) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ParseError(f"article JSON is not UTF-8 (byte {error.start})", source=source, line=line) from error


def _first_line(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            for raw in handle:
                if raw.strip():
                    return raw.lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as error:
        raise ParseError(f"cannot read: {error.strerror or error}", source=str(path)) from error
    return b""


def _is_json_lines(first: bytes) -> bool:
    """A file whose first line is a whole JSON object is JSON Lines (a pretty-printed document
    starts with a line that is not)."""
    if not first.startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def _document_items(path: Path, source: str) -> Iterator[_Item]:
    """The objects of an article JSON document (one article or a list)."""
    try:
        document = json.loads(_decode(path.read_bytes(), source))
    except OSError as error:
        raise ParseError(f"cannot read: {error.strerror or error}", source=source) from error
    except json.JSONDecodeError as error:
        raise ParseError(f"not article JSON: {error.msg}", source=source, line=error.lineno) from error
    for item in document if isinstance(document, list) else [document]:
        yield _Item(_object(item, source), _sha(json.dumps(item, sort_keys=True).encode("utf-8", "surrogatepass")))


@dataclass(frozen=True, slots=True)
class _Line:
    """One article line of a JSON Lines file: its number, digest, place (byte offset and
    length), and either its facts and where the last run's heads have it (``kept``), or the
    article object read from it (``data``)."""

    number: int
    digest: str
    span: tuple[int, int]
    facts: dict[str, Any] | None = None
    kept: Place | None = None
    data: dict[str, Any] | None = None


def _json_lines(path: Path, source: str, store: HeadStore | None) -> Iterator[_Line]:
    """The article lines of a JSON Lines file, read line by line (never whole); a line whose
    digest ``store`` knows is not decoded again."""
    try:
        with path.open("rb") as handle:
            offset = 0
            for number, raw in enumerate(handle, 1):
                if raw.strip():
                    digest = _sha(raw)
                    known = store.known(digest) if store is not None else None
                    if known is not None:
                        yield _Line(number, digest, (offset, len(raw)), facts=known[0], kept=known[1])
                    else:
                        yield _Line(number, digest, (offset, len(raw)), data=_line_object(raw, source, number))
                offset += len(raw)
    except OSError as error:
        raise ParseError(f"cannot read: {error.strerror or error}", source=source) from error


def _line_object(raw: bytes, source: str, number: int) -> dict[str, Any]:
    try:
        item = json.loads(_decode(raw, source, number))
    except json.JSONDecodeError as error:
        raise ParseError(f"not article JSON: {error.msg}", source=source, line=number) from error
    return _object(item, source, number)


def _checked_head(data: dict[str, Any], source: str, line: int) -> tuple[dict[str, Any], Article]:
    """What the site keeps of an article line: its head, checked against the schema, carrying
    the id of the whole article; and that head as an article."""
    head = _head(data)
    article = _article(head, source, line)
    if not article.id:
        head["id"] = article.id = _article(data, source, line).compute_id()  # the id of the whole article
    return head, article


def _extras(data: dict[str, Any]) -> _Extras:
    def text(name: str) -> str | None:
        value = data.get(name)
        return value if isinstance(value, str) else None

    return _Extras(translation_key=text("translation_key"), author=text("author"), image=text("image"))


def _object(item: Any, source: str, line: int | None = None) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise ParseError("not article JSON: expected objects", source=source, line=line)
    return item


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _article(item: dict[str, Any], source: str, line: int | None = None) -> Article:
    try:
        return Article.from_dict({name: value for name, value in item.items() if name not in EXTRA_FIELDS})
    except SchemaError as error:
        raise SchemaError(error.detail, path=error.path, source=source, line=line) from error
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ParseError(f"not an article: missing or bad field {error}", source=source) from error


#: Fields of an article object a head leaves out: the publisher's extra fields, and rendering's
#: derived ``localized``. The derived ``text`` (the whole body again) is kept empty, since the
#: schema asks for it.
NOT_IN_HEAD = frozenset({*EXTRA_FIELDS, "localized"})


def _head(data: dict[str, Any]) -> dict[str, Any]:
    """The article object without the fields of :data:`NOT_IN_HEAD`, with an empty ``text`` and
    only the blocks its summary and fallback title read: what the site model, listings, feeds
    and sitemaps see of an article read again for its own page."""
    data = {name: "" if name == "text" else value for name, value in data.items() if name not in NOT_IN_HEAD}
    blocks = data.get("blocks")
    if not isinstance(blocks, list):
        return data
    shown, end = 0, 0
    for end, block in enumerate(blocks, 1):  # noqa: B007 - ``end`` is read after the loop
        text = block.get("text") if isinstance(block, dict) else None
        if isinstance(text, str) and block.get("kind") in TEXT_BLOCK_KINDS:
            shown += len(" ".join(text.split())) + 1
        if shown > DESCRIPTION_CHARS:
            break
    return {**data, "blocks": blocks[:end]}


@dataclass(frozen=True, slots=True)
class _Reloader:
    """Reads the article of one JSON line again, when its page is rendered (it holds the line's
    place and digest only: never the article). A slotted object, not a closure: 80 bytes, not 440
    (the function and its cells), per article (tracemalloc, 10,000 of each)."""

    path: str  # (not a Path: the site's database keeps a reloader per article, pickled, and Path pickles slowly)
    offset: int
    length: int
    digest: str
    origin: str

    def __reduce__(self) -> tuple[type[_Reloader], tuple[str, int, int, str, str]]:
        """Pickled as its fields (the dataclass way reads ``fields()`` every time: 6 µs, not 1)."""
        return type(self), (self.path, self.offset, self.length, self.digest, self.origin)

    def __call__(self) -> Article:
        try:
            with open(self.path, "rb") as handle:
                handle.seek(self.offset)
                raw = handle.read(self.length)
        except OSError as error:
            raise PublishError(f"cannot read again: {error.strerror or error}", source=self.origin) from error
        if _sha(raw) != self.digest:
            raise PublishError("changed while the site was being published; run again", source=self.origin)
        return _article(json.loads(_decode(raw, self.origin)), self.origin)


def load_sources(inputs: Iterable[str | Path | Article], store: HeadStore | None = None) -> list[Source]:
    """:func:`iter_sources` as a list."""
    return list(iter_sources(inputs, store))


def iter_sources(inputs: Iterable[str | Path | Article], store: HeadStore | None = None) -> Iterator[Source]:
    """The articles of ``inputs``, one at a time. An article from a JSON Lines file is kept as its
    head, in ``store`` when there is one (see :mod:`tmcontent.publish.heads`), and read again whole
    for its own page, so memory holds the site's index, not its text."""
    for given in inputs:
        if isinstance(given, Article):
            yield Source(given, given.source)
            continue
        path = Path(given)
        if path.is_dir():
            raise PublishError("is a folder; give article files or pages", source=str(path))
        first = _first_line(path)
        if path.suffix not in (".json", ".jsonl") and not first.startswith((b"{", b"[")):
            from tmcontent.parse import parse

            yield from (Source(article, str(path)) for article in parse(path))
        elif _is_json_lines(first):
            yield from (_line_source(path, line, store) for line in _json_lines(path, str(path), store))
        else:
            for number, item in enumerate(_document_items(path, str(path)), 1):
                yield Source(_article(item.data, str(path), number), f"{path}#{number}", digest=item.digest, **_extras(item.data))


def _line_source(path: Path, line: _Line, store: HeadStore | None) -> Source:
    origin = f"{path}#{line.number}"
    reload = _Reloader(str(path), *line.span, line.digest, origin)
    if line.kept is not None and line.facts is not None and store is not None:
        return Source(None, origin, digest=line.digest, reload=reload, store=store, place=store.keep(line.kept),
                      facts=line.facts, **_extras(line.facts))
    assert line.data is not None  # a line the store did not know was read
    head, article = _checked_head(line.data, str(path), line.number)
    extras = _extras(line.data)
    if store is None:
        return Source(article, origin, digest=line.digest, reload=reload, **extras)
    facts = {**facts_of(article), **extras}
    return Source(None, origin, digest=line.digest, reload=reload, store=store, place=store.add(line.digest, facts, head),
                  facts=facts, **extras)


def translated_sources(sources: Iterable[Source], catalogs: Iterable[str | Path], locales: tuple[str, ...]) -> list[Source]:
    """The articles each PO file translates, as sources of the PO's language (``sources`` is
    read once)."""
    from tmcontent.catalog import read_po
    from tmcontent.translate import apply

    translating = []  # (file, catalog, its language, the ids it translates)
    for given in catalogs:
        catalog = read_po(Path(given), keep_source=False)
        language = (catalog.header_field("Language") or "").replace("_", "-")
        if not language or primary(language) not in {primary(locale) for locale in locales}:
            raise PublishError(f"its Language header ({language or 'none'}) is not one of the site's locales {','.join(locales)}", source=str(given))
        ids = {entry.msgctxt.split("/", 1)[0] for entry in catalog.messages if entry.translated and entry.msgctxt}
        translating.append((given, catalog, language, ids))
    found: list[Source] = []
    if not translating:
        return found
    for source in sources:
        for given, catalog, language, ids in translating:
            if source.id not in ids:
                continue
            try:
                translated = apply(source.full(), catalog)
            except TranslationError as error:
                log.warning("%s: %s not published in %s: %s", given, source.origin, language, error.message)
                continue
            translated.id = source.id
            found.append(Source(translated, f"{given}:{source.id}", author=source.author, image=source.image,
                                locale=language, group=story_key(source)))
    return found
