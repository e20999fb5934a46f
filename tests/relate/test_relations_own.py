"""Relations on small texts written for these tests, embedded with the real encoder."""

from __future__ import annotations

import pytest

from newsloom.embed.stage import SentenceVectors
from newsloom.lang.sentences import split_sentences
from newsloom.model import Document, Metadata, Paragraph
from newsloom.relate.relations import RelationFinder
from newsloom.settings import Settings
from newsloom.store.sqlite import SQLiteStore

BRIDGE_EN = [
    "The new bridge over the Vessa river opened to traffic on Saturday morning.",
    "It took four years and cost the town 38 million euros, twice the first estimate.",
    "Mayor Ilse Varga cut the ribbon and said the crossing would end the daily queues "
    "at the old ferry.",
    "Engineers had to rebuild two pillars after the spring flood of 2022 washed away "
    "the scaffolding.",
    "Shop owners on the east bank hope that visitors from the city will now come more often.",
    "The ferry will keep running on weekends for tourists until the end of September.",
]
BRIDGE_RU = [
    "Новый мост через реку Вессу открыли для движения в субботу утром.",
    "Строительство заняло четыре года и обошлось городу в 38 миллионов евро, вдвое дороже "
    "первоначальной оценки.",
    "Мэр Ильза Варга перерезала ленточку и сказала, что переправа положит конец ежедневным "
    "очередям у старого парома.",
    "Инженерам пришлось заново возвести две опоры после того, как весенний паводок 2022 года "
    "смыл строительные леса.",
    "Владельцы магазинов на восточном берегу надеются, что гости из города теперь будут "
    "приезжать чаще.",
    "Паром будет ходить по выходным для туристов до конца сентября.",
]
EXTRA_EN = [
    "Traffic counts will be published by the regional roads office every month.",
    "A cycle lane on the north side of the bridge is due to open in the autumn.",
    "Residents of the old town asked for a speed limit on the approach road.",
    "The contractor said the final coat of paint would be applied next spring.",
]
OTHER_EN = [
    "Drivers crossed the Vessa on a brand-new bridge for the first time at the weekend.",
    "Critics in the council point out that the budget doubled during construction.",
    "For years, people waited in long lines for the ferry, which now becomes a tourist ride.",
    "Flood damage two years ago delayed the works by several months.",
]
OTHER_RU = [
    "В четверг в городской библиотеке прошла ярмарка старых книг.",
    "Организаторы собрали более двух тысяч томов, пожертвованных жителями.",
    "Выручка пойдёт на ремонт читального зала и покупку новых компьютеров.",
    "Следующая ярмарка запланирована на весну.",
]


def _doc(doc_id: str, lang: str, sentences: list[str], url: str | None = None) -> Document:
    # Two sentences per paragraph, as a news page would set them.
    texts = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    paragraphs = [Paragraph(text=t, lang=lang, sentences=split_sentences(t, lang)) for t in texts]
    return Document(
        id=doc_id,
        source=f"{doc_id}.txt",
        kind="text",
        encoding="utf-8",
        paragraphs=paragraphs,
        meta=Metadata(url=url),
        languages=[lang],
    )


@pytest.fixture(scope="module")
def relations() -> dict[tuple[str, str], tuple[str, str]]:
    """Relations among the test documents, as {(a, b): (type, direction)}."""
    # A re-post: the headline-like first sentence in capitals, one word edited, ";" for ",".
    copy = [BRIDGE_EN[0].upper(), *(s.replace(",", ";") for s in BRIDGE_EN[1:])]
    copy[4] = copy[4].replace("visitors", "shoppers")
    docs = [
        _doc("bridge_en", "en", BRIDGE_EN),
        _doc("bridge_copy", "en", copy),
        _doc("bridge_long", "en", BRIDGE_EN + EXTRA_EN),
        _doc("bridge_ru", "ru", BRIDGE_RU),
        _doc("bridge_other", "en", OTHER_EN),
        _doc("library_ru", "ru", OTHER_RU),
    ]
    embed = SentenceVectors(Settings())
    docs = [embed(d) for d in docs]
    store = SQLiteStore(":memory:")
    for d in docs[:3]:
        store.add(d)
    finder = RelationFinder(Settings())
    finder.find(docs[:3], store)  # a first batch, then the rest against the store
    for d in docs[3:]:
        store.add(d)
    finder.find(docs[3:], store)
    return {(r.a, r.b): (r.type, r.direction) for r in store.relations()}


def test_duplicate_and_contains(relations: dict) -> None:
    assert (
        relations[("bridge_copy", "bridge_en")][0] == "duplicate"
        or relations[("bridge_en", "bridge_copy")][0] == "duplicate"
    )
    assert relations[("bridge_long", "bridge_en")] == ("contains", "unknown")
    assert relations[("bridge_long", "bridge_copy")] == ("contains", "unknown")


def test_translation_reported_once_for_a_set_of_copies(relations: dict) -> None:
    with_ru = {pair: kind for pair, kind in relations.items() if "bridge_ru" in pair}
    assert len(with_ru) == 1
    ((pair, (kind, direction)),) = with_ru.items()
    assert kind == "translation_of" and direction == "unknown"
    assert set(pair) - {"bridge_ru"} <= {"bridge_en", "bridge_copy"}


def test_unrelated_texts_have_no_relation(relations: dict) -> None:
    involved = {doc for pair in relations for doc in pair}
    assert "bridge_other" not in involved  # same story, different wording
    assert "library_ru" not in involved
    assert len(relations) == 4
