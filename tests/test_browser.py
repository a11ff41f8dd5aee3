"""Rendered pages opened in a real browser: headless Chromium (Debian's package) driven by
Playwright, with axe-core injected for accessibility.

Skips with one line where Chromium, Playwright or axe-core is absent; ``.ci/run`` installs all
three. Screenshots of a tk, a ru and an en page at 390 and 1280 px are kept in
``test-artifacts/screenshots/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import tmcontent
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

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (pip install -e '.[test]')")
if not CHROMIUM.exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
if not AXE.exists():
    pytest.skip("axe-core is not installed (npm ci --prefix tests/browser)", allow_module_level=True)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def pages_dir(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Path:
    """The bundled examples rendered as HTML pages, one folder per locale."""
    root = tmp_path_factory.mktemp("pages")
    for source in sorted(examples_dir.glob("*.html")):
        for index, article in enumerate(tmcontent.parse(source)):
            for locale in LOCALES:
                out = root / locale / f"{source.stem}-{index}.html"
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(render(article, locale=locale, format="html"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def server(pages_dir: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(pages_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
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


def _page_urls(pages_dir: Path, server: str) -> list[str]:
    return [f"{server}/{path.relative_to(pages_dir).as_posix()}" for path in sorted(pages_dir.rglob("*.html"))]


def _open(browser: Any, url: str, width: int, errors: list[str]) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.on("console", lambda message: errors.append(f"{url}: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"{url}: {error}"))
    page.goto(url, wait_until="load")
    return page


def test_pages_load_without_console_errors(browser: Any, pages_dir: Path, server: str) -> None:
    errors: list[str] = []
    for url in _page_urls(pages_dir, server):
        _open(browser, url, DESKTOP, errors).close()
    assert errors == []


def test_phone_width_has_no_horizontal_scroll_and_readable_text(browser: Any, pages_dir: Path, server: str) -> None:
    problems: list[str] = []
    for url in _page_urls(pages_dir, server):
        page = _open(browser, url, PHONE, [])
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > PHONE:
            problems.append(f"{url}: {scroll_width} px wide at {PHONE} px")
        sizes = page.evaluate(
            "Array.from(document.querySelectorAll('main p, main li')).filter(e => !e.closest('header'))"
            ".map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        if not sizes or min(sizes) < MIN_BODY_PX:
            problems.append(f"{url}: body text {min(sizes, default=0)} px")
        page.close()
    assert problems == []


def test_axe_finds_no_serious_or_critical_violation(browser: Any, pages_dir: Path, server: str) -> None:
    axe_source = AXE.read_text(encoding="utf-8")
    found: list[str] = []
    for url in _page_urls(pages_dir, server):
        for width in (PHONE, DESKTOP):
            page = _open(browser, url, width, [])
            page.add_script_tag(content=axe_source)
            result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            for violation in result["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    found.append(f"{url} @{width}: {violation['id']} ({violation['impact']}) {json.dumps(targets)}")
            page.close()
    assert found == []


def test_screenshots_of_each_locale_at_phone_and_desktop_width(browser: Any, pages_dir: Path, server: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    taken = []
    for locale in LOCALES:
        first = sorted((pages_dir / locale).glob("press-release-*.html"))[0]
        for width in (PHONE, DESKTOP):
            page = _open(browser, f"{server}/{locale}/{first.name}", width, [])
            target = SCREENSHOTS / f"{locale}-{width}.png"
            page.screenshot(path=str(target), full_page=True)
            page.close()
            taken.append(target)
    assert all(path.stat().st_size > 1000 for path in taken)
