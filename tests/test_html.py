"""The HTML reader: UN-country-team pages, generic news pages, listings, metadata, safety."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import tmcontent
from tmcontent.parse import ParseOptions
from tmcontent.parse.html import html_to_page
from tmcontent.urls import safe_href

NO_LANGID = ParseOptions(detect_languages=False)

NEWS_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Bridge reopens after repairs - Daily Courier</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Bridge over the Murgap reopens after two years of repairs", "datePublished": "2024-05-02T08:00:00Z", "inLanguage": "en"}</script>
</head><body>
<div id="top-menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></div>
<div class="container">
 <div class="post-content">
  <h1>Bridge over the Murgap reopens after two years of repairs</h1>
  <p class="byline">By our correspondent</p>
  <p>The road bridge over the Murgap river reopened on Thursday, cutting the drive between two district centres by almost an hour.</p>
  <div class="ad-slot">Advertisement</div>
  <p>Engineers replaced the steel girders, widened the footpaths and added lighting, the regional administration said in a statement.</p>
  <p>Traffic had been diverted over a narrow dam since the spring of 2022, when inspectors found cracks in two of the supports.</p>
 </div>
 <div class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Storm warning for the coast</a></li><li><a href="/b">Cotton harvest begins early this year</a></li></ul></div>
</div>
<div id="comments"><div class="comment"><p>Finally! My commute was awful for two years, glad it is over now.</p></div></div>
<div class="cookie-notice">We use cookies to give you the best experience on our website, continue to accept.</div>
<footer><p>© 2024 Daily Courier. All rights reserved. Reproduction without permission is prohibited.</p></footer>
</body></html>"""


def test_english_press_release_template(examples_dir: Path) -> None:
    (article,) = tmcontent.parse(examples_dir / "press-release-en.html", options=NO_LANGID)
    assert article.kind is not None and (article.kind.id, article.kind.lang) == ("press_release", "en")
    assert article.title == "Young water specialists complete a field school on drip irrigation"
    assert article.published is not None and article.published.iso == "2024-03-14"
    assert article.dateline is not None and article.dateline.place == "Mary"
    assert article.url == "https://turkmenistan.example.org/en/261001-young-water-specialists"
    assert article.entities == ["Food and Agriculture Organization of the United Nations", "United Nations Development Programme"]
    assert article.goals == [2, 6]
    (contact,) = article.contacts
    assert contact.name == "Merdan Ataýew" and contact.emails == ["merdan.atayew@example.org"]
    assert [b.text for b in article.blocks if b.kind == "heading"] == ["What comes next"]
    assert len([b for b in article.blocks if b.kind == "list_item"]) == 3
    for chrome in ("Skip to main content", "Home", "cookies", "Facebook", "Farmers in Lebap", "All rights reserved"):
        assert chrome not in article.text


def test_turkmen_chrome_english_body(examples_dir: Path) -> None:
    (article,) = tmcontent.parse(examples_dir / "press-release-tk.html", options=NO_LANGID)
    assert article.page_locale == "tk"
    assert article.kind is not None and (article.kind.label, article.kind.lang) == ("Press reliz", "tk")
    assert article.published is not None and (article.published.lang, article.published.iso) == ("en", "2024-03-14")
    assert article.title_lang == "en"
    assert {b.lang for b in article.blocks if b.kind == "paragraph"} == {"en"}
    assert [s.id for s in article.sections] == ["contacts", "entities", "goals"]
    assert article.sections[1].lang == "tk"
    assert article.goals == [2, 6]


def test_inline_links_survive_the_dateline_cut(examples_dir: Path) -> None:
    (article,) = tmcontent.parse(examples_dir / "press-release-en.html", options=NO_LANGID)
    first = article.blocks[0]
    (link,) = [span for span in first.inline if span.kind == "link"]
    assert first.text[link.start : link.end] == "Food and Agriculture Organization of the United Nations"
    assert link.href == "https://www.fao.org/"


def test_russian_listing_with_an_english_item(examples_dir: Path) -> None:
    articles = tmcontent.parse(examples_dir / "listing-ru.html", options=NO_LANGID)
    assert [a.kind.id for a in articles if a.kind] == ["press_release", "story", "story"]
    assert [a.published.iso for a in articles if a.published] == ["2024-04-12", "2024-04-03", "2024-03-28"]
    assert all(a.page_locale == "ru" for a in articles)
    english = articles[2]
    assert english.kind is not None and english.kind.lang == "en"
    assert english.title == "Midwives in Lebap learn to use portable ultrasound"
    assert english.blocks[0].lang == "en" and articles[0].blocks[0].lang == "ru"
    for article in articles:
        assert "Узнать больше" not in article.text and "Learn more" not in article.text and "1 / 11" not in article.text


