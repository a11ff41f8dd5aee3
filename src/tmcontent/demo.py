"""The demonstration job: parse a folder of pages, write structured and localized articles.

``run_demo(folder, outdir)`` parses every ``.html``/``.htm``/``.txt`` page in ``folder``
(default: the examples shipped in the package, see :func:`examples_dir`; sorted, so the output
is the same every time), writes ``outdir/articles.jsonl`` (one article
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
from tmcontent.render import check_locale, render

PAGE_SUFFIXES = (".html", ".htm", ".txt")
DEFAULT_LOCALES = ("en", "tk", "ru")
DEMO_FORMATS = ("json", "html")
SLUG_RE = re.compile(r"[^a-z0-9]+")
#: What ``Article.source`` calls the shipped examples, wherever the package is installed (the
#: ids derive from it, so the demo writes the same bytes from a clone and from a wheel).
EXAMPLES_NAME = "examples"


def examples_dir() -> Path:
    """The example pages: ``tmcontent/examples`` in an installed wheel (pyproject force-includes
    the repository's ``examples/`` there), else ``examples/`` of the source tree."""
    package_dir = Path(__file__).resolve().parent
    shipped = package_dir / EXAMPLES_NAME
    return shipped if shipped.is_dir() else package_dir.parent.parent / EXAMPLES_NAME


@dataclass
class DemoSummary:
    """What the demo wrote and what failed."""

    pages: int = 0
    articles: int = 0
    written: list[Path] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def run_demo(folder: Path | None, outdir: Path, locales: tuple[str, ...] = DEFAULT_LOCALES) -> DemoSummary:
    """Parse ``folder`` (None: the shipped examples) into ``outdir``; see the module docstring."""
    for locale in locales:
        check_locale(locale)
    shipped = folder is None
    folder = examples_dir() if folder is None else folder
    if not folder.is_dir():
        raise TmContentError("not a folder of pages" + (" (this installation ships no examples: give a folder)" if shipped else ""), source=str(folder))
    summary = DemoSummary()
    lines = []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in PAGE_SUFFIXES):
        summary.pages += 1
        try:
            articles = parse(path, name=f"{EXAMPLES_NAME}/{path.name}" if shipped else None)
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
