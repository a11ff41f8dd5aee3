"""The failure classes seen on real pages nobody here wrote, each as a small page of our own.

Every page below copies the *structure* that made an earlier reader lose the article (the
wrappers, class names and layouts real sites use), never a real page's text.
"""

from __future__ import annotations

import pytest

import tmcontent
from tmcontent.parse import ParseOptions

NO_LANGID = ParseOptions(detect_languages=False)
PARAGRAPHS = [
    "The new water treatment plant in the northern district started work on Monday, the city administration said, after two years of construction.",
    "Engineers tested the filters for three weeks, and the first samples met every standard, according to the laboratory that checked them.",
    "About forty thousand households will receive water from the plant, which replaces a station built more than half a century ago.",
    "The old station will be kept as a reserve for the summer months, when demand rises and the river carries more sand, officials added.",
]
SIDEBAR = (
    "<div class='sidebar-box'><h3>Most read</h3><ul>"
    + "".join(f"<li><a href='/story/{n}'>Another headline about something else, number {n}</a></li>" for n in range(8))
    + "</ul></div>"
)
MENU = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li><li><a href='/sport'>Sport</a></li></ul></nav>"


def _paragraphs(tag: str = "p") -> str:
    return "".join(f"<{tag}>{text}</{tag}>" for text in PARAGRAPHS)


def _read(page: str) -> tmcontent.Article:
    (article,) = tmcontent.parse(page, options=NO_LANGID)
    return article


def _has_body(article: tmcontent.Article) -> bool:
    return all(text in article.text for text in PARAGRAPHS)


# -- the article's ancestor named like furniture ------------------------------------------
WRAPPERS = {
    "page-wide ad margins": "<div class='Page-ad-margins'>{article}{sidebar}</div>",
    "main column named after ads": "<div class='non-ad-column-l'>{article}</div><div class='ad-column-r'>{sidebar}</div>",
    "off-canvas advertisement pusher": "<div class='m-advertisement-off-canvas--pusher'><div class='wrap'>{article}{sidebar}</div></div>",
    "layout named sidebar": "<div class='container penci_sidebar'><div class='col-main'>{article}</div><aside class='col-side'>{sidebar}</aside></div>",
    "rail beside the body": "<div class='l-sidebar-fixed l-article-body-segment'><div class='body'>{article}</div><div class='rail'>{sidebar}{sidebar}</div></div>",
    "Blogger widget": "<div class='widget Blog' id='Blog1'><div class='post hentry'>{article}</div></div><div class='widget PopularPosts'>{sidebar}</div>",
}


@pytest.mark.parametrize("name", sorted(WRAPPERS))
def test_an_ancestor_named_like_furniture_keeps_the_article(name: str) -> None:
    article_html = f"<h1>Water plant opens</h1>{_paragraphs()}"
    body = WRAPPERS[name].format(article=article_html, sidebar=SIDEBAR)
    article = _read(f"<html><body>{MENU}{body}<footer><p>© Example Daily</p></footer></body></html>")
    assert _has_body(article)
    assert "Another headline" not in article.text and "Home" not in article.text


def test_elementor_widgets_around_every_block_are_the_article() -> None:
    widgets = "".join(
        f"<div class='elementor-element elementor-widget elementor-widget-text-editor'><div class='elementor-widget-container'><p>{text}</p></div></div>"
        for text in PARAGRAPHS
    )
    page = f"<html><body>{MENU}<div class='elementor-section'><h1>Water plant opens</h1>{widgets}</div><aside class='widget-area'>{SIDEBAR}</aside></body></html>"
    article = _read(page)
    assert _has_body(article) and "Another headline" not in article.text


