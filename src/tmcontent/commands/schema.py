"""``tmcontent schema``: print the JSON Schema of the article model."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("schema", help="print the JSON Schema of parsed articles")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tmcontent.schema import schema_text

    sys.stdout.write(schema_text())
    return 0
