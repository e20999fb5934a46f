"""How a document is cut into search passages, the unit both search sides rank.

A passage is up to :data:`PASSAGE_SENTENCES` consecutive sentences of one
paragraph: titles (keyword side only: titles carry no sentence vectors) and
content paragraphs (body, not boilerplate). Headers, bylines and clutter are not
searched. Why passages and not single sentences: a 100k-document collection
holds ~2.5M sentences but ~1.2M passages, which halves the vector index (its
memory and its build time, ~1 ms a vector on one core) and the full-text rows,
while the result still names the best sentence inside the passage (scored
exactly with the stored sentence vectors at display time). Why not whole
paragraphs: a long Chinese paragraph can hold eight sentences, whose mean
vector no longer resembles any one of them.

The passage vector is the unit mean of its sentences' vectors. Changing the cut
or the tokenisation changes what is stored: bump :data:`INDEX_VERSION` and
stored documents are re-indexed on the next search.
"""

from __future__ import annotations

import numpy as np

from newsloom.model import Document, Paragraph
from newsloom.search.tokens import grams, words
from newsloom.store.base import Passage

PASSAGE_SENTENCES = 3
INDEX_VERSION = 1
"""Version of the passage cut and tokenisation (:mod:`newsloom.search.tokens`)."""


def searchable(p: Paragraph) -> bool:
    """Titles and content paragraphs in a known language are searched."""
    return bool(p.lang) and not p.boilerplate and p.role in ("title", "body")


def sentence_spans(p: Paragraph) -> list[tuple[int, int]]:
    """The paragraph's sentence spans; the whole text when it has none."""
    return list(p.sentences) or [(0, len(p.text))]


def document_passages(doc: Document) -> list[Passage]:
    """Every search passage of ``doc``, in paragraph and sentence order."""
    out: list[Passage] = []
    for index, p in enumerate(doc.paragraphs):
        if not searchable(p):
            continue
        spans = sentence_spans(p)
        vectors = p.vectors if p.vectors is not None and len(p.vectors) == len(spans) else None
        for first in range(0, len(spans), PASSAGE_SENTENCES):
            last = first + PASSAGE_SENTENCES
            chunk = spans[first:last]
            text = p.text[chunk[0][0] : chunk[-1][1]]
            out.append(
                Passage(
                    paragraph=index,
                    first=first,
                    count=len(chunk),
                    lang=p.lang,
                    words=" ".join(t.term for t in words(text, p.lang)),
                    grams=" ".join(t.term for t in grams(text)),
                    vector=None if vectors is None else _unit_mean(vectors[first:last]),
                )
            )
    return out


def _unit_mean(rows: np.ndarray) -> np.ndarray:
    mean = np.asarray(rows, dtype=np.float32).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else mean
