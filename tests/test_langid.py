"""Language identification: Turkmen and its neighbours, short labels, runs, bad input."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import unicodedata
from itertools import pairwise
from pathlib import Path

import pytest

import tmcontent
from tmcontent.langid import detect, segment
from tmcontent.langid.features import (
    MAX_WORD_LETTERS,
    WORD_RE,
    letter_count,
    partition,
    tokens,
    word_features,
)
from tmcontent.langid.model import ALIEN_PENALTY, WORD_WEIGHT, NgramModel
from tmcontent.langid.segment import IMPOSSIBLE_SCORE
from tmcontent.textfacts import fold_turkmen

# Sentences written for these tests (not from the corpus).
SENTENCES = {
    "tk": [
        "Daşoguz welaýatynda täze mekdep gurlup, okuwçylar üçin sport meýdançasy hem açyldy.",
        "Türkmenistanyň Prezidenti halkara maslahatyna gatnaşyjylary mübärekledi.",
        "Ýaş hünärmenler suw serişdelerini tygşytly ulanmak boýunça okuw sapaklaryna gatnaşdylar.",
    ],
    "tr": [
        "Öğrenciler yeni okulun bahçesinde ağaç dikti ve öğretmenlerine teşekkür etti.",
        "Bakanlık, gelecek yıl için sağlık hizmetlerini genişletmeyi planladığını açıkladı.",
    ],
    "az": [
        "Tələbələr yeni məktəbin həyətində ağac əkdilər və müəllimlərinə təşəkkür etdilər.",
        "Nazirlik gələn il səhiyyə xidmətlərini genişləndirməyi planlaşdırdığını bildirdi.",
    ],
    "uz": [
        "Oʻquvchilar yangi maktab hovlisida daraxt ekishdi va oʻqituvchilariga minnatdorchilik bildirishdi.",
        "Vazirlik kelgusi yilda sogʻliqni saqlash xizmatlarini kengaytirishni rejalashtirayotganini maʼlum qildi.",
    ],
    "ru": [
        "Школьники посадили деревья во дворе новой школы и поблагодарили учителей.",
        "Министерство сообщило о планах расширить медицинские услуги в следующем году.",
    ],
    "en": [
        "The pupils planted trees in the yard of the new school and thanked their teachers.",
        "The ministry said it plans to expand health services in rural areas next year.",
    ],
}


@pytest.mark.parametrize(("lang", "sentence"), [(lang, s) for lang, items in SENTENCES.items() for s in items])
def test_sentences_in_six_languages(lang: str, sentence: str) -> None:
    found = detect(sentence)
    assert found.lang == lang
    assert found.confidence > 0.9
    assert found.script == "Latn" if lang != "ru" else found.script == "Cyrl"


@pytest.mark.parametrize("sentence", SENTENCES["tk"])
def test_ascii_folded_turkmen_is_still_turkmen(sentence: str) -> None:
    folded = fold_turkmen(sentence)
    assert folded != sentence
    assert detect(folded).lang == "tk"


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Press reliz", "tk"), ("Waka", "tk"), ("Soňky", "tk"), ("Has köp öwrenme", "tk"), ("27 noýabr 2023", "tk"),
     ("Пресс-релиз", "ru"), ("Latest", "en"), ("Learn more", "en"), ("19 May 2020", "en"), ("14 марта", "ru")],
)
def test_short_labels_and_dates_use_the_lexicons(text: str, lang: str) -> None:
    assert detect(text, candidates=["en", "tk", "ru"]).lang == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [("water supply", "en"), ("suw üpjünçiligi", "tk"), ("водоснабжение района", "ru"), ("health workers", "en"),
     ("saglyk işgärleri", "tk"), ("täze mekdep", "tk"), ("new school", "en")],
)
def test_two_word_fragments_with_candidates(text: str, lang: str) -> None:
    assert detect(text, candidates=["en", "tk", "ru"]).lang == lang


TRIO = ["en", "tk", "ru"]


def test_a_case_ending_on_a_name_speaks_its_language() -> None:
    assert partition(tokens("Patrick Anderson-yň")) == (["-yň"], ["patrick", "anderson"])
    assert detect("Patrick Anderson-yň", candidates=TRIO).lang == "tk"
    assert detect("Chelsea-de oýnady", candidates=TRIO).lang == "tk"
    assert detect("UK-based charity", candidates=TRIO).lang == "en"  # the ending is English there


def test_capitalised_words_of_a_fragment_count_less_but_count() -> None:
    assert detect("Garşylyklaýyn protestler", candidates=TRIO).lang == "tk"  # a sentence's first word
    assert detect("Willoughby bilen", candidates=TRIO).lang == "tk"  # a name beside a Turkmen word
    assert detect("Mähri Eýeberdiýewa said", candidates=TRIO).lang == "en"


def test_lower_case_letters_english_lacks() -> None:
    model = tmcontent.langid.model.default_model()
    english = model.classes.index("en")
    assert model.packing.unpack_words(model.alien_penalty("öýken"), 0)[english] == ALIEN_PENALTY
    assert model.alien_penalty("Ataýew") == 0 and model.alien_penalty("water") == 0
    assert detect("öýken and", candidates=TRIO).lang == "tk"
    assert detect("the täze", candidates=TRIO).lang == "tk"
    # A name spelt with Turkmen letters does not make an English line Turkmen.
    assert detect("Merdan Ataýew, Programme Associate", candidates=TRIO).lang == "en"


@pytest.mark.parametrize("text", ["Press reliz", "27 noýabr 2023", "Has köp öwrenme", "UNDP", "12 345", "water supply"])
def test_a_short_text_is_one_run_read_as_detect_reads_it(text: str) -> None:
    (run,) = segment(text, candidates=iter(TRIO))  # an iterator is read once, and enough
    assert (run.start, run.end, run.lang) == (0, len(text), detect(text, candidates=TRIO).lang)


def test_packed_scores_are_plain_naive_bayes() -> None:
    table = {" ab": [-2.5, -7.0], "abc": [-1.25, -3.0], "bc ": [-4.0, -0.5], "w:abc": [-6.0, -9.75], "s:de": [-8.0, -1.0]}
    model = NgramModel(["en", "tk"], table)

    def expected(word: str) -> list[float]:
        sums = [0.0, 0.0]
        for feature in word_features(word[:MAX_WORD_LETTERS]):
            for index, value in enumerate(table.get(feature, [0.0, 0.0])):
                sums[index] += value * (WORD_WEIGHT if feature.startswith("w:") else 1)
        return sums

    for word in ["abc", "ab", "xyz", "abc-de", "я" * 5000]:
        assert model.word_scores(word) == pytest.approx(expected(word), abs=1e-9)
    assert model.scores_of_tokens(["abc"] * 5).by_lang == pytest.approx({"en": 5 * expected("abc")[0], "tk": 5 * expected("abc")[1]})


def test_an_over_long_run_of_letters_is_no_word() -> None:
    model = tmcontent.langid.model.default_model()
    assert model.word_scores("я" * 50_000) == model.word_scores("я" * MAX_WORD_LETTERS)  # bounded
    assert detect("x" * 10_000_000).lang == "und"
    assert detect("Türkmenistanyň hökümeti bilen geçirildi " + "ý" * 5_000).lang == "tk"
    runs = segment("x" * 1_000_000 + " The exhibition opened on Monday with forty paintings.")
    assert [run.lang for run in runs] == ["en"] and runs[-1].end == 1_000_000 + 54


@pytest.mark.parametrize("text", ["", "   \n\t", "12 345", "+99312 48-84-07", "https://un.org/tk/page", "info@un.org", "—!?", "UNDP"])
def test_no_language_is_und(text: str) -> None:
    assert detect(text).lang == "und"


def test_candidates_restrict_the_answer() -> None:
    assert detect("Türkiye Cumhurbaşkanı ile görüştü").lang == "tr"
    assert detect("Türkiye Cumhurbaşkanı ile görüştü", candidates=["en", "tk", "ru"]).lang in {"tk", "en"}


def test_bad_input_is_defined() -> None:
    with pytest.raises(TypeError, match="takes a str"):
        detect(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="candidates"):
        detect("text", candidates="en")
    assert detect("Daşoguz\x00 welaýatynda\x07 täze\ud800 mekdep açyldy").lang == "tk"
    huge = "The ministry said it plans to expand health services. " * 200_000
    assert len(huge) > 10_000_000 and detect(huge).lang == "en"


def test_code_switched_paragraph_runs_with_offsets() -> None:
    en = "The training was organized by the UN Futures Lab consultant."
    tk = "Türkmenistanyň hökümeti bilen bilelikde iki günlük okuw geçirildi."
    ru = "Участники обсудили планы на следующий год."
    for joiner in (" ", "\n", ""):
        text = joiner.join([en, tk, ru, en])
        runs = segment(text)
        assert [run.lang for run in runs] == ["en", "tk", "ru", "en"]
        assert runs[0].start == 0 and runs[-1].end == len(text)
        for run, following in pairwise(runs):
            assert run.end == following.start
        for run in runs:
            assert text[run.start : run.end] == run.text


def test_names_and_acronyms_do_not_flip_a_run() -> None:
    text = "UNDP and Mähri Eýeberdiýewa opened the exhibition in Ashgabat. BMG-niň wekili çykyş etdi we täze taslamany tanyşdyrdy."
    runs = segment(text)
    assert [run.lang for run in runs] == ["en", "tk"]
    assert segment("Mähri Eýeberdiýewa, UNDP. The exhibition opened on Monday with forty paintings.")[0].lang == "en"


def test_same_answer_in_another_process() -> None:
    code = "import tmcontent; print(tmcontent.detect('Bu başlangyçlar arkaly biziň goldaýan maksatlarymyz').to_dict())"
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout for _ in range(2)}
    assert len(outputs) == 1
    assert "'tk'" in outputs.pop()


def test_article_languages_after_parse(examples_dir: Path) -> None:
    (article,) = tmcontent.parse(examples_dir / "dump-tk-press-release.txt")
    assert article.page_locale == "tk"
    assert article.body_langs == ["en", "tk"]
    assert article.title_lang == "en"
    turkmen = [b for b in article.blocks if b.lang == "tk"]
    assert len(turkmen) == 1 and turkmen[0].text.startswith("Hytaýyň")


def test_mixed_block_gets_segments() -> None:
    page = ("Waka\nA garden in Mary\n3 aprel 2024\n"
            "The pupils planted forty apple trees in the school garden. Okuwçylar mekdebiň bagynda kyrk sany alma agajyny oturtdylar.\n")
    (article,) = tmcontent.parse(page)
    block = article.blocks[0]
    assert block.segments is not None
    assert [run.lang for run in block.segments] == ["en", "tk"]


def test_cli_detect_with_segments() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tmcontent.cli", "detect", "--segments", "Press reliz", "Hello there, how are you today? Men gowy."],
        capture_output=True, text=True, check=True,
    )
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["lang"] == "tk"
    assert [run["lang"] for run in second["segments"]] == ["en", "tk"]


def test_held_out_accuracy_on_the_corpus(shared_dir: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import build_langid_profile as build

    corpus = build.read_corpus(shared_dir / "corpora" / "ntrex128-dev")
    size = len(corpus["tk"])
    test = set(range(size // 5))  # the first fifth: articles the model never saw
    model = NgramModel.from_profile(build.train(build.training_texts(corpus, set(range(size)) - test)))
    for lang in build.LANGS:
        right = sum(model.best(corpus[lang][i]) == lang for i in test)
        assert right / len(test) >= 0.98, lang  # the corpus has a few French and headline lines


# The quick paths compute what the plain definitions below compute, to the bit: the tally
# reading of a block (langid/quick.py) against sentence-by-sentence scoring, and the list-based
# Viterbi pass and run totals of segment.py against the dict-based loops they replaced.

EDGE_TEXTS = [
    "Visit https://un.org/tk/page or write to info@un.org. The office opened today in the city.",
    "BMG-niň wekili Anderson-yň çykyşyny diňledi. Chelsea-de oýnaýan futbolçy hem geldi.",
    "The training was organized by IOM.Türkmenistanyň hökümeti bilen geçirildi. Он прошёл в два этапа.",
    "Mr. Smith went to Washington. U.S. officials said the talks would go on next week.",
    "İstanbul'da yeni bir okul açıldı. ΟΔΟΣ-yň ugry. oʻzbek tili va o‘zbek g‘alabasi haqida.",
    "WATER SUPPLY FOR THE WHOLE DISTRICT. Title Case Headline Words Here! a b c d e.",
    "e\u0301cole et caf\u0065\u0301 sont des mots. Ⅰ Ⅱ ½ ² ③ are numbers, not letters.",
    "one\ttwo\rthree\x0bfour five six seven.\n\nSecond line here with words…Third part",
    "x" * 150 + " and a few more words here to read. " + "ý" * 120,
    "Daşoguz welaýatynda täze mekdep açyldy.The pupils planted trees.Школьники посадили деревья.",
    "«Quoted,» he said; then: (an aside) - and a dash — before the end? Yes! No.",
]


def _reference_uniform(text: str, candidates: list[str] | None = None) -> str | None:
    """The language of every sentence of ``text`` scored on its own, when they all agree."""
    from tmcontent.langid import quick
    from tmcontent.langid.features import WORD_RE, without_urls
    from tmcontent.langid.model import default_model

    segment_module = sys.modules["tmcontent.langid.segment"]
    allowed = segment_module._allowed(candidates)
    found = None
    for piece in quick.PIECE_SPLIT_RE.split(unicodedata.normalize("NFC", without_urls(text))):
        ranked = default_model().scores_of_tokens(WORD_RE.findall(piece), allowed).ranked()
        if ranked and found is None:
            found = ranked[0][0]
        elif ranked and ranked[0][0] != found:
            return None
    return found


def _assert_quick_reading(texts: list[str]) -> None:
    segment_module = sys.modules["tmcontent.langid.segment"]
    for text in texts:
        for candidates in (None, TRIO, ["tk", "tr"]):
            letters, lang = segment_module.read_block(text, candidates=candidates)
            assert (letters, lang) == (letter_count(text), _reference_uniform(text, candidates)), (text, candidates)
        assert segment_module.read_block(text, min_letters=10**6) == (letter_count(text), None)


def _mixed_texts(sentences: list[str], rng: random.Random, count: int) -> list[str]:
    texts = []
    for _ in range(count):
        parts = [rng.choice(sentences) for _ in range(rng.randint(1, 6))]
        parts = [part.upper() if rng.random() < 0.1 else fold_turkmen(part) if rng.random() < 0.1 else part for part in parts]
        texts.append(rng.choice([" ", "\n", "", ". ", " - "]).join(parts))
    return texts


def test_quick_reading_of_a_block_is_the_sentence_by_sentence_reading() -> None:
    sentences = [s for items in SENTENCES.values() for s in items] + EDGE_TEXTS
    _assert_quick_reading(EDGE_TEXTS + _mixed_texts(sentences, random.Random(5), 200))


def test_quick_reading_on_the_corpus(shared_dir: Path) -> None:
    corpus = [line.strip() for lang in ("en", "tk", "ru", "tr", "az", "uz")
              for line in (shared_dir / "corpora" / "ntrex128-dev" / f"{lang}.txt").read_text(encoding="utf-8").splitlines()[:300] if line.strip()]
    _assert_quick_reading(_mixed_texts(corpus, random.Random(6), 400))


def _reference_viterbi(scores: list[dict[str, float]], costs: list[float], langs: list[str]) -> list[str]:
    def emission(word: dict[str, float], lang: str) -> float:
        return word.get(lang, IMPOSSIBLE_SCORE) if word else 0.0

    best = {lang: emission(scores[0], lang) for lang in langs}
    back = []
    for word, cost in zip(scores[1:], costs[1:], strict=True):
        leader = max(langs, key=lambda lang: (best[lang], lang))
        step, totals = {}, {}
        for lang in langs:
            stay, switch = best[lang], best[leader] - cost
            step[lang], total = (lang, stay) if stay >= switch or lang == leader else (leader, switch)
            totals[lang] = total + emission(word, lang)
        back.append(step)
        best = totals
    lang = max(langs, key=lambda name: (best[name], name))
    path = [lang]
    for step in reversed(back):
        lang = step[lang]
        path.append(lang)
    return path[::-1]


def _reference_totals(scores: list[dict[str, float]]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for word in scores:
        for lang, score in word.items():
            totals[lang] = totals.get(lang, 0.0) + score
    return totals


def _assert_viterbi_and_totals(scores: list[dict[str, float]], costs: list[float], langs: list[str]) -> None:
    segment_module = sys.modules["tmcontent.langid.segment"]
    assert segment_module._viterbi(scores, costs, langs) == _reference_viterbi(scores, costs, langs)
    for start in range(0, len(scores), 7):
        part = scores[start : start + 11]
        assert segment_module._totals(part) == _reference_totals(part)


def test_viterbi_and_run_totals_are_the_plain_loops_ties_included() -> None:
    rng = random.Random(3)
    langs = ["en", "ru", "tk"]
    for _ in range(300):
        size = rng.randint(2, 40)
        scores = [{} if rng.random() < 0.2 else {lang: rng.choice([0.0, -1.0, -2.0, -0.5]) for lang in langs if rng.random() < 0.9} for _ in range(size)]
        costs = [0.0] + [rng.choice([2.0, 8.0, 30.0]) for _ in range(size - 1)]
        _assert_viterbi_and_totals(scores, costs, rng.choice([langs, langs[:2], langs[1:]]))


def test_viterbi_and_run_totals_on_the_corpus(shared_dir: Path) -> None:
    segment_module = sys.modules["tmcontent.langid.segment"]
    corpus = [line.strip() for lang in ("en", "tk", "ru", "tr")
              for line in (shared_dir / "corpora" / "ntrex128-dev" / f"{lang}.txt").read_text(encoding="utf-8").splitlines()[:200] if line.strip()]
    for text in _mixed_texts(corpus, random.Random(4), 150):
        masked = segment_module._masked(text)
        words = segment_module._words(masked, WORD_RE.findall(masked), segment_module._allowed(None))
        if len(words.scores) > 1:
            _assert_viterbi_and_totals(words.scores, words.costs, segment_module._contenders(words.bests))


@pytest.mark.parametrize("candidates", [["xx"], ["en", "zz"], ["und"]])
def test_unknown_candidates_are_refused_listing_the_known(candidates: list[str]) -> None:
    from tmcontent.errors import UnknownLanguageError
    from tmcontent.parse import ParseOptions

    text = "Bu möhüm ädim, biz oňa köp wagtlap taýýarlandyk we indi netijesini görýäris."
    for call in (detect, segment):
        with pytest.raises(UnknownLanguageError, match=r"unknown language .* known: az, en, ru, tk, tr, uz$") as caught:
            call(text, candidates=candidates)
        assert isinstance(caught.value, ValueError)
    with pytest.raises(UnknownLanguageError):
        tmcontent.parse("Waka\n" + text, options=ParseOptions(candidates=tuple(candidates)))


def test_region_subtags_of_known_candidates_are_accepted() -> None:
    assert detect("Bu möhüm ädim we biz oňa taýýarlandyk", candidates=["en-US", "tk_TM"]).lang == "tk"


def test_detect_and_segment_read_candidates_the_same_way() -> None:
    from tmcontent.langid.detect import allowed_languages

    assert allowed_languages(["en-US", "RU_ru", "en"]) == frozenset({"en", "ru"})
    assert allowed_languages(None) is None and allowed_languages([]) is None  # no restriction
    turkmen = "Bu möhüm ädim, biz oňa köp wagtlap taýýarlandyk we indi netijesini görýäris. " * 2
    assert detect(turkmen, candidates=["en-GB", "ru_RU"]).lang in {"en", "ru"}
    assert {run.lang for run in segment(turkmen, candidates=["en-GB", "ru_RU"])} <= {"en", "ru"}
    assert detect(turkmen, candidates=[]).lang == "tk" == segment(turkmen, candidates=[])[0].lang


def test_a_backend_without_its_package_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from tmcontent.errors import MissingDependencyError

    monkeypatch.setitem(sys.modules, "pycld2", None)  # what an absent package looks like to import
    with pytest.raises(MissingDependencyError, match=r"cld2 backend needs the pycld2 package.*pip install 'tmcontent\[bench\]'"):
        detect("A sentence long enough for any backend to read.", backend="cld2")


def test_cli_detect_refuses_unknown_candidates_in_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tmcontent.cli", "detect", "--candidates", "en,xx", "hello"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == "tmcontent: error: unknown language 'xx' in candidates; known: az, en, ru, tk, tr, uz\n"
