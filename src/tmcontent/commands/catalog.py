"""``tmcontent catalog extract|init|update|compile|stats|check``: the translator's workflow.

Exit codes: 0 done / clean; 1 a catalog is broken, or (check) has errors — or warnings with
``--strict``, or (compile) was refused; 2 wrong arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tmcontent import i18n
from tmcontent.catalog import (
    catalog_stats,
    check_catalog,
    extract,
    init_catalog,
    merge_template,
    read_po,
    write_mo,
    write_po,
)
from tmcontent.errors import CatalogError

DOMAIN = "tmcontent"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("catalog", help="gettext catalogs: extract, init, update, compile, stats, check")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    template = i18n.locales_dir() / f"{DOMAIN}.pot"

    sub = actions.add_parser("extract", help="extract marked strings from the source into the template")
    sub.add_argument("--source", type=Path, default=Path(__file__).resolve().parents[1], help="package source folder")
    sub.add_argument("-o", "--output", type=Path, default=template)
    sub.set_defaults(func=_extract)

    sub = actions.add_parser("init", help="start a catalog for a new locale")
    sub.add_argument("-l", "--locale", required=True)
    sub.add_argument("-i", "--input", type=Path, default=template)
    sub.add_argument("-o", "--output", type=Path)
    sub.add_argument("--translator", default="")
    sub.set_defaults(func=_init)

    sub = actions.add_parser("update", help="merge a new template into catalogs (fuzzy, #| previous, #~ obsolete)")
    sub.add_argument("catalogs", nargs="*", type=Path, help="PO files (default: every locale)")
    sub.add_argument("-i", "--input", type=Path, default=template)
    sub.set_defaults(func=_update)

    sub = actions.add_parser("compile", help="compile PO files to MO (refuses catalogs with errors)")
    sub.add_argument("catalogs", nargs="*", type=Path)
    sub.set_defaults(func=_compile)

    sub = actions.add_parser("stats", help="translated / fuzzy / untranslated / obsolete, and words")
    sub.add_argument("catalogs", nargs="*", type=Path)
    sub.add_argument("--json", action="store_true")
    sub.set_defaults(func=_stats)

    sub = actions.add_parser("check", help="QA findings with file:line")
    sub.add_argument("catalogs", nargs="*", type=Path)
    sub.add_argument("--json", action="store_true")
    sub.add_argument("--strict", action="store_true", help="warnings fail too")
    sub.set_defaults(func=_check)


def _catalog_paths(given: list[Path]) -> list[Path]:
    if given:
        return given
    root = i18n.locales_dir()
    return [root / locale / "LC_MESSAGES" / f"{DOMAIN}.po" for locale in i18n.available_locales()]


def _extract(args: argparse.Namespace) -> int:
    previous = read_po(args.output) if args.output.is_file() else None
    template = extract(args.source, args.source.parent.parent if (args.source.parent.name == "src") else args.source.parent, previous)
    write_po(template, args.output)
    print(f"{args.output}: {len(template.messages)} messages")
    return 0


def _init(args: argparse.Namespace) -> int:
    output = args.output or i18n.locales_dir() / args.locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    if output.exists():
        raise CatalogError("already exists; use 'catalog update'", source=str(output))
    write_po(init_catalog(read_po(args.input), args.locale, translator=args.translator), output)
    print(f"{output}: created for {args.locale}")
    return 0


def _update(args: argparse.Namespace) -> int:
    template = read_po(args.input)
    for path in _catalog_paths(args.catalogs):
        catalog = read_po(path)
        merged = merge_template(catalog, template)
        if merged is catalog:
            print(f"{path}: up to date")
            continue
        write_po(merged, path)
        print(f"{path}: updated")
    return 0


def _compile(args: argparse.Namespace) -> int:
    failed = 0
    for path in _catalog_paths(args.catalogs):
        catalog = read_po(path)
        errors = [f for f in check_catalog(catalog, str(path)) if f.severity == "error"]
        if errors:
            for finding in errors:
                print(finding, file=sys.stderr)
            print(f"tmcontent: error: {path}: not compiled ({len(errors)} errors)", file=sys.stderr)
            failed += 1
            continue
        target = path.with_suffix(".mo")
        write_mo(catalog, target, str(path))
        print(f"{target}: compiled")
    return 1 if failed else 0


def _stats(args: argparse.Namespace) -> int:
    rows = {str(path): catalog_stats(read_po(path)).to_dict() for path in _catalog_paths(args.catalogs)}
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for path, row in rows.items():
        print(f"{path}: {row['translated']} translated, {row['fuzzy']} fuzzy, {row['untranslated']} untranslated, "
              f"{row['obsolete']} obsolete ({row['percent_translated']}%, {row['translated_words']}/{row['source_words']} words)")
    return 0


def _check(args: argparse.Namespace) -> int:
    findings = [f for path in _catalog_paths(args.catalogs) for f in check_catalog(read_po(path), str(path))]
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding)
    failing = [f for f in findings if f.severity == "error" or args.strict]
    return 1 if failing else 0
