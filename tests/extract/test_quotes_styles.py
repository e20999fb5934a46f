"""Quotes in every quotation style and reported speech, on sentences written for these
tests, with mentions set by hand so that only the quote rules are under test."""

from __future__ import annotations

import re

import numpy as np
import pytest

from newsloom.extract.quotes import find_attributions, merge_quotes, quotes_of
from newsloom.lang.sentences import split_sentences
from newsloom.model import Document, Mention, Paragraph


def contents(text: str, lang: str) -> list[tuple[str, str, str | None]]:
    return [
        (a.kind, text[a.start : a.end], a.cue)
        for a in find_attributions(text, lang, split_sentences(text, lang))
    ]


@pytest.mark.parametrize(
    ("lang", "text", "quote", "cue"),
    [
        (
            "en",
            "“The bridge will open in May,” the mayor said.",
            "The bridge will open in May,",
            "said",
        ),
        (
            "en",
            '"We have no water left," Anna Berg told reporters.',
            "We have no water left,",
            "told",
        ),
        (
            "ru",
            "«Мы не отступим ни на шаг», — заявил министр.",
            "Мы не отступим ни на шаг",
            "заявил",
        ),
        (
            "de",
            "„Wir bleiben hier bis morgen“, said the farmer.",
            "Wir bleiben hier bis morgen",
            "said",
        ),
        ("zh", "市长说：「大桥将在五月通车。」", "大桥将在五月通车。", "说"),
        ("zh", "她表示：『我们还没有放弃希望。』", "我们还没有放弃希望。", "表示"),
        ("zh", "“水库的水快用完了，”农民告诉记者。", "水库的水快用完了，", "告诉记者"),
    ],
)
def test_direct_quote_styles(lang: str, text: str, quote: str, cue: str) -> None:
    assert ("direct", quote, cue) in contents(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "content", "cue"),
    [
        (
            "en",
            "The minister said on Friday that the border would stay closed.",
            "the border would stay closed",
            "said",
        ),
        (
            "en",
            "The harvest will be late this year, the farmers warned.",
            "The harvest will be late this year",
            "warned",
        ),
        ("zh", "农业部长指出，今年的收成将推迟两周。", "今年的收成将推迟两周", "指出"),
        ("zh", "专家认为，水位还会继续下降。", "水位还会继续下降", "认为"),
        (
            "ru",
            "Министр отметил, что граница останется закрытой до весны.",
            "граница останется закрытой до весны",
            "отметил",
        ),
        (
            "ru",
            "По словам министра, граница останется закрытой до весны.",
            "граница останется закрытой до весны",
            "По словам",
        ),
    ],
)
def test_reported_speech(lang: str, text: str, content: str, cue: str) -> None:
    assert ("indirect", content, cue) in contents(text, lang)


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    assert contents("The plan, called “Blue River”, costs a lot.", "en") == []


def _doc(paragraphs: list[tuple[str, str]], names: list[tuple[int, str, str]]) -> Document:
    """A document from (lang, text) paragraphs, with the named spans as mentions."""
    doc = Document("t", "test", "text", "utf-8")
    for lang, text in paragraphs:
        doc.paragraphs.append(Paragraph(text, lang=lang, sentences=split_sentences(text, lang)))
    for index, name, etype in names:
        text = doc.paragraphs[index].text
        for m in re.finditer(re.escape(name), text):
            doc.mentions.append(
                Mention(index, m.start(), m.end(), etype, name, doc.paragraphs[index].lang)
            )  # type: ignore[arg-type]
    doc.mentions.sort(key=lambda m: (m.paragraph, m.start))
    return doc


def _speakers(doc: Document) -> list[tuple[str, str | None]]:
    return [
        (
            doc.paragraphs[q.paragraph].text[q.start : q.end],
            doc.mentions[q.speaker].name if q.speaker is not None else None,
        )
        for q in quotes_of(doc)
    ]


def test_pronouns_resolve_to_the_speaker_named_before() -> None:
    doc = _doc(
        [
            ("en", "Mayor Anna Berg opened the bridge on a windy morning."),
            ("en", "“It took us nine years,” she said, smiling at the crowd."),
            ("zh", "市长安娜·贝里为大桥剪彩。"),
            ("zh", "她说：“我们用了九年时间。”"),
            ("ru", "Мэр Анна Берг открыла мост."),
            ("ru", "«На это ушло девять лет», — сказала она."),
        ],
        [(0, "Anna Berg", "PER"), (2, "安娜·贝里", "PER"), (4, "Анна Берг", "PER")],
    )
    assert _speakers(doc) == [
        ("It took us nine years,", "Anna Berg"),
        ("我们用了九年时间。", "安娜·贝里"),
        ("На это ушло девять лет", "Анна Берг"),
    ]


def test_a_bare_surname_points_to_the_full_name() -> None:
    doc = _doc(
        [
            ("en", "Anna Berg, the mayor, met Piet Olsen, the engineer."),
            ("en", "“The steel arrived late,” Olsen said after the meeting."),
        ],
        [(0, "Anna Berg", "PER"), (0, "Piet Olsen", "PER"), (1, "Olsen", "PER")],
    )
    assert _speakers(doc) == [("The steel arrived late,", "Piet Olsen")]


def test_a_name_before_its_apposition_speaks() -> None:
    doc = _doc(
        [
            (
                "en",
                "“We will rebuild the pier,” Piet Olsen, the chief engineer of the port, "
                "told reporters.",
            )
        ],
        [(0, "Piet Olsen", "PER")],
    )
    assert _speakers(doc) == [("We will rebuild the pier,", "Piet Olsen")]


def test_merge_quotes_joins_a_translation_not_another_speaker() -> None:
    en = _doc(
        [("en", "“The river is our common wealth,” Anna Berg said.")], [(0, "Anna Berg", "PER")]
    )
    zh = _doc([("zh", "安娜·贝里说：“河流是我们共同的财富。”")], [(0, "安娜·贝里", "PER")])
    other = _doc(
        [("en", "“The river is our common wealth,” Piet Olsen said.")], [(0, "Piet Olsen", "PER")]
    )
    en.id, zh.id, other.id = "en", "zh", "other"
    for d in (en, zh, other):
        d.quotes = quotes_of(d)

    def embed(texts: list[str]) -> np.ndarray:
        # Stand-in for the encoder: the two wordings of the river quote are one point.
        return np.array(
            [[1.0, 0.0] if ("river" in t or "河流" in t) else [0.0, 1.0] for t in texts]
        )

    from newsloom.model import Relation

    relation = Relation("zh", "zh", "en", "en", "translation_of", 0.9)
    groups = merge_quotes([en, zh, other], [relation], embed)
    sizes = sorted(len(g.renderings) for g in groups)
    assert sizes == [1, 2]
    pair = next(g for g in groups if len(g.renderings) == 2)
    assert {r.lang for r in pair.renderings} == {"en", "zh"}
    assert pair.to_json()["lang"] == "en"
