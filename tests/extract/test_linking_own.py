"""Entity linking on small texts written for these tests (en, ru, zh), with the real
encoder, sentence splitter, relation finder and aligner.

Mentions are set by hand (each name where it occurs in the text), so that these tests
measure linking alone; the NER stage has its own tests.
"""

from __future__ import annotations

import random

import pytest

from newsloom.embed.stage import SentenceVectors
from newsloom.errors import ConfigError, NotFoundError
from newsloom.extract.linking import (
    EntityLinker,
    NameMention,
    build_entities,
    entity_json,
    entity_mentions,
    find_entity,
)
from newsloom.lang.sentences import split_sentences
from newsloom.model import Document, Mention, Paragraph
from newsloom.relate.relations import RelationFinder
from newsloom.settings import Settings
from newsloom.store.sqlite import SQLiteStore

TALKS_EN = [
    "Deputy Minister Oksana Belyaeva arrived in Lisbon on Tuesday for a new round of trade talks.",
    "Belyaeva said her delegation hoped to sign a customs agreement before the summer.",
    "The talks are hosted by the Maritime Trade Council, which has met twice this year.",
    "Portuguese officials welcomed the visit and promised a quick answer on tariffs.",
    "A second meeting on port fees is planned for the end of the month.",
    "Exporters of cork and wine follow the negotiations closely.",
]
TALKS_ZH = [
    "副部长奥克萨娜·别利亚耶娃周二抵达里斯本，参加新一轮贸易谈判。",
    "别利亚耶娃表示，她的代表团希望在夏季之前签署海关协议。",
    "谈判由海事贸易理事会主办，该理事会今年已举行两次会议。",
    "葡萄牙官员对此次访问表示欢迎，并承诺尽快就关税问题作出答复。",
    "关于港口费用的第二次会议计划在月底举行。",
    "软木和葡萄酒出口商密切关注谈判进展。",
]
TALKS_RU = [
    "Заместитель министра Оксана Беляева прибыла в Лиссабон во вторник на новый раунд "
    "торговых переговоров.",
    "Беляева заявила, что её делегация надеется подписать таможенное соглашение до лета.",
    "Переговоры проходят под эгидой Морского торгового совета, который в этом году "
    "собирался уже дважды.",
    "Португальские чиновники приветствовали визит и пообещали быстро ответить по тарифам.",
    "Вторая встреча по портовым сборам запланирована на конец месяца.",
    "Экспортёры пробки и вина внимательно следят за переговорами.",
]
# Not a translation: a later Chinese report of the same talks, naming her by surname only.
LATER_ZH = [
    "别利亚耶娃周三在里斯本与葡萄牙经济部长举行了会谈。",
    "双方讨论了关税和港口费用问题。",
    "海事贸易理事会的一位发言人说，协议草案已经准备就绪。",
]
# Unrelated stories with people who share her surname.
CONCERT_EN = [
    "Cellist Marta Belyaeva opened the autumn festival in Riga with a Bach suite.",
    "Belyaeva, who studied in Vienna, will also teach a master class on Sunday.",
]
FOOTBALL_EN = [
    "Belyaeva scored twice as the home side beat the visitors in Kazan on Sunday.",
    "The coach praised the young defence after the third clean sheet in a row.",
]

# (surface as written, type, normalised name) per language.
NAMES = {
    "talks_en": [
        ("Oksana Belyaeva", "PER", "Oksana Belyaeva"),
        ("Belyaeva", "PER", "Belyaeva"),
        ("Lisbon", "LOC", "Lisbon"),
        ("Maritime Trade Council", "ORG", "Maritime Trade Council"),
    ],
    "talks_zh": [
        ("奥克萨娜·别利亚耶娃", "PER", "奥克萨娜·别利亚耶娃"),
        ("别利亚耶娃", "PER", "别利亚耶娃"),
        ("里斯本", "LOC", "里斯本"),
        ("海事贸易理事会", "ORG", "海事贸易理事会"),
    ],
    "talks_ru": [
        ("Оксана Беляева", "PER", "Оксана Беляева"),
        ("Беляева", "PER", "Беляева"),
        ("Лиссабон", "LOC", "Лиссабон"),
        ("Морского торгового совета", "ORG", "Морской торговый совет"),
    ],
    "later_zh": [
        ("别利亚耶娃", "PER", "别利亚耶娃"),
        ("里斯本", "LOC", "里斯本"),
        ("海事贸易理事会", "ORG", "海事贸易理事会"),
    ],
    "concert_en": [
        ("Marta Belyaeva", "PER", "Marta Belyaeva"),
        ("Belyaeva", "PER", "Belyaeva"),
        ("Riga", "LOC", "Riga"),
        ("Vienna", "LOC", "Vienna"),
    ],
    "football_en": [("Belyaeva", "PER", "Belyaeva"), ("Kazan", "LOC", "Kazan")],
}


