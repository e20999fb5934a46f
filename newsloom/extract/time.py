"""Date expressions in the body text, normalised against the publication date.

Rules first, one regular expression per form (``14 January 2022``, ``Jan. 10``,
``10 января``, ``12月7日``, ``on Monday``, ``周一``, ``через день``, ``last month``):
dateparser has no Chinese ``1月10日``, its ``search_dates`` takes a stray word for a
date, and it is about twelve times slower than these rules (bench/timex_tempeval.py --speed).
Chinese lives in :mod:`newsloom.extract.time_zh`; this module holds the Latin and
Cyrillic rules, the reasoning about years and weekdays, and the ``extract.time`` stage.

How a value is chosen (the anchor is the publication date):

* a weekday, ``Monday``/``周一``/``в понедельник``, is the most recent one on or
  before the anchor (news reports what happened), unless its sentence speaks of the
  future (``will``, ``next``, ``将``, ``будет``...): then the first one on or after it;
* a day and month without a year take the year that puts them nearest the anchor,
  a day after the anchor counting double (reports look back more often than ahead),
  or strictly the past / future one when the sentence says which;
* with no publication date, a date that names its year keeps it; one without a year
  takes the latest year written in the document (setting ``extract.time_year_from_text``)
  or else gets the ISO truncated form ``--MM-DD``; relative expressions get no value
  and are left out.

Weeks (``last week``, ``на прошлой неделе``, ``上周``) are ISO weeks ``YYYY-Www``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar, Literal

from newsloom.clean.dates import iso_from_meta
from newsloom.model import Document, Timex
from newsloom.pipeline import stage
from newsloom.settings import Settings

Kind = Literal["absolute", "relative"]
Tense = Literal["past", "future"] | None


@dataclass(frozen=True)
class Found:
    """One date expression: its span in the text and its ISO value."""

    start: int
    end: int
    value: str
    kind: Kind


@dataclass(frozen=True)
class Anchor:
    """What a text's dates are read against: the publication day, or only a year."""

    day: date | None = None
    year: int | None = None

    @classmethod
    def of(cls, published: str | None, fallback_year: int | None = None) -> Anchor:
        """The anchor of a document from its ``meta.published`` (ISO 8601, may be None)."""
        iso = iso_from_meta(published) if published else None
        if iso:
            try:
                day = date.fromisoformat(iso[:10])
            except ValueError:
                day = None
            if day:
                return cls(day, day.year)
        return cls(None, fallback_year)


# ---------------------------------------------------------------- values and years


def day_value(d: date) -> str:
    return d.isoformat()


def month_value(year: int | None, month: int) -> str:
    return f"{year:04d}-{month:02d}" if year else f"--{month:02d}"


def date_value(year: int | None, month: int, day: int) -> str | None:
    """``YYYY-MM-DD``, or ``--MM-DD`` with no year; None for an impossible date."""
    try:
        if year:
            return date(year, month, day).isoformat()
        date(2000, month, day)  # a leap year: 29 February is possible
    except ValueError:
        return None
    return f"--{month:02d}-{day:02d}"


