"""``tmcontent publish INPUT... -o SITE --site-url URL``: a static multilingual site, and
``tmcontent publish --check SITE``: verify one. A thin layer over :mod:`tmcontent.publish`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tmcontent.defaults import UNTRANSLATED
from tmcontent.errors import PublishError


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("publish", help="publish articles as a static multilingual site with feeds and sitemaps")
    parser.add_argument("inputs", nargs="*", type=Path, metavar="INPUT", help="article JSON / JSON Lines (parse, convert, translate apply) or pages")
    parser.add_argument("-o", "--output", type=Path, metavar="SITE", help="the site folder")
    parser.add_argument("--site-url", help="the site's public address, e.g. https://example.org/")
    parser.add_argument("--locales", default="tk,ru,en", help="comma-separated locales, one folder each (default tk,ru,en)")
    parser.add_argument("--default-locale", help="the x-default locale (default: the first of --locales)")
    parser.add_argument("--site-name", help="the site's name (default: the host of --site-url)")
    parser.add_argument("--translations", nargs="+", type=Path, default=[], metavar="PO", help="content translations to publish as their language")
    parser.add_argument("--untranslated", choices=UNTRANSLATED, default="notice",
                        help="a story missing in a locale: shown as it is (keep), with an 'available in … only' notice, or not at all (hide)")
    parser.add_argument("--templates", type=Path, help="folder of templates overriding the shipped ones")
    parser.add_argument("--force", action="store_true", help="render every file again")
    parser.add_argument("--now", help="the end of the news sitemap's two days (ISO 8601; default: the newest article's date)")
    parser.add_argument("--check", type=Path, metavar="SITE", help="check a published site instead; one line per finding, exit 1 if any")
    parser.add_argument("--examples", action="store_true", help="publish the bundled examples into -o SITE (for browser tests)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tmcontent.publish import check, publish, publish_examples

    if args.check is not None:
        findings = check(args.check, args.site_url)
        for finding in findings:
            print(f"{args.check / finding.path}: {finding.message}")
        print(f"{args.check}: {len(findings)} finding(s)", file=sys.stderr)
        return 1 if findings else 0
    if args.output is None:
        raise PublishError("give the site folder with -o SITE (or --check SITE)")
    if args.examples:
        summary = publish_examples(args.output, site_url=args.site_url or "https://example.org/", force=args.force)
    else:
        if not args.inputs:
            raise PublishError("give at least one INPUT (article JSON / JSON Lines or pages)")
        if not args.site_url:
            raise PublishError("give the site's address with --site-url URL")
        summary = publish(
            args.inputs, args.output, site_url=args.site_url, locales=[s.strip() for s in args.locales.split(",") if s.strip()],
            default_locale=args.default_locale, site_name=args.site_name, translations=args.translations,
            untranslated=args.untranslated, force=args.force, now=args.now, templates_dir=args.templates,
        )
    print(f"{summary.site}: {summary.stories} stories, {summary.pages} article pages; "
          f"{summary.rendered} of {summary.outputs} outputs rendered, {summary.files_written} files written, "
          f"{summary.files_removed} removed", file=sys.stderr)
    return 0
