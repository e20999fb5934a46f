"""Quotes across documents: a quote and its translations or copies are one group.

Two quotes are one when their texts are close in the multilingual sentence encoder
and their speakers agree (see :func:`merge_quotes`). Each group keeps every
rendering: language, text, document and offsets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from newsloom.extract.quotes_direct import CJK, QuoteKind
from newsloom.model import Document, Quote, Relation

Embed = Callable[[list[str]], np.ndarray]


@dataclass
class Rendering:
    """One language's wording of a quote, in one document."""

    lang: str
    text: str
    document: str
    paragraph: int
    start: int
    end: int
    kind: QuoteKind

    def to_json(self) -> dict[str, object]:
        return {
            "lang": self.lang,
            "text": self.text,
            "document": self.document,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class QuoteGroup:
    """One quote with all its renderings: translations and copies across documents."""

    speaker: str | None
    """The speaker's entity id when linked, else the speaker's name."""
    renderings: list[Rendering] = field(default_factory=list)

    def main(self, lang: str = "en") -> Rendering:
        """The rendering to show: one in ``lang`` if any, else the first."""
        return next((r for r in self.renderings if r.lang == lang), self.renderings[0])

    def to_json(self, lang: str = "en") -> dict[str, object]:
        main = self.main(lang)
        return {
            "speaker": self.speaker,
            "text": main.text,
            "lang": main.lang,
            "document": main.document,
            "kind": main.kind,
            "renderings": [r.to_json() for r in self.renderings],
        }


def speaker_key(doc: Document, quote: Quote) -> str | None:
    """Who a quote is by, comparable across documents: entity id, else the lower-cased name."""
    if quote.speaker is None or quote.speaker >= len(doc.mentions):
        return None
    mn = doc.mentions[quote.speaker]
    return mn.entity or unicodedata.normalize("NFKC", mn.name).casefold()


def _script(key: str | None) -> str:
    if key is None:
        return "?"
    if CJK.search(key):
        return "Hani"
    return "Cyrl" if re.search(r"[а-яё]", key) else "Latn"


def merge_quotes(
    docs: Sequence[Document],
    relations: Sequence[Relation] = (),
    embed: Embed | None = None,
    min_cos: float = 0.6,
) -> list[QuoteGroup]:
    """Group the quotes of ``docs`` so that a quote and its translations are one.

    Two quotes are one when their texts' cosine (``embed``: the multilingual sentence
    encoder) reaches ``min_cos`` and their speakers agree: the same entity id or name;
    or names in different scripts (not comparable before linking) when the documents
    are one document, or related by ``relations`` (translation, duplicate, contains).
    Without ``embed`` only identical texts by one speaker are merged.

    Returns:
        The groups, in document order of their first rendering.
    """
    items: list[tuple[Document, Quote, str, str | None]] = []
    for doc in docs:
        for q in doc.quotes:
            text = doc.paragraphs[q.paragraph].text[q.start : q.end]
            items.append((doc, q, text, speaker_key(doc, q)))
    if not items:
        return []
    related = {(r.a, r.b) for r in relations} | {(r.b, r.a) for r in relations}
    if embed is not None:
        vectors = np.asarray(embed([t for _, _, t, _ in items]), dtype=np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True).clip(1e-9)
        sims = vectors @ vectors.T
    else:
        norm = [" ".join(t.casefold().split()) for _, _, t, _ in items]
        sims = np.array([[float(a == b) for b in norm] for a in norm], dtype=np.float32)
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    scripts = [_script(key) for *_, key in items]
    close_i, close_j = np.nonzero(np.triu(sims >= min_cos, k=1))  # row by row, as a loop would
    for i, j in zip(close_i.tolist(), close_j.tolist(), strict=True):
        (di, qi, _, ki), (dj, qj, _, kj) = items[i], items[j]
        if di.id == dj.id and qi.lang == qj.lang:
            continue
        same = ki is not None and ki == kj
        comparable = scripts[i] == scripts[j] and ki is not None
        linked = di.id == dj.id or (di.id, dj.id) in related
        if same or (not comparable and linked):
            parent[root(j)] = root(i)
    groups: dict[int, QuoteGroup] = {}
    for i, (doc, q, text, key) in enumerate(items):
        group = groups.setdefault(root(i), QuoteGroup(key))
        if group.speaker is None or (_script(group.speaker) != "Latn" and _script(key) == "Latn"):
            group.speaker = key or group.speaker
        group.renderings.append(
            Rendering(q.lang, text, doc.id, q.paragraph, q.start, q.end, q.kind)
        )
    return list(groups.values())
