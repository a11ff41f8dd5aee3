"""How readers of our output see it, for the render tests: a browser's tags and script text of
an HTML page, and the tokens a CommonMark renderer makes of Markdown (with its own link filter
off, so every link it would make is seen, not only those it would keep)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from markdown_it import MarkdownIt


class Page(HTMLParser):
    """Start tags with their (decoded) attributes, and the text of every script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._script = tag == "script"

    def handle_data(self, data: str) -> None:
        if self._script:
            self.scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._script = False


def read_page(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def markdown_tokens(markdown: str) -> list[Any]:
    """Block and inline tokens of the body (after the front matter) of ``markdown``."""
    renderer = MarkdownIt("commonmark")
    renderer.validateLink = lambda url: True  # type: ignore[method-assign]
    renderer.normalizeLink = lambda url: url  # type: ignore[method-assign]
    tokens = []
    for token in renderer.parse(markdown.split("---\n", 2)[2]):
        tokens.append(token)
        tokens.extend(token.children or [])
    return tokens
