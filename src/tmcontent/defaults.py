"""Defaults and choices that both the library and the command line name.

They live in this light module (no imports) so that ``tmcontent --help`` can build the parser of
every sub-command without importing the library behind it (the translation workflow, the
renderers, the site publisher); the library modules import them from here under the same names.
"""

from __future__ import annotations

#: The gettext domain: every catalog is ``LOCALE/LC_MESSAGES/tmcontent.po`` (and ``.mo``).
DOMAIN = "tmcontent"
#: Default share of units that must be translated before ``translate apply`` accepts a catalog
#: (po4a's --keep default is 80).
DEFAULT_KEEP = 80.0
#: Default similarity (0..1) of a fuzzy memory match: translate-toolkit's pot2po default (75%).
#: Stricter than ``update``'s 0.6: a memory entry is another text, not this text's last version.
DEFAULT_MIN_SIMILARITY = 0.75
#: The output formats of ``render``.
FORMATS = ("json", "html", "md", "jsonld")
#: The output formats of ``convert``: its articles.jsonl alone, or with one file per article and locale.
CONVERT_FORMATS = ("jsonl", *FORMATS)
#: What ``publish`` does with a story missing in a locale: show it as it is, with a notice, or not.
UNTRANSLATED = ("keep", "notice", "hide")
