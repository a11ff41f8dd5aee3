"""Atomic file writes: write to a temporary file in the same folder, fsync, then rename.

Every module that writes a user's file (catalogs, rendered articles, batch outputs) goes
through :func:`atomic_write_bytes` / :func:`atomic_write_text`, so a crash mid-write leaves
the previous file intact. A file the user made read-only is not replaced (a rename would
ignore its mode), and every error names the user's file, never the temporary one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes | Iterable[bytes], *, durable: bool = True,
                       replace_if: Callable[[], bool] | None = None) -> bool:
    """Replace ``path`` with ``data`` (bytes, or bytes in pieces, written as they come)
    atomically (same-folder temp file + ``os.replace``); whether it was replaced.

    ``replace_if``, asked once everything is written, can keep the file as it is (a writer that
    learns only at the end that the file already holds these bytes).

    ``OSError`` naming ``path`` when it cannot be written, or is read-only. ``durable=False``
    skips the fsync: the file is still never seen half-written by a reader or after a crash of
    the process, but a power loss may leave it empty; only for writers that verify their files
    afterwards (the site publisher checks every file on its next run).
    """
    target = Path(path)
    try:
        return _replace(target, data, durable, replace_if)
    except OSError as error:
        if error.filename == str(target) or error.errno is None:
            raise
        raise type(error)(error.errno, error.strerror, str(target)) from error


def _replace(target: Path, data: bytes | Iterable[bytes], durable: bool, replace_if: Callable[[], bool] | None) -> bool:
    with contextlib.suppress(FileNotFoundError):
        if not target.stat().st_mode & stat.S_IWUSR:
            raise PermissionError(errno.EACCES, "read-only file, not replaced", str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if replace_if is not None and not replace_if():
            os.unlink(tmp_name)
            return False
        if target.exists():
            os.chmod(tmp_name, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
        return True
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` encoded as ``encoding``, atomically."""
    atomic_write_bytes(path, text.encode(encoding))
