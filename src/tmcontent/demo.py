"""The demonstration job: parse a folder of pages, write structured and localized articles.

``run_demo(folder, outdir)`` parses every ``.html``/``.htm``/``.txt`` page in ``folder``
(sorted, so the output is the same every time), writes ``outdir/articles.jsonl`` (one article
per line) and, for each locale, ``outdir/LOCALE/NAME.json`` and ``NAME.html`` (the article
rendered by :func:`tmcontent.render.render`), every file written atomically. Pages that fail are
reported in the summary, not raised.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tmcontent._atomic import atomic_write_text
from tmcontent.errors import ParseError, TmContentError
from tmcontent.parse import parse
from tmcontent.render import render

PAGE_SUFFIXES = (".html", ".htm", ".txt")
DEFAULT_LOCALES = ("en", "tk", "ru")
DEMO_FORMATS = ("json", "html")
SLUG_RE = re.compile(r"[^a-z0-9]+")


@dataclass
class DemoSummary:
    """What the demo wrote and what failed."""

    pages: int = 0
    articles: int = 0
    written: list[Path] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def run_demo(folder: Path, outdir: Path, locales: tuple[str, ...] = DEFAULT_LOCALES) -> DemoSummary:
    if not folder.is_dir():
        raise TmContentError("not a folder of pages", source=str(folder))
    summary = DemoSummary()
    lines = []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in PAGE_SUFFIXES):
        summary.pages += 1
        try:
            articles = parse(path)
        except ParseError as error:
            summary.failures.append(str(error))
            continue
        for index, article in enumerate(articles):
            summary.articles += 1
            lines.append(json.dumps(article.to_dict(), ensure_ascii=False))
            stem = f"{SLUG_RE.sub('-', path.stem.lower()).strip('-')}-{index + 1}-{article.to_dict()['id']}"
            for locale in locales:
                for format in DEMO_FORMATS:
                    target = outdir / locale / f"{stem}.{format}"
                    atomic_write_text(target, render(article, locale=locale, format=format))
                    summary.written.append(target)
    articles_file = outdir / "articles.jsonl"
    atomic_write_text(articles_file, "".join(line + "\n" for line in lines))
    summary.written.insert(0, articles_file)
    return summary
