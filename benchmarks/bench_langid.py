"""Benchmark: tmcontent language identification beside langdetect, pycld2 and py3langid.

Run:  python benchmarks/bench_langid.py [--folds 5]

All figures are held out. The NTREX-128 dev sentences (../shared) run article by article; the
last fifth of them (--reserve) is the RESERVED split, set apart on 2026-11-26 and looked at by
no tuning since: the headline figures are there, for every identifier on the same sentences and
the same two-word fragments, our model rebuilt by scripts/build_langid_profile.py's trainer
from the other lines only (the other identifiers were never trained on this corpus). The first
four fifths are the TUNE part: K contiguous folds, each judged by a model rebuilt from the
others; tmcontent's constants were chosen on such figures, so they are printed apart and are
no evidence. Printed: sentence recall per language and Turkmen precision; two-word fragments
with candidates en/tk/ru (one pair of adjacent words per sentence, the same pair for every
identifier); for tmcontent every adjacent pair and each sentence's first two words,
ASCII-folded Turkmen, character accuracy on code-switched paragraphs (2–5 sentences of en/tk/ru
joined by a space, a newline or nothing); time per sentence, interleaved (min/median).
"""

from __future__ import annotations

import argparse
import importlib
import random
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import build_langid_profile as build  # noqa: E402
from _timing import interleaved, ratios_line  # noqa: E402

from tmcontent.langid import detect, segment  # noqa: E402
from tmcontent.langid.model import NgramModel  # noqa: E402
from tmcontent.textfacts import fold_turkmen  # noqa: E402

LANGS = build.LANGS
TRIO = ("en", "tk", "ru")


def competitors() -> dict[str, Callable[[str, tuple[str, ...] | None], str]]:
    from tmcontent.langid import backends

    found: dict[str, Callable[[str, tuple[str, ...] | None], str]] = {}

    def restrict(candidates: tuple[str, ...] | None) -> frozenset[str] | None:
        return frozenset(candidates) if candidates else None

    found["langdetect (stock)"] = lambda t, c: backends._langdetect(t, restrict(c), backends.stock_langdetect_factory())[0]
    found["langdetect + our tk profile"] = lambda t, c: backends._langdetect(t, restrict(c))[0]
    try:
        import pycld2  # noqa: F401

        found["pycld2"] = lambda t, c: backends._cld2(t, restrict(c))[0]
    except ImportError:
        print("pycld2 not installed (pip install '.[bench]')")
    try:
        import py3langid  # noqa: F401

        found["py3langid"] = lambda t, c: backends._py3langid(t, restrict(c))[0]
    except ImportError:
        print("py3langid not installed (pip install '.[bench]')")
    return found


#: The modules that call ``default_model()``; the benchmark points them at each fold's model.
#: (By name: ``import tmcontent.langid.detect as m`` would give the function the package exports.)
MODEL_USERS = ("tmcontent.langid.detect", "tmcontent.langid.segment")


def use_model(model: NgramModel) -> None:
    for name in MODEL_USERS:
        importlib.import_module(name).default_model = lambda model=model: model  # type: ignore[attr-defined]
    importlib.import_module("tmcontent.langid.segment")._word_scores.cache_clear()


def pair(words: list[str], start: int) -> str:
    return " ".join(w.strip(".,:;!?\"“”«»()") for w in words[start : start + 2])


def fragment(sentence: str, lang: str, line: int, seed: int) -> str:
    """One pair of adjacent words of the sentence, the same pair for every identifier."""
    words = sentence.split()
    if len(words) < 3:
        return sentence
    return pair(words, random.Random(f"{seed}:{lang}:{line}").randrange(0, len(words) - 1))


def all_pairs(sentence: str) -> list[str]:
    words = sentence.split()
    return [pair(words, start) for start in range(len(words) - 1)] if len(words) >= 3 else [sentence]


def paragraphs(corpus: dict[str, list[str]], test: list[int], rng: random.Random, count: int) -> list[tuple[str, list[tuple[int, int, str]]]]:
    made = []
    for _ in range(count):
        joiner = rng.choice([" ", "\n", ""])
        parts, spans, position = [], [], 0
        for _ in range(rng.randint(2, 5)):
            lang = rng.choice(TRIO)
            sentence = corpus[lang][rng.choice(test)]
            if parts:
                parts.append(joiner)
                position += len(joiner)
            parts.append(sentence)
            spans.append((position, position + len(sentence), lang))
            position += len(sentence)
        made.append(("".join(parts), spans))
    return made


