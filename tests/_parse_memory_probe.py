"""Run by tests/test_parse_limits.py in a fresh process: parse one file, print the growth of
peak RSS over the input's size (one JSON line). Not a test module (no ``test_`` prefix)."""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

import tmcontent
from tmcontent.errors import ParseError


def main(path: str) -> None:
    tmcontent.parse("Waka\nA short page read first, so that loading the model is not counted.\n")
    tmcontent.parse("<html><body><h1>Warm</h1><p>An HTML page read first, for the same reason.</p></body></html>")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = Path(path).stat().st_size
    try:
        articles = tmcontent.parse(Path(path))
        outcome = f"{sum(len(article.blocks) for article in articles)} blocks"
    except ParseError as error:
        outcome = str(error)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"ratio": (peak - before) * 1024 / size, "outcome": outcome}))


if __name__ == "__main__":
    main(sys.argv[1])