# -- one body over sibling containers ------------------------------------------------------
def test_a_body_split_over_sibling_chunks_comes_whole() -> None:
    chunks = "".join(
        f"<div class='StoryBodyCompanionColumn'><p>{text}</p></div><div class='ad-slot'><span>Advertisement</span></div>"
        f"<figure class='photo'><img src='p{n}.jpg' alt=''><figcaption>Photo: agency {n}</figcaption></figure>"
        for n, text in enumerate(PARAGRAPHS)
    )
    page = f"<html><body>{MENU}<article><h1>Water plant opens</h1><section itemprop='articleBody'>{chunks}</section></article>{SIDEBAR}</body></html>"
    article = _read(page)
    assert _has_body(article)
    assert "Advertisement" not in article.text and "Photo: agency" not in article.text


def test_one_card_per_paragraph_is_one_body() -> None:
    cards = "".join(f"<div class='card'><div class='card-body'><p>{text}</p></div></div>" for text in PARAGRAPHS)
    article = _read(f"<html><body>{MENU}<main><h1>Water plant opens</h1>{cards}</main>{SIDEBAR}</body></html>")
    assert _has_body(article)


# -- loose text ----------------------------------------------------------------------------
def test_loose_text_between_line_breaks_is_the_article() -> None:
    post = "<br><br>".join(PARAGRAPHS)
    page = (
        f"<html><body>{MENU}<div class='post-outer'><h3 class='post-title'>Water plant opens</h3>"
        f"<div class='post-body entry-content'>{post}<div class='separator'><img src='a.jpg'></div></div></div>"
        f"<div class='footer-address'><p>Example Daily, 12 Main Street, Springfield, tel. 555-0100, all enquiries welcome.</p></div></body></html>"
    )
    article = _read(page)
    assert _has_body(article) and "Main Street" not in article.text
    assert len([b for b in article.blocks if b.kind == "paragraph"]) == len(PARAGRAPHS)


def test_a_section_of_heading_loose_text_and_list() -> None:
    page = (
        f"<html><body>{MENU}<section><h2>How the plant works</h2>{PARAGRAPHS[0]} {PARAGRAPHS[1]}"
        f"<ul><li>{PARAGRAPHS[2]}</li><li>{PARAGRAPHS[3]}</li></ul></section>"
        f"<footer><ul><li><a href='/a'>About us</a></li><li><a href='/c'>Contact</a></li></ul></footer></body></html>"
    )
    article = _read(page)
    assert _has_body(article) and "About us" not in article.text


# -- the article's own chrome ---------------------------------------------------------------
def test_kicker_byline_credits_and_captions_are_not_body_text() -> None:
    page = (
        f"<html><body>{MENU}<article><div class='kicker'>Infrastructure</div><h1>Water plant opens</h1>"
        "<div class='byline'>By Ann Example, staff reporter</div><div class='post-meta'><span class='author-name'>Ann Example</span> · 5 min read</div>"
        "<figure><img src='plant.jpg' alt='The plant'><figcaption>The new plant seen from the river. Photo: Ann Example</figcaption></figure>"
        f"{_paragraphs()}<div class='share-buttons'><a href='#'>Share on Facebook</a> <a href='#'>Share on X</a></div>"
        "<div class='tags'>Tags: <a href='/t/water'>water</a> <a href='/t/city'>city</a></div>"
        "<div class='author-bio'><p>Ann Example writes about cities, water and the people who keep both running, for this paper since 2015.</p></div>"
        "</article></body></html>"
    )
    article = _read(page)
    assert _has_body(article)
    for chrome in ("By Ann Example", "5 min read", "seen from the river", "Share on", "Tags:", "writes about cities", "Infrastructure"):
        assert chrome not in article.text, chrome


# -- content inside a paragraph and deep in the tree ----------------------------------------
@pytest.mark.parametrize("inner", ["<svg viewBox='0 0 1 1'><path d='M0 0'/></svg>", "<iframe src='https://example.org/x'></iframe>", "<math><mi>x</mi></math>", "<form action='/s'><input name='q'></form>"])
def test_text_after_embedded_markup_in_a_paragraph_is_kept(inner: str) -> None:
    page = f"<html><body><article><h1>Water plant opens</h1><p>{PARAGRAPHS[0]} Before {inner} and after the embedded part.</p>{_paragraphs()}</article></body></html>"
    article = _read(page)
    assert "and after the embedded part." in article.text and "Before" in article.text
    assert "M0 0" not in article.text


