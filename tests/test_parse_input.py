"""Input handling of tmcontent.parse: kinds of source, encodings, limits and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import tmcontent
from tmcontent.errors import ParseError
from tmcontent.parse import ParseOptions
from tmcontent.parse.encoding import decode

RUSSIAN_DUMP = """Пресс-релиз
Школьники Ашхабада посадили сто деревьев
12 апреля 2024
Ашхабад, 11 апреля 2024: Учащиеся трёх школ столицы вместе с волонтёрами посадили сто саженцев в новом парке.
Акция прошла в рамках совместной программы по охране окружающей среды.
"""

TURKMEN_DUMP = """Waka
Daşoguzda täze kitaphana açyldy
3 aprel 2024
Daşoguz şäherinde çagalar üçin täze kitaphana açyldy. Kitaphanada türkmen, rus we iňlis dillerinde kitaplar bar.
"""


def test_text_str_bytes_and_path_agree(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(RUSSIAN_DUMP, encoding="utf-8")
    from_path = tmcontent.parse(path)
    from_str_path = tmcontent.parse(str(path))
    from_text = tmcontent.parse(RUSSIAN_DUMP, name=str(path))
    from_bytes = tmcontent.parse(RUSSIAN_DUMP.encode("utf-8"), name=str(path))
    dicts = [[a.to_dict() for a in found] for found in (from_path, from_str_path, from_text, from_bytes)]
    assert dicts[0] == dicts[1] == dicts[2] == dicts[3]
    (article,) = from_path
    assert article.kind is not None and article.kind.id == "press_release" and article.kind.lang == "ru"
    assert article.published is not None and article.published.iso == "2024-04-12"
    assert article.dateline is not None and article.dateline.place == "Ашхабад"
    assert article.page_locale == "ru"
    assert article.source == str(path)


@pytest.mark.parametrize("encoding", ["cp1251", "utf-16", "utf-8-sig"])
def test_russian_in_other_encodings(encoding: str) -> None:
    (article,) = tmcontent.parse(RUSSIAN_DUMP.encode(encoding))
    assert article.title == "Школьники Ашхабада посадили сто деревьев"


def test_undeclared_cp1254_and_declared_charset() -> None:
    text = "Türkiye ve Türkmenistan arasında işbirliği güçleniyor. Öğrenciler çalıştaya katıldı."
    assert decode(text.encode("cp1254")).text == text
    html = '<html><head><meta charset="windows-1251"><title>т</title></head><body><p>Привет, мир</p></body></html>'
    decoded = decode(html.encode("cp1251"))
    assert decoded.encoding == "cp1251" and "Привет" in decoded.text


def test_mixed_bytes_are_repaired_not_fatal() -> None:
    data = "Ашхабад: ".encode() + "новости дня".encode("cp1251") + " — конец".encode()
    text = decode(data).text
    assert text == "Ашхабад: новости дня — конец"


def test_turkmen_dump() -> None:
    (article,) = tmcontent.parse(TURKMEN_DUMP)
    assert article.kind is not None and (article.kind.id, article.kind.lang) == ("story", "tk")
    assert article.published is not None and article.published.iso == "2024-04-03"
    assert article.page_locale == "tk"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty input"),
        (b"   \n\t  \n", "empty input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary data"),
    ],
)
def test_bad_bytes_raise_parse_error_naming_the_source(data: bytes, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        tmcontent.parse(data, name="junk.bin")
    assert str(caught.value).startswith("junk.bin: ")
    assert message in str(caught.value)


def test_size_limit_refuses_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.seek(200 * 1024 * 1024)
        handle.write(b"x")
    with pytest.raises(ParseError, match=r"over the .*-byte limit"):
        tmcontent.parse(big)
    with pytest.raises(ParseError, match="limit"):
        tmcontent.parse(RUSSIAN_DUMP, options=ParseOptions(max_bytes=10))


def test_missing_file_and_wrong_type(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="no such file"):
        tmcontent.parse(tmp_path / "absent.html")
    with pytest.raises(TypeError, match="not int"):
        tmcontent.parse(42)


def test_page_without_article_is_an_empty_list() -> None:
    assert tmcontent.parse("Latest\n1 of 5\nLearn more\n") == []


def test_long_runs_of_letters_cost_one_scan() -> None:
    # "[\w.]+@" tried from every position of a run is quadratic: 200,000 letters took minutes.
    from tmcontent.parse.contacts import find_emails

    assert find_emails("x" * 200_000 + "@ and press@un.org.tm") == ["press@un.org.tm"]
    page = "Press reliz\n27 noýabr 2023\nA title\n" + "x" * 200_000 + "@\nThe exhibition opened on Monday.\n"
    (article,) = tmcontent.parse(page)
    assert article.title == "A title"


def test_truncated_html_does_not_crash() -> None:
    html = "<html><body><h1>Title of a cut page</h1><p>The first paragraph is complete and long enough to be read.</p><p>The sec"
    articles = tmcontent.parse(html)
    assert articles and articles[0].title == "Title of a cut page"


def test_cli_parse_reports_each_failure_and_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TURKMEN_DUMP, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "-m", "tmcontent.cli", "parse", "--format", "jsonl", str(empty), str(good), str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert str(empty) in errors[0] and "empty input" in errors[0]
    assert "nope.txt" in errors[1] and "Traceback" not in result.stderr
    (line,) = result.stdout.strip().splitlines()
    assert json.loads(line)["source"] == str(good)
