"""Several processes on one PostgreSQL store at once: no duplicates, no lost counts, no errors.

Each worker is a forked process with its own connection; a barrier lines them up so
their writes overlap. A worker that raises exits non-zero, which fails the test.
"""

from __future__ import annotations

import multiprocessing
import random
from collections import Counter

import psycopg
import pytest
from test_store_pg import make_doc

from newsloom.store import open_store
from newsloom.store.postgres_schema import migrations

FORK = multiprocessing.get_context("fork")
ROUNDS = 30
"""Writes per worker in the replace-the-table races: enough for their writes to interleave."""


def _text(i: int) -> str:
    return f"Статья номер {i}.\nStory number {i} is here."


def _lines(i: int) -> list[str]:
    return ["masthead", f"footer-{i % 3}", "masthead"]


def _run(workers: list[tuple]) -> list[object]:
    """Start ``(target, *args)`` workers together; their results in order."""
    barrier = FORK.Barrier(len(workers))
    results = FORK.Queue()
    procs = [
        FORK.Process(target=_worker, args=(n, target, args, barrier, results))
        for n, (target, *args) in enumerate(workers)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
    assert [p.exitcode for p in procs] == [0] * len(procs)
    found = dict(results.get(timeout=10) for _ in procs)
    return [found[n] for n in range(len(procs))]


def _worker(n, target, args, barrier, results) -> None:
    results.put((n, target(barrier, *args)))


def _add(barrier, url: str, numbers: list[int]) -> int:
    store = open_store(url)
    barrier.wait()
    added = sum(
        store.add(make_doc(_text(i), source=f"w/{i}.txt"), lines=("wire", _lines(i)))
        for i in numbers
    )
    store.add_name_pairs([("en", "Tarvik", "ru", "Тарвик")] * len(numbers))
    store.close()
    return added


def test_writers_adding_overlapping_documents_store_each_once(pg_url):
    open_store(pg_url).close()
    mixed = list(range(40))
    random.Random(7).shuffle(mixed)
    added = _run(
        [
            (_add, pg_url, list(range(30))),
            (_add, pg_url, list(range(39, 9, -1))),
            (_add, pg_url, mixed),
        ]
    )
    assert sum(added) == 40  # every document was new to exactly one writer
    store = open_store(pg_url)
    assert store.count() == 40
    assert {d.id for d in store.iter_documents()} == {make_doc(_text(i)).id for i in range(40)}
    footers = Counter(f"footer-{i % 3}" for i in range(40))
    assert store.line_counts("wire") == {"masthead": 40, **footers}
    assert store.name_pairs() == [("en", "Tarvik", "ru", "Тарвик", 30 + 30 + 40)]
    store.close()


def _open(barrier, url: str) -> int:
    barrier.wait()
    store = open_store(url)
    version = store.schema_version
    store.close()
    return version


def test_processes_opening_a_fresh_database_together_migrate_it_once(pg_url):
    versions = _run([(_open, pg_url)] * 4)
    assert set(versions) == {migrations()[-1][0]}
    with psycopg.connect(pg_url) as raw:
        rows = raw.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    assert [r[0] for r in rows] == [v for v, _ in migrations()]


def _entities(barrier, url: str, prefix: str, doc_ids: list[str]) -> int:
    """Replace the entities over and over; how often a mix of two writers' sets was seen."""
    from newsloom.model import Entity

    store = open_store(url)
    barrier.wait()
    mixed = 0
    for round_ in range(ROUNDS):
        entities = [Entity(f"{prefix}{k}", "PER", {"en": [f"N{round_}"]}, 1) for k in range(5)]
        last = round_ == ROUNDS - 1
        store.put_entities(entities, {d: [f"{prefix}0", None] for d in doc_ids} if last else {})
        mixed += len({e.id[0] for e in store.entities()}) > 1
    store.close()
    return mixed


@pytest.fixture
def two_docs(pg_url):
    from newsloom.model import Mention

    store = open_store(pg_url)
    docs = [make_doc(_text(i), source=f"{i}.txt") for i in range(2)]
    for doc in docs:
        doc.mentions = [Mention(1, 0, 6, "PER", "Статья", "ru"), Mention(2, 0, 5, "ORG", "S", "en")]
        store.add(doc)
    store.close()
    return [d.id for d in docs]


def test_entity_replacements_from_two_processes_never_mix(pg_url, two_docs):
    assert _run([(_entities, pg_url, "a", two_docs), (_entities, pg_url, "b", two_docs)]) == [0, 0]
    store = open_store(pg_url)
    ids = {e.id for e in store.entities()}
    assert ids in ({f"a{k}" for k in range(5)}, {f"b{k}" for k in range(5)})
    winner = next(iter(ids))[0]
    for doc_id in two_docs:
        assert [m.entity for m in store.get(doc_id).mentions] == [f"{winner}0", None]
    store.close()


def _stories(barrier, url: str, prefix: str, doc_ids: list[str]) -> int:
    from newsloom.stories.cluster import Story

    store = open_store(url)
    barrier.wait()
    mixed = 0
    for _ in range(ROUNDS):
        stories = [Story(f"{prefix}0", members=doc_ids), Story(f"{prefix}1")]
        rows = [(s, {"en": s.id}, ["kw"]) for s in stories]
        store.save_stories(rows, [], [], {(f"{prefix}0", f"{prefix}1"): 0.5})
        mixed += len(store.load_stories()[1]) > 1
    store.close()
    return mixed


def test_story_saves_from_two_processes_are_serialised(pg_url, two_docs):
    mixed = _run([(_stories, pg_url, "a", two_docs[:1]), (_stories, pg_url, "b", two_docs[1:])])
    assert mixed == [0, 0]  # no save ever left another save's links beside its own
    store = open_store(pg_url)
    stories, links = store.load_stories()
    assert sorted(s.id for s in stories) == ["a0", "a1", "b0", "b1"]
    assert links in ({("a0", "a1"): 0.5}, {("b0", "b1"): 0.5})  # one save's links, whole
    owner = {d: row["id"] for row in store.story_rows() for d in row["members"]}
    assert owner == {two_docs[0]: "a0", two_docs[1]: "b0"}
    store.close()


def test_threads_sharing_one_store_take_turns(pg_url):
    """The API server lends one store to one request at a time, but a store shared by
    threads must still keep each transaction whole."""
    from concurrent.futures import ThreadPoolExecutor

    store = open_store(pg_url)

    def work(i: int) -> bool:
        added = store.add(make_doc(_text(i % 12), source=f"t/{i}.txt"), lines=("t", _lines(i)))
        assert store.has(make_doc(_text(i % 12)).id)
        store.add_name_pairs([("en", "A", "zh", "甲")])
        return added

    with ThreadPoolExecutor(4) as pool:
        added = list(pool.map(work, range(36)))
    assert sum(added) == 12 and store.count() == 12
    assert store.name_pairs() == [("en", "A", "zh", "甲", 36)]
    store.close()


def _reindex(barrier, url: str, doc_id: str) -> int:
    from newsloom.search.passages import document_passages

    store = open_store(url)
    passages = document_passages(store.get(doc_id))
    barrier.wait()
    copies = 0
    for version in range(2, 2 + ROUNDS):
        store.index_passages(doc_id, passages, version)
        copies += store.term_counts([])[0] > len(passages)  # only this document is indexed
    store.close()
    return copies


def test_two_processes_reindexing_one_document_leave_one_copy(pg_url, two_docs):
    with psycopg.connect(pg_url, autocommit=True) as raw:  # leave one document indexed
        raw.execute("DELETE FROM search_passages WHERE doc_id = %s", (two_docs[1],))
    copies = _run([(_reindex, pg_url, two_docs[0]), (_reindex, pg_url, two_docs[0])])
    assert copies == [0, 0]  # never two copies of the passages side by side
