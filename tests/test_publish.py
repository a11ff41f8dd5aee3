"""Publishing a site: layout, translation groups, head links, sitemaps, feeds, incremental runs, check."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from lxml import etree

import tmcontent
from tmcontent.catalog import init_catalog, write_po
from tmcontent.errors import PublishError, SchemaError
from tmcontent.model import Article, Block, DateInfo, Label
from tmcontent.publish import check, publish
from tmcontent.publish.heads import HEADS, VERSION
from tmcontent.publish.manifest import MANIFEST
from tmcontent.publish.sitemaps import NEWS_NS, SITEMAP_NS, XHTML_NS, sitemap_files, sitemap_urls
from tmcontent.translate import template

SITE_URL = "https://news.example.tm/"


def article(id: str, locale: str, title: str | None, date: str, *, kind: str = "news", url: str | None = None,
            text: str | None = None, lang: str | None = None) -> Article:
    lang = lang or locale
    body = text or f"{title or 'Untitled'}: the story told in a few plain sentences for the reader."
    return Article(source=f"{id}.html", url=url, page_locale=locale, kind=Label(kind), title=title, title_lang=lang if title else None,
                   published=DateInfo(date, date, locale), blocks=[Block("paragraph", body, lang)], body_langs=[lang],
                   id=hashlib.sha256(id.encode()).hexdigest()[:16])  # the schema's form of an id: 16 hex digits


def corpus() -> list[Article]:
    return [
        article("a1", "tk", "Aşgabatda täze mekdep açyldy", "2024-05-02", url="https://old.example.tm/tk/news/1"),
        article("a1r", "ru", "В Ашхабаде открылась новая школа", "2024-05-02", url="https://old.example.tm/ru/news/1"),
        article("a1e", "en", "A new school opened in Ashgabat", "2024-05-02", url="https://old.example.tm/en/news/1"),
        article("b1", "ru", "Библиотека в Дашогузе открыла двери", "2024-05-01", kind="press_release", url="https://old.example.tm/ru/news/2"),
        article("c1", "en", "Midwives in Lebap learn ultrasound", "2024-04-20", kind="story"),
    ]


def write_json(path: Path, items: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(item, ensure_ascii=False) for item in items) + "\n", encoding="utf-8")
    return path


def publish_corpus(tmp_path: Path, articles: list[Article] | None = None, **options) -> tuple[Path, tmcontent.PublishSummary]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    source = write_json(tmp_path / "articles.jsonl", [a.to_dict() for a in (articles or corpus())])
    site = tmp_path / "site"
    options.setdefault("site_name", "Habarlar")
    summary = publish([source], site, site_url=SITE_URL, **options)
    return site, summary


def html(path: Path) -> etree._Element:
    return etree.HTML(path.read_bytes())


def head_links(tree: etree._Element) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href") for link in tree.xpath('//head/link[@rel="alternate"][@hreflang]')}


def page_of(site: Path, locale: str, title_word: str) -> Path:
    (found,) = [p for p in (site / locale).glob("*/index.html") if title_word in p.read_text(encoding="utf-8").split("<title>")[1].split("</title>")[0]]
    return found


def test_layout_and_slugs(tmp_path: Path) -> None:
    site, summary = publish_corpus(tmp_path)
    assert summary.stories == 3 and summary.pages == 9
    for locale in ("tk", "ru", "en"):
        assert (site / locale / "index.html").is_file()
        for name in ("atom.xml", "rss.xml", "feed.json"):
            assert (site / locale / name).is_file()
    assert (site / "tk/ashgabatda-taze-mekdep-achyldy/index.html").is_file()
    assert (site / "ru/v-ashkhabade-otkrylas-novaia-shkola/index.html").is_file()
    assert (site / "ru/press-release/index.html").is_file() and (site / "en/story/index.html").is_file()
    root = html(site / "index.html")
    assert root.get("lang") == "tk"
    for page in (root, html(site / "ru/index.html")):  # the site's own icon and stylesheet: no request goes unanswered
        assert page.xpath('//link[@rel="icon"]/@href') == ["/assets/icon.svg"] and page.xpath('//link[@rel="stylesheet"]/@href') == ["/assets/site.css"]
    assert etree.fromstring((site / "assets/icon.svg").read_bytes()).tag.endswith("svg") and (site / "assets/site.css").stat().st_size > 1000
    assert sorted(root.xpath('//ul[@class="chooser"]//a/@href')) == ["/en/", "/ru/", "/tk/"]
    assert head_links(root)["x-default"] == SITE_URL


def test_translations_grouped_by_source_url_with_full_hreflang_set(tmp_path: Path) -> None:
    site, _ = publish_corpus(tmp_path)
    pages = {locale: page_of(site, locale, word) for locale, word in (("tk", "mekdep"), ("ru", "школа"), ("en", "school"))}
    urls = {locale: SITE_URL + path.parent.relative_to(site).as_posix() + "/" for locale, path in pages.items()}
    for locale, path in pages.items():
        tree = html(path)
        assert tree.get("lang") == locale
        assert tree.xpath('//link[@rel="canonical"]/@href') == [urls[locale]]
        assert head_links(tree) == {**urls, "x-default": urls["tk"]}
        switcher = dict(zip(tree.xpath('//ul[@class="languages"]//a/@hreflang'), tree.xpath('//ul[@class="languages"]//a/@href'), strict=True))
        assert switcher == {other: "/" + url[len(SITE_URL):] for other, url in urls.items()}
        assert tree.xpath('//ul[@class="languages"]//a[@aria-current="page"]/@hreflang') == [locale]


def test_head_open_graph_and_news_article_json_ld(tmp_path: Path) -> None:
    articles = corpus()
    data = [a.to_dict() for a in articles]
    data[2].update(author="Maya Orazowa", image="https://img.example.tm/school.jpg")
    published = data[2]["published"]
    published["iso"] = "2024-05-02T09:30:00+05:00"
    source = write_json(tmp_path / "in.jsonl", data)
    publish([source], tmp_path / "site", site_url=SITE_URL, site_name="Habarlar")
    tree = html(page_of(tmp_path / "site", "en", "school"))
    meta = {m.get("property"): m.get("content") for m in tree.xpath("//meta[@property]")}
    url = tree.xpath('//link[@rel="canonical"]/@href')[0]
    assert meta["og:url"] == url and meta["og:type"] == "article" and meta["og:locale"] == "en_US"
    assert meta["og:image"] == "https://img.example.tm/school.jpg" and meta["og:site_name"] == "Habarlar"
    assert tree.xpath('//meta[@name="viewport"]/@content') == ["width=device-width, initial-scale=1"]
    assert tree.xpath("//title/text()")[0] == "A new school opened in Ashgabat — Habarlar"
    (script,) = tree.xpath('//script[@type="application/ld+json"]/text()')
    ld = json.loads(script)
    assert ld["@type"] == "NewsArticle" and ld["url"] == url and ld["mainEntityOfPage"]["@id"] == url
    assert ld["inLanguage"] == "en" and ld["datePublished"] == "2024-05-02T09:30:00+05:00"
    assert ld["publisher"]["name"] == "Habarlar" and ld["author"]["name"] == "Maya Orazowa" and ld["image"].endswith("school.jpg")
    assert [link.get("type") for link in tree.xpath('//head/link[@rel="alternate"][@type]')] == [
        "application/atom+xml", "application/rss+xml", "application/feed+json"]


@pytest.mark.parametrize("mode", ["keep", "notice", "hide"])
def test_untranslated_policy(tmp_path: Path, mode: str) -> None:
    site, _ = publish_corpus(tmp_path, untranslated=mode)
    stand_in = [p for p in (site / "tk").glob("*/index.html") if "Midwives" in p.read_text(encoding="utf-8") and "<article>" in p.read_text(encoding="utf-8")]
    if mode == "hide":
        assert stand_in == []
        assert "Midwives" not in (site / "tk/index.html").read_text(encoding="utf-8")
        return
    (path,) = stand_in
    tree = html(path)
    assert tree.xpath('//meta[@name="robots"]/@content') == ["noindex, follow"]
    assert head_links(tree) == {}  # only real translations are alternates
    notices = tree.xpath('//p[@class="notice"]/text()')
    assert bool(notices) == (mode == "notice")
    original = html(page_of(site, "en", "Midwives"))
    assert head_links(original) == {}  # a story in one language has no alternates
    assert SITE_URL + path.parent.relative_to(site).as_posix() + "/" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_translation_key_and_po_translation_join_a_story(tmp_path: Path) -> None:
    first = article("k1", "tk", "Ekologiýa sapagy", "2024-03-01")
    second = article("k2", "en", "An ecology lesson", "2024-03-01")
    items = [dict(first.to_dict(), translation_key="lesson"), dict(second.to_dict(), translation_key="lesson")]
    press = article("p1", "en", "Health workers trained to detect diabetes early", "2024-03-02",
                    text="Forty nurses completed a course on early detection of diabetes in Mary velayat.")
    items.append(press.to_dict())
    source = write_json(tmp_path / "in.jsonl", items)
    catalog = init_catalog(template([press]), "ru")
    for entry in catalog.messages:
        entry.msgstr = {"Health workers trained to detect diabetes early": "Медиков обучили раннему выявлению диабета"}.get(
            entry.msgid, "Сорок медсестёр прошли курс раннего выявления диабета в Марыйском велаяте.")
    write_po(catalog, tmp_path / "news.ru.po")
    site = tmp_path / "site"
    publish([source], site, site_url=SITE_URL, translations=[tmp_path / "news.ru.po"], untranslated="hide")
    lesson = html(page_of(site, "tk", "Ekologi"))
    assert set(head_links(lesson)) == {"tk", "en", "x-default"}
    translated = page_of(site, "ru", "Медиков")
    assert translated.parent.name == "medikov-obuchili-rannemu-vyiavleniiu-diabeta"
    links = head_links(html(translated))
    assert set(links) == {"ru", "en", "x-default"} and links["x-default"] == links["en"]
    assert 'lang="en"' not in translated.read_text(encoding="utf-8").split("<main>")[1]


def test_slug_collisions_resolved_oldest_first(tmp_path: Path) -> None:
    articles = [article(f"s{n}", "en", "Same headline", f"2024-01-0{n}") for n in (3, 1, 2)]
    site, _ = publish_corpus(tmp_path, articles=articles, locales=["en"])
    dated = {p.parent.name: html(p).xpath("//time/@datetime")[0] for p in (site / "en").glob("same-headline*/index.html")}
    assert dated == {"same-headline": "2024-01-01", "same-headline-2": "2024-01-02", "same-headline-3": "2024-01-03"}


def test_pagination_newest_first(tmp_path: Path) -> None:
    articles = [article(f"n{n:02}", "en", f"Story number {n}", f"2024-02-{n:02}") for n in range(1, 26)]
    site, _ = publish_corpus(tmp_path, articles=articles, locales=["en"])
    first, second = html(site / "en/index.html"), html(site / "en/page/2/index.html")
    titles = first.xpath('//ol[@class="stories"]//h2/a/text()') + second.xpath('//ol[@class="stories"]//h2/a/text()')
    assert titles == [f"Story number {n}" for n in range(25, 0, -1)]
    assert first.xpath('//a[@rel="next"]/@href') == ["/en/page/2/"] and second.xpath('//a[@rel="prev"]/@href') == ["/en/"]
    assert head_links(second) == {} and second.xpath('//link[@rel="canonical"]/@href') == [SITE_URL + "en/page/2/"]


def test_sitemap_alternates_x_default_and_lastmod(tmp_path: Path) -> None:
    site, _ = publish_corpus(tmp_path)
    root = etree.parse(str(site / "sitemap.xml")).getroot()
    ns = {"s": SITEMAP_NS, "x": XHTML_NS}
    by_loc = {u.findtext("s:loc", namespaces=ns): u for u in root.findall("s:url", ns)}
    school = next(loc for loc in by_loc if "/ru/v-ashkhabade" in loc)
    links = {link.get("hreflang"): link.get("href") for link in by_loc[school].findall("x:link", ns)}
    assert set(links) == {"tk", "ru", "en", "x-default"} and links["ru"] == school
    assert by_loc[school].findtext("s:lastmod", namespaces=ns) == "2024-05-02"
    assert SITE_URL in by_loc and SITE_URL + "tk/" in by_loc
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots


def test_sitemap_index_when_over_the_limits() -> None:
    from tmcontent.publish.site import SiteConfig, Source, build_site

    with build_site([Source(a, a.source) for a in corpus()], SiteConfig(SITE_URL)) as built:
        urls = list(sitemap_urls(built))
        by_count = sitemap_files(built, max_urls=4)
        by_bytes = sitemap_files(built, max_bytes=4000)
    assert len(by_count) == 1 + -(-len(urls) // 4)
    index = etree.fromstring(by_count["sitemap.xml"])
    assert index.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    parts = [etree.fromstring(data) for name, data in by_count.items() if name != "sitemap.xml"]
    assert sum(len(part) for part in parts) == len(urls)
    assert all(len(data) <= 4000 for name, data in by_bytes.items() if name != "sitemap.xml") and len(by_bytes) > 2


def test_news_sitemap_two_days_back_from_now(tmp_path: Path) -> None:
    site, _ = publish_corpus(tmp_path, now="2024-05-02T12:00:00+00:00")
    ns = {"s": SITEMAP_NS, "n": NEWS_NS}
    root = etree.parse(str(site / "sitemap-news.xml")).getroot()
    locs = [u.findtext("s:loc", namespaces=ns) for u in root.findall("s:url", ns)]
    assert len(locs) == 4  # the school in three languages and the library; not the story of 20 April
    first = root.find("s:url", ns)
    assert first.findtext("n:news/n:publication/n:name", namespaces=ns) == "Habarlar"
    assert first.findtext("n:news/n:publication/n:language", namespaces=ns) in ("tk", "ru", "en")
    assert first.findtext("n:news/n:publication_date", namespaces=ns) and first.findtext("n:news/n:title", namespaces=ns)
    site_late, _ = publish_corpus(tmp_path / "late", now="2024-06-01")
    assert not (site_late / "sitemap-news.xml").exists()
    assert "sitemap-news" not in (site_late / "robots.txt").read_text(encoding="utf-8")


def test_feeds_name_language_and_self(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    site, _ = publish_corpus(tmp_path)
    atom = etree.parse(str(site / "ru/atom.xml")).getroot()
    a = {"a": "http://www.w3.org/2005/Atom"}
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    assert atom.xpath("a:link[@rel='self']/@href", namespaces=a) == [SITE_URL + "ru/atom.xml"]
    assert atom.findtext("a:id", namespaces=a) == SITE_URL + "ru/"
    assert atom.xpath("a:entry[1]/a:title/text()", namespaces=a) == ["В Ашхабаде открылась новая школа"]
    rss = etree.parse(str(site / "ru/rss.xml")).getroot()
    assert rss.findtext("channel/language") == "ru" and rss.find("channel/item/pubDate").text.startswith("Thu, 02 May 2024")
    feed = json.loads((site / "ru/feed.json").read_text(encoding="utf-8"))
    schema = json.loads((Path(tmcontent.__file__).parent / "publish/jsonfeed.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(feed, schema)
    assert feed["language"] == "ru" and feed["feed_url"] == SITE_URL + "ru/feed.json"
    assert feed["items"][0]["date_published"] == "2024-05-02T00:00:00Z"


def _snapshot(site: Path) -> dict[str, bytes]:
    """The site's files (not the manifest and the heads: the build's caches)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file() and p.name not in (MANIFEST, HEADS)}


