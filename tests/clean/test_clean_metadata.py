"""Header lines become Metadata and title/header roles; body sentences are left alone.

Every example here is written for these tests.
"""

from __future__ import annotations

from newsloom.clean.boilerplate import Boilerplate
from newsloom.clean.dates import find_date
from newsloom.clean.metadata import MetadataReader
from newsloom.clean.parse import Parser
from newsloom.model import Document, RawInput
from newsloom.settings import Settings

TITLE = "Harbour bridge reopens after repairs"
BODY_EN = "The bridge carried its first cars on Thursday after two years of repair work."
BODY_ZH = "大桥在经过两年的维修后，于周四迎来了第一批车辆。"
BODY_RU = "Мост принял первые машины в четверг после двух лет ремонта."


def read(lines: list[str], hints: dict[str, object] | None = None) -> Document:
    settings = Settings()
    raw = RawInput("courier/a.txt", "text", "\n".join(lines), "utf-8", hints=hints or {})
    return MetadataReader(settings)(Boilerplate(settings)(Parser(settings)(raw)))


def roles(doc: Document) -> list[str]:
    return [p.role for p in doc.paragraphs]


def test_label_block_on_separate_lines_and_byline() -> None:
    doc = read(
        [
            TITLE,
            "Source",
            "Coastline Courier",
            "Editor",
            "Ana Ruiz",
            "Time",
            "2023-05-04 09:30:00",
            "By Mara Quill and Tom Reyes",
            BODY_EN,
        ]
    )
    m = doc.meta
    assert (m.title, m.outlet, m.editor, m.published) == (
        TITLE,
        "Coastline Courier",
        "Ana Ruiz",
        "2023-05-04T09:30:00",
    )
    assert m.authors == ["Mara Quill", "Tom Reyes"]
    assert roles(doc) == ["title"] + ["header"] * 7 + ["body"]


def test_bare_values_after_title() -> None:
    doc = read(
        [TITLE, "Coastline Daily", "Ana Ruiz", "2023-05-04 09:30", "by Mara Quill (staff)", BODY_EN]
    )
    m = doc.meta
    assert (m.outlet, m.editor, m.published, m.authors) == (
        "Coastline Daily",
        "Ana Ruiz",
        "2023-05-04T09:30:00",
        ["Mara Quill"],
    )


def test_chinese_labels_on_one_line() -> None:
    doc = read(
        [
            "海港大桥修复后重新通车",
            "来源：海滨日报",
            "责任编辑：王晓明",
            "发布时间：2023年5月4日 09:30",
            BODY_ZH,
        ]
    )
    m = doc.meta
    assert (m.title, m.outlet, m.editor, m.published) == (
        "海港大桥修复后重新通车",
        "海滨日报",
        "王晓明",
        "2023-05-04T09:30:00",
    )
    assert roles(doc) == ["title", "header", "header", "header", "body"]


def test_traditional_reprint_note_and_reporter() -> None:
    last = "市民對新橋表示歡迎。（記者：李明）"
    doc = read(["海港大橋修復後重新通車", "本文轉自【海濱日報】", BODY_ZH, last])
    assert doc.meta.outlet == "海濱日報"
    assert doc.meta.authors == ["李明"]
    assert roles(doc) == ["title", "header", "body", "body"]


def test_chinese_author_names_line_only_when_no_byline() -> None:
    assert read(["海港大桥修复后重新通车", "李明 王芳", BODY_ZH]).meta.authors == ["李明", "王芳"]
    doc = read([TITLE, "李明 王芳", "By Li Ming and Wang Fang", BODY_EN])
    assert doc.meta.authors == ["Li Ming", "Wang Fang"]


def test_russian_labels_and_date() -> None:
    doc = read(
        [
            "Мост через залив снова открыт",
            "Источник: Приморская газета",
            "Редактор: Анна Петрова",
            "4 мая 2023 г., 09:30",
            BODY_RU,
        ]
    )
    m = doc.meta
    assert (m.outlet, m.editor, m.published) == (
        "Приморская газета",
        "Анна Петрова",
        "2023-05-04T09:30:00",
    )


def test_published_in_translated_and_edited() -> None:
    doc = read(
        [
            TITLE,
            "Published in Coastline Courier",
            "(Chile) on 4 May 2023",
            "by Mara Quill",
            "Translated from Spanish by Tom Reyes. Edited by Ana Ruiz.",
            BODY_EN,
        ]
    )
    m = doc.meta
    assert (m.outlet, m.published, m.authors) == ("Coastline Courier", "2023-05-04", ["Mara Quill"])
    assert (m.translator, m.translated_from, m.editor) == ("Tom Reyes", "es", "Ana Ruiz")


def test_bilingual_titles_on_consecutive_lines() -> None:
    doc = read([TITLE, "海港大桥修复后重新通车", BODY_ZH, BODY_EN])
    assert roles(doc) == ["title", "title", "body", "body"]
    assert doc.meta.title == TITLE


