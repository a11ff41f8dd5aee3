"""Other language identifiers behind the same interface: langdetect (with our Turkmen
profile), pycld2 and py3langid (optional: ``pip install 'tmcontent[bench]'``).

The default n-gram model is measured against these in ``benchmarks/bench_langid.py``; they
stay available for comparison and for languages our profile does not cover. Each is wrapped so
that it never raises on odd input and always answers a BCP 47 code or ``und``.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from tmcontent.errors import MissingDependencyError
from tmcontent.textfacts import UND, primary

#: langdetect is random unless seeded; a fixed seed makes it answer the same in every process.
LANGDETECT_SEED = 0


#: The package each optional backend imports (installed by the ``bench`` extra).
BACKEND_PACKAGES = {"langdetect": "langdetect", "cld2": "pycld2", "py3langid": "py3langid"}


def detect_with(backend: str, text: str, candidates: frozenset[str] | None) -> tuple[str, float]:
    """(lang, confidence) from ``backend``: "langdetect", "cld2" or "py3langid"; raises
    :class:`~tmcontent.errors.MissingDependencyError` saying what to install when the
    backend's package is absent."""
    readers = {"langdetect": _langdetect, "cld2": _cld2, "py3langid": _py3langid}
    if backend not in readers:
        raise ValueError(f"unknown language-identification backend {backend!r}; use ngram, langdetect, cld2 or py3langid")
    require(backend)
    return readers[backend](text, candidates)


def require(backend: str) -> None:
    """Raise :class:`~tmcontent.errors.MissingDependencyError` when ``backend``'s package
    cannot be imported, saying what to install."""
    package = BACKEND_PACKAGES.get(backend)
    if package is None:
        return
    try:
        importlib.import_module(package)
    except ImportError as error:
        how = f"pip install {package}" if backend == "langdetect" else f"pip install 'tmcontent[bench]' (or pip install {package})"
        raise MissingDependencyError(f"the {backend} backend needs the {package} package, which is not installed: {how}") from error


@lru_cache(maxsize=1)
def langdetect_factory() -> Any:
    """A private langdetect factory: its stock profiles plus our Turkmen one, seeded."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    stock = sorted(Path(PROFILES_DIRECTORY).iterdir())
    profiles = [path.read_text(encoding="utf-8") for path in stock if path.is_file() and not path.name.startswith(".")]
    profiles.append(resources.files("tmcontent.langid").joinpath("data", "langdetect-tk.json").read_text(encoding="utf-8"))
    factory = DetectorFactory()
    factory.load_json_profile(profiles)  # all at once: langdetect sizes its tables by the count
    factory.set_seed(LANGDETECT_SEED)
    return factory


@lru_cache(maxsize=1)
def stock_langdetect_factory() -> Any:
    """langdetect exactly as shipped (stock profiles only), seeded — for comparisons."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(LANGDETECT_SEED)
    return factory


def _langdetect(text: str, candidates: frozenset[str] | None, factory: Any = None) -> tuple[str, float]:
    from langdetect.lang_detect_exception import LangDetectException

    detector = (factory or langdetect_factory()).create()
    detector.append(text)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return UND, 0.0
    for language in ranked:
        code = primary(language.lang)
        if candidates is None or code in candidates:
            return code, float(language.prob)
    return UND, 0.0


def _cld2(text: str, candidates: frozenset[str] | None) -> tuple[str, float]:
    import pycld2

    cleaned = "".join(ch for ch in text if ch.isprintable() or ch in "\n\t")
    try:
        _, _, details = pycld2.detect(cleaned)
    except pycld2.error:
        return UND, 0.0
    for _name, code, percent, _score in details:
        code = primary(code)
        if code != "un" and (candidates is None or code in candidates):
            return code, percent / 100
    return UND, 0.0


def _py3langid(text: str, candidates: frozenset[str] | None) -> tuple[str, float]:
    import py3langid

    ranked = py3langid.rank(text)
    for code, _score in ranked:
        if candidates is None or code in candidates:
            return code, 1.0 if code == ranked[0][0] else 0.5
    return UND, 0.0