def test_same_input_same_bytes(tmp_path: Path) -> None:
    first, _ = publish_corpus(tmp_path / "one")
    second, _ = publish_corpus(tmp_path / "two")
    assert _snapshot(first) == _snapshot(second) and (first / MANIFEST).is_file()


def test_incremental_runs(tmp_path: Path) -> None:
    articles = corpus()
    site, full = publish_corpus(tmp_path, articles=articles)
    before = _snapshot(site)
    _, again = publish_corpus(tmp_path, articles=articles)
    assert again.rendered == 0 and again.files_written == 0 and _snapshot(site) == before
    articles[4].blocks[0].text = "A changed paragraph about the midwives of Lebap."
    _, changed = publish_corpus(tmp_path, articles=articles)
    after = _snapshot(site)
    differ = sorted(path for path in after if after[path] != before.get(path))
    assert changed.rendered < full.rendered / 2
    assert any(path.startswith("en/midwives") for path in differ)
    assert all(path.startswith(("tk/", "ru/", "en/")) for path in differ)
    assert not any("school" in path or "shkola" in path or "mekdep" in path for path in differ)
    articles.pop(3)  # the library story goes away
    _, removed = publish_corpus(tmp_path, articles=articles)
    assert removed.files_removed >= 3 and not list(site.glob("*/biblioteka*"))
    assert not (site / "ru/press-release").exists()
    _, forced = publish_corpus(tmp_path, articles=articles, force=True)
    assert forced.rendered == forced.outputs


