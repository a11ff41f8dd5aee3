"""Quality checks of a catalog, each finding with file and line.

Errors (``compile`` refuses them, as ``msgfmt -c`` does): a header whose ``Plural-Forms`` is
not a plural expression (:mod:`.plural`) or whose charset gettext does not know, text the charset
cannot hold, a NUL character in a message (it would split it in the ``.mo``), placeholders that
differ between msgid and msgstr (``{name}``, ``%s``, ``%(name)s``), a plural entry whose forms
are not ``msgstr[0]`` .. ``msgstr[nplurals-1]``. Warnings: fuzzy (pages show the source text),
untranslated, unchanged, leading/trailing whitespace or end punctuation that differ; and for the
languages we know best: Turkish-only letters (ğ ı İ) in a Turkmen translation, Cyrillic mixed
into a Latin Turkmen string, Latin look-alikes inside Russian words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tmcontent.catalog.charset import codec, declared_charset
from tmcontent.catalog.plural import PluralFormsError, parse_plural_forms
from tmcontent.catalog.pofile import Catalog, Entry
from tmcontent.textfacts import primary

PLACEHOLDER_RE = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*(?:\.\d+)?[sdifeEgGxXouc%]|\{[^{}\s]*\}|</?\d+>"
)
NPLURALS_RE = re.compile(r"nplurals\s*=\s*(\d+)")
END_PUNCTUATION = ".!?:;…"
TURKISH_ONLY = set("ğĞıİ")
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
LATIN_IN_CYRILLIC_WORD_RE = re.compile(r"\b(?=\w*[\u0400-\u04ff])(?=\w*[aceopxyABCEHKMOPTXy])\w+\b")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    severity: str  # "error" or "warning"
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.code}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "severity": self.severity, "code": self.code, "message": self.message}


def check_catalog(catalog: Catalog, path: str | None = None) -> list[Finding]:
    """Every finding in ``catalog``, in file order."""
    where = path or catalog.path
    language = primary(catalog.header_field("Language") or "")
    findings = [Finding(where, line, "error", code, message) for line, code, message in header_errors(catalog)]
    nplurals = _nplurals(catalog)
    charset = gettext_charset(catalog)
    checks = ENTRY_CHECKS if language != SOURCE_LANGUAGE else SOURCE_CATALOG_CHECKS
    for entry in catalog.messages:
        for check in checks:
            for severity, code, message in check(entry, language, nplurals):
                findings.append(Finding(where, entry.line, severity, code, message))
        for severity, code, message in _encodable(entry, charset):
            findings.append(Finding(where, entry.line, severity, code, message))
    return findings


def header_errors(catalog: Catalog) -> list[tuple[int, str, str]]:
    """(line, code, message) of what in the header would make gettext fail to load the ``.mo``."""
    header = catalog.header
    if header is None:
        return []
    errors = []
    for name, value in catalog.header_fields():
        line = catalog.header_field_line(name)
        if name.lower() == "plural-forms":
            try:
                parse_plural_forms(value)
            except PluralFormsError as error:
                errors.append((line, "plural-forms", str(error)))
        elif name.lower() == "content-type":
            if "charset=" not in value:
                errors.append((line, "charset", f"Content-Type names no charset: {value[:60]!r}"))
            elif codec(value.split("charset=")[1]) is None:
                errors.append((line, "charset", f"unknown charset {value.split('charset=')[1][:40]!r}"))
    if "\0" in header.msgstr:
        errors.append((header.line, "nul", "NUL character in the header"))
    charset = gettext_charset(catalog)
    if charset not in (None, "utf-8") and not header.msgstr.isascii():  # gettext reads header lines as UTF-8
        errors.append((header.line, "charset", f"non-ASCII header text with charset {charset}: use UTF-8"))
    elif not header.msgstr.isascii():
        try:
            header.msgstr.encode("utf-8")
        except UnicodeEncodeError:
            errors.append((header.line, "charset", "a lone surrogate (not Unicode text) in the header"))
    return errors


def gettext_charset(catalog: Catalog) -> str | None:
    """The codec Python's gettext decodes the ``.mo`` with: the header's charset as gettext reads
    it (everything after ``charset=``); UTF-8 when there is no Content-Type (the compiler then
    declares it); ``None`` if it names none or one gettext cannot use."""
    types = [value for name, value in catalog.header_fields() if name.lower() == "content-type"]
    if not types:
        return "utf-8"
    declared = declared_charset(catalog)
    return None if declared is None else codec(declared)


def _nplurals(catalog: Catalog) -> int | None:
    match = NPLURALS_RE.search(catalog.header_field("Plural-Forms") or "")
    return int(match.group(1)) if match else None


Issue = tuple[str, str, str]


def _encodable(entry: Entry, charset: str | None) -> Iterator[Issue]:
    """Text the ``.mo`` cannot hold in the header's charset (``None``: the header is refused already)."""
    if charset is None or entry.fuzzy or not entry.translated:
        return
    for text in (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "", *entry.translations()):
        try:
            text.encode(charset)
        except UnicodeEncodeError as error:
            yield "error", "charset", f"{text[error.start:error.end]!r} cannot be written in the catalog's charset {charset}"
            return


