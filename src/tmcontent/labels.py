"""The UI strings tmcontent knows, and recognition of a displayed label in any locale.

Every label that tmcontent recognises on a page or writes into its output is declared here
once, with a stable id and a role, as a msgid wrapped in :func:`N_` (a no-op marker that
``tmcontent catalog extract`` and ``pybabel extract`` find). Translations live in the gettext
catalogs under ``locales/``; :func:`recognise` looks a displayed text up in *every* shipped
catalog, so "Press reliz", "Пресс-релиз" and "Press Release" all lead to ``press_release``,
and adding a locale is adding a ``.po`` file — no code changes.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from tmcontent import i18n
from tmcontent.textfacts import fold_turkmen, primary


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it here."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural message (singular, plural) for extraction."""
    return singular, plural


@dataclass(frozen=True)
class Message:
    """A UI string: stable id, role ("kind", "section", "chrome", "notice") and msgid."""

    id: str
    role: str
    msgid: str


@dataclass(frozen=True)
class LabelMatch:
    """A recognised label: its msgid, role, stable id, the language it was written in, and
    ``langs``, every language whose catalog displays this text ("Sport": en and tk), sorted."""

    msgid: str
    role: str
    id: str
    lang: str | None
    text: str
    langs: tuple[str, ...] = ()


MESSAGES: tuple[Message, ...] = (
    # Content types: Article.kind ids.
    Message("press_release", "kind", N_("Press Release")),
    Message("story", "kind", N_("Story")),
    Message("speech", "kind", N_("Speech")),
    Message("news", "kind", N_("News")),
    Message("take_action", "kind", N_("Take Action")),
    Message("statement", "kind", N_("Statement")),
    Message("event", "kind", N_("Event")),
    Message("publication", "kind", N_("Publication")),
    Message("resources", "kind", N_("Resources")),
    Message("video", "kind", N_("Video")),
    Message("photo_story", "kind", N_("Photo Story")),
    Message("interview", "kind", N_("Interview")),
    Message("op_ed", "kind", N_("Op-ed")),
    Message("announcement", "kind", N_("Announcement")),
    Message("report", "kind", N_("Report")),
    # Section headings that change how the following blocks are read.
    Message("entities", "section", N_("UN entities involved in this initiative")),
    Message("goals", "section", N_("Goals we are supporting through this initiative")),
    Message("contacts", "section", N_("Contacts")),
    Message("contacts", "section", N_("Media contacts")),
    # Navigation and listing chrome: recognised and dropped.
    Message("latest", "chrome", N_("Latest")),
    Message("latest_resources", "chrome", N_("Latest Resources")),
    Message("learn_more", "chrome", N_("Learn more")),
    Message("read_more", "chrome", N_("Read more")),
    Message("sdgs_title", "chrome", N_("The Sustainable Development Goals in Turkmenistan")),
    Message("immediate_release", "chrome", N_("For Immediate Release")),
    Message("share", "chrome", N_("Share")),
    Message("print", "chrome", N_("Print")),
    Message("see_all", "chrome", N_("See all")),
    # Site navigation of news sites: recognised (a page's language shows in its menu), dropped.
    Message("home", "chrome", N_("Home")),
    # Translators: the News section of a site's menu (all news items), not the label of one item.
    Message("news_section", "chrome", N_("News (menu)")),
    Message("all_news", "chrome", N_("All news")),
    Message("contact_us", "chrome", N_("Contact us")),
    Message("about_us", "chrome", N_("About us")),
    Message("related_news", "chrome", N_("Related news")),
    Message("similar_news", "chrome", N_("Similar news")),
    Message("other_news", "chrome", N_("Other news")),
    Message("read_also", "chrome", N_("Read also")),
    Message("search", "chrome", N_("Search")),
    Message("archive", "chrome", N_("Archive")),
    Message("politics", "chrome", N_("Politics")),
    Message("economy", "chrome", N_("Economy")),
    Message("culture", "chrome", N_("Culture")),
    Message("sport", "chrome", N_("Sport")),
    Message("society", "chrome", N_("Society")),
    Message("photo", "chrome", N_("Photo")),
    # Translators: a view counter's caption ("Views: 1 024").
    Message("views", "chrome", N_("Views")),
    # Notices and captions the renderers write.
    # Translators: {language} is the language's name in the form this sentence needs: in Turkmen
    # the locative ("iňlis dilinde"), in Russian the prepositional ("английском языке"); see
    # language_in() for how the name is inflected. Write the sentence around it.
    Message("only_in", "notice", N_("This article is available in {language} only.")),
    Message("published", "notice", N_("Published")),
    Message("also_available", "notice", N_("Also available in")),
    Message("source", "notice", N_("Source")),
    Message("speaker", "notice", N_("Speaker")),
    # The pages of a published site (tmcontent publish): headings and navigation.
    # Translators: the heading of the listing of articles that have no type.
    Message("articles", "notice", N_("Articles")),
    # Translators: the name a screen reader gives the site's navigation (site name, languages).
    Message("site_nav", "notice", N_("Site")),
    # Translators: the name a screen reader gives the list of a site's sections (article types).
    Message("sections_nav", "notice", N_("Sections")),
    # Translators: the name a screen reader gives a listing's page links.
    Message("pages_nav", "notice", N_("Pages")),
    # Translators: a listing's link to the page of newer articles.
    Message("newer", "notice", N_("Newer")),
    # Translators: a listing's link to the page of older articles.
    Message("older", "notice", N_("Older")),
    # Translators: where a listing's page is ("Page 2 of 14"); keep %(number)s and %(total)s.
    Message("page_of", "notice", N_("Page %(number)s of %(total)s")),
    # Translators: before the links to a site's Atom, RSS and JSON feeds.
    Message("feeds", "notice", N_("Feeds")),
    # Translators: on the site's front page, above the list of its languages.
    Message("choose_language", "notice", N_("Choose a language")),
)