def week_value(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def infer_year(anchor: Anchor, month: int, day: int | None, tense: Tense) -> int | None:
    """The year of a month (and day) written without one: see the module docstring."""
    if anchor.day is None:
        return anchor.year
    ref = anchor.day
    best: tuple[float, int] | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            first = date(year, month, day or 1)
            last = first if day else (date(year + month // 12, month % 12 + 1, 1) - timedelta(1))
        except ValueError:
            continue
        if last < ref:
            gap, after = (ref - last).days, False
        elif first > ref:
            gap, after = (first - ref).days, True
        else:
            return year
        if (tense == "past" and after) or (tense == "future" and not after):
            continue
        score = gap * 2.0 if after and tense is None else float(gap)
        if best is None or score < best[0]:
            best = (score, year)
    return best[1] if best else ref.year


def weekday_date(ref: date, weekday: int, tense: Tense, shift: int = 0) -> date:
    """The date of ``weekday`` (0 = Monday) nearest ``ref`` in the sense of ``tense``.

    ``shift`` -1 / +1 means the previous / next calendar week (``上周三``, ``last
    Monday`` with ``shift`` 0 and tense past means the latest strictly before ``ref``).
    """
    if shift:
        monday = ref - timedelta(ref.weekday()) + timedelta(7 * shift)
        return monday + timedelta(weekday)
    delta = (ref.weekday() - weekday) % 7
    if tense == "future":
        return ref + timedelta((weekday - ref.weekday()) % 7)
    return ref - timedelta(delta)


def add_months(d: date, months: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 + months
    return index // 12, index % 12 + 1


# ---------------------------------------------------------------- tense cues

_FUTURE = {
    "en": re.compile(
        r"\b(?:will|shall|'ll|next|upcoming|coming|comes|due to|scheduled|set to|"
        r"plans? to|is to|are to|expected to)\b",
        re.IGNORECASE,
    ),
    "ru": re.compile(
        r"(?<!\w)(?:будет|будут|буд[уе]м|состоится|состоятся|пройд[её]т|пройдут|планиру\w*|"
        r"намерен\w*|назначен\w*|следующ\w*|предстоящ\w*|собира\w*)(?!\w)",
        re.IGNORECASE,
    ),
    "fr": re.compile(
        r"\b(?:prochain\w*|aura|auront|sera|seront|doit|doivent|devrait|devraient|"
        r"\w+(?:era|eront|ira|iront|ra|ront))\b",
        re.IGNORECASE,
    ),
}


def tense_of(sentence: str, lang: str) -> Tense:
    """``future`` when the sentence speaks of what is to come, else None (look back)."""
    pattern = _FUTURE.get(lang)
    if lang == "zh":
        from newsloom.extract.time_zh import FUTURE

        pattern = FUTURE
    return "future" if pattern and pattern.search(sentence) else None


# ---------------------------------------------------------------- rules

Handler = Callable[[re.Match[str], Anchor, str], Found | None]


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    handle: Handler
    group: int | str = 0
    """The group whose span is the expression (context words stay out of it)."""


_EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_FR_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip
_RU_STEMS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август",
             "сентябр", "октябр", "ноябр", "декабр")  # fmt: skip
_EN_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_FR_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_RU_DAYS = ("понедельник", "вторник", "сред[ау]", "четверг", "пятниц[ау]", "суббот[ау]",
            "воскресенье")  # fmt: skip
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "один": 1, "одну": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5,
    "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
}  # fmt: skip


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def _month_en(word: str) -> int:
    return _EN_MONTHS.get(word.lower().rstrip("."), 0) or _FR_MONTHS.get(word.lower(), 0)


def _month_ru(word: str) -> int:
    low = word.lower()
    for i, stem in enumerate(_RU_STEMS):
        if low.startswith(stem) and (i != 4 or low in ("мая", "мае", "май")):
            return i + 1
    return 0


def _found(m: re.Match[str], group: int | str, value: str | None, kind: Kind) -> Found | None:
    return Found(m.start(group), m.end(group), value, kind) if value else None


def _day_month(month_of: Callable[[str], int], lang: str) -> Handler:
    """``14 January 2022``, ``Jan. 10``, ``10 января``: year from the text or inferred."""

    def handle(m: re.Match[str], anchor: Anchor, sentence: str) -> Found | None:
        month, day = month_of(m["m"]), int(m["d"])
        if not month:
            return None
        if m["y"]:
            return _found(m, 0, date_value(int(m["y"]), month, day), "absolute")
        year = infer_year(anchor, month, day, tense_of(sentence, lang))
        return _found(m, 0, date_value(year, month, day), "absolute")

    return handle


def _month_only(month_of: Callable[[str], int], lang: str) -> Handler:
    def handle(m: re.Match[str], anchor: Anchor, sentence: str) -> Found | None:
        month = month_of(m["m"])
        if not month:
            return None
        mod = m.groupdict().get("mod")
        tense: Tense = {"dernier": "past", "prochain": "future"}.get((mod or "").lower())
        tense = tense or tense_of(sentence, lang)
        year = int(m["y"]) if m["y"] else infer_year(anchor, month, None, tense)
        return _found(m, 0, month_value(year, month), "absolute")

    return handle


def _weekday(names: tuple[str, ...], lang: str) -> Handler:
    patterns = [re.compile(n, re.IGNORECASE) for n in names]

    def handle(m: re.Match[str], anchor: Anchor, sentence: str) -> Found | None:
        if anchor.day is None:
            return None
        weekday = next(i for i, p in enumerate(patterns) if p.fullmatch(m["wd"]))
        mod = (m["mod"] or "").lower()
        if mod.startswith(("last", "past", "прошл", "dernier")):
            ref = anchor.day - timedelta(1)
            return _found(m, 0, day_value(weekday_date(ref, weekday, "past")), "relative")
        if mod.startswith(("next", "следующ", "prochain")):
            ref = anchor.day + timedelta(1)
            return _found(m, 0, day_value(weekday_date(ref, weekday, "future")), "relative")
        tense = tense_of(sentence, lang)
        return _found(m, 0, day_value(weekday_date(anchor.day, weekday, tense)), "relative")

    return handle


def _offset(unit: str, n: int, anchor: Anchor) -> str | None:
    """The value of ``n`` units from the anchor (negative: back) at the unit's precision."""
    if anchor.day is None:
        return None
    ref = anchor.day
    if unit == "day":
        return day_value(ref + timedelta(n))
    if unit == "week":
        return week_value(ref + timedelta(7 * n))
    if unit == "month":
        return month_value(*add_months(ref, n))
    return f"{ref.year + n:04d}"


def _unit(word: str) -> str:
    low = word.lower()
    for unit, stems in (
        ("day", ("day", "дн", "ден", "jour")),
        ("week", ("week", "недел", "semaine")),
        ("month", ("month", "месяц", "mois")),
        ("year", ("year", "год", "лет", "an")),
    ):
        if low.startswith(stems):
            return unit
    return "year"


def _relative(table: dict[str, tuple[str, int]]) -> Handler:
    """Fixed phrases: a (unit, offset) from the anchor, by the phrase's lower-cased words."""

    def handle(m: re.Match[str], anchor: Anchor, sentence: str) -> Found | None:
        key = " ".join(m["rel"].lower().split())
        unit, n = table[key]
        return _found(m, "rel", _offset(unit, n, anchor), "relative")

    return handle


def _ago(m: re.Match[str], anchor: Anchor, sentence: str) -> Found | None:
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw, 0)
    if not n:
        return None
    return _found(m, 0, _offset(_unit(m["u"]), -n, anchor), "relative")


def _numeric(m: re.Match[str], anchor: Anchor, sentence: str) -> Found | None:
    return _found(m, 0, date_value(int(m["y"]), int(m["m"]), int(m["d"])), "absolute")


def _year(m: re.Match[str], anchor: Anchor, sentence: str) -> Found | None:
    return _found(m, "y", m["y"], "absolute")


_EN_LONG = _alt(k for k in _EN_MONTHS if len(k) > 3)
_EN_SHORT = _alt(k for k in _EN_MONTHS if len(k) <= 4 and k != "may")
# "May" is a month only beside a day or a year; "Jan." may carry its full stop.
_EN_MONTH = rf"(?P<m>{_EN_LONG}|(?:{_EN_SHORT})\.?)"
_FR_MONTH = rf"(?P<m>{_alt(_FR_MONTHS)})"
_ANY_MONTH = rf"(?P<m>{_EN_LONG}|(?:{_EN_SHORT})\.?|{_alt(_FR_MONTHS)})"
_RU_GEN = (
    r"(?P<m>января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
)
_RU_PREP = (
    r"(?P<m>январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)"
)
_YEAR = r"(?P<y>(?:1[89]|20)\d{2})"
_NUM_ISO = Rule(
    re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?![\d])"), _numeric
)

