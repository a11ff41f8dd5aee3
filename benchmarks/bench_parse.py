"""Benchmark: tmcontent.parse on real web pages, beside trafilatura and htmldate, in one run.

Run:  python benchmarks/bench_parse.py [--split all|tune|held-out] [--repeat 3] [--limit N]
                                       [--dump scores.jsonl]

The pages are WCXB's development split (../shared/corpora/wcxb-dev; see benchmarks/wcxb.py for
the measures and the tune / held-out split): 1,497 real pages of every type, main text, title
and date written by people. Printed, for each split: body F1 per page type (article, listing,
forum, product, collection, documentation, service) and precision/recall on articles; pages
where nothing was extracted although people saw main text; title and publication date right;
then time per page.

Contenders, run on the same pages in the same process, interleaved page by page (the order of
the contenders rotates from page to page) and given the same number of passes:

* ``tmcontent.parse`` as shipped (language identification of every block on), and with
  ``detect_languages=False``;
* ``trafilatura.bare_extraction`` with the settings that match what WCXB counts as content:
  ``include_comments=False`` (comments are not main content), tables kept (they are), metadata
  on (its title and date come from the same call, its date through htmldate). Its other modes
  were measured on the tune split and score lower (body F1 of all types / articles: default
  0.798 / 0.927, ``favor_recall`` 0.775 / 0.923, ``favor_precision`` 0.732 / 0.902);
  ``--trafilatura-recall`` runs ``favor_recall=True`` anyway;
* ``htmldate.find_date(original_date=True)``: the publication date alone.

The text of a page is, for tmcontent, the body of its article, or the title and body of every
item when the page is read as a listing. Figures measured on WCXB must carry its credit:
"WCXB (Murrough Foley), CC BY 4.0".
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import wcxb

PAGE_TYPES = ("article", "listing", "forum", "product", "collection", "documentation", "service", "unlisted")


@dataclass
class Answer:
    """What a contender says of one page."""

    text: str | None = None
    title: str | None = None
    date: str | None = None


@dataclass
class Contender:
    name: str
    run: Callable[[wcxb.Page], Answer]
    extracts_text: bool = True
    seconds: list[float] = field(default_factory=list)  # total of each pass
    answers: dict[str, Answer] = field(default_factory=dict)
    failures: int = 0


def tmcontent_contender(name: str, detect_languages: bool) -> Contender:
    import tmcontent
    from tmcontent.parse import ParseOptions

    options = ParseOptions(detect_languages=detect_languages)

    def run(page: wcxb.Page) -> Answer:
        articles = tmcontent.parse(page.html, url=page.url, options=options)
        if not articles:
            return Answer(text="")
        if len(articles) == 1:
            (article,) = articles
            return Answer(text=article.text, title=article.title, date=article.published.iso if article.published else None)
        text = "\n\n".join(part for article in articles for part in (article.title or "", article.text) if part)
        return Answer(text=text, title=articles[0].title, date=None)

    return Contender(name, run)


def trafilatura_contender(favor_recall: bool) -> Contender | None:
    try:
        import trafilatura
    except ImportError:
        print("trafilatura not installed: pip install '.[bench]'", file=sys.stderr)
        return None

    def run(page: wcxb.Page) -> Answer:
        document = trafilatura.bare_extraction(
            page.html, url=page.url, include_comments=False, include_tables=True, with_metadata=True, favor_recall=favor_recall
        )
        if document is None:
            return Answer(text="")
        return Answer(text=document.text or "", title=document.title, date=document.date)

    return Contender("trafilatura" + (" (favor_recall)" if favor_recall else ""), run)


def htmldate_contender() -> Contender | None:
    try:
        import htmldate
    except ImportError:
        return None

    def run(page: wcxb.Page) -> Answer:
        return Answer(date=htmldate.find_date(page.html, original_date=True, url=page.url))

    return Contender("htmldate", run, extracts_text=False)


def measure(contenders: list[Contender], pages: list[wcxb.Page], repeat: int) -> None:
    """Every pass visits every page once and runs every contender on it, in rotating order."""
    for pass_number in range(repeat):
        totals = [0.0] * len(contenders)
        for index, page in enumerate(pages):
            shift = (index + pass_number) % len(contenders)
            for position in range(len(contenders)):
                which = (position + shift) % len(contenders)
                contender = contenders[which]
                start = time.perf_counter()
                try:
                    answer = contender.run(page)
                except Exception:
                    answer = Answer(text="")
                    contender.failures += pass_number == 0
                totals[which] += time.perf_counter() - start
                if pass_number == 0:
                    contender.answers[page.id] = answer
        for contender, total in zip(contenders, totals, strict=True):
            contender.seconds.append(total)


@dataclass
class Scores:
    f1: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    precision: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    recall: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    empty: int = 0
    titles: list[bool] = field(default_factory=list)
    dates: list[bool] = field(default_factory=list)


def score(contender: Contender, pages: list[wcxb.Page]) -> Scores:
    scores = Scores()
    for page in pages:
        answer = contender.answers[page.id]
        if contender.extracts_text and page.main_content:
            p, r, f = wcxb.prf(answer.text or "", page.main_content)
            for kind in (page.page_type, "all"):
                scores.f1[kind].append(f)
                scores.precision[kind].append(p)
                scores.recall[kind].append(r)
            scores.empty += not (answer.text or "").strip()
        if page.title and contender.extracts_text:
            scores.titles.append(wcxb.same_title(answer.title, page.title))
        if page.published:
            scores.dates.append(wcxb.same_date(answer.date, page.published))
    return scores


def _mean(values: list[float] | list[bool]) -> float:
    return statistics.fmean(values) if values else float("nan")


def report(split: str, contenders: list[Contender], pages: list[wcxb.Page]) -> dict[str, Scores]:
    chosen = [page for page in pages if split == "all" or page.held_out == (split == "held-out")]
    if not chosen:
        return {}
    results = {contender.name: score(contender, chosen) for contender in contenders}
    texts = [c for c in contenders if c.extracts_text]
    counts = {kind: sum(1 for page in chosen if page.page_type == kind and page.main_content) for kind in PAGE_TYPES}
    print(f"\n## {split} split: {len(chosen)} pages")
    header = f"{'body F1 by page type':28}" + "".join(f"{c.name[:22]:>24}" for c in texts)
    print(header)
    for kind in (*PAGE_TYPES, "all"):
        n = counts.get(kind, sum(counts.values()))
        if not n:
            continue
        print(f"{kind + f' ({n})':28}" + "".join(f"{_mean(results[c.name].f1[kind]):24.3f}" for c in texts))
    print(f"{'article precision / recall':28}" + "".join(
        f"{_mean(results[c.name].precision['article']):15.3f} / {_mean(results[c.name].recall['article']):.3f}" for c in texts))
    print(f"{'nothing extracted (pages)':28}" + "".join(f"{results[c.name].empty:24d}" for c in texts))
    print(f"{'title exact':28}" + "".join(f"{_mean(results[c.name].titles):24.3f}" for c in texts))
    print(f"{'publication date exact':28}" + "".join(f"{_mean(results[c.name].dates):24.3f}" for c in contenders) + "  (" + ", ".join(c.name for c in contenders) + ")")
    return results


def print_times(contenders: list[Contender], pages: list[wcxb.Page]) -> None:
    print(f"\n## time per page over {len(pages)} pages, {len(contenders[0].seconds)} interleaved passes (ms)")
    print(f"{'contender':32}{'min':>9}{'median':>9}")
    for contender in contenders:
        per_page = [total * 1000 / len(pages) for total in contender.seconds]
        print(f"{contender.name:32}{min(per_page):9.2f}{statistics.median(per_page):9.2f}" + (f"   ({contender.failures} crashed)" if contender.failures else ""))
    by_name = {c.name: statistics.median(c.seconds) for c in contenders}
    reference = next((name for name in by_name if name.startswith("trafilatura")), None)
    if reference:
        for name in by_name:
            if name.startswith("tmcontent"):
                print(f"{name} is {by_name[reference] / by_name[name]:.2f}x as fast as {reference} (median pass)")


def dump(path: str, contenders: list[Contender], pages: list[wcxb.Page]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for page in pages:
            row: dict[str, object] = {"id": page.id, "type": page.page_type, "held_out": page.held_out}
            for contender in contenders:
                answer = contender.answers[page.id]
                row[contender.name] = {
                    "f1": round(wcxb.prf(answer.text or "", page.main_content)[2], 4) if page.main_content else None,
                    "title": wcxb.same_title(answer.title, page.title) if page.title else None,
                    "date": wcxb.same_date(answer.date, page.published) if page.published else None,
                }
            handle.write(json.dumps(row) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("all", "tune", "held-out"), default=None, help="default: tune and held-out, then all")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved passes over the pages (default 3)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (by id)")
    parser.add_argument("--trafilatura-recall", action="store_true", help="trafilatura with favor_recall=True")
    parser.add_argument("--dump", help="write per-page scores as JSON Lines")
    args = parser.parse_args()
    if not wcxb.available():
        print(f"no pages: {wcxb.CORPUS} is missing", file=sys.stderr)
        return 1
    ids = wcxb.page_ids()[: args.limit]
    if args.split in ("tune", "held-out"):
        ids = [page_id for page_id in ids if wcxb.is_held_out(page_id) == (args.split == "held-out")]
    pages = list(wcxb.pages(ids))
    contenders = [tmcontent_contender("tmcontent", True), tmcontent_contender("tmcontent (no langid)", False)]
    contenders += [c for c in (trafilatura_contender(args.trafilatura_recall), htmldate_contender()) if c is not None]
    print(f"{len(pages)} real pages from {wcxb.CREDIT}; {args.repeat} interleaved passes")
    measure(contenders, pages, args.repeat)
    for split in [args.split] if args.split else ["tune", "held-out", "all"]:
        report(split, contenders, pages)
    print_times(contenders, pages)
    if args.dump:
        dump(args.dump, contenders, pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
