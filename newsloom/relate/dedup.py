"""Duplicates and containment: MinHash LSH to find candidates, exact shingle sets to decide.

The LSH index only proposes; the decision is taken on the exact shingle
sets of the two texts, which costs one sorted-array intersection per
candidate and never mistakes a near miss of the sketch for a duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsloom.model import Relation, RelationType
from newsloom.relate.texts import Text


def _identity(value: int) -> int:
    return value


class ShingleIndex:
    """MinHash LSH over texts' shingle hashes, keyed by text key.

    Args:
        threshold: the Jaccard similarity around which a pair becomes a candidate;
            low enough that a text three times longer than one it contains is found.
        num_perm: MinHash permutations.

    Example:
        >>> index = ShingleIndex(0.3, 128)
        >>> index.add("a#en", np.array([1, 2, 3], dtype=np.uint32))
        >>> index.query(np.array([1, 2, 3], dtype=np.uint32))
        ['a#en']
    """

    def __init__(self, threshold: float, num_perm: int) -> None:
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        template = MinHash(num_perm=num_perm, seed=1)
        self._permutations, self._scheme = template.permutations, template.scheme

    def _sketch(self, hashes: np.ndarray) -> MinHash:
        # The permutations are drawn once: drawing them is most of a small sketch's cost.
        sketch = MinHash(
            num_perm=self.num_perm,
            seed=1,
            hashfunc=_identity,
            permutations=self._permutations,
            scheme=self._scheme,
        )
        sketch.update_batch(hashes.tolist())
        return sketch

    def add(self, key: str, hashes: np.ndarray) -> None:
        if not len(hashes) or key in self._lsh:
            return
        self._lsh.insert(key, self._sketch(hashes))

    def query(self, hashes: np.ndarray) -> list[str]:
        if not len(hashes):
            return []
        return sorted(self._lsh.query(self._sketch(hashes)))

    def __contains__(self, key: str) -> bool:
        return key in self._lsh


@dataclass(frozen=True)
class Overlap:
    """Exact shingle overlap of two texts of the same language."""

    jaccard: float
    a_in_b: float
    """Share of ``a``'s shingles found in ``b``."""
    b_in_a: float
    a_shingles: int
    b_shingles: int


def overlap(a: Text, b: Text) -> Overlap:
    common = len(np.intersect1d(a.shingles, b.shingles, assume_unique=True))
    na, nb = len(a.shingles), len(b.shingles)
    union = na + nb - common
    return Overlap(
        jaccard=common / union if union else 0.0,
        a_in_b=common / na if na else 0.0,
        b_in_a=common / nb if nb else 0.0,
        a_shingles=na,
        b_shingles=nb,
    )


def classify(
    a: Text, b: Text, duplicate_jaccard: float, contains_share: float, contains_growth: float
) -> Relation | None:
    """The duplicate or contains relation between two same-language texts, or None.

    Duplicate: Jaccard at least ``duplicate_jaccard``; the shorter text is
    ``a``, the fuller one ``b``.  Contains: at least ``contains_share`` of
    the shorter text's shingles lie in the longer one, which is ``a`` and
    has at least ``contains_growth`` times as many shingles (an edited copy
    of about the same length is neither: it holds changes, not more text).
    """
    if a.lang != b.lang:
        return None
    o = overlap(a, b)
    evidence: dict[str, object] = {
        "jaccard": round(o.jaccard, 4),
        "shingles": [o.a_shingles, o.b_shingles],
    }
    short, long_ = (a, b) if (o.a_shingles, a.key) <= (o.b_shingles, b.key) else (b, a)
    share = o.a_in_b if short is a else o.b_in_a
    evidence["containment"] = round(share, 4)
    if o.jaccard >= duplicate_jaccard:
        return _relation("duplicate", short, long_, o.jaccard, evidence)
    if share >= contains_share and len(long_.shingles) >= contains_growth * len(short.shingles):
        return _relation("contains", long_, short, share, evidence)
    return None


def _relation(kind: RelationType, a: Text, b: Text, score: float, evidence: dict) -> Relation:
    return Relation(a.doc_id, a.lang, b.doc_id, b.lang, kind, round(score, 4), evidence=evidence)
