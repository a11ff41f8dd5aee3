"""Reading and writing PO files faithfully.

Neither Babel (which re-wraps, mangles ``#|`` lines, drops flags on obsolete entries and
stops on a malformed ``PO-Revision-Date``) nor polib (which re-wraps lines) gives back the bytes
it read. This module keeps the **source text of every entry**: an entry that no command
changed is written back exactly as it was read, and only changed entries are written anew
(msgcat's layout, 79 columns). Loading and saving is therefore byte-identical, and every write
goes through :mod:`tmcontent._atomic`. A malformed catalog (junk line, unterminated string,
bad escape, msgid without msgstr) raises :class:`~tmcontent.errors.CatalogError` naming the file
and line; nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tmcontent._atomic import atomic_write_text
from tmcontent.errors import CatalogError

#: msgcat's default output width.
WRAP_WIDTH = 79
KEYWORD_RE = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*)$")
ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
UNESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v"}


@dataclass
class Entry:
    """One PO entry. ``raw`` is its text as read; ``None`` once anything in it changed."""

    msgid: str = ""
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    translator_comments: list[str] = field(default_factory=list)
    extracted_comments: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int = 0
    raw: str | None = None

    @property
    def key(self) -> tuple[str | None, str]:
        return self.msgctxt, self.msgid

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        if self.fuzzy or self.obsolete or not self.msgid:
            return False
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural.values())
        return bool(self.msgstr)

    def translations(self) -> list[str]:
        return [self.msgstr_plural[k] for k in sorted(self.msgstr_plural)] if self.msgid_plural is not None else [self.msgstr]


@dataclass
class Catalog:
    """A PO file: its entries in order (the header is the entry with msgid ""), and the text
    between them (blank lines, stray comments) kept as read."""

    entries: list[Entry]
    separators: list[str]
    path: str = "<catalog>"

    @property
    def header(self) -> Entry | None:
        for entry in self.entries:
            if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete:
                return entry
        return None

    @property
    def messages(self) -> list[Entry]:
        """Entries other than the header and obsolete ones."""
        header = self.header
        return [e for e in self.entries if not e.obsolete and e is not header]

    def header_fields(self) -> list[tuple[str, str]]:
        header = self.header
        if header is None:
            return []
        fields = []
        for line in header.msgstr.split("\n"):
            name, sep, value = line.partition(":")
            if sep:
                fields.append((name.strip(), value.strip()))
        return fields

    def header_field(self, name: str) -> str | None:
        for key, value in self.header_fields():
            if key.lower() == name.lower():
                return value
        return None

    def set_header_field(self, name: str, value: str) -> None:
        header = self.header
        if header is None:
            header = Entry(msgid="", msgstr="")
            self.entries.insert(0, header)
            self.separators.insert(0, "\n" if self.entries[1:] else "")
        lines = header.msgstr.split("\n")
        for index, line in enumerate(lines):
            if line.partition(":")[0].strip().lower() == name.lower():
                if line == f"{name}: {value}":
                    return
                lines[index] = f"{name}: {value}"
                break
        else:
            if lines and lines[-1] == "":
                lines.insert(len(lines) - 1, f"{name}: {value}")
            else:
                lines.append(f"{name}: {value}")
        header.msgstr = "\n".join(lines) if lines[-1] == "" else "\n".join(lines) + "\n"
        header.raw = None

    def find(self, msgid: str, msgctxt: str | None = None) -> Entry | None:
        for entry in self.entries:
            if entry.msgid == msgid and entry.msgctxt == msgctxt and not entry.obsolete:
                return entry
        return None


# -- reading --------------------------------------------------------------------------------


def read_po(path: str | Path) -> Catalog:
    """Load ``path``; :class:`CatalogError` with file:line when it is malformed."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise CatalogError(f"cannot read: {error.strerror or error}", source=name) from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogError("not UTF-8 text", source=name, line=line) from error
    return parse_po(text, name)


