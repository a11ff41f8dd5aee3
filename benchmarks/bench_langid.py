"""Benchmark: tmcontent language identification beside langdetect, pycld2 and py3langid.

Run:  python benchmarks/bench_langid.py [--folds 5]

All figures are held out: the NTREX-128 dev sentences (../shared) are cut into K contiguous
folds (the corpus runs article by article, so a fold holds articles the model never saw: their
names and topics are new, as in unseen text); for each fold our model is rebuilt by
scripts/build_langid_profile.py's trainer from the other folds and judged on this fold only
(the other identifiers were never trained on this corpus). Printed: sentence recall per
language and Turkmen precision; two-word fragments with candidates en/tk/ru (one random pair
of adjacent words per sentence, side by side with the others; then every adjacent pair, and
each sentence's first two words, for tmcontent); ASCII-folded Turkmen; character accuracy on
code-switched paragraphs (2–5 sentences of en/tk/ru joined by a space, a newline or nothing);
time per sentence.
"""

from __future__ import annotations

import argparse
import importlib
import random
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import build_langid_profile as build  # noqa: E402
from _timing import seconds_per_item  # noqa: E402

from tmcontent.langid import detect, segment  # noqa: E402
from tmcontent.langid.features import fold_turkmen  # noqa: E402
from tmcontent.langid.model import NgramModel  # noqa: E402

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


def fragments(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    if len(words) < 3:
        return sentence
    return pair(words, rng.randrange(0, len(words) - 1))


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


def timed(function: Callable[[str], object], passes: list[list[str]], warm_up: list[str]) -> float:
    """Microseconds per text: a pass over ``warm_up``, then the fastest of ``passes``."""
    for text in warm_up:
        function(text)
    return min(seconds_per_item(function, texts, repeat=1) for texts in passes) * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    corpus = build.read_corpus(REPO.parent / "shared" / "corpora" / "ntrex128-dev")
    size = len(corpus["tk"])
    rng = random.Random(args.seed)
    others = competitors()
    names = ["tmcontent", *others]
    recall: dict[str, Counter[str]] = {n: Counter() for n in names}
    called_tk: Counter[str] = Counter()
    wrongly_tk: Counter[str] = Counter()
    frag: dict[str, Counter[str]] = {n: Counter() for n in names}
    every_pair: Counter[str] = Counter()
    first_pair: Counter[str] = Counter()
    folded: Counter[str] = Counter()
    chars = [0, 0]
    seen: Counter[str] = Counter()
    for fold in range(args.folds):
        test = sorted(build.held_out(size, args.folds, fold))
        use_model(NgramModel.from_profile(build.train(build.training_texts(corpus, set(range(size)) - set(test)))))
        guessers: dict[str, Callable[[str, tuple[str, ...] | None], str]] = {"tmcontent": lambda t, c: detect(t, candidates=c).lang, **others}
        sample = test if fold == 0 else test[:40]  # competitors are slow: full fold 0, a slice of the others
        for lang in LANGS:
            for i in test:
                sentence = corpus[lang][i]
                seen[lang] += 1
                ours = guessers["tmcontent"](sentence, None)
                recall["tmcontent"][lang] += ours == lang
                called_tk["tmcontent"] += ours == "tk"
                wrongly_tk["tmcontent"] += ours == "tk" and lang != "tk"
                if lang in TRIO:
                    frag["tmcontent"][lang] += guessers["tmcontent"](fragments(sentence, rng), TRIO) == lang
                    frag["tmcontent"][lang + "#"] += 1
                    for fragment in all_pairs(sentence):
                        every_pair[lang] += guessers["tmcontent"](fragment, TRIO) == lang
                        every_pair[lang + "#"] += 1
                    first_pair[lang] += guessers["tmcontent"](pair(sentence.split(), 0), TRIO) == lang
                if i in sample:
                    for name in others:
                        guess = guessers[name](sentence, None)
                        recall[name][lang] += guess == lang
                        recall[name][lang + "#"] += 1
                        called_tk[name] += guess == "tk"
                        wrongly_tk[name] += guess == "tk" and lang != "tk"
                        if lang in TRIO:
                            frag[name][lang] += guessers[name](fragments(sentence, random.Random(i)), TRIO) == lang
                            frag[name][lang + "#"] += 1
        for i in test:
            folded["right"] += detect(fold_turkmen(corpus["tk"][i])).lang == "tk"
            folded["all"] += 1
        for text, spans in paragraphs(corpus, test, rng, 60):
            right, total = char_accuracy(text, spans, segment(text, candidates=TRIO))
            chars[0] += right
            chars[1] += total
    print(f"{args.folds}-fold held-out figures on the NTREX-128 dev sentences ({size} per language)")
    print(f"{'identifier':28}" + "".join(f"{lang:>8}" for lang in LANGS) + f"{'tk prec':>9}" + "".join(f"{'2w ' + lang:>8}" for lang in TRIO))
    for name in names:
        row = recall[name]
        cells = [row[lang] / (row[lang + "#"] or seen[lang]) for lang in LANGS]
        precision = 1 - wrongly_tk[name] / called_tk[name] if called_tk[name] else 0.0
        two = [frag[name][lang] / max(1, frag[name][lang + "#"]) for lang in TRIO]
        print(f"{name:28}" + "".join(f"{c:8.4f}" for c in cells) + f"{precision:9.4f}" + "".join(f"{c:8.4f}" for c in two))
    print("tmcontent two-word fragments, every adjacent pair: " + ", ".join(f"{lang} {every_pair[lang] / every_pair[lang + '#']:.4f}" for lang in TRIO)
          + "; first two words: " + ", ".join(f"{lang} {first_pair[lang] / seen[lang]:.4f}" for lang in TRIO))
    print(f"tmcontent ASCII-folded Turkmen recall: {folded['right'] / folded['all']:.4f}")
    print(f"tmcontent code-switched paragraphs: {chars[0] / chars[1]:.4f} of characters in the right run")
    use_model(shipped_model())
    # Every identifier first runs over other sentences (models loaded, caches as in steady use),
    # then is timed on sentences it has not seen: the best of three passes, each over a new set.
    warm_up = [corpus[lang][i] for lang in LANGS for i in range(6, size, 7)]
    passes = [[corpus[lang][i] for lang in LANGS for i in range(start, size, 7)] for start in range(3)]
    ours_us = timed(lambda t: detect(t), passes, warm_up)
    print(f"speed per sentence (best of 3 passes over {len(passes[0])} new sentences): tmcontent {ours_us:.1f} us", end="")
    for name, guess in raw_calls().items():
        subsets = passes if "langdetect" not in name else [texts[:150] for texts in passes]
        their_us = timed(guess, subsets, warm_up[:150])
        print(f"; {name} {their_us:.1f} us ({their_us / ours_us:.1f}x ours)", end="")
    print()
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
