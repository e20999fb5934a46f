"""Remembered vectors for the read side: the same sentences are encoded on every page view.

A briefing aligns a story's translations, merges its quotes and its timeline across
languages, and each of those encodes sentences at request time. Views of one story
repeat the same texts, and copies of an article (wire stories re-posted by many
outlets) repeat them verbatim, so the vectors of recently seen texts are kept: a
text is encoded once per process, and once per call however often it occurs.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from newsloom.embed.encoder import Encoder

MEMO_TEXTS = 20_000
"""Texts remembered (2 KiB each: 40 MiB), least recently used dropped first."""


class MemoEncoder:
    """An :class:`Encoder` that encodes each distinct text once and remembers the latest ones.

    Safe to share between the threads of an API server: the table is guarded by a
    lock, and the encoder itself is called outside it.
    """

    def __init__(self, encoder: Encoder, size: int = MEMO_TEXTS) -> None:
        self.encoder = encoder
        self.dim = encoder.dim
        self.size = size
        self._seen: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        with self._lock:
            for i, text in enumerate(texts):
                vector = self._seen.get(text)
                if vector is None:
                    missing.setdefault(text, []).append(i)
                else:
                    self._seen.move_to_end(text)
                    out[i] = vector
        if missing:
            fresh = np.asarray(self.encoder.encode(list(missing)), dtype=np.float32)
            with self._lock:
                for (text, rows), vector in zip(missing.items(), fresh, strict=True):
                    out[rows] = vector
                    self._seen[text] = vector
                while len(self._seen) > self.size:
                    self._seen.popitem(last=False)
        return out
