"""Paragraph language and Chinese script on short texts written for these tests."""

from __future__ import annotations

import pytest

from newsloom.errors import ConfigError
from newsloom.lang.detect import (
    LanguageDetector,
    ParagraphLanguages,
    _tokens,
    _weigh_words,
    chinese_script,
)
from newsloom.model import Document, Paragraph
from newsloom.settings import Settings


@pytest.fixture(scope="module")
def stage() -> ParagraphLanguages:
    return ParagraphLanguages(Settings())


def run(stage: ParagraphLanguages, *lines: str) -> Document:
    doc = Document(
        id="t",
        source="t",
        kind="text",
        encoding="utf-8",
        paragraphs=[Paragraph(line) for line in lines],
    )
    return stage(doc)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The harbour authority said the ferry would resume service next week.", "en"),
        ("Die Hafenbehörde teilte mit, dass die Fähre nächste Woche wieder fahren soll.", "de"),
        ("L'autorité portuaire a annoncé que le ferry reprendrait la semaine prochaine.", "fr"),
        ("La autoridad portuaria dijo que el ferry volverá a operar la próxima semana.", "es"),
        ("L'autorità portuale ha detto che il traghetto riprenderà la prossima settimana.", "it"),
        ("A autoridade portuária disse que a balsa voltará a operar na próxima semana.", "pt"),
        ("Портовые власти сообщили, что паром возобновит работу на следующей неделе.", "ru"),
        ("港务局表示，渡轮将于下周恢复运营。", "zh"),
        ("港務局表示，渡輪將於下週恢復營運。", "zh"),
        ("港湾当局は、フェリーが来週運航を再開すると発表した。", "ja"),
        ("항만 당국은 여객선이 다음 주에 운항을 재개한다고 밝혔다.", "ko"),
        ("قالت سلطة الميناء إن العبارة ستستأنف عملها الأسبوع المقبل.", "ar"),
        ("การท่าเรือแจ้งว่าเรือข้ามฟากจะกลับมาให้บริการในสัปดาห์หน้า", "th"),
    ],
)
def test_language_of_one_paragraph(stage: ParagraphLanguages, text: str, lang: str) -> None:
    assert run(stage, text).paragraphs[0].lang == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # Short lines whose letters look foreign to lingua's n-grams; their
        # function words ("the", "it's", "ne ... pas", "es la", "con noi", "o ... é") do not.
        ("The lamp is broken.", "en"),
        ("It's a catastrophe!", "en"),
        ("It's a dilemma.", "en"),
        ("Il ne mange pas.", "fr"),
        ("Ella es la novia de Marco.", "es"),
        ("Non mangerai con noi?", "it"),
        ("O gato é branco.", "pt"),
    ],
)
def test_function_words_decide_a_short_sentence(
    stage: ParagraphLanguages, text: str, lang: str
) -> None:
    assert run(stage, text).paragraphs[0].lang == lang


def test_tokens_split_elisions_and_contractions() -> None:
    tokens = _tokens("L\u2019ho visto dell'anno, don't I'm")
    assert {"l'", "dell'", "n't", "'m", "i'm", "don't", "visto"} <= set(tokens)


def test_function_words_do_not_revive_a_language_lingua_ruled_out() -> None:
    index = {"the": ["en"], "de": ["fr", "nl"]}
    conf = _weigh_words({"en": 0.0, "fr": 0.4, "nl": 0.6}, ["the", "the", "de"], index, 1.0)
    assert conf["en"] == 0.0
    assert conf["nl"] > conf["fr"]
    assert sum(conf.values()) == pytest.approx(1.0)


def test_chinese_with_english_names_is_chinese(stage: ParagraphLanguages) -> None:
    doc = run(stage, "美国副国务卿Wendy Sherman周一在Geneva与俄方代表会谈。")
    assert doc.paragraphs[0].lang == "zh"


def test_line_without_letters_takes_agreeing_neighbours(stage: ParagraphLanguages) -> None:
    doc = run(
        stage,
        "The committee met again on Tuesday to discuss the budget for next year.",
        "2024-03-05 09:30",
        "Members agreed to postpone the vote until the auditors had reported.",
    )
    assert [p.lang for p in doc.paragraphs] == ["en", "en", "en"]


def test_line_without_letters_between_two_languages_has_none(stage: ParagraphLanguages) -> None:
    doc = run(
        stage,
        "The committee met again on Tuesday to discuss the budget for next year.",
        "12:45 | 2024",
        "委员会周二再次开会讨论明年的预算。",
    )
    assert [p.lang for p in doc.paragraphs] == ["en", None, "zh"]


def test_unsure_short_line_follows_its_neighbours(stage: ParagraphLanguages) -> None:
    # On its own a bare name is anyone's guess; among English paragraphs it is English.
    name = "Marco Rossi"
    alone = run(stage, name).paragraphs[0].lang
    doc = run(
        stage,
        "The report was written by two researchers from the northern campus.",
        name,
        "They spent three winters counting birds along the frozen coastline.",
    )
    assert doc.paragraphs[1].lang == "en"
    assert alone is not None


def test_cyrillic_is_russian_when_only_russian_is_configured() -> None:
    detector = LanguageDetector(["en", "ru", "zh"])
    assert detector.language_of("Добрий день, як справи у вашій родині?") == "ru"


def test_cyrillic_languages_told_apart_when_configured() -> None:
    detector = LanguageDetector(["en", "ru", "uk"])
    text = "Уряд оголосив, що нові правила набудуть чинності з наступного місяця."
    assert detector.language_of(text) == "uk"


def test_hans_and_hant(stage: ParagraphLanguages) -> None:
    doc = run(stage, "政府宣布了新的经济计划。", "政府宣佈了新的經濟計劃。")
    simp, trad = doc.paragraphs
    assert (simp.script, simp.simplified) == ("Hans", None)
    assert trad.script == "Hant"
    assert trad.simplified == "政府宣布了新的经济计划。"
    assert trad.matching_text == simp.text


def test_chinese_script_is_none_when_no_character_tells() -> None:
    assert chinese_script("人民政府") is None


def test_undecided_chinese_paragraph_follows_the_document(stage: ParagraphLanguages) -> None:
    doc = run(stage, "這個國家的經濟發展很快，進口與出口都在增長。", "人民政府")
    assert [p.script for p in doc.paragraphs] == ["Hant", "Hant"]


def test_unknown_language_code_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="NL130"):
        ParagraphLanguages(Settings({"lang": {"languages": ["en", "xx"]}}))
