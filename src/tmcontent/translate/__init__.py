"""Article content through PO files, for translators: extract units, pretranslate from a
translation memory, apply translations back to the article.

One unit per translatable segment (title, headings, paragraphs, quotes, list items), with
``msgctxt`` = article id + block path, ``#.`` comments giving the block kind and the source
language, and inline links/emphasis as numbered placeholders (``<1>text</1>``) that
``tmcontent catalog check`` verifies. Names, phone numbers, e-mails, URLs and pure numbers are
not units; segments already in the target language are not offered. ``init``/``update`` are the
catalog workflow's own (:mod:`tmcontent.catalog.workflow`).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass

from tmcontent.catalog.fuzzy import FUZZY_SIMILARITY, FuzzyIndex
from tmcontent.catalog.pofile import Catalog, Entry
from tmcontent.errors import TranslationError
from tmcontent.langid import UND, detect
from tmcontent.model import Article, Block, Inline

TRANSLATABLE = ("paragraph", "heading", "quote", "list_item", "caption")
#: Default share of units that must be translated before ``apply`` accepts a catalog (po4a's
#: --keep default is 80).
DEFAULT_KEEP = 80.0
PLACEHOLDER_RE = re.compile(r"<(/?)(\d+)>")
NAME_LIKE_RE = re.compile(r"^(?:[A-ZА-ЯЁÄÇŇÖŞÜÝŽ][\w’'.-]*\s*){1,4}$")


@dataclass(frozen=True)
class Unit:
    context: str
    text: str
    kind: str
    lang: str | None
    source: str


def units(article: Article, *, target_lang: str | None = None) -> list[Unit]:
    """The translatable segments of ``article`` (not those already in ``target_lang``)."""
    article_id = article.id or article.compute_id()
    found = []
    if article.title and _translatable(article.title, article.title_lang, target_lang):
        found.append(Unit(f"{article_id}/title", article.title, "title", article.title_lang, article.source))
    for index, block in enumerate(article.blocks):
        if block.kind in TRANSLATABLE and _translatable(block.text, block.lang, target_lang):
            found.append(Unit(f"{article_id}/blocks/{index}", with_placeholders(block), block.kind, block.lang, article.source))
    return found


def _translatable(text: str, lang: str | None, target: str | None) -> bool:
    if target and lang and lang.split("-")[0] == target.split("-")[0]:
        return False
    if NAME_LIKE_RE.match(text.strip()):
        return False
    return detect(text).lang != UND


def with_placeholders(block: Block) -> str:
    """The block's text with its inline spans as numbered tags: "see <1>the report</1>"."""
    text, out, position = block.text, [], 0
    spans = sorted((s for s in block.inline if 0 <= s.start < s.end <= len(text)), key=lambda s: (s.start, -s.end))
    number = 0
    for span in spans:
        if span.start < position:
            continue
        number += 1
        out.append(text[position : span.start])
        out.append(f"<{number}>{text[span.start : span.end]}</{number}>")
        position = span.end
    out.append(text[position:])
    return "".join(out)


def without_placeholders(translated: str, block: Block) -> tuple[str, list[Inline]]:
    """Translated text and the inline spans its numbered tags mark (hrefs from the source)."""
    sources = [s for s in sorted(block.inline, key=lambda s: (s.start, -s.end))]
    plain: list[str] = []
    length = 0
    opened: dict[int, int] = {}
    spans: list[Inline] = []
    position = 0
    for match in PLACEHOLDER_RE.finditer(translated):
        piece = translated[position : match.start()]
        plain.append(piece)
        length += len(piece)
        number = int(match.group(2))
        if not match.group(1):
            opened[number] = length
        elif number in opened and 0 < number <= len(sources):
            source = sources[number - 1]
            spans.append(Inline(opened.pop(number), length, source.kind, source.href))
        position = match.end()
    plain.append(translated[position:])
    return "".join(plain), spans


def template(articles: Iterable[Article], *, target_lang: str | None = None) -> Catalog:
    """A PO template with the units of ``articles``."""
    entries = [_header_entry()]
    for article in articles:
        for unit in units(article, target_lang=target_lang):
            entries.append(Entry(
                msgid=unit.text, msgctxt=unit.context, references=[unit.source.replace(" ", "_")],
                extracted_comments=[f"kind: {unit.kind}; source language: {unit.lang or 'unknown'}"],
            ))
    return Catalog(entries, ["", *["\n"] * (len(entries) - 1), ""], "<template>")


def _header_entry() -> Entry:
    fields = [("Project-Id-Version", "tmcontent articles"), ("MIME-Version", "1.0"),
              ("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "8bit")]
    return Entry(msgid="", msgstr="".join(f"{k}: {v}\n" for k, v in fields))


def pretranslate(catalog: Catalog, memories: Iterable[Catalog], *, min_similarity: float = FUZZY_SIMILARITY) -> int:
    """Fill empty units from earlier translations: exact msgid matches as translated, close
    ones (``min_similarity`` 0..1) as fuzzy. Returns how many units were filled.

    The memory is indexed once (:class:`~tmcontent.catalog.fuzzy.FuzzyIndex`, as ``update``
    does), so the time grows with the number of units, not units times memory entries."""
    memory: dict[str, str] = {}
    for other in memories:
        for entry in other.messages:
            if entry.translated and entry.msgid_plural is None:
                memory.setdefault(entry.msgid, entry.msgstr)
    index = FuzzyIndex((source, source) for source in memory)
    filled = 0
    for entry in catalog.messages:
        if entry.msgstr or entry.msgid_plural is not None:
            continue
        if entry.msgid in memory:
            entry.msgstr, entry.raw = memory[entry.msgid], None
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            filled += 1
            continue
        found = index.best(entry.msgid, min_similarity)
        if found is not None:
            best = found[0]
            entry.msgstr, entry.raw = memory[best], None
            entry.flags = ["fuzzy", *[f for f in entry.flags if f != "fuzzy"]]
            entry.previous_msgid = best
            filled += 1
    return filled


def apply(article: Article, catalog: Catalog, *, keep: float = DEFAULT_KEEP, allow_partial: bool = False) -> Article:
    """``article`` with the catalog's translations merged in; untranslated units keep their
    source text and language. Refuses below ``keep`` percent translated unless ``allow_partial``."""
    target = (catalog.header_field("Language") or "").replace("_", "-") or None
    translations = {e.msgctxt: e.msgstr for e in catalog.messages if e.translated and e.msgctxt}
    article_units = units(article)
    if not article_units:
        return copy.deepcopy(article)
    done = sum(1 for unit in article_units if unit.context in translations)
    share = 100.0 * done / len(article_units)
    if share < keep and not allow_partial:
        raise TranslationError(
            f"only {done} of {len(article_units)} segments ({share:.0f}%) are translated, under the {keep:g}% threshold; "
            "translate more or pass --allow-partial", source=catalog.path,
        )
    result = copy.deepcopy(article)
    article_id = article.id or article.compute_id()
    if result.title and f"{article_id}/title" in translations:
        result.title, result.title_lang = translations[f"{article_id}/title"], target
    for index, block in enumerate(result.blocks):
        translated = translations.get(f"{article_id}/blocks/{index}")
        if translated is not None:
            block.text, block.inline = without_placeholders(translated, article.blocks[index])
            block.lang, block.segments = target, None
    if target:
        result.body_langs = sorted({b.lang for b in result.blocks if b.lang}, key=lambda lang: lang != target)
    return result


__all__ = ["DEFAULT_KEEP", "Unit", "apply", "pretranslate", "template", "units", "with_placeholders", "without_placeholders"]
