"""Each boilerplate rule fires on its clutter in English, Chinese and Russian, never on body text.

Every example here is written for these tests.
"""

from __future__ import annotations

import pytest

from newsloom.clean.boilerplate import Boilerplate
from newsloom.clean.parse import Parser
from newsloom.model import Document, RawInput
from newsloom.settings import Settings

TITLE = "Harbour bridge reopens after repairs"
BODY_EN = "The bridge carried its first cars on Thursday after two years of repair work."
BODY_ZH = "大桥在经过两年的维修后，于周四迎来了第一批车辆。"
BODY_HANT = "大橋在經過兩年的維修後，於週四迎來了第一批車輛。"
BODY_RU = "Мост принял первые машины в четверг после двух лет ремонта."


def clean(lines: list[str], source: str = "courier/a.txt", stage: Boilerplate | None = None):
    settings = Settings()
    raw = RawInput(source=source, kind="text", content="\n\n".join(lines), encoding="utf-8")
    doc = Parser(settings)(raw)
    return (stage or Boilerplate(settings))(doc)


def marks(doc: Document) -> dict[str, str | None]:
    return {p.text: p.reason for p in doc.paragraphs if p.boilerplate}


NAV_CASES = {
    "en": [
        "More stories",
        "Chile: Copper Prices Climb Again",
        "Kenya: Rail Link Opens to Freight",
        "Why Ferries Are Going Electric?",
    ],
    "zh": ["相关新闻", "海港大桥修复后重新通车", "新型电动渡轮开始试运行", "铁路货运线路正式开通"],
    "zh-Hant": ["熱點", "海港大橋修復後重新通車", "新型電動渡輪開始試運行"],
    "ru": ["Читайте также", "Мост через залив снова открыт", "Паромы переходят на электричество"],
}


@pytest.mark.parametrize("lang", list(NAV_CASES))
def test_nav_heading_and_its_headline_run_are_marked(lang: str) -> None:
    nav = NAV_CASES[lang]
    body = {"en": BODY_EN, "zh": BODY_ZH, "zh-Hant": BODY_HANT, "ru": BODY_RU}[lang]
    doc = clean([TITLE, body, *nav])
    assert marks(doc) == {line: "nav_list" for line in nav}


def test_nav_run_stops_at_body_text() -> None:
    doc = clean(
        [TITLE, BODY_EN, "Related", "Chile: Copper Prices Climb Again", BODY_EN + " Again."]
    )
    assert marks(doc) == {"Related": "nav_list", "Chile: Copper Prices Climb Again": "nav_list"}


def test_run_of_labelled_headlines_without_heading() -> None:
    run = ["Chile: Copper Prices Climb", "Kenya: Rail Link Opens", "Norway: Ferries Go Electric"]
    doc = clean([TITLE, BODY_EN, *run, BODY_EN.replace("two", "three")])
    assert marks(doc) == {line: "nav_list" for line in run}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Read more »", "read_more"),
        ("Continue reading...", "read_more"),
        ("Read more: Ferries go electric on the northern route", "read_more"),
        ("阅读更多", "read_more"),
        ("閱讀全文", "read_more"),
        ("Читать далее…", "read_more"),
        ("Lena Ostrova/Reuters", "photo_credit"),
        ("Mara Quill/Pool via AP", "photo_credit"),
        ("Photo: Coastline Courier", "photo_credit"),
        ("（新华社记者 王晓明摄）", "photo_credit"),
        ("李明/通过美联社", "photo_credit"),
        ("Фото: пресс-служба мэрии", "photo_credit"),
        ("Mayor Ines Vale (left) and engineer Tom Reyes inspect the new...", "caption"),
        ("5月4日，市长(左)在新桥通车仪式上讲话。", "caption"),
        ("工人们在桥面上安装新的护栏。（新华社发 李明摄）", "caption"),
        ("4 мая мэр города (слева) осматривает новый мост.", "caption"),
        ("© 2023 Coastline Courier", "copyright"),
        ("All rights reserved.", "copyright"),
        ("版权所有 未经授权不得转载", "copyright"),
        ("版權聲明：本站文章來自網絡", "copyright"),
        ("轉載請註明出處", "copyright"),
        ("Все права защищены.", "copyright"),
        ("При перепечатке ссылка на источник обязательна.", "copyright"),
        ("Draft 3 May 2023, edited by Ana Ruiz, proofing in progress", "editorial_note"),
        ("This article first appeared in the Coastline Courier.", "editorial_note"),
        ("Editor's note: this story was updated to correct a date.", "editorial_note"),
        ("编者按：本文作者为海港工程师。", "editorial_note"),
        ("От редакции: материал обновлён.", "editorial_note"),
    ],
)
def test_single_line_rules(line: str, reason: str) -> None:
    doc = clean([TITLE, BODY_EN, line, BODY_EN.replace("Thursday", "Friday")])
    assert marks(doc) == {line: reason}


