"""The shared store: PostgreSQL with pgvector, for several ingest processes and API servers.

Selected by a URL (``--db postgresql://user@host:port/dbname``). It keeps the contract
of the SQLite store and its encodings (JSON as written, int8 sentence-vector blobs), so
the same corpus gives the same documents, relations and stories on either backend.

Sharing one database safely:

- each document is written in one transaction; ``add`` inserts the document row with
  ``ON CONFLICT DO NOTHING``, so two processes adding the same content store it once and
  the second sees ``False``, not an error (it waits for the first to commit, then skips);
- recurring-line and name-pair counts are incremented in SQL (``count = count + n``),
  rows taken in sorted order so concurrent writers cannot deadlock on them;
- writes that replace a whole table (entities, story links) and story saves run under
  an advisory transaction lock, one process after the other;
- migrations run under an advisory session lock: processes started together migrate once.

Search (SQL in :mod:`newsloom.store.postgres_search`): tsvector phrases over the terms
the search module made, and pgvector HNSW over the passage vectors.

One connection per store, in autocommit mode between explicit transactions; a lock
makes the store safe to share between threads (the API server's).
"""

from __future__ import annotations

import json
import os
import threading
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np
import psycopg
from pgvector.psycopg import register_vector

from newsloom.errors import NotFoundError, StoreError
from newsloom.model import Document, Entity, Relation
from newsloom.search.passages import INDEX_VERSION, document_passages
from newsloom.store import postgres_search, postgres_stories
from newsloom.store.base import (
    DocSummary,
    Passage,
    PassageHit,
    Phrase,
    SearchFilters,
    ViewRow,
)
from newsloom.store.postgres_docs import (
    DOC_COLUMNS,
    as_float32,
    document_row,
    paragraph_rows,
    read_documents,
    view_rows,
)
from newsloom.store.postgres_schema import (
    ENTITIES,
    LOCKS,
    STORIES,
    connect,
    display_url,
    migrate,
    one_line,
)

PAGE = 200
"""Documents read per round trip by ``iter_documents``."""


