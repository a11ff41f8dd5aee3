"""``tmcontent catalog extract|init|update|compile|stats|check``: the translator's workflow.

Without paths the commands work on the current project's ``locales/`` (the folder they run in,
or the nearest parent with ``pyproject.toml`` + ``locales/``), never on the installed package.
Exit codes: 0 done / clean; 1 a catalog is broken, locked or read-only, or (check) has errors —
or warnings with ``--strict``, or (compile) was refused; 2 wrong arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tmcontent.catalog.project import catalog_path, catalog_paths, project_locales, template_path
from tmcontent.errors import CatalogError

DEFAULT_WHERE = "default: the project's locales/ (the current folder's, or the nearest parent with pyproject.toml)"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("catalog", help="gettext catalogs: extract, init, update, compile, stats, check")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    parser.set_defaults(logs=False)  # nothing in tmcontent.catalog logs: the CLI need not load logging

    sub = actions.add_parser("extract", help="extract marked strings from the source into the template")
    sub.add_argument("--source", type=Path, default=Path(__file__).resolve().parents[1],
                     help="folder of Python sources and templates to scan (default: tmcontent's own source)")
    sub.add_argument("-o", "--output", type=Path, help=f"template to write (.pot; {DEFAULT_WHERE}/tmcontent.pot)")
    sub.set_defaults(func=_extract)

    sub = actions.add_parser("init", help="start a catalog for a new locale")
    sub.add_argument("-l", "--locale", required=True, help="locale code of the new catalog, e.g. uz or tk_TM")
    sub.add_argument("-i", "--input", type=Path, help=f"template to start from ({DEFAULT_WHERE}/tmcontent.pot)")
    sub.add_argument("-o", "--output", type=Path,
                     help="catalog to create; refused if it exists (default: locales/LOCALE/LC_MESSAGES/tmcontent.po of the project)")
    sub.add_argument("--translator", default="", help="'Name <email>' for the Last-Translator header")
    sub.set_defaults(func=_init)

    sub = actions.add_parser("update", help="merge a new template into catalogs (fuzzy, #| previous, #~ obsolete)")
    sub.add_argument("catalogs", nargs="*", type=Path, help=f"PO files to update ({DEFAULT_WHERE}, every locale)")
    sub.add_argument("-i", "--input", type=Path, help=f"the new template ({DEFAULT_WHERE}/tmcontent.pot)")
    sub.set_defaults(func=_update)

    sub = actions.add_parser("compile", help="compile PO files to MO (refuses catalogs with errors)")
    sub.add_argument("catalogs", nargs="*", type=Path, help=f"PO files; each .mo is written beside its .po ({DEFAULT_WHERE})")
    sub.set_defaults(func=_compile)

    sub = actions.add_parser("stats", help="translated / fuzzy / untranslated / obsolete, and words")
    sub.add_argument("catalogs", nargs="*", type=Path, help=f"PO files ({DEFAULT_WHERE})")
    sub.add_argument("--json", action="store_true", help="one JSON object by path")
    sub.set_defaults(func=_stats)

    sub = actions.add_parser("check", help="QA findings with file:line")
    sub.add_argument("catalogs", nargs="*", type=Path, help=f"PO files ({DEFAULT_WHERE})")
    sub.add_argument("--json", action="store_true", help="findings as a JSON list")
    sub.add_argument("--strict", action="store_true", help="warnings fail too")
    sub.set_defaults(func=_check)


def _catalog_paths(given: list[Path]) -> list[Path]:
    if given:
        return given
    locales = project_locales()
    found = catalog_paths(locales)
    if not found:
        raise CatalogError("no LOCALE/LC_MESSAGES/tmcontent.po here; start one with 'catalog init -l LOCALE'", source=str(locales))
    return found


def _extract(args: argparse.Namespace) -> int:
    from tmcontent.catalog import extract, read_po, write_po
    from tmcontent.catalog.lock import locked

    output = args.output or template_path(project_locales())
    source = args.source
    root = source.parent.parent if source.parent.name == "src" else source.parent
    with locked(output):
        previous = read_po(output) if output.is_file() else None
        template = extract(source, root, previous)
        write_po(template, output)
    print(f"{output}: {len(template.messages)} messages")
    return 0


def _init(args: argparse.Namespace) -> int:
    from tmcontent.catalog import init_catalog, read_po, write_po

    output = args.output or catalog_path(project_locales(), args.locale)
    if output.exists():
        raise CatalogError("already exists; use 'catalog update'", source=str(output))
    template = read_po(args.input or template_path(project_locales()))
    write_po(init_catalog(template, args.locale, translator=args.translator), output)
    print(f"{output}: created for {args.locale}")
    return 0


def _update(args: argparse.Namespace) -> int:
    from tmcontent.catalog import read_po, update_file

    template = read_po(args.input or template_path(project_locales()))
    for path in _catalog_paths(args.catalogs):
        print(f"{path}: {'updated' if update_file(path, template) else 'up to date'}")
    return 0


def _compile(args: argparse.Namespace) -> int:
    from tmcontent.catalog import check_catalog, read_po, write_mo

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
    from tmcontent.catalog import catalog_stats, read_po

    rows = {str(path): catalog_stats(read_po(path, keep_source=False)).to_dict() for path in _catalog_paths(args.catalogs)}
    if args.json:
        import json

        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for path, row in rows.items():
        print(f"{path}: {row['translated']} translated, {row['fuzzy']} fuzzy, {row['untranslated']} untranslated, "
              f"{row['obsolete']} obsolete ({row['percent_translated']}%, {row['translated_words']}/{row['source_words']} words)")
    return 0


def _check(args: argparse.Namespace) -> int:
    from tmcontent.catalog import check_catalog, read_po

    findings = [f for path in _catalog_paths(args.catalogs) for f in check_catalog(read_po(path), str(path))]
    if args.json:
        import json

        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding)
    failing = [f for f in findings if f.severity == "error" or args.strict]
    return 1 if failing else 0
