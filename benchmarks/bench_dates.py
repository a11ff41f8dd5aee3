"""Benchmark: tmcontent date parsing beside dateparser and Babel, in one process.

Run:  python benchmarks/bench_dates.py

Prints (1) exact-ISO accuracy on a set of press date strings in tk/ru/en written for this
benchmark (not the unit-test list): tmcontent on every string; then, since a ``datetime`` cannot
say "March 2020", "18 March" or "10–12 June", dateparser's ceiling (the share of strings that
are one full date or date-time) and both libraries scored on exactly those strings, dateparser's
answer written to the precision of the expected value; (2) the share of Babel's
medium/long/full dates in en/tk/ru, every month, that parse back to the same day; (3) time per
string, contenders interleaved with the same passes (min/median): tmcontent and dateparser.parse
on the English and Russian strings, tmcontent and Babel's parse_date on numeric dates (Babel
cannot read month names).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable

from _timing import interleaved, ratios_line

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


def expressible_by_datetime(iso: str) -> bool:
    """A full date or a date with a time: what one ``datetime`` can say. Partial dates (no day,
    no year) and ranges cannot be written as one, so dateparser cannot be right on them."""
    return "/" not in iso and not iso.startswith("--") and len(iso) >= len("2024-01-01")


def accuracy(parse: Callable[[str, str], str | None], subset: Callable[[str], bool] = lambda iso: True) -> tuple[float, dict[str, float], list[str], int]:
    """Exact answers on the PRESS strings whose expected value passes ``subset``."""
    per_lang: dict[str, list[bool]] = {}
    misses = []
    cases = [case for case in PRESS if subset(case[1])]
    for text, iso, lang in cases:
        try:
            got = parse(text, lang)
        except Exception:
            got = None
        ok = got == iso
        per_lang.setdefault(lang, []).append(ok)
        if not ok:
            misses.append(f"{text!r}: {got!r} (want {iso!r})")
    total = sum(sum(v) for v in per_lang.values()) / len(cases)
    return total, {k: sum(v) / len(v) for k, v in per_lang.items()}, misses, len(cases)


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


def as_datetime_iso(value: dt.datetime | None, want: str) -> str | None:
    """dateparser's answer written as the expected value is: the date, plus hours and minutes
    when the expected value has a time (its best chance to be scored right)."""
    if value is None:
        return None
    return value.strftime("%Y-%m-%dT%H:%M") if "T" in want else value.date().isoformat()


def print_accuracy(name: str, result: tuple[float, dict[str, float], list[str], int], note: str = "") -> None:
    total, by_lang, _, count = result
    print(f"{name} exact on {count}: {total:.1%}  " + "  ".join(f"{k} {v:.1%}" for k, v in sorted(by_lang.items())) + note)


def main() -> int:
    from tmcontent.dates import parse_date

    def ours(text: str, lang: str) -> str | None:
        value = parse_date(text, lang=lang)
        return value.iso if value else None

    result = accuracy(ours)
    print(f"press strings: {len(PRESS)} (tk {sum(1 for p in PRESS if p[2] == 'tk')}, ru {sum(1 for p in PRESS if p[2] == 'ru')}, en {sum(1 for p in PRESS if p[2] == 'en')})")
    print_accuracy("tmcontent, every string,", result)
    for miss in result[2]:
        print("   miss:", miss)
    try:
        import dateparser
    except ImportError:
        dateparser = None
        print("dateparser not installed: pip install '.[bench]'")
    if dateparser is not None:
        expected = {text: iso for text, iso, _ in PRESS}

        def theirs(text: str, lang: str) -> str | None:
            return as_datetime_iso(dateparser.parse(text, languages=[lang] if lang != "tk" else None), expected[text])

        ceiling = sum(expressible_by_datetime(iso) for _, iso, _ in PRESS) / len(PRESS)
        print(f"dateparser's ceiling: {ceiling:.1%} of the strings are one full date or date-time, all a datetime can say")
        print_accuracy("tmcontent on those", accuracy(ours, expressible_by_datetime))
        print_accuracy("dateparser on those", accuracy(theirs, expressible_by_datetime), "  (tk: no Turkmen, languages=None)")
    good, count = round_trip()
    print(f"Babel medium/long/full en/tk/ru round trip: {good}/{count} = {good / count:.1%}")
    texts = [text for text, _, lang in PRESS if lang in ("en", "ru")]
    contenders: dict[str, Callable[[str], object]] = {"tmcontent": lambda t: parse_date(t)}
    if dateparser is not None:
        contenders["dateparser.parse"] = lambda t: dateparser.parse(t)
    print(f"speed on {len(texts)} en/ru strings, per string, " + ratios_line(interleaved(contenders, texts, repeat=5, warm_up=texts), "tmcontent"))
    from babel.dates import parse_date as babel_parse

    numeric = ["14.03.2022", "15/06/2021", "25.05.2023"]
    numeric_timings = interleaved({"tmcontent": lambda t: parse_date(t, lang="ru"), "Babel parse_date": lambda t: babel_parse(t, locale="ru")},
                                  numeric * 20, repeat=5, warm_up=numeric)
    print("speed on numeric dates (all Babel can read), " + ratios_line(numeric_timings, "tmcontent"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
