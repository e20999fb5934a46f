"""Search on PostgreSQL (tsvector phrases, pgvector HNSW) gives what search on SQLite gives.

The same documents go into a SQLite store and a PostgreSQL store; every search call is
made on both and compared: the same passages for keywords (the scores differ by design:
FTS5 bm25 against ts_rank_cd), the same passages and cosines for vectors.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from newsloom.model import Document, Entity, Mention, Metadata, Paragraph, content_id
from newsloom.search.passages import INDEX_VERSION, document_passages
from newsloom.store import open_store
from newsloom.store.base import SearchFilters

ARTICLES = [
    ("en", "River Herald", "2025-03-10", "Tarvik signs the river deal.", "The deal covers water."),
    ("en", "River Herald", "2025-03-12", "Deal river talks stall in Tarvik.", "No water deal."),
    ("ru", "Коммерсантъ", "2025-03-11", "Рябков подписал соглашение.", "Соглашение о воде."),
    ("zh", "东岸新闻", "2025-03-14", "里亚布科夫签署了河流协议。", "协议涉及水资源。"),
    ("fr", None, None, "Le traité du fleuve est signé.", "L'eau est partagée."),
]


def _doc(n: int, lang: str, outlet: str | None, published: str | None, *lines: str) -> Document:
    rng = np.random.default_rng(n)
    paragraphs = [Paragraph(text=f"{lines[0]} ({n})", role="title", lang=lang)]
    for line in lines:
        v = rng.normal(size=(1, 512)).astype(np.float32)
        v /= np.linalg.norm(v)
        paragraphs.append(Paragraph(text=line, lang=lang, sentences=[(0, len(line))], vectors=v))
    text = "\n".join(p.text for p in paragraphs)
    return Document(
        id=content_id(text),
        source=f"{n}.txt",
        kind="text",
        encoding="utf-8",
        paragraphs=paragraphs,
        meta=Metadata(title=paragraphs[0].text, outlet=outlet, published=published),
        languages=[lang],
        mentions=[Mention(1, 0, 6, "PER", lines[0].split()[0], lang)],
    )


DOCS = [_doc(n, *a) for n, a in enumerate(ARTICLES)]


@pytest.fixture(scope="module")
def stores(pg_cluster):
    url = pg_cluster.database()
    lite, pg = open_store(":memory:"), open_store(url)
    entities = [Entity("e1", "PER", {"ru": ["Рябков"], "zh": ["里亚布科夫"], "en": ["Ryabkov"]}, 2)]
    for store in (lite, pg):
        for doc in DOCS:
            store.add(doc)
        store.add_name_pairs([("en", "Tarvik", "ru", "Тарвик")])
        store.put_entities(entities, {d.id: ["e1"] for d in DOCS})
    yield lite, pg
    lite.close()
    pg.close()
    pg_cluster.drop(url)


def keys(hits) -> list[tuple]:
    return [(h.doc_id, h.paragraph, h.first, h.count, h.lang, h.words, h.grams) for h in hits]


def both(stores, method: str, *args):
    lite, pg = stores
    return getattr(lite, method)(*args), getattr(pg, method)(*args)


PHRASES = [
    [("words", ("tarvik",))],
    [("words", ("river", "deal"))],
    [("words", ("deal", "river"))],
    [("words", ("water",)), ("words", ("рябк",))],
    [("grams", ("里亚", "亚布", "布科"))],
    [("words", ("l'eau",)), ("words", ("eau",)), ("grams", ("协议",))],
    [("words", ("nothing",))],
    [],
]


@pytest.mark.parametrize("phrases", PHRASES)
def test_keyword_search_finds_the_passages_sqlite_finds(stores, phrases):
    lite, pg = both(stores, "keyword_search", phrases, SearchFilters(), 50, 1000)
    assert sorted(keys(pg)) == sorted(keys(lite))
    assert all(a.score >= b.score for a, b in pairwise(pg))


def test_phrases_need_their_terms_consecutive(stores):
    _, pg = stores
    hits = pg.keyword_search([("words", ("river", "deal"))], SearchFilters(), 50, 1000)
    assert {h.doc_id for h in hits} == {DOCS[0].id}  # "Deal river" in DOCS[1] is the other way


FILTERS = [
    SearchFilters(langs=("en", "ru")),
    SearchFilters(since="2025-03-11"),
    SearchFilters(until="2025-03-11"),
    SearchFilters(outlet="КОММЕРСАНТЪ"),
    SearchFilters(outlet="river herald"),
    SearchFilters(doc_ids=frozenset({DOCS[1].id, DOCS[3].id})),
]


@pytest.mark.parametrize("filters", FILTERS)
def test_filters_select_what_sqlite_selects(stores, filters):
    phrases = [("words", ("deal",)), ("words", ("соглашен",)), ("grams", ("协议",))]
    lite, pg = both(stores, "keyword_search", phrases, filters, 50, 1000)
    assert sorted(keys(pg)) == sorted(keys(lite)) and lite
    vector = DOCS[2].paragraphs[1].vectors[0]
    lite, pg = both(stores, "vector_search", vector, filters, 50)  # every passage that passes
    assert sorted(keys(pg)) == sorted(keys(lite)) and lite
    assert pg[0].doc_id == lite[0].doc_id
    assert_cosines(pg, lite)


def test_too_many_matches_rank_only_the_newest(stores):
    lite, pg = both(stores, "keyword_search", [("words", ("deal",))], SearchFilters(), 50, 2)
    assert sorted(keys(pg)) == sorted(keys(lite))
    assert len(pg) == 2 and {h.doc_id for h in pg} == {DOCS[1].id}


def test_term_counts_are_exact(stores):
    terms = {("words", "deal"), ("words", "tarvik"), ("grams", "协议"), ("words", "absent")}
    lite, pg = both(stores, "term_counts", terms)
    assert pg == lite
    assert pg[1][("words", "absent")] == 0


def assert_cosines(pg, lite) -> None:
    """PostgreSQL scores the int8-decoded vectors exactly, as SQLite's exact path does;
    SQLite's HNSW path (usearch) scores its own int8 copies, a few thousandths off."""
    exact = {key_: h.score for key_, h in zip(keys(lite), lite, strict=True)}
    for key_, h in zip(keys(pg), pg, strict=True):
        assert h.score == pytest.approx(exact[key_], abs=0.01)
    assert all(a.score >= b.score for a, b in pairwise(pg))


