"""An exclusive lock on a catalog file for a read-modify-write (``update``, ``pretranslate``...).

Two processes updating one ``.po`` at once would each read the old file and the second write
would drop the first one's changes. :func:`locked` takes an ``fcntl`` lock on the file itself
(no lock file left beside it): since every write replaces the file through a rename, a holder
checks after locking that the path still names the file it locked, and locks again if not. A
second process waits up to ``timeout`` seconds, then gets a :class:`CatalogError` saying the
catalog is locked. A file that does not exist yet is not locked (nothing to lose).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from tmcontent.errors import CatalogError

#: How long a second command waits for the first. An update of our largest catalogs
#: (benchmarks/bench_catalog.py: 5,000 entries, update + save ~0.3 s) is far shorter.
LOCK_WAIT = 10.0
POLL = 0.05


@contextlib.contextmanager
def locked(path: str | Path, *, timeout: float = LOCK_WAIT) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` for the ``with`` block."""
    name = str(path)
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(name, os.O_RDONLY)
        except FileNotFoundError:
            yield
            return
        except OSError as error:
            raise CatalogError(f"cannot open: {error.strerror or error}", source=name) from error
        try:
            if _acquire(fd, deadline):
                if _same_file(fd, name):
                    yield
                    return
                continue  # replaced while we waited: lock the new file
            raise CatalogError(f"locked by another tmcontent command for more than {timeout:g} s; try again when it is done", source=name)
        finally:
            os.close(fd)  # closing releases the lock


def _acquire(fd: int, deadline: float) -> bool:
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(POLL)


def _same_file(fd: int, name: str) -> bool:
    try:
        current = os.stat(name)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (current.st_dev, current.st_ino)
