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

from tmcontent.catalog.fuzzy import FuzzyIndex
from tmcontent.catalog.pofile import Catalog, Entry
from tmcontent.defaults import DEFAULT_KEEP, DEFAULT_MIN_SIMILARITY
from tmcontent.errors import TranslationError
from tmcontent.langid import detect
from tmcontent.model import Article, Block, Inline
from tmcontent.textfacts import UND, same_language

TRANSLATABLE = ("paragraph", "heading", "quote", "list_item", "caption")
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
    if target and lang and same_language(lang, target):
        return False
    if NAME_LIKE_RE.match(text.strip()):
        return False
    return detect(text).lang != UND


def with_placeholders(block: Block) -> str:
    """The block's text with its inline spans as numbered tags: "see <1>the report</1>"."""
    text, out, position = block.text, [], 0
    for number, span in enumerate(block.marks(), 1):
        out.append(text[position : span.start])
        out.append(f"<{number}>{text[span.start : span.end]}</{number}>")
        position = span.end
    out.append(text[position:])
    return "".join(out)


def without_placeholders(translated: str, block: Block) -> tuple[str, list[Inline]]:
    """Translated text and the inline spans its numbered tags mark (kind and href of the source
    span :func:`with_placeholders` gave that number)."""
    sources = block.marks()
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


def pretranslate(catalog: Catalog, memories: Iterable[Catalog], *, min_similarity: float = DEFAULT_MIN_SIMILARITY) -> int:
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


@dataclass(frozen=True)
class Refusal:
    """A translated unit ``apply`` did not use (its placeholders do not match the source's)."""

    path: str
    line: int
    context: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.context}: {self.message}; kept the source text"


def placeholder_problem(source: str, translated: str) -> str | None:
    """What is wrong with the numbered tags of ``translated`` against ``source``'s, or ``None``:
    each of the source's ``<k>…</k>`` exactly once, closed in order, none nested, none other."""
    wanted = {int(match.group(2)) for match in PLACEHOLDER_RE.finditer(source) if not match.group(1)}
    seen: set[int] = set()
    opened: int | None = None
    for match in PLACEHOLDER_RE.finditer(translated):
        number, tag = int(match.group(2)), match.group(0)
        if number not in wanted:
            return f"placeholder {tag} is not in the source"
        if not match.group(1):
            if opened is not None:
                return f"{tag} opens inside <{opened}>"
            if number in seen:
                return f"{tag} appears twice"
            opened = number
            seen.add(number)
        elif opened != number:
            return f"{tag} closes {'nothing' if opened is None else f'<{opened}>'}"
        else:
            opened = None
    if opened is not None:
        return f"<{opened}> is not closed"
    missing = sorted(wanted - seen)
    return "missing placeholders " + ", ".join(f"<{n}>…</{n}>" for n in missing) if missing else None


def apply(article: Article, catalog: Catalog, *, keep: float = DEFAULT_KEEP, allow_partial: bool = False) -> Article:
    """``article`` with the catalog's translations merged in; untranslated units keep their
    source text and language. Refuses below ``keep`` percent translated, or when a translation's
    placeholders are broken, unless ``allow_partial`` (see :func:`apply_report`)."""
    result, refusals = apply_report(article, catalog, keep=keep, allow_partial=allow_partial)
    if refusals and not allow_partial:
        first = refusals[0]
        more = f" (and {len(refusals) - 1} more)" if len(refusals) > 1 else ""
        raise TranslationError(f"{first.context}: {first.message}{more}; fix the placeholders or pass --allow-partial",
                               source=first.path, line=first.line)
    return result


def apply_report(article: Article, catalog: Catalog, *, keep: float = DEFAULT_KEEP, allow_partial: bool = False) -> tuple[Article, list[Refusal]]:
    """``article`` translated as far as the catalog allows, and the units refused because their
    placeholders do not match the source (those keep the source text and count as untranslated).
    :class:`TranslationError` below ``keep`` percent translated unless ``allow_partial``."""
    target = (catalog.header_field("Language") or "").replace("_", "-") or None
    entries = {e.msgctxt: e for e in catalog.messages if e.translated and e.msgctxt}
    article_units = units(article)
    if not article_units:
        return copy.deepcopy(article), []
    translations: dict[str, str] = {}
    refusals = []
    for unit in article_units:
        entry = entries.get(unit.context)
        if entry is None:
            continue
        problem = placeholder_problem(unit.text, entry.msgstr)
        if problem is None:
            translations[unit.context] = entry.msgstr
        else:
            refusals.append(Refusal(catalog.path, entry.line, unit.context, problem))
    done = len(translations)
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
    return result, refusals


__all__ = [
    "DEFAULT_KEEP", "DEFAULT_MIN_SIMILARITY", "Refusal", "Unit", "apply", "apply_report", "placeholder_problem", "pretranslate", "template", "units",
    "with_placeholders", "without_placeholders",
]