_EN_REL = {
    "today": ("day", 0), "yesterday": ("day", -1), "tomorrow": ("day", 1),
    "the day before yesterday": ("day", -2), "the day after tomorrow": ("day", 2),
    "last week": ("week", -1), "this week": ("week", 0), "next week": ("week", 1),
    "last month": ("month", -1), "this month": ("month", 0), "next month": ("month", 1),
    "earlier this month": ("month", 0), "later this month": ("month", 0),
    "last year": ("year", -1), "this year": ("year", 0), "next year": ("year", 1),
    "earlier this year": ("year", 0), "later this year": ("year", 0),
    "the past week": ("week", -1), "this past week": ("week", -1),
}  # fmt: skip
_FR_REL = {
    "aujourd'hui": ("day", 0), "aujourd’hui": ("day", 0), "hier": ("day", -1),
    "demain": ("day", 1), "avant-hier": ("day", -2), "la veille": ("day", -1),
    "la semaine dernière": ("week", -1), "cette semaine": ("week", 0),
    "la semaine prochaine": ("week", 1), "le mois dernier": ("month", -1),
    "ce mois-ci": ("month", 0), "le mois prochain": ("month", 1),
    "l'an dernier": ("year", -1), "l’an dernier": ("year", -1),
    "l'année dernière": ("year", -1), "l’année dernière": ("year", -1),
    "cette année": ("year", 0), "l'an prochain": ("year", 1), "l’an prochain": ("year", 1),
}  # fmt: skip
_RU_REL = {
    "сегодня": ("day", 0), "вчера": ("day", -1), "завтра": ("day", 1),
    "позавчера": ("day", -2), "послезавтра": ("day", 2), "накануне": ("day", -1),
    "через день": ("day", 1), "на следующий день": ("day", 1),
    "на прошлой неделе": ("week", -1), "на этой неделе": ("week", 0),
    "на следующей неделе": ("week", 1), "на будущей неделе": ("week", 1),
    "в прошлом месяце": ("month", -1), "в этом месяце": ("month", 0),
    "в следующем месяце": ("month", 1),
    "в прошлом году": ("year", -1), "в этом году": ("year", 0),
    "в следующем году": ("year", 1), "в будущем году": ("year", 1),
}  # fmt: skip


