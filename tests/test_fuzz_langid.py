"""Property tests of language identification: any text gets a known language code (or
``und``), and its runs cover it in order, without gaps or overlaps."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from tmcontent.langid import UND, detect, segment
from tmcontent.langid.model import default_model

KNOWN = frozenset(default_model().langs) | {UND}
WORDS = st.sampled_from(
    [
        "Daşoguz", "şäherinde", "täze", "kitaphana", "açyldy", "we", "Школьники", "посадили", "деревьев", "и",
        "The", "ministry", "said", "it", "plans", "UNDP", "BMG-niň", "2023", "«", "»", ".", ",", "!", "?", "—",
        "\n", "\x00", "\ud800", "\u200b", "https://example.org/a", "press@un.org.tm", "ğ", "ə", "ӯ",
    ]
)
TEXTS = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map(" ".join), st.lists(WORDS, max_size=60).map("".join))
CANDIDATES = st.one_of(st.none(), st.lists(st.sampled_from(sorted(KNOWN - {UND})), min_size=1, max_size=3, unique=True))


@given(TEXTS, CANDIDATES)
def test_detect_answers_a_known_language(text: str, candidates: list[str] | None) -> None:
    found = detect(text, candidates=candidates)
    assert found.lang in (KNOWN if candidates is None else set(candidates) | {UND})
    assert 0.0 <= found.confidence <= 1.0
    assert detect(text, candidates=candidates) == found  # the same answer twice


@given(TEXTS, CANDIDATES)
def test_segments_cover_the_text_in_order(text: str, candidates: list[str] | None) -> None:
    runs = segment(text, candidates=candidates)
    if not text:
        assert runs == []
        return
    assert runs[0].start == 0 and runs[-1].end == len(text)
    for run, following in pairwise(runs):
        assert run.end == following.start
    for run in runs:
        assert run.start < run.end and text[run.start : run.end] == run.text
        assert run.lang in (KNOWN if candidates is None else set(candidates) | {UND})
        assert 0.0 <= run.confidence <= 1.0
