"""Atomic file writes: write to a temporary file in the same folder, fsync, then rename.

Every module that writes a user's file (catalogs, rendered articles, batch outputs) goes
through :func:`atomic_write_bytes` / :func:`atomic_write_text`, so a crash mid-write leaves
the previous file intact.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically (same-folder temp file + ``os.replace``).

    ``durable=False`` skips the fsync: the file is still never seen half-written by a reader
    or after a crash of the process, but a power loss may leave it empty; only for writers that
    verify their files afterwards (the site publisher checks every file's hash on its next run).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp_name, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` encoded as ``encoding``, atomically."""
    atomic_write_bytes(path, text.encode(encoding))