def _nul(entry: Entry, language: str, nplurals: int | None) -> Iterator[Issue]:
    if any("\0" in text for text in (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "", *entry.translations())):
        yield "error", "nul", "NUL character in a message (it would split the message in the .mo)"


def _fuzzy(entry: Entry, language: str, nplurals: int | None) -> Iterator[Issue]:
    if entry.fuzzy:
        yield "warning", "fuzzy", f"{entry.msgid[:50]!r} is fuzzy: not compiled, pages show the source text"


def _placeholders(entry: Entry, language: str, nplurals: int | None) -> Iterator[Issue]:
    wanted = sorted(PLACEHOLDER_RE.findall(entry.msgid))
    wanted_plural = sorted(PLACEHOLDER_RE.findall(entry.msgid_plural or entry.msgid))
    for index, text in enumerate(entry.translations()):
        if not text:
            continue
        got = sorted(PLACEHOLDER_RE.findall(text))
        expected = wanted if index == 0 else wanted_plural
        if got != expected and not (entry.msgid_plural and index == 0 and nplurals == 1 and got == wanted_plural):
            yield "error", "placeholders", f"placeholders {got} differ from the source's {expected}"


def _plural_count(entry: Entry, language: str, nplurals: int | None) -> Iterator[Issue]:
    if entry.msgid_plural is None:
        return
    if nplurals is None:
        yield "warning", "plural-forms", "plural entry but the header has no Plural-Forms"
    elif sorted(entry.msgstr_plural) != list(range(nplurals)):
        yield "error", "plural-count", f"{len(entry.msgstr_plural)} plural forms, Plural-Forms says {nplurals}"


def _untranslated(entry: Entry, language: str, nplurals: int | None) -> Iterator[Issue]:
    if not entry.fuzzy and not any(entry.translations()):
        yield "warning", "untranslated", f"{entry.msgid[:50]!r} is not translated"


def _unchanged(entry: Entry, language: str, nplurals: int | None) -> Iterator[Issue]:
    if entry.msgstr and entry.msgstr == entry.msgid and len(entry.msgid.split()) > 1:
        yield "warning", "unchanged", "translation is the same as the source"


def _whitespace_and_punctuation(entry: Entry, language: str, nplurals: int | None) -> Iterator[Issue]:
    for text in entry.translations():
        if not text:
            continue
        if (entry.msgid[:1].isspace(), entry.msgid[-1:].isspace()) != (text[:1].isspace(), text[-1:].isspace()):
            yield "warning", "whitespace", "leading or trailing whitespace differs from the source"
        source_end = entry.msgid.rstrip()[-1:]
        target_end = text.rstrip()[-1:]
        if (source_end in END_PUNCTUATION) != (target_end in END_PUNCTUATION) or (
            source_end in END_PUNCTUATION and target_end in END_PUNCTUATION and source_end != target_end and "…" not in (source_end, target_end)
        ):
            yield "warning", "punctuation", f"ends with {target_end!r}, the source with {source_end!r}"


def _alphabet(entry: Entry, language: str, nplurals: int | None) -> Iterator[Issue]:
    for text in entry.translations():
        if language == "tk":
            letters = sorted(TURKISH_ONLY & set(text))
            if letters:
                yield "warning", "turkish-letters", f"Turkish-only letters {''.join(letters)} in a Turkmen translation (ň ý ž ä?)"
            if CYRILLIC_RE.search(text) and re.search(r"[A-Za-z]", text):
                yield "warning", "mixed-script", "Cyrillic letters mixed into a Latin Turkmen translation"
        elif language == "ru":
            words = LATIN_IN_CYRILLIC_WORD_RE.findall(text)
            if words:
                yield "warning", "latin-lookalikes", f"Latin look-alike letters inside Russian words: {', '.join(words[:3])}"


#: The source language's own catalog (msgstr left empty: gettext falls back to the msgid) is
#: not "untranslated"; only its structure is checked.
SOURCE_LANGUAGE = "en"

ENTRY_CHECKS: tuple[Callable[[Entry, str, int | None], Iterator[Issue]], ...] = (
    _nul, _placeholders, _plural_count, _fuzzy, _untranslated, _unchanged, _whitespace_and_punctuation, _alphabet,
)
SOURCE_CATALOG_CHECKS = (_nul, _placeholders, _plural_count, _fuzzy)
