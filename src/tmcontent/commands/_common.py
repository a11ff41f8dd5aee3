"""Helpers shared by the CLI sub-commands: reading inputs, printing JSON, reporting errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

#: Exit code of a usage error (argparse's own).
EXIT_USAGE = 2


def dump_json(data: Any, stream: TextIO | None = None, *, indent: int | None = 2) -> None:
    """Write ``data`` as JSON (UTF-8, keys in insertion order) followed by a newline."""
    out = stream or sys.stdout
    out.write(json.dumps(data, ensure_ascii=False, indent=indent))
    out.write("\n")


def texts_or_stdin(texts: Iterable[str]) -> Iterator[str]:
    """The texts given on the command line, or else the non-empty lines of standard input."""
    given = list(texts)
    if given:
        yield from given
        return
    for line in sys.stdin:
        line = line.rstrip("\n")
        if line.strip():
            yield line


def report_failure(source: str, error: BaseException) -> None:
    """Print one line for an input that failed, naming the input."""
    message = str(error)
    if not message.startswith(source):
        message = f"{source}: {message}"
    print(f"tmcontent: error: {message}", file=sys.stderr)


def locales_usable(locales: Iterable[str]) -> bool:
    """True when every locale can be rendered; else print the one-line usage error and say False
    (the command then exits 2, before reading any input)."""
    from tmcontent.errors import RenderError
    from tmcontent.render import check_locale

    try:
        for locale in locales:
            check_locale(locale)
    except RenderError as error:
        print(f"tmcontent: error: {error}", file=sys.stderr)
        return False
    return True
