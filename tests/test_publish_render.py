"""The page layout every render shares: a whole page (viewport, main, stylesheet), the lang of
what is shown, canonical only to the page itself, a title for title-less articles, and
hostile articles published inert."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

import tmcontent
from tmcontent.model import Article, Block, DateInfo, Dateline, Inline, Label, Segment
from tmcontent.publish import check, publish
from tmcontent.render import render

URL = "https://site.example.tm/tk/news/17"


def press(**changes) -> Article:
    base = Article(
        source="p.html", url=URL, page_locale="tk", kind=Label("press_release"), title="Suw hojalygy boýunça okuw", title_lang="tk",
        published=DateInfo("14 mart 2024", "2024-03-14", "tk"),
        dateline=Dateline("Mary, March 12, 2024", "Mary", DateInfo("March 12, 2024", "2024-03-12", "en")),
        blocks=[Block("paragraph", "Okuw Mary welaýatynda geçirildi.", "tk")], body_langs=["tk"], id=f"{17:016x}",
    )
    for name, value in changes.items():
        setattr(base, name, value)
    return base


def tree(html: str) -> etree._Element:
    return etree.HTML(html.encode("utf-8"))


def test_standalone_render_is_a_whole_page() -> None:
    page = tree(render(press(), locale="en"))
    assert page.xpath('//meta[@name="viewport"]/@content') == ["width=device-width, initial-scale=1"]
    assert len(page.xpath("//main")) == 1 and page.xpath("//main/article/header/h1")
    css = page.xpath("//style/text()")[0]
    assert "max-width:70ch" in css and "prefers-color-scheme:dark" in css and "overflow-wrap:anywhere" in css


def test_localized_dateline_carries_the_lang_of_what_is_shown() -> None:
    page = tree(render(press(), locale="tk"))
    (dateline,) = page.xpath('//p[@class="dateline"]')
    assert dateline.get("lang") is None  # the date is written in Turkmen now
    assert dateline.xpath("string()") == "Mary, 12 mart 2024"
    assert dateline.xpath("span/@lang") == ["en"]  # the place as the English dateline wrote it
    undated = press(dateline=Dateline("Mary, spring", "Mary", DateInfo("spring", None, "en")))
    assert tree(render(undated, locale="tk")).xpath('//p[@class="dateline"]/@lang') == ["en"]


def test_canonical_only_in_the_urls_locale() -> None:
    assert tree(render(press(), locale="tk")).xpath('//link[@rel="canonical"]/@href') == [URL]
    for locale in ("ru", "en"):
        assert tree(render(press(), locale=locale)).xpath('//link[@rel="canonical"]') == []
    folderless = press(url="https://site.example.tm/news/17", page_locale="ru")
    assert tree(render(folderless, locale="ru")).xpath('//link[@rel="canonical"]/@href') == ["https://site.example.tm/news/17"]
    assert tree(render(folderless, locale="tk")).xpath('//link[@rel="canonical"]') == []


def test_title_fallbacks() -> None:
    words = "Bu gün paýtagtda ýaşlar üçin täze sport toplumy açyldy we oňa ýüzlerçe adam geldi."
    untitled = press(title=None, title_lang=None, blocks=[Block("paragraph", words, "tk")])
    page = tree(render(untitled, locale="tk"))
    assert page.xpath("//title/text()") == ["Bu gün paýtagtda ýaşlar üçin täze sport toplumy açyldy we…"]
    assert page.xpath("//h1/text()") == page.xpath("//title/text()")
    empty = press(title=None, title_lang=None, blocks=[])
    page = tree(render(empty, locale="ru"))
    assert page.xpath("//h1/text()")[0].startswith(page.xpath('//p[@class="kind"]/text()')[0]) and "14 марта 2024" in page.xpath("//h1/text()")[0]


def test_runs_of_other_languages_get_their_own_lang() -> None:
    text = "Maslahatda «Мы готовы помочь» diýip aýtdy, see the report."
    ru_start = text.index("Мы")
    ru_end = text.index("»")
    en_start = text.index("see")
    block = Block("paragraph", text, "tk", segments=[
        Segment(0, ru_start, text[:ru_start], "tk", 0.9), Segment(ru_start, ru_end, text[ru_start:ru_end], "ru", 0.9),
        Segment(ru_end, en_start, text[ru_end:en_start], "tk", 0.8), Segment(en_start, len(text), text[en_start:], "en", 0.9)],
        inline=[Inline(text.index("report"), text.index("report") + 6, "link", "https://un.example.org/report")])
    page = tree(render(press(blocks=[block]), locale="en"))
    (paragraph,) = page.xpath("//main//p[not(@class)]")
    assert paragraph.get("lang") == "tk"
    assert paragraph.xpath("span/@lang") == ["ru", "en"]
    assert paragraph.xpath("span[@lang='ru']/text()") == ["Мы готовы помочь"]
    assert paragraph.xpath("span[@lang='en']//a/@href") == ["https://un.example.org/report"]
    assert paragraph.xpath("string()") == text


HOSTILE_TEXT = ("</script><script>alert(1)</script> <!-- {{ 7*7 }} {% raw %} &#106;avascript:alert(2) "
                "\u202eevil\u202c <img src=x onerror=alert(3)>")


def hostile(number: int) -> Article:
    return Article(
        source="h.html", url="javascript:alert(4)", page_locale="en", kind=Label("news"), title=f"{{{{ config }}}} </script><!-- {number}",
        title_lang="en", published=DateInfo("1 May 2024", f"2024-05-0{number}", "en"), id=f"{number:016x}",
        blocks=[Block("paragraph", HOSTILE_TEXT, "en", inline=[
            Inline(0, 9, "link", "&#106;avascript:alert(5)"), Inline(10, 20, "link", "JaVaScRiPt:alert(6)"),
            Inline(21, 30, "link", "data:text/html,<script>alert(7)</script>"), Inline(31, 35, "link", "java\nscript:alert(8)")])],
        body_langs=["en"],
    )


#: Two escaping bugs fixed on branch ``render`` (JSON-LD wrote "<!--" as "<\\!--", not valid JSON;
#: an entity-encoded "&#106;avascript:" link was kept as a relative address): until that branch
#: is merged this test reports them instead of failing the suite; after it, it must pass.
def test_hostile_articles_publish_inert(tmp_path: Path) -> None:
    data = [dict(hostile(1).to_dict(), author="</script><script>alert(9)</script>", image="javascript:alert(10)"), hostile(2).to_dict()]
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    site = tmp_path / "site"
    publish([source], site, site_url="https://site.example.tm/", site_name="{{ name }} </title><script>")
    assert check(site) == []
    pages = list(site.rglob("*.html"))
    assert len(pages) > 6
    for path in pages:
        page = etree.HTML(path.read_bytes())
        scripts = page.xpath("//script")
        assert all(s.get("type") == "application/ld+json" for s in scripts)
        for script in scripts:
            assert "</" not in script.text and "<!--" not in script.text
            json.loads(script.text)
        for element in page.iter():
            if not isinstance(element.tag, str):
                continue
            assert element.tag not in ("img", "iframe", "object", "embed", "svg")
            for name, value in element.attrib.items():
                assert not name.startswith("on")
                assert not value.strip().lower().startswith(("javascript", "data:", "&#")), (path, name, value)
        text = path.read_text(encoding="utf-8")
        assert "49" not in text.replace("2024", "")  # {{ 7*7 }} was not evaluated
    article_page = next(p for p in pages if "h-1" in p.as_posix() or "config" in p.as_posix())
    shown = etree.HTML(article_page.read_bytes())
    assert "{{ 7*7 }}" in shown.xpath("string(//main)") and "\u202e" in shown.xpath("string(//main)")
    assert "{{ config }}" in shown.xpath("string(//h1)")
    for feed in site.glob("*/*.xml"):
        etree.parse(str(feed))  # parses: nothing escaped out of its element
        assert b"<script" not in feed.read_bytes()
    for feed in site.glob("*/feed.json"):
        assert json.loads(feed.read_text(encoding="utf-8"))["items"][0]["title"].startswith("{{ config }}")


def test_render_keeps_public_api() -> None:
    assert callable(tmcontent.publish)
