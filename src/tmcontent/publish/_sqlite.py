"""Whether an SQLite file is one of the publisher's stores: the heads (:mod:`.heads`) and the
manifest (:mod:`.manifest`), build caches in the site folder. A file that is not the store it
should be, of this version, whole, is not read (the caller replaces it, with one warning).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence


def store_problem(db: sqlite3.Connection, *, version: int, schema: Sequence[str], application_id: int = 0,
                  thorough: bool = False) -> str | None:
    """Why ``db`` is not a store of ``schema`` (its ``CREATE`` statements), ``version``
    (``PRAGMA user_version``) and ``application_id``, or is damaged; ``None`` when it can be
    used. ``thorough``: SQLite's ``integrity_check`` (every page, and every index against its
    rows), else ``quick_check`` (every page)."""
    (found_application,) = db.execute("PRAGMA application_id").fetchone()
    (found_version,) = db.execute("PRAGMA user_version").fetchone()
    found_schema = sorted(sql for (sql,) in db.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"))
    if (found_application, found_version, found_schema) != (application_id, version, sorted(schema)):
        return f"not a store of this version (user_version {found_version})"
    (verdict,) = db.execute(f"PRAGMA {'integrity_check' if thorough else 'quick_check'}(1)").fetchone()
    return None if verdict == "ok" else f"damaged ({verdict})"
