"""``tmcontent dates [TEXT...]``: the date in each text (or stdin line) as one JSON object."""

from __future__ import annotations

import argparse
import json
import sys

from tmcontent.commands._common import texts_or_stdin


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("dates", help="read dates in Turkmen, Russian or English text")
    parser.add_argument("texts", nargs="*", metavar="TEXT", help="texts (default: lines of standard input)")
    parser.add_argument("--lang", help="language of the text (BCP 47), e.g. tk, ru, en-US")
    parser.add_argument("--all", action="store_true", help="every date in each text, not just one")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tmcontent.dates import check_language, find_dates, parse_date

    check_language(args.lang)  # before any output: an unknown language is one line, exit 1
    for text in texts_or_stdin(args.texts):
        record: dict[str, object]
        if args.all:
            record = {"input": text, "dates": [value.to_dict() for value in find_dates(text, lang=args.lang)]}
        else:
            value = parse_date(text, lang=args.lang)
            record = {"input": text, **(value.to_dict() if value else {"iso": None})}
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0
