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
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tmcontent.errors import ParseError, PublishError, TranslationError
from tmcontent.model import Article
from tmcontent.publish.site import Source, story_key

log = logging.getLogger(__name__)

EXTRA_FIELDS = ("translation_key", "author", "image")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ParseError(f"cannot read: {error}", source=str(path)) from error


def _is_article_json(path: Path, text: str) -> bool:
    return path.suffix in (".json", ".jsonl") or text.lstrip().startswith(("{", "["))


def _items(text: str, source: str) -> list[tuple[dict[str, Any], str]]:
    """The objects of an article JSON / JSON Lines text with a digest of each one's text
    (errors name ``source`` and the line)."""
    try:
        data = json.loads(text)
        items = [(item, _sha(json.dumps(item, sort_keys=True))) for item in (data if isinstance(data, list) else [data])]
    except json.JSONDecodeError:
        items = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    items.append((json.loads(line), _sha(line)))
                except json.JSONDecodeError as error:
                    raise ParseError(f"not article JSON: {error.msg}", source=source, line=number) from error
    if not all(isinstance(item, dict) for item, _ in items):
        raise ParseError("not article JSON: expected objects", source=source)
    return items


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _article(item: dict[str, Any], source: str) -> Article:
    try:
        return Article.from_dict(item)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ParseError(f"not an article: missing or bad field {error}", source=source) from error


def load_sources(inputs: Iterable[str | Path | Article]) -> list[Source]:
    sources: list[Source] = []
    for given in inputs:
        if isinstance(given, Article):
            sources.append(Source(given, given.source))
            continue
        path = Path(given)
        if path.is_dir():
            raise PublishError("is a folder; give article files or pages", source=str(path))
        text = _read_text(path)
        if not _is_article_json(path, text):
            from tmcontent.parse import parse

            sources += [Source(article, str(path)) for article in parse(path)]
            continue
        for number, (item, digest) in enumerate(_items(text, str(path)), 1):
            extras = {name: item.get(name) if isinstance(item.get(name), str) else None for name in EXTRA_FIELDS}
            sources.append(Source(_article(item, f"{path}#{number}"), f"{path}#{number}", digest=digest, **extras))
    return sources


def translated_sources(sources: list[Source], catalogs: Iterable[str | Path], locales: tuple[str, ...]) -> list[Source]:
    """The articles each PO file translates, as sources of the PO's language."""
    from tmcontent.catalog import read_po
    from tmcontent.translate import apply

    found: list[Source] = []
    for given in catalogs:
        catalog = read_po(Path(given))
        language = (catalog.header_field("Language") or "").replace("_", "-")
        if not language or language.split("-")[0].lower() not in {locale.split("-")[0].lower() for locale in locales}:
            raise PublishError(f"its Language header ({language or 'none'}) is not one of the site's locales {','.join(locales)}", source=str(given))
        ids = {entry.msgctxt.split("/", 1)[0] for entry in catalog.messages if entry.translated and entry.msgctxt}
        for source in sources:
            article_id = source.article.id or source.article.compute_id()
            if article_id not in ids:
                continue
            try:
                translated = apply(source.article, catalog)
            except TranslationError as error:
                log.warning("%s: %s not published in %s: %s", given, source.origin, language, error.message)
                continue
            translated.id = article_id
            found.append(Source(translated, f"{given}:{article_id}", author=source.author, image=source.image,
                                locale=language, group=story_key(source)))
    return found
