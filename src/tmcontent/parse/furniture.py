"""What on an HTML page is never article text, and what is probably page furniture.

Two answers for one element, asked as the reader walks the tree:

* :func:`never_text`: scripts, styles, embedded media and form controls — skipped outright;
* :func:`furniture_reason`: navigation, footers, asides, ARIA landmarks, hidden elements,
  forms, and elements whose class or id names a menu, share bar, related list, cookie banner,
  comments, ads… — a *suspicion*, not a verdict. The reader (:mod:`.content`) drops a
  suspected element only when it does not hold the article: never one that holds
  ``<article>``, ``<main>``, ``itemprop=articleBody`` or the page's ``<h1>``, nor one holding
  most of the page's scored text. Layout wrappers are often named after what sits beside the
  article (``penci_sidebar``, ``Page-ad-margins``, ``widget Blog``), which is why a name alone
  never deletes content.

Class names are read word by word (split at ``-``, ``_`` and camelCase, one-letter BEM
prefixes such as ``l-``/``m-`` dropped). A name is suspicious when its *first or last* word
is a furniture word ("ad-slot", "related-posts", "post-share") — a furniture word in the
middle is a layout name ("non-ad-column", "elementor-widget-container") — and an element with
any name that starts or ends with a content word ("article-body", "entry-content") is never
suspected by name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

#: Elements whose subtree never holds article text.
NEVER_TEXT_TAGS = frozenset(
    "script style template svg math iframe object embed canvas select textarea input option "
    "datalist video audio source track map area head title meta link base picture img".split()
)
#: Elements that are furniture by their tag.
FURNITURE_TAGS = frozenset({"nav", "footer", "aside", "menu", "dialog", "form", "header", "noscript"})
FURNITURE_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog", "alertdialog", "toolbar", "tablist"}
)
FURNITURE_WORDS = frozenset(
    "nav navbar navigation navi menu menus submenu megamenu breadcrumb breadcrumbs crumbs footer sidebar "
    "share sharing sharer shares social socials sociallinks related recommended recommendations popular "
    "trending comments comment disqus respond cookie cookies consent gdpr advert adverts advertisement "
    "advertising ads ad adsense adslot dfp sponsor sponsored promo promoted newsletter subscribe "
    "subscription signup login pagination pager toolbar skip modal popup widget widgets tagcloud "
    "masthead topbar outbrain taboola offcanvas".split()
)
#: Words that mark an article's own chrome when they appear anywhere in a class name of an
#: element inside the main region: bylines, author boxes, captions, share and rating widgets,
#: tag lists, disclaimers. Counted on the WCXB tune pages (characters inside the chosen main
#: region that people did / did not count as main text): byline 4,776 / 376, bio 19,545 / 943,
#: disclaimer 46,438 / 2,986, related 20,194 / 2,886, tags 6,741 / 932, rating 25,707 / 7,882,
#: popup 34,550 / 0, modal 20,815 / 58; "caption" alone is 37,370 / 28,134, so only the
#: ``<figcaption>`` tag (51,997 / 7,471) is chrome.
CHROME_WORDS = frozenset(
    "byline bio bios disclaimer disclaimers related tags rating ratings stars popup modal cookie "
    "promo promos sponsored sponsor signup subscribe newsletter pagination breadcrumb breadcrumbs prev posted "
    "commentlist comments comment buttons share sharing social".split()
)
#: Tags that are chrome inside the main region (figcaption 51,997 / 7,471; footer 39,487 / 140;
#: button 74,527 / 18,138 characters, same count as above).
CHROME_TAGS = frozenset({"figcaption", "footer", "button"})
CONTENT_WORDS = frozenset("article articles content contents main body post entry story text prose richtext blogpost".split())
WORD_SPLIT_RE = re.compile(r"[^a-z0-9]+")
CAMEL_RE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


#: Furniture that may hold stories of their own: on a listing page (a news site's home page) a
#: dated "chronicle" in an ``<aside>`` or a "most read" box in a sidebar are stories people
#: see; menus, footers, banners and hidden elements never are.
SOFT_FURNITURE = frozenset(
    {"aside", "role:complementary"}
    | {f"class:{word}" for word in "sidebar widget widgets related recommended recommendations popular trending promo promoted offcanvas".split()}
)


#: Furniture that is navigation by its very markup: never the article, however much prose
#: a mega menu holds (only the article's markers inside it, ``<main>`` or its ``<h1>``, save it).
NAVIGATION = frozenset({"nav", "menu", "footer", "role:navigation", "role:menu", "role:menubar", "role:contentinfo", "role:search"})


def is_navigation(reason: str) -> bool:
    """Whether furniture with this reason is navigation whatever it holds."""
    return reason in NAVIGATION


def is_soft(reason: str) -> bool:
    """Whether furniture with this reason may hold a listing's stories."""
    return reason in SOFT_FURNITURE


def chrome_reason(element: etree._Element) -> str | None:
    """Why ``element`` looks like an article's own chrome (a byline, a caption…), or None."""
    if element.tag in CHROME_TAGS:
        return element.tag
    attrib = element.attrib
    if not attrib:
        return None
    names = f"{attrib.get('class') or ''} {attrib.get('id') or ''}"
    return chrome_word(names) if names.strip() else None


@lru_cache(maxsize=4096)
def chrome_word(names: str) -> str | None:
    """The first chrome word found anywhere in the class/id names, or None."""
    for name in names.split():
        for word in name_words(name):
            if word in CHROME_WORDS:
                return word
    return None


def never_text(tag: str) -> bool:
    """Whether an element with this tag never holds article text."""
    return tag in NEVER_TEXT_TAGS


def furniture_reason(element: etree._Element) -> str | None:
    """Why ``element`` looks like page furniture ("nav", "hidden", "class:sidebar" …), or None."""
    attrib = element.attrib
    if not attrib:
        return element.tag if element.tag in FURNITURE_TAGS else None
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return "hidden"
    style = attrib.get("style")
    if style and HIDDEN_STYLE_RE.search(style):
        return "hidden"
    role = attrib.get("role")
    if role and role.strip().lower() in FURNITURE_ROLES:
        return f"role:{role.strip().lower()}"
    names = f"{attrib.get('class') or ''} {attrib.get('id') or ''}"
    verdict = name_verdict(names) if names.strip() else None
    if verdict == "content":
        return None
    if element.tag in FURNITURE_TAGS:
        return element.tag
    return f"class:{verdict}" if verdict else None


@lru_cache(maxsize=4096)
def name_verdict(names: str) -> str | None:
    """``"content"`` when a class/id name says content, the furniture word a name says, else None."""
    furniture = None
    for name in names.split():
        words = name_words(name)
        if not words:
            continue
        ends = (words[0], words[-1])
        if ends[0] in CONTENT_WORDS or ends[1] in CONTENT_WORDS:
            return "content"
        if furniture is None:
            furniture = next((word for word in ends if word in FURNITURE_WORDS), None)
    return furniture


@lru_cache(maxsize=16384)
def name_words(name: str) -> tuple[str, ...]:
    """The words of one class name, lower-cased, without a one-letter namespace prefix."""
    words = tuple(word for word in WORD_SPLIT_RE.split(CAMEL_RE.sub("-", name).lower()) if word)
    if len(words) > 1 and len(words[0]) == 1:
        words = words[1:]
    return words
