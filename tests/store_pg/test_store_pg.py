"""The store contract against PostgreSQL, plus what only a server store has: URLs,
schema_version, connection errors.

The backend-neutral contract tests are the SQLite store's own (tests/store/), imported
here so that pytest runs them again with this module's ``store`` fixture.
"""

from __future__ import annotations

import sys
from pathlib import Path

import psycopg
import pytest

from newsloom.cli import main
from newsloom.errors import StoreError
from newsloom.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from test_store_sqlite import (  # noqa: F401 (collected and run here)
    make_doc,
    test_a_failed_write_leaves_nothing_half_written,
    test_adding_the_same_content_twice_stores_it_once,
    test_extraction_entities_and_name_pairs_round_trip,
    test_find_by_id_prefix_and_source,
    test_line_counts_are_counted_once_per_new_document,
    test_round_trip_keeps_every_field,
    test_vectors_views_and_relations_round_trip,
)


@pytest.fixture
def store(pg_url):
    s = open_store(pg_url)
    yield s
    s.close()


def test_url_opens_a_versioned_postgres_store_that_reopens(pg_url):
    from newsloom.store.postgres import PostgresStore
    from newsloom.store.postgres_schema import migrations

    s = open_store(pg_url)
    assert isinstance(s, PostgresStore)
    assert s.schema_version == migrations()[-1][0]
    s.add(make_doc())
    s.close()
    again = open_store(pg_url.replace("postgresql://", "postgres://"))
    assert again.count() == 1
    assert again.schema_version == migrations()[-1][0]
    again.close()
    with psycopg.connect(pg_url) as raw:
        assert raw.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(migrations())
        assert raw.execute("SELECT extname FROM pg_extension WHERE extname = 'vector'").fetchone()


def test_view_vectors_are_searchable_by_pgvector(store, pg_url):
    import numpy as np

    doc = make_doc()
    rng = np.random.default_rng(1)
    for p in doc.paragraphs:
        if p.is_content:
            v = rng.normal(size=(1, 512)).astype(np.float32)
            p.vectors = v / np.linalg.norm(v)
    store.add(doc)
    query = "[" + ",".join(f"{x:.7f}" for x in doc.view_vector("ru")) + "]"
    with psycopg.connect(pg_url) as raw:
        nearest = raw.execute(
            "SELECT lang, 1 - (vector <=> %s::vector) FROM views ORDER BY vector <=> %s::vector",
            (query, query),
        ).fetchall()
    assert nearest[0][0] == "ru" and nearest[0][1] > 0.999


def test_newer_schema_is_refused(pg_url):
    open_store(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as raw:
        raw.execute("INSERT INTO schema_version (version) VALUES (999)")
    with pytest.raises(StoreError) as err:
        open_store(pg_url)
    assert err.value.code == "NL302"


def test_a_database_with_someone_elses_documents_table_is_refused(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as raw:
        raw.execute("CREATE TABLE documents (x int)")
    with pytest.raises(StoreError) as err:
        open_store(pg_url)
    assert err.value.code == "NL303"


def test_unrelated_tables_in_the_database_are_left_alone(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as raw:
        raw.execute("CREATE TABLE invoices (x int)")
    s = open_store(pg_url)
    s.add(make_doc())
    assert s.count() == 1
    s.close()


def test_unreachable_server_is_one_coded_line(pg_cluster):
    url = f"postgresql://nobody:secret@127.0.0.1:{pg_cluster.port + 1}/news?connect_timeout=3"
    with pytest.raises(StoreError) as err:
        open_store(url)
    assert err.value.code == "NL320" and err.value.exit_code == 3
    assert "\n" not in str(err.value) and "secret" not in str(err.value)
    assert "postgresql://nobody@127.0.0.1" in str(err.value)


def test_missing_database_is_nl320(pg_cluster):
    with pytest.raises(StoreError) as err:
        open_store(pg_cluster.url("no_such_db"))
    assert err.value.code == "NL320"


@pytest.mark.parametrize(
    ("location", "code"),
    [
        ("postgresql://u@h:notaport/db", "NL324"),
        ("postgresql://u@h/db?nonsense_option=1", "NL324"),
        ("mysql://u@h/db", "NL321"),
    ],
)
def test_bad_urls_are_refused_with_a_code(location, code):
    with pytest.raises(StoreError) as err:
        open_store(location)
    assert err.value.code == code and err.value.exit_code == 3


def test_missing_driver_is_nl322(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.delitem(sys.modules, "newsloom.store.postgres", raising=False)
    with pytest.raises(StoreError) as err:
        open_store("postgresql://u@localhost/db")
    assert err.value.code == "NL322"


def test_cli_with_an_unreachable_server_exits_3_with_one_line(pg_cluster, capsys):
    url = f"postgresql://postgres@127.0.0.1:{pg_cluster.port + 1}/x?connect_timeout=3"
    assert main(["docs", "--db", url]) == 3
    err = capsys.readouterr().err
    assert err.startswith("newsloom: [NL320]") and err.count("\n") == 1


def test_a_dropped_connection_is_a_store_error(store, pg_url):
    store.add(make_doc())
    with psycopg.connect(pg_url, autocommit=True) as raw:
        raw.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    with pytest.raises(StoreError) as err:
        store.count()
    assert err.value.code == "NL325"
