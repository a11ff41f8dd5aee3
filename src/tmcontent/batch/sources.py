"""Enumerating documents in folders and archives, as bytes read under limits.

Inputs: files, folders (recursive, sorted), ``.zip``, ``.tar`` (and ``.tar.gz``/``.tgz``/
``.tar.bz2``/``.tar.xz``), ``.warc``/``.warc.gz`` (HTML response records, with their target URI),
and gzip-compressed files (names that are not valid UTF-8 are kept, surrogate-escaped as
:func:`os.fsdecode` gives them). Plain files are left for the worker to read (so Dask workers read
inputs they can reach, and only paths cross the network); archive members are read as streams —
nothing is extracted to disk. With ``refs=True`` the members of a zip or an uncompressed tar are
only listed: each document carries a :class:`Member` (archive path, position) and
:func:`load_members` reads it later, where the work runs, with the same checks and the same
results as a read during the listing. A
member's name is only ever used as a label (``archive-path:member-name``), never as a path to
write. Links and devices are reported, not followed; members over ``max_bytes`` or with a
compression ratio over ``max_ratio`` are reported, not read; a truncated archive ends with one
error record and the job goes on (WARC framing: :mod:`.warc`). A folder walk skips the
folders given in ``skip`` (the job's own output folder). The order is deterministic, which resuming relies on.
"""

from __future__ import annotations

import contextlib
import fnmatch
import gzip
import io
import logging
import os
import stat
import struct
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

#: Default per-document limit: the largest real press page we have seen is ~2 MB.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: Default largest compression ratio: HTML compresses 5–15x; 100x is a bomb.
DEFAULT_MAX_RATIO = 100.0
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
WARC_SUFFIXES = (".warc", ".warc.gz")
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".php", ".asp", ".aspx", "")
READ_CHUNK = 1 << 16

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Document:
    """One input: its label, its bytes (or why there are none), and its URL if known."""

    source: str
    data: bytes | None = None
    url: str | None = None
    path: str | None = None  # a plain file left for the worker to read (it may be on another host)
    error_kind: str | None = None
    message: str | None = None
    member: Member | None = None  # an archive member left for the worker to read (:func:`load_members`)


@dataclass(frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_ratio: float = DEFAULT_MAX_RATIO


@dataclass(frozen=True)
class Member:
    """Where an archive member is, for a reader that opens the archive itself: the archive's
    absolute path, the member's name, and its position — the index in a zip's ``infolist()``, or the
    offset of the data in an uncompressed tar (``size`` bytes long)."""

    archive: str
    kind: str  # "zip" | "tar"
    name: str
    position: int
    size: int
    limits: Limits


def iter_documents(
    inputs: Iterable[str],
    *,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    limits: Limits = Limits(),
    skip: tuple[Path, ...] = (),
    refs: bool = False,
) -> Iterator[Document]:
    """Every document of ``inputs``, in a deterministic order (folders in ``skip`` left out);
    with ``refs``, members of zips and uncompressed tars as :class:`Member` references."""
    skipped = frozenset(os.path.realpath(folder) for folder in skip)
    select = _Selection(include, exclude, limits, refs)
    for item in inputs:
        path = Path(item)
        if path.is_symlink():
            yield Document(item, error_kind="link", message="symbolic link, not followed")
        elif path.is_dir():
            yield from _folder(path, select, skipped)
        elif path.is_file():
            yield from _file(path, str(path), select)
        else:
            log.error("%s: no such file or folder", item)
            yield Document(item, error_kind="missing", message="no such file or folder")


@dataclass(frozen=True)
class _Selection:
    """What a listing takes (``include``/``exclude`` globs), under which limits, and whether
    members are listed as references."""

    include: tuple[str, ...]
    exclude: tuple[str, ...]
    limits: Limits
    refs: bool = False

    def selected(self, name: str) -> bool:
        base = name.rsplit("/", 1)[-1]
        if self.include and not any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(base, g) for g in self.include):
            return False
        return not any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(base, g) for g in self.exclude)


def _folder(root: Path, select: _Selection, skip: frozenset[str]) -> Iterator[Document]:
    if os.path.realpath(root) in skip:
        return
    unreadable: list[OSError] = []  # folders os.walk could not list, reported in walk order
    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable.append, followlinks=False):
        yield from _unreadable(unreadable)
        dirnames[:] = sorted(d for d in dirnames if os.path.realpath(os.path.join(dirpath, d)) not in skip)
        for name in sorted(filenames):
            path = Path(dirpath) / name
            label = str(path)
            try:
                mode = path.lstat().st_mode
            except OSError as error:
                yield Document(label, error_kind="unreadable", message=error.strerror or str(error))
                continue
            if stat.S_ISLNK(mode):
                yield Document(label, error_kind="link", message="symbolic link, not followed")
            elif not stat.S_ISREG(mode):
                yield Document(label, error_kind="device", message="not a regular file")
            else:
                yield from _file(path, label, select)
    yield from _unreadable(unreadable)


