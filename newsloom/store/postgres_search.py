"""The search tables (migrations_pg/0002) in PostgreSQL: tsvector phrases and pgvector HNSW.

:class:`~newsloom.store.postgres.PostgresStore` calls these with a cursor inside its own
transactions; what the rows mean and how results are used is :mod:`newsloom.search`'s
business (and :mod:`newsloom.store.search_sql` is the SQLite side).

* Keyword side: each field's terms become a tsvector literal (one lexeme per term, at
  its position), queried with ``<->`` phrases and ranked by ``ts_rank_cd`` (words 1.0,
  grams 0.5, as the SQLite side weighs its FTS5 columns). Terms are never re-tokenised.
* Vector side: pgvector's HNSW index (cosine); a filtered search that finds fewer than
  ``limit`` passing passages among the HNSW candidates is redone exactly, and a search
  within given documents is exact from the start (their passages are few).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from newsloom.embed.blob import from_blob, to_blob
from newsloom.model import Entity
from newsloom.search.names import expansion_rows
from newsloom.store.base import Passage, PassageHit, Phrase, SearchFilters

if TYPE_CHECKING:
    import psycopg

FIELDS = {"words": "words_tsv", "grams": "grams_tsv"}
WEIGHTS = {"words": 1.0, "grams": 0.5}
"""Rank weight of a match per field (the SQLite side's ``bm25(search_fts, 1.0, 0.5)``)."""
MAX_LEXEME_BYTES = 2046
"""PostgreSQL's limit on one lexeme; a longer term (a pasted URL) is left out of the index."""
MAX_POSITION = 16383
"""PostgreSQL's largest tsvector position; later terms share it."""
EF_SEARCH_MAX = 1000
"""pgvector's ceiling on ``hnsw.ef_search`` (candidates an HNSW scan returns)."""

_HIT = "p.doc_id, p.paragraph, p.first, p.count, p.lang"


def lexeme(term: str) -> str:
    """``term`` quoted for a tsvector or tsquery literal, taken verbatim."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector(terms: str) -> str:
    """The tsvector literal of space-separated ``terms``: each at its 1-based position."""
    return " ".join(
        f"{lexeme(t)}:{min(i, MAX_POSITION)}"
        for i, t in enumerate(terms.split(), 1)
        if len(t.encode("utf-8")) <= MAX_LEXEME_BYTES
    )


def _phrase(terms: Sequence[str]) -> str:
    return " <-> ".join(lexeme(t) for t in terms)


def passage_rows(doc_id: str, passages: list[Passage]) -> list[tuple]:
    """Rows for :func:`insert`, encoded before any transaction opens."""
    return [
        (
            doc_id,
            p.paragraph,
            p.first,
            p.count,
            p.lang,
            p.words,
            p.grams,
            tsvector(p.words),
            tsvector(p.grams),
            # the vector as the SQLite side stores and scores it: int8, decoded
            None if p.vector is None else from_blob(to_blob(p.vector), p.vector.size)[0],
        )
        for p in passages
    ]


def insert(cur: psycopg.Cursor, doc_id: str, rows: list[tuple], version: int) -> None:
    """Replace the document's passages; the caller holds the transaction (and the row)."""
    cur.execute("DELETE FROM search_passages WHERE doc_id = %s", (doc_id,))
    cur.executemany(
        "INSERT INTO search_passages (doc_id, paragraph, first, count, lang, words, grams,"
        " words_tsv, grams_tsv, vector)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s::tsvector, %s::tsvector, %s)",
        rows,
    )
    cur.execute(
        "INSERT INTO search_docs (doc_id, version) VALUES (%s, %s)"
        " ON CONFLICT (doc_id) DO UPDATE SET version = EXCLUDED.version",
        (doc_id, version),
    )


def put_entities(
    cur: psycopg.Cursor, entities: list[Entity], links: dict[str, list[str | None]]
) -> None:
    """Entity documents and name expansions after ``entities``; in the caller's transaction."""
    for doc_id, ids in sorted(links.items()):
        cur.execute("DELETE FROM search_entity_docs WHERE doc_id = %s", (doc_id,))
        cur.executemany(
            "INSERT INTO search_entity_docs (entity, doc_id) VALUES (%s, %s)"
            " ON CONFLICT DO NOTHING",
            [(e, doc_id) for e in sorted({i for i in ids if i})],
        )
    cur.execute(
        "DELETE FROM search_entity_docs s"
        " WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = s.entity)"
    )
    cur.execute("SELECT lang_a, name_a, lang_b, name_b, count FROM name_pairs")
    rows = expansion_rows(entities, cur.fetchall())
    cur.execute("DELETE FROM search_names")
    cur.executemany(
        "INSERT INTO search_names (key, lang, name) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
        rows,
    )


def unindexed_documents(cur: psycopg.Cursor, version: int, limit: int) -> list[str]:
    cur.execute(
        "SELECT d.id FROM documents d WHERE NOT EXISTS"
        " (SELECT 1 FROM search_docs s WHERE s.doc_id = d.id AND s.version = %s)"
        " ORDER BY d.id LIMIT %s",
        (version, limit),
    )
    return [r[0] for r in cur.fetchall()]


def term_counts(
    cur: psycopg.Cursor, terms: Iterable[tuple[str, str]]
) -> tuple[int, dict[tuple[str, str], int]]:
    """Exact counts: one GIN-index count per term."""
    total = cur.execute("SELECT count(*) FROM search_passages").fetchone()[0]
    counts: dict[tuple[str, str], int] = {}
    for field, term in sorted(set(terms)):
        cur.execute(
            f"SELECT count(*) FROM search_passages WHERE {FIELDS[field]} @@ %s::tsquery",
            (lexeme(term),),
        )
        counts[(field, term)] = cur.fetchone()[0]
    return total, counts


def keyword_search(
    cur: psycopg.Cursor,
    phrases: Sequence[Phrase],
    filters: SearchFilters,
    limit: int,
    max_rows: int,
) -> list[PassageHit]:
    """Passages holding any phrase; of more than ``max_rows`` matches the newest are ranked."""
    queries = {
        field: " | ".join(f"({_phrase(terms)})" for f, terms in phrases if f == field and terms)
        for field in FIELDS
    }
    queries = {field: q for field, q in queries.items() if q}
    if not queries:
        return []
    match = " OR ".join(f"{FIELDS[f]} @@ %s::tsquery" for f in queries)
    rank = " + ".join(f"{WEIGHTS[f]} * ts_rank_cd(p.{FIELDS[f]}, %s::tsquery, 1)" for f in queries)
    where, args = _filters(filters)
    cur.execute(
        f"WITH m AS (SELECT id FROM search_passages WHERE {match} ORDER BY id DESC LIMIT %s)"
        f" SELECT {_HIT}, {rank} AS rank, p.words, p.grams FROM m"
        " JOIN search_passages p ON p.id = m.id JOIN documents d ON d.id = p.doc_id"
        f" WHERE true {where} ORDER BY rank DESC, p.id DESC LIMIT %s",
        (*queries.values(), max_rows, *queries.values(), *args, limit),
    )
    return [PassageHit(*r) for r in cur.fetchall()]


def vector_search(
    cur: psycopg.Cursor, vector: np.ndarray, filters: SearchFilters, limit: int
) -> list[PassageHit]:
    """Nearest passages by cosine; the caller holds a transaction (for ``SET LOCAL``)."""
    vector = np.asarray(vector, dtype=np.float32)
    where, args = _filters(filters)
    select = (
        f"SELECT {_HIT}, 1 - (p.vector <=> %s) AS score, p.words, p.grams"
        " FROM search_passages p JOIN documents d ON d.id = p.doc_id"
        f" WHERE p.vector IS NOT NULL {where}"
    )
    if filters.doc_ids is None:
        ef = min(EF_SEARCH_MAX, max(40, 4 * limit))
        cur.execute("SELECT set_config('hnsw.ef_search', %s, true)", (str(ef),))
        # ORDER BY the bare distance: the form the HNSW index answers
        cur.execute(select + " ORDER BY p.vector <=> %s LIMIT %s", (vector, *args, vector, limit))
        rows = cur.fetchall()
        if len(rows) >= limit:
            return [PassageHit(*r) for r in rows]
    # ORDER BY the score (not the bare distance): no index can answer it, so it is exact
    cur.execute(select + " ORDER BY score DESC, p.id LIMIT %s", (vector, *args, limit))
    return [PassageHit(*r) for r in cur.fetchall()]


def entity_documents(cur: psycopg.Cursor, entity_id: str) -> list[str]:
    cur.execute(
        "SELECT doc_id FROM search_entity_docs WHERE entity = %s ORDER BY doc_id", (entity_id,)
    )
    return [r[0] for r in cur.fetchall()]


def name_expansions(cur: psycopg.Cursor, keys: Iterable[str]) -> list[tuple[str, str, str]]:
    cur.execute(
        "SELECT key, lang, name FROM search_names WHERE key = ANY(%s) ORDER BY key, lang, name",
        (sorted(set(keys)),),
    )
    return [tuple(r) for r in cur.fetchall()]


def _filters(f: SearchFilters) -> tuple[str, list[object]]:
    """SQL conditions (each starting with AND) over passages ``p`` and documents ``d``."""
    where: list[str] = []
    args: list[object] = []
    if f.langs:
        where.append("p.lang = ANY(%s)")
        args.append(list(f.langs))
    if f.since:
        where.append("substr(d.published, 1, 10) >= %s")
        args.append(f.since)
    if f.until:
        where.append("substr(d.published, 1, 10) <= %s")
        args.append(f.until)
    if f.outlet:
        where.append("d.outlet_key = %s")
        args.append(f.outlet.casefold())
    if f.doc_ids is not None:
        where.append("p.doc_id = ANY(%s)")
        args.append(sorted(f.doc_ids))
    return "".join(" AND " + w for w in where), args
