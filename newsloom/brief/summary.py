"""The most central sentences of a story: LexRank over sentence vectors, then MMR.

Why this method: a story's documents retell the same facts, so the sentences that many
other sentences resemble carry what the story is about. LexRank (Erkan & Radev 2004,
continuous form) turns that into a score: a graph whose nodes are sentences and whose
edges are cosines at or above ``threshold`` (weaker likeness is noise in the
multilingual encoder: unrelated news sentences score 0.1-0.3), row-normalised into a
random walk with ``damping``; its stationary distribution is the centrality. The
vectors are the stored multilingual ones (``Paragraph.vectors``), so a Chinese and a
Russian original vote for each other's sentences without translation; same-language
pairs still score higher than cross-language ones, which favours the story's commonest
language somewhat.

Only the primary text of each writing takes part (:mod:`newsloom.brief.sources`):
duplicates and translations would otherwise vote for their own originals' sentences.
Then maximal marginal relevance (Carbonell & Goldstein 1998) picks the summary:
each next sentence maximises ``lam * centrality - (1 - lam) * max cosine to those
already chosen``, so the second-best sentence is not the best one reworded by another
outlet.

No summarisation gold is at hand for these languages, so the weights are the
published defaults (threshold 0.1-0.3, damping 0.85), not fitted; ``lam`` is 0.5, lower
than single-document use (0.7), because across documents repetition is the norm.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsloom.lang.scripts import script_counts, weighted_size
from newsloom.model import Document


@dataclass(frozen=True)
class Candidate:
    """A sentence of a primary text: where it is, its text and its vector."""

    document: str
    lang: str
    paragraph: int
    sentence: int
    """Index into the paragraph's sentences."""
    text: str
    vector: np.ndarray


def candidates(doc: Document, lang: str, min_size: float) -> list[Candidate]:
    """The sentences of view ``lang`` of ``doc`` at least ``min_size`` Latin-letter
    equivalents long (shorter ones are datelines, credits and fragments)."""
    out = []
    for i in doc.views().get(lang, []):
        p = doc.paragraphs[i]
        texts = p.sentence_texts()
        if p.vectors is None or len(p.vectors) != len(texts):
            continue
        for s, (text, vector) in enumerate(zip(texts, p.vectors, strict=True)):
            text = text.strip()
            if weighted_size(script_counts(text)) >= min_size:
                out.append(Candidate(doc.id, lang, i, s, text, np.asarray(vector, np.float32)))
    return out


def lexrank(
    vectors: np.ndarray,
    threshold: float,
    damping: float,
    groups: np.ndarray | None = None,
    iterations: int = 200,
) -> np.ndarray:
    """Continuous LexRank centrality of unit row ``vectors``; scores sum to 1.

    With ``groups`` (one label per row), rows of one group do not vote for each other.
    A sentence like no other (no edge) spreads its vote evenly, as in PageRank.

    >>> v = np.array([[1.0, 0.0], [0.96, 0.28], [0.0, 1.0]], dtype=np.float32)
    >>> [round(float(x), 2) for x in lexrank(v, 0.5, 0.85)]
    [0.47, 0.47, 0.07]
    """
    n = len(vectors)
    if n == 0:
        return np.zeros(0, dtype=np.float64)
    sims = (vectors @ vectors.T).astype(np.float64)
    weights = np.where(sims >= threshold, sims, 0.0)
    np.fill_diagonal(weights, 0.0)
    if groups is not None:
        weights[groups[:, None] == groups[None, :]] = 0.0
    rows = weights.sum(axis=1, keepdims=True)
    walk = np.where(rows > 0, weights / np.where(rows > 0, rows, 1.0), 1.0 / n)
    p = np.full(n, 1.0 / n)
    for _ in range(iterations):
        nxt = (1.0 - damping) / n + damping * (walk.T @ p)
        if np.abs(nxt - p).sum() < 1e-9:
            return nxt
        p = nxt
    return p


def mmr(vectors: np.ndarray, scores: np.ndarray, k: int, lam: float) -> list[int]:
    """Indices of ``k`` rows picked by maximal marginal relevance (scores scaled to 0..1)."""
    if not len(scores):
        return []
    rel = scores / (scores.max() or 1.0)
    sims = vectors @ vectors.T
    chosen: list[int] = []
    left = set(range(len(scores)))
    while left and len(chosen) < k:
        best = max(
            sorted(left),
            key=lambda i: lam * rel[i] - (1 - lam) * max((sims[i, j] for j in chosen), default=0),
        )
        chosen.append(best)
        left.remove(best)
    return chosen


def central_sentences(
    cands: list[Candidate], k: int, threshold: float, damping: float, lam: float
) -> list[tuple[Candidate, float]]:
    """The ``k`` summary sentences with their centrality, most central first.

    With more than one text among ``cands``, a sentence gets votes only from the other
    texts: a sentence is central when other writings say it too, and a long article does
    not elect its own sentences (nor does one language, whose sentences are likelier
    alike). With a single text, its sentences vote for each other.
    """
    if not cands:
        return []
    vectors = np.vstack([c.vector for c in cands])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True).clip(1e-9)
    texts = [f"{c.document}#{c.lang}" for c in cands]
    groups = np.unique(texts, return_inverse=True)[1] if len(set(texts)) > 1 else None
    scores = lexrank(vectors, threshold, damping, groups)
    picked = mmr(vectors, scores, k, lam)
    return [(cands[i], float(scores[i])) for i in picked]
