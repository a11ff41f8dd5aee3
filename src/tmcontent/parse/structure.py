"""From raw blocks to articles: the interpretation shared by the text-dump and HTML readers.

A reader turns a page into :class:`RawBlock` objects in reading order (and, for HTML, a
:class:`PageMeta`); :func:`build_articles` splits them into listing items and interprets each
item: the type label, title, publication date, dateline, body blocks (paragraphs, headings,
quotes with their speaker, list items, contacts), the agencies and goals sections, credit
lines — dropping chrome (carousel counters, "Learn more", theme junk, separators) so that it
never reaches ``Article.text``.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from tmcontent.labels import MIN_CHROME_LABELS
from tmcontent.model import Article, Block, Contact, DateInfo, Inline, Label
from tmcontent.parse import chrome, contacts, dateline, quotes
from tmcontent.parse.spaces import squeeze_spaces
from tmcontent.textfacts import primary

logger = logging.getLogger(__name__)

#: A title is a short line: the longest title among the seeds is 150 characters; body
#: paragraphs that open an article without a title are 200+ characters and end with a stop.
MAX_TITLE_CHARS = 300
MAX_TITLE_WORDS = 40
#: A heading inside the body: at most this many words and no closing punctuation. The seeds'
#: headings have 4–5 words ("IOM Strategy in Central Asia"); 14 keeps long ones.
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 150
SECTION_PHASES = frozenset({"entities", "goals", "contacts"})
GOAL_NUMBER_RE = re.compile(r"(?<![\d.])(1[0-7]|[1-9])(?![\d.,]\d)")
URL_RE = re.compile(r"https?://|www\.")
LANGUAGE_SUBTAG_RE = re.compile(r"^[a-z]{2,3}$")
FULL_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
#: RawBlock.tag of a block made of image alt texts (an icon link with no words of its own).
IMAGE_TAG = "img"
CLOSING_PUNCTUATION = ".!?;:,…»”\"')"
CLOSING_QUOTES = "»”“\"'’)"


@dataclass(slots=True)  # one per line of a dump: slots keep a block at ~100 bytes
class RawBlock:
    """One block of a page in reading order, before interpretation."""

    text: str
    tag: str | None = None
    lang: str | None = None
    inline: list[Inline] = field(default_factory=list)
    datetime: str | None = None
    boundary: bool = False


@dataclass
class PageMeta:
    """What a page's metadata says (HTML head, JSON-LD); every field optional."""

    title: str | None = None
    published: str | None = None
    lang: str | None = None
    url: str | None = None
    #: The language of the page's navigation, read before it is stripped
    #: (:func:`tmcontent.labels.chrome_locale` of the menu link texts).
    nav_locale: str | None = None


def build_articles(
    blocks: list[RawBlock],
    *,
    source: str,
    url: str | None = None,
    page_locale: str | None = None,
    meta: PageMeta | None = None,
) -> list[Article]:
    """Interpret ``blocks`` as one article or, where boundaries are marked, a listing."""
    meta = meta or PageMeta()
    items = list(split_items(blocks))
    listing = len(items) > 1
    articles = []
    chrome_langs: Counter[str] = Counter()
    for item in items:
        builder = _ArticleBuilder(source=source, url=url or meta.url, meta=None if listing else meta, story=listing)
        article = builder.build(item)
        chrome_langs.update(builder.chrome_langs)
        if article.title or article.text:
            articles.append(article)
    declared = _declared_locale(meta.lang)
    if meta.nav_locale:
        chrome_langs[meta.nav_locale] += MIN_CHROME_LABELS  # chrome_locale needs that many labels
    locale = page_locale or _page_locale(declared, chrome_langs)
    for article in articles:
        article.page_locale = locale
        article.declared_locale = declared
        article.id = article.compute_id()
    return articles


def split_items(blocks: list[RawBlock]) -> Iterator[list[RawBlock]]:
    """Listing items (at blocks with ``boundary``); blocks before the first boundary are page
    preamble of a listing and are dropped when there is more than one item."""
    starts = [i for i, block in enumerate(blocks) if block.boundary]
    if len(starts) < 2:
        yield blocks
        return
    bounds = [*starts, len(blocks)]
    for begin, end in pairwise(bounds):
        yield blocks[begin:end]


def _declared_locale(lang: str | None) -> str | None:
    """The primary language of a declared ``lang`` ("en-US" → "en"); None unless it is one."""
    if not lang:
        return None
    subtag = primary(lang)
    return subtag if LANGUAGE_SUBTAG_RE.match(subtag) else None