def _doc(doc_id: str, lang: str, sentences: list[str]) -> Document:
    texts = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    if lang == "zh":
        texts = ["".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    paragraphs = [Paragraph(text=t, lang=lang, sentences=split_sentences(t, lang)) for t in texts]
    doc = Document(id=doc_id, source=f"{doc_id}.txt", kind="text", encoding="utf-8",
                   paragraphs=paragraphs, languages=[lang])  # fmt: skip
    taken: list[tuple[int, int, int]] = []
    for surface, etype, name in NAMES[doc_id]:  # longest names first: no overlaps
        for p, para in enumerate(paragraphs):
            start = para.text.find(surface)
            while start >= 0:
                if not any(q == p and a <= start < b for q, a, b in taken):
                    end = start + len(surface)
                    doc.mentions.append(Mention(p, start, end, etype, name, lang))  # type: ignore[arg-type]
                    taken.append((p, start, end))
                start = para.text.find(surface, start + 1)
    doc.mentions.sort(key=lambda m: (m.paragraph, m.start))
    return doc


@pytest.fixture(scope="module")
def linked() -> tuple[SQLiteStore, list]:
    texts = {
        "talks_en": ("en", TALKS_EN), "talks_zh": ("zh", TALKS_ZH),
        "talks_ru": ("ru", TALKS_RU), "later_zh": ("zh", LATER_ZH),
        "concert_en": ("en", CONCERT_EN), "football_en": ("en", FOOTBALL_EN),
    }  # fmt: skip
    embed = SentenceVectors(Settings())
    docs = [embed(_doc(doc_id, lang, s)) for doc_id, (lang, s) in texts.items()]
    store = SQLiteStore(":memory:")
    for d in docs:
        store.add(d)
    RelationFinder(Settings()).find(docs, store)
    entities = EntityLinker(Settings()).link(store)
    return store, entities


def _entity_of(store: SQLiteStore, doc_id: str, name: str) -> str | None:
    ids = {m.entity for m in store.get(doc_id).mentions if m.name == name}
    assert len(ids) == 1, (doc_id, name, ids)
    return ids.pop()


def test_translations_are_related(linked: tuple) -> None:
    store, _ = linked
    kinds = {(r.a, r.b): r.type for r in store.relations()}
    assert "translation_of" in {
        kinds.get(("talks_zh", "talks_en")),
        kinds.get(("talks_en", "talks_zh")),
    }


def test_one_person_across_three_scripts(linked: tuple) -> None:
    store, entities = linked
    person = _entity_of(store, "talks_en", "Oksana Belyaeva")
    assert _entity_of(store, "talks_en", "Belyaeva") == person
    assert _entity_of(store, "talks_ru", "Оксана Беляева") == person
    assert _entity_of(store, "talks_ru", "Беляева") == person
    assert _entity_of(store, "talks_zh", "奥克萨娜·别利亚耶娃") == person
    entity = next(e for e in entities if e.id == person)
    assert entity.type == "PER"
    assert {"en", "ru", "zh"} <= set(entity.names)
    assert entity.names["en"][0] in {"Oksana Belyaeva", "Belyaeva"}


def test_learned_pair_is_stored_and_reused_outside_translations(linked: tuple) -> None:
    store, _ = linked
    learned = {(a, b) for la, a, lb, b, _ in store.name_pairs()} | {
        (b, a) for la, a, lb, b, _ in store.name_pairs()
    }
    assert ("Lisbon", "里斯本") in learned
    assert ("Maritime Trade Council", "海事贸易理事会") in learned
    # later_zh is no translation: its names are joined through the stored pairs.
    assert _entity_of(store, "later_zh", "里斯本") == _entity_of(store, "talks_en", "Lisbon")
    assert _entity_of(store, "later_zh", "海事贸易理事会") == _entity_of(
        store, "talks_ru", "Морской торговый совет"
    )
    # The bare surname agrees with the talks through two shared entities.
    assert _entity_of(store, "later_zh", "别利亚耶娃") == _entity_of(
        store, "talks_en", "Oksana Belyaeva"
    )


def test_same_surname_in_unrelated_stories_stays_apart(linked: tuple) -> None:
    store, _ = linked
    oksana = _entity_of(store, "talks_en", "Oksana Belyaeva")
    marta = _entity_of(store, "concert_en", "Marta Belyaeva")
    footballer = _entity_of(store, "football_en", "Belyaeva")
    assert len({oksana, marta, footballer}) == 3
    # Inside its own document the bare surname joins the full name.
    assert _entity_of(store, "concert_en", "Belyaeva") == marta


def test_relinking_is_stable_and_does_not_recount_pairs(linked: tuple) -> None:
    store, entities = linked
    before = store.name_pairs()
    again = EntityLinker(Settings()).link(store)
    assert store.name_pairs() == before
    assert [(e.id, e.names, e.mentions) for e in again] == [
        (e.id, e.names, e.mentions) for e in entities
    ]


def test_mentions_listing_and_json(linked: tuple) -> None:
    store, _ = linked
    entity = find_entity(store, "Лиссабон")
    shown = entity_json(entity)
    assert shown["type"] == "LOC" and shown["mentions"] == entity.mentions
    rows = entity_mentions(store, entity.id)
    assert {(r["doc"], r["text"]) for r in rows} >= {
        ("talks_en", "Lisbon"),
        ("talks_ru", "Лиссабон"),
    }
    assert len(rows) == entity.mentions
    with pytest.raises(NotFoundError, match="NL170"):
        find_entity(store, "Atlantis")


def _m(doc: str, i: int, lang: str, etype: str, name: str) -> NameMention:
    return NameMention(doc, i, lang, etype, name)


def test_string_rules_within_one_language() -> None:
    mentions = [
        _m("a", 0, "en", "PER", "Wendy R. Sherman"),
        _m("a", 1, "en", "PER", "Sherman"),
        _m("a", 2, "en", "PER", "Mrs Sherman"),
        _m("a", 3, "en", "ORG", "Organization for Security and Co-operation in Europe"),
        _m("b", 0, "en", "ORG", "OSCE"),
        _m("b", 1, "en", "PER", "Wendy Sherman"),
        _m("b", 2, "en", "PER", "W. Sherman"),
        _m("c", 0, "ru", "PER", "Уэнди Шерман"),
        _m("c", 1, "ru", "LOC", "Украина"),
        _m("d", 0, "en", "LOC", "Ukraine"),
        _m("d", 1, "en", "LOC", "Austria"),
        _m("e", 0, "en", "LOC", "Australia"),
        _m("e", 1, "en", "ORG", "Sherman"),
    ]
    labels = EntityLinker(Settings()).cluster(mentions)
    sherman = {labels[i] for i in (0, 1, 2, 5, 6, 7)}
    assert len(sherman) == 1
    assert labels[3] == labels[4]  # the acronym spells the long name's initials
    assert labels[8] == labels[9]  # Украина / Ukraine: near-equal keys across languages
    assert labels[10] != labels[11]
    assert labels[12] not in sherman  # types never merge


def test_a_mispaired_translation_never_joins_two_places_named_in_one_text() -> None:
    mentions = [
        _m("en1", 0, "en", "LOC", "Marenia"),
        _m("en1", 1, "en", "LOC", "Arvena"),
        _m("en1", 2, "en", "LOC", "Lunava"),
        _m("en1", 3, "en", "LOC", "Lunava River"),
        _m("ru1", 0, "ru", "LOC", "Марения"),
        _m("ru1", 1, "ru", "LOC", "Арвена"),
    ]
    # One aligned sentence pair paired the names the wrong way round; others got them right.
    pairs = [("en", "Arvena", "ru", "Марения", 1), ("en", "Marenia", "ru", "Марения", 3)]
    aligned = [(("en1", 1), ("ru1", 0))]
    labels = EntityLinker(Settings()).cluster(mentions, pairs, aligned)
    assert labels[0] != labels[1]  # both are written in one English text: two places
    assert labels[0] == labels[4] and labels[1] == labels[5]  # transliteration still joins
    assert labels[2] == labels[3]  # one name inside the other may join


def test_result_does_not_depend_on_input_order() -> None:
    mentions = [
        _m("a", 0, "en", "PER", "John Sherman"),
        _m("a", 1, "en", "PER", "Sherman"),
        _m("a", 2, "en", "LOC", "Boston"),
        _m("a", 3, "en", "ORG", "Harbour Board"),
        _m("b", 0, "en", "PER", "Sherman"),
        _m("b", 1, "en", "LOC", "Boston"),
        _m("b", 2, "en", "ORG", "Harbour Board"),
        _m("c", 0, "en", "PER", "Wendy Sherman"),
        _m("c", 1, "ru", "PER", "Шерман"),
    ]
    linker = EntityLinker(Settings())
    _, ids = build_entities(mentions, linker.cluster(mentions))
    # b's bare Sherman shares Boston and the Harbour Board with John Sherman's document.
    assert ids[4] == ids[0] != ids[7]
    assert ids[8] == ids[7]  # inside c, the Russian surname joins the only full name
    for seed in range(5):
        shuffled = list(range(len(mentions)))
        random.Random(seed).shuffle(shuffled)
        again = [mentions[i] for i in shuffled]
        _, ids2 = build_entities(again, linker.cluster(again))
        assert [ids2[shuffled.index(i)] for i in range(len(mentions))] == ids


def test_bad_setting_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="NL171"):
        EntityLinker(Settings({"extract": {"link_fuzzy_min": 1.5}}))