def parse_po(text: str, name: str = "<catalog>") -> Catalog:
    lines = text.splitlines(keepends=True)
    entries: list[Entry] = []
    separators: list[str] = []
    pending: list[str] = []
    index = 0
    while index < len(lines):
        start = index
        while index < len(lines) and not lines[index].strip():
            index += 1
        pending.append("".join(lines[start:index]))
        if index >= len(lines):
            break
        start = index
        while index < len(lines) and lines[index].strip():
            index += 1
        chunk = lines[start:index]
        entry = _parse_chunk(chunk, start + 1, name)
        if entry is None:  # a comment-only chunk: keep it as text between entries
            pending.append("".join(chunk))
            continue
        separators.append("".join(pending))
        pending = []
        entries.append(entry)
    separators.append("".join(pending))
    _check_duplicates(entries, name)
    return Catalog(entries, separators, name)


def _check_duplicates(entries: list[Entry], name: str) -> None:
    seen: dict[tuple[str | None, str, bool], int] = {}
    for entry in entries:
        key = (entry.msgctxt, entry.msgid, entry.obsolete)
        if key in seen and not entry.obsolete:
            raise CatalogError(f"duplicate message {entry.msgid!r} (first at line {seen[key]})", source=name, line=entry.line)
        seen[key] = entry.line


def _parse_chunk(chunk: list[str], first_line: int, name: str) -> Entry | None:
    entry = Entry(line=first_line, raw="".join(chunk))
    field_name: str | None = None
    previous = False
    seen_keyword = False
    has_msgstr = False
    for offset, raw_line in enumerate(chunk):
        number = first_line + offset
        line = raw_line.rstrip("\r\n")
        if line.startswith("#~"):
            entry.obsolete = True
            body = line[2:]
            line = "#" + body if body.startswith("|") else body.strip()  # "#~| msgid" is "#| msgid"
            if not line:
                continue
        if line.startswith("#"):  # also "#~ #, fuzzy": a comment written inside the obsolete mark
            _comment_line(entry, line, number, name)
            if line.startswith("#|"):
                field_name = _keyword_line(entry, line[2:].strip(), number, name, previous=True)
                previous = True
            continue
        if line.startswith('"'):
            if field_name is None:
                raise CatalogError("string continuation without a keyword before it", source=name, line=number)
            _append(entry, field_name, _unquote(line, number, name), previous)
            continue
        field_name = _keyword_line(entry, line, number, name, previous=False)
        previous = False
        seen_keyword = True
        has_msgstr = has_msgstr or field_name.startswith("msgstr")
    if not seen_keyword:
        return None
    if not has_msgstr:
        raise CatalogError(f"msgid {entry.msgid!r} has no msgstr", source=name, line=first_line)
    return entry


def _comment_line(entry: Entry, line: str, number: int, name: str) -> None:
    marker = line[1:2]
    text = line[3:] if line[2:3] == " " else line[2:]
    if marker == ".":
        entry.extracted_comments.append(text)
    elif marker == ":":
        entry.references.extend(text.split())
    elif marker == ",":
        entry.flags.extend(flag.strip() for flag in text.split(",") if flag.strip())
    elif marker != "|":
        entry.translator_comments.append(line[2:] if line[1:2] == " " else line[1:])


def _keyword_line(entry: Entry, line: str, number: int, name: str, *, previous: bool) -> str:
    match = KEYWORD_RE.match(line)
    if not match:
        raise CatalogError(f"unexpected line: {line[:40]!r}", source=name, line=number)
    keyword, plural_index, rest = match.groups()
    value = _unquote(rest, number, name)
    if previous:
        field_name = {"msgctxt": "previous_msgctxt", "msgid": "previous_msgid", "msgid_plural": "previous_msgid_plural"}.get(keyword)
        if field_name is None:
            raise CatalogError(f"{keyword} in a #| line", source=name, line=number)
        setattr(entry, field_name, value)
        return field_name
    if keyword.startswith("msgstr"):
        if plural_index is not None:
            entry.msgstr_plural[int(plural_index)] = value
            return f"msgstr[{plural_index}]"
        entry.msgstr = value
        return "msgstr"
    setattr(entry, keyword, value)
    return keyword


def _append(entry: Entry, field_name: str, value: str, previous: bool) -> None:
    if field_name.startswith("msgstr["):
        index = int(field_name[7:-1])
        entry.msgstr_plural[index] += value
        return
    setattr(entry, field_name, (getattr(entry, field_name) or "") + value)