def _page_locale(declared: str | None, votes: Counter[str]) -> str | None:
    """What the page declares, unless its own chrome says otherwise: the most common language
    of its recognised labels and dates, with at least MIN_CHROME_LABELS votes and more than the
    declared language has (``<html lang="en">`` on a page whose every label is Russian)."""
    evidence = _most_common(votes)
    if declared is None:
        return evidence
    if evidence is not None and votes[evidence] >= MIN_CHROME_LABELS and votes[evidence] > votes[declared]:
        logger.debug("page declares %s, its chrome is %s (%d votes)", declared, evidence, votes[evidence])
        return evidence
    return declared


def _most_common(votes: Counter[str]) -> str | None:
    """The language of most chrome (labels, stand-alone dates); ties go alphabetically."""
    if not votes:
        return None
    return max(sorted(votes), key=lambda lang: votes[lang])


class _ArticleBuilder:
    """Reads one item's blocks in order; ``phase`` is "head", "body" or a section id."""

    def __init__(self, *, source: str, url: str | None, meta: PageMeta | None, story: bool = False) -> None:
        self.article = Article(source=source, url=url)
        self.meta = meta
        #: One story of a listing: its headline is a link to the story (its url), and lines
        #: that are no words (view counters, screen-size markers) are not its text.
        self.story = story
        self.phase = "head"
        self.contact: Contact | None = None
        #: whether a paragraph block was taken (asked of every paragraph: looking through the
        #: blocks each time was quadratic on a page of quotations, 16,000 took 18 s)
        self.has_paragraph = False
        self.lang_hint: str | None = None
        self.chrome_langs: list[str] = []

    def build(self, blocks: list[RawBlock]) -> Article:
        self._apply_meta_title(blocks)
        for block in blocks:
            block.text = squeeze_spaces(block.text)
        for index, block in enumerate(blocks):
            text = block.text
            if text:
                following = blocks[index + 1].text if index + 1 < len(blocks) else None
                self._take(block, text, following)
        self._finish()
        return self.article

    # -- metadata ---------------------------------------------------------------------------
    def _apply_meta_title(self, blocks: list[RawBlock]) -> None:
        """The page's title as its reader chose it (the ``<h1>`` confirmed by the metadata, or
        the metadata's title); the block that shows it is then skipped as chrome."""
        if self.meta is None or not self.meta.title:
            return
        self.article.title = self.meta.title.strip()
        shown = next((block for block in blocks if " ".join(block.text.split()) == self.article.title), None)
        if shown is not None and shown.lang:
            self.article.title_lang = shown.lang

    def _finish(self) -> None:
        self._close_contact()
        article = self.article
        if self.meta and self.meta.published:
            iso = _meta_iso(self.meta.published)
            shown = article.published
            if shown is None or not iso or not shown.iso or shown.iso[:10] != iso[:10]:
                article.published = DateInfo(text=self.meta.published, iso=iso, lang=None)
        if article.published is None:
            article.published = _fallback_published(article)

    # -- dispatch ---------------------------------------------------------------------------
    def _take(self, block: RawBlock, text: str, following: str | None) -> None:
        if chrome.is_separator(text):
            return
        if chrome.is_theme_junk(text):
            return
        label = chrome.recognise_label(text)
        if label is not None:
            self._take_label(label)
            return
        text = self._cut_credit(text)
        if not text:
            return
        if self.phase in SECTION_PHASES and self._take_section_line(block, text):
            return
        if block.tag == IMAGE_TAG:
            return  # an image's alt text is read only in the goals section (icon links)
        if self.story and self._take_story_line(block, text):
            return
        if self._take_date(block, text):
            return
        if contacts.is_contact_heading(text):
            self._open_contact(text)
            return
        if self.phase == "head" and self._take_title(block, text):
            return
        self._take_body(block, text, following)

    def _cut_credit(self, text: str) -> str:
        """Record a credit line ("///nCa, …", "“…” žurnaly №4, 2021") closing ``text``; the
        rest of the text. Before sections and dates: a credit is neither a contact's role nor a
        publication date line."""
        split = dateline.split_credit(text)
        if split is None:
            return text
        self.article.credit = split.credit
        return split.rest

    def _take_label(self, label: chrome.ChromeLabel) -> None:
        self.lang_hint = self.lang_hint or label.lang
        if label.lang:
            self.chrome_langs.append(label.lang)
        if label.role == "kind":
            if self.article.kind is None and self.phase == "head":
                self.article.kind = Label(id=label.id, label=label.text, lang=label.lang)
            return
        if label.role == "section":
            self._close_contact()
            self.article.sections.append(Label(id=label.id, label=label.text, lang=label.lang))
            if label.id in SECTION_PHASES:
                self.phase = label.id
                if label.id == "contacts":
                    self.contact = Contact()

    def _take_section_line(self, block: RawBlock, text: str) -> bool:
        if self.phase == "entities":
            if block.tag and block.tag.startswith("h"):
                return False
            self.article.entities.append(text)
            return True
        if self.phase == "goals":
            self._take_goals(text)
            return True
        return self._take_contact_line(text)

    def _take_goals(self, text: str) -> None:
        match = GOAL_NUMBER_RE.search(text)
        if match:
            goal = int(match.group(1))
            if goal not in self.article.goals:
                self.article.goals.append(goal)

    def _take_date(self, block: RawBlock, text: str) -> bool:
        if len(text) > 80:
            return False
        value = chrome.standalone_date(text, self.lang_hint)
        if value is None:
            return False
        if value.lang:
            self.chrome_langs.append(value.lang)
        if self.article.published is None:
            self.article.published = DateInfo(text=text.strip(" ,:"), iso=value.iso, lang=value.lang)
        return True

    def _take_story_line(self, block: RawBlock, text: str) -> bool:
        """A listing story's headline (the first link that makes most of its line: the title,
        its address the story's url, a date beside it the story's date), or a line without
        words (a counter "423", "XS SM MD LG") to skip."""
        if not WORD_RE.search(text):
            self._take_date(block, text)  # "12.12.2023" is the story's date, "423" nothing
            return True
        if self.article.title is not None:
            return False
        link = _headline_link(block, text)
        if link is None:
            if block.tag in HEADING_TAGS:
                self.article.title = text
                self.article.title_lang = block.lang
                return True
            return False
        title, shown_date = _headline_and_date(text[link.start : link.end])
        self.article.title = title
        self.article.title_lang = block.lang
        self.article.url = link.href or self.article.url
        for rest in (shown_date, (text[: link.start] + " " + text[link.end :]).strip(STORY_SEPARATORS)):
            if rest:
                self._take(RawBlock(text=rest, tag=block.tag, lang=block.lang), rest, None)
        return True

    def _take_title(self, block: RawBlock, text: str) -> bool:
        if self.article.title is not None:
            if text == self.article.title:
                return True  # the headline shown, the title being known from the page's metadata
            # chrome between the title and the body ("Additional Funds")
            return block.tag in (None, "p", "div") and _is_short_line(text, MAX_HEADING_WORDS)
        if block.tag == "h1" or (block.tag in (None, "h2", "h3") and _is_title_like(text)):
            self.article.title = text
            if block.lang:
                self.article.title_lang = block.lang
            return True
        return False

    # -- body -------------------------------------------------------------------------------
    def _take_body(self, block: RawBlock, text: str, following: str | None) -> None:
        self.phase = "body" if self.phase not in SECTION_PHASES else self.phase
        if self.phase == "contacts":
            self._close_contact()
            self.phase = "body"
        if self.article.title and text == self.article.title:
            return
        if _is_link_only(block, text):
            return  # a menu entry, a related-article teaser, "Read the full report"
        item = chrome.strip_bullet(text)
        if block.tag == "li" or item is not None:
            self._add(block, "list_item", item or text)
            return
        contact = contacts.contact_from_sentence(text)
        if contact is not None:  # before headings: "For more information: NAME, PHONE" is short
            self.article.contacts.append(contact)
            self._add(block, "contact", text)
            return
        if _is_heading(block, text, following):
            self._add(block, "heading", text)
            return
        self._take_paragraph(block, text)

    def _take_paragraph(self, block: RawBlock, text: str) -> None:
        inline = _inline_for(block, text)
        if not self.has_paragraph and self.article.dateline is None:
            split = dateline.split_dateline(text, self.lang_hint)
            if split is not None and split.rest:
                self.article.dateline = split.dateline
                inline = _shift(inline, len(text) - len(split.rest))
                text = split.rest
        kind = "quote" if block.tag == "blockquote" or quotes.is_quote(text) else "paragraph"
        speaker = quotes.find_speaker(text) if kind == "quote" else None
        self.article.blocks.append(Block(kind=kind, text=text, lang=block.lang, speaker=speaker, inline=inline))
        self.has_paragraph = self.has_paragraph or kind == "paragraph"

    def _add(self, block: RawBlock, kind: str, text: str) -> None:
        self.article.blocks.append(Block(kind=kind, text=text, lang=block.lang, inline=_inline_for(block, text)))
        self.has_paragraph = self.has_paragraph or kind == "paragraph"

    # -- contacts ---------------------------------------------------------------------------
    def _open_contact(self, text: str) -> None:
        self._close_contact()
        self.phase = "contacts"
        self.contact = Contact()
        self.article.sections.append(Label(id="contacts", label=text.rstrip(" :"), lang=None))

    def _take_contact_line(self, text: str) -> bool:
        if self.contact is None:
            self.contact = Contact()
        if len(text) > 200 or not contacts.update_contact(self.contact, text):
            return False
        self.article.blocks.append(Block(kind="contact", text=text))
        return True

    def _close_contact(self) -> None:
        contact = self.contact
        self.contact = None
        if contact is None or not (contact.name or contact.phones or contact.emails):
            return
        self.article.contacts.append(contact)


