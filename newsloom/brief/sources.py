"""A story's sources table and its writings.

A *source* is one text (a language view of a document) with where it came from
(outlet, date, file) and what it is (:mod:`newsloom.relate.provenance`). A *writing*
is one act of writing: a text with all its copies and translations, joined by the
stored relations. The briefing lets a writing speak once: its summary sentences and
quotes come from the writing's *primary* text (the original where one is known), so a
story told once and translated twice is not three votes for its sentences.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsloom.lang.scripts import script_counts, weighted_size
from newsloom.model import Document, Relation
from newsloom.relate.provenance import TextKind

# Which text of a writing speaks for it: the original, else a text of unknown direction,
# a (human) translation, a copy, and a machine translation last.
_PRIMARY_ORDER = ("original", "unknown", "translation", "duplicate", "machine_translation")


@dataclass(frozen=True)
class Source:
    """One row of the sources table."""

    document: str
    lang: str
    source: str
    outlet: str | None
    published: str | None
    title: str | None
    kind: TextKind

    @property
    def key(self) -> str:
        return f"{self.document}#{self.lang}"

    def to_json(self) -> dict[str, object]:
        return {
            "document": self.document,
            "lang": self.lang,
            "source": self.source,
            "outlet": self.outlet,
            "published": self.published,
            "title": self.title,
            **self.kind.to_json(),
        }


@dataclass(frozen=True)
class Writing:
    """A text with its copies and translations; ``primary`` speaks for all of them."""

    primary: str
    texts: tuple[str, ...]


def sources(docs: Iterable[Document], kinds: Mapping[str, TextKind]) -> list[Source]:
    """One row per language view, earliest publication first (undated last)."""
    rows = []
    for doc in docs:
        for lang in doc.views():
            title = doc.meta.titles.get(lang) or (
                doc.meta.title if len(doc.languages) == 1 else None
            )
            meta = doc.meta
            key = f"{doc.id}#{lang}"
            rows.append(
                Source(doc.id, lang, doc.source, meta.outlet, meta.published, title, kinds[key])
            )
    return sorted(rows, key=lambda s: (s.published is None, s.published or "", s.document))


def _size(doc: Document, lang: str) -> float:
    return weighted_size(script_counts(doc.view_text(lang)))


def writings(
    docs: Mapping[str, Document], relations: Iterable[Relation], kinds: Mapping[str, TextKind]
) -> list[Writing]:
    """The writings among ``docs``: texts joined by any relation, each with its primary text.

    The primary is the original where one is known, else by :data:`_PRIMARY_ORDER`, the
    larger text winning ties. Writings come largest first.
    """
    parent = {key: key for key in kinds}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for r in relations:
        a, b = f"{r.a}#{r.a_lang}", f"{r.b}#{r.b_lang}"
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for key in kinds:
        groups.setdefault(root(key), []).append(key)
    sizes = {}
    for key in kinds:
        doc_id, lang = key.rsplit("#", 1)
        sizes[key] = _size(docs[doc_id], lang)
    out = []
    for members in groups.values():
        primary = min(
            members,
            key=lambda k: (_PRIMARY_ORDER.index(kinds[k].kind), -sizes[k], k),
        )
        out.append(Writing(primary, tuple(sorted(members))))
    return sorted(out, key=lambda w: (-sizes[w.primary], w.primary))
