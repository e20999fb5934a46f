"""The demo corpus and the seeds ingested with ``--db postgresql://...`` (in one process, and
on a 2-worker Dask cluster) come out as they do with SQLite in one process: the same
documents, relations, stories and entities."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsloom.cli import main
from newsloom.store import open_store

ROOT = Path(__file__).resolve().parents[2]


def _ingest(capsys, source: Path, url: str, *cluster: str) -> None:
    assert main(["ingest", str(source), "--db", url, *cluster]) == 0, capsys.readouterr().err
    assert f"documents in {url}" in capsys.readouterr().out


def assert_same_store(sqlite_path: Path, pg_url: str) -> None:
    lite, pg = open_store(sqlite_path), open_store(pg_url)
    try:
        docs = {d.id: d for d in lite.iter_documents()}
        back = {d.id: d for d in pg.iter_documents()}
        assert docs.keys() == back.keys() and docs
        for doc_id, doc in docs.items():
            assert back[doc_id] == doc
            for p, q in zip(doc.paragraphs, back[doc_id].paragraphs, strict=True):
                assert (p.vectors is None) == (q.vectors is None)
                if p.vectors is not None:
                    np.testing.assert_allclose(p.vectors, q.vectors, atol=1e-5)
        # Listed by the second they were added, then id: the two ingests' clocks differ.
        assert sorted(lite.summaries(), key=str) == sorted(pg.summaries(), key=str)

        rels, pg_rels = lite.relations(), pg.relations()
        assert [(r.key, r.direction) for r in rels] == [(r.key, r.direction) for r in pg_rels]
        assert [r.score for r in pg_rels] == pytest.approx([r.score for r in rels], abs=1e-5)

        def stories(store) -> list[tuple]:
            """Story rows by id: ties in size are listed by the second a story was made."""
            rows = [
                (
                    row["id"],
                    row["members"],
                    row["titles"],
                    row["size"],
                    sorted(r["story"] for r in row["related"]),
                )
                for row in store.story_rows()
            ]
            return sorted(rows, key=lambda row: row[0])

        assert stories(pg) == stories(lite) and stories(lite)
        for sid, members, *_ in stories(lite):
            (row,) = pg.story_rows([sid])
            assert row["members"] == members and pg.story_of(members[0]) == sid
            assert sid in pg.story_ids(sid[:5]) and lite.story_ids(sid[:5]) == pg.story_ids(sid[:5])
        assert pg.story_merges() == lite.story_merges()
        assert pg.entities() == lite.entities()
        assert pg.name_pairs() == lite.name_pairs()
        views = {(v.doc_id, v.lang, v.chars): v.vector for v in lite.iter_views()}
        pg_views = {(v.doc_id, v.lang, v.chars): v.vector for v in pg.iter_views()}
        assert pg_views.keys() == views.keys()
        for key, vector in views.items():
            np.testing.assert_allclose(pg_views[key], vector, atol=1e-5)
    finally:
        lite.close()
        pg.close()


def test_demo_corpus_gives_the_same_store_on_postgres(demo_db, pg_url, capsys):
    _ingest(capsys, ROOT / "demo" / "corpus", pg_url)
    assert_same_store(demo_db, pg_url)


def test_seeds_give_the_same_store_on_postgres(seeds_db, pg_url, capsys):
    _ingest(capsys, ROOT.parent / "shared" / "seeds", pg_url)
    assert_same_store(seeds_db, pg_url)


def test_demo_corpus_on_postgres_with_two_dask_workers(demo_db, pg_url, capsys):
    _ingest(capsys, ROOT / "demo" / "corpus", pg_url, "--cluster", "local:2")
    assert_same_store(demo_db, pg_url)


def test_seeds_on_postgres_with_two_dask_workers(seeds_db, pg_url, capsys):
    _ingest(capsys, ROOT.parent / "shared" / "seeds", pg_url, "--cluster", "local:2")
    assert_same_store(seeds_db, pg_url)
