"""Languages for a parsed article: every block, the title, the body, code-switched runs.

Rules: a confident detection wins; a declared ``lang`` (HTML) is the prior for text too short
to judge, then the neighbouring blocks, then the page locale. Blocks that mix languages keep
their runs in ``segments``. ``body_langs`` lists the body's languages, largest share first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from tmcontent.langid.detect import detect
from tmcontent.langid.features import letter_count
from tmcontent.langid.segment import read_block, segment
from tmcontent.model import TEXT_BLOCK_KINDS, Article, Block
from tmcontent.textfacts import UND

#: Below this confidence a detection is a guess, and a declared or neighbouring language is
#: preferred. Two-word English/Turkmen labels score 0.9+ when right (dev corpus fragments).
CONFIDENT = 0.9
#: Blocks with at least this many letters whose sentences all agree skip word-level
#: segmentation; shorter ones (labels, names) go through the full path with its priors.
QUICK_MIN_LETTERS = 40
#: A second language makes a block "mixed" when its runs hold at least this many letters
#: (a sentence; a name or a quoted title is shorter).
MIN_MIXED_LETTERS = 20
#: Blocks longer than this are read as :func:`detect` reads a long text (evenly spaced
#: windows), without runs: the word-by-word readings keep a few objects per word, 12x the
#: text on a 5 MB block (and 9 s). The longest paragraph of the 1,497 WCXB pages is far below.
MAX_READ_CHARS = 100_000


def annotate_article(article: Article, *, candidates: Iterable[str] | None = None) -> None:
    """Fill ``lang`` on blocks, ``segments`` on mixed blocks, ``title_lang`` and ``body_langs``."""
    allowed = tuple(candidates) if candidates is not None else None
    previous: str | None = None
    shares: Counter[str] = Counter()
    for block in article.blocks:
        lang, letters = _annotate_block(block, allowed, prior=previous or article.page_locale)
        if lang and lang != UND:
            previous = lang
            if block.kind in TEXT_BLOCK_KINDS:
                for run_lang, count in letters.items():
                    shares[run_lang] += count
    body = [lang for lang, _ in sorted(shares.items(), key=lambda item: (-item[1], item[0])) if lang != UND]
    article.body_langs = body
    if article.title and not article.title_lang:
        found = detect(article.title, candidates=allowed)
        article.title_lang = found.lang if found.confidence >= CONFIDENT or not body else body[0]


def _annotate_block(block: Block, candidates: tuple[str, ...] | None, prior: str | None) -> tuple[str | None, dict[str, int]]:
    """Set ``block.lang`` and ``block.segments``; return the language and the block's letters
    by language (its runs' when it has segments, else all under the language)."""
    if len(block.text) > MAX_READ_CHARS:
        return _annotate_long_block(block, candidates)
    letters, uniform = read_block(block.text, candidates=candidates, min_letters=QUICK_MIN_LETTERS)
    if uniform is not None:
        block.lang, block.segments = uniform, None
        return uniform, {uniform: letters}
    runs = segment(block.text, candidates=candidates)
    chars: Counter[str] = Counter()
    for run in runs:
        chars[run.lang] += letter_count(run.text)
    languages = [lang for lang, n in chars.most_common() if lang != UND]
    if not languages:
        block.lang = block.lang or None  # the declared language, if any; segments as they were
        return block.lang, _letters_by_lang(block, letters)
    main = languages[0]
    confidence = max((run.confidence for run in runs if run.lang == main), default=0.0)
    if confidence < CONFIDENT:
        main = block.lang or prior or main
    block.lang = main
    mixed = [lang for lang in languages[1:] if chars[lang] >= MIN_MIXED_LETTERS]
    block.segments = runs if mixed else None
    return main, chars if mixed else {main: letters}


def _annotate_long_block(block: Block, candidates: tuple[str, ...] | None) -> tuple[str | None, dict[str, int]]:
    """One language for a block too long to read word by word (see MAX_READ_CHARS)."""
    found = detect(block.text, candidates=candidates)
    if found.lang != UND:
        block.lang = found.lang
    block.segments = None
    return block.lang, ({block.lang: letter_count(block.text)} if block.lang else {})


def _letters_by_lang(block: Block, letters: int) -> dict[str, int]:
    """The letters of ``block`` by language: its segments' if it has any, else all ``letters``
    under ``block.lang``."""
    if block.segments:
        counts: Counter[str] = Counter()
        for run in block.segments:
            counts[run.lang] += letter_count(run.text)
        return counts
    return {block.lang: letters} if block.lang else {}
