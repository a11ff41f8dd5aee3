"""Article content through PO files: units, placeholders, update, memory, apply."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

import tmcontent
from tmcontent.catalog import Catalog, Entry, check_catalog, dumps_po, init_catalog, merge_template, parse_po
from tmcontent.errors import TranslationError
from tmcontent.model import Article
from tmcontent.translate import apply, apply_report, placeholder_problem, pretranslate, template, units

TURKMEN = {
    "title": "Ýaş suw hünärmenleri damjalaýyn suwaryş boýunça meýdan mekdebini tamamladylar",
    "blocks/0": "Ahal, Balkan, Daşoguz, Lebap we Mary welaýatlaryndan otuz ýaş hünärmen <1>Birleşen Milletler Guramasynyň Azyk we oba hojalyk guramasy</1> tarapyndan guralan iki hepdelik meýdan mekdebini tamamladylar.",
}


def _article(examples_dir: Path) -> Article:
    (article,) = tmcontent.parse(examples_dir / "press-release-en.html")
    return article


def _filled(article: Article, share: float = 1.0) -> object:
    catalog = init_catalog(template([article], target_lang="tk"), "tk")
    messages = catalog.messages
    for index, entry in enumerate(messages):
        if index < int(len(messages) * share):
            key = entry.msgctxt.split("/", 1)[1]  # type: ignore[union-attr]
            entry.msgstr = TURKMEN.get(key, f"[tk] {entry.msgid}")
            entry.raw = None
    return catalog


def test_units_skip_names_numbers_and_the_target_language(examples_dir: Path) -> None:
    article = _article(examples_dir)
    found = units(article, target_lang="tk")
    contexts = [u.context.split("/", 1)[1] for u in found]
    assert contexts[0] == "title"
    assert all(u.kind in ("title", "paragraph", "heading", "quote", "list_item") for u in found)
    assert not any("Merdan" in u.text for u in found)  # contacts are not units
    assert "<1>Food and Agriculture Organization of the United Nations</1>" in found[1].text
    assert units(article, target_lang="en") == []
    tiny = copy.deepcopy(article)
    tiny.blocks[1].text = "+99312 40-11-22"
    tiny.blocks[3].text = "Mähri Eýeberdiýewa"
    assert len(units(tiny)) == len(units(article)) - 2


def test_pot_has_context_comments_and_references(examples_dir: Path) -> None:
    text = dumps_po(template([_article(examples_dir)]))
    assert 'msgctxt "' in text and "/blocks/0\"" in text
    assert "#. kind: paragraph; source language: en" in text
    assert "#: examples/press-release-en.html" in text.replace(str(examples_dir.parent) + "/", "")


def test_apply_round_trip_with_placeholders(examples_dir: Path) -> None:
    article = _article(examples_dir)
    translated = apply(article, _filled(article))  # type: ignore[arg-type]
    assert translated.title == TURKMEN["title"] and translated.title_lang == "tk"
    first = translated.blocks[0]
    assert first.lang == "tk" and "<1>" not in first.text
    (link,) = first.inline
    assert first.text[link.start : link.end] == "Birleşen Milletler Guramasynyň Azyk we oba hojalyk guramasy"
    assert link.href == "https://www.fao.org/"
    assert translated.body_langs[0] == "tk"
    assert article.title != translated.title  # the source article is untouched


def test_apply_refuses_below_the_threshold(examples_dir: Path) -> None:
    article = _article(examples_dir)
    half = _filled(article, 0.5)
    with pytest.raises(TranslationError, match=r"under the 80% threshold; translate more or pass --allow-partial"):
        apply(article, half)  # type: ignore[arg-type]
    partial = apply(article, half, allow_partial=True)  # type: ignore[arg-type]
    assert {b.lang for b in partial.blocks if b.kind == "paragraph"} == {"tk", "en"}
    assert apply(article, half, keep=40).title == TURKMEN["title"]  # type: ignore[arg-type]


def test_update_after_the_source_changes(examples_dir: Path) -> None:
    article = _article(examples_dir)
    catalog = _filled(article)
    edited = copy.deepcopy(article)
    edited.blocks[1].text = edited.blocks[1].text.replace("three farms", "four farms")
    edited.blocks.pop(5)
    edited.id = article.id
    merged = merge_template(catalog, template([edited], target_lang="tk"))  # type: ignore[arg-type]
    changed = [e for e in merged.messages if e.fuzzy]
    assert len(changed) == 1 and "three farms" in (changed[0].previous_msgid or "")
    assert [e.msgid for e in merged.entries if e.obsolete]  # the removed list item
    unchanged = merged.find(catalog.messages[0].msgid, catalog.messages[0].msgctxt)  # type: ignore[attr-defined]
    assert unchanged is not None and unchanged.msgstr == TURKMEN["title"]


def test_pretranslate_exact_and_fuzzy() -> None:
    memory = parse_po('msgid ""\nmsgstr ""\n"Language: tk\\n"\n\nmsgid "The training lasted two days."\nmsgstr "Okuw iki gün dowam etdi."\n'
                      '\nmsgid "Participants received certificates at the end of the course."\nmsgstr "Gatnaşyjylar kursuň ahyrynda şahadatnama aldylar."\n')
    catalog = parse_po('msgid ""\nmsgstr ""\n"Language: tk\\n"\n\nmsgctxt "a/blocks/0"\nmsgid "The training lasted two days."\nmsgstr ""\n'
                       '\nmsgctxt "a/blocks/1"\nmsgid "Participants received certificates at the end of the training."\nmsgstr ""\n'
                       '\nmsgctxt "a/blocks/2"\nmsgid "Something else entirely different here."\nmsgstr ""\n')
    assert pretranslate(catalog, [memory]) == 2
    exact, close, other = catalog.messages
    assert exact.msgstr == "Okuw iki gün dowam etdi." and not exact.fuzzy
    assert close.fuzzy and close.msgstr.startswith("Gatnaşyjylar") and close.previous_msgid
    assert other.msgstr == ""
    assert pretranslate(parse_po(dumps_po(catalog)), [memory], min_similarity=0.99) == 0


def test_check_verifies_placeholders() -> None:
    catalog = parse_po('msgid ""\nmsgstr ""\n"Language: tk\\n"\n\nmsgctxt "a/blocks/0"\nmsgid "See <1>the report</1>."\nmsgstr "Hasabata serediň."\n', "a.po")
    (finding,) = [f for f in check_catalog(catalog) if f.code == "placeholders"]
    assert finding.severity == "error" and finding.line == 5


def test_cli_render_with_a_content_translation(examples_dir: Path, tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    article = _article(examples_dir)
    source = tmp_path / "article.json"
    source.write_text(json.dumps(article.to_dict(), ensure_ascii=False), encoding="utf-8")
    catalog = tmp_path / "tk.po"
    catalog.write_text(dumps_po(_filled(article)), encoding="utf-8")  # type: ignore[arg-type]
    result = subprocess.run([sys.executable, "-m", "tmcontent.cli", "render", str(source), "--locale", "tk", "--po", str(catalog)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert f"<h1>{TURKMEN['title']}</h1>" in result.stdout
    assert 'class="notice"' not in result.stdout


def test_placeholder_problems_are_named() -> None:
    source = "See <1>the report</1> of <2>UNDP</2>."
    assert placeholder_problem(source, "<2>BMGÖM</2> tarapyndan <1>hasabata</1> serediň.") is None  # reordered is fine
    assert placeholder_problem(source, "<1>hasabat</2> <2>UNDP</2>") == "</2> closes <1>"
    assert placeholder_problem(source, "<1>hasabat</1> <1>UNDP</1>") == "<1> appears twice"
    assert placeholder_problem(source, "<1>hasabat</1>") == "missing placeholders <2>…</2>"
    assert placeholder_problem(source, "<1>a</1> <2>b</2> <3>c</3>") == "placeholder <3> is not in the source"
    assert placeholder_problem(source, "<1>a <2>b</2></1>") == "<2> opens inside <1>"
    assert placeholder_problem(source, "<1>a</1> <2>b") == "<2> is not closed"
    assert placeholder_problem("No links here.", "<1>Link</1>") == "placeholder <1> is not in the source"


def _broken_link_catalog(article: Article, tmp_path: Path) -> tuple[Path, int]:
    catalog = _filled(article)
    broken = next(e for e in catalog.messages if "<1>" in e.msgid)  # type: ignore[attr-defined]
    broken.msgstr = "Otuz ýaş hünärmen <1>BMG-niň Azyk we oba hojalyk guramasy</2> tarapyndan guralan mekdebi tamamladylar."
    path = tmp_path / "tk.po"
    path.write_text(dumps_po(catalog), encoding="utf-8")  # type: ignore[arg-type]
    line = next(e.line for e in parse_po(path.read_text(encoding="utf-8")).messages if e.msgctxt == broken.msgctxt)
    return path, line


def test_apply_refuses_a_unit_with_broken_placeholders(examples_dir: Path, tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    article = _article(examples_dir)
    path, line = _broken_link_catalog(article, tmp_path)
    catalog = parse_po(path.read_text(encoding="utf-8"), str(path))
    result, refusals = apply_report(article, catalog)
    (refusal,) = refusals
    assert (refusal.path, refusal.line, refusal.message) == (str(path), line, "placeholder </2> is not in the source")
    first = result.blocks[0]
    assert first.text == article.blocks[0].text and first.inline == article.blocks[0].inline  # the source, link kept
    with pytest.raises(TranslationError, match=rf"^{path}:{line}: .*placeholder </2> is not in the source.*--allow-partial"):
        apply(article, catalog)
    source = tmp_path / "article.json"
    source.write_text(json.dumps(article.to_dict(), ensure_ascii=False), encoding="utf-8")
    output = tmp_path / "out.json"
    command = [sys.executable, "-m", "tmcontent.cli", "translate", "apply", str(source), str(path), "-o", str(output)]
    refused = subprocess.run(command, capture_output=True, text=True, check=False)
    assert refused.returncode == 1
    assert f"tmcontent: error: {path}:{line}: " in refused.stderr and "placeholder </2> is not in the source; kept the source text" in refused.stderr
    written = json.loads(output.read_text(encoding="utf-8"))[0]
    assert written["blocks"][0]["text"] == article.blocks[0].text
    partial = subprocess.run([*command, "--allow-partial"], capture_output=True, text=True, check=False)
    assert partial.returncode == 0 and f"tmcontent: warning: {path}:{line}: " in partial.stderr


def _memory_and_catalog(size: int) -> tuple[Catalog, Catalog]:
    import random

    rng = random.Random(size)
    words = ["suw", "mekdep", "okuw", "habar", "ulgam", "hyzmat", "taslama", "maksat", "ösüş", "şäher", "welaýat", "ýaş"]
    words += [f"{a}{b}" for a in ("ka", "le", "mo", "nu", "ri", "sa", "tu") for b in ("ba", "da", "ga", "la", "ma", "na", "ra")]
    sentences = [" ".join(rng.choice(words) for _ in range(rng.randint(6, 20))) + f" {i}." for i in range(size)]
    memory = Catalog([Entry(msgid=s, msgstr="tk " + s) for s in sentences], [""] * (size + 1))
    units = [s.replace(" ", "  ", 1) if i % 2 else s.rstrip(".") + "!" for i, s in enumerate(sentences)]
    catalog = Catalog([Entry(msgid=u, msgctxt=f"a/{i}") for i, u in enumerate(units)], [""] * (size + 1))
    return memory, catalog


def test_pretranslate_stays_linear_in_units_times_memory() -> None:
    import time

    def best(size: int) -> float:
        times = []
        for _ in range(3):
            memory, catalog = _memory_and_catalog(size)
            start = time.perf_counter()
            assert pretranslate(catalog, [memory]) == size  # every unit is a close edit of one memory entry
            times.append(time.perf_counter() - start)
        return min(times)

    assert best(600) / best(150) < 8  # all-pairs would be ~16


def test_placeholders_number_the_spans_the_renderers_show() -> None:
    """A span outside the text and one overlapping another are not shown (render.inline) and get
    no number: the translated tags map back to the spans they were given for."""
    from tmcontent.model import Block, Inline
    from tmcontent.render.inline import pieces
    from tmcontent.translate import with_placeholders, without_placeholders

    block = Block("paragraph", "see the report and the data", inline=[
        Inline(0, 100, "em"),  # beyond the text
        Inline(4, 14, "link", "https://a.example/report"),
        Inline(5, 9, "strong"),  # inside the link: overlapping, the first is kept
        Inline(23, 27, "link", "https://b.example/data"),
    ])
    assert with_placeholders(block) == "see <1>the report</1> and the <2>data</2>"
    assert [piece.href for piece in pieces(block) if piece.kind] == ["https://a.example/report", "https://b.example/data"]
    text, spans = without_placeholders("<2>maglumatlary</2> we <1>hasabaty</1> görüň", block)
    assert text == "maglumatlary we hasabaty görüň"
    assert [(text[s.start:s.end], s.kind, s.href) for s in spans] == [
        ("maglumatlary", "link", "https://b.example/data"), ("hasabaty", "link", "https://a.example/report"),
    ]
