"""``tmcontent translate extract|init|update|pretranslate|apply``: article content through PO files.

Exit codes: 0 done; 1 an input is broken, a catalog locked or read-only, too little is translated,
or (apply) a unit's placeholders are broken — the unit keeps its source text and is named with
file:line; ``--allow-partial`` accepts both; 2 wrong arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tmcontent.defaults import DEFAULT_KEEP, DEFAULT_MIN_SIMILARITY
from tmcontent.errors import CatalogError, TranslationError

if TYPE_CHECKING:  # pragma: no cover
    from tmcontent.catalog.pofile import Catalog


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("translate", help="translate article content through PO files")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    sub = actions.add_parser("extract", help="articles → PO template, one unit per segment")
    sub.add_argument("articles", nargs="+", type=Path, help="article JSON / JSON Lines from 'parse', or pages")
    sub.add_argument("-o", "--output", type=Path, required=True)
    sub.add_argument("--target-lang", help="leave out segments already in this language")
    sub.set_defaults(func=_extract)

    sub = actions.add_parser("init", help="a catalog for one language from a template")
    sub.add_argument("-l", "--locale", required=True, help="language of the translation, e.g. tk or ru")
    sub.add_argument("-i", "--input", type=Path, required=True, help="the template (.pot) from 'translate extract'")
    sub.add_argument("-o", "--output", type=Path, required=True, help="catalog to create; refused if it exists")
    sub.set_defaults(func=_init)

    sub = actions.add_parser("update", help="merge a new template: keep, fuzzy with #| previous, obsolete")
    sub.add_argument("catalog", type=Path, help="the translated catalog (.po), updated in place")
    sub.add_argument("-i", "--input", type=Path, required=True, help="the new template (.pot)")
    sub.set_defaults(func=_update)

    sub = actions.add_parser("pretranslate", help="fill empty units from translation memories")
    sub.add_argument("catalog", type=Path, help="the catalog (.po) to fill, in place")
    sub.add_argument("--tm", nargs="+", type=Path, required=True, metavar="PO", help="earlier translated catalogs")
    sub.add_argument("--min-similarity", type=float, default=100 * DEFAULT_MIN_SIMILARITY,
                     help=f"percent, for fuzzy matches (default {100 * DEFAULT_MIN_SIMILARITY:g})")
    sub.set_defaults(func=_pretranslate)

    sub = actions.add_parser("apply", help="merge translations back into the articles")
    sub.add_argument("article", type=Path, help="article JSON / JSON Lines from 'parse'")
    sub.add_argument("catalog", type=Path, help="the translated catalog (.po)")
    sub.add_argument("-o", "--output", type=Path, required=True, help="translated articles (JSON)")
    sub.add_argument("--keep", type=float, default=DEFAULT_KEEP, help="percent of segments that must be translated (default 80)")
    sub.add_argument("--allow-partial", action="store_true",
                     help="accept fewer translated segments and units with broken placeholders (they keep the source text)")
    sub.set_defaults(func=_apply)


def _extract(args: argparse.Namespace) -> int:
    from tmcontent.catalog import write_po
    from tmcontent.load import load_articles
    from tmcontent.translate import template

    articles = [article for path in args.articles for article in load_articles(path)]
    catalog = template(articles, target_lang=args.target_lang)
    write_po(catalog, args.output)
    print(f"{args.output}: {len(catalog.messages)} units from {len(articles)} articles")
    return 0


def _init(args: argparse.Namespace) -> int:
    from tmcontent.catalog import init_catalog, read_po, write_po

    if args.output.exists():
        raise CatalogError("already exists; use 'translate update'", source=str(args.output))
    catalog = init_catalog(read_po(args.input), args.locale)
    write_po(catalog, args.output)
    print(f"{args.output}: created for {args.locale} ({len(catalog.messages)} units from {args.input})")
    return 0


def _update(args: argparse.Namespace) -> int:
    from tmcontent.catalog import read_po, update_file

    changed = update_file(args.catalog, read_po(args.input))
    print(f"{args.catalog}: {'updated' if changed else 'up to date'}")
    return 0


def _pretranslate(args: argparse.Namespace) -> int:
    from tmcontent.catalog import edit_file, read_po
    from tmcontent.translate import pretranslate

    memories = [read_po(path, keep_source=False) for path in args.tm]
    filled = 0

    def fill(catalog: Catalog) -> Catalog:
        nonlocal filled
        filled = pretranslate(catalog, memories, min_similarity=args.min_similarity / 100)
        return catalog

    edit_file(args.catalog, fill)
    print(f"{args.catalog}: {filled} units filled")
    return 0


def _apply(args: argparse.Namespace) -> int:
    from tmcontent._atomic import atomic_write_text
    from tmcontent.catalog import read_po
    from tmcontent.load import load_articles
    from tmcontent.translate import apply_report

    catalog = read_po(args.catalog)
    articles, refusals = [], []
    for article in load_articles(args.article):
        translated, refused = apply_report(article, catalog, keep=args.keep, allow_partial=args.allow_partial)
        articles.append(translated)
        refusals.extend(refused)
    try:
        atomic_write_text(args.output, json.dumps([a.to_dict() for a in articles], ensure_ascii=False, indent=2) + "\n")
    except OSError as error:
        raise TranslationError(f"cannot write: {error.strerror or error}", source=str(args.output)) from error
    kind = "warning" if args.allow_partial else "error"
    for refusal in refusals:
        print(f"tmcontent: {kind}: {refusal}", file=sys.stderr)
    print(f"{args.output}: {len(articles)} articles" + (f", {len(refusals)} units refused" if refusals else ""), file=sys.stderr)
    return 1 if refusals and not args.allow_partial else 0