def _unreadable(errors: list[OSError]) -> Iterator[Document]:
    for error in errors:
        yield Document(str(error.filename), error_kind="unreadable", message=f"folder not read: {error.strerror or error}")
    errors.clear()


def _file(path: Path, label: str, select: _Selection) -> Iterator[Document]:
    """The documents of one file; a failure no reader foresaw is this file's error, not the job's."""
    try:
        yield from _file_documents(path, label, select)
    except Exception as error:
        log.debug("unexpected failure reading %s", label, exc_info=True)
        yield Document(label, error_kind="internal", message=f"{type(error).__name__}: {error}")


def _file_documents(path: Path, label: str, select: _Selection) -> Iterator[Document]:
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        from tmcontent.batch.warc import warc_documents

        yield from warc_documents(path, label, select.limits)
    elif name.endswith(TAR_SUFFIXES):
        yield from _tar(path, label, select)
    elif name.endswith(".zip"):
        yield from _zip(path, label, select)
    elif not select.selected(label):
        return
    elif name.endswith(".gz"):
        yield _gzip_file(path, label, select.limits)
    else:
        yield _plain_file(path, label, select.limits)


def _plain_file(path: Path, label: str, limits: Limits) -> Document:
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            return Document(label, error_kind="too_large", message=f"{size} bytes, over the {limits.max_bytes}-byte limit")
        return Document(label, path=os.path.abspath(path))
    except OSError as error:
        return Document(label, error_kind="unreadable", message=error.strerror or str(error))


def _gzip_file(path: Path, label: str, limits: Limits) -> Document:
    try:
        compressed = max(1, path.stat().st_size)
        with gzip.open(path, "rb") as handle:
            return limited(handle, label, limits, compressed)
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        return Document(label, error_kind="corrupt", message=f"bad gzip data: {error}")


def limited(handle, label: str, limits: Limits, compressed_size: int, url: str | None = None) -> Document:  # type: ignore[no-untyped-def]
    """Read at most ``max_bytes`` (and at most ``max_ratio`` times the compressed size)."""
    ratio_ceiling = limits.max_ratio * compressed_size
    ceiling = limits.max_bytes if ratio_ceiling >= limits.max_bytes else int(ratio_ceiling)
    chunks, total = [], 0
    while True:
        chunk = handle.read(READ_CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > ceiling:
            kind = "too_large" if total > limits.max_bytes else "bomb"
            reason = f"over the {limits.max_bytes}-byte limit" if kind == "too_large" else f"compression ratio over {limits.max_ratio:g}"
            return Document(label, error_kind=kind, message=f"more than {ceiling} bytes unpacked: {reason}")
        chunks.append(chunk)
    return Document(label, data=b"".join(chunks), url=url)


def _zip(path: Path, label: str, select: _Selection) -> Iterator[Document]:
    limits = select.limits
    with contextlib.ExitStack() as stack:
        try:
            archive, names = _open_zip(path, stack)
        except ZIP_ERRORS as error:
            yield Document(label, error_kind="corrupt", message=f"not a readable zip: {error}")
            return
        for index, (info, name) in enumerate(zip(archive.infolist(), names, strict=True)):
            member = f"{label}:{name}"
            if info.is_dir() or not select.selected(name):
                continue
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                yield Document(member, error_kind="link", message="symbolic link member, not followed")
            elif info.file_size > limits.max_bytes:
                yield Document(member, error_kind="too_large", message=f"{info.file_size} bytes, over the {limits.max_bytes}-byte limit")
            elif select.refs:
                yield Document(member, member=Member(os.path.abspath(path), "zip", name, index, info.compress_size, limits))
            else:
                yield _zip_member(archive, info, member, name, limits)


#: What opening a damaged zip raises.
ZIP_ERRORS = (zipfile.BadZipFile, OSError, EOFError, ValueError, struct.error)


def _zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, member: str, name: str, limits: Limits) -> Document:
    try:
        with archive.open(info) as handle:
            document = limited(handle, member, limits, max(1, info.compress_size))
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
        document = Document(member, error_kind="corrupt", message=f"unreadable member: {error}")
    return _decompressed(document, name, limits)


def _open_zip(path: Path, stack: contextlib.ExitStack) -> tuple[zipfile.ZipFile, list[str]]:
    """The archive and its member names; names flagged UTF-8 that are not are kept (:mod:`.zipnames`)."""
    try:
        archive = stack.enter_context(zipfile.ZipFile(path))
    except UnicodeDecodeError:
        from tmcontent.batch.zipnames import open_with_raw_names

        return open_with_raw_names(path, stack)
    return archive, [info.filename for info in archive.infolist()]


