"""The embed.sentences stage: one unit row per sentence of the content, nothing for clutter."""

from __future__ import annotations

import numpy as np

from newsloom.embed.stage import SentenceVectors
from newsloom.lang.sentences import split_sentences
from newsloom.model import Document, Paragraph
from newsloom.pipeline import registered
from newsloom.settings import Settings


def _paragraph(text: str, lang: str, **kw: object) -> Paragraph:
    return Paragraph(text=text, lang=lang, sentences=split_sentences(text, lang), **kw)


def test_one_unit_row_per_sentence_of_content_only() -> None:
    doc = Document(
        id="d",
        source="d.txt",
        kind="text",
        encoding="utf-8",
        languages=["en", "zh"],
        paragraphs=[
            _paragraph("Harbour talks resume", "en", role="title"),
            _paragraph(
                "The talks resumed on Monday. Both sides sent new envoys. No date was set.", "en"
            ),
            _paragraph("會談週一恢復。雙方派出了新的特使。", "zh"),
            _paragraph("Read more", "en", boilerplate=True, reason="read_more"),
        ],
    )
    doc.paragraphs[0].vectors = np.ones((1, 512), dtype=np.float32)  # stale: must be cleared
    doc = SentenceVectors(Settings())(doc)
    title, english, chinese, clutter = doc.paragraphs
    assert title.vectors is None and clutter.vectors is None
    assert english.vectors.shape == (3, 512) and chinese.vectors.shape == (2, 512)
    rows = np.vstack([english.vectors, chinese.vectors])
    assert rows.dtype == np.float32
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-3)
    # Rows follow the sentences: the Chinese "talks resumed on Monday" sentence is nearest
    # to its English counterpart, not to the envoy sentence.
    sims = chinese.vectors @ english.vectors.T
    assert sims[0].argmax() == 0 and sims[1].argmax() == 1


def test_registered_after_sentences() -> None:
    factory = registered()["embed.sentences"]
    assert factory.requires == ("lang.sentences",)
