"""Chinese date expressions, Simplified and Traditional, for :mod:`newsloom.extract.time`.

dateparser reads none of ``1月10日``, ``十二月七日``, ``上周三`` or ``10日`` alone, so
every form here is a regular expression: full and partial dates in Arabic or
Chinese numerals, ``去年11月18日``, weekdays (``周一``, ``星期一``, ``週一``,
``上周三``), and the relative words (``昨天``, ``前天``, ``本月``, ``去年``...).
A bare ``10日`` is a day of the anchor's month or of a neighbouring one, read like a
day and month without a year.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsloom.extract.time import (
    Anchor,
    Found,
    Rule,
    date_value,
    day_value,
    infer_year,
    month_value,
    tense_of,
    week_value,
    weekday_date,
)

FUTURE = re.compile(
    r"将|將|即将|即將|计划|計劃|拟|擬|预计|預計|预定|預定|下周|下週|明年|下个月|下個月"
)

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN = "〇零一二三四五六七八九十两兩"
_NUM = rf"(?:\d{{1,2}}|[{_CN}]{{1,3}})"
_YEAR_NUM = rf"(?:\d{{4}}|[{_CN}]{{4}})"
_REL_YEAR = {"去年": -1, "今年": 0, "明年": 1, "前年": -2}
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_REL_DAY = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "明天": 1, "明日": 1,
            "前天": -2, "后天": 2, "後天": 2, "大前天": -3}  # fmt: skip
_REL_WEEK = {"上周": -1, "上週": -1, "上星期": -1, "本周": 0, "本週": 0, "这周": 0, "這週": 0,
             "下周": 1, "下週": 1, "下星期": 1}  # fmt: skip
_REL_MONTH = {"上月": -1, "上个月": -1, "上個月": -1, "本月": 0, "这个月": 0, "這個月": 0,
              "下月": 1, "下个月": 1, "下個月": 1}  # fmt: skip


def number(text: str) -> int:
    """An Arabic or Chinese number up to 99 (``十二`` 12, ``二十三`` 23), or a year."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(str(_DIGITS[c]) for c in text))
    tens, _, units = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def _year_of(
    m: re.Match[str], anchor: Anchor, month: int, day: int | None, sentence: str
) -> int | None:
    if m["y"]:
        return number(m["y"])
    if m["ry"]:
        ref = anchor.day.year if anchor.day else None
        return ref + _REL_YEAR[m["ry"]] if ref else None
    return infer_year(anchor, month, day, tense_of(sentence, "zh"))


def _full(m: re.Match[str], anchor: Anchor, sentence: str) -> Found | None:
    month, day = number(m["m"]), number(m["d"])
    if not 1 <= month <= 12:
        return None
    value = date_value(_year_of(m, anchor, month, day, sentence), month, day)
    kind = "relative" if m["ry"] else "absolute"
    return Found(m.start(), m.end(), value, kind) if value else None


def _month(m: re.Match[str], anchor: Anchor, sentence: str) -> Found | None:
    month = number(m["m"])
    if not 1 <= month <= 12:
        return None
    year = _year_of(m, anchor, month, None, sentence)
    return Found(
        m.start(), m.end(), month_value(year, month), "relative" if m["ry"] else "absolute"
    )


def _day(m: re.Match[str], anchor: Anchor, sentence: str) -> Found | None:
    """``10日``: the nearest such day to the anchor, in its month or the one before/after."""
    if anchor.day is None:
        return None
    day, ref = int(m["d"]), anchor.day
    if not 1 <= day <= 31:
        return None
    future = tense_of(sentence, "zh") == "future"
    options: list[tuple[float, date]] = []
    for shift in (-1, 0, 1):
        index = ref.year * 12 + ref.month - 1 + shift
        try:
            d = date(index // 12, index % 12 + 1, day)
        except ValueError:
            continue
        gap = (d - ref).days
        if future and gap < 0:
            continue
        options.append((gap * 2.0 if gap > 0 and not future else abs(gap), d))
    if not options:
        return None
    return Found(m.start(), m.end(), day_value(min(options)[1]), "relative")


def _year(m: re.Match[str], anchor: Anchor, sentence: str) -> Found | None:
    return Found(m.start(), m.end(), f"{number(m['y']):04d}", "absolute")


def _weekday(m: re.Match[str], anchor: Anchor, sentence: str) -> Found | None:
    if anchor.day is None:
        return None
    weekday = _WEEKDAYS[m["wd"]]
    shift = {"上": -1, "下": 1}.get(m["mod"] or "", 0)
    if shift or m["mod"]:
        d = (
            weekday_date(anchor.day, weekday, None, shift)
            if shift
            else (anchor.day - timedelta(anchor.day.weekday()) + timedelta(weekday))
        )
    else:
        d = weekday_date(anchor.day, weekday, tense_of(sentence, "zh"))
    return Found(m.start(), m.end(), day_value(d), "relative")


def _relative(m: re.Match[str], anchor: Anchor, sentence: str) -> Found | None:
    if anchor.day is None:
        return None
    word, ref = m[0], anchor.day
    if word in _REL_DAY:
        value = day_value(ref + timedelta(_REL_DAY[word]))
    elif word in _REL_WEEK:
        value = week_value(ref + timedelta(7 * _REL_WEEK[word]))
    elif word in _REL_MONTH:
        index = ref.year * 12 + ref.month - 1 + _REL_MONTH[word]
        value = month_value(index // 12, index % 12 + 1)
    else:
        value = f"{ref.year + _REL_YEAR[word]:04d}"
    return Found(m.start(), m.end(), value, "relative")


def _alt(words: object) -> str:
    return "|".join(sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


def chinese_rules() -> list[Rule]:
    year = rf"(?:(?P<y>{_YEAR_NUM})\s*年\s*|(?P<ry>{_alt(_REL_YEAR)}))?"
    relative = {**_REL_DAY, **_REL_WEEK, **_REL_MONTH, **_REL_YEAR}
    return [
        Rule(
            re.compile(rf"(?<![\d{_CN}]){year}(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*[日号號]"),
            _full,
        ),
        Rule(
            re.compile(
                rf"(?<![\d{_CN}个個]){year}(?P<m>{_NUM})\s*月(?:份|初|中旬|上旬|下旬|底|中)?"
                rf"(?![\d{_CN}]|[日号號])"
            ),
            _month,
        ),
        Rule(re.compile(r"(?<![\d月])(?P<d>[0-3]?\d)\s*[日号號](?![本])"), _day),
        Rule(
            re.compile(rf"(?<![\d{_CN}])(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年(?!代)"),
            _year,
        ),
        Rule(
            re.compile(
                r"(?<!每)(?P<mod>上|下|本|这|這)?(?:个|個)?(?:周|週|星期|礼拜|禮拜)"
                r"(?P<wd>[一二三四五六日天])(?![\d一二三四五六七八九十])"
            ),
            _weekday,
        ),
        Rule(
            re.compile(rf"(?:{_alt(relative)})(?!报|報|俄罗斯|俄羅斯|美国|美國|中国|中國)"),
            _relative,
        ),
    ]
