"""The published JSON Schema of the article model (``article.schema.json``)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

SCHEMA_FILE = "article.schema.json"


def schema_text() -> str:
    """The schema as shipped, byte for byte (read beside this module, as ``i18n`` finds the
    catalogs: ``importlib.resources`` would cost ~7 ms of imports on every parse)."""
    return Path(__file__).with_name(SCHEMA_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _schema() -> str:
    return schema_text()


def article_schema() -> dict[str, Any]:
    """A fresh copy of the article schema as a dict."""
    result: dict[str, Any] = json.loads(_schema())
    return result