def _unquote(text: str, number: int, name: str) -> str:
    text = text.strip()
    if len(text) < 2 or not text.startswith('"') or not _closed(text):
        raise CatalogError("unterminated string", source=name, line=number)
    body = text[1:-1]
    if "\\" not in body:
        if '"' in body:
            raise CatalogError("unescaped quote inside a string", source=name, line=number)
        return body
    result = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            index += 1
            escaped = body[index : index + 1]
            if escaped in ESCAPES:
                result.append(ESCAPES[escaped])
            elif escaped.isdigit() and escaped in "01234567":
                digits = re.match(r"[0-7]{1,3}", body[index:])
                result.append(chr(int(digits.group(0), 8)))  # type: ignore[union-attr]
                index += len(digits.group(0)) - 1  # type: ignore[union-attr]
            else:
                raise CatalogError(f"bad escape \\{escaped}", source=name, line=number)
        elif char == '"':
            raise CatalogError("unescaped quote inside a string", source=name, line=number)
        else:
            result.append(char)
        index += 1
    return "".join(result)


def _closed(text: str) -> bool:
    if not text.endswith('"') or len(text) < 2:
        return False
    backslashes = len(text[1:-1]) - len(text[1:-1].rstrip("\\"))
    return backslashes % 2 == 0


# -- writing --------------------------------------------------------------------------------


def dumps_po(catalog: Catalog) -> str:
    parts = []
    for separator, entry in zip(catalog.separators, catalog.entries, strict=False):
        parts.append(separator)
        parts.append(entry.raw if entry.raw is not None else render_entry(entry))
    parts.append(catalog.separators[len(catalog.entries)] if len(catalog.separators) > len(catalog.entries) else "")
    return "".join(parts)


def write_po(catalog: Catalog, path: str | Path) -> None:
    """Write ``catalog`` to ``path`` atomically; unchanged entries keep their exact text."""
    atomic_write_text(path, dumps_po(catalog))


def render_entry(entry: Entry) -> str:
    prefix = "#~ " if entry.obsolete else ""
    lines = [f"# {c}" if c else "#" for c in entry.translator_comments]
    lines += [f"#. {c}" if c else "#." for c in entry.extracted_comments]
    if entry.references:
        lines += _wrap_references(entry.references)
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    for keyword, value in (("msgctxt", entry.previous_msgctxt), ("msgid", entry.previous_msgid), ("msgid_plural", entry.previous_msgid_plural)):
        if value is not None:
            lines += [("#~| " if entry.obsolete else "#| ") + line for line in _field(keyword, value)]
    body: list[str] = []
    if entry.msgctxt is not None:
        body += _field("msgctxt", entry.msgctxt)
    body += _field("msgid", entry.msgid)
    if entry.msgid_plural is not None:
        body += _field("msgid_plural", entry.msgid_plural)
        for index in sorted(entry.msgstr_plural):
            body += _field(f"msgstr[{index}]", entry.msgstr_plural[index])
    else:
        body += _field("msgstr", entry.msgstr)
    lines += [prefix + line for line in body]
    return "\n".join(lines) + "\n"


def _wrap_references(references: list[str]) -> list[str]:
    lines, current = [], "#:"
    for reference in references:
        if len(current) + 1 + len(reference) > WRAP_WIDTH and current != "#:":
            lines.append(current)
            current = "#:"
        current += " " + reference
    lines.append(current)
    return lines


def _escape(text: str) -> str:
    return "".join(UNESCAPES.get(char, char) for char in text)


def _field(keyword: str, value: str) -> list[str]:
    escaped = _escape(value)
    single = f'{keyword} "{escaped}"'
    if len(single) <= WRAP_WIDTH and "\\n" not in escaped[:-2]:
        return [single]
    return [f'{keyword} ""'] + [f'"{piece}"' for piece in _pieces(escaped)]


def _pieces(escaped: str) -> list[str]:
    """Split an escaped string after "\\n" and at spaces so each line fits the width."""
    pieces = []
    for segment in re.split(r"(?<=\\n)", escaped):
        if not segment:
            continue
        while len(segment) > WRAP_WIDTH - 2:
            cut = segment.rfind(" ", 0, WRAP_WIDTH - 2)
            if cut <= 0:
                break
            pieces.append(segment[: cut + 1])
            segment = segment[cut + 1 :]
        pieces.append(segment)
    return pieces
