"""MemoEncoder gives the encoder's own vectors and encodes each distinct text once."""

from __future__ import annotations

import numpy as np

from newsloom.embed import load_encoder
from newsloom.embed.memo import MemoEncoder
from newsloom.settings import Settings

TEXTS = [
    "The dam's reservoir will take five years to fill.",
    "Водохранилище плотины будет заполняться пять лет.",
    "大坝水库将用五年时间蓄满。",
]


class Counting:
    """The real encoder, counting the texts it is asked to encode."""

    def __init__(self) -> None:
        self.real = load_encoder(Settings())
        self.dim = self.real.dim
        self.seen: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        return self.real.encode(texts)


def test_vectors_are_the_encoders_and_each_text_is_encoded_once() -> None:
    counting = Counting()
    memo = MemoEncoder(counting, size=10)
    batch = [TEXTS[0], TEXTS[1], TEXTS[0], TEXTS[2], TEXTS[1]]
    got = memo.encode(batch)
    np.testing.assert_allclose(got, counting.real.encode(batch), atol=1e-6)
    assert sorted(counting.seen) == sorted(TEXTS)
    counting.seen.clear()
    np.testing.assert_allclose(memo.encode(TEXTS[::-1]), got[[3, 1, 0]], atol=1e-6)
    assert counting.seen == []
    assert memo.encode([]).shape == (0, memo.dim)


def test_the_least_recently_used_text_is_forgotten_first() -> None:
    counting = Counting()
    memo = MemoEncoder(counting, size=2)
    memo.encode(TEXTS[:2])
    memo.encode([TEXTS[0]])  # TEXTS[0] is now the most recent
    memo.encode([TEXTS[2]])  # drops TEXTS[1]
    counting.seen.clear()
    memo.encode([TEXTS[0], TEXTS[1]])
    assert counting.seen == [TEXTS[1]]
