"""Where the gettext catalogs are, and loading them as standard ``Translations``.

The catalogs live in the repository's top-level ``locales/`` folder; the wheel ships the same
folder as ``tmcontent/locales``. :func:`get_translations` goes through Babel's
``Translations`` (a ``gettext.GNUTranslations``), so a site can ``merge`` or ``add`` its own.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from babel.support import NullTranslations

from tmcontent.defaults import DOMAIN


@lru_cache(maxsize=1)
def locales_dir() -> Path:
    """The folder holding ``LOCALE/LC_MESSAGES/tmcontent.{po,mo}``."""
    package_dir = Path(__file__).resolve().parent
    shipped = package_dir / "locales"
    if shipped.is_dir():
        return shipped
    return package_dir.parent.parent / "locales"


def available_locales() -> list[str]:
    """Locales that have a catalog, sorted."""
    return list(_available_locales(locales_dir()))


@lru_cache(maxsize=4)
def _available_locales(root: Path) -> tuple[str, ...]:
    if not root.is_dir():
        return ()
    return tuple(sorted(p.name for p in root.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()))


def normalise_locale(locale: str) -> str:
    return locale.replace("-", "_")


@lru_cache(maxsize=32)
def get_translations(locale: str) -> NullTranslations:
    """Compiled translations for ``locale`` (``NullTranslations`` where there is no catalog)."""
    from babel.support import Translations  # on use: Babel costs ~35 ms to import

    return Translations.load(str(locales_dir()), [normalise_locale(locale)], DOMAIN)


def catalog_translations(locale: str, msgid: str) -> tuple[str, ...]:
    """Every msgstr ``locale``'s ``.po`` gives ``msgid`` (fuzzy ones included, plural forms too)."""
    return _po_table(normalise_locale(locale)).get(msgid, ())


@lru_cache(maxsize=32)
def _po_table(locale: str) -> dict[str, tuple[str, ...]]:
    """msgid -> its non-empty msgstrs in ``locale``'s ``.po``, read by tmcontent's own PO reader
    (:mod:`tmcontent.catalog.pofile`): fuzzy entries included, obsolete ones and the header left out."""
    from tmcontent.catalog.pofile import read_po

    path = locales_dir() / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return {}
    table: dict[str, tuple[str, ...]] = {}
    for entry in read_po(path, keep_source=False).messages:
        texts = tuple(text for text in entry.translations() if text)
        if texts:
            table[entry.msgid] = texts
    return table