def _phrase(table: dict[str, tuple[str, int]]) -> str:
    words = _alt(r"\s+".join(re.escape(w) for w in k.split()) for k in table)
    return rf"(?<!\w)(?P<rel>{words})(?!\w)"


def _latin_rules() -> list[Rule]:
    rules = [
        _NUM_ISO,
        # 14 January 2022 / 14 Jan. / 12 mars 2025 / 1er avril
        Rule(
            re.compile(
                rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th|er)?\s+(?:of\s+)?{_ANY_MONTH}"
                rf"(?:,?\s+{_YEAR})?(?!\w)",
                re.IGNORECASE,
            ),
            _day_month(_month_en, "en"),
        ),
        # January 14, 2022 / Jan. 10
        Rule(
            re.compile(
                rf"\b{_EN_MONTH}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])(?:,?\s+{_YEAR})?(?!\w)",
                re.IGNORECASE,
            ),
            _day_month(_month_en, "en"),
        ),
        # (mid-)December (2021) / in May 2020
        Rule(
            re.compile(
                rf"\b(?:(?:early|mid|late)[-\s])?(?:{_EN_MONTH[:-1]}|May(?=,?\s+(?:19|20)\d\d)))"
                rf"(?:,?\s+{_YEAR})?(?!\w)",
                re.IGNORECASE,
            ),
            _month_only(_month_en, "en"),
        ),
        Rule(
            re.compile(
                rf"\b{_FR_MONTH}(?:\s+{_YEAR}|\s+(?P<mod>dernier|prochain))(?!\w)", re.IGNORECASE
            ),
            _month_only(_month_en, "en"),
        ),
        Rule(
            re.compile(
                rf"(?<!\w)(?:(?P<mod>last|next|this|past)\s+)?(?P<wd>{_alt(_EN_DAYS)})"
                r"(?!\w)",
                re.IGNORECASE,
            ),
            _weekday(_EN_DAYS, "en"),
        ),
        Rule(
            re.compile(
                rf"(?<!\w)(?P<wd>{_alt(_FR_DAYS)})(?:\s+(?P<mod>dernier|prochain))?(?!\w)",
                re.IGNORECASE,
            ),
            _weekday(_FR_DAYS, "fr"),
        ),
        Rule(re.compile(_phrase(_EN_REL), re.IGNORECASE), _relative(_EN_REL)),
        Rule(re.compile(_phrase(_FR_REL), re.IGNORECASE), _relative(_FR_REL)),
        Rule(
            re.compile(
                rf"\b(?P<n>\d+|{_alt(k for k in _NUMBER_WORDS if k.isascii())})\s+"
                r"(?P<u>days?|weeks?|months?|years?)\s+ago\b",
                re.IGNORECASE,
            ),
            _ago,
        ),
        Rule(
            re.compile(
                r"\b(?:in|since|by|until|of|from|during|before|after|through|early|late|mid|"
                rf"year|en|depuis)\s+{_YEAR}(?![\d\-%])",
                re.IGNORECASE,
            ),
            _year,
            "y",
        ),
        # A year on its own ("1990 was", "(1997)"), not a count ("2000 people", "$1990").
        Rule(re.compile(rf"(?<![\w$€£.,-]){_YEAR}(?![\w%.,-]|\s+[a-z])"), _year, "y"),
    ]
    return rules


