"""The stored language profile (tmcontent.langid.profile): the file the model loads on first use."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tmcontent.langid import profile
from tmcontent.langid.model import PROFILE_FILE, NgramModel, default_model

CLASSES = ["en", "tk"]
TABLE = {" ab": [-2.5, -7.0], "abc": [-1.25, -3.0], "bc ": [-4.0, -0.5], "w:abc": [-6.0, -9.75], "w:ýaş": [-12.448, -0.001], "s:de": [-8.0, 0.0]}


def stored(table: dict[str, list[float]] = TABLE) -> bytes:
    return profile.dumps(CLASSES, table, licence="ours", credit="written for this test")


def test_a_table_reads_back_as_written() -> None:
    read = profile.loads(stored())
    assert read.classes == tuple(CLASSES) and read.keys == sorted(TABLE)
    assert (read.licence, read.credit) == ("ours", "written for this test")
    assert read.rows() == TABLE
    assert stored(dict(reversed(TABLE.items()))) == stored()  # deterministic: same table, same bytes


def test_a_stored_table_gives_the_model_of_the_trained_one() -> None:
    from_table = NgramModel(CLASSES, TABLE)
    from_file = NgramModel.from_stored(profile.loads(stored()))
    assert from_file.table == from_table.table
    assert from_file.known_word_extra == from_table.known_word_extra and set(from_file.known_word_extra) == {"w:abc", "w:ýaş"}
    for word in ("abc", "ýaş", "xyz"):
        assert from_file.word_scores(word) == from_table.word_scores(word)


@pytest.mark.parametrize("cut", [0, 10, 27, 40, -1])
def test_a_damaged_file_is_refused(cut: int) -> None:
    with pytest.raises(ValueError, match="tmcontent language profile"):
        profile.loads(stored()[:cut])
    with pytest.raises(ValueError, match="not a tmcontent language profile"):
        profile.loads(b"NOTMINE!" + stored()[8:])


def test_values_the_format_cannot_hold_are_refused() -> None:
    with pytest.raises(ValueError, match="outside the stored range"):
        stored({"abc": [-40.0, -1.0]})
    with pytest.raises(ValueError, match="2 classes"):
        stored({"abc": [-1.0]})
    with pytest.raises(ValueError, match="NUL"):
        stored({"a\0b": [-1.0, -1.0]})


def test_the_shipped_profile_is_the_one_the_script_builds(shared_dir: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import build_langid_profile as build

    trained = build.train(build.training_texts(build.read_corpus(shared_dir / "corpora" / "ntrex128-dev")))
    shipped = PROFILE_FILE.read_bytes()
    assert profile.dumps(trained["classes"], trained["table"], licence=trained["licence"], credit=trained["credit"]) == shipped
    model = default_model()
    assert model.table == NgramModel.from_profile(trained).table
    assert profile.loads(shipped).licence == "CC BY-SA 4.0" and "NTREX-128" in profile.loads(shipped).credit
