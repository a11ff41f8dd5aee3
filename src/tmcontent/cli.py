"""The ``tmcontent`` command line: a thin layer that dispatches to ``tmcontent.commands.*``.

Each sub-command lives in its own module under :mod:`tmcontent.commands` and exposes
``register(subparsers)``; the module sets ``func`` on its parser, a callable taking the parsed
arguments and returning an exit code. This module only builds the parser, sets up logging and
turns expected errors into one-line messages (no tracebacks) with a non-zero exit code.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence

from tmcontent import __version__
from tmcontent.errors import TmContentError

#: Sub-command modules, in the order ``tmcontent --help`` lists them.
COMMAND_MODULES = (
    "demo",
    "parse",
    "schema",
    "detect",
    "dates",
    "catalog",
    "translate",
    "render",
    "convert",
    "publish",
)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INTERRUPTED = 130


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of the command line; with ``argv``, only the sub-command it names is built
    (when it names one): the others cost more argparse work than a small command's own."""
    parser = argparse.ArgumentParser(
        prog="tmcontent",
        description="Multilingual Turkmen/Russian/English press content: parse pages, detect languages, read dates, localize.",
    )
    parser.add_argument("--version", action="version", version=f"tmcontent {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors on stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _commands(argv):
        module = importlib.import_module(f"tmcontent.commands.{name}")
        module.register(subparsers)
    for command in subparsers.choices.values():
        _add_verbosity(command)
    return parser


def _commands(argv: Sequence[str] | None) -> Sequence[str]:
    """The sub-commands to build: the one ``argv`` names (the options before it take no
    values, so it is the first argument that is not an option), else all of them."""
    named = next((arg for arg in argv if not arg.startswith("-")), None) if argv is not None else None
    return (named,) if named is not None and named in COMMAND_MODULES else COMMAND_MODULES


def _add_verbosity(parser: argparse.ArgumentParser) -> None:
    """``-v``/``-q`` after the command name too (``tmcontent convert -v ...``), in every
    sub-command; SUPPRESS keeps a value given before the command name."""
    parser.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS, help="more log output (-vv for debug)")
    parser.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="only errors on stderr")
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _add_verbosity(child)


def _configure_logging(verbose: int, quiet: bool) -> None:
    """-q: errors only; default: warnings; -v: what tmcontent does (INFO); -vv: DEBUG. Third-party
    libraries stay at WARNING whatever the level, so -vv shows tmcontent's own lines."""
    import logging

    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=max(level, logging.WARNING), format="tmcontent: %(levelname)s: %(message)s", stream=sys.stderr)
    logging.getLogger("tmcontent").setLevel(level)
    third_party = max(level, logging.WARNING)
    for handler in logging.getLogger().handlers:  # libraries that set their own loggers' levels (Dask's are at INFO)
        handler.addFilter(lambda record: record.name.split(".")[0] == "tmcontent" or record.levelno >= third_party)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``tmcontent`` console script; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    # A command whose code never logs (``set_defaults(logs=False)``: the catalog workflow, which
    # tests/test_cli.py checks) does not load ``logging``: a tenth of ``catalog stats``'s start.
    if getattr(args, "logs", True):
        _configure_logging(args.verbose, args.quiet)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    # The modules loaded so far stay for the life of the process: frozen, they are not walked by
    # every full collection while the command builds its objects (catalog stats of 5,000
    # entries: ~10% of the process).
    gc.freeze()
    try:
        return int(args.func(args) or EXIT_OK)
    except TmContentError as error:
        print(f"tmcontent: error: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("tmcontent: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:
        if args.verbose >= 2:
            import traceback

            traceback.print_exc()
        print(f"tmcontent: internal error: {type(error).__name__}: {error} (run with -vv for the traceback)", file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
