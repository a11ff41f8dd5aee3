"""``tmcontent translate extract|init|update|pretranslate|apply``: article content through PO files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tmcontent._atomic import atomic_write_text
from tmcontent.catalog import init_catalog, merge_template, read_po, write_po
from tmcontent.load import load_articles
from tmcontent.translate import DEFAULT_KEEP, apply, pretranslate, template


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("translate", help="translate article content through PO files")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    sub = actions.add_parser("extract", help="articles → PO template, one unit per segment")
    sub.add_argument("articles", nargs="+", type=Path, help="article JSON / JSON Lines from 'parse', or pages")
    sub.add_argument("-o", "--output", type=Path, required=True)
    sub.add_argument("--target-lang", help="leave out segments already in this language")
    sub.set_defaults(func=_extract)

    sub = actions.add_parser("init", help="a catalog for one language from a template")
    sub.add_argument("-l", "--locale", required=True)
    sub.add_argument("-i", "--input", type=Path, required=True)
    sub.add_argument("-o", "--output", type=Path, required=True)
    sub.set_defaults(func=_init)

    sub = actions.add_parser("update", help="merge a new template: keep, fuzzy with #| previous, obsolete")
    sub.add_argument("catalog", type=Path)
    sub.add_argument("-i", "--input", type=Path, required=True)
    sub.set_defaults(func=_update)

    sub = actions.add_parser("pretranslate", help="fill empty units from translation memories")
    sub.add_argument("catalog", type=Path)
    sub.add_argument("--tm", nargs="+", type=Path, required=True, metavar="PO")
    sub.add_argument("--min-similarity", type=float, default=75.0, help="percent, for fuzzy matches (default 75)")
    sub.set_defaults(func=_pretranslate)

    sub = actions.add_parser("apply", help="merge translations back into the articles")
    sub.add_argument("article", type=Path)
    sub.add_argument("catalog", type=Path)
    sub.add_argument("-o", "--output", type=Path, required=True)
    sub.add_argument("--keep", type=float, default=DEFAULT_KEEP, help="percent of segments that must be translated (default 80)")
    sub.add_argument("--allow-partial", action="store_true")
    sub.set_defaults(func=_apply)


def _extract(args: argparse.Namespace) -> int:
    articles = [article for path in args.articles for article in load_articles(path)]
    catalog = template(articles, target_lang=args.target_lang)
    write_po(catalog, args.output)
    print(f"{args.output}: {len(catalog.messages)} units from {len(articles)} articles")
    return 0


def _init(args: argparse.Namespace) -> int:
    write_po(init_catalog(read_po(args.input), args.locale), args.output)
    return 0


def _update(args: argparse.Namespace) -> int:
    catalog = read_po(args.catalog)
    merged = merge_template(catalog, read_po(args.input))
    if merged is not catalog:
        write_po(merged, args.catalog)
    return 0


def _pretranslate(args: argparse.Namespace) -> int:
    catalog = read_po(args.catalog)
    filled = pretranslate(catalog, [read_po(path) for path in args.tm], min_similarity=args.min_similarity / 100)
    write_po(catalog, args.catalog)
    print(f"{args.catalog}: {filled} units filled")
    return 0


def _apply(args: argparse.Namespace) -> int:
    catalog = read_po(args.catalog)
    articles = [apply(a, catalog, keep=args.keep, allow_partial=args.allow_partial) for a in load_articles(args.article)]
    atomic_write_text(args.output, json.dumps([a.to_dict() for a in articles], ensure_ascii=False, indent=2) + "\n")
    print(f"{args.output}: {len(articles)} articles", file=sys.stderr)
    return 0