@pytest.mark.parametrize("depth", [255, 300, 2500])
def test_deeply_nested_wrappers_lose_nothing(depth: int) -> None:
    page = "<html><body>" + "<div class='w'>" * depth + f"<article>{_paragraphs()}</article>" + "</div>" * depth + f"<p>{PARAGRAPHS[0]} Said after.</p></body></html>"
    article = _read(page)
    assert _has_body(article)


# -- titles and dates -------------------------------------------------------------------------
def test_headline_after_a_section_name_and_a_date_row() -> None:
    page = (
        "<html><head><title>Water plant opens | Example Daily</title></head><body>"
        "<div class='section-name'>Society</div><div class='meta'><i class='icon-calendar'></i><p>23 Март, 2022 г.</p><p>18:00</p></div>"
        f"<h2 class='news-title'>Water plant opens</h2>{_paragraphs()}</body></html>"
    )
    article = _read(page)
    assert article.title == "Water plant opens"
    assert article.published is not None and article.published.iso is not None and article.published.iso[:10] == "2022-03-23"


@pytest.mark.parametrize(
    ("head", "url", "expected"),
    [
        ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-05-02T08:00:00+05:00"}</script>', None, "2024-05-02"),
        ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage", "datePublished": "2023-11-27"}]}</script>', None, "2023-11-27"),
        ('<meta property="article:published_time" content="2021-09-14T10:00:00Z">', None, "2021-09-14"),
        ("", "https://example.org/news/2020/03/08/water-plant", "2020-03-08"),
    ],
)
def test_the_date_is_read_where_the_page_states_it(head: str, url: str | None, expected: str) -> None:
    page = f"<html><head>{head}</head><body><article><h1>Water plant opens</h1>{_paragraphs()}</article></body></html>"
    (article,) = tmcontent.parse(page, url=url, options=NO_LANGID)
    assert article.published is not None and article.published.iso is not None and article.published.iso[:10] == expected


def test_a_time_element_near_the_headline_dates_the_page() -> None:
    page = f"<html><body><article><h1>Water plant opens</h1><time datetime='2019-06-01T09:00'>1 June</time>{_paragraphs()}</article></body></html>"
    article = _read(page)
    assert article.published is not None and article.published.iso is not None and article.published.iso.startswith("2019-06-01")


def test_the_headline_is_the_h1_the_metadata_confirms_not_the_site_logo() -> None:
    page = (
        "<html><head><meta property='og:site_name' content='Example Daily'><meta property='og:title' content='Water plant opens in the north - Example Daily'></head>"
        f"<body><h1 class='logo'>Example Daily</h1><main><h1>Water plant opens in the north</h1>{_paragraphs()}</main></body></html>"
    )
    assert _read(page).title == "Water plant opens in the north"


def test_a_page_without_lang_gets_its_language_from_its_menu() -> None:
    menu = "<nav><ul>" + "".join(f"<li><a href='/{n}'>{label}</a></li>" for n, label in enumerate(["Baş sahypa", "Habarlar", "Syýasat", "Habarlaşmak üçin"])) + "</ul></nav>"
    article = _read(f"<html><body>{menu}<article><h1>Water plant opens</h1>{_paragraphs()}</article></body></html>")
    assert article.page_locale == "tk" and article.declared_locale is None


def test_an_early_end_of_document_does_not_end_the_article() -> None:
    page = f"<html><body><header>{MENU}</header></body></html><div class='blog-detail'><h1>Water plant opens</h1>{_paragraphs()}</div>"
    for source in (page, page.encode("utf-8")):
        (article,) = tmcontent.parse(source, options=NO_LANGID)
        assert _has_body(article)