#: A line "has words" when it has a run of three letters (counters and "XS"/"LG" do not).
WORD_RE = re.compile(r"[^\W\d_]{3}")
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: A story's headline link makes at least this share of its line (the rest: its date).
HEADLINE_LINK_SHARE = 0.5


#: What separates a story's headline from its date on one line ("Title | 12.03.2024").
STORY_SEPARATORS = " ,|/–—-·•"


def _headline_and_date(linked: str) -> tuple[str, str]:
    """A headline link's words without a date written at its start or end ("21.03.2024
    Türkmenistanda …", "… 21 марта 2024"): (headline, the date as written, or "")."""
    from tmcontent.dates import find_dates

    for value in find_dates(linked):
        start, end = value.span
        if value.precision in chrome.DAY_PRECISIONS and (not linked[:start].strip(STORY_SEPARATORS) or not linked[end:].strip(STORY_SEPARATORS)):
            headline = (linked[:start] + " " + linked[end:]).strip(STORY_SEPARATORS)
            if WORD_RE.search(headline):
                return headline, linked[start:end]
    return linked.strip(), ""


def _headline_link(block: RawBlock, text: str) -> Inline | None:
    """The longest link of ``block`` when it makes most of the line."""
    if text != block.text:
        return None
    links = [span for span in block.inline if span.kind == "link"]
    longest = max(links, key=lambda span: span.end - span.start, default=None)
    if longest is None or longest.end - longest.start < HEADLINE_LINK_SHARE * len(text):
        return None
    return longest


