"""``tmcontent render INPUT --locale L --format json|html|md|jsonld``: localized output.

INPUT is an article JSON (``tmcontent parse`` output: one article, a list, or JSON Lines) or a
page, parsed on the fly; ``--po`` applies a content translation first. Several articles go to ``-o FOLDER`` as one file each; one article goes
to stdout or to ``-o FILE``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tmcontent._atomic import atomic_write_text
from tmcontent.catalog import read_po
from tmcontent.errors import ParseError, RenderError
from tmcontent.model import Article
from tmcontent.parse import parse
from tmcontent.render import FORMATS, render
from tmcontent.translate import DEFAULT_KEEP, apply


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("render", help="render articles for a locale as JSON, HTML, Markdown or JSON-LD")
    parser.add_argument("input", type=Path, help="article JSON / JSON Lines from 'parse', or a page")
    parser.add_argument("--locale", required=True)
    parser.add_argument("--format", choices=FORMATS, default="html")
    parser.add_argument("--templates", type=Path, help="folder of templates overriding the shipped ones")
    parser.add_argument("--po", type=Path, help="apply this content translation (see 'tmcontent translate') first")
    parser.add_argument("--keep", type=float, default=DEFAULT_KEEP, help="with --po: percent that must be translated (default 80)")
    parser.add_argument("--allow-partial", action="store_true", help="with --po: render even below --keep")
    parser.add_argument("-o", "--output", type=Path, help="file (one article) or folder (several)")
    parser.set_defaults(func=run)


def load_articles(path: Path) -> list[Article]:
    """Articles from an article JSON / JSON Lines file, or by parsing ``path`` as a page."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ParseError(f"cannot read: {error}", source=str(path)) from error
    stripped = text.lstrip()
    if path.suffix in (".json", ".jsonl") or stripped.startswith(("{", "[")):
        return _from_json(text, str(path))
    return parse(path)


def _from_json(text: str, source: str) -> list[Article]:
    try:
        data = json.loads(text)
        items = data if isinstance(data, list) else [data]
    except json.JSONDecodeError:
        items = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    items.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise ParseError(f"not article JSON: {error.msg}", source=source, line=number) from error
    try:
        return [Article.from_dict(item) for item in items]
    except (KeyError, TypeError, ValueError) as error:
        raise ParseError(f"not an article: missing or bad field {error}", source=source) from error


def run(args: argparse.Namespace) -> int:
    articles = load_articles(args.input)
    if args.po is not None:
        catalog = read_po(args.po)
        articles = [apply(article, catalog, keep=args.keep, allow_partial=args.allow_partial) for article in articles]
    if not articles:
        raise RenderError("no article to render", source=str(args.input))
    outputs = [render(a, locale=args.locale, format=args.format, templates_dir=args.templates) for a in articles]
    if len(outputs) == 1 and (args.output is None or args.output.suffix):
        if args.output is None:
            sys.stdout.write(outputs[0])
        else:
            atomic_write_text(args.output, outputs[0])
        return 0
    if args.output is None:
        raise RenderError("several articles: give an output folder with -o", source=str(args.input))
    for article, output in zip(articles, outputs, strict=True):
        atomic_write_text(args.output / f"{article.id or article.compute_id()}.{args.format}", output)
    return 0
