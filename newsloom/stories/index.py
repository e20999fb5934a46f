"""Approximate nearest-neighbour search over story vectors (usearch HNSW).

Assignment looks only at the few stories nearest a new piece, so its cost stays
flat as the collection grows. Vectors are stored as f16 by default (half the
memory of f32, cosines within 1e-3); i8 halves it again.
"""

from __future__ import annotations

import numpy as np
from usearch.index import Index


class StoryIndex:
    """Story id -> vector, searched by cosine. Updating a story replaces its vector."""

    def __init__(
        self, ndim: int, dtype: str = "f16", connectivity: int = 16, expansion_search: int = 64
    ) -> None:
        self._index = Index(
            ndim=ndim,
            metric="cos",
            dtype=dtype,
            connectivity=connectivity,
            expansion_search=expansion_search,
        )
        self._keys: dict[str, int] = {}
        self._ids: dict[int, str] = {}
        self._next = 0

    def __len__(self) -> int:
        return len(self._keys)

    def put(self, story_id: str, vector: np.ndarray) -> None:
        """Insert the story, or replace its vector."""
        self.remove(story_id)
        key = self._next
        self._next += 1
        self._keys[story_id] = key
        self._ids[key] = story_id
        self._index.add(key, np.asarray(vector, dtype=np.float32))

    def put_many(self, story_ids: list[str], vectors: np.ndarray) -> None:
        """Bulk insert of stories not yet in the index (loading a store, benchmarks)."""
        keys = np.arange(self._next, self._next + len(story_ids), dtype=np.uint64)
        self._next += len(story_ids)
        for story_id, key in zip(story_ids, keys.tolist(), strict=True):
            self._keys[story_id] = key
            self._ids[key] = story_id
        if len(story_ids):
            self._index.add(keys, np.asarray(vectors, dtype=np.float32))

    def remove(self, story_id: str) -> None:
        key = self._keys.pop(story_id, None)
        if key is not None:
            del self._ids[key]
            self._index.remove(key)

    def search(self, vector: np.ndarray, count: int) -> list[tuple[str, float]]:
        """Up to ``count`` nearest stories with their cosine similarity, nearest first."""
        if not self._keys:
            return []
        matches = self._index.search(np.asarray(vector, dtype=np.float32), count)
        return [
            (self._ids[int(k)], 1.0 - float(d))
            for k, d in zip(matches.keys, matches.distances, strict=True)
            if int(k) in self._ids
        ]

    @property
    def memory_bytes(self) -> int:
        return int(self._index.memory_usage)