def test_interrupted_or_damaged_site_is_repaired(tmp_path: Path) -> None:
    site, _ = publish_corpus(tmp_path)
    good = _snapshot(site)
    page = next((site / "ru").glob("v-ashkhabade*/index.html"))
    page.write_text("half a page", encoding="utf-8")
    listing = site / "en/index.html"
    size, mtime = listing.stat().st_size, listing.stat().st_mtime_ns
    listing.write_bytes(listing.read_bytes().replace(b"new school", b"new sch00l", 1))
    os.utime(listing, ns=(mtime + 10**9, mtime + 10**9))  # same size, another time: read and hashed
    assert listing.stat().st_size == size
    (site / "en/feed.json").unlink()
    _, repaired = publish_corpus(tmp_path)
    assert repaired.rendered == 3 and _snapshot(site) == good
    (site / MANIFEST).write_bytes(b"{not json\x00\xff" * 40)  # garbage: not an SQLite database
    _, rebuilt = publish_corpus(tmp_path)
    assert rebuilt.rendered == rebuilt.outputs and rebuilt.files_written == 0 and _snapshot(site) == good
    (site / MANIFEST).unlink()
    with sqlite3.connect(site / MANIFEST) as foreign:  # an SQLite database, but not a manifest
        foreign.execute("CREATE TABLE outputs (name TEXT)")
    foreign.close()
    _, rebuilt = publish_corpus(tmp_path)
    assert rebuilt.rendered == rebuilt.outputs and rebuilt.files_written == 0 and _snapshot(site) == good
    assert publish_corpus(tmp_path)[1].rendered == 0  # the manifest was replaced by a good one
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    publish_corpus(tmp_path, articles=corpus()[:1])
    assert (site / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_check_clean_site_and_findings(tmp_path: Path) -> None:
    site, _ = publish_corpus(tmp_path)
    assert check(site) == []
    page = next((site / "en").glob("a-new-school*/index.html"))
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace('<html lang="en">', "<html>").replace('rel="canonical" href="https://news.example.tm/en/', 'rel="canonical" href="https://news.example.tm/tk/'), encoding="utf-8")
    other = next((site / "ru").glob("v-ashkhabade*/index.html"))
    other.write_text(re.sub(r'<link rel="alternate" hreflang="en"[^>]*>', "", other.read_text(encoding="utf-8")), encoding="utf-8")
    (site / "tk/feed.json").write_text('{"version": "https://jsonfeed.org/version/1.1", "items": [{}]}', encoding="utf-8")
    (site / "en/rss.xml").write_text("<rss><channel>", encoding="utf-8")
    findings = [str(f) for f in check(site, SITE_URL)]
    relative = page.relative_to(site).as_posix()
    assert any(f.startswith(relative) and "lang" in f for f in findings)
    assert any(f.startswith(relative) and "canonical" in f for f in findings)
    assert any("does not name this page back" in f for f in findings)
    assert any(f.startswith("tk/feed.json") for f in findings) and any(f.startswith("en/rss.xml: does not parse") for f in findings)


