"""A text, the unit relations are between: one language view of a document, made comparable.

A :class:`Text` carries what the relation checks need and nothing else: the
shingle hashes of its normalised wording (for duplicates and containment), its
sentence vectors in reading order with each sentence's size (for translation
coverage) and its mean vector (for finding candidates).
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np

from newsloom.lang.scripts import script_counts, weighted_size
from newsloom.model import Document

# One token per CJK character (no spaces to split on), one per word elsewhere.
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]|[^\W_]+")
_UNSPACED = frozenset({"zh", "ja"})


@dataclass
class Text:
    """One language view of a document, ready for comparison."""

    doc_id: str
    lang: str
    shingles: np.ndarray
    """Sorted unique uint32 hashes of the view's shingles."""
    vectors: np.ndarray | None
    """Sentence vectors in reading order, (n, dim); None before embedding."""
    sizes: np.ndarray
    """Size of each sentence in Latin-letter equivalents, aligned with ``vectors``."""
    mean: np.ndarray | None

    @property
    def key(self) -> str:
        return f"{self.doc_id}#{self.lang}"

    @property
    def size(self) -> float:
        return float(self.sizes.sum())


def shingle_hashes(text: str, lang: str, words: int, chars: int) -> np.ndarray:
    """Stable hashes of the k-token shingles of ``text`` after normalisation.

    Case, punctuation and spacing do not count, so a copy that only differs
    in typography is still a duplicate.  Chinese and Japanese shingle
    ``chars`` characters, spaced languages ``words`` words.
    """
    tokens = _TOKEN.findall(unicodedata.normalize("NFKC", text).lower())
    k = chars if lang in _UNSPACED else words
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    grams = (
        ["\x1f".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)]
        if len(tokens) >= k
        else ["\x1f".join(tokens)]
    )
    return np.unique(np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint32))


def texts_of(doc: Document, words: int, chars: int) -> list[Text]:
    """The document's language views as :class:`Text` objects, largest language first."""
    out = []
    for lang, indices in doc.views().items():
        paragraphs = [doc.paragraphs[i] for i in indices]
        body = "\n".join(p.matching_text for p in paragraphs)
        rows, sizes = [], []
        for p in paragraphs:
            if p.vectors is None or not len(p.vectors):
                continue
            sentences = p.sentence_texts()
            rows.append(np.asarray(p.vectors, dtype=np.float32))
            if len(sentences) == len(p.vectors):
                sizes += [max(weighted_size(script_counts(s)), 1.0) for s in sentences]
            else:  # spans changed after embedding: share the paragraph's size out evenly
                share = max(weighted_size(script_counts(p.text)), 1.0) / len(p.vectors)
                sizes += [share] * len(p.vectors)
        vectors = np.vstack(rows) if rows else None
        out.append(
            Text(
                doc_id=doc.id,
                lang=lang,
                shingles=shingle_hashes(body, lang, words, chars),
                vectors=vectors,
                sizes=np.asarray(sizes, dtype=np.float32),
                mean=doc.view_vector(lang),
            )
        )
    return out
