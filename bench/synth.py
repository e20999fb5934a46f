"""Generated news-like articles for the speed benchmarks (our own sentences, fixed seed).

Each article is about 5 KB of plain text: a title, a byline and date header,
body paragraphs of 2-4 sentences in one language (or interleaved zh/en for a
share of them), and the clutter lines scraped pages carry.

The default articles all retell one event from ten sentences per language, so
any two of the same language are near copies. ``varied=True`` (the pipeline
benchmark's) gives each article its own invented event (people, city,
organisation, topic, numbers) told through sentence templates, and makes a
share of them translations (the same event and plan in another language) or
re-posts of an earlier article: the mix the relation and story stages meet.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

SENTENCES = {
    "en": [
        "Officials from both delegations met for seven hours on Monday in the harbour city.",
        "The talks ended without a joint statement, according to a spokesman for the ministry.",
        "Analysts said the outcome was expected after weeks of tense public exchanges.",
        "The deputy minister told reporters that the proposals remained on the table.",
        "Dr. Helen M. Carter, who chairs the panel, said the next round would start on Wednesday.",
        "Neither side gave ground on the central question of the river dam and its water quota.",
        "Farmers downstream have complained for years that the reservoir takes too much water.",
        "The U.S. observer mission called the meeting frank and said it hoped for progress.",
        "Trade between the two countries fell by 12 percent last year, customs figures show.",
        "Local newspapers reported that a third meeting could take place in early April.",
    ],
    "ru": [
        "Делегации двух стран провели в понедельник семь часов переговоров в портовом городе.",
        "Переговоры завершились без совместного заявления, сообщил представитель министерства.",
        "Аналитики считают, что такой исход был ожидаем после недель напряжённых заявлений.",
        "Заместитель министра заявил журналистам, что предложения по-прежнему обсуждаются.",
        "Председатель комиссии А. В. Смирнова сообщила, что следующий раунд начнётся в среду.",
        "Ни одна из сторон не уступила по главному вопросу о плотине и квоте на воду.",
        "Фермеры ниже по течению годами жалуются, что водохранилище забирает слишком много воды.",
        "Наблюдатели назвали встречу откровенной и выразили надежду на прогресс.",
        "Товарооборот между странами в прошлом году сократился на 12 процентов.",
        "Местные газеты пишут, что третья встреча может пройти в начале апреля.",
    ],
    "zh": [
        "两国代表团周一在港口城市举行了长达七个小时的会谈。",
        "据外交部发言人介绍，会谈结束后双方没有发表联合声明。",
        "分析人士认为，在数周紧张的公开交锋之后，这一结果在意料之中。",
        "副部长对记者表示，相关提议仍在讨论之中。",
        "委员会主席表示，下一轮会谈将于周三开始。",
        "在大坝和用水配额这一核心问题上，双方都没有让步。",
        "多年来，下游农民一直抱怨水库截留了过多的水。",
        "观察团称此次会谈坦率，并希望取得进展。",
        "海关数据显示，去年两国贸易额下降了百分之十二。",
        "当地媒体报道称，第三次会谈可能在四月初举行。",
    ],
}
TITLES = {
    "en": "Dam talks end without agreement",
    "ru": "Переговоры о плотине завершились без соглашения",
    "zh": "大坝会谈未能达成协议",
}
COUNTS = {
    "en": "The agency counted {n} participants.",
    "ru": "Всего участников было {n}.",
    "zh": "共有{n}人参加。",
}
CLUTTER = ["Read more", "Related News", "© 2025 Example Media. All rights reserved."]


def article(rng: random.Random, size: int = 5000) -> str:
    """One article of about ``size`` bytes in UTF-8; a fifth are interleaved zh/en pages."""
    bilingual = rng.random() < 0.2
    lang = "zh" if bilingual else rng.choice(["en", "ru", "zh"])
    lines = [TITLES[lang], "", f"By Reporter {rng.randint(1, 999)}", "2025-03-12 10:00", ""]
    body = 0
    while body < size:
        # A numbered sentence keeps paragraphs distinct, as real articles are.
        count = COUNTS[lang].format(n=rng.randint(10, 99999))
        para = " ".join([*rng.sample(SENTENCES[lang], rng.randint(2, 4)), count])
        lines += [para, ""]
        body += len(para.encode("utf-8"))
        if bilingual:
            english = " ".join(rng.sample(SENTENCES["en"], rng.randint(2, 4)))
            english += " " + COUNTS["en"].format(n=rng.randint(10, 99999))
            lines += [english, ""]
            body += len(english)
    lines += [rng.choice(CLUTTER), ""]
    return "\n".join(lines)


def write_corpus(folder: Path, count: int, seed: int = 7, varied: bool = False) -> list[Path]:
    """Write ``count`` articles as .txt files into ``folder``; returns their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    texts = varied_articles(rng, count) if varied else (article(rng) for _ in range(count))
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"a{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# -- varied articles -------------------------------------------------------------------------

