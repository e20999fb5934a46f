"""The embedded store: one SQLite file, WAL mode, migrations by ``user_version``.

One connection writes, each document inside ``BEGIN IMMEDIATE`` … ``COMMIT``:
a crash or kill between documents loses nothing that was committed, and one in
the middle of a document rolls that document back, whole.  Readers may open
the same file while an ingest writes (WAL).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import numpy as np

from newsloom.embed.blob import from_blob, to_blob
from newsloom.errors import NotFoundError, StoreError
from newsloom.model import Document, Entity, Mention, Metadata, Paragraph, Quote, Relation, Timex
from newsloom.search.passages import INDEX_VERSION, document_passages
from newsloom.store import search_sql, stories_sql
from newsloom.store.base import DocSummary, Passage, PassageHit, Phrase, SearchFilters, ViewRow

VECTOR_DIM = 512
"""Width of stored vectors: the encoder's (USE multilingual v3)."""


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("newsloom.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text("utf-8")))
    return sorted(found)


class SQLiteStore:
    """:class:`newsloom.store.base.Store` over one SQLite file (or ``:memory:``)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA busy_timeout = 10000")
            self._migrate()
            self._search = search_sql.SQLiteSearch(self._db, self.path)
        except sqlite3.DatabaseError as exc:
            if "file is not a database" in str(exc):
                raise StoreError("NL303", self.path, detail="the file is not SQLite") from None
            raise StoreError("NL301", self.path, detail=exc) from None

    # -- schema ---------------------------------------------------------------

    def _migrate(self) -> None:
        current = self._db.execute("PRAGMA user_version").fetchone()[0]
        migrations = _migrations()
        known = migrations[-1][0]
        if current > known:
            raise StoreError("NL302", self.path, found=current, known=known)
        if current == 0 and self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError("NL303", self.path, detail="it holds tables of another program")
        for version, script in migrations:
            if version <= current:
                continue
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for statement in script.split(";\n"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {version}")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    # -- writes ---------------------------------------------------------------

    def add(self, doc: Document, lines: tuple[str, Iterable[str]] | None = None) -> bool:
        db = self._db
        passages = document_passages(doc)  # tokenised before the write lock is taken
        db.execute("BEGIN IMMEDIATE")
        try:
            if db.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone():
                db.execute(
                    "INSERT OR IGNORE INTO doc_sources(source, doc_id) VALUES (?, ?)",
                    (doc.source, doc.id),
                )
                db.execute("COMMIT")
                return False
            db.execute(
                "INSERT INTO documents(id, source, kind, encoding, title, outlet, published,"
                " languages, layout, meta, stages, added_at, extraction)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.id,
                    doc.source,
                    doc.kind,
                    doc.encoding,
                    doc.meta.title,
                    doc.meta.outlet,
                    doc.meta.published,
                    json.dumps(doc.languages),
                    doc.layout,
                    json.dumps(asdict(doc.meta), ensure_ascii=False),
                    json.dumps(doc.stages),
                    datetime.now(UTC).isoformat(timespec="seconds"),
                    _extraction_json(doc),
                ),
            )
            db.execute(
                "INSERT OR REPLACE INTO doc_sources(source, doc_id) VALUES (?, ?)",
                (doc.source, doc.id),
            )
            db.executemany(
                "INSERT INTO paragraphs(doc_id, idx, role, text, lang, script, simplified,"
                " boilerplate, reason, sentences, vectors)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        doc.id,
                        i,
                        p.role,
                        p.text,
                        p.lang,
                        p.script,
                        p.simplified,
                        int(p.boilerplate),
                        p.reason,
                        json.dumps(p.sentences),
                        None if p.vectors is None else to_blob(p.vectors),
                    )
                    for i, p in enumerate(doc.paragraphs)
                ],
            )
            views = doc.views()
            db.executemany(
                "INSERT INTO views(doc_id, lang, chars, vector) VALUES (?, ?, ?, ?)",
                [
                    (
                        doc.id,
                        lang,
                        sum(len(doc.paragraphs[i].text) for i in idx),
                        None if (v := doc.view_vector(lang)) is None else to_blob(v[None, :]),
                    )
                    for lang, idx in views.items()
                ],
            )
            if lines is not None:
                key, hashes = lines
                db.executemany(
                    "INSERT INTO line_stats(source_key, line_hash, docs) VALUES (?, ?, 1)"
                    " ON CONFLICT(source_key, line_hash) DO UPDATE SET docs = docs + 1",
                    [(key, h) for h in set(hashes)],
                )
            self._search.insert(doc.id, passages, INDEX_VERSION)
            db.execute("COMMIT")
            self._search.added()
            return True
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def put_relations(self, relations: list[Relation]) -> None:
        """Insert or replace relations (by their key), all in one transaction."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany(
                "INSERT OR REPLACE INTO relations(a, a_lang, b, b_lang, type, score, direction,"
                " evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (*r.key, r.score, r.direction, json.dumps(r.evidence, ensure_ascii=False))
                    for r in relations
                ],
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def relations(self, doc_id: str | None = None) -> list[Relation]:
        sql = "SELECT a, a_lang, b, b_lang, type, score, direction, evidence FROM relations"
        args: tuple = ()
        if doc_id is not None:
            sql += " WHERE a = ? OR b = ?"
            args = (doc_id, doc_id)
        rows = self._db.execute(sql + " ORDER BY a, a_lang, b, b_lang, type", args).fetchall()
        return [Relation(*r[:7], evidence=json.loads(r[7])) for r in rows]

    def iter_views(self) -> Iterator[ViewRow]:
        for doc_id, lang, chars, blob in self._db.execute(
            "SELECT doc_id, lang, chars, vector FROM views ORDER BY doc_id, lang"
        ):
            yield ViewRow(
                doc_id, lang, chars, None if blob is None else from_blob(blob, VECTOR_DIM)[0]
            )

    def put_entities(self, entities: list[Entity], links: dict[str, list[str | None]]) -> None:
        """Replace all entities and set, per document, each mention's entity id.

        The linker rebuilds entities from every stored mention, so the table is
        replaced whole. ``links[doc_id][k]`` is the entity of the document's k-th
        mention. One transaction: entities and the mentions pointing at them
        change together.
        """
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM entities")
            db.executemany(
                "INSERT OR REPLACE INTO entities(id, type, names, mentions) VALUES (?, ?, ?, ?)",
                [
                    (e.id, e.type, json.dumps(e.names, ensure_ascii=False), e.mentions)
                    for e in entities
                ],
            )
            for doc_id, ids in links.items():
                row = db.execute(
                    "SELECT extraction FROM documents WHERE id = ?", (doc_id,)
                ).fetchone()
                found = json.loads(row[0]) if row and row[0] else {}
                for mention, entity in zip(found.get("mentions", []), ids, strict=True):
                    mention["entity"] = entity
                db.execute(
                    "UPDATE documents SET extraction = ? WHERE id = ?",
                    (json.dumps(found, ensure_ascii=False), doc_id),
                )
            self._search.put_entities(entities, links)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def entities(self) -> list[Entity]:
        return [
            Entity(r[0], r[1], json.loads(r[2]), r[3])
            for r in self._db.execute(
                "SELECT id, type, names, mentions FROM entities ORDER BY mentions DESC, id"
            )
        ]

    def add_name_pairs(self, pairs: list[tuple[str, str, str, str]]) -> None:
        """Count name translations learned from aligned sentences (lang_a, a, lang_b, b)."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany(
                "INSERT INTO name_pairs(lang_a, name_a, lang_b, name_b, count)"
                " VALUES (?, ?, ?, ?, 1) ON CONFLICT(lang_a, name_a, lang_b, name_b)"
                " DO UPDATE SET count = count + 1",
                pairs,
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def name_pairs(self) -> list[tuple[str, str, str, str, int]]:
        return self._db.execute(
            "SELECT lang_a, name_a, lang_b, name_b, count FROM name_pairs"
            " ORDER BY count DESC, lang_a, name_a, lang_b, name_b"
        ).fetchall()

    # -- stories (SQL in store/stories_sql.py) ---------------------------------

    def load_stories(self) -> tuple[list, dict[tuple[str, str], float]]:
        return stories_sql.load_stories(self._db)

    def save_stories(self, stories: list, removed: list[str], merges: list, links: dict) -> None:
        stories_sql.save_stories(self._db, stories, removed, merges, links)

    def story_rows(self, ids: Collection[str] | None = None) -> list[dict[str, object]]:
        return stories_sql.story_rows(self._db, ids)

    def story_ids(self, prefix: str = "") -> list[str]:
        return stories_sql.story_ids(self._db, prefix)

    def story_of(self, doc_id: str) -> str | None:
        return stories_sql.story_of(self._db, doc_id)

    def story_members(self, story_id: str) -> list[str]:
        return stories_sql.story_members(self._db, story_id)

    def story_merges(self) -> list[tuple[str, str, str]]:
        return stories_sql.story_merges(self._db)

    def add_source(self, doc_id: str, source: str) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO doc_sources(source, doc_id) VALUES (?, ?)", (source, doc_id)
        )

    # -- reads ----------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        return bool(self._db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone())

    def get(self, doc_id: str) -> Document:
        row = self._db.execute(
            "SELECT id, source, kind, encoding, languages, layout, meta, stages, extraction"
            " FROM documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError("NL304", ref=doc_id)
        return self._document(row)

    def find(self, ref: str) -> Document:
        if self.has(ref):
            return self.get(ref)
        for source in (ref, os.path.abspath(ref)):
            row = self._db.execute(
                "SELECT doc_id FROM doc_sources WHERE source = ?", (source,)
            ).fetchone()
            if row:
                return self.get(row[0])
        ids = (
            [
                r[0]
                for r in self._db.execute(
                    "SELECT id FROM documents WHERE id LIKE ? LIMIT 2", (ref.lower() + "%",)
                )
            ]
            if ref.isalnum()
            else []
        )
        if len(ids) == 1:
            return self.get(ids[0])
        if len(ids) > 1:
            raise NotFoundError("NL305", ref=ref, n="several")
        raise NotFoundError("NL304", ref=ref)

    def iter_documents(self) -> Iterator[Document]:
        rows = self._db.execute(
            "SELECT id, source, kind, encoding, languages, layout, meta, stages, extraction"
            " FROM documents ORDER BY added_at, id"
        ).fetchall()
        for row in rows:
            yield self._document(row)

    def summaries(self, limit: int | None = None, offset: int = 0) -> list[DocSummary]:
        rows = self._db.execute(
            "SELECT d.id, d.source, d.title, d.outlet, d.published, d.languages, d.layout,"
            " (SELECT count(*) FROM paragraphs p WHERE p.doc_id = d.id)"
            " FROM documents d ORDER BY d.added_at, d.id LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        ).fetchall()
        return [
            DocSummary(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7]) for r in rows
        ]

    def count(self) -> int:
        return self._db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def line_counts(self, source_key: str) -> dict[str, int]:
        return dict(
            self._db.execute(
                "SELECT line_hash, docs FROM line_stats WHERE source_key = ?", (source_key,)
            ).fetchall()
        )

    # -- search (SQL in store/search_sql.py) -----------------------------------

    def index_passages(self, doc_id: str, passages: list[Passage], version: int) -> None:
        self._search.index_passages(doc_id, passages, version)

    def unindexed_documents(self, version: int, limit: int) -> list[str]:
        return self._search.unindexed_documents(version, limit)

    def term_counts(
        self, terms: Iterable[tuple[str, str]]
    ) -> tuple[int, dict[tuple[str, str], int]]:
        return self._search.term_counts(terms)

    def keyword_search(
        self, phrases: Sequence[Phrase], filters: SearchFilters, limit: int, max_rows: int
    ) -> list[PassageHit]:
        return self._search.keyword_search(phrases, filters, limit, max_rows)

    def vector_search(
        self, vector: np.ndarray, filters: SearchFilters, limit: int
    ) -> list[PassageHit]:
        return self._search.vector_search(vector, filters, limit)

    def entity_documents(self, entity_id: str) -> list[str]:
        return self._search.entity_documents(entity_id)

    def name_expansions(self, keys: Iterable[str]) -> list[tuple[str, str, str]]:
        return self._search.name_expansions(keys)

    def close(self) -> None:
        self._search.close()
        self._db.close()

    def _document(self, row: tuple) -> Document:
        doc_id, source, kind, encoding, languages, layout, meta, stages, extraction = row
        found = json.loads(extraction) if extraction else {}
        paragraphs = [
            Paragraph(
                text=text,
                role=role,
                lang=lang,
                script=script,
                simplified=simplified,
                boilerplate=bool(boilerplate),
                reason=reason,
                sentences=[tuple(s) for s in json.loads(sentences)],
                vectors=None if vectors is None else from_blob(vectors, VECTOR_DIM),
            )
            for role, text, lang, script, simplified, boilerplate, reason, sentences, vectors in (
                self._db.execute(
                    "SELECT role, text, lang, script, simplified, boilerplate, reason, sentences,"
                    " vectors FROM paragraphs WHERE doc_id = ? ORDER BY idx",
                    (doc_id,),
                )
            )
        ]
        return Document(
            id=doc_id,
            source=source,
            kind=kind,
            encoding=encoding,
            paragraphs=paragraphs,
            meta=Metadata(**json.loads(meta)),
            languages=json.loads(languages),
            layout=layout,
            stages=json.loads(stages),
            mentions=[Mention(**m) for m in found.get("mentions", [])],
            quotes=[Quote(**q) for q in found.get("quotes", [])],
            timexes=[Timex(**t) for t in found.get("timexes", [])],
        )


def _extraction_json(doc: Document) -> str | None:
    if not (doc.mentions or doc.quotes or doc.timexes):
        return None
    return json.dumps(
        {
            "mentions": [asdict(m) for m in doc.mentions],
            "quotes": [asdict(q) for q in doc.quotes],
            "timexes": [asdict(t) for t in doc.timexes],
        },
        ensure_ascii=False,
    )
