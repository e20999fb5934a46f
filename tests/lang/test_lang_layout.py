"""Document languages, layout and titles, on documents written for these tests."""

from __future__ import annotations

import pytest

from newsloom.lang.detect import ParagraphLanguages
from newsloom.lang.layout import DocumentLayout, language_shares
from newsloom.model import Document, Paragraph
from newsloom.settings import Settings

EN = [
    "The river authority opened the new flood gates on Friday morning.",
    "Engineers had worked on the project for almost four years.",
    "Residents downstream said they hoped the gates would end the yearly floods.",
    "The mayor thanked the workers and promised a festival in the summer.",
]
ZH = [
    "河务局周五上午开启了新的防洪闸门。",
    "工程师们为这个项目工作了将近四年。",
    "下游居民表示，希望闸门能结束每年的洪水。",
    "市长感谢了工人们，并承诺在夏天举办一个节日。",
]
RU = [
    "Речное ведомство в пятницу утром открыло новые шлюзы.",
    "Инженеры работали над проектом почти четыре года.",
    "Жители ниже по течению надеются, что шлюзы положат конец ежегодным паводкам.",
    "Мэр поблагодарил рабочих и пообещал летом устроить праздник.",
]


@pytest.fixture(scope="module")
def stages() -> tuple[ParagraphLanguages, DocumentLayout]:
    settings = Settings()
    return ParagraphLanguages(settings), DocumentLayout(settings)


def run(stages: tuple[ParagraphLanguages, DocumentLayout], paras: list[Paragraph]) -> Document:
    doc = Document(id="t", source="t", kind="text", encoding="utf-8", paragraphs=paras)
    for s in stages:
        doc = s(doc)
    return doc


def test_monolingual(stages: tuple[ParagraphLanguages, DocumentLayout]) -> None:
    doc = run(stages, [Paragraph(t) for t in RU])
    assert (doc.languages, doc.layout) == (["ru"], "monolingual")
    assert doc.views() == {"ru": [0, 1, 2, 3]}


def test_interleaved(stages: tuple[ParagraphLanguages, DocumentLayout]) -> None:
    paras = [Paragraph(t) for pair in zip(ZH, EN, strict=True) for t in pair]
    doc = run(stages, paras)
    assert set(doc.languages) == {"zh", "en"}
    assert doc.layout == "interleaved"
    assert doc.views()["zh"] == [0, 2, 4, 6]


def test_blocks(stages: tuple[ParagraphLanguages, DocumentLayout]) -> None:
    doc = run(stages, [Paragraph(t) for t in EN + RU])
    assert set(doc.languages) == {"en", "ru"}
    assert doc.layout == "blocks"
    assert doc.view_text("ru").startswith("Речное")


def test_small_second_language_does_not_count(
    stages: tuple[ParagraphLanguages, DocumentLayout],
) -> None:
    doc = run(stages, [Paragraph(t) for t in [*EN, *EN, "Мэр поблагодарил рабочих."]])
    assert (doc.languages, doc.layout) == (["en"], "monolingual")


def test_boilerplate_is_not_counted(stages: tuple[ParagraphLanguages, DocumentLayout]) -> None:
    paras = [Paragraph(t) for t in EN] + [Paragraph(t, boilerplate=True) for t in RU]
    doc = run(stages, paras)
    assert doc.languages == ["en"]
    assert paras[-1].lang == "ru"  # boilerplate still gets its language


def test_script_weighting_makes_translations_comparable() -> None:
    paras = [Paragraph(t, lang=lang) for lang, block in (("zh", ZH), ("en", EN)) for t in block]
    shares = language_shares(paras)
    assert 0.35 < shares["zh"] < 0.65


def test_titles_per_language(stages: tuple[ParagraphLanguages, DocumentLayout]) -> None:
    paras = [
        Paragraph("New flood gates open on the river", role="title"),
        Paragraph("河上新的防洪闸门开启", role="title"),
        *(Paragraph(t) for pair in zip(ZH, EN, strict=True) for t in pair),
    ]
    doc = run(stages, paras)
    assert doc.meta.titles == {"en": paras[0].text, "zh": paras[1].text}
    assert doc.meta.title == doc.meta.titles[doc.languages[0]]