def test_cli_publish_and_check(tmp_path: Path) -> None:
    source = write_json(tmp_path / "in.jsonl", [a.to_dict() for a in corpus()])
    run = [sys.executable, "-m", "tmcontent.cli", "publish"]
    result = subprocess.run([*run, str(source), "-o", str(tmp_path / "site"), "--site-url", SITE_URL, "--now", "2024-05-03"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert subprocess.run([*run, "--check", str(tmp_path / "site")], capture_output=True, text=True, check=False).returncode == 0
    (tmp_path / "site/robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    failed = subprocess.run([*run, "--check", str(tmp_path / "site")], capture_output=True, text=True, check=False)
    assert failed.returncode == 1 and re.search(r"robots\.txt: does not name https://news\.example\.tm/sitemap\.xml", failed.stdout)
    bad = subprocess.run([*run, str(source), "-o", str(tmp_path / "x"), "--site-url", "javascript:alert(1)"], capture_output=True, text=True, check=False)
    assert bad.returncode == 1 and "site URL" in bad.stderr and "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    broken = tmp_path / "broken.jsonl"
    broken.write_text(json.dumps(corpus()[0].to_dict(), ensure_ascii=False) + '\n{oops\n', encoding="utf-8")
    bad = subprocess.run([*run, str(broken), "-o", str(tmp_path / "y"), "--site-url", SITE_URL], capture_output=True, text=True, check=False)
    assert bad.returncode == 1 and "broken.jsonl:2" in bad.stderr and "Traceback" not in bad.stderr


def test_api_errors() -> None:
    with pytest.raises(PublishError, match="default locale"):
        publish([], "/nonexistent", site_url=SITE_URL, locales=["tk", "ru"], default_locale="en")
    with pytest.raises(PublishError, match="untranslated"):
        publish([], "/nonexistent", site_url=SITE_URL, untranslated="drop")


def test_examples_hook(tmp_path: Path) -> None:
    summary = tmcontent.publish.publish_examples(tmp_path / "site")
    assert summary.stories >= 5 and check(tmp_path / "site") == []


def test_json_lines_articles_kept_light_publish_the_same_pages(tmp_path: Path) -> None:
    articles = corpus()
    long_text = " ".join(f"Sentence number {n} of a long body, with a link." for n in range(40))
    articles[0].blocks = [Block("paragraph", long_text, "tk", inline=[tmcontent.Inline(0, 8, "link", "https://example.org/")]),
                          Block("quote", "“A quote.”", "tk", speaker="Aýna")]
    lines, _ = publish_corpus(tmp_path / "lines", articles=articles)
    array = tmp_path / "array.json"
    array.write_text(json.dumps([a.to_dict() for a in articles], ensure_ascii=False), encoding="utf-8")
    publish([array], tmp_path / "whole", site_url=SITE_URL, site_name="Habarlar")
    assert _snapshot(lines) == _snapshot(tmp_path / "whole")
    page = next((lines / "tk").glob("ashgabatda*/index.html")).read_text(encoding="utf-8")
    assert "Sentence number 39" in page and '<a href="https://example.org/">' in page and "Aýna" in page


def test_input_changed_during_publish_is_an_error(tmp_path: Path) -> None:
    from tmcontent.publish.inputs import load_sources

    source = write_json(tmp_path / "in.jsonl", [a.to_dict() for a in corpus()])
    (first, *_) = load_sources([source])
    assert first.full().blocks == corpus()[0].blocks
    source.write_text(source.read_text(encoding="utf-8").replace("Aşgabatda", "Mary"), encoding="utf-8")
    with pytest.raises(PublishError, match=r"in\.jsonl#1: changed while"):
        first.full()


def test_stand_in_in_its_own_language_has_no_notice(tmp_path: Path) -> None:
    russian_on_tk_site = article("r1", "tk", "Новости на русском", "2024-05-03", lang="ru", url="https://old.example.tm/tk/news/9")
    site, _ = publish_corpus(tmp_path, articles=[russian_on_tk_site], untranslated="notice")
    stand_in = html(page_of(site, "ru", "русском"))
    real = html(page_of(site, "tk", "русском"))
    assert stand_in.xpath('//p[@class="notice"]') == []  # a Russian text on the Russian site needs no "only in" notice
    assert real.xpath('//p[@class="notice"]/text()') and stand_in.xpath('//meta[@name="robots"]/@content') == ["noindex, follow"]
    assert html(page_of(site, "en", "русском")).xpath('//p[@class="notice"]/text()')[0].startswith("This article is available in Russian")


def test_a_schema_invalid_line_is_named_with_its_file_and_line(tmp_path: Path) -> None:
    good, bad = (item.to_dict() for item in corpus()[:2])
    bad["blocks"][0]["lang"] = "not a language"
    source = tmp_path / "articles.jsonl"
    source.write_text("\n".join(json.dumps(item, ensure_ascii=False) for item in (good, bad)) + "\n", encoding="utf-8")
    with pytest.raises(SchemaError) as raised:
        publish([source], tmp_path / "site", site_url=SITE_URL)
    assert str(raised.value).startswith(f"{source}:2: blocks[0].lang:")
    assert not (tmp_path / "site" / "tk").exists()


def _count_decoded(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the article lines the publisher decodes (the rest come from the last run's heads)."""
    from tmcontent.publish import inputs

    decoded: list[int] = []
    real = inputs._line_object

    def counting(raw: bytes, source: str, number: int) -> dict:
        decoded.append(number)
        return real(raw, source, number)

    monkeypatch.setattr(inputs, "_line_object", counting)
    return decoded


def _heads_files(site: Path) -> list[str]:
    """The heads' files in the site folder: the store alone (no journal, no unfinished copy)."""
    return sorted(path.name for path in site.glob(".tmcontent-heads*"))


def test_unchanged_input_lines_are_not_decoded_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = corpus()
    site, _ = publish_corpus(tmp_path, articles=articles)
    good = _snapshot(site)
    decoded = _count_decoded(monkeypatch)
    _, again = publish_corpus(tmp_path, articles=articles)
    assert decoded == [] and again.rendered == 0 and _snapshot(site) == good
    articles[2].title = "A new school opened in Ashgabat today"
    _, changed = publish_corpus(tmp_path, articles=articles)
    assert decoded == [3] and changed.rendered > 0  # the third line alone is read, checked and cut again
    assert "A new school opened in Ashgabat today" in page_of(site, "en", "today").read_text(encoding="utf-8")
    assert _heads_files(site) == [HEADS]
    with closing(sqlite3.connect(site / HEADS)) as db:  # the third line's old row is gone, the new one kept
        assert db.execute("SELECT count(*) FROM heads").fetchone() == (len(articles),)


def _first_line_digest(tmp_path: Path) -> bytes:
    return hashlib.sha256((tmp_path / "articles.jsonl").read_bytes().splitlines(keepends=True)[0]).digest()


def test_a_damaged_row_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, _ = publish_corpus(tmp_path)
    good = _snapshot(site)
    with closing(sqlite3.connect(site / HEADS)) as db, db:  # the first line's facts cut short
        assert db.execute("UPDATE heads SET facts = ? WHERE digest = ?", (b'{"id":"0123', _first_line_digest(tmp_path))).rowcount == 1
    decoded = _count_decoded(monkeypatch)
    _, repaired = publish_corpus(tmp_path)
    assert decoded == [1] and repaired.files_written == 0 and _snapshot(site) == good
    decoded.clear()
    publish_corpus(tmp_path)
    assert decoded == []  # the row was replaced


def _garbage_before(heads: Path) -> None:
    heads.write_bytes(b"something else\n" + heads.read_bytes())


def _pages_overwritten(heads: Path) -> None:
    """The schema page left, every other page garbage (what a power cut may leave)."""
    data = heads.read_bytes()
    heads.write_bytes(data[:4096] + bytes(range(7, 250)) * ((len(data) - 4096) // 243 + 1))


def _another_program(heads: Path) -> None:
    heads.unlink()
    with closing(sqlite3.connect(heads)) as db, db:
        db.execute("CREATE TABLE heads (digest TEXT PRIMARY KEY, facts TEXT, head TEXT)")  # its table has our table's name


def _another_version(heads: Path) -> None:
    with closing(sqlite3.connect(heads)) as db:
        db.execute(f"PRAGMA user_version = {VERSION + 1}")


@pytest.mark.parametrize("damage", [_garbage_before, _pages_overwritten, _another_program, _another_version])
def test_a_damaged_or_foreign_heads_file_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
                                                     damage: Callable[[Path], None]) -> None:
    site, _ = publish_corpus(tmp_path)
    good = _snapshot(site)
    damage(site / HEADS)
    decoded = _count_decoded(monkeypatch)
    with caplog.at_level(logging.WARNING, logger="tmcontent.publish.heads"):
        _, repaired = publish_corpus(tmp_path)
    assert len(decoded) == len(corpus()) and repaired.files_written == 0 and _snapshot(site) == good
    assert [record.getMessage().startswith(f"{site / HEADS}: not read") for record in caplog.records] == [True]
    decoded.clear()
    publish_corpus(tmp_path)
    assert decoded == [] and _heads_files(site) == [HEADS]  # replaced by this version's store


def test_a_failed_run_keeps_the_last_heads(tmp_path: Path) -> None:
    site, _ = publish_corpus(tmp_path)
    before = ((site / HEADS).stat().st_mtime_ns, (site / HEADS).read_bytes())
    new = article("n1", "tk", "Täze habar", "2024-05-03").to_dict()
    bad = corpus()[0].to_dict()
    bad["blocks"][0]["lang"] = "not a language"
    source = write_json(tmp_path / "bad.jsonl", [new, bad])  # a new line stored, then the run fails
    with pytest.raises(SchemaError):
        publish([source], site, site_url=SITE_URL, site_name="Habarlar")
    assert ((site / HEADS).stat().st_mtime_ns, (site / HEADS).read_bytes()) == before and _heads_files(site) == [HEADS]


def test_a_failed_first_run_leaves_no_heads(tmp_path: Path) -> None:
    bad = corpus()[0].to_dict()
    bad["blocks"][0]["lang"] = "not a language"
    source = write_json(tmp_path / "bad.jsonl", [corpus()[1].to_dict(), bad])
    with pytest.raises(SchemaError):
        publish([source], tmp_path / "site", site_url=SITE_URL, site_name="Habarlar")
    assert _heads_files(tmp_path / "site") == []


def test_an_unchanged_run_rewrites_neither_heads_nor_manifest(tmp_path: Path) -> None:
    site, _ = publish_corpus(tmp_path)
    caches = [site / HEADS, site / MANIFEST]
    before = [(path.stat().st_mtime_ns, path.read_bytes()) for path in caches]
    _, again = publish_corpus(tmp_path)
    assert again.rendered == 0 and [(path.stat().st_mtime_ns, path.read_bytes()) for path in caches] == before