def test_caption_beside_a_credit() -> None:
    caption = "Mayor Ines Vale (left) and engineer Tom Reyes walk across the bridge on Thursday."
    doc = clean([TITLE, BODY_EN, "Lena Ostrova/Reuters", caption, BODY_RU])
    assert marks(doc) == {"Lena Ostrova/Reuters": "photo_credit", caption: "caption"}


def test_repeated_title_is_marked_not_the_first() -> None:
    doc = clean([TITLE, BODY_EN, TITLE, BODY_RU, TITLE])
    assert [p.reason for p in doc.paragraphs] == [
        None,
        None,
        "repeated_title",
        None,
        "repeated_title",
    ]


BODY_SENTENCES = [
    "The council said it would read more reports before deciding on the bridge tolls.",
    "Photographers from AP and Reuters waited at the gate for hours.",
    "Officials said the related costs would be covered by the regional budget.",
    "The author holds the copyright to the original photographs, the court ruled.",
    "Ryabkov: we will not accept another delay on the bridge.",
    "Brazil: Exports Rise",
    "Prospects remain uncertain",
    "他说，相关新闻发布会将于下周举行。",
    "市长（左侧的那位）表示，新桥将缓解交通压力。",
    "记者了解到，这张照片由一名游客拍摄。",
    "Читайте также отчёт комиссии, призвал мэр жителей города.",
    "Все права на проект принадлежат городу, заявил мэр.",
    "He stopped mid-sentence and said: “We will see...”",
]


def test_body_sentences_are_not_marked() -> None:
    doc = clean([TITLE, BODY_EN, *BODY_SENTENCES, BODY_ZH, BODY_RU])
    assert marks(doc) == {}


def test_recurring_lines_of_one_source() -> None:
    settings = Settings()
    stage = Boilerplate(settings)
    footer = "Coastline Courier · Harbour edition"
    pages = [
        [f"Story number {n}", f"The ferry made {n} trips on its first day of service.", footer]
        for n in range(3)
    ]
    parser = Parser(settings)
    for n, lines in enumerate(pages):
        raw = RawInput(f"courier/{n}.txt", "text", "\n".join(lines), "utf-8")
        stage.observe(parser(raw))
    doc = clean([TITLE, BODY_EN, footer], source="courier/new.txt", stage=stage)
    assert marks(doc) == {footer: "recurring"}
    other = clean([TITLE, BODY_EN, footer], source="gazette/new.txt", stage=stage)
    assert marks(other) == {}


def test_a_copy_of_recurring_documents_is_left_alone() -> None:
    settings = Settings()
    stage = Boilerplate(settings)
    story = [TITLE, BODY_EN, BODY_EN.replace("Thursday", "Friday")]
    for _ in range(3):
        stage.observe(
            Parser(settings)(RawInput("courier/x.txt", "text", "\n".join(story), "utf-8"))
        )
    doc = clean(story, source="courier/copy.txt", stage=stage)
    assert marks(doc) == {}


def test_read_more_opens_a_link_list_that_a_label_line_ends() -> None:
    links = ["海港大桥：一座城市的记忆", "渡轮改用电力了吗？"]
    doc = clean(["海港大桥修复后重新通车", BODY_ZH, "阅读更多", *links, "责任编辑：王晓明"])
    assert marks(doc) == {"阅读更多": "read_more", links[0]: "nav_list", links[1]: "nav_list"}


def test_header_label_rows_are_not_a_link_list() -> None:
    rows = ["Источник: Приморская газета", "Автор: Анна Петрова", "Дата: 4 мая 2023"]
    assert marks(clean(["Мост через залив снова открыт", *rows, BODY_RU])) == {}


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for the harbour briefing from our newsroom.",
        "Courier newsletter: subscribe for weekly ferry news",
        "订阅海滨日报，获取每日新闻",
        "Подпишитесь на нашу рассылку",
    ],
)
def test_subscription_promos(line: str) -> None:
    assert marks(clean([TITLE, BODY_EN, line])) == {line: "promo"}
