"""Which ``locales/`` folder the catalog commands work on when given no paths.

Translators edit the catalogs of a project checkout; the copy installed with the package in
``site-packages`` is replaced on every reinstall. So the default is the current project's
``locales/``: the one in the folder the command runs in, or in the nearest parent folder that
has both ``pyproject.toml`` and ``locales/``. Without one the commands refuse and ask for paths,
and no catalog is ever written inside the installed package (:func:`refuse_package_path`).
"""

from __future__ import annotations

from pathlib import Path

from tmcontent.defaults import DOMAIN
from tmcontent.errors import CatalogError

PACKAGE_DIR = Path(__file__).resolve().parents[1]


def project_locales(start: Path | None = None) -> Path:
    """The ``locales/`` folder of the project around ``start`` (default: the current folder)."""
    here = (start or Path.cwd()).resolve()
    found = None
    if (here / "locales").is_dir():
        found = here / "locales"
    else:
        for folder in here.parents:
            if (folder / "pyproject.toml").is_file() and (folder / "locales").is_dir():
                found = folder / "locales"
                break
    if found is None:
        raise CatalogError(
            "no locales/ folder here or in a parent project (pyproject.toml + locales/); "
            "run in your project or give the catalog paths", source=str(here),
        )
    refuse_package_path(found)
    return found


def template_path(locales: Path) -> Path:
    return locales / f"{DOMAIN}.pot"


def catalog_path(locales: Path, locale: str) -> Path:
    return locales / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalog_paths(locales: Path) -> list[Path]:
    """Every locale's catalog in ``locales``, sorted."""
    return sorted(locales.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def refuse_package_path(path: str | Path) -> None:
    """:class:`CatalogError` if ``path`` is inside the installed tmcontent package (a reinstall
    would lose what is written there)."""
    resolved = Path(path).resolve()
    if resolved == PACKAGE_DIR or PACKAGE_DIR in resolved.parents:
        raise CatalogError(
            "is inside the installed tmcontent package, where a reinstall loses changes; "
            "work on your project's locales/ (give its paths)", source=str(path),
        )
