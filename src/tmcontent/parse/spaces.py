"""Whitespace normalisation shared by the readers: every run of whitespace becomes one space.

``" ".join(text.split())`` builds a list of every word first: on a 5 MB paragraph that list
held ~60 bytes a word, 12x the text (a regex ``sub`` keeps a list of every piece as well).
Long texts are normalised by string operations that build no list: whitespace characters
become spaces (``str.translate``), then doubled spaces are halved until none is left (each
pass at least halves every run, so a run of n spaces costs log2(n) passes).
"""

from __future__ import annotations

#: Every whitespace character (``str.isspace``: all are below U+3001) other than the space.
OTHER_SPACES = {code: " " for code in range(0x3001) if chr(code).isspace() and code != 0x20}
#: Below this length the word list is small and ``split``/``join`` is the faster way
#: (2-3x on paragraphs of a few hundred characters).
SHORT_TEXT = 4096


def squeeze_spaces(text: str) -> str:
    """``text`` with leading and trailing whitespace removed and each inner run cut to " "
    (the same as ``" ".join(text.split())``); ``text`` itself when it is already so, so that
    callers normalising every block keep one copy of the page's text, not two."""
    if len(text) < SHORT_TEXT:
        squeezed = " ".join(text.split())
    else:
        squeezed = text.translate(OTHER_SPACES)
        while "  " in squeezed:
            squeezed = squeezed.replace("  ", " ")
        squeezed = squeezed.strip(" ")
    return text if squeezed == text else squeezed
