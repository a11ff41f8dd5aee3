"""``tmcontent convert INPUT... -o OUTDIR``: folders and archives to articles, in batch.

Exit codes: 0 all converted; 3 finished but some inputs failed (see OUTDIR/errors.jsonl);
1 the job could not run (bad arguments, unwritable OUTDIR).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tmcontent.batch import DEFAULT_MAX_BYTES, DEFAULT_MAX_RATIO, convert

EXIT_SOME_FAILED = 3


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("convert", help="convert folders and archives (zip, tar, WARC) into articles")
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, .zip, .tar[.gz|.bz2|.xz], .warc[.gz]; '-' reads paths from stdin")
    parser.add_argument("-o", "--output", required=True, type=Path, help="output folder")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--format", choices=("jsonl", "json", "html", "md", "jsonld"), default="jsonl",
                        help="besides articles.jsonl, one OUTDIR/LOCALE/ID.EXT file per article and locale")
    parser.add_argument("--locale", nargs="*", default=[], help="locales of the per-article files (default: en)")
    parser.add_argument("--include", action="append", default=[], metavar="GLOB")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB")
    parser.add_argument("--resume", action="store_true", help="continue a killed or stopped job")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES)
    parser.add_argument("--max-ratio", type=float, default=DEFAULT_MAX_RATIO, help="largest compression ratio of a member")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a local cluster")
    parser.add_argument("--no-progress", action="store_true")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    inputs = [line.strip() for line in sys.stdin if line.strip()] if args.inputs == ["-"] else args.inputs
    summary = convert(
        inputs, args.output, jobs=args.jobs, format=args.format, locales=tuple(args.locale), include=tuple(args.include),
        exclude=tuple(args.exclude), resume=args.resume, max_bytes=args.max_bytes, max_ratio=args.max_ratio,
        engine=args.engine, scheduler=args.scheduler, progress=False if args.no_progress else None,
    )
    print(json.dumps({"output": str(args.output), **summary.to_dict()}), file=sys.stderr)
    return EXIT_SOME_FAILED if summary.failed else 0
