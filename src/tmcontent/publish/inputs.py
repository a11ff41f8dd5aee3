"""What a site is published from: article files (or pages, parsed) and PO translations.

An input item may carry, beside the article, ``translation_key`` (the story it belongs to in
every language), ``author`` and ``image`` (a URL); the model does not keep them, so they are
read here from the JSON. A PO file whose ``Language`` is a site locale adds, for every article
it translates (``msgctxt`` = the article's id), that article in that language, in the same story
(through :func:`tmcontent.translate.apply`, with its threshold).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from tmcontent.articles_io import article_items, from_item, is_article_json, read_text
from tmcontent.errors import PublishError, TranslationError
from tmcontent.model import Article
from tmcontent.publish.site import Source, story_key

log = logging.getLogger(__name__)

EXTRA_FIELDS = ("translation_key", "author", "image")


def load_sources(inputs: Iterable[str | Path | Article]) -> list[Source]:
    sources: list[Source] = []
    for given in inputs:
        if isinstance(given, Article):
            sources.append(Source(given, given.source))
            continue
        path = Path(given)
        if path.is_dir():
            raise PublishError("is a folder; give article files or pages", source=str(path))
        text = read_text(path)
        if not is_article_json(path, text):
            from tmcontent.parse import parse

            sources += [Source(article, str(path)) for article in parse(path)]
            continue
        for number, item in enumerate(article_items(text, str(path)), 1):
            extras = {name: item.get(name) if isinstance(item.get(name), str) else None for name in EXTRA_FIELDS}
            sources.append(Source(from_item(item, f"{path}#{number}"), f"{path}#{number}", **extras))
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