# Name syllables in three scripts, so one invented name is written alike in every language.
# fmt: off
_SYLLABLES = {
    "en": ["ka", "ro", "mi", "ta", "ve", "do", "li", "sa", "be", "to",
           "na", "vi", "el", "ma", "os", "ti", "ra", "ge", "lu", "fe"],
    "ru": ["ка", "ро", "ми", "та", "ве", "до", "ли", "са", "бе", "то",
           "на", "ви", "эль", "ма", "ос", "ти", "ра", "ге", "лу", "фе"],
    "zh": ["卡", "罗", "米", "塔", "韦", "多", "利", "萨", "贝", "托",
           "纳", "维", "埃", "马", "奥", "蒂", "拉", "格", "卢", "费"],
}
# fmt: on
_ORG = {"en": "{} Group", "ru": "группа «{}»", "zh": "{}集团"}
_DAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "ru": ["понедельник", "вторник", "среду", "четверг", "пятницу"],
    "zh": ["周一", "周二", "周三", "周四", "周五"],
}
_TOPICS = {
    "en": [
        "the new port",
        "water prices",
        "the rail line",
        "school reform",
        "the hospital budget",
        "the bridge repair",
        "bus fares",
        "the fishing quota",
        "housing rents",
        "the airport expansion",
    ],
    "ru": [
        "новый порт",
        "цены на воду",
        "железную дорогу",
        "школьную реформу",
        "бюджет больницы",
        "ремонт моста",
        "тарифы на автобусы",
        "квоту на вылов рыбы",
        "арендную плату",
        "расширение аэропорта",
    ],
    "zh": [
        "新港口",
        "水价",
        "铁路线",
        "学校改革",
        "医院预算",
        "桥梁维修",
        "公交票价",
        "捕鱼配额",
        "住房租金",
        "机场扩建",
    ],
}
_HEADLINES = {
    "en": ["{org} and {city} at odds over {topic}", "{a} promises a decision on {topic}"],
    "ru": ["{org} и власти города {city} спорят про {topic}", "{a} обещает решение про {topic}"],
    "zh": ["{org}与{city}在{topic}问题上存在分歧", "{a}承诺就{topic}作出决定"],
}
_TEMPLATES = {
    "en": [
        "{a}, the head of {org}, said on {day} that talks on {topic} would go on in {city}.",
        "Officials in {city} reported {n} complaints about {topic} this year.",
        "{b} told reporters that {org} had set aside {n} million for the plan.",
        "The council of {city} will vote on {topic} next month, {a} said.",
        "According to {org}, about {n} residents took part in the protest on {day}.",
        "{a} and {b} met for {k} hours but did not sign an agreement.",
        "Police in {city} said {n} people were detained after the march.",
        "{b}, a spokesperson for {org}, declined to comment on the figures.",
        "The budget for {topic} rose by {k} percent compared with last year.",
        "Residents of {city} have waited {k} years for a decision on {topic}.",
        "{org} plans to open {k} new offices in {city} before the end of the year.",
        "Experts warned that delays could cost {city} another {n} million.",
    ],
    "ru": [
        "{a}, глава компании {org}, заявил в {day}, что переговоры про {topic} продолжатся в "
        "городе {city}.",
        "Власти города {city} получили {n} жалоб про {topic} в этом году.",
        "{b} сообщил журналистам, что {org} выделила на план {n} миллионов.",
        "Совет города {city} проголосует про {topic} в следующем месяце, сказал {a}.",
        "По данным {org}, в акции протеста в {day} участвовали около {n} жителей.",
        "{a} и {b} провели {k} часов за переговорами, но не подписали соглашение.",
        "Полиция города {city} сообщила, что после шествия задержаны {n} человек.",
        "{b}, представитель {org}, отказался комментировать эти цифры.",
        "Расходы на {topic} выросли на {k} процентов по сравнению с прошлым годом.",
        "Жители города {city} уже {k} лет ждут решения про {topic}.",
        "{org} планирует открыть {k} новых офисов в городе {city} до конца года.",
        "Эксперты предупредили, что задержка может обойтись городу {city} ещё в {n} миллионов.",
    ],
    "zh": [
        "{org}负责人{a}{day}表示，有关{topic}的谈判将在{city}继续进行。",
        "{city}官员报告称，今年共收到{n}起有关{topic}的投诉。",
        "{b}对记者说，{org}已为该计划拨款{n}万元。",
        "{a}说，{city}议会将于下个月就{topic}进行表决。",
        "据{org}介绍，约有{n}名居民参加了{day}的抗议活动。",
        "{a}和{b}会谈了{k}个小时，但没有签署协议。",
        "{city}警方说，游行结束后有{n}人被拘留。",
        "{org}发言人{b}拒绝对这些数字发表评论。",
        "与去年相比，{topic}的预算增加了百分之{k}。",
        "{city}居民已经为{topic}的决定等待了{k}年。",
        "{org}计划在年底前在{city}新开{k}个办事处。",
        "专家警告说，拖延可能让{city}再损失{n}万元。",
    ],
}


