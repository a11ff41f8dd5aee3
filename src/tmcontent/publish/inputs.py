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
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tmcontent.errors import ParseError, PublishError, SchemaError, TranslationError
from tmcontent.localize import DESCRIPTION_CHARS
from tmcontent.model import TEXT_BLOCK_KINDS, Article
from tmcontent.publish.site import Source, story_key
from tmcontent.textfacts import primary

log = logging.getLogger(__name__)

EXTRA_FIELDS = ("translation_key", "author", "image")


@dataclass(frozen=True)
class _Item:
    """One article object of an input file, the digest of its text, and where its line is
    (byte offset and length) when the file is JSON Lines."""

    data: dict[str, Any]
    digest: str
    span: tuple[int, int] | None = None


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


def _items(path: Path, source: str) -> Iterator[_Item]:
    """The objects of an article JSON / JSON Lines file, one at a time (errors name ``source``
    and the line); a JSON Lines file is read line by line, never whole."""
    try:
        if not _is_json_lines(_first_line(path)):
            document = json.loads(_decode(path.read_bytes(), source))
            for item in document if isinstance(document, list) else [document]:
                yield _Item(_object(item, source), _sha(json.dumps(item, sort_keys=True)))
            return
        with path.open("rb") as handle:
            offset = 0
            for number, raw in enumerate(handle, 1):
                if raw.strip():
                    line = _decode(raw, source, number)
                    try:
                        item = json.loads(line)
                    except json.JSONDecodeError as error:
                        raise ParseError(f"not article JSON: {error.msg}", source=source, line=number) from error
                    yield _Item(_object(item, source, number), _sha(line), (offset, len(raw)))
                offset += len(raw)
    except OSError as error:
        raise ParseError(f"cannot read: {error.strerror or error}", source=source) from error
    except json.JSONDecodeError as error:
        raise ParseError(f"not article JSON: {error.msg}", source=source, line=error.lineno) from error


def _object(item: Any, source: str, line: int | None = None) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise ParseError("not article JSON: expected objects", source=source, line=line)
    return item


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _article(item: dict[str, Any], source: str, line: int | None = None) -> Article:
    try:
        return Article.from_dict({name: value for name, value in item.items() if name not in EXTRA_FIELDS})
    except SchemaError as error:
        raise SchemaError(error.detail, path=error.path, source=source, line=line) from error
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ParseError(f"not an article: missing or bad field {error}", source=source) from error


def _head(data: dict[str, Any]) -> dict[str, Any]:
    """The article object with only the blocks its summary and fallback title read: what the
    site model, listings, feeds and sitemaps see of an article read again for its own page."""
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
    return _interned({**data, "blocks": blocks[:end]})


#: Strings up to this length are shared between articles (``sys.intern``): languages, kinds,
#: dates, block kinds repeat in every article, and each decoded copy costs about 55 bytes
#: (measured: memory after reading the benchmark's 7,500 articles went from 52.5 to 49.2 MB).
SHARED_CHARS = 16


def _interned(value: Any) -> Any:
    """``value`` (decoded JSON) with its short strings, keys included, interned."""
    if isinstance(value, str):
        return sys.intern(value) if len(value) <= SHARED_CHARS else value
    if isinstance(value, dict):
        return {sys.intern(key) if len(key) <= SHARED_CHARS else key: _interned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_interned(item) for item in value]
    return value


@dataclass(frozen=True, slots=True)
class _Reloader:
    """Reads the article of one JSON line again, when its page is rendered (it holds the line's
    place and digest only: never the article). A slotted object, not a closure: 80 bytes, not 440
    (the function and its cells), per article (tracemalloc, 10,000 of each)."""

    path: Path
    offset: int
    length: int
    digest: str
    origin: str

    def __call__(self) -> Article:
        try:
            with self.path.open("rb") as handle:
                handle.seek(self.offset)
                line = _decode(handle.read(self.length), self.origin)
        except OSError as error:
            raise PublishError(f"cannot read again: {error.strerror or error}", source=self.origin) from error
        if _sha(line) != self.digest:
            raise PublishError("changed while the site was being published; run again", source=self.origin)
        return _article(json.loads(line), self.origin)


def load_sources(inputs: Iterable[str | Path | Article]) -> list[Source]:
    """The articles of ``inputs``. An article from a JSON Lines file is kept as its head (see
    :func:`_head`) and read again for its own page, so memory holds the site's index, not its text."""
    sources: list[Source] = []
    for given in inputs:
        if isinstance(given, Article):
            sources.append(Source(given, given.source))
            continue
        path = Path(given)
        if path.is_dir():
            raise PublishError("is a folder; give article files or pages", source=str(path))
        first = _first_line(path)
        if path.suffix not in (".json", ".jsonl") and not first.startswith((b"{", b"[")):
            from tmcontent.parse import parse

            sources += [Source(article, str(path)) for article in parse(path)]
            continue
        for number, item in enumerate(_items(path, str(path)), 1):
            origin = f"{path}#{number}"
            extras = {name: item.data.get(name) if isinstance(item.data.get(name), str) else None for name in EXTRA_FIELDS}
            if item.span is None:
                sources.append(Source(_article(item.data, str(path), number), origin, digest=item.digest, **extras))
            else:
                article = _article(_head(item.data), str(path), number)
                if not article.id:
                    article.id = _article(item.data, str(path), number).compute_id()  # the id of the whole article
                sources.append(Source(article, origin, digest=item.digest, reload=_Reloader(path, *item.span, item.digest, origin), **extras))
    return sources


def translated_sources(sources: list[Source], catalogs: Iterable[str | Path], locales: tuple[str, ...]) -> list[Source]:
    """The articles each PO file translates, as sources of the PO's language."""
    from tmcontent.catalog import read_po
    from tmcontent.translate import apply

    found: list[Source] = []
    for given in catalogs:
        catalog = read_po(Path(given))
        language = (catalog.header_field("Language") or "").replace("_", "-")
        if not language or primary(language) not in {primary(locale) for locale in locales}:
            raise PublishError(f"its Language header ({language or 'none'}) is not one of the site's locales {','.join(locales)}", source=str(given))
        ids = {entry.msgctxt.split("/", 1)[0] for entry in catalog.messages if entry.translated and entry.msgctxt}
        for source in sources:
            article_id = source.article.id or source.article.compute_id()
            if article_id not in ids:
                continue
            try:
                translated = apply(source.full(), catalog)
            except TranslationError as error:
                log.warning("%s: %s not published in %s: %s", given, source.origin, language, error.message)
                continue
            translated.id = article_id
            found.append(Source(translated, f"{given}:{article_id}", author=source.author, image=source.image,
                                locale=language, group=story_key(source)))
    return found
