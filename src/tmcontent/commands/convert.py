"""``tmcontent convert INPUT... -o OUTDIR``: folders and archives to articles, in batch.

Exit codes: 0 all converted; 3 finished but some inputs failed (see OUTDIR/errors.jsonl);
1 the job could not run (bad arguments, unwritable OUTDIR, another job writing it);
130 interrupted (Ctrl-C): the folder is left for ``--resume``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tmcontent.defaults import CONVERT_FORMATS
from tmcontent.parse import DEFAULT_TIMEOUT

EXIT_SOME_FAILED = 3
EXIT_INTERRUPTED = 130


class LocaleList(argparse.Action):
    """``--locale tk,ru --locale en``: each use adds a comma-separated list (one value per use,
    so a locale never swallows the INPUT arguments that follow it)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        given = [part.strip() for part in str(values).split(",") if part.strip()]
        if not given:
            parser.error(f"{option_string}: give a locale, e.g. tk or tk,ru")
        setattr(namespace, self.dest, [*(getattr(namespace, self.dest, None) or []), *given])


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("convert", help="convert folders and archives (zip, tar, WARC) into articles")
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, .zip, .tar[.gz|.bz2|.xz], .warc[.gz]; '-' reads paths from stdin")
    parser.add_argument("-o", "--output", required=True, type=Path, help="output folder")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1); with --scheduler, the cluster's workers are used")
    parser.add_argument("--format", choices=CONVERT_FORMATS, default="jsonl",
                        help="besides articles.jsonl, one OUTDIR/LOCALE/ID.EXT file per article and locale")
    parser.add_argument("--locale", action=LocaleList, default=[], metavar="L[,L...]",
                        help="locales of the per-article files; repeat or separate with commas (default: en)")
    parser.add_argument("--include", action="append", default=[], metavar="GLOB")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB")
    parser.add_argument("--resume", action="store_true", help="continue a killed or stopped job")
    parser.add_argument("--max-bytes", type=int, help="largest document (default: convert's, 20 MB)")
    parser.add_argument("--max-ratio", type=float, help="largest compression ratio of a member (default: convert's, 100)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a local cluster")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help="seconds per document; a worker that overruns it is stopped (default %(default)s)")
    parser.add_argument("--no-progress", action="store_true")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tmcontent.batch import convert

    inputs = _stdin_paths() if args.inputs == ["-"] else args.inputs
    # the limits not given are left to convert()'s defaults (not imported to build the parser)
    limits = {name: value for name in ("max_bytes", "max_ratio") if (value := getattr(args, name)) is not None}
    try:
        summary = convert(
            inputs, args.output, jobs=args.jobs, format=args.format, locales=tuple(args.locale), include=tuple(args.include),
            exclude=tuple(args.exclude), resume=args.resume, **limits, engine=args.engine, scheduler=args.scheduler, progress=False if args.no_progress or args.quiet else None,
            timeout=args.timeout,
        )
    except KeyboardInterrupt:
        print("tmcontent: interrupted; resume with --resume", file=sys.stderr)
        return EXIT_INTERRUPTED
    if not args.quiet:
        print(json.dumps({"output": str(args.output), **summary.to_dict()}), file=sys.stderr)
    return EXIT_SOME_FAILED if summary.failed else 0


def _stdin_paths() -> Sequence[str]:
    """The non-empty lines of standard input as paths: bytes that are not UTF-8 are kept
    (surrogate-escaped, as the file system gives them)."""
    return [os.fsdecode(line.strip()) for line in sys.stdin.buffer if line.strip()]
