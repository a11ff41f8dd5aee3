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


def _page_with_attributes(count: int, value: str = '"v"') -> str:
    attributes = "".join(f" data-a{index}={value}" for index in range(count))
    return f"<html><body>\n<h1>A title</h1>\n<p{attributes}>The paragraph that carries them, long enough to be read.</p></body></html>"


@pytest.mark.parametrize("value", ['"v"', "'>'", "v"])
def test_a_tag_with_too_many_attributes_is_refused_naming_the_file(value: str) -> None:
    # libxml2 is quadratic in the attributes of one tag: 250,000 took 228 s against a 30 s budget.
    from tmcontent.parse.tree import MAX_ATTRIBUTES, parse_html

    page = _page_with_attributes(MAX_ATTRIBUTES + 1, value)
    with pytest.raises(ParseError, match="more than"):
        parse_html(page.encode("utf-8"))  # the tree builder refuses bytes as well
    with pytest.raises(ParseError, match=r"^crafted\.html:3: a tag has more than \d+ attributes") as caught:
        tmcontent.parse(page, name="crafted.html")
    assert "\n" not in str(caught.value)
    with pytest.raises(ParseError, match=r"^crafted\.html:3: "):
        tmcontent.parse(page.encode("utf-8"), name="crafted.html")
    (article,) = tmcontent.parse(_page_with_attributes(MAX_ATTRIBUTES, value), name="fine.html")
    assert article.title == "A title"


def _many_tokens(count: int) -> str:
    return " ".join(f"{index}.5" for index in range(count))


@pytest.mark.parametrize(
    "markup",
    [
        '<script>for (i = 0; i<n {tokens}; i++) {{}}</script>',  # minified code: text to libxml2
        '<style>a<b {tokens} {{}}</style>',
        '<img alt="" src="data:image/svg+xml,<svg viewBox=&quot;0 0 9 9&quot;><path d=&quot;M {tokens}&quot;/></svg>">',
    ],
)
def test_tag_like_text_in_scripts_styles_and_quoted_values_is_not_a_crowded_tag(markup: str) -> None:
    from tmcontent.parse.tree import MAX_ATTRIBUTES

    filler = markup.format(tokens=_many_tokens(3 * MAX_ATTRIBUTES))
    page = f"<html><body><h1>A title</h1>{filler}<p>The paragraph of the page, long enough to be read as its body.</p></body></html>"
    (article,) = tmcontent.parse(page, name="real.html")
    assert article.title == "A title"
    crowded = page.replace("<p>", "<p" + "".join(f" a{i}=1" for i in range(MAX_ATTRIBUTES + 1)) + ">", 1)
    with pytest.raises(ParseError, match="more than"):
        tmcontent.parse(crowded, name="crafted.html")


@pytest.mark.parametrize(
    "source",
    ["/nonexistent/file.html", "missing-page.htm", "~/no/such/folder/page", "C:\\Pages\\news.txt", "My pages/news.html", "https://example.org/news"],
)
def test_a_string_that_looks_like_a_path_and_names_no_file_is_an_error(source: str) -> None:
    from tmcontent.errors import SourceNotFoundError

    with pytest.raises(SourceNotFoundError) as caught:
        tmcontent.parse(source, name="given")
    assert str(caught.value).startswith(source + ": ")
    assert isinstance(caught.value, FileNotFoundError) and isinstance(caught.value, ParseError)


@pytest.mark.parametrize("text", ["Press reliz", "27 noýabr 2023", "UNDP/UNICEF we hökümet", "Read the report.txt", "2023/2024"])
def test_one_line_text_is_still_a_page(text: str) -> None:
    tmcontent.parse(text)  # an article or none, but no error


def test_an_existing_path_given_as_str_is_read(tmp_path: Path) -> None:
    page = tmp_path / "news.txt"
    page.write_text(TURKMEN_DUMP, encoding="utf-8")
    (article,) = tmcontent.parse(str(page))
    assert article.title == "Daşoguzda täze kitaphana açyldy"


@pytest.mark.parametrize("page", ["<!DOCTYPE html>", "<!DOCTYPE html><!-- nothing -->", "</body></html>", "<?xml version='1.0'?>\n<!DOCTYPE html>"])
def test_an_empty_document_is_an_error_naming_the_given_name(page: str) -> None:
    with pytest.raises(ParseError, match=r"^user-page\.html: empty page: no element or text"):
        tmcontent.parse(page, name="user-page.html")
    with pytest.raises(ParseError, match=r"^user-page\.html: empty page"):
        tmcontent.parse(page.encode("utf-8"), name="user-page.html")


def test_a_lone_surrogate_is_replaced_and_the_rest_kept() -> None:
    html = "<html><body><h1>Title</h1><p>Before the mark \ud800 and after it the paragraph goes on to the end.</p></body></html>"
    (article,) = tmcontent.parse(html)
    assert "\ufffd and after it the paragraph goes on to the end." in article.text
    dump = TURKMEN_DUMP.replace("täze kitaphana açyldy.", "täze \udc80 kitaphana açyldy.")
    (article,) = tmcontent.parse(dump)
    text = json.dumps(article.to_dict(), ensure_ascii=False)
    text.encode("utf-8")  # every output can be written
    assert "täze \ufffd kitaphana açyldy." in text
    # a surrogate pair (UTF-16 text read as str) is the character it encodes
    (article,) = tmcontent.parse(TURKMEN_DUMP.replace("täze kitaphana", "täze \ud83d\udcda kitaphana"))
    assert "täze \U0001f4da kitaphana" in article.text