def _inline_for(block: RawBlock, text: str) -> list[Inline]:
    """The block's inline spans that lie in ``text``, when ``text`` is the block's text or its
    beginning (a credit line cut off its end)."""
    if not block.text.startswith(text):
        return []
    return [span for span in block.inline if span.end <= len(text)]


def _shift(inline: list[Inline], cut: int) -> list[Inline]:
    """Spans of a text whose first ``cut`` characters were removed."""
    return [Inline(span.start - cut, span.end - cut, span.kind, span.href) for span in inline if span.start >= cut]


#: A body block that is one link and no more than this long is navigation, not content.
MAX_LINK_ONLY_CHARS = 120


def _is_link_only(block: RawBlock, text: str) -> bool:
    if len(text) > MAX_LINK_ONLY_CHARS or not block.inline:
        return False
    linked = sum(span.end - span.start for span in block.inline if span.kind == "link")
    return linked >= 0.9 * len(text)


def _is_short_line(text: str, max_words: int) -> bool:
    """Short and not a sentence: a sentence ends with a stop, also inside closing quotes (".”")."""
    ended = text.rstrip(CLOSING_QUOTES).endswith((".", "!", "?"))
    return len(text) <= MAX_HEADING_CHARS and chrome.count_words(text) <= max_words and not ended


def _is_title_like(text: str) -> bool:
    return (
        len(text) <= MAX_TITLE_CHARS
        and chrome.count_words(text) <= MAX_TITLE_WORDS
        and not text.endswith((".", ":", ";", ","))
        and not URL_RE.search(text)
    )


def _is_heading(block: RawBlock, text: str, following: str | None) -> bool:
    if block.tag in ("h2", "h3", "h4", "h5", "h6"):
        return True
    if block.tag not in (None, "p", "div", "strong", "b"):
        return False
    return (
        following is not None
        and len(text) <= MAX_HEADING_CHARS
        and chrome.count_words(text) <= MAX_HEADING_WORDS
        and not text.endswith(tuple(CLOSING_PUNCTUATION))
        and text[:1].isupper()
        and not URL_RE.search(text)
        and len(following) > len(text)
    )


def _fallback_published(article: Article) -> DateInfo | None:
    """Without a stated publication date: the credit's date where it names a day (the piece's
    first publication), else the dateline's date, else the credit's month or year."""
    credit = dateline.credit_date(article.credit) if article.credit else None
    if credit is not None and credit.iso and FULL_DATE_RE.match(credit.iso):
        return credit
    return (article.dateline.date if article.dateline else None) or credit


def _meta_iso(published: str) -> str | None:
    from tmcontent.dates import parse_date

    value = parse_date(published)
    return value.iso if value is not None else None
