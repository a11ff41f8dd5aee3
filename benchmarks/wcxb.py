"""The WCXB development pages (../shared/corpora/wcxb-dev): loading, the split, the measures.

WCXB, Web Content eXtraction Benchmark v1.0 (Murrough Foley), CC BY 4.0: 1,497 real pages
(2025–26, 1,295 domains) with the main text, title, author and date written by people. The
pages are read from ../shared at run time; nothing of them is copied into this repository.

**The split.** A page is in the *held-out* split when the first byte of the SHA-256 of its
file id is below 52 (about one page in five). Rules of the extractor were developed by
looking at pages of the *tune* split only; the held-out figures come from pages whose
failures nobody here has read. Both are printed.

**The measures**, as the article-extraction benchmarks define them: the expected and the
extracted text are cut into words (``\\w+``, case kept), each into its set of 4-word shingles;
precision, recall and F1 per page, averaged over pages (a page where nothing is extracted
scores 0). Titles: exact after collapsing whitespace and unifying quotes and dashes. Dates:
the first ten characters (``YYYY-MM-DD``) equal, on pages whose truth has a date.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "wcxb-dev"
CREDIT = "WCXB (Murrough Foley), CC BY 4.0"
#: Pages whose id hashes below this first byte are held out (52/256 ≈ 20%).
HELD_OUT_BYTE = 52
WORD_RE = re.compile(r"\w+")
QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-", "—": "-", "\xa0": " "})


@dataclass(frozen=True)
class Page:
    """One WCXB page and what people wrote about it."""

    id: str
    html: bytes
    url: str | None
    page_type: str
    main_content: str
    title: str | None
    published: str | None

    @property
    def held_out(self) -> bool:
        return is_held_out(self.id)


def is_held_out(page_id: str) -> bool:
    return hashlib.sha256(page_id.encode()).digest()[0] < HELD_OUT_BYTE


def available() -> bool:
    return (CORPUS / "html").is_dir()


def page_ids() -> list[str]:
    return sorted(path.name.split(".")[0] for path in (CORPUS / "html").glob("*.html.gz"))


def load(page_id: str, page_types: dict[str, str] | None = None) -> Page:
    truth = json.loads((CORPUS / "ground-truth" / f"{page_id}.json").read_text(encoding="utf-8"))
    facts = truth.get("ground_truth") or {}
    if page_types is None:
        page_types = _page_types()
    return Page(
        id=page_id,
        html=gzip.decompress((CORPUS / "html" / f"{page_id}.html.gz").read_bytes()),
        url=truth.get("url"),
        page_type=page_types.get(page_id, "unlisted"),
        main_content=facts.get("main_content") or "",
        title=facts.get("title") or None,
        published=facts.get("publish_date") or None,
    )


def pages(ids: list[str] | None = None) -> Iterator[Page]:
    page_types = _page_types()
    for page_id in ids if ids is not None else page_ids():
        yield load(page_id, page_types)


def _page_types() -> dict[str, str]:
    files = json.loads((CORPUS / "metadata.json").read_text(encoding="utf-8")).get("files", {})
    return {key: value.get("page_type") or "unlisted" for key, value in files.items()}


def shingles(text: str, size: int = 4) -> set[tuple[str, ...]]:
    words = WORD_RE.findall(text)
    if len(words) < size:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def prf(extracted: str, expected: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of 4-word shingle sets; nothing extracted scores 0."""
    got, want = shingles(extracted), shingles(expected)
    if not got or not want:
        return (0.0, 0.0, 0.0) if want or got else (1.0, 1.0, 1.0)
    common = len(got & want)
    precision, recall = common / len(got), common / len(want)
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def same_title(found: str | None, expected: str | None) -> bool:
    return bool(found and expected) and _norm(found) == _norm(expected)  # type: ignore[arg-type]


def same_date(found: str | None, expected: str | None) -> bool:
    return bool(found and expected) and found[:10] == expected[:10]  # type: ignore[index]


def _norm(text: str) -> str:
    return " ".join(text.translate(QUOTES).split())