def char_accuracy(text: str, spans: list[tuple[int, int, str]], runs: list) -> tuple[int, int]:  # type: ignore[type-arg]
    truth = [None] * len(text)
    for start, end, lang in spans:
        for i in range(start, end):
            truth[i] = lang
    right = total = 0
    for run in runs:
        for i in range(run.start, run.end):
            if truth[i] is not None and not text[i].isspace():
                total += 1
                right += run.lang == truth[i]
    return right, total


Guess = Callable[[str, tuple[str, ...] | None], str]


@dataclass
class Tally:
    """Counts for one identifier on one split: sentences right per language, Turkmen calls,
    and two-word fragments right per language (``lang + "#"`` keys count what was tried)."""

    sentences: Counter[str] = field(default_factory=Counter)
    called_tk: int = 0
    wrongly_tk: int = 0
    fragments: Counter[str] = field(default_factory=Counter)

    def add_sentence(self, lang: str, guess: str) -> None:
        self.sentences[lang] += guess == lang
        self.sentences[lang + "#"] += 1
        self.called_tk += guess == "tk"
        self.wrongly_tk += guess == "tk" and lang != "tk"

    def add_fragment(self, lang: str, guess: str) -> None:
        self.fragments[lang] += guess == lang
        self.fragments[lang + "#"] += 1

    def row(self) -> list[float]:
        cells = [self.sentences[lang] / max(1, self.sentences[lang + "#"]) for lang in LANGS]
        precision = 1 - self.wrongly_tk / self.called_tk if self.called_tk else 0.0
        return [*cells, precision, *(self.fragments[lang] / max(1, self.fragments[lang + "#"]) for lang in TRIO)]


def judge(guessers: dict[str, Guess], corpus: dict[str, list[str]], lines: list[int], tallies: dict[str, Tally], seed: int) -> None:
    """Every identifier on the same sentences and the same two-word fragments of ``lines``."""
    for lang in LANGS:
        for i in lines:
            sentence = corpus[lang][i]
            words = fragment(sentence, lang, i, seed) if lang in TRIO else None
            for name, guess in guessers.items():
                tallies[name].add_sentence(lang, guess(sentence, None))
                if words is not None:
                    tallies[name].add_fragment(lang, guess(words, TRIO))


@dataclass
class Extras:
    """tmcontent-only figures: every adjacent pair, first two words, folded Turkmen, mixed text."""

    every_pair: Counter[str] = field(default_factory=Counter)
    first_pair: Counter[str] = field(default_factory=Counter)
    folded: Counter[str] = field(default_factory=Counter)
    chars: list[int] = field(default_factory=lambda: [0, 0])

    def add(self, corpus: dict[str, list[str]], lines: list[int], rng: random.Random) -> None:
        for lang in TRIO:
            for i in lines:
                sentence = corpus[lang][i]
                for words in all_pairs(sentence):
                    self.every_pair[lang] += detect(words, candidates=TRIO).lang == lang
                    self.every_pair[lang + "#"] += 1
                self.first_pair[lang] += detect(pair(sentence.split(), 0), candidates=TRIO).lang == lang
                self.first_pair[lang + "#"] += 1
        for i in lines:
            self.folded["right"] += detect(fold_turkmen(corpus["tk"][i])).lang == "tk"
            self.folded["all"] += 1
        for text, spans in paragraphs(corpus, lines, rng, 60):
            right, total = char_accuracy(text, spans, segment(text, candidates=TRIO))
            self.chars[0] += right
            self.chars[1] += total

    def lines(self) -> list[str]:
        share = lambda counter, lang: counter[lang] / max(1, counter[lang + "#"])  # noqa: E731
        return [
            "tmcontent two-word fragments, every adjacent pair: " + ", ".join(f"{lang} {share(self.every_pair, lang):.4f}" for lang in TRIO)
            + "; first two words: " + ", ".join(f"{lang} {share(self.first_pair, lang):.4f}" for lang in TRIO),
            f"tmcontent ASCII-folded Turkmen recall: {self.folded['right'] / max(1, self.folded['all']):.4f}",
            f"tmcontent code-switched paragraphs: {self.chars[0] / max(1, self.chars[1]):.4f} of characters in the right run",
        ]


