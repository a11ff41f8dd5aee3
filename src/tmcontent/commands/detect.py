"""``tmcontent detect [TEXT...]``: the language of each text (or stdin line) as JSON."""

from __future__ import annotations

import argparse
import sys

from tmcontent.commands._common import dump_json, texts_or_stdin


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("detect", help="detect the language of texts (Turkmen-aware)")
    parser.add_argument("texts", nargs="*", metavar="TEXT", help="texts (default: lines of standard input)")
    parser.add_argument("--segments", action="store_true", help="also print the runs of each language")
    parser.add_argument("--candidates", help="comma-separated languages to choose from, e.g. en,tk,ru")
    parser.add_argument("--backend", choices=("ngram", "langdetect", "cld2", "py3langid"), default="ngram")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tmcontent.langid import check_candidates, detect, segment
    from tmcontent.langid.backends import require

    candidates = [c.strip() for c in args.candidates.split(",") if c.strip()] if args.candidates else None
    # before any output: an unknown language or a missing backend package is one line, exit 1
    if candidates is not None:
        check_candidates(candidates, backend=args.backend)
    require(args.backend)
    for text in texts_or_stdin(args.texts):
        record: dict[str, object] = {"text": text, **detect(text, candidates=candidates, backend=args.backend).to_dict()}
        if args.segments:
            record["segments"] = [run.to_dict() for run in segment(text, candidates=candidates)]
        dump_json(record, sys.stdout, indent=None)
    return 0
