"""Store contract: round trip, idempotence, atomic writes, migrations, bad files."""

from __future__ import annotations

import sqlite3

import pytest

from newsloom.errors import NotFoundError, StoreError
from newsloom.model import Document, Metadata, Paragraph, content_id
from newsloom.store import open_store


def make_doc(text: str = "Первый абзац.\nSecond paragraph here.", source: str = "a.txt"):
    paragraphs = [
        Paragraph(text="Title line", role="title", lang="en"),
        *[
            Paragraph(text=line, lang="ru" if line[0] > "z" else "en", sentences=[(0, len(line))])
            for line in text.splitlines()
        ],
        Paragraph(text="Read more", lang="en", boilerplate=True, reason="read_more"),
    ]
    return Document(
        id=content_id(text),
        source=source,
        kind="text",
        encoding="utf-8",
        paragraphs=paragraphs,
        meta=Metadata(title="Title line", authors=["A. Writer"], published="2025-03-12"),
        languages=["en", "ru"],
        layout="blocks",
        stages={"lang.paragraphs": "v1"},
    )


@pytest.fixture(params=["memory", "file"])
def store(request, tmp_path):
    s = open_store(":memory:" if request.param == "memory" else tmp_path / "s.db")
    yield s
    s.close()


def test_round_trip_keeps_every_field(store):
    doc = make_doc()
    assert store.add(doc) is True
    back = store.get(doc.id)
    assert back == doc
    assert back.views() == {"en": [2], "ru": [1]}


def test_adding_the_same_content_twice_stores_it_once(store):
    doc = make_doc()
    assert store.add(doc) is True
    again = make_doc(source="copy/a.txt")
    assert store.add(again) is False
    assert store.count() == 1
    assert store.find("copy/a.txt").id == doc.id


def test_find_by_id_prefix_and_source(store):
    doc = make_doc()
    store.add(doc)
    assert store.find(doc.id[:6]).id == doc.id
    assert store.find("a.txt").id == doc.id
    with pytest.raises(NotFoundError):
        store.find("nothing-like-it")


def test_a_failed_write_leaves_nothing_half_written(store):
    good = make_doc()
    store.add(good)
    bad = make_doc(text="Другой текст.\nAnother text.", source="b.txt")
    bad.paragraphs[1].sentences = [(0, object())]  # not JSON-serialisable: fails mid-write
    with pytest.raises(TypeError):
        store.add(bad)
    assert store.count() == 1
    assert not store.has(bad.id)
    assert store.get(good.id) == good


def test_line_counts_are_counted_once_per_new_document(store):
    doc = make_doc()
    assert store.add(doc, lines=("outlet", ["h1", "h2", "h2"]))
    assert not store.add(doc, lines=("outlet", ["h1"]))
    store.add(make_doc(text="x\ny", source="c.txt"), lines=("outlet", ["h1"]))
    assert store.line_counts("outlet") == {"h1": 2, "h2": 1}


def test_file_store_uses_wal_and_is_versioned(tmp_path):
    path = tmp_path / "s.db"
    s = open_store(path)
    assert s.schema_version >= 1
    s.add(make_doc())
    s.close()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()
    reopened = open_store(path)
    assert reopened.count() == 1
    reopened.close()


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.db"
    open_store(path).close()
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA user_version = 999")
    raw.close()
    with pytest.raises(StoreError) as err:
        open_store(path)
    assert err.value.code == "NL302"


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError) as err:
        open_store(junk)
    assert err.value.code == "NL303"
    foreign = tmp_path / "other.db"
    raw = sqlite3.connect(foreign)
    raw.execute("CREATE TABLE t(x)")
    raw.close()
    with pytest.raises(StoreError):
        open_store(foreign)


def test_vectors_views_and_relations_round_trip(store):
    import numpy as np

    from newsloom.model import Relation

    doc = make_doc()
    rng = np.random.default_rng(0)
    for p in doc.paragraphs:
        if p.is_content:
            v = rng.normal(size=(1, 512)).astype(np.float32)
            p.vectors = v / np.linalg.norm(v)
    store.add(doc)
    back = store.get(doc.id)
    for p, q in zip(doc.paragraphs, back.paragraphs, strict=True):
        if p.vectors is None:
            assert q.vectors is None
        else:
            assert float((p.vectors * q.vectors).sum()) > 0.999
    views = {(v.doc_id, v.lang): v for v in store.iter_views()}
    assert set(views) == {(doc.id, "en"), (doc.id, "ru")}
    assert float(views[(doc.id, "en")].vector @ doc.view_vector("en")) > 0.999
    rel = Relation(doc.id, "en", doc.id, "ru", "translation_of", 0.93, "ru->en", {"aligned": 1})
    store.put_relations([rel, rel])
    assert store.relations() == [rel]
    assert store.relations(doc.id) == [rel]
    assert store.relations("other") == []


def test_extraction_entities_and_name_pairs_round_trip(store):
    from newsloom.model import Entity, Mention, Quote, Timex

    doc = make_doc()
    doc.mentions = [
        Mention(1, 0, 6, "PER", "Первый", "ru"),
        Mention(2, 0, 6, "ORG", "Second", "en"),
    ]
    doc.quotes = [Quote(2, 7, 16, "indirect", "en", cue="said", speaker=1)]
    doc.timexes = [Timex(2, 0, 6, "2025-03-12", "absolute")]
    store.add(doc)
    back = store.get(doc.id)
    assert back.mentions == doc.mentions and back.quotes == doc.quotes
    assert back.timexes == doc.timexes
    entity = Entity("e1", "PER", {"ru": ["Первый"], "en": ["First"]}, mentions=1)
    store.put_entities([entity], {doc.id: ["e1", None]})
    assert store.entities() == [entity]
    assert [m.entity for m in store.get(doc.id).mentions] == ["e1", None]
    store.add_name_pairs([("en", "First", "ru", "Первый")] * 2)
    assert store.name_pairs() == [("en", "First", "ru", "Первый", 2)]
