"""Plain-text dumps of press pages (the format of the seeds) to raw blocks.

A dump has one block per line (paragraphs, labels, dates, bullet items), with or without blank
lines between them. Listing pages repeat "type label / date / title / teaser" items; an item
starts where a known type label ("Story", "Press reliz", "Пресс-релиз") is followed, within two
lines, by a stand-alone date. Such starts are marked as boundaries for the structure builder.
"""

from __future__ import annotations

import re

from tmcontent.errors import ParseError
from tmcontent.parse import chrome
from tmcontent.parse.spaces import squeeze_spaces
from tmcontent.parse.structure import RawBlock

#: How many lines after a type label the item's date may come: "Story / 13 March 2020" (1),
#: "Press reliz / title / 27 noýabr 2023" (2). Two lines: the seeds and the example dumps parse
#: the same as with one, and a listing that puts each title before its date splits into its
#: stories instead of running together (tests/test_structure_tk_ru.py).
DATE_WINDOW = 2


#: The line ends of ``str.splitlines``: the runs between them are the lines that have text.
LINE_RE = re.compile("[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def text_to_blocks(text: str, *, max_blocks: int | None = None, source: str | None = None) -> list[RawBlock]:
    """One raw block per non-empty line, with listing-item boundaries marked.

    Lines are read one at a time (no list of every line); more than ``max_blocks`` lines with
    text raise :class:`~tmcontent.errors.ParseError` naming ``source``.
    """
    blocks: list[RawBlock] = []
    for line in LINE_RE.finditer(text):
        squeezed = squeeze_spaces(line.group(0))
        if not squeezed:
            continue
        if max_blocks is not None and len(blocks) >= max_blocks:
            raise ParseError(f"more than {max_blocks} lines of text, over the limit for one page (max_elements)", source=source)
        blocks.append(RawBlock(text=squeezed))
    starts = _item_starts(blocks)
    if len(starts) >= 2:
        for index in starts:
            blocks[index].boundary = True
    return blocks


def _item_starts(blocks: list[RawBlock]) -> list[int]:
    starts = []
    for index, block in enumerate(blocks):
        label = chrome.recognise_label(block.text)
        if label is None or label.role != "kind":
            continue
        window = blocks[index + 1 : index + 1 + DATE_WINDOW]
        if any(chrome.standalone_date(b.text, label.lang) for b in window):
            starts.append(index)
    return starts