class _Overlay:
    """A match with some groups read differently (a default, or one of two groups)."""

    def __init__(self, match: re.Match[str], /, **groups: str | None) -> None:
        self._m = match
        self._groups = groups

    def __getitem__(self, key: str) -> str | None:
        return self._groups[key] if key in self._groups else self._m[key]

    def groupdict(self) -> dict[str, str | None]:
        return {**self._m.groupdict(), **self._groups}

    def start(self, group: int | str = 0) -> int:
        return self._m.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._m.end(group)


_RU_NUMBERS = _alt(k for k in _NUMBER_WORDS if not k.isascii())


def _russian_rules() -> list[Rule]:
    year_word = r"(?:\s*(?:года|году|г\.))?"
    return [
        _NUM_ISO,
        Rule(
            re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]\d)\.(?P<y>(?:19|20)\d{2})(?!\d)"),
            _numeric,
        ),
        Rule(
            re.compile(
                rf"(?<!\w)(?P<d>[0-3]?\d)(?:-?го)?\s+{_RU_GEN}(?:\s+{_YEAR}{year_word})?(?!\w)",
                re.IGNORECASE,
            ),
            _day_month(_month_ru, "ru"),
        ),
        Rule(
            re.compile(
                rf"(?<!\w)(?:(?:начале|середине|конце)\s+{_RU_GEN}|{_RU_PREP})"
                rf"(?:\s+{_YEAR}{year_word})?(?!\w)".replace("(?P<m>", "(?P<m1>", 1),
                re.IGNORECASE,
            ),
            lambda m, a, s: _month_only(_month_ru, "ru")(_Overlay(m, m=m["m1"] or m["m"]), a, s),
        ),
        Rule(
            re.compile(
                rf"(?<!\w)(?:во?\s+)(?P<exp>(?:(?P<mod>прошл(?:ый|ую|ое)|следующ(?:ий|ую|ее)|"
                rf"эт(?:от|у|о))\s+)?(?P<wd>{_alt(_RU_DAYS)}))(?!\w)",
                re.IGNORECASE,
            ),
            lambda m, a, s: _shift_to(_weekday(_RU_DAYS, "ru")(m, a, s), m, "exp"),
        ),
        # "накануне встречи", "через день после встречи": the day is reckoned from an
        # event, not from the publication date, so they are left out.
        Rule(
            re.compile(
                _phrase(_RU_REL)
                + r"(?!\s+(?:после|до|перед)\b|(?<=накануне)\s+(?!вечером|утром|днём|днем)[а-яё])",
                re.IGNORECASE,
            ),
            _relative(_RU_REL),
        ),
        Rule(
            re.compile(
                rf"(?<!\w)(?:(?P<n>\d+|{_RU_NUMBERS})\s+)?"
                r"(?P<u>дн(?:я|ей)|день|недел[июь]|месяц(?:а|ев)?|год(?:а)?|лет)\s+назад(?!\w)",
                re.IGNORECASE,
            ),
            lambda m, a, s: _ago(_Overlay(m, n=m["n"] or "1"), a, s),
        ),
        Rule(re.compile(rf"(?<![\d\w]){_YEAR}\s*(?:года|году|год|г\.)(?!\w)"), _year, "y"),
    ]


def _shift_to(found: Found | None, m: re.Match[str], group: str) -> Found | None:
    """The same value over a narrower span (``в понедельник`` → ``понедельник``)."""
    if found is None:
        return None
    return Found(m.start(group), m.end(group), found.value, found.kind)


_RULES: dict[str, list[Rule]] = {}


def rules_for(lang: str) -> list[Rule]:
    """The rules of a language family: Chinese, Cyrillic, else the Latin (en/fr) set."""
    if lang not in _RULES:
        if lang == "zh":
            from newsloom.extract.time_zh import chinese_rules

            _RULES[lang] = chinese_rules()
        elif lang in ("ru", "uk", "be"):
            _RULES[lang] = _russian_rules()
        else:
            _RULES[lang] = _latin_rules()
    return _RULES[lang]


