"""Nearest texts by mean vector: the candidate pairs for translation (and containment) checks.

Up to ``exact_max`` texts the search is an exact matrix product in numpy,
which at that size costs less than maintaining a graph and never misses.
Past it the rows move into a usearch HNSW index, whose search cost grows
with the logarithm of the pile rather than its size.
"""

from __future__ import annotations

import numpy as np

from newsloom.errors import StoreError


class VectorIndex:
    """Unit vectors keyed by text key; ``search`` gives the nearest ones above a floor.

    Example:
        >>> index = VectorIndex(dim=2, exact_max=100)
        >>> index.add("a#en", np.array([1.0, 0.0], dtype=np.float32))
        >>> index.search(np.array([1.0, 0.0], dtype=np.float32), k=5, floor=0.5)
        [('a#en', 1.0)]
    """

    def __init__(self, dim: int, exact_max: int) -> None:
        self.dim = dim
        self.exact_max = exact_max
        self._keys: list[str] = []
        self._ids: dict[str, int] = {}
        self._rows = np.zeros((64, dim), dtype=np.float32)
        self._ann = None  # usearch Index once the pile outgrows exact search

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: str) -> bool:
        return key in self._ids

    def add(self, key: str, vector: np.ndarray) -> None:
        """Add one text's mean vector; a key already present is left as it is."""
        self.add_many([key], np.asarray(vector, dtype=np.float32)[None, :])

    def add_many(self, keys: list[str], vectors: np.ndarray) -> None:
        """Add several texts at once (one HNSW batch insert past ``exact_max``)."""
        rows, fresh = [], []
        for key, vector in zip(keys, vectors, strict=True):
            if key not in self._ids and key not in fresh:
                rows.append(self._row(vector, key))
                fresh.append(key)
        if not fresh:
            return
        first = len(self._keys)
        for n, key in enumerate(fresh, first):
            self._ids[key] = n
            self._keys.append(key)
        block = np.vstack(rows)
        if self._ann is not None:
            self._ann.add(np.arange(first, first + len(fresh), dtype=np.uint64), block)
            return
        while len(self._rows) < len(self._keys):
            self._rows = np.vstack([self._rows, np.zeros_like(self._rows)])
        self._rows[first : len(self._keys)] = block
        if len(self._keys) > self.exact_max:
            self._build_ann()

    def _row(self, vector: np.ndarray, where: str) -> np.ndarray:
        vector = np.asarray(vector, dtype=np.float32).ravel()
        if vector.shape != (self.dim,):
            raise StoreError("NL151", where, found=vector.size, expected=self.dim)
        return vector

    def _build_ann(self) -> None:
        from usearch.index import Index

        n = len(self._keys)
        self._ann = Index(ndim=self.dim, metric="cos", dtype="f32")
        self._ann.add(np.arange(n, dtype=np.uint64), self._rows[:n])
        self._rows = np.zeros((0, self.dim), dtype=np.float32)

    def search(self, vector: np.ndarray, k: int, floor: float) -> list[tuple[str, float]]:
        """Up to ``k`` keys with cosine at least ``floor``, most similar first."""
        return self.search_many(np.asarray(vector, dtype=np.float32)[None, :], k, floor)[0]

    def search_many(
        self, vectors: np.ndarray, k: int, floor: float
    ) -> list[list[tuple[str, float]]]:
        """:meth:`search` for each row of ``vectors``, in one matrix product (or ANN batch)."""
        n = len(self._keys)
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim:
            raise StoreError("NL151", "query", found=vectors.shape[-1], expected=self.dim)
        if not n or not len(vectors):
            return [[] for _ in vectors]
        k = min(k, n)
        if self._ann is None:
            sims = vectors @ self._rows[:n].T
            top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
            found = []
            for row, cols in zip(sims, top, strict=True):
                cols = cols[np.argsort(-row[cols], kind="stable")]
                found.append([(int(c), float(row[c])) for c in cols])
        else:
            matches = self._ann.search(vectors, count=k)
            # One query gives flat Matches, several give BatchMatches: make both 2-D.
            keys = np.asarray(matches.keys).reshape(len(vectors), -1)
            dists = np.asarray(matches.distances).reshape(len(vectors), -1)
            counts = np.atleast_1d(getattr(matches, "counts", len(keys[0])))
            found = [
                [(int(i), 1.0 - float(d)) for i, d in zip(ks[:c], ds[:c], strict=True)]
                for ks, ds, c in zip(keys, dists, counts, strict=True)
            ]
        return [[(self._keys[i], round(s, 6)) for i, s in row if s >= floor] for row in found]
