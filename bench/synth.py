"""Generated news-like articles for the speed benchmarks (our own sentences, fixed seed).

Each article is about 5 KB of plain text: a title, a byline and date header,
body paragraphs of 2-4 sentences in one language (or interleaved zh/en for a
share of them), and the clutter lines scraped pages carry.
"""

from __future__ import annotations

import random
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


def write_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """Write ``count`` articles as .txt files into ``folder``; returns their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"a{i:05d}.txt"
        path.write_text(article(rng), encoding="utf-8")
        paths.append(path)
    return paths