class PostgresStore:
    """:class:`newsloom.store.base.Store` over one PostgreSQL database (pgvector required).

    Raises:
        StoreError: malformed URL (NL324), server unreachable or login refused (NL320),
            no pgvector (NL323), a newer schema (NL302) or foreign tables (NL303).

    Example:
        >>> store = PostgresStore("postgresql://newsloom@db.example:5432/news")  # doctest: +SKIP
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.where = display_url(url)
        self._db = connect(url, self.where)
        self._lock = threading.RLock()
        try:
            with self._guard():
                migrate(self._db, self.where)
                register_vector(self._db)
        except BaseException:
            self._db.close()
            raise

    # -- connection, transactions, schema -------------------------------------

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """One thread at a time; a dropped connection becomes a one-line store error."""
        with self._lock:
            try:
                yield
            except psycopg.OperationalError as exc:
                raise StoreError("NL325", self.where, detail=one_line(exc)) from None

    @contextmanager
    def _tx(self, lock: int | None = None) -> Iterator[psycopg.Cursor]:
        """A cursor inside one transaction, holding advisory ``lock`` until it ends."""
        with self._guard(), self._db.transaction(), self._db.cursor() as cur:
            if lock is not None:
                cur.execute("SELECT pg_advisory_xact_lock(%s, %s)", (LOCKS, lock))
            yield cur

    @contextmanager
    def _read(self) -> Iterator[psycopg.Cursor]:
        with self._guard(), self._db.cursor() as cur:
            yield cur

    @property
    def schema_version(self) -> int:
        with self._read() as cur:
            return cur.execute("SELECT max(version) FROM schema_version").fetchone()[0]

    # -- writes ---------------------------------------------------------------

    def add(self, doc: Document, lines: tuple[str, Iterable[str]] | None = None) -> bool:
        # Everything is encoded before the transaction: a value that cannot be stored
        # fails here, and the database never sees half a document.
        row, paragraphs, views = document_row(doc), paragraph_rows(doc), view_rows(doc)
        counts = [(lines[0], h) for h in sorted(set(lines[1]))] if lines is not None else []
        passages = postgres_search.passage_rows(doc.id, document_passages(doc))
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO documents (id, source, kind, encoding, title, outlet, published,"
                " languages, layout, meta, stages, added_at, extraction, outlet_key)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                " ON CONFLICT (id) DO NOTHING RETURNING id",
                row,
            )
            if cur.fetchone() is None:
                cur.execute(
                    "INSERT INTO doc_sources (source, doc_id) VALUES (%s, %s)"
                    " ON CONFLICT (source) DO NOTHING",
                    (doc.source, doc.id),
                )
                return False
            cur.execute(
                "INSERT INTO doc_sources (source, doc_id) VALUES (%s, %s)"
                " ON CONFLICT (source) DO UPDATE SET doc_id = EXCLUDED.doc_id",
                (doc.source, doc.id),
            )
            cur.executemany(
                "INSERT INTO paragraphs (doc_id, idx, role, text, lang, script, simplified,"
                " boilerplate, reason, sentences, vectors)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                paragraphs,
            )
            cur.executemany(
                "INSERT INTO views (doc_id, lang, chars, vector) VALUES (%s, %s, %s, %s)", views
            )
            cur.executemany(
                "INSERT INTO line_stats (source_key, line_hash, docs) VALUES (%s, %s, 1)"
                " ON CONFLICT (source_key, line_hash) DO UPDATE SET docs = line_stats.docs + 1",
                counts,
            )
            postgres_search.insert(cur, doc.id, passages, INDEX_VERSION)
        return True

    def add_source(self, doc_id: str, source: str) -> None:
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO doc_sources (source, doc_id) VALUES (%s, %s)"
                " ON CONFLICT (source) DO NOTHING",
                (source, doc_id),
            )

    def put_relations(self, relations: list[Relation]) -> None:
        """Insert or replace relations by key, in key order (the last of a repeated key wins)."""
        latest = {r.key: r for r in relations}
        rows = [
            (*key, r.score, r.direction, json.dumps(r.evidence, ensure_ascii=False))
            for key, r in sorted(latest.items())
        ]
        with self._tx() as cur:
            cur.executemany(
                "INSERT INTO relations (a, a_lang, b, b_lang, type, score, direction, evidence)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
                " ON CONFLICT (a, a_lang, b, b_lang, type) DO UPDATE SET score = EXCLUDED.score,"
                " direction = EXCLUDED.direction, evidence = EXCLUDED.evidence",
                rows,
            )

    def put_entities(self, entities: list[Entity], links: dict[str, list[str | None]]) -> None:
        """Replace all entities and set each mention's entity id, under the entities lock."""
        rows = [
            (e.id, e.type, json.dumps(e.names, ensure_ascii=False), e.mentions) for e in entities
        ]
        with self._tx(lock=ENTITIES) as cur:
            cur.execute("DELETE FROM entities")
            cur.executemany(
                "INSERT INTO entities (id, type, names, mentions) VALUES (%s, %s, %s, %s)"
                " ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, names = EXCLUDED.names,"
                " mentions = EXCLUDED.mentions",
                rows,
            )
            for doc_id, ids in sorted(links.items()):
                cur.execute(
                    "SELECT extraction FROM documents WHERE id = %s FOR NO KEY UPDATE", (doc_id,)
                )
                found = cur.fetchone()
                extraction = (found[0] if found else None) or {}
                for mention, entity in zip(extraction.get("mentions", []), ids, strict=True):
                    mention["entity"] = entity
                cur.execute(
                    "UPDATE documents SET extraction = %s WHERE id = %s",
                    (json.dumps(extraction, ensure_ascii=False), doc_id),
                )
            postgres_search.put_entities(cur, entities, links)

    def add_name_pairs(self, pairs: list[tuple[str, str, str, str]]) -> None:
        """Count name translations; concurrent writers add up, none is lost."""
        rows = [(*pair, n) for pair, n in sorted(Counter(map(tuple, pairs)).items())]
        with self._tx() as cur:
            cur.executemany(
                "INSERT INTO name_pairs (lang_a, name_a, lang_b, name_b, count)"
                " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (lang_a, name_a, lang_b, name_b)"
                " DO UPDATE SET count = name_pairs.count + EXCLUDED.count",
                rows,
            )

    # -- stories (SQL in store/postgres_stories.py) -----------------------------

    def load_stories(self) -> tuple[list, dict[tuple[str, str], float]]:
        with self._read() as cur:
            return postgres_stories.load_stories(cur)

    def save_stories(self, stories: list, removed: list[str], merges: list, links: dict) -> None:
        with self._tx(lock=STORIES) as cur:
            postgres_stories.save_stories(cur, stories, removed, merges, links)

    def story_rows(self, ids: Collection[str] | None = None) -> list[dict[str, object]]:
        with self._tx() as cur:  # one snapshot per statement: a transaction keeps them together
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            return postgres_stories.story_rows(cur, ids)

    def story_ids(self, prefix: str = "") -> list[str]:
        with self._read() as cur:
            return postgres_stories.story_ids(cur, prefix)

    def story_of(self, doc_id: str) -> str | None:
        with self._read() as cur:
            return postgres_stories.story_of(cur, doc_id)

    def story_members(self, story_id: str) -> list[str]:
        with self._read() as cur:
            return postgres_stories.story_members(cur, story_id)

    def story_merges(self) -> list[tuple[str, str, str]]:
        with self._read() as cur:
            return postgres_stories.story_merges(cur)

    # -- search (SQL in store/postgres_search.py) --------------------------------

    def index_passages(self, doc_id: str, passages: list[Passage], version: int) -> None:
        rows = postgres_search.passage_rows(doc_id, passages)
        with self._tx() as cur:
            # the document row serialises two processes indexing one document at once
            cur.execute("SELECT 1 FROM documents WHERE id = %s FOR NO KEY UPDATE", (doc_id,))
            postgres_search.insert(cur, doc_id, rows, version)

    def unindexed_documents(self, version: int, limit: int) -> list[str]:
        with self._read() as cur:
            return postgres_search.unindexed_documents(cur, version, limit)

    def term_counts(
        self, terms: Iterable[tuple[str, str]]
    ) -> tuple[int, dict[tuple[str, str], int]]:
        with self._read() as cur:
            return postgres_search.term_counts(cur, terms)

    def keyword_search(
        self, phrases: Sequence[Phrase], filters: SearchFilters, limit: int, max_rows: int
    ) -> list[PassageHit]:
        with self._read() as cur:
            return postgres_search.keyword_search(cur, phrases, filters, limit, max_rows)

    def vector_search(
        self, vector: np.ndarray, filters: SearchFilters, limit: int
    ) -> list[PassageHit]:
        with self._tx() as cur:
            return postgres_search.vector_search(cur, vector, filters, limit)

    def entity_documents(self, entity_id: str) -> list[str]:
        with self._read() as cur:
            return postgres_search.entity_documents(cur, entity_id)

    def name_expansions(self, keys: Iterable[str]) -> list[tuple[str, str, str]]:
        with self._read() as cur:
            return postgres_search.name_expansions(cur, keys)

    # -- reads ----------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        with self._read() as cur:
            cur.execute("SELECT 1 FROM documents WHERE id = %s", (doc_id,))
            return cur.fetchone() is not None

    def get(self, doc_id: str) -> Document:
        with self._read() as cur:
            cur.execute(f"SELECT {DOC_COLUMNS} FROM documents WHERE id = %s", (doc_id,))
            docs = read_documents(cur, cur.fetchall())
        if not docs:
            raise NotFoundError("NL304", ref=doc_id)
        return docs[0]

    def find(self, ref: str) -> Document:
        if self.has(ref):
            return self.get(ref)
        with self._read() as cur:
            for source in (ref, os.path.abspath(ref)):
                cur.execute("SELECT doc_id FROM doc_sources WHERE source = %s", (source,))
                row = cur.fetchone()
                if row:
                    return self.get(row[0])
            ids = []
            if ref.isalnum():
                cur.execute(
                    "SELECT id FROM documents WHERE id LIKE %s LIMIT 2", (ref.lower() + "%",)
                )
                ids = [r[0] for r in cur.fetchall()]
        if len(ids) == 1:
            return self.get(ids[0])
        if len(ids) > 1:
            raise NotFoundError("NL305", ref=ref, n="several")
        raise NotFoundError("NL304", ref=ref)

    def iter_documents(self) -> Iterator[Document]:
        """Every document, oldest first, read a page at a time (no lock held between pages)."""
        after: tuple = ()
        while True:
            with self._read() as cur:
                where = "WHERE (added_at, id) > (%s, %s) " if after else ""
                cur.execute(
                    f"SELECT {DOC_COLUMNS}, added_at FROM documents {where}"
                    "ORDER BY added_at, id LIMIT %s",
                    (*after, PAGE),
                )
                rows = cur.fetchall()
                docs = read_documents(cur, [r[:-1] for r in rows])
            yield from docs
            if len(rows) < PAGE:
                return
            after = (rows[-1][-1], rows[-1][0])

    def summaries(self, limit: int | None = None, offset: int = 0) -> list[DocSummary]:
        with self._read() as cur:
            cur.execute(
                "SELECT d.id, d.source, d.title, d.outlet, d.published, d.languages, d.layout,"
                " (SELECT count(*) FROM paragraphs p WHERE p.doc_id = d.id)"
                " FROM documents d ORDER BY d.added_at, d.id LIMIT %s OFFSET %s",
                (limit, offset),
            )
            return [DocSummary(*r) for r in cur.fetchall()]

    def count(self) -> int:
        with self._read() as cur:
            return cur.execute("SELECT count(*) FROM documents").fetchone()[0]

    def line_counts(self, source_key: str) -> dict[str, int]:
        with self._read() as cur:
            cur.execute(
                "SELECT line_hash, docs FROM line_stats WHERE source_key = %s", (source_key,)
            )
            return dict(cur.fetchall())

    def relations(self, doc_id: str | None = None) -> list[Relation]:
        sql = "SELECT a, a_lang, b, b_lang, type, score, direction, evidence FROM relations"
        args: tuple = ()
        if doc_id is not None:
            sql += " WHERE a = %s OR b = %s"
            args = (doc_id, doc_id)
        with self._read() as cur:
            cur.execute(sql + " ORDER BY a, a_lang, b, b_lang, type", args)
            return [Relation(*r[:7], evidence=r[7]) for r in cur.fetchall()]

    def iter_views(self) -> Iterator[ViewRow]:
        with self._read() as cur:
            cur.execute("SELECT doc_id, lang, chars, vector FROM views ORDER BY doc_id, lang")
            rows = cur.fetchall()
        for doc_id, lang, chars, vector in rows:
            yield ViewRow(doc_id, lang, chars, None if vector is None else as_float32(vector))

    def entities(self) -> list[Entity]:
        with self._read() as cur:
            cur.execute("SELECT id, type, names, mentions FROM entities ORDER BY mentions DESC, id")
            return [Entity(*r) for r in cur.fetchall()]

    def name_pairs(self) -> list[tuple[str, str, str, str, int]]:
        with self._read() as cur:
            cur.execute(
                "SELECT lang_a, name_a, lang_b, name_b, count FROM name_pairs"
                ' ORDER BY count DESC, lang_a, name_a COLLATE "C", lang_b, name_b COLLATE "C"'
            )
            return [tuple(r) for r in cur.fetchall()]

    def close(self) -> None:
        self._db.close()