def find_timexes(
    text: str,
    lang: str,
    anchor: Anchor,
    sentences: list[tuple[int, int]] | None = None,
) -> list[Found]:
    """Every date expression in ``text`` with its value, leftmost-longest, no overlaps.

    ``sentences`` (spans into ``text``) decide which words count as an expression's
    context for its tense; without them the whole text is one sentence.

    >>> [f.value for f in find_timexes("Talks opened on Monday.", "en", Anchor(date(2025, 3, 12)))]
    ['2025-03-10']
    """
    spans = sentences or [(0, len(text))]
    candidates: list[Found] = []
    for rule in rules_for(lang):
        for m in rule.pattern.finditer(text):
            a, b = next(((s, e) for s, e in spans if s <= m.start() < e), (0, len(text)))
            found = rule.handle(m, anchor, _clause(text, a, b, m.start(), m.end()))
            if found is not None:
                candidates.append(found)
    candidates.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Found] = []
    for f in candidates:
        if out and f.start < out[-1].end:
            continue
        if out and _same_day(out[-1], f, text):
            # "Monday, March 10", "mercredi 12 mars", "10日（周一）": one date; the
            # written date outranks the weekday reckoned from the anchor.
            first = out.pop()
            keep = f if first.kind == "relative" and f.kind == "absolute" else first
            f = Found(first.start, f.end, keep.value, keep.kind)
        out.append(f)
    return out


_CLAUSE_END = re.compile(r"[，；：、]|[,;:](?:\s|(?=[\u3400-\u9fff]))")


def _clause(text: str, a: int, b: int, start: int, end: int) -> str:
    """The clause of the sentence ``text[a:b]`` around ``text[start:end]``: a tense cue
    two commas away belongs to another verb."""
    before = [m.end() for m in _CLAUSE_END.finditer(text, a, start)]
    after = _CLAUSE_END.search(text, end, b)
    return text[before[-1] if before else a : after.start() if after else b]


_WEEKDAY_FIRST = re.compile(r"[\s,，]*")
_WEEKDAY_AFTER = re.compile(r"\s*[(（]")


def _same_day(a: Found, b: Found, text: str) -> bool:
    """A weekday and a written date side by side: ``Monday, March 10`` or ``10日（周一``."""
    if not len(a.value) == len(b.value) == 10:
        return False
    if a.kind == "relative" and b.kind == "absolute":
        return _WEEKDAY_FIRST.fullmatch(text, a.end, b.start) is not None
    if a.kind == "absolute" and b.kind == "relative":
        return _WEEKDAY_AFTER.fullmatch(text, a.end, b.start) is not None
    return False


_YEAR_IN_TEXT = re.compile(r"(?<![\d.,])((?:19|20)\d{2})(?=年|[^\d.,%]|$)")


def latest_year(texts: Iterable[str], ceiling: int = date.today().year) -> int | None:
    """The latest plausible year written in a text: the anchor year of an undated article."""
    years = [int(y) for t in texts for y in _YEAR_IN_TEXT.findall(t) if 1900 <= int(y) <= ceiling]
    return max(years) if years else None


def document_anchor(doc: Document, year_from_text: bool = True) -> Anchor:
    """The anchor of a document: its publication date, else (optionally) a year from its text."""
    anchor = Anchor.of(doc.meta.published)
    if anchor.day is None and year_from_text:
        # The body first; a caption's "photo of 2021" is evidence too when the body has none.
        year = latest_year(p.text for p in doc.paragraphs if p.is_content)
        anchor = Anchor(None, year or latest_year(p.text for p in doc.paragraphs))
    return anchor


def timexes_of(doc: Document, anchor: Anchor) -> list[Timex]:
    """The timexes of a document's content paragraphs against ``anchor``."""
    out: list[Timex] = []
    for i, p in enumerate(doc.paragraphs):
        if not p.is_content or not p.lang:
            continue
        for f in find_timexes(p.text, p.lang, anchor, p.sentences):
            out.append(Timex(i, f.start, f.end, f.value, f.kind))
    return out


@stage
class TimeStage:
    """``extract.time``: fill ``Document.timexes`` for the content paragraphs."""

    name: ClassVar[str] = "extract.time"
    version: ClassVar[str] = "1"
    requires: ClassVar[tuple[str, ...]] = ("lang.sentences",)

    def __init__(self, settings: Settings) -> None:
        self.year_from_text = bool(settings.get("extract", "time_year_from_text"))

    def __call__(self, doc: Document) -> Document:
        doc.timexes = timexes_of(doc, document_anchor(doc, self.year_from_text))
        return doc
