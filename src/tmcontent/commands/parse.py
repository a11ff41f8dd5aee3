"""``tmcontent parse PATH...``: pages to structured articles as JSON or JSON Lines.

Each failed input gets one line on stderr naming it; the others are still parsed and printed;
the exit code is 1 when any input failed.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from tmcontent.commands._common import report_failure
from tmcontent.errors import ParseError
from tmcontent.parse import DEFAULT_MAX_BYTES, DEFAULT_MAX_ELEMENTS, DEFAULT_TIMEOUT, ParseOptions, parse

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("parse", help="parse pages (HTML or text dumps) into structured articles")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="page files ('-' reads one page from stdin)")
    parser.add_argument("--format", choices=("json", "jsonl"), default="json", help="json: one document; jsonl: one article per line")
    parser.add_argument("--url", help="URL of the page (single input)")
    parser.add_argument("--page-locale", help="language of the page chrome, when known")
    parser.add_argument("--no-langid", action="store_true", help="skip language identification")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger inputs (default %(default)s)")
    parser.add_argument("--max-elements", type=int, default=DEFAULT_MAX_ELEMENTS, help="refuse pages with more elements (HTML) or lines (text) (default %(default)s)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per input (default %(default)s)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    options = ParseOptions(
        max_bytes=args.max_bytes, timeout=args.timeout, detect_languages=not args.no_langid, max_elements=args.max_elements
    )
    articles: list[dict[str, object]] = []
    failed = 0
    for path in args.paths:
        started = time.monotonic()
        try:
            if path == "-":
                found = parse(sys.stdin.buffer.read(), name="<stdin>", url=args.url, page_locale=args.page_locale, options=options)
            else:
                found = parse(Path(path), url=args.url, page_locale=args.page_locale, options=options)
        except ParseError as error:
            report_failure(path, error)
            failed += 1
            continue
        log.info("%s: %d article(s) in %.2f s", path, len(found), time.monotonic() - started)
        for article in found:
            log.debug("%s: %s %r (%s, %d blocks)", path, article.kind.id if article.kind else "article", article.title,
                      ",".join(article.body_langs) or "?", len(article.blocks))
        articles.extend(a.to_dict() for a in found)
        if args.format == "jsonl":
            for article in found:
                sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
    if args.format == "json":
        sys.stdout.write(json.dumps(articles, ensure_ascii=False, indent=2) + "\n")
    return 1 if failed else 0

