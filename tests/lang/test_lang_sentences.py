"""Sentence splitting in English, Russian and Chinese, on sentences written for these tests."""

from __future__ import annotations

import pytest

from newsloom.lang.sentences import split_sentences


def sentences(text: str, lang: str) -> list[str]:
    spans = split_sentences(text, lang)
    for a, b in spans:
        assert text[a:b] == text[a:b].strip() and text[a:b]
    return [text[a:b] for a, b in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "U.S. officials arrived on Jan. 10 in Oslo. Mr. Berg met them at the airport.",
            ["U.S. officials arrived on Jan. 10 in Oslo.", "Mr. Berg met them at the airport."],
        ),
        (
            "The envoy, Laura K. Whitfield, spoke first. Dr. Osei replied.",
            ["The envoy, Laura K. Whitfield, spoke first.", "Dr. Osei replied."],
        ),
        (
            "Output grew 2.7 percent. Exports rose too.",
            ["Output grew 2.7 percent.", "Exports rose too."],
        ),
        (
            "She paused... Then she went on. Would they sign? Nobody knew!",
            ["She paused...", "Then she went on.", "Would they sign?", "Nobody knew!"],
        ),
        (
            'He said: "The bridge is closed." Traffic was diverted.',
            ['He said: "The bridge is closed."', "Traffic was diverted."],
        ),
        (
            '"Is it safe?" she asked. Nobody answered.',
            ['"Is it safe?" she asked.', "Nobody answered."],
        ),
        (
            '"We waited. We are tired of waiting," the farmer said. He left.',
            ['"We waited. We are tired of waiting," the farmer said.', "He left."],
        ),
        (
            "The U.S. Deputy Secretary of State flew home.",
            ["The U.S. Deputy Secretary of State flew home."],
        ),
    ],
)
def test_english(text: str, expected: list[str]) -> None:
    assert sentences(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "И. П. Соколов прибыл в г. Казань. Его встретили коллеги.",
            ["И. П. Соколов прибыл в г. Казань.", "Его встретили коллеги."],
        ),
        (
            "Завод построили в 1998 г. Сейчас там музей.",
            ["Завод построили в 1998 г.", "Сейчас там музей."],
        ),
        (
            "Участвуют соседи, т. е. Латвия, Литва и др. страны. Встреча в среду.",
            ["Участвуют соседи, т. е. Латвия, Литва и др. страны.", "Встреча в среду."],
        ),
        (
            "«Мы готовы ждать. Но недолго», — сказал министр. Журналисты ушли.",
            ["«Мы готовы ждать. Но недолго», — сказал министр.", "Журналисты ушли."],
        ),
        (
            "Цена выросла на 3,5 млн руб. в прошлом году. Это много.",
            ["Цена выросла на 3,5 млн руб. в прошлом году.", "Это много."],
        ),
    ],
)
def test_russian(text: str, expected: list[str]) -> None:
    assert sentences(text, "ru") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "大桥周五通车。市民纷纷前来参观！你去了吗？",
            ["大桥周五通车。", "市民纷纷前来参观！", "你去了吗？"],
        ),
        ("他说：“我们等了很久。”记者随后离开。", ["他说：“我们等了很久。”", "记者随后离开。"]),
        (
            "“我们等了很久，也累了，”农民说。他走了。",
            ["“我们等了很久，也累了，”农民说。", "他走了。"],
        ),
        (
            "产量增长了2.5%。出口也增加了;进口下降.原因不明?",
            ["产量增长了2.5%。", "出口也增加了;", "进口下降.", "原因不明?"],
        ),
        ("事情还没有结束……双方将继续谈判。", ["事情还没有结束……", "双方将继续谈判。"]),
        ("「會議結束了。」他說。", ["「會議結束了。」", "他說。"]),
    ],
)
def test_chinese(text: str, expected: list[str]) -> None:
    assert sentences(text, "zh") == expected


def test_unknown_language_uses_the_generic_rule() -> None:
    assert sentences("Erste Zeile. Zweite Zeile.", "de") == ["Erste Zeile.", "Zweite Zeile."]
    assert sentences("  no terminal here  ", "xx") == ["no terminal here"]
    assert split_sentences("   ", "en") == []
