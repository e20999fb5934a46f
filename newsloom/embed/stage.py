"""The ``embed.sentences`` stage: one unit vector per sentence of the article's content.

Only content paragraphs are embedded: clutter and headers would pull a view's
mean vector away from what the article says, and nothing downstream compares
them.  All sentences of a document go to the encoder in one call, because the
encoder's cost is dominated by per-call overhead on short batches.
"""

from __future__ import annotations

from typing import ClassVar

from newsloom.embed.encoder import Encoder, load_encoder
from newsloom.model import Document
from newsloom.pipeline import stage
from newsloom.settings import Settings


@stage
class SentenceVectors:
    """Fill ``Paragraph.vectors`` (one row per sentence) for every content paragraph.

    Non-content paragraphs get ``vectors = None``, so a paragraph that a
    rerun of the boilerplate stage demoted does not keep stale rows.
    """

    name: ClassVar[str] = "embed.sentences"
    version: ClassVar[str] = "v1"
    requires: ClassVar[tuple[str, ...]] = ("lang.sentences",)

    def __init__(self, settings: Settings, encoder: Encoder | None = None) -> None:
        self.encoder = encoder or load_encoder(settings)

    def __call__(self, doc: Document) -> Document:
        texts: list[str] = []
        owners: list[tuple[int, int, int]] = []  # (paragraph index, first row, row count)
        for i, p in enumerate(doc.paragraphs):
            p.vectors = None
            if not p.is_content:
                continue
            sentences = p.sentence_texts()
            owners.append((i, len(texts), len(sentences)))
            texts.extend(sentences)
        if not texts:
            return doc
        rows = self.encoder.encode(texts)
        for i, first, n in owners:
            doc.paragraphs[i].vectors = rows[first : first + n]
        return doc