#: How compressed tars start (gzip, bzip2, xz): their members cannot be read at an offset.
COMPRESSED_MAGIC = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")


def _tar(path: Path, label: str, select: _Selection) -> Iterator[Document]:
    limits = select.limits
    try:
        archive = tarfile.open(path, mode="r|*")  # noqa: SIM115 - a stream read member by member below, closed in its finally
    except (tarfile.TarError, OSError, EOFError) as error:
        yield Document(label, error_kind="corrupt", message=f"not a readable tar: {error}")
        return
    compressed = max(1, path.stat().st_size)
    by_offset = select.refs and _uncompressed(path)
    try:
        with archive:
            for info in archive:
                member = f"{label}:{info.name}"
                if info.isdir() or not select.selected(info.name):
                    continue
                if info.issym() or info.islnk():
                    yield Document(member, error_kind="link", message="link member, not followed")
                    continue
                if not info.isfile():
                    yield Document(member, error_kind="device", message="device or special member, not read")
                    continue
                if info.size > limits.max_bytes:
                    yield Document(member, error_kind="too_large", message=f"{info.size} bytes, over the {limits.max_bytes}-byte limit")
                    continue
                if by_offset and info.offset_data + info.size <= compressed:  # a member cut short is read here, and reported as today
                    yield Document(member, member=Member(os.path.abspath(path), "tar", info.name, info.offset_data, info.size, limits))
                    continue
                handle = archive.extractfile(info)
                if handle is None:
                    continue
                yield _tar_member(handle, member, info.name, limits, compressed)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        yield Document(label, error_kind="truncated", message=f"archive ends early: {error}")


def _uncompressed(path: Path) -> bool:
    with path.open("rb") as handle:
        return not handle.read(6).startswith(COMPRESSED_MAGIC)


def _tar_member(handle: IO[bytes], member: str, name: str, limits: Limits, compressed: int) -> Document:
    """A tar member's document: its size was checked against the header, so no ratio here (the
    ratio of a tar is the whole archive's); a ``.gz`` member is unpacked under both limits."""
    return _decompressed(limited(handle, member, Limits(limits.max_bytes, float("inf")), compressed), name, limits)


def _decompressed(document: Document, name: str, limits: Limits) -> Document:
    """A gzip-compressed member ("page.html.gz"), unpacked under the same limits."""
    if document.data is None or not name.lower().endswith(".gz"):
        return document
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(document.data)) as handle:
            return limited(handle, document.source, limits, max(1, len(document.data)))
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        return Document(document.source, error_kind="corrupt", message=f"bad gzip member: {error}")


def load_documents(documents: Iterable[Document]) -> list[Document]:
    """``documents`` with what was left for the reader read: a plain file's bytes, a
    :class:`Member` read as the listing would have read it (each archive opened once); other
    documents as they are. A file or archive that cannot be read here (moved, changed since it
    was listed) is that document's ``unreadable`` error."""
    with contextlib.ExitStack() as stack:
        opened: dict[tuple[str, str], Any] = {}
        return [_load(document, stack, opened) for document in documents]


def _load(document: Document, stack: contextlib.ExitStack, opened: dict[tuple[str, str], Any]) -> Document:
    if document.member is not None:
        return _load_member(document, document.member, stack, opened)
    if document.data is not None or document.path is None:
        return document
    try:
        with open(document.path, "rb") as handle:
            return Document(document.source, data=handle.read(), url=document.url)
    except OSError as error:
        return Document(document.source, error_kind="unreadable", message=error.strerror or str(error))


def _load_member(document: Document, member: Member, stack: contextlib.ExitStack, opened: dict[tuple[str, str], Any]) -> Document:
    key = (member.kind, member.archive)
    path = Path(member.archive)
    try:
        if key not in opened:
            opened[key] = _open_zip(path, stack) if member.kind == "zip" else stack.enter_context(path.open("rb"))
        if member.kind == "zip":
            archive, names = opened[key]
            if member.position >= len(names) or names[member.position] != member.name:
                raise OSError(f"no member {member.name!r} at position {member.position}: the archive changed")
            return _zip_member(archive, archive.infolist()[member.position], document.source, member.name, member.limits)
        handle = opened[key]
        handle.seek(member.position)
        data = handle.read(member.size)
        if len(data) < member.size:
            raise OSError(f"member {member.name!r} cut short: the archive changed")
        return _tar_member(io.BytesIO(data), document.source, member.name, member.limits, max(1, path.stat().st_size))
    except ZIP_ERRORS as error:
        return Document(document.source, error_kind="unreadable", message=f"archive not readable here: {error}")