#: The carousel counter ("1 of 5"): a plural message, since some languages inflect it.
COUNTER_SINGULAR, COUNTER_PLURAL = Nn_("{current} of {total}", "{current} of {total}")
COUNTER_ID = "carousel_counter"
#: Counters that no catalog spells out: "1 / 11", "1/5".
SLASH_COUNTER_RE = re.compile(r"^\s*\d{1,3}\s*/\s*\d{1,3}\s*$")

#: Quotes, apostrophes and dashes that vary between sites.
PUNCTUATION_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "–": "-", "—": "-", "‑": "-", "ё": "е"})
EDGE_PUNCTUATION = " \t:.;,!?•·-–—|>«»\"'“”"
#: Spellings a language's sites use beside its catalog's: Turkmen writes w where the English
#: and Russian loanwords have v ("Wideo", "Arhiw"), and Turkmen menus often keep the v ("Video").
SPELLING_VARIANTS = {"tk": str.maketrans({"w": "v"})}
#: A page's menu shows its language when at least this many distinguishing labels agree. Not
#: tuned on data: the real-site review set two, since one label can be a stray (an English
#: "Search" button on a Russian menu). The same floor lets a page's chrome overrule its
#: declared language in the structure builder.
MIN_CHROME_LABELS = 2


def message_for(id: str) -> Message:
    for message in MESSAGES:
        if message.id == id:
            return message
    raise KeyError(f"no UI message with id {id!r}")


def labels_for(id: str, locale: str) -> str:
    """The text of UI message ``id`` in ``locale`` (the English msgid when untranslated)."""
    return i18n.get_translations(locale).gettext(message_for(id).msgid)


def only_in_notice(lang: str, locale: str) -> str:
    """The "available in … only" notice of ``locale`` for an article written in ``lang``."""
    return labels_for("only_in", locale).format(language=language_in(lang, locale))


