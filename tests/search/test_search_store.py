"""The search part of the SQLite store: indexing in add(), filters, both indexes, upgrades."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from newsloom.model import Document, Entity, Mention, Metadata, Paragraph
from newsloom.search.engine import ensure_indexed
from newsloom.search.passages import INDEX_VERSION, document_passages
from newsloom.store.base import SearchFilters
from newsloom.store.sqlite import SQLiteStore

DIM = 512
ALL = SearchFilters()


def unit(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=DIM).astype(np.float32)
    return v / np.linalg.norm(v)


def doc(doc_id: str, texts: list[str], lang: str = "en", published: str | None = None,
        outlet: str | None = None, seed: int = 0, mentions=()) -> Document:  # fmt: skip
    paragraphs = [
        Paragraph(t, lang=lang, sentences=[(0, len(t))], vectors=unit(seed + i)[None, :])
        for i, t in enumerate(texts)
    ]
    return Document(doc_id, f"{doc_id}.txt", "text", "utf-8", paragraphs,
                    Metadata(outlet=outlet, published=published), languages=[lang],
                    mentions=list(mentions))  # fmt: skip


@pytest.fixture
def store():
    s = SQLiteStore(":memory:")
    s.add(doc("en1", ["Ryabkov demanded guarantees from NATO.", "Talks ended."],
              published="2022-01-10T18:00:00", outlet="Wire", seed=10))
    s.add(doc("ru1", ["Рябков потребовал гарантий от НАТО."], lang="ru",
              published="2022-01-12", outlet="Новости Приречья", seed=20))
    s.add(doc("zh1", ["里亚布科夫要求北约提供保证。"], lang="zh", published="2022-01-14", seed=30))
    yield s  # fmt: skip
    s.close()


def keys(hits) -> list[tuple[str, int]]:
    return [(h.doc_id, h.paragraph) for h in hits]


def test_add_indexes_the_document(store):
    total, counts = store.term_counts([("words", "guarante"), ("grams", "布科"), ("words", "x")])
    assert total == 4
    assert counts == {("words", "guarante"): 1, ("grams", "布科"): 1, ("words", "x"): 0}
    assert store.unindexed_documents(INDEX_VERSION, 10) == []


def test_keyword_search_phrases_and_filters(store):
    hits = store.keyword_search([("words", ("guarante",)), ("grams", ("里亚", "亚布"))],
                                ALL, 10, 1000)  # fmt: skip
    assert sorted(keys(hits)) == [("en1", 0), ("zh1", 0)]
    assert all(h.score > 0 for h in hits)
    assert keys(store.keyword_search([("words", ("ryabkov", "demand"))], ALL, 10, 1000)) == [
        ("en1", 0)
    ]
    assert store.keyword_search([("words", ("demand", "ryabkov"))], ALL, 10, 1000) == []
    nato = [("words", ("nato",)), ("words", ("нат",))]
    cases = {
        SearchFilters(langs=("ru",)): ["ru1"],
        SearchFilters(since="2022-01-11"): ["ru1"],
        SearchFilters(until="2022-01-10"): ["en1"],
        SearchFilters(outlet="новости приречья"): ["ru1"],
        SearchFilters(doc_ids=frozenset({"en1"})): ["en1"],
        SearchFilters(since="2022-01-13", until="2022-01-20"): [],
    }
    for filters, expected in cases.items():
        assert [h.doc_id for h in store.keyword_search(nato, filters, 10, 1000)] == expected


def test_keyword_search_ranks_only_the_newest_matches_beyond_max_rows():
    s = SQLiteStore(":memory:")
    for i in range(6):
        s.add(doc(f"d{i}", [f"common word number {i}"], seed=i))
    hits = s.keyword_search([("words", ("common",))], ALL, 10, 3)
    assert sorted(h.doc_id for h in hits) == ["d3", "d4", "d5"]
    s.close()


def test_vector_search_nearest_first_with_filters(store):
    target = unit(20)  # ru1's vector
    hits = store.vector_search(target, ALL, 3)
    assert hits[0].doc_id == "ru1" and hits[0].score == pytest.approx(1.0, abs=2e-3)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert {h.doc_id for h in store.vector_search(target, SearchFilters(langs=("en",)), 5)} == {
        "en1"
    }
    exact = store.vector_search(target, SearchFilters(doc_ids=frozenset({"zh1", "en1"})), 5)
    assert {h.doc_id for h in exact} == {"zh1", "en1"}


def test_reindexing_replaces_passages_in_both_indexes(store):
    store.vector_search(unit(10), ALL, 1)  # load the vector index in this process
    changed = doc("en1", ["Completely different words now."], seed=99)
    store.index_passages("en1", document_passages(changed), INDEX_VERSION)
    assert store.keyword_search([("words", ("ryabkov",))], ALL, 10, 100) == []
    assert keys(store.keyword_search([("words", ("differ",))], ALL, 10, 100)) == [("en1", 0)]
    top = store.vector_search(unit(99), ALL, 1)[0]
    assert (top.doc_id, top.score) == ("en1", pytest.approx(1.0, abs=2e-3))
    assert all(h.score < 0.5 for h in store.vector_search(unit(10), ALL, 3))


def test_vector_index_file_is_kept_in_step(tmp_path):
    path = tmp_path / "s.db"
    s = SQLiteStore(path)
    s.add(doc("a", ["first"], seed=1))
    assert s.vector_search(unit(1), ALL, 1)[0].doc_id == "a"
    s.add(doc("b", ["second"], seed=2))  # goes into the loaded index at once
    assert s.vector_search(unit(2), ALL, 1)[0].doc_id == "b"
    s.close()
    index_file = tmp_path / "s.db-search.usearch"
    assert index_file.is_file()
    s = SQLiteStore(path)
    s.add(doc("c", ["third"], seed=3))  # added while no index is loaded: synced on search
    assert [s.vector_search(unit(i), ALL, 1)[0].doc_id for i in (1, 2, 3)] == ["a", "b", "c"]
    s.close()
    # A file that does not belong to the database (more passages than it has) is rebuilt.
    path.unlink()
    s = SQLiteStore(path)
    s.add(doc("z", ["only"], seed=7))
    assert [h.doc_id for h in s.vector_search(unit(7), ALL, 5)] == ["z"]
    s.close()


def test_entities_give_documents_and_name_expansions(store):
    names = {"en": ["Ryabkov"], "ru": ["Сергей Рябков"], "zh": ["里亚布科夫"]}
    ryabkov = Entity("per-sergey-ryabkov", "PER", names)
    one_mention = ('{"mentions": [{}]}',)
    store._db.execute("UPDATE documents SET extraction = ?", one_mention)
    store.put_entities([ryabkov], {"en1": ["per-sergey-ryabkov"], "ru1": [None]})
    assert store.entity_documents("per-sergey-ryabkov") == ["en1"]
    names = {(lang, name) for _, lang, name in store.name_expansions(["рябк"])}
    assert {("en", "Ryabkov"), ("zh", "里亚布科夫"), ("ru", "Рябков")} <= names


def test_entity_tables_filled_for_stores_linked_before_search():
    s = SQLiteStore(":memory:")
    mention = Mention(0, 0, 7, "PER", "Ryabkov", "en", entity="per-x")
    s.add(doc("en1", ["Ryabkov spoke."], mentions=[mention]))
    s._db.execute("INSERT INTO entities VALUES ('per-x', 'PER', '{\"en\": [\"Ryabkov\"]}', 1)")
    assert s.entity_documents("per-x") == ["en1"]  # filled on first use
    assert s.name_expansions(["ryabkov"]) == [("ryabkov", "en", "Ryabkov")]
    s.close()


def test_store_from_before_search_is_upgraded_and_caught_up(tmp_path):
    path = tmp_path / "old.db"
    s = SQLiteStore(path)
    s.add(doc("en1", ["Ryabkov demanded guarantees."], seed=1))
    s.close()
    db = sqlite3.connect(path)  # take the store back to schema 4, as before search existed
    for name in ("search_passages_ai", "search_passages_ad"):
        db.execute(f"DROP TRIGGER {name}")
    for table in ("search_vocab", "search_fts", "search_passages", "search_docs",
                  "search_entity_docs", "search_names", "search_state"):  # fmt: skip
        db.execute(f"DROP TABLE {table}")
    db.execute("PRAGMA user_version = 4")
    db.commit()
    db.close()
    s = SQLiteStore(path)
    assert s.schema_version == 5
    assert s.unindexed_documents(INDEX_VERSION, 10) == ["en1"]
    assert ensure_indexed(s) == 1 and ensure_indexed(s) == 0
    assert keys(s.keyword_search([("words", ("guarante",))], ALL, 5, 100)) == [("en1", 0)]
    assert s.get("en1").paragraphs[0].text == "Ryabkov demanded guarantees."
    s.close()