def test_vector_search_returns_the_nearest_passages_with_their_cosine(stores):
    target = DOCS[3].paragraphs[2]
    lite, pg = both(stores, "vector_search", target.vectors[0], SearchFilters(), 4)
    assert (pg[0].doc_id, pg[0].paragraph) == (DOCS[3].id, 2) and pg[0].score > 0.999
    assert_cosines(pg, lite)


def test_vector_search_within_documents_is_exact_like_sqlite(stores):
    filters = SearchFilters(doc_ids=frozenset(d.id for d in DOCS[1:4]))
    lite, pg = both(stores, "vector_search", DOCS[0].paragraphs[1].vectors[0], filters, 5)
    assert keys(pg) == keys(lite)
    assert [h.score for h in pg] == pytest.approx([h.score for h in lite], abs=1e-6)


def test_entities_feed_the_entity_filter_and_name_expansion(stores):
    assert both(stores, "entity_documents", "e1")[1] == sorted(d.id for d in DOCS)
    keys_ = ["рябк", "ryabkov", "тарвик", "tarvik", "nobody"]
    lite, pg = both(stores, "name_expansions", keys_)
    assert pg == lite and ("рябк", "zh", "里亚布科夫") in pg and ("tarvik", "ru", "Тарвик") in pg


def test_reindexing_replaces_passages_and_tracks_the_version(pg_url):
    store = open_store(pg_url)
    for doc in DOCS[:2]:
        store.add(doc)
    assert store.unindexed_documents(INDEX_VERSION, 10) == []
    later = INDEX_VERSION + 1
    assert store.unindexed_documents(later, 10) == sorted(d.id for d in DOCS[:2])
    before = store.term_counts([("words", "deal")])
    store.index_passages(DOCS[0].id, document_passages(DOCS[0]), later)
    assert store.term_counts([("words", "deal")]) == before  # replaced, not added twice
    assert store.unindexed_documents(later, 10) == [DOCS[1].id]
    store.close()
