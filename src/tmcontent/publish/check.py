"""Checking a published site: what search engines, feed readers and browsers will rely on.

:func:`check` reads a site folder and reports one :class:`Finding` per problem: every HTML page
has ``<html lang>``, a canonical link to its own address, ``hreflang`` alternates that include
itself and ``x-default`` and that the pages they name return (reciprocity), JSON-LD that parses;
the sitemaps have the structure of the sitemaps.org and Google News schemas (checked element by
element here: the official XSDs are not bundled), name pages that exist, and stay within the
limits; every feed parses and has its required parts (JSON Feed also against
``jsonfeed.schema.json`` when ``jsonschema`` is installed); ``robots.txt`` names the sitemap.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from tmcontent.errors import PublishError
from tmcontent.publish.feeds import ATOM_NS, XML_LANG
from tmcontent.publish.manifest import MANIFEST
from tmcontent.publish.sitemaps import MAX_BYTES, MAX_URLS, NEWS_NS, NEWS_SITEMAP, SITEMAP, SITEMAP_NS, XHTML_NS

W3C_DATETIME_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$")
LANG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class Finding:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class _Page:
    path: str
    url: str
    canonical: str | None
    alternates: dict[str, str]


def check(site_dir: str | Path, site_url: str | None = None) -> list[Finding]:
    """Every problem found in the site at ``site_dir`` (empty when none), sorted by file."""
    root = Path(site_dir)
    if not root.is_dir():
        raise PublishError("not a site folder", source=str(root))
    base = (site_url or _site_url(root) or "").rstrip("/") + "/"
    findings: list[Finding] = []
    pages: dict[str, _Page] = {}
    for path in sorted(root.rglob("*.html")):
        relative = path.relative_to(root).as_posix()
        page, found = _check_page(path, relative, base)
        findings += found
        if page is not None:
            pages[page.url] = page
    findings += _reciprocity(pages)
    findings += _check_sitemaps(root, base, set(pages))
    for path in sorted(root.glob("*/atom.xml")):
        findings += _check_atom(path, root)
    for path in sorted(root.glob("*/rss.xml")):
        findings += _check_rss(path, root)
    for path in sorted(root.glob("*/feed.json")):
        findings += _check_json_feed(path, root)
    return sorted(findings, key=lambda f: (f.path, f.message))


def _site_url(root: Path) -> str | None:
    """The site's address, read from the root page's canonical link."""
    index = root / "index.html"
    if not index.is_file():
        return None
    tree = etree.HTML(index.read_bytes())
    found = tree.xpath('//link[@rel="canonical"]/@href') if tree is not None else []
    return str(found[0]) if found else None


def _page_url(base: str, relative: str) -> str:
    return base + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def _check_page(path: Path, relative: str, base: str) -> tuple[_Page | None, list[Finding]]:
    found: list[Finding] = []
    tree = etree.HTML(path.read_bytes())
    if tree is None:
        return None, [Finding(relative, "not an HTML page")]
    lang = tree.get("lang")
    if not lang or not LANG_RE.match(lang):
        found.append(Finding(relative, f"<html> has no valid lang (got {lang!r})"))
    url = _page_url(base, relative)
    canonicals = tree.xpath('//head/link[@rel="canonical"]/@href')
    canonical = str(canonicals[0]) if canonicals else None
    if canonical != url:
        found.append(Finding(relative, f"canonical is {canonical!r}, not the page's own address {url}"))
    alternates: dict[str, str] = {}
    for link in tree.xpath('//head/link[@rel="alternate"][@hreflang]'):
        hreflang, href = link.get("hreflang"), link.get("href") or ""
        if hreflang in alternates:
            found.append(Finding(relative, f"hreflang {hreflang} given twice"))
        alternates[hreflang] = href
        if not href.startswith(("http://", "https://")):
            found.append(Finding(relative, f"hreflang {hreflang} address is not absolute: {href!r}"))
    if alternates:
        if "x-default" not in alternates:
            found.append(Finding(relative, "hreflang alternates without x-default"))
        if url not in {href for lang, href in alternates.items() if lang != "x-default"} and url != alternates.get("x-default"):
            found.append(Finding(relative, "hreflang alternates do not include the page itself"))
    for number, script in enumerate(tree.xpath('//script[@type="application/ld+json"]'), 1):
        try:
            json.loads(script.text or "")
        except ValueError as error:
            found.append(Finding(relative, f"JSON-LD block {number} does not parse: {error}"))
    return _Page(relative, url, canonical, alternates), found


def _reciprocity(pages: dict[str, _Page]) -> Iterator[Finding]:
    for page in pages.values():
        for lang, href in sorted(page.alternates.items()):
            if href == page.url:
                continue
            target = pages.get(href)
            if target is None:
                yield Finding(page.path, f"hreflang {lang} names {href}, which is not a page of this site")
            elif page.url not in target.alternates.values():
                yield Finding(page.path, f"hreflang {lang} names {href}, which does not name this page back")


def _xml(path: Path, root: Path) -> tuple[Any, list[Finding]]:
    try:
        return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot(), []
    except (etree.XMLSyntaxError, OSError) as error:
        return None, [Finding(path.relative_to(root).as_posix(), f"does not parse: {error}")]


def _text(element: Any, tag: str) -> str | None:
    child = element.find(tag)
    return child.text.strip() if child is not None and child.text and child.text.strip() else None


def _check_sitemaps(root: Path, base: str, page_urls: set[str]) -> list[Finding]:
    path = root / SITEMAP
    if not path.is_file():
        return [Finding(SITEMAP, "missing")]
    found: list[Finding] = []
    tree, errors = _xml(path, root)
    if tree is None:
        return errors
    s = f"{{{SITEMAP_NS}}}"
    names = [SITEMAP]
    if tree.tag == s + "sitemapindex":
        for number, element in enumerate(tree.findall(s + "sitemap"), 1):
            loc = _text(element, s + "loc")
            if not loc or not loc.startswith(base):
                found.append(Finding(SITEMAP, f"sitemap {number} has no loc in the site"))
                continue
            name = loc[len(base):]
            names.append(name)
            part, errors = _xml(root / name, root) if (root / name).is_file() else (None, [Finding(name, "listed in the index but missing")])
            found += errors
            if part is not None:
                found += _check_urlset(part, name, root, base, page_urls)
    else:
        found += _check_urlset(tree, SITEMAP, root, base, page_urls)
    news = root / NEWS_SITEMAP
    if news.is_file():
        names.append(NEWS_SITEMAP)
        tree, errors = _xml(news, root)
        found += errors if tree is None else _check_news(tree, base, page_urls)
    robots = root / "robots.txt"
    listed = re.findall(r"(?im)^sitemap:\s*(\S+)", robots.read_text(encoding="utf-8")) if robots.is_file() else []
    if base + SITEMAP not in listed:
        found.append(Finding("robots.txt", f"does not name {base + SITEMAP}"))
    if news.is_file() and base + NEWS_SITEMAP not in listed:
        found.append(Finding("robots.txt", f"does not name {base + NEWS_SITEMAP}"))
    return found


def _check_urlset(tree: Any, name: str, root: Path, base: str, page_urls: set[str]) -> list[Finding]:
    s = f"{{{SITEMAP_NS}}}"
    if tree.tag != s + "urlset":
        return [Finding(name, f"root element is {tree.tag}, not the sitemaps.org urlset")]
    found: list[Finding] = []
    urls = tree.findall(s + "url")
    if len(urls) > MAX_URLS or (root / name).stat().st_size > MAX_BYTES:
        found.append(Finding(name, f"over the limits of one sitemap ({MAX_URLS} URLs, {MAX_BYTES} bytes)"))
    for number, url in enumerate(urls, 1):
        loc = _text(url, s + "loc")
        if not loc:
            found.append(Finding(name, f"url {number} has no loc"))
            continue
        if loc not in page_urls:
            found.append(Finding(name, f"{loc} is not a page of this site"))
        lastmod = _text(url, s + "lastmod")
        if lastmod is not None and not W3C_DATETIME_RE.match(lastmod):
            found.append(Finding(name, f"{loc}: lastmod {lastmod!r} is not a W3C datetime"))
        unknown = [child.tag for child in url if child.tag not in (s + "loc", s + "lastmod", s + "changefreq", s + "priority", f"{{{XHTML_NS}}}link")]
        if unknown:
            found.append(Finding(name, f"{loc}: unexpected {', '.join(unknown)}"))
        links = url.findall(f"{{{XHTML_NS}}}link")
        langs = {link.get("hreflang"): link.get("href") for link in links}
        if any(link.get("rel") != "alternate" or not link.get("hreflang") or not link.get("href") for link in links):
            found.append(Finding(name, f"{loc}: an xhtml:link lacks rel=alternate, hreflang or href"))
        if links and ("x-default" not in langs or loc not in langs.values()):
            found.append(Finding(name, f"{loc}: alternates without x-default or without the page itself"))
    return found


def _check_news(tree: Any, base: str, page_urls: set[str]) -> list[Finding]:
    s, n = f"{{{SITEMAP_NS}}}", f"{{{NEWS_NS}}}"
    if tree.tag != s + "urlset":
        return [Finding(NEWS_SITEMAP, "root element is not the sitemaps.org urlset")]
    found: list[Finding] = []
    urls = tree.findall(s + "url")
    if len(urls) > 1000:
        found.append(Finding(NEWS_SITEMAP, f"{len(urls)} URLs; Google News reads at most 1000"))
    for number, url in enumerate(urls, 1):
        loc = _text(url, s + "loc") or f"url {number}"
        if loc not in page_urls:
            found.append(Finding(NEWS_SITEMAP, f"{loc} is not a page of this site"))
        news = url.find(n + "news")
        publication = news.find(n + "publication") if news is not None else None
        missing = [] if publication is not None else ["news:publication"]
        if publication is not None:
            missing += [f"news:{tag}" for tag in ("name", "language") if _text(publication, n + tag) is None]
        if news is not None:
            missing += [f"news:{tag}" for tag in ("publication_date", "title") if _text(news, n + tag) is None]
            date = _text(news, n + "publication_date")
            if date and not W3C_DATETIME_RE.match(date):
                found.append(Finding(NEWS_SITEMAP, f"{loc}: publication_date {date!r} is not a W3C datetime"))
        else:
            missing.append("news:news")
        if missing:
            found.append(Finding(NEWS_SITEMAP, f"{loc}: missing {', '.join(missing)}"))
    return found


def _check_atom(path: Path, root: Path) -> list[Finding]:
    name = path.relative_to(root).as_posix()
    tree, found = _xml(path, root)
    if tree is None:
        return found
    a = f"{{{ATOM_NS}}}"
    if tree.tag != a + "feed":
        return [Finding(name, "not an Atom feed")]
    missing = [tag for tag in ("id", "title", "updated") if _text(tree, a + tag) is None]
    if not tree.get(XML_LANG):
        missing.append("xml:lang")
    if not tree.xpath("a:link[@rel='self']", namespaces={"a": ATOM_NS}):
        missing.append("link rel=self")
    for number, entry in enumerate(tree.findall(a + "entry"), 1):
        missing += [f"entry {number} {tag}" for tag in ("id", "title", "updated") if _text(entry, a + tag) is None]
    return found + ([Finding(name, f"missing {', '.join(missing)}")] if missing else [])


def _check_rss(path: Path, root: Path) -> list[Finding]:
    name = path.relative_to(root).as_posix()
    tree, found = _xml(path, root)
    if tree is None:
        return found
    channel = tree.find("channel")
    if tree.tag != "rss" or tree.get("version") != "2.0" or channel is None:
        return [Finding(name, "not an RSS 2.0 feed")]
    missing = [tag for tag in ("title", "link", "description", "language") if _text(channel, tag) is None]
    for number, item in enumerate(channel.findall("item"), 1):
        if _text(item, "title") is None and _text(item, "description") is None:
            missing.append(f"item {number} title or description")
    return found + ([Finding(name, f"missing {', '.join(missing)}")] if missing else [])


def _check_json_feed(path: Path, root: Path) -> list[Finding]:
    name = path.relative_to(root).as_posix()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as error:
        return [Finding(name, f"does not parse: {error}")]
    try:
        import jsonschema  # type: ignore[import-untyped]
    except ImportError:
        ok = isinstance(data, dict) and data.get("version") == "https://jsonfeed.org/version/1.1" and isinstance(data.get("items"), list)
        return [] if ok else [Finding(name, "not a JSON Feed 1.1 (version, title, items)")]
    schema = json.loads((Path(__file__).parent / "jsonfeed.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    return [Finding(name, f"JSON Feed: {error.message} at /{'/'.join(map(str, error.path))}") for error in validator.iter_errors(data)]


__all__ = ["MANIFEST", "Finding", "check"]
