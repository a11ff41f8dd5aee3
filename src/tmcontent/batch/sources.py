"""Enumerating documents in folders and archives, as bytes read under limits.

Inputs: files, folders (recursive, sorted), ``.zip``, ``.tar`` (and ``.tar.gz``/``.tgz``/
``.tar.bz2``/``.tar.xz``), ``.warc``/``.warc.gz`` (HTML response records, with their target URI),
and gzip-compressed files (names that are not valid UTF-8 are kept, surrogate-escaped as
:func:`os.fsdecode` gives them). Plain files are left for the worker to read (so Dask workers read
inputs they can reach, and only paths cross the network); archive members are read as streams —
nothing is extracted to disk — and a
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


@dataclass(frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_ratio: float = DEFAULT_MAX_RATIO


def iter_documents(
    inputs: Iterable[str],
    *,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    limits: Limits = Limits(),
    skip: tuple[Path, ...] = (),
) -> Iterator[Document]:
    """Every document of ``inputs``, in a deterministic order (folders in ``skip`` left out)."""
    skipped = frozenset(os.path.realpath(folder) for folder in skip)
    for item in inputs:
        path = Path(item)
        if path.is_symlink():
            yield Document(item, error_kind="link", message="symbolic link, not followed")
        elif path.is_dir():
            yield from _folder(path, include, exclude, limits, skipped)
        elif path.is_file():
            yield from _file(path, str(path), limits, include, exclude)
        else:
            log.error("%s: no such file or folder", item)
            yield Document(item, error_kind="missing", message="no such file or folder")


def _selected(name: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    base = name.rsplit("/", 1)[-1]
    if include and not any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(base, g) for g in include):
        return False
    return not any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(base, g) for g in exclude)


def _folder(root: Path, include: tuple[str, ...], exclude: tuple[str, ...], limits: Limits, skip: frozenset[str]) -> Iterator[Document]:
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
                yield from _file(path, label, limits, include, exclude)
    yield from _unreadable(unreadable)


def _unreadable(errors: list[OSError]) -> Iterator[Document]:
    for error in errors:
        yield Document(str(error.filename), error_kind="unreadable", message=f"folder not read: {error.strerror or error}")
    errors.clear()


def _file(path: Path, label: str, limits: Limits, include: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[Document]:
    """The documents of one file; a failure no reader foresaw is this file's error, not the job's."""
    try:
        yield from _file_documents(path, label, limits, include, exclude)
    except Exception as error:
        log.debug("unexpected failure reading %s", label, exc_info=True)
        yield Document(label, error_kind="internal", message=f"{type(error).__name__}: {error}")


def _file_documents(path: Path, label: str, limits: Limits, include: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[Document]:
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        from tmcontent.batch.warc import warc_documents

        yield from warc_documents(path, label, limits)
    elif name.endswith(TAR_SUFFIXES):
        yield from _tar(path, label, limits, include, exclude)
    elif name.endswith(".zip"):
        yield from _zip(path, label, limits, include, exclude)
    elif not _selected(label, include, exclude):
        return
    elif name.endswith(".gz"):
        yield _gzip_file(path, label, limits)
    else:
        yield _plain_file(path, label, limits)


def _plain_file(path: Path, label: str, limits: Limits) -> Document:
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            return Document(label, error_kind="too_large", message=f"{size} bytes, over the {limits.max_bytes}-byte limit")
        return Document(label, path=str(path))
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


def _zip(path: Path, label: str, limits: Limits, include: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[Document]:
    with contextlib.ExitStack() as stack:
        try:
            archive, names = _open_zip(path, stack)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, struct.error) as error:
            yield Document(label, error_kind="corrupt", message=f"not a readable zip: {error}")
            return
        for info, name in zip(archive.infolist(), names, strict=True):
            member = f"{label}:{name}"
            if info.is_dir() or not _selected(name, include, exclude):
                continue
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                yield Document(member, error_kind="link", message="symbolic link member, not followed")
                continue
            if info.file_size > limits.max_bytes:
                yield Document(member, error_kind="too_large", message=f"{info.file_size} bytes, over the {limits.max_bytes}-byte limit")
                continue
            try:
                with archive.open(info) as handle:
                    document = limited(handle, member, limits, max(1, info.compress_size))
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
                document = Document(member, error_kind="corrupt", message=f"unreadable member: {error}")
            yield _decompressed(document, name, limits)


def _open_zip(path: Path, stack: contextlib.ExitStack) -> tuple[zipfile.ZipFile, list[str]]:
    """The archive and its member names; names flagged UTF-8 that are not are kept (:mod:`.zipnames`)."""
    try:
        archive = stack.enter_context(zipfile.ZipFile(path))
    except UnicodeDecodeError:
        from tmcontent.batch.zipnames import open_with_raw_names

        return open_with_raw_names(path, stack)
    return archive, [info.filename for info in archive.infolist()]


def _tar(path: Path, label: str, limits: Limits, include: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[Document]:
    try:
        archive = tarfile.open(path, mode="r|*")  # noqa: SIM115 - a stream read member by member below, closed in its finally
    except (tarfile.TarError, OSError, EOFError) as error:
        yield Document(label, error_kind="corrupt", message=f"not a readable tar: {error}")
        return
    compressed = max(1, path.stat().st_size)
    try:
        with archive:
            for info in archive:
                member = f"{label}:{info.name}"
                if info.isdir() or not _selected(info.name, include, exclude):
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
                handle = archive.extractfile(info)
                if handle is None:
                    continue
                yield _decompressed(limited(handle, member, Limits(limits.max_bytes, float("inf")), compressed), info.name, limits)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        yield Document(label, error_kind="truncated", message=f"archive ends early: {error}")


def _decompressed(document: Document, name: str, limits: Limits) -> Document:
    """A gzip-compressed member ("page.html.gz"), unpacked under the same limits."""
    if document.data is None or not name.lower().endswith(".gz"):
        return document
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(document.data)) as handle:
            return limited(handle, document.source, limits, max(1, len(document.data)))
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        return Document(document.source, error_kind="corrupt", message=f"bad gzip member: {error}")
