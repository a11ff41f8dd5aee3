"""Property tests of the publisher's pure parts: slugs and the site model."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tmcontent.model import Article, Block, DateInfo
from tmcontent.publish.site import SiteConfig, Source, build_site
from tmcontent.publish.slugs import MAX_SLUG, assign, slugify

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120)
TURKMEN = st.text(alphabet="aäbçdeäfghiýjžklmnňoöprsştuüwyzAÄBÇŇÖŞÜÝŽ йцукенгшщзхъфывапролджэячсмитьбюё-–.:!?", max_size=90)


@given(st.one_of(TEXT, TURKMEN))
def test_slugs_are_ascii_path_segments(text: str) -> None:
    slug = slugify(text)
    assert re.fullmatch(r"([a-z0-9]+(-[a-z0-9]+)*)?", slug) and len(slug) <= MAX_SLUG
    assert slugify(slug) == slug


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "a-2", "page"]), st.text(max_size=3)), max_size=12))
def test_assigned_slugs_are_unique_and_keep_their_stem(claims: list[tuple[str, str]]) -> None:
    slugs = assign(claims, reserved={"page"})
    assert len(set(slugs)) == len(slugs) and "page" not in slugs
    assert all(slug == wanted or slug.startswith(wanted + "-") for slug, (wanted, _) in zip(slugs, claims, strict=True))


ARTICLE = st.builds(
    lambda title, text, locale, day, url: Article(
        source="f.html", title=title or None, page_locale=locale, url=url, published=DateInfo(day, f"2024-01-{day}", None) if day else None,
        blocks=[Block("paragraph", text, locale)] if text.strip() else [], body_langs=[locale]),
    TURKMEN, TEXT, st.sampled_from(["tk", "ru", "en", "de", None]), st.sampled_from(["", "01", "15", "31"]),
    st.sampled_from([None, "https://x.tm/tk/1", "https://x.tm/ru/1", "https://x.tm/en/2", "javascript:alert(1)"]),
)


@given(st.lists(ARTICLE, max_size=8), st.sampled_from(["keep", "notice", "hide"]))
def test_site_model_pages_are_unique_and_every_story_is_in_its_locales(articles: list[Article], mode: str) -> None:
    with build_site([Source(a, str(i)) for i, a in enumerate(articles)], SiteConfig("https://x.tm/", untranslated=mode)) as site:
        stories = list(site.stories())
    paths = [entry.path for story in stories for entry in story.entries.values()]
    assert len(paths) == len(set(paths))
    assert sum(len(story.real()) for story in stories) == len(articles)
    for story in stories:
        assert story.real()
        assert len(story.entries) == (len(story.real()) if mode == "hide" else 3)
