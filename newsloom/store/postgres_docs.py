"""Documents to PostgreSQL rows and back, encoded exactly as the SQLite store encodes them.

JSON as ``json.dumps`` writes it, sentence vectors as int8 blobs (:mod:`newsloom.embed.blob`),
view vectors as the floats those blobs decode to: a document read back from either
backend is the same document, down to its vectors.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import numpy as np

from newsloom.embed.blob import from_blob, to_blob
from newsloom.model import Document, Mention, Metadata, Paragraph, Quote, Timex
from newsloom.store.sqlite import VECTOR_DIM, _extraction_json

if TYPE_CHECKING:
    import psycopg

DOC_COLUMNS = "id, source, kind, encoding, languages, layout, meta, stages, extraction"
"""The columns :func:`read_documents` takes, in order."""


def document_row(doc: Document) -> tuple:
    """The ``documents`` row: the columns of the INSERT in ``PostgresStore.add``."""
    return (
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
        datetime.now(UTC).replace(microsecond=0),  # seconds, as the SQLite store keeps them
        _extraction_json(doc),
        None if doc.meta.outlet is None else doc.meta.outlet.casefold(),
    )


def paragraph_rows(doc: Document) -> list[tuple]:
    return [
        (
            doc.id,
            i,
            p.role,
            p.text,
            p.lang,
            p.script,
            p.simplified,
            p.boilerplate,
            p.reason,
            json.dumps(p.sentences),
            None if p.vectors is None else to_blob(p.vectors),
        )
        for i, p in enumerate(doc.paragraphs)
    ]


def view_rows(doc: Document) -> list[tuple]:
    """One row per language view; its vector is what the SQLite store's blob decodes to."""
    return [
        (
            doc.id,
            lang,
            sum(len(doc.paragraphs[i].text) for i in idx),
            None if (v := doc.view_vector(lang)) is None else from_blob(to_blob(v), v.size)[0],
        )
        for lang, idx in doc.views().items()
    ]


def as_float32(value: object) -> np.ndarray:
    """A pgvector value as numpy: newer pgvector returns a ``Vector``, older an array."""
    to_numpy = getattr(value, "to_numpy", None)
    return np.asarray(to_numpy() if to_numpy else value, dtype=np.float32)


def read_documents(cur: psycopg.Cursor, rows: list[tuple]) -> list[Document]:
    """Documents for ``rows`` of :data:`DOC_COLUMNS`, their paragraphs in one query."""
    paragraphs: dict[str, list[Paragraph]] = {r[0]: [] for r in rows}
    if rows:
        cur.execute(
            "SELECT doc_id, role, text, lang, script, simplified, boilerplate, reason,"
            " sentences, vectors FROM paragraphs WHERE doc_id = ANY(%s) ORDER BY doc_id, idx",
            (list(paragraphs),),
        )
        for (
            doc_id,
            role,
            text,
            lang,
            script,
            simplified,
            boiler,
            reason,
            sents,
            vecs,
        ) in cur.fetchall():
            paragraphs[doc_id].append(
                Paragraph(
                    text=text,
                    role=role,
                    lang=lang,
                    script=script,
                    simplified=simplified,
                    boilerplate=boiler,
                    reason=reason,
                    sentences=[tuple(s) for s in sents],
                    vectors=None if vecs is None else from_blob(vecs, VECTOR_DIM),
                )
            )
    return [
        Document(
            id=doc_id,
            source=source,
            kind=kind,
            encoding=encoding,
            paragraphs=paragraphs[doc_id],
            meta=Metadata(**meta),
            languages=languages,
            layout=layout,
            stages=stages,
            mentions=[Mention(**m) for m in (extraction or {}).get("mentions", [])],
            quotes=[Quote(**q) for q in (extraction or {}).get("quotes", [])],
            timexes=[Timex(**t) for t in (extraction or {}).get("timexes", [])],
        )
        for doc_id, source, kind, encoding, languages, layout, meta, stages, extraction in rows
    ]
