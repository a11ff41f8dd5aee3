"""Benchmark: tmcontent date parsing beside dateparser and Babel, in one process.

Run:  python benchmarks/bench_dates.py

Prints (1) exact-ISO accuracy on a set of press date strings in tk/ru/en written for this
benchmark (not the unit-test list), for tmcontent and dateparser; (2) the share of Babel's
medium/long/full dates in en/tk/ru, every month, that parse back to the same day; (3) time
per string on the English and Russian strings for tmcontent, dateparser.parse and Babel's
parse_date (numeric only: Babel cannot read month names), with ratios.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable

from _timing import seconds_per_item

PRESS = [
    # (text, expected ISO, language)
    ("Aşgabat, 14 fewral 2024", "2024-02-14", "tk"), ("15 Sentýabr 2022", "2022-09-15", "tk"),
    ("2019-njy ýylyň 1-nji iýulyndan", "2019-07-01", "tk"), ("2022-nji ýylyň 9-njy dekabrynda", "2022-12-09", "tk"),
    ("2024-nji ýylyň 30-njy ýanwarynda", "2024-01-30", "tk"), ("şu ýylyň 18-nji martynda", "--03-18", "tk"),
    ("20-21-nji noýabr aralygynda", "--11-20/--11-21", "tk"), ("7 — 9-njy iýun aralygynda", "--06-07/--06-09", "tk"),
    ("2023-nji ýylyň sentýabr aýynda", "2023-09", "tk"), ("2025-nji ýylyň ýanwar aýyndan başlap", "2025-01", "tk"),
    ("12-nji awgustdan 20-nji awgusta çenli", "--08-12/--08-20", "tk"), ("Sişenbe, 5 mart 2024", "2024-03-05", "tk"),
    ("25.05.2023 ý.", "2023-05-25", "tk"), ("01 noyabr 2021", "2021-11-01", "tk"), ("3 iyul 2020", "2020-07-03", "tk"),
    ("2016 – 2020-nji ýyllar üçin", "2016/2020", "tk"), ("28-nji sentýabrda", "--09-28", "tk"), ("oktýabr 2019", "2019-10", "tk"),
    ("17 апреля 2023 года", "2023-04-17", "ru"), ("1 сентября 2021 г.", "2021-09-01", "ru"), ("Ашхабад, 22 ноября 2022 г. —", "2022-11-22", "ru"),
    ("09 Декабрь 2020 г., 15:04", "2020-12-09T15:04", "ru"), ("5 окт. 2022", "2022-10-05", "ru"), ("12 янв 2024, 09:15", "2024-01-12T09:15", "ru"),
    ("14.03.2022 | 10:45", "2022-03-14T10:45", "ru"), ("в марте 2020 года", "2020-03", "ru"), ("10–12 июня", "--06-10/--06-12", "ru"),
    ("среда, 6 июля 2022 г.", "2022-07-06", "ru"), ("Февраль 2021", "2021-02", "ru"), ("с 3 по 7 мая 2021 года", "2021-05-03/2021-05-07", "ru"),
    ("30 августа 2019", "2019-08-30", "ru"), ("в 2018–2022 годах", "2018/2022", "ru"), ("25 декабря", "--12-25", "ru"),
    ("11 February 2022", "2022-02-11", "en"), ("September 17, 2021", "2021-09-17", "en"), ("Tuesday, 4 October 2022", "2022-10-04", "en"),
    ("Ashgabat, 29 June 2023 –", "2023-06-29", "en"), ("Nov. 3, 2020", "2020-11-03", "en"), ("Dec 12", "--12-12", "en"),
    ("1st December 2022", "2022-12-01", "en"), ("22nd of March 2021", "2021-03-22", "en"), ("in May 2019", "2019-05", "en"),
    ("12-14 October 2022", "2022-10-12/2022-10-14", "en"), ("July 11–18", "--07-11/--07-18", "en"), ("2023-06-08", "2023-06-08", "en"),
    ("15/06/2021", "2021-06-15", "en"), ("Friday, January 13, 2023", "2023-01-13", "en"), ("6 september 2024", "2024-09-06", "en"),
    ("Published 2022-11-30T14:05:00Z", "2022-11-30T14:05", "en"), ("Sept. 21, 2023", "2023-09-21", "en"), ("2021-2025", "2021/2025", "en"),
]


def accuracy(parse: Callable[[str, str], str | None]) -> tuple[float, dict[str, float], list[str]]:
    per_lang: dict[str, list[bool]] = {}
    misses = []
    for text, iso, lang in PRESS:
        try:
            got = parse(text, lang)
        except Exception:
            got = None
        ok = got == iso
        per_lang.setdefault(lang, []).append(ok)
        if not ok:
            misses.append(f"{text!r}: {got!r} (want {iso!r})")
    total = sum(sum(v) for v in per_lang.values()) / len(PRESS)
    return total, {k: sum(v) / len(v) for k, v in per_lang.items()}, misses


def round_trip() -> tuple[int, int]:
    from babel.dates import format_date

    from tmcontent.dates import parse_date

    good = total = 0
    for locale in ("en", "tk", "ru"):
        for width in ("medium", "long", "full"):
            for month in range(1, 13):
                for day in (1, 15, 28):
                    date = dt.date(2024, month, day)
                    total += 1
                    value = parse_date(format_date(date, width, locale=locale), lang=locale)
                    good += value is not None and value.start == date
    return good, total


def per_string(function: Callable[[str], object], texts: list[str], repeat: int = 5) -> float:
    return seconds_per_item(function, texts, repeat) * 1e6


def main() -> int:
    from tmcontent.dates import parse_date

    def ours(text: str, lang: str) -> str | None:
        value = parse_date(text, lang=lang)
        return value.iso if value else None

    total, by_lang, misses = accuracy(ours)
    print(f"press strings: {len(PRESS)} (tk {sum(1 for p in PRESS if p[2] == 'tk')}, ru {sum(1 for p in PRESS if p[2] == 'ru')}, en {sum(1 for p in PRESS if p[2] == 'en')})")
    print(f"tmcontent exact ISO: {total:.1%}  " + "  ".join(f"{k} {v:.1%}" for k, v in sorted(by_lang.items())))
    for miss in misses:
        print("   miss:", miss)
    try:
        import dateparser
    except ImportError:
        dateparser = None
        print("dateparser not installed: pip install '.[bench]'")
    if dateparser is not None:
        def theirs(text: str, lang: str) -> str | None:
            value = dateparser.parse(text, languages=[lang] if lang != "tk" else None)
            return value.date().isoformat() if value else None

        d_total, d_by_lang, _ = accuracy(theirs)
        print(f"dateparser exact ISO: {d_total:.1%}  " + "  ".join(f"{k} {v:.1%}" for k, v in sorted(d_by_lang.items())) + "  (it fills missing parts from today, so partial dates never match)")
    good, count = round_trip()
    print(f"Babel medium/long/full en/tk/ru round trip: {good}/{count} = {good / count:.1%}")
    texts = [text for text, _, lang in PRESS if lang in ("en", "ru")]
    ours_us = per_string(lambda t: parse_date(t), texts)
    print(f"speed on {len(texts)} en/ru strings, per string: tmcontent {ours_us:.1f} us", end="")
    if dateparser is not None:
        theirs_us = per_string(lambda t: dateparser.parse(t), texts, repeat=2)
        print(f"; dateparser.parse {theirs_us:.1f} us; tmcontent is {theirs_us / ours_us:.1f}x faster", end="")
    from babel.dates import parse_date as babel_parse

    numeric = ["14.03.2022", "15/06/2021", "25.05.2023"]
    babel_us = per_string(lambda t: babel_parse(t, locale="ru"), numeric)
    print(f"; Babel parse_date (numeric only) {babel_us:.1f} us")
    return 0


if __name__ == "__main__":
    sys.exit(main())