def test_generic_news_page_drops_boilerplate() -> None:
    (article,) = tmcontent.parse(NEWS_PAGE, options=NO_LANGID)
    assert article.title == "Bridge over the Murgap reopens after two years of repairs"
    assert article.published is not None and article.published.iso == "2024-05-02T08:00"
    assert article.page_locale == "en"
    paragraphs = [b.text for b in article.blocks if b.kind == "paragraph"]
    assert len(paragraphs) == 3 and paragraphs[0].startswith("The road bridge")
    for junk in ("Advertisement", "Most read", "Storm warning", "Finally!", "cookies", "All rights reserved", "Home"):
        assert junk not in article.text


def test_meta_title_without_h1_and_title_suffix() -> None:
    page = html_to_page("<html><head><title>Rain returns to Ahal | The Weather Desk</title></head><body>"
                        "<div><p>After six dry weeks, rain fell across the Ahal velayat on Sunday night, forecasters said.</p></div></body></html>")
    assert page.meta.title == "Rain returns to Ahal"


def test_beautifulsoup_input_gives_the_same_articles() -> None:
    from_text = [a.to_dict() for a in tmcontent.parse(NEWS_PAGE, options=NO_LANGID)]
    from_soup = [a.to_dict() for a in tmcontent.parse(BeautifulSoup(NEWS_PAGE, "html.parser"), name="<string>", options=NO_LANGID)]
    assert from_soup == from_text


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://un.org/x", "https://un.org/x"),
        ("mailto:press@un.org", "mailto:press@un.org"),
        ("tel:+99312488407", "tel:+99312488407"),
        ("javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("vbscript:msgbox", None),
        ("/tk/news", "https://example.org/tk/news"),
    ],
)
def test_only_safe_link_schemes(href: str, expected: str | None) -> None:
    assert safe_href(href, "https://example.org/en/page") == expected


def test_hostile_markup_does_not_reach_blocks() -> None:
    hostile = ('<html><body><article><h1>Title<script>alert(1)</script></h1>'
               '<p onclick="steal()">A paragraph with a <a href="javascript:steal()">bad link</a> and enough words to count.</p>'
               '<p>Entity-encoded schemes: <a href="&#106;avascript:steal()">one</a> and <a href="jav&#x09;ascript:x">two</a>, also dropped.</p>'
               '<style>p{}</style><iframe src="https://evil.example"></iframe></article></body></html>')
    (article,) = tmcontent.parse(hostile, options=NO_LANGID)
    assert article.title == "Title"
    assert "alert" not in article.text and "p{}" not in article.text
    assert all(span.kind != "link" for block in article.blocks for span in block.inline)


def test_empty_body_is_no_article() -> None:
    assert tmcontent.parse("<html><head><title></title></head><body></body></html>", options=NO_LANGID) == []


def test_a_main_wrapping_the_whole_site_is_not_taken_as_the_article() -> None:
    teasers = "".join(
        f"<div class='teaser'><h3><a href='/story/{n}'>Teaser headline number {n}</a></h3><p>A short teaser sentence about another story, number {n}.</p></div>"
        for n in range(14)
    )
    sentence = "Paragraph {n} of the real story tells, at some length and with commas, what happened in the city today, who was there and what comes next."
    body = "".join(f"<p>{sentence.format(n=n)} {sentence.format(n=n)}</p>" for n in range(10))
    page = f"<html><head><title>The real story</title></head><body><main><div class='col'>{body}</div><div class='col2'>{teasers}</div></main></body></html>"
    (article,) = tmcontent.parse(page, options=NO_LANGID)
    assert article.text.count("Paragraph") == 20
    assert "Teaser" not in article.text


def test_link_only_blocks_are_navigation() -> None:
    page = ("<html><body><article><h1>Flood defences finished</h1>"
            "<p>The new flood defences along the river were finished on Monday, two months ahead of the plan, the city said.</p>"
            "<p><a href='/report.pdf'>Read the full report</a></p><ul><li><a href='/a'>Another story</a></li></ul></article></body></html>")
    (article,) = tmcontent.parse(page, options=NO_LANGID)
    assert [b.text for b in article.blocks] == [
        "The new flood defences along the river were finished on Monday, two months ahead of the plan, the city said."
    ]
