"""The storage interface. Callers use only this; SQLite is one backend of it.

Every method that writes is atomic: a document is stored whole or not at all,
so a killed ingest never leaves half a document, and adding the same content
again is a no-op (ids come from the content).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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


class Store(Protocol):
    def add(self, doc: Document, lines: tuple[str, Iterable[str]] | None = None) -> bool:
        """Store ``doc`` in one transaction; True if new, False if its id was there.

        ``lines`` is ``(source_key, line_hashes)`` for the recurring-line counts
        of the boilerplate stage; they are counted in the same transaction, and
        only when the document is new, so a re-run does not count twice.
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
        """Replace all entities; ``links[doc_id][k]`` is the k-th mention's entity."""
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

    def story_rows(self) -> list[dict[str, object]]:
        """Every story as a user sees it (titles, languages, span, members, related)."""
        ...

    def story_members(self, story_id: str) -> list[str]: ...

    def story_merges(self) -> list[tuple[str, str, str]]:
        """Recorded merges (from_id, into_id, at), oldest first."""
        ...

    def close(self) -> None: ...
