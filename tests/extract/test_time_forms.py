"""Date expressions in en/ru/zh/fr, written for these tests, against a fixed anchor."""

from __future__ import annotations

from datetime import date

import pytest

from newsloom.extract.time import Anchor, find_timexes, infer_year
from newsloom.lang.sentences import split_sentences

# A Wednesday.
ANCHOR = Anchor(date(2022, 1, 12), 2022)


def values(text: str, lang: str, anchor: Anchor = ANCHOR) -> dict[str, str]:
    found = find_timexes(text, lang, anchor, split_sentences(text, lang))
    return {text[f.start : f.end]: f.value for f in found}


@pytest.mark.parametrize(
    ("lang", "text", "expression", "value"),
    [
        ("en", "The ferry sank on 14 January 2022 near the cape.", "14 January 2022", "2022-01-14"),
        ("en", "Envoys met on Jan. 10 in a hotel.", "Jan. 10", "2022-01-10"),
        ("en", "The vote was held on December 20, 2021.", "December 20, 2021", "2021-12-20"),
        ("en", "Prices rose in mid-December.", "mid-December", "2021-12"),
        ("en", "The mayor resigned on Monday.", "Monday", "2022-01-10"),
        ("en", "A second round will be held on Friday.", "Friday", "2022-01-14"),
        ("en", "The plant closed last month.", "last month", "2021-12"),
        ("en", "The strike ended yesterday.", "yesterday", "2022-01-11"),
        ("en", "The bridge opened three days ago.", "three days ago", "2022-01-09"),
        ("en", "The fleet was built in 1997.", "1997", "1997"),
        ("ru", "Переговоры прошли 10 января в столице.", "10 января", "2022-01-10"),
        ("ru", "Договор подписан 14 января 2022 года.", "14 января 2022 года", "2022-01-14"),
        ("ru", "Министр выступил в понедельник.", "понедельник", "2022-01-10"),
        ("ru", "Встреча состоялась во вторник утром.", "вторник", "2022-01-11"),
        ("ru", "Ответ пришёл через день.", "через день", "2022-01-13"),
        ("ru", "Делегация прибыла накануне.", "накануне", "2022-01-11"),
        ("ru", "Цены выросли на прошлой неделе.", "на прошлой неделе", "2022-W01"),
        ("ru", "Завод закрыли в прошлом месяце.", "в прошлом месяце", "2021-12"),
        ("zh", "两国外长12月7日通了电话。", "12月7日", "2021-12-07"),
        ("zh", "两国外长十二月七日通了电话。", "十二月七日", "2021-12-07"),
        ("zh", "谈判于2022年1月12日结束。", "2022年1月12日", "2022-01-12"),
        ("zh", "双方10日在湖边会面。", "10日", "2022-01-10"),
        ("zh", "会议周一开幕。", "周一", "2022-01-10"),
        ("zh", "会议星期一开幕。", "星期一", "2022-01-10"),
        ("zh", "會議週一開幕。", "週一", "2022-01-10"),
        ("zh", "他上周三抵达。", "上周三", "2022-01-05"),
        ("zh", "本月物价上涨。", "本月", "2022-01"),
        ("zh", "去年产量下降。", "去年", "2021"),
        ("zh", "前天下了大雪。", "前天", "2022-01-10"),
        ("zh", "首轮谈判去年11月18日破裂。", "去年11月18日", "2021-11-18"),
        (
            "fr",
            "Le traité a été signé mercredi 12 janvier 2022.",
            "mercredi 12 janvier 2022",
            "2022-01-12",
        ),
        ("fr", "Les pourparlers se sont ouverts lundi.", "lundi", "2022-01-10"),
    ],
)
def test_each_form(lang: str, text: str, expression: str, value: str) -> None:
    assert values(text, lang).get(expression) == value, values(text, lang)


def test_future_weekday_in_chinese_and_russian() -> None:
    assert values("双方将于周五再次会谈。", "zh")["周五"] == "2022-01-14"
    assert values("Следующий раунд пройдёт в пятницу.", "ru")["пятницу"] == "2022-01-14"


def test_weekday_beside_a_written_date_is_one_expression() -> None:
    assert values("The talks opened on Monday, January 10, in a castle.", "en") == {
        "Monday, January 10": "2022-01-10"
    }


def test_a_tense_cue_in_another_clause_does_not_count() -> None:
    text = "会议周二陷入僵局，工程师认为新方案将使成本上升。"
    assert values(text, "zh")["周二"] == "2022-01-11"


def test_counts_are_not_years() -> None:
    assert values("About 2000 people marched.", "en") == {}


def test_event_relative_days_are_left_out() -> None:
    assert values("Через день после встречи министр уехал.", "ru") == {}


def test_without_publication_date() -> None:
    """No anchor: a written year stays, a day and month get no year, relative dates nothing."""
    none = Anchor(None, None)
    assert values("Talks ended on 14 January 2022.", "en", none) == {
        "14 January 2022": "2022-01-14"
    }
    assert values("两国外长12月7日通了电话。", "zh", none) == {"12月7日": "--12-07"}
    assert values("The mayor resigned on Monday.", "en", none) == {}
    assert values("两国外长12月7日通了电话。", "zh", Anchor(None, 2021)) == {
        "12月7日": "2021-12-07"
    }


def test_year_inference_looks_back_more_than_ahead() -> None:
    assert infer_year(ANCHOR, 6, 16, None) == 2021
    assert infer_year(ANCHOR, 2, 1, None) == 2022
    assert infer_year(ANCHOR, 12, 20, "future") == 2022


def test_a_month_in_a_present_tense_forecast_is_ahead() -> None:
    march = Anchor(date(2025, 3, 13), 2025)
    assert values("The real test comes in August, when the fields need water.", "en", march) == {
        "August": "2025-08"
    }
    assert values("Farmers were angry in August, when the fields dried.", "en", march) == {
        "August": "2024-08"
    }