def language_name(lang: str, locale: str) -> str:
    """The name of language ``lang`` in ``locale`` as CLDR writes it ("iňlis dili"), or the
    code when Babel has none."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang.replace("-", "_")).get_display_name(locale.replace("-", "_")) or lang
    except (UnknownLocaleError, ValueError):
        return lang


def language_in(lang: str, locale: str) -> str:
    """The name of language ``lang`` in ``locale``, inflected as "available in {language}" needs.

    Babel's CLDR names are nominative: Turkmen "iňlis dili" takes the locative "iňlis dilinde";
    Russian "английский" becomes the prepositional "английском языке". Other locales, and names
    that do not have these shapes, keep CLDR's name (or the code when CLDR has none).
    """
    name = language_name(lang, locale)
    target = primary(locale)
    if target == "tk" and name.endswith(" dili"):
        return name + "nde"
    if target == "ru" and name.endswith(("ий", "ый", "ой")):
        return name[:-2] + "ом языке"
    return name


def counter_text(current: int, total: int, locale: str) -> str:
    """A carousel counter ("1 of 5") in ``locale``."""
    template = i18n.get_translations(locale).ngettext(COUNTER_SINGULAR, COUNTER_PLURAL, total)
    return template.format(current=current, total=total)


def normalise(text: str) -> str:
    """Case, spacing, punctuation and spelling-variant folding used for look-ups."""
    folded = unicodedata.normalize("NFC", text).casefold().translate(PUNCTUATION_FOLD)
    return " ".join(folded.split()).strip(EDGE_PUNCTUATION)


def skeleton(text: str) -> str:
    """A coarser key: Turkmen letters folded to ASCII and y/i merged ("BMG-nyň" = "BMG-niň")."""
    return fold_turkmen(normalise(text)).replace("y", "i").replace("ı", "i")


def recognise(text: str) -> LabelMatch | None:
    """The UI label that ``text`` displays, in any shipped catalog, or ``None``."""
    tables = _tables(tuple(i18n.available_locales()))
    key = normalise(text)
    if not key:
        return None
    loose_key = skeleton(text)
    found = tables.exact.get(key)
    langs = tables.owners.get(key, frozenset())
    if found is None:
        found, langs = tables.loose.get(loose_key), tables.loose_owners.get(loose_key, frozenset())
    if found is not None:
        message, lang = found
        return LabelMatch(message.msgid, message.role, message.id, lang, text.strip(), tuple(sorted(langs)))
    return _recognise_counter(text, tables.counters)


def chrome_locale(texts: Iterable[str]) -> str | None:
    """The locale of a page's navigation, from the short texts of its menu links.

    Each distinct label text counts once (ten "Read more" teasers do not outvote a menu), and
    only for a language whose catalog alone displays it: "Sport" and "Video", spelled so in
    English and Turkmen menus alike, are evidence for neither. ``None`` when fewer than
    MIN_CHROME_LABELS labels count; a tie goes to the first language alphabetically.
    """
    votes: Counter[str] = Counter()
    for key in dict.fromkeys(normalise(text) for text in texts):
        match = recognise(key) if key else None
        if match is not None and len(match.langs) == 1:
            votes[match.langs[0]] += 1
    if sum(votes.values()) < MIN_CHROME_LABELS:
        return None
    return max(sorted(votes), key=lambda lang: votes[lang])


def _recognise_counter(text: str, counters: tuple[tuple[re.Pattern[str], str | None], ...]) -> LabelMatch | None:
    stripped = text.strip()
    if SLASH_COUNTER_RE.match(stripped):
        return LabelMatch(COUNTER_SINGULAR, "chrome", COUNTER_ID, None, stripped)
    key = normalise(stripped)
    matching = [lang for pattern, lang in counters if pattern.match(key)]
    if not matching:
        return None
    langs = tuple(sorted({lang for lang in matching if lang}))
    return LabelMatch(COUNTER_SINGULAR, "chrome", COUNTER_ID, matching[0], stripped, langs)


Table = dict[str, tuple[Message, str | None]]
Owners = dict[str, frozenset[str]]


@dataclass(frozen=True)
class _Tables:
    """Look-up tables from every catalog: exact normalised text and loose skeleton keys to the
    message (the English msgid first, then locales in order), the same keys to every language
    whose catalog displays them, and the counter patterns."""

    exact: Table
    loose: Table
    owners: Owners
    loose_owners: Owners
    counters: tuple[tuple[re.Pattern[str], str | None], ...]


@lru_cache(maxsize=4)
def _tables(locales: tuple[str, ...]) -> _Tables:
    exact: Table = {}
    loose: Table = {}
    owners: defaultdict[str, set[str]] = defaultdict(set)
    loose_owners: defaultdict[str, set[str]] = defaultdict(set)

    def add(text: str, message: Message, lang: str) -> None:
        for key in _spellings(text, lang):
            exact.setdefault(key, (message, lang))
            owners[key].add(lang)
        loose.setdefault(skeleton(text), (message, lang))
        loose_owners[skeleton(text)].add(lang)

    for message in MESSAGES:
        add(message.msgid, message, "en")
    counters = [(_counter_pattern(COUNTER_SINGULAR), "en")]
    for locale in locales:
        lang = primary(locale)
        for message in MESSAGES:
            for translated in i18n.catalog_translations(locale, message.msgid):
                add(translated, message, lang)
        for translated in i18n.catalog_translations(locale, COUNTER_SINGULAR):
            if translated != COUNTER_SINGULAR:
                counters.append((_counter_pattern(translated), lang))
    return _Tables(exact, loose, _frozen(owners), _frozen(loose_owners), tuple(counters))


def _spellings(text: str, lang: str) -> list[str]:
    """The normalised text and its spelling variants in ``lang`` (Turkmen "Wideo" → "video")."""
    key = normalise(text)
    variants = SPELLING_VARIANTS.get(lang)
    return list(dict.fromkeys([key, key.translate(variants)])) if variants else [key]


def _frozen(table: defaultdict[str, set[str]]) -> Owners:
    return {key: frozenset(langs) for key, langs in table.items()}


def _counter_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(?:current|total)\}", normalise(template))
    return re.compile("^" + r"\s*\d{1,3}\s*".join(re.escape(part.strip()) for part in parts) + "$")


def all_msgids() -> Iterable[str]:
    """Every msgid declared here (for tests and the extractor's cross-check)."""
    yield from (message.msgid for message in MESSAGES)
    yield COUNTER_SINGULAR
