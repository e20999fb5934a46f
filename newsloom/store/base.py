"""The storage interface. Callers use only this; SQLite is one backend of it.

Every method that writes is atomic: a document is stored whole or not at all,
so a killed ingest never leaves half a document, and adding the same content
again is a no-op (ids come from the content).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from newsloom.model import Document, Entity, Relation


@dataclass(frozen=True)
class DocSummary:
    """One row of ``newsloom docs``: enough to pick a document, not the whole of it."""

    id: str
    source: str
    title: str | None
    outlet: str | None
    published: str | None
    languages: list[str]
    layout: str
    paragraphs: int


@dataclass(frozen=True)
class ViewRow:
    """A language view as the relation stage sees it: where it is and its mean vector."""

    doc_id: str
    lang: str
    chars: int
    vector: np.ndarray | None


# -- search (newsloom/search/) -----------------------------------------------------------
# A passage is the unit both search sides rank: up to a few consecutive sentences of one
# paragraph (newsloom.search.passages says how a document is cut). Its key is
# (doc_id, paragraph, first). A phrase is (field, terms): field "words" or "grams"
# (newsloom.search.tokens), terms that must occur consecutively in that field.
Phrase = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class Passage:
    """A passage as the store indexes it: where it is, its terms and its vector."""

    paragraph: int
    first: int
    """Index of its first sentence in the paragraph's ``sentences``."""
    count: int
    lang: str | None
    words: str
    """Word terms, space-separated, in text order (a term never holds a space)."""
    grams: str
    """Character-bigram terms of unspaced scripts, space-separated, in text order."""
    vector: np.ndarray | None
    """Unit float32 vector (512-d), None for passages without sentence vectors (titles)."""


@dataclass(frozen=True)
class SearchFilters:
    """Which passages a search may return; every given condition must hold."""

    langs: tuple[str, ...] = ()
    """Passage language in this set (empty: any)."""
    since: str | None = None
    """``YYYY-MM-DD``: the document's publication day (first 10 characters of
    ``published``) is on or after it; documents without a date are excluded."""
    until: str | None = None
    """``YYYY-MM-DD``: publication day on or before it (inclusive)."""
    outlet: str | None = None
    """The document's outlet equals this, compared case-insensitively (``casefold``)."""
    doc_ids: frozenset[str] | None = None
    """Only these documents (a story's members, an entity's documents); None: all."""


@dataclass(frozen=True)
class PassageHit:
    """One ranked passage; ``score`` is higher-better within one result list only."""

    doc_id: str
    paragraph: int
    first: int
    count: int
    lang: str | None
    score: float
    words: str
    grams: str


