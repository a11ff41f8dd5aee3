"""``tmcontent demo [FOLDER] -o OUTDIR``: parse the bundled examples and write localized articles."""

from __future__ import annotations

import argparse
from pathlib import Path

from tmcontent.commands._common import EXIT_USAGE, locales_usable


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("demo", help="parse a folder of pages (default: examples) into structured and localized articles")
    parser.add_argument("folder", nargs="?", type=Path, help="folder of .html/.txt pages (default: the examples shipped with tmcontent)")
    parser.add_argument("-o", "--output", type=Path, default=Path("tmcontent-demo"), help="output folder (default: %(default)s)")
    parser.add_argument("--locale", nargs="+", help="target locales (default: en tk ru)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tmcontent.demo import DEFAULT_LOCALES, examples_dir, run_demo

    locales = tuple(args.locale or DEFAULT_LOCALES)
    if not locales_usable(locales):
        return EXIT_USAGE
    summary = run_demo(args.folder, args.output, locales)
    print(f"parsed {summary.pages} pages of {args.folder or examples_dir()} into {summary.articles} articles")
    print(f"structured articles: {summary.written[0]}")
    for locale in locales:
        print(f"localized ({locale}): {args.output / locale}/ ({sum(1 for p in summary.written if p.parent.name == locale)} files)")
    for failure in summary.failures:
        print(f"failed: {failure}")
    return 1 if summary.failures else 0
