"""The translator's workflow on catalogs: extract a template, init a locale, update from a new
template (msgmerge semantics), and the gettext plural headers per language.

``update`` keeps translations, marks changed messages fuzzy with the previous msgid (``#|``),
moves removed ones to obsolete (``#~``), and with an unchanged template returns the catalog
untouched, byte for byte.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from tmcontent.catalog.fuzzy import FUZZY_SIMILARITY, FuzzyIndex, similarity
from tmcontent.catalog.lock import locked
from tmcontent.catalog.pofile import Catalog, Entry, read_po, write_po
from tmcontent.textfacts import primary

__all__ = ["FUZZY_SIMILARITY", "edit_file", "extract", "init_catalog", "merge_template", "plural_forms", "similarity", "update_file"]

#: Plural-Forms by the gettext convention (not CLDR's: Russian has three forms here, not four).
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "tk": "nplurals=2; plural=(n != 1);",
    "tr": "nplurals=2; plural=(n != 1);",
    "az": "nplurals=2; plural=(n != 1);",
    "uz": "nplurals=2; plural=(n != 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "kk": "nplurals=2; plural=(n != 1);",
    "fa": "nplurals=2; plural=(n > 1);",
    "zh": "nplurals=1; plural=0;",
}
DEFAULT_PLURAL_FORMS = "nplurals=2; plural=(n != 1);"
EXTRACT_KEYWORDS = {"N_": None, "Nn_": (1, 2), "_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def plural_forms(locale: str) -> str:
    return PLURAL_FORMS.get(primary(locale), DEFAULT_PLURAL_FORMS)


def extract(source_dir: Path, root: Path, previous: Catalog | None = None) -> Catalog:
    """A template of every marked string under ``source_dir`` (references relative to ``root``)."""
    from babel.messages.extract import extract_from_dir

    found: dict[tuple[str | None, str], Entry] = {}
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(source_dir), method_map=method_map, options_map={"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}},
        keywords=EXTRACT_KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True,
    ):
        singular, plural = (message, None) if isinstance(message, str) else (message[0], message[1])
        if not singular:
            continue
        key = (context, singular)
        entry = found.setdefault(key, Entry(msgid=singular, msgctxt=context, msgid_plural=plural))
        if plural is not None:
            entry.msgid_plural = plural
            entry.msgstr_plural = {0: "", 1: ""}
        reference = f"{(source_dir / filename).relative_to(root).as_posix()}:{lineno}"
        if reference not in entry.references:
            entry.references.append(reference)
        entry.extracted_comments.extend(c for c in comments if c not in entry.extracted_comments)
    entries = []
    for entry in found.values():
        if "{" in entry.msgid and "python-brace-format" not in entry.flags:
            entry.flags.append("python-brace-format")
        entries.append(entry)
    header = _template_header(previous, entries)
    newline = previous.newline if previous else "\n"
    return Catalog([header, *entries], ["", *[newline] * len(entries), ""], "<template>", newline)


def _template_header(previous: Catalog | None, entries: list[Entry]) -> Entry:
    if previous is not None and previous.header is not None and _same_messages(previous.messages, entries):
        return previous.header
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M+0000")
    fields = [
        ("Project-Id-Version", "tmcontent"), ("Report-Msgid-Bugs-To", ""), ("POT-Creation-Date", now),
        ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"), ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
        ("Language-Team", "LANGUAGE <LL@li.org>"), ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "8bit"),
    ]
    return Entry(msgid="", msgstr="".join(f"{k}: {v}\n" for k, v in fields))


def _same_messages(old: list[Entry], new: list[Entry]) -> bool:
    return [(e.key, e.msgid_plural, e.references, e.extracted_comments) for e in old] == [
        (e.key, e.msgid_plural, e.references, e.extracted_comments) for e in new
    ]


def init_catalog(template: Catalog, locale: str, *, translator: str = "") -> Catalog:
    """A new catalog for ``locale`` from ``template``: empty translations, header filled in."""
    catalog = copy.deepcopy(template)
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M+0000")
    nplurals = int(plural_forms(locale).split("=")[1].split(";")[0])
    for entry in catalog.messages:
        entry.raw = None
        entry.msgstr = ""
        if entry.msgid_plural is not None:
            entry.msgstr_plural = {i: "" for i in range(nplurals)}
    catalog.set_header_field("Language", locale)
    catalog.set_header_field("Plural-Forms", plural_forms(locale))
    catalog.set_header_field("PO-Revision-Date", now)
    if translator:
        catalog.set_header_field("Last-Translator", translator)
    return catalog


def merge_template(catalog: Catalog, template: Catalog) -> Catalog:
    """``catalog`` updated to ``template`` (see the module docstring); a new object."""
    old = {entry.key: entry for entry in catalog.messages}
    template_keys = {entry.key for entry in template.messages}
    # Only messages that left the template can lend their translation to a changed one.
    orphans = FuzzyIndex((entry.msgid, key) for key, entry in old.items() if key not in template_keys and any(entry.translations()))
    used: set[tuple[str | None, str]] = set()
    merged: list[Entry] = []
    unchanged = True
    for new in template.messages:
        existing = old.get(new.key)
        if existing is not None:
            used.add(new.key)
            entry = _refresh(existing, new)
        else:
            found = orphans.best(new.msgid, FUZZY_SIMILARITY, lambda key: key not in used)
            entry = _fuzzy_or_new(new, old[found[0]] if found else None)
            if found:
                used.add(found[0])
        unchanged = unchanged and entry is old.get(new.key)
        merged.append(entry)
    removed = [entry for key, entry in old.items() if key not in used]
    if unchanged and not removed and len(merged) == len(catalog.messages) and merged == catalog.messages:
        return catalog
    obsolete = [e for e in catalog.entries if e.obsolete]
    for entry in removed:
        if any(entry.translations()):
            gone = copy.deepcopy(entry)
            gone.obsolete, gone.raw, gone.references = True, None, []
            obsolete.append(gone)
    header = copy.deepcopy(catalog.header) if catalog.header is not None else None
    entries = ([header] if header is not None else []) + merged + obsolete
    separators = [catalog.separators[0] if catalog.separators else "", *[catalog.newline] * (len(entries) - 1), ""]
    result = Catalog(entries, separators, catalog.path, catalog.newline)
    created = template.header_field("POT-Creation-Date")
    if created and header is not None:
        result.set_header_field("POT-Creation-Date", created)
    return result


def _refresh(existing: Entry, new: Entry) -> Entry:
    if (existing.references, existing.extracted_comments, existing.msgid_plural) == (new.references, new.extracted_comments, new.msgid_plural):
        return existing
    entry = copy.deepcopy(existing)
    entry.references, entry.extracted_comments, entry.msgid_plural = list(new.references), list(new.extracted_comments), new.msgid_plural
    entry.raw = None
    return entry


def _fuzzy_or_new(new: Entry, best: Entry | None) -> Entry:
    """A new entry, with the translation of ``best`` (the closest old message) as fuzzy."""
    entry = copy.deepcopy(new)
    entry.raw = None
    entry.msgstr = ""
    entry.msgstr_plural = {i: "" for i in new.msgstr_plural}
    if best is None:
        return entry
    entry.msgstr = best.msgstr
    entry.msgstr_plural = dict(best.msgstr_plural) if new.msgid_plural is not None else {}
    if best.msgid != new.msgid or best.fuzzy:  # the same text under a new context keeps its state
        entry.flags = ["fuzzy", *[f for f in new.flags if f != "fuzzy"]]
        entry.previous_msgid = best.msgid
        entry.previous_msgctxt = best.msgctxt
    entry.translator_comments = list(best.translator_comments)
    return entry


def edit_file(path: str | Path, change: Callable[[Catalog], Catalog | None]) -> bool:
    """Read, change and write back the catalog at ``path`` under its lock (:mod:`.lock`), so
    that two commands on one file never lose each other's work. ``change`` returns the new
    catalog, or ``None`` / the same object when nothing changed (nothing is written then).
    Returns whether the file was written."""
    with locked(path):
        catalog = read_po(path)
        result = change(catalog)
        if result is None or (result is catalog and not _edited(catalog)):
            return False
        write_po(result, path)
        return True


def _edited(catalog: Catalog) -> bool:
    return any(entry.source_text() is None for entry in catalog.entries)


def update_file(path: str | Path, template: Catalog) -> bool:
    """Merge ``template`` into the catalog at ``path`` (:func:`merge_template`), locked; whether it changed."""
    return edit_file(path, lambda catalog: merge_template(catalog, template))
