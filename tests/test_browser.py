"""The published site, and a standalone rendered page, opened in a real browser: headless
Chromium (Debian's package) driven by Playwright, with axe-core injected for accessibility.

Skips with one line where Chromium, Playwright or axe-core is absent; ``.ci/run`` installs all
three. Screenshots of a tk, a ru and an en article page at 390 and 1280 px are kept in
``test-artifacts/screenshots/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import tmcontent
from tmcontent.publish import publish_examples
from tmcontent.render import render

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[1]
AXE = REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
PHONE, DESKTOP = 390, 1280
#: Body text below this is hard to read on a phone (browsers' default size). Body text: the
#: paragraphs and list items of <main> outside a <header> (a kind label may be smaller).
MIN_BODY_PX = 16
LOCALES = ("tk", "ru", "en")
ALTERNATE_RE = re.compile(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)">')

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (pip install -e '.[test]')")
if not CHROMIUM.exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
if not AXE.exists():
    pytest.skip("axe-core is not installed (npm ci --prefix tests/browser)", allow_module_level=True)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Iterator[tuple[Path, str]]:
    """(folder, address): the bundled examples published for the address they are served at,
    plus one standalone ``render`` page per locale under ``/render/``."""
    root = tmp_path_factory.mktemp("site")
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    address = f"http://127.0.0.1:{httpd.server_address[1]}/"
    publish_examples(root, site_url=address)
    (article,) = tmcontent.parse(examples_dir / "press-release-tk.html")
    # a server of standalone pages has its own icon; a browser asks for /favicon.ico without one
    (root / "favicon.ico").write_bytes((root / "assets" / "icon.svg").read_bytes())
    for locale in LOCALES:
        out = root / "render" / f"{locale}.html"
        out.parent.mkdir(exist_ok=True)
        out.write_text(render(article, locale=locale, format="html"), encoding="utf-8")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, address
    finally:
        httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()


def _url(site: tuple[Path, str], path: Path) -> str:
    root, address = site
    relative = path.relative_to(root).as_posix()
    return address + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def _every_page(site: tuple[Path, str]) -> list[str]:
    return [_url(site, path) for path in sorted(site[0].rglob("*.html"))]


def _article_pages(site: tuple[Path, str], locale: str) -> list[Path]:
    """The locale's article pages (not its listings: those live under a kind or page folder)."""
    listings = {"page", "press-release", "story", "news", "speech", "statement", "event", "publication"}
    return sorted(p for p in (site[0] / locale).glob("*/index.html") if p.parent.name not in listings)


def _one_of_each_template(site: tuple[Path, str]) -> list[str]:
    root = site[0]
    pages = [root / "index.html", root / "render" / "tk.html"]
    for locale in LOCALES:
        kind_listing = next(p for p in sorted((root / locale).glob("*/index.html")) if p.parent.name in ("press-release", "story"))
        pages += [root / locale / "index.html", kind_listing, _article_pages(site, locale)[0]]
    return [_url(site, page) for page in pages]


def _open(browser: Any, url: str, width: int, errors: list[str] | None = None) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900})
    if errors is not None:
        page.on("console", lambda message: errors.append(f"{url}: {message.text}") if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(f"{url}: {error}"))
    page.goto(url, wait_until="load")
    return page


def test_every_page_loads_without_console_errors(browser: Any, site: tuple[Path, str]) -> None:
    errors: list[str] = []
    pages = _every_page(site)
    assert len(pages) > 20
    for url in pages:
        _open(browser, url, DESKTOP, errors).close()
    assert errors == []


def test_phone_width_has_no_horizontal_scroll_and_readable_body_text(browser: Any, site: tuple[Path, str]) -> None:
    problems: list[str] = []
    for url in _every_page(site):
        page = _open(browser, url, PHONE)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > PHONE:
            problems.append(f"{url}: {scroll_width} px wide at {PHONE} px")
        sizes = page.evaluate(
            "Array.from(document.querySelectorAll('main p, main li')).filter(e => !e.closest('header'))"
            ".map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        if sizes and min(sizes) < MIN_BODY_PX:
            problems.append(f"{url}: body text {min(sizes)} px")
        page.close()
    assert problems == []


def test_axe_finds_no_serious_or_critical_violation(browser: Any, site: tuple[Path, str]) -> None:
    axe_source = AXE.read_text(encoding="utf-8")
    found: list[str] = []
    for url in _one_of_each_template(site):
        for width in (PHONE, DESKTOP):
            page = _open(browser, url, width)
            page.add_script_tag(content=axe_source)
            result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            for violation in result["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    found.append(f"{url} @{width}: {violation['id']} ({violation['impact']}) {json.dumps(targets)}")
            page.close()
    assert found == []


def test_language_switcher_lands_on_the_translation(browser: Any, site: tuple[Path, str]) -> None:
    translated = []
    for path in _article_pages(site, "tk"):
        alternates = dict(ALTERNATE_RE.findall(path.read_text(encoding="utf-8")))
        translated += [(path, lang, href) for lang, href in alternates.items() if lang not in ("tk", "x-default")]
    assert translated, "the examples publish no story in two languages"
    for path, lang, href in translated:
        page = _open(browser, _url(site, path), DESKTOP)
        page.click(f'nav ul.languages a[hreflang="{lang}"]')
        page.wait_for_load_state("load")
        assert page.url == href
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.evaluate("document.querySelector('link[rel=canonical]').href") == href
        page.close()


def test_switcher_of_an_untranslated_story_stays_in_the_site(browser: Any, site: tuple[Path, str]) -> None:
    address = site[1]
    for path in _article_pages(site, "tk"):
        alternates = dict(ALTERNATE_RE.findall(path.read_text(encoding="utf-8")))
        if "ru" not in alternates:
            page = _open(browser, _url(site, path), DESKTOP)
            href = page.evaluate("document.querySelector('nav ul.languages a[hreflang=ru]').href")
            page.close()
            # the story's stand-in in ru (shown with the "available in … only" notice), or the ru home
            assert href in (address + "ru/", address + "ru/" + path.parent.name + "/")
            return
    pytest.fail("every tk story has a Russian translation in the examples")


def test_screenshots_of_an_article_in_each_locale_at_phone_and_desktop_width(browser: Any, site: tuple[Path, str]) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    taken = []
    for locale in LOCALES:
        url = _url(site, _article_pages(site, locale)[0])
        for width in (PHONE, DESKTOP):
            page = _open(browser, url, width)
            assert page.evaluate("document.documentElement.lang") == locale
            target = SCREENSHOTS / f"{locale}-{width}.png"
            page.screenshot(path=str(target), full_page=True)
            page.close()
            taken.append(target)
    assert all(path.stat().st_size > 1000 for path in taken)