def _name(rng: random.Random, parts: int) -> list[int]:
    return [rng.randrange(len(_SYLLABLES["en"])) for _ in range(parts)]


def _spell(ids: list[int], lang: str) -> str:
    word = "".join(_SYLLABLES[lang][i] for i in ids)
    return word if lang == "zh" else word[0].upper() + word[1:]


class _Event:
    """One invented event: its cast and the plan of its article (template, numbers, breaks)."""

    def __init__(self, rng: random.Random, size: int) -> None:
        self.people = [(_name(rng, 2), _name(rng, 3)) for _ in range(2)]
        self.city, self.org = _name(rng, 3), _name(rng, 2)
        self.topic, self.day = rng.randrange(10), rng.randrange(5)
        self.headline = rng.randrange(2)
        self.plan: list[list[tuple[int, int, int]]] = []
        chars = 0
        while chars < size:
            para = [(rng.randrange(12), rng.randint(10, 99999), rng.randint(2, 60))
                    for _ in range(rng.randint(2, 4))]  # fmt: skip
            self.plan.append(para)
            chars += 75 * len(para)

    def render(self, lang: str) -> tuple[str, list[str]]:
        """The headline and the paragraphs in ``lang``."""
        sep = "·" if lang == "zh" else " "
        a, b = (sep.join(_spell(part, lang) for part in person) for person in self.people)
        slots = {"a": a, "b": b, "city": _spell(self.city, lang),
                 "org": _ORG[lang].format(_spell(self.org, lang)),
                 "topic": _TOPICS[lang][self.topic], "day": _DAYS[lang][self.day]}  # fmt: skip
        joiner = "" if lang == "zh" else " "
        paras = [
            joiner.join(_TEMPLATES[lang][t].format(n=n, k=k, **slots) for t, n, k in para)
            for para in self.plan
        ]
        return _HEADLINES[lang][self.headline].format(**slots), paras


def varied_articles(rng: random.Random, count: int, size: int = 5000) -> list[str]:
    """``count`` articles: 70% new events (a fifth of them zh/en interleaved pages), 20%
    translations of an earlier event into another language, 10% re-posts with a new byline."""
    events: list[tuple[_Event, str]] = []
    texts: list[str] = []
    for _ in range(count):
        roll = rng.random()
        if events and roll < 0.1:
            texts.append(re.sub(r"By Reporter \d+", f"By Reporter {rng.randint(1, 999)}",
                                rng.choice(texts), count=1))  # fmt: skip
            continue
        if events and roll < 0.3:
            event, was = rng.choice(events)
            lang = rng.choice([x for x in ("en", "ru", "zh") if x != was])
        else:
            event, lang = _Event(rng, size), rng.choice(["en", "ru", "zh"])
            events.append((event, lang))
        title, paras = event.render(lang)
        if lang == "zh" and roll > 0.86:  # an interleaved bilingual page
            en_title, en_paras = event.render("en")
            title = f"{title} {en_title}"
            paras = [p for pair in zip(paras, en_paras, strict=True) for p in pair]
        head = [title, "", f"By Reporter {rng.randint(1, 999)}", "2025-03-12 10:00", ""]
        texts.append("\n".join([*head, *(x for p in paras for x in (p, "")),
                                rng.choice(CLUTTER), ""]))  # fmt: skip
    return texts
