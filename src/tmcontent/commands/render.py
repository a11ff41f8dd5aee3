"""``tmcontent render INPUT --locale L --format json|html|md|jsonld``: localized output.

INPUT is an article JSON (``tmcontent parse`` output: one article, a list, or JSON Lines), a
page parsed on the fly, or ``-`` for either on standard input; ``--po`` applies a content
translation first. Several articles go to ``-o FOLDER`` as one file each; one article goes to
stdout or to ``-o FILE``. An unknown locale is a usage error (exit 2), before any input is read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tmcontent.commands._common import EXIT_USAGE, locales_usable
from tmcontent.defaults import DEFAULT_KEEP, FORMATS
from tmcontent.errors import RenderError
from tmcontent.i18n import available_locales

if TYPE_CHECKING:  # pragma: no cover
    from tmcontent.model import Article

STDIN = "-"
STDIN_NAME = "<stdin>"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("render", help="render articles for a locale as JSON, HTML, Markdown or JSON-LD")
    parser.add_argument("input", help="article JSON / JSON Lines from 'parse', or a page; '-' reads standard input")
    parser.add_argument("--locale", required=True,
                        help=f"locale of the readers: labels, dates and <html lang> ({', '.join(available_locales())}; a region may follow: en-GB)")
    parser.add_argument("--format", choices=FORMATS, default="html", help="output format (default: %(default)s)")
    parser.add_argument("--templates", type=Path, help="folder of templates overriding the shipped ones")
    parser.add_argument("--po", type=Path, help="apply this content translation (see 'tmcontent translate') first")
    parser.add_argument("--keep", type=float, default=DEFAULT_KEEP, help="with --po: percent that must be translated (default 80)")
    parser.add_argument("--allow-partial", action="store_true", help="with --po: render even below --keep")
    parser.add_argument("-o", "--output", type=Path, help="file (one article) or folder (several)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tmcontent._atomic import atomic_write_text
    from tmcontent.catalog import read_po
    from tmcontent.render import render
    from tmcontent.translate import apply

    if not locales_usable([args.locale]):
        return EXIT_USAGE
    articles = _read(args.input)
    if args.po is not None:
        catalog = read_po(args.po, keep_source=False)
        articles = [apply(article, catalog, keep=args.keep, allow_partial=args.allow_partial) for article in articles]
    if not articles:
        raise RenderError("no article to render", source=_name(args.input))
    outputs = [render(a, locale=args.locale, format=args.format, templates_dir=args.templates) for a in articles]
    if len(outputs) == 1 and (args.output is None or args.output.suffix):
        if args.output is None:
            sys.stdout.write(outputs[0])
        else:
            atomic_write_text(args.output, outputs[0])
        return 0
    if args.output is None:
        raise RenderError("several articles: give an output folder with -o", source=_name(args.input))
    for article, output in zip(articles, outputs, strict=True):
        atomic_write_text(args.output / f"{article.id or article.compute_id()}.{args.format}", output)
    return 0


def _read(input: str) -> list[Article]:
    from tmcontent.load import articles_from_bytes, load_articles

    if input == STDIN:
        return articles_from_bytes(sys.stdin.buffer.read(), STDIN_NAME)
    return load_articles(Path(input))


def _name(input: str) -> str:
    return STDIN_NAME if input == STDIN else input