def test_title_opening_the_second_block() -> None:
    zh = [BODY_ZH, "市民们对新桥的开通表示欢迎。", "交通部门预计车流量将逐步增加。"]
    en = [BODY_EN, "Residents welcomed the opening.", "Traffic is expected to grow."]
    doc = read([*zh, TITLE, *en])
    assert doc.meta.title == TITLE
    assert [p.text for p in doc.paragraphs if p.role == "title"] == [TITLE]


def test_body_sentences_are_not_headers() -> None:
    doc = read(
        [
            "The mayor opened the bridge on Thursday, surrounded by engineers.",
            "It was built by Hansen and Sons in 1932.",
            "Source: the city archive, 2019.",
            BODY_EN,
        ]
    )
    assert doc.meta == type(doc.meta)()
    assert set(roles(doc)) == {"body"}


def test_by_in_a_sentence_after_the_title_is_no_byline() -> None:
    doc = read([TITLE, "By the end of May, traffic on the bridge had doubled.", BODY_EN])
    assert doc.meta.authors == []
    assert roles(doc) == ["title", "body", "body"]


def test_editorial_note_does_not_give_the_editor() -> None:
    doc = read(["Draft 3 May 2023, edited by Ana Ruiz, proofing in progress", TITLE, BODY_EN])
    assert doc.meta.editor is None
    assert doc.meta.title == TITLE


def test_container_hints_win() -> None:
    doc = read(
        [TITLE, "Source: Coastline Courier", BODY_EN],
        hints={"outlet": "Harbour Wire", "authors": "Mara Quill"},
    )
    assert doc.meta.outlet == "Harbour Wire"
    assert doc.meta.authors == ["Mara Quill"]


def test_dates() -> None:
    assert find_date("2022年1月12日 17:21")[0] == "2022-01-12T17:21:00"
    assert find_date("1月10日") is None
    assert find_date("1月10日", year=2022)[0] == "2022-01-10"
    assert find_date("on 14 January 2022")[0] == "2022-01-14"
    assert find_date("14 января 2022 года")[0] == "2022-01-14"
    assert find_date("2022-02-30") is None


def test_labelled_sentence_after_title_is_not_a_value() -> None:
    doc = read([TITLE, "Source: the figures come from the city archive, 2019.", BODY_EN])
    assert doc.meta.outlet is None
    assert roles(doc) == ["title", "body", "body"]


def test_outlet_named_on_top_as_in_its_copyright_line() -> None:
    doc = read(
        [
            "Приморская газета",
            "4 мая 2023",
            "Анна Петрова",
            "Мост через залив снова открыт",
            BODY_RU,
            "© Приморская газета, 2023",
        ]
    )
    m = doc.meta
    assert (m.title, m.outlet, m.published, m.authors) == (
        "Мост через залив снова открыт",
        "Приморская газета",
        "2023-05-04",
        ["Анна Петрова"],
    )
    assert roles(doc)[:4] == ["header", "header", "header", "title"]


def test_translation_block_with_its_own_title_and_byline() -> None:
    ru = [BODY_RU, "Жители города радуются открытию моста.", "Движение будет расти летом."]
    en = [BODY_EN, "Residents welcomed the opening.", "Traffic is expected to grow."]
    doc = read(
        [
            "Мост через залив снова открыт",
            "Анна Петрова",
            *ru,
            "English translation",
            TITLE,
            "By Anna Petrova. Translated from Russian by Tom Reyes.",
            *en,
        ]
    )
    assert [p.text for p in doc.paragraphs if p.role == "title"] == [
        "Мост через залив снова открыт",
        TITLE,
    ]
    assert (doc.meta.authors, doc.meta.translator, doc.meta.translated_from) == (
        ["Анна Петрова"],
        "Tom Reyes",
        "ru",
    )


def test_dateline_with_outlet_and_french_byline() -> None:
    doc = read(
        [
            "Le pont du port rouvre après deux ans",
            "Le Courrier du port — 4 mai 2023",
            "Par Marie Lenoir et Paul Roche",
            "Le pont a accueilli ses premières voitures jeudi matin.",
        ]
    )
    m = doc.meta
    assert (m.outlet, m.published, m.authors) == (
        "Le Courrier du port",
        "2023-05-04",
        ["Marie Lenoir", "Paul Roche"],
    )


def test_label_line_at_the_end_and_translation_label() -> None:
    doc = read([TITLE, BODY_EN, "Translated from English: Anna Petrova", "Editor: Tom Reyes"])
    assert (doc.meta.editor, doc.meta.translator, doc.meta.translated_from) == (
        "Tom Reyes",
        "Anna Petrova",
        "en",
    )
    assert roles(doc) == ["title", "body", "header", "header"]
