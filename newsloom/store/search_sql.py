"""The search tables (migration 0005) over one sqlite3 connection, and the vector index file.

:class:`~newsloom.store.sqlite.SQLiteStore` holds one :class:`SQLiteSearch` and
exposes its methods as the search part of the :class:`~newsloom.store.base.Store`
protocol. Where things live:

* ``search_passages``: one row per passage (terms, int8 vector), ``search_fts`` an
  external-content FTS5 index over its ``words`` and ``grams`` (kept in step by
  triggers), ``search_vocab`` its per-term document counts.
* the vector index: a usearch file beside the database (``DB-search.usearch``; in
  memory for ``:memory:``), loaded on the first vector search of a process and
  brought up to date from the table before each search; then every document this
  process adds goes into it at once. Written back at :meth:`SQLiteSearch.close`.

Writes called from the store's own transactions (``insert``, ``put_entities``)
execute no BEGIN/COMMIT; the others open their own ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from newsloom.embed.blob import from_blob, to_blob
from newsloom.model import Entity
from newsloom.search.ann import PassageIndex
from newsloom.search.names import expansion_rows
from newsloom.store.base import Passage, PassageHit, Phrase, SearchFilters

VECTOR_DIM = 512
EXACT_MAX = 20_000
"""A document-restricted vector search over at most this many passages is exact."""
MAX_ANN_COUNT = 4096
"""Beyond this many approximate candidates a filtered search turns exact over the
passages that pass (the filter is then narrow, so they are few)."""

_HIT = "p.doc_id, p.paragraph, p.first, p.count, p.lang"


class SQLiteSearch:
    """Search reads and writes over the store's connection ``conn`` at ``path``."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self._db = conn
        self._path = None if path == ":memory:" else path + "-search.usearch"
        self._ann: PassageIndex | None = None
        conn.create_function("nl_casefold", 1, _casefold, deterministic=True)

    # -- writes -------------------------------------------------------------------------

    def insert(self, doc_id: str, passages: list[Passage], version: int) -> None:
        """Replace the document's passages; the caller holds the transaction."""
        old = [r[0] for r in self._db.execute(
            "SELECT id FROM search_passages WHERE doc_id = ?", (doc_id,)
        )]  # fmt: skip
        if old:
            self._db.execute("DELETE FROM search_passages WHERE doc_id = ?", (doc_id,))
            if self._ann is not None:
                self._ann.remove(old)
        self._db.executemany(
            "INSERT INTO search_passages(doc_id, paragraph, first, count, lang, words, grams,"
            " vector) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (doc_id, p.paragraph, p.first, p.count, p.lang, p.words, p.grams,
                 None if p.vector is None else to_blob(p.vector))
                for p in passages
            ],
        )  # fmt: skip
        self._db.execute(
            "INSERT OR REPLACE INTO search_docs(doc_id, version) VALUES (?, ?)", (doc_id, version)
        )

    def added(self) -> None:
        """After a commit: the vector index, if this process has it, takes the new rows."""
        if self._ann is not None:
            self._sync(self._ann)

    def index_passages(self, doc_id: str, passages: list[Passage], version: int) -> None:
        self._write(lambda: self.insert(doc_id, passages, version))
        self.added()

    def put_entities(self, entities: list[Entity], links: dict[str, list[str | None]]) -> None:
        """Entity documents and name expansions after ``entities``; in the caller's transaction."""
        db = self._db
        for doc_id, ids in links.items():
            db.execute("DELETE FROM search_entity_docs WHERE doc_id = ?", (doc_id,))
            db.executemany(
                "INSERT OR IGNORE INTO search_entity_docs(entity, doc_id) VALUES (?, ?)",
                [(e, doc_id) for e in sorted({i for i in ids if i})],
            )
        db.execute("DELETE FROM search_entity_docs WHERE entity NOT IN (SELECT id FROM entities)")
        self._put_names(entities)
        db.execute("INSERT OR REPLACE INTO search_state(key, value) VALUES ('entities', 'ok')")

    def _put_names(self, entities: list[Entity]) -> None:
        pairs = self._db.execute(
            "SELECT lang_a, name_a, lang_b, name_b, count FROM name_pairs"
        ).fetchall()
        self._db.execute("DELETE FROM search_names")
        self._db.executemany(
            "INSERT OR IGNORE INTO search_names(key, lang, name) VALUES (?, ?, ?)",
            expansion_rows(entities, pairs),
        )

    def _entities_ready(self) -> None:
        """Fill the entity tables once for a store whose entities were linked before them."""
        if self._db.execute("SELECT 1 FROM search_state WHERE key = 'entities'").fetchone():
            return
        entities = [
            Entity(r[0], r[1], json.loads(r[2]), r[3])
            for r in self._db.execute("SELECT id, type, names, mentions FROM entities")
        ]
        links = {
            doc_id: [m.get("entity") for m in json.loads(extraction).get("mentions", [])]
            for doc_id, extraction in self._db.execute(
                "SELECT id, extraction FROM documents WHERE extraction IS NOT NULL"
            )
        }
        self._write(lambda: self.put_entities(entities, links))

    def _write(self, work: Callable[[], None]) -> None:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            work()
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    # -- reads --------------------------------------------------------------------------

    def unindexed_documents(self, version: int, limit: int) -> list[str]:
        stored = self._db.execute("SELECT count(*) FROM documents").fetchone()[0]
        current = self._db.execute(
            "SELECT count(*) FROM search_docs WHERE version = ?", (version,)
        ).fetchone()[0]
        if current >= stored:
            return []
        return [r[0] for r in self._db.execute(
            "SELECT id FROM documents WHERE id NOT IN"
            " (SELECT doc_id FROM search_docs WHERE version = ?) ORDER BY id LIMIT ?",
            (version, limit),
        )]  # fmt: skip

    def term_counts(
        self, terms: Iterable[tuple[str, str]]
    ) -> tuple[int, dict[tuple[str, str], int]]:
        # The largest id: exact until passages are replaced, and free where count(*) reads
        # the whole table (tens of ms at a million passages).
        total = self._db.execute("SELECT max(id) FROM search_passages").fetchone()[0] or 0
        counts: dict[tuple[str, str], int] = {}
        for field, term in set(terms):
            row = self._db.execute(
                "SELECT doc FROM search_vocab WHERE term = ? AND col = ?", (term, field)
            ).fetchone()
            counts[(field, term)] = row[0] if row else 0
        return total, counts

    def keyword_search(
        self, phrases: Sequence[Phrase], filters: SearchFilters, limit: int, max_rows: int
    ) -> list[PassageHit]:
        if not phrases:
            return []
        match = " OR ".join(f'{field} : "{" ".join(terms)}"' for field, terms in phrases)
        window = self._db.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC"
            " LIMIT 1 OFFSET ?",
            (match, max_rows),
        ).fetchone()
        where, args = _filters(filters)
        if window is not None:  # too many matches: rank the newest max_rows of them
            where += " AND search_fts.rowid > ?"
            args.append(window[0])
        rows = self._db.execute(
            f"SELECT {_HIT}, bm25(search_fts, 1.0, 0.5) AS rank, p.words, p.grams"
            " FROM search_fts JOIN search_passages p ON p.id = search_fts.rowid"
            f" JOIN documents d ON d.id = p.doc_id WHERE search_fts MATCH ? {where}"
            " ORDER BY rank LIMIT ?",
            (match, *args, limit),
        ).fetchall()
        return [PassageHit(*r[:5], -r[5], r[6], r[7]) for r in rows]

    def vector_search(
        self, vector: np.ndarray, filters: SearchFilters, limit: int
    ) -> list[PassageHit]:
        vector = np.asarray(vector, dtype=np.float32)
        if filters.doc_ids is not None and self._doc_passages(filters.doc_ids) <= EXACT_MAX:
            return self._exact(vector, filters, limit)
        ann = self._index()
        where, args = _filters(filters)
        count = limit * 4
        while True:
            found = dict(ann.search(vector, count))
            rows = self._db.execute(
                f"SELECT p.id, {_HIT}, p.words, p.grams FROM search_passages p"
                " JOIN documents d ON d.id = p.doc_id"
                f" WHERE p.id IN (SELECT value FROM json_each(?)) {where}",
                (json.dumps(list(found)), *args),
            ).fetchall()
            if len(rows) >= limit or count >= len(ann):
                break
            if count >= MAX_ANN_COUNT:
                return self._exact(vector, filters, limit)
            count = min(count * 8, MAX_ANN_COUNT)
        hits = [PassageHit(*r[1:6], found[r[0]], r[6], r[7]) for r in rows]
        return sorted(hits, key=lambda h: -h.score)[:limit]

    def _exact(self, vector: np.ndarray, filters: SearchFilters, limit: int) -> list[PassageHit]:
        where, args = _filters(filters)
        rows = self._db.execute(
            f"SELECT {_HIT}, p.words, p.grams, p.vector FROM search_passages p"
            f" JOIN documents d ON d.id = p.doc_id WHERE p.vector IS NOT NULL {where}",
            args,
        ).fetchall()
        if not rows:
            return []
        sims = from_blob(b"".join(r[7] for r in rows), VECTOR_DIM) @ vector
        order = np.argsort(-sims, kind="stable")[:limit]
        return [PassageHit(*rows[i][:5], float(sims[i]), *rows[i][5:7]) for i in order]

    def _doc_passages(self, doc_ids: frozenset[str]) -> int:
        return self._db.execute(
            "SELECT count(*) FROM search_passages WHERE doc_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(doc_ids)),),
        ).fetchone()[0]

    def _index(self) -> PassageIndex:
        """The vector index, loaded on first use and brought up to date with the table."""
        if self._ann is None:
            self._ann = PassageIndex(VECTOR_DIM, self._path)
        self._sync(self._ann)
        return self._ann

    def _sync(self, ann: PassageIndex) -> None:
        top = self._db.execute("SELECT max(id) FROM search_passages").fetchone()[0] or 0
        if ann.last_key > top:  # the file belongs to another state of the database
            ann.reset()
        rows = self._db.execute(
            "SELECT id, vector FROM search_passages WHERE id > ? AND vector IS NOT NULL"
            " ORDER BY id",
            (ann.last_key,),
        )
        ann.add((key, from_blob(blob, VECTOR_DIM)[0]) for key, blob in rows)

    def entity_documents(self, entity_id: str) -> list[str]:
        self._entities_ready()
        return [r[0] for r in self._db.execute(
            "SELECT doc_id FROM search_entity_docs WHERE entity = ? ORDER BY doc_id", (entity_id,)
        )]  # fmt: skip

    def name_expansions(self, keys: Iterable[str]) -> list[tuple[str, str, str]]:
        self._entities_ready()
        return self._db.execute(
            "SELECT key, lang, name FROM search_names WHERE key IN"
            " (SELECT value FROM json_each(?)) ORDER BY key, lang, name",
            (json.dumps(sorted(set(keys)), ensure_ascii=False),),
        ).fetchall()

    def close(self) -> None:
        if self._ann is not None:
            self._ann.save()


def _casefold(value: str | None) -> str | None:
    return None if value is None else value.casefold()


def _filters(f: SearchFilters) -> tuple[str, list[object]]:
    """SQL conditions (each starting with AND) over passages ``p`` and documents ``d``."""
    where: list[str] = []
    args: list[object] = []
    if f.langs:
        where.append(f"p.lang IN ({', '.join('?' * len(f.langs))})")
        args.extend(f.langs)
    if f.since:
        where.append("substr(d.published, 1, 10) >= ?")
        args.append(f.since)
    if f.until:
        where.append("substr(d.published, 1, 10) <= ?")
        args.append(f.until)
    if f.outlet:
        where.append("nl_casefold(d.outlet) = ?")
        args.append(f.outlet.casefold())
    if f.doc_ids is not None:
        where.append("p.doc_id IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(sorted(f.doc_ids)))
    return "".join(" AND " + w for w in where), args
