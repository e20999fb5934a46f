"""The dynamic-programming core of the aligner: banded search over bead types, arrays only.

A DP state ``(i, j)`` means "the first ``i`` source and ``j`` target sentences are
aligned". A bead of type ``(a, b)`` ends at a state and covers ``src[i-a:i]`` and
``tgt[j-b:j]``. The search runs inside a *band*: for each row ``i`` only the
columns ``lo[i]..hi[i]`` exist, stored flat (row ``i`` starts at ``offsets[i]``),
so time and memory grow with the band's area, not with ``n * m``. Like Vecalign's
``dp_utils`` this module knows nothing of texts or files: callers pass scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

BeadType = tuple[int, int]


@dataclass(frozen=True, eq=False)
class Band:
    """Allowed columns ``lo[i]..hi[i]`` (inclusive) for each row ``i`` in ``0..n``."""

    lo: np.ndarray
    hi: np.ndarray

    @property
    def n(self) -> int:
        return len(self.lo) - 1

    @property
    def m(self) -> int:
        return int(self.hi[-1])

    @cached_property
    def offsets(self) -> np.ndarray:
        return np.concatenate([[0], np.cumsum(self.hi - self.lo + 1)])

    @cached_property
    def cells(self) -> tuple[np.ndarray, np.ndarray]:
        """Row and column of every cell, in flat order."""
        widths = self.hi - self.lo + 1
        rows = np.repeat(np.arange(len(self.lo)), widths)
        cols = np.arange(int(widths.sum())) - np.repeat(self.offsets[:-1] - self.lo, widths)
        return rows, cols

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64))

    @classmethod
    def around(cls, path: Sequence[tuple[int, int]], n: int, m: int, width: int) -> Band:
        """The cells within ``width`` columns of a path that visits every row."""
        lo = np.full(n + 1, m, dtype=np.int64)
        hi = np.zeros(n + 1, dtype=np.int64)
        rows = np.array([p[0] for p in path])
        cols = np.array([p[1] for p in path])
        np.minimum.at(lo, rows, cols)
        np.maximum.at(hi, rows, cols)
        lo = np.maximum(lo - width, 0)
        hi = np.minimum(hi + width, m)
        lo[0], hi[-1] = 0, m
        return cls(lo, hi)


def band_dot(a: np.ndarray, b: np.ndarray, band: Band, chunk: int = 64) -> np.ndarray:
    """``a[i] @ b[j]`` for every cell ``(i, j)`` of the band, in flat order.

    Rows are taken in chunks and multiplied against the column span the chunk
    covers, so a narrow band costs about its area and a full band one matmul.
    """
    offsets = band.offsets
    rows, cols = band.cells
    out = np.empty(int(offsets[-1]), dtype=np.float32)
    for r0 in range(0, band.n + 1, chunk):
        r1 = min(r0 + chunk, band.n + 1)
        c0, c1 = int(band.lo[r0:r1].min()), int(band.hi[r0:r1].max()) + 1
        block = a[r0:r1] @ b[c0:c1].T
        cells = slice(offsets[r0], offsets[r1])
        out[cells] = block[rows[cells] - r0, cols[cells] - c0]
    return out


def search(
    band: Band,
    types: Sequence[BeadType],
    scores: dict[BeadType, np.ndarray],
    skip_src: np.ndarray,
    skip_tgt: np.ndarray,
) -> list[tuple[int, int, int, int, float]]:
    """Best-scoring path from ``(0, 0)`` to ``(n, m)`` inside the band.

    Args:
        band: the allowed cells.
        types: bead types with ``a >= 1`` and ``b >= 1``; ``(1, 0)`` and ``(0, 1)``
            (a sentence left unaligned) are always allowed.
        skip_src, skip_tgt: the score of leaving out segment ``k - 1``, at index ``k``.
        scores: per type, the flat band array of the score of a bead of that type
            ending at each cell.

    Returns:
        Beads ``(i0, i1, j0, j1, score)`` covering ``src[i0:i1]`` and ``tgt[j0:j1]``.
    """
    lo, hi, offsets = band.lo, band.hi, band.offsets
    n = band.n
    all_types = [*types, (1, 0)]
    dp = np.full(int(offsets[-1]), -np.inf)
    back = np.full(int(offsets[-1]), -1, dtype=np.int16)
    zero_one = len(all_types)
    cand = np.empty((len(all_types), int((hi - lo).max()) + 1))
    for i in range(n + 1):
        width = int(hi[i] - lo[i] + 1)
        cand[:, :width] = -np.inf
        for t, (a, b) in enumerate(all_types):
            p = i - a
            if p < 0:
                continue
            j0, j1 = max(lo[i], lo[p] + b), min(hi[i], hi[p] + b)
            if j0 > j1:
                continue
            prev = dp[offsets[p] + j0 - b - lo[p] : offsets[p] + j1 - b - lo[p] + 1]
            if b == 0:
                sc: np.ndarray | float = skip_src[i]
            else:
                sc = scores[(a, b)][offsets[i] + j0 - lo[i] : offsets[i] + j1 - lo[i] + 1]
            np.add(prev, sc, out=cand[t, j0 - lo[i] : j1 - lo[i] + 1])
        arg = cand[:, :width].argmax(axis=0).astype(np.int16)
        best = cand[arg, np.arange(width)]
        arg[best == -np.inf] = -1
        if i == 0 and lo[0] == 0:
            best[0], arg[0] = 0.0, -1
        # (0, 1) beads chain along the row: dp[j] = max(best[j], dp[j - 1] + skip[j]),
        # a running maximum once the prefix sums of the skips are taken out.
        costs = np.cumsum(skip_tgt[lo[i] : hi[i] + 1])
        row = np.maximum.accumulate(best - costs) + costs
        arg[row > best + 1e-9] = zero_one
        dp[offsets[i] : offsets[i] + width] = row
        back[offsets[i] : offsets[i] + width] = arg
    return _backtrack(band, [*all_types, (0, 1)], back, scores, skip_src, skip_tgt)


def _backtrack(
    band: Band,
    types: Sequence[BeadType],
    back: np.ndarray,
    scores: dict[BeadType, np.ndarray],
    skip_src: np.ndarray,
    skip_tgt: np.ndarray,
) -> list[tuple[int, int, int, int, float]]:
    i, j = band.n, band.m
    offsets, lo = band.offsets, band.lo
    beads = []
    while i > 0 or j > 0:
        cell = offsets[i] + j - lo[i]
        t = back[cell]
        if t < 0:
            raise RuntimeError("alignment band holds no path")  # a bug, not a user error
        a, b = types[t]
        gain = skip_src[i] if b == 0 else skip_tgt[j] if a == 0 else scores[(a, b)][cell]
        beads.append((i - a, i, j - b, j, float(gain)))
        i, j = i - a, j - b
    beads.reverse()
    return beads
