"""Article content through PO files: units, placeholders, update, memory, apply."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

import tmcontent
from tmcontent.catalog import check_catalog, dumps_po, init_catalog, merge_template, parse_po
from tmcontent.errors import TranslationError
from tmcontent.model import Article
from tmcontent.translate import apply, pretranslate, template, units

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