def print_table(title: str, tallies: dict[str, Tally]) -> None:
    print(title)
    print(f"{'identifier':28}" + "".join(f"{lang:>8}" for lang in LANGS) + f"{'tk prec':>9}" + "".join(f"{'2w ' + lang:>8}" for lang in TRIO))
    for name, tally in tallies.items():
        print(f"{name:28}" + "".join(f"{cell:8.4f}" for cell in tally.row()))


def split_lines(size: int, reserve: float) -> tuple[list[int], list[int]]:
    """(tune lines, reserved lines): the reserved part is the corpus's last articles, a block no
    tuning of tmcontent's constants has looked at since it was set apart (2026-11-26)."""
    cut = round(size * (1 - reserve))
    return list(range(cut)), list(range(cut, size))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5, help="folds over the tune part")
    parser.add_argument("--reserve", type=float, default=0.2, help="share of the corpus, at its end, kept for the reserved split")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    corpus = build.read_corpus(REPO.parent / "shared" / "corpora" / "ntrex128-dev")
    tune, reserved = split_lines(len(corpus["tk"]), args.reserve)
    others = competitors()
    ours: dict[str, Guess] = {"tmcontent": lambda t, c: detect(t, candidates=c).lang}

    use_model(NgramModel.from_profile(build.train(build.training_texts(corpus, set(tune)))))
    held: dict[str, Tally] = {name: Tally() for name in [*ours, *others]}
    judge({**ours, **others}, corpus, reserved, held, args.seed)
    held_extras = Extras()
    held_extras.add(corpus, reserved, random.Random(args.seed))
    print_table(f"RESERVED split: the last {len(reserved)} lines of {len(corpus['tk'])} (new articles), model trained on the "
                f"{len(tune)} tune lines; every identifier on the same sentences and fragments", held)
    print("\n".join(held_extras.lines()))

    folds: dict[str, Tally] = {name: Tally() for name in [*ours, *others]}
    fold_extras = Extras()
    for fold in range(args.folds):
        test = [tune[i] for i in sorted(build.held_out(len(tune), args.folds, fold))]
        use_model(NgramModel.from_profile(build.train(build.training_texts(corpus, set(tune) - set(test)))))
        judge(ours, corpus, test, folds, args.seed)
        fold_extras.add(corpus, test, random.Random(args.seed + fold))
    print()
    print_table(f"TUNE part, {args.folds}-fold held out (the constants were chosen on these figures): tmcontent", {"tmcontent": folds["tmcontent"]})
    print("\n".join(fold_extras.lines()))

    use_model(shipped_model())
    # Every identifier first runs over other sentences (models loaded, caches as in steady use);
    # then all are timed, interleaved, over the same reserved sentences.
    warm_up = [corpus[lang][i] for lang in LANGS for i in tune[::7]]
    texts = [corpus[lang][i] for lang in LANGS for i in reserved]
    contenders: dict[str, Callable[[str], object]] = {"tmcontent": lambda t: detect(t), **raw_calls()}
    timings = interleaved(contenders, texts, repeat=5, warm_up=warm_up[:150])
    print(f"\nspeed per sentence over {len(texts)} reserved sentences, " + ratios_line(timings, "tmcontent"))
    return 0


def raw_calls() -> dict[str, Callable[[str], object]]:
    """Each competitor's own fastest call, for timing (no wrapper of ours around it)."""
    from tmcontent.langid.backends import stock_langdetect_factory

    factory = stock_langdetect_factory()

    def langdetect_detect(text: str) -> object:
        detector = factory.create()
        detector.append(text)
        return detector.detect()

    calls: dict[str, Callable[[str], object]] = {"langdetect (stock)": langdetect_detect}
    try:
        import pycld2

        calls["pycld2.detect"] = pycld2.detect
    except ImportError:
        pass
    try:
        import py3langid

        calls["py3langid.classify"] = py3langid.classify
    except ImportError:
        pass
    return calls


def shipped_model() -> NgramModel:
    from tmcontent.langid.model import default_model

    return default_model()


if __name__ == "__main__":
    sys.exit(main())
