"""Is one text a translation of another?  Sentence coverage along a monotone chain.

Two texts on the same story in two languages share names, numbers and
topic, so their mean vectors are close; what a translation has and a
sister article lacks is a sentence-for-sentence correspondence in reading
order.  The check is cheap (one similarity matrix from the stored sentence
vectors, no dynamic programme):

1. anchors: sentence pairs that are each other's best match with cosine at
   least ``min_cos``, reduced to their longest chain increasing in both
   texts (order survives translation; chance matches do not keep it);
2. coverage, on each side: the share of the text, by size, whose best match
   has cosine at least ``min_cos`` and falls between its neighbouring anchors
   (so a sentence split in two in translation still counts both halves).
   The lesser of the two decides: a translation renders all of its original,
   while a sister report of the same event matches only some sentences of
   each (on WMT21 ru-en, with ``min_cos`` 0.5: translations >= 0.76, sister
   reports <= 0.62; measured on the shorter side alone the two overlapped);
3. the sizes must be plausible for a translation (``min_size_ratio``,
   counted in Latin-letter equivalents, so 1 Chinese character ~ 2.8 letters).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np

from newsloom.relate.texts import Text


@dataclass(frozen=True)
class Coverage:
    """What the sentence check found, as it goes into a relation's evidence."""

    coverage: float
    """The lesser of the two texts' covered shares: a translation renders all of both."""
    covered: tuple[float, float]
    mean_cos: float
    anchors: int
    sentences: tuple[int, int]
    size_ratio: float

    def evidence(self) -> dict[str, object]:
        return {
            "coverage": round(self.coverage, 4),
            "covered": [round(c, 4) for c in self.covered],
            "mean_cos": round(self.mean_cos, 4),
            "anchors": self.anchors,
            "sentences": list(self.sentences),
            "size_ratio": round(self.size_ratio, 4),
        }


def _longest_chain(pairs: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The longest subsequence of ``pairs`` (sorted by first index) increasing in the second."""
    tails: list[int] = []  # tails[k]: smallest second index ending a chain of length k+1
    tail_at: list[int] = []
    back = [-1] * len(pairs)
    for n, (_, j, _) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k] = j
            tail_at[k] = n
        back[n] = tail_at[k - 1] if k else -1
    chain, n = [], tail_at[-1] if tail_at else -1
    while n >= 0:
        chain.append(pairs[n])
        n = back[n]
    return chain[::-1]


def _covered(sims: np.ndarray, anchors: list[tuple[int, int]], min_cos: float) -> np.ndarray:
    """Rows whose best column reaches ``min_cos`` and lies between the neighbouring anchors."""
    anchor_i = [i for i, _ in anchors]
    anchor_j = [j for _, j in anchors]
    best = sims.argmax(axis=1)
    out = np.zeros(len(sims), dtype=bool)
    for i, j in enumerate(best):
        if sims[i, j] < min_cos:
            continue
        k = bisect.bisect_left(anchor_i, i)
        if k < len(anchor_i) and anchor_i[k] == i:
            out[i] = True
            continue
        lo = anchor_j[k - 1] if k else -1
        hi = anchor_j[k] if k < len(anchor_j) else sims.shape[1]
        out[i] = lo <= j <= hi
    return out


def sentence_coverage(a: Text, b: Text, min_cos: float) -> Coverage | None:
    """Measure how much of each text the other renders, sentence by sentence, in order."""
    if a.vectors is None or b.vectors is None or not len(a.vectors) or not len(b.vectors):
        return None
    sims = a.vectors @ b.vectors.T
    best_j, best_i = sims.argmax(axis=1), sims.argmax(axis=0)
    mutual = [
        (i, int(j), float(sims[i, j]))
        for i, j in enumerate(best_j)
        if best_i[j] == i and sims[i, j] >= min_cos
    ]
    chain = _longest_chain(mutual)
    pairs = [(i, j) for i, j, _ in chain]
    covered = [
        float(text.sizes[mask].sum() / text.size) if text.size else 0.0
        for text, mask in (
            (a, _covered(sims, pairs, min_cos)),
            (b, _covered(sims.T, [(j, i) for i, j in pairs], min_cos)),
        )
    ]
    small, large = sorted((a.size, b.size))
    return Coverage(
        coverage=min(covered),
        covered=(covered[0], covered[1]),
        mean_cos=float(np.mean([c for _, _, c in chain])) if chain else 0.0,
        anchors=len(chain),
        sentences=(len(a.vectors), len(b.vectors)),
        size_ratio=small / large if large else 0.0,
    )


def is_translation(
    c: Coverage, min_coverage: float, min_size_ratio: float, min_anchors: int
) -> bool:
    """The verdict on a measured pair: enough of it covered, in order, at a plausible size."""
    return (
        c.coverage >= min_coverage and c.size_ratio >= min_size_ratio and c.anchors >= min_anchors
    )