class Store(Protocol):
    def add(self, doc: Document, lines: tuple[str, Iterable[str]] | None = None) -> bool:
        """Store ``doc`` in one transaction; True if new, False if its id was there.

        ``lines`` is ``(source_key, line_hashes)`` for the recurring-line counts
        of the boilerplate stage; they are counted in the same transaction, and
        only when the document is new, so a re-run does not count twice.
        A new document is also indexed for search in the same transaction, as
        :meth:`index_passages` would with ``newsloom.search.passages.document_passages(doc)``
        and ``newsloom.search.passages.INDEX_VERSION``.
        """
        ...

    def has(self, doc_id: str) -> bool: ...

    def add_source(self, doc_id: str, source: str) -> None:
        """Record that ``source`` holds the content of an already stored document."""
        ...

    def get(self, doc_id: str) -> Document:
        """The document with this exact id; :class:`NotFoundError` if none."""
        ...

    def find(self, ref: str) -> Document:
        """A document by id, unique id prefix, or source path (as given or absolute)."""
        ...

    def iter_documents(self) -> Iterator[Document]: ...

    def summaries(self, limit: int | None = None, offset: int = 0) -> list[DocSummary]: ...

    def count(self) -> int: ...

    def line_counts(self, source_key: str) -> dict[str, int]:
        """Per line hash, the number of stored documents of ``source_key`` that hold it."""
        ...

    def put_relations(self, relations: list[Relation]) -> None:
        """Insert or replace relations by their key, in one transaction."""
        ...

    def relations(self, doc_id: str | None = None) -> list[Relation]:
        """All relations, or those with ``doc_id`` on either side."""
        ...

    def iter_views(self) -> Iterator[ViewRow]:
        """Every stored language view with its mean vector (None before embedding)."""
        ...

    def put_entities(self, entities: list[Entity], links: dict[str, list[str | None]]) -> None:
        """Replace all entities; ``links[doc_id][k]`` is the k-th mention's entity.

        In the same transaction the search's view of entities follows: the documents
        of each entity (:meth:`entity_documents`) and the name expansions
        (:meth:`name_expansions`, rows from ``newsloom.search.names.expansion_rows``
        over these entities and :meth:`name_pairs`).
        """
        ...

    def entities(self) -> list[Entity]: ...

    def add_name_pairs(self, pairs: list[tuple[str, str, str, str]]) -> None:
        """Count name translations (lang_a, name_a, lang_b, name_b) seen in aligned text."""
        ...

    def name_pairs(self) -> list[tuple[str, str, str, str, int]]:
        """Learned name translations with how often each was seen, most frequent first."""
        ...

    def load_stories(self) -> tuple[list, dict[tuple[str, str], float]]:
        """Stories with their profiles, and the related-story links (the clusterer's state)."""
        ...

    def save_stories(self, stories: list, removed: list[str], merges: list, links: dict) -> None:
        """Write changed stories, drop merged ones, record merges, replace links, at once."""
        ...

    def story_rows(self, ids: Collection[str] | None = None) -> list[dict[str, object]]:
        """Stories as a user sees them (titles, languages, span, members, related), largest
        first: the stories of ``ids`` (a page reads only the ones it shows), or all."""
        ...

    def story_ids(self, prefix: str = "") -> list[str]:
        """Ids of the stories whose id starts with ``prefix``, sorted."""
        ...

    def story_of(self, doc_id: str) -> str | None:
        """The story a document is a member of; None before the clusterer placed it."""
        ...

    def story_members(self, story_id: str) -> list[str]: ...

    def story_merges(self) -> list[tuple[str, str, str]]:
        """Recorded merges (from_id, into_id, at), oldest first."""
        ...

    # -- search: see newsloom/search/ for what the rows mean and how they are ranked ------

    def index_passages(self, doc_id: str, passages: list[Passage], version: int) -> None:
        """Replace the stored document's search passages with ``passages``, one transaction.

        Both indexes follow: the words/grams full-text index and the vector index.
        ``version`` (``newsloom.search.passages.INDEX_VERSION``) is recorded for the
        document, so :meth:`unindexed_documents` can find documents indexed by older
        tokenisation. Used to catch up documents stored before search existed.
        """
        ...

    def unindexed_documents(self, version: int, limit: int) -> list[str]:
        """Up to ``limit`` ids of stored documents not indexed at ``version`` (never
        indexed, or indexed at another version), in any fixed order."""
        ...

    def term_counts(
        self, terms: Iterable[tuple[str, str]]
    ) -> tuple[int, dict[tuple[str, str], int]]:
        """The number of indexed passages, and per ``(field, term)`` the number of passages
        whose ``field`` holds ``term`` (0 when none). Exact or a close estimate: it
        decides which terms are too common to select candidates with."""
        ...

    def keyword_search(
        self, phrases: Sequence[Phrase], filters: SearchFilters, limit: int, max_rows: int
    ) -> list[PassageHit]:
        """Passages holding any of ``phrases``, best first, at most ``limit``.

        A phrase ``(field, terms)`` matches when ``terms`` occur consecutively in the
        passage's ``field``. Ranking is BM25-like over all the phrases (SQLite: FTS5
        ``bm25``; PostgreSQL: ``ts_rank_cd``); ``score`` is higher-better. When more
        than ``max_rows`` passages match, only the ``max_rows`` most recently indexed
        of them are ranked, so the time stays bounded. Filters apply to the ranked ones.
        Returns [] for no phrases.
        """
        ...

    def vector_search(
        self, vector: np.ndarray, filters: SearchFilters, limit: int
    ) -> list[PassageHit]:
        """Passages with a vector nearest ``vector`` (unit, float32) by cosine, best first.

        ``score`` is the cosine. Approximate (an HNSW index: usearch file beside the
        SQLite db; pgvector's hnsw) but every returned passage passes ``filters``; when
        approximate search finds fewer than ``limit`` that pass, the passages that
        pass are searched exactly. Sees every passage committed before the call.
        """
        ...

    def entity_documents(self, entity_id: str) -> list[str]:
        """Ids of the documents with at least one mention linked to ``entity_id``."""
        ...

    def name_expansions(self, keys: Iterable[str]) -> list[tuple[str, str, str]]:
        """``(key, lang, name)``: for every name key given, the names (any language) the
        same actor goes by, from the rows ``newsloom.search.names.expansion_rows`` made
        at the last :meth:`put_entities`. Keys come from ``newsloom.search.names.key``."""
        ...

    def close(self) -> None: ...
