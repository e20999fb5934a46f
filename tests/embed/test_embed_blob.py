"""Stored vectors: int8 + scale bytes come back as unit rows close to the originals."""

from __future__ import annotations

import numpy as np
import pytest

from newsloom.embed import from_blob, to_blob
from newsloom.errors import StoreError


def unit_rows(n: int, dim: int, seed: int) -> np.ndarray:
    rows = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_round_trip_keeps_direction_and_halves_float16() -> None:
    vecs = unit_rows(50, 512, seed=1)
    blob = to_blob(vecs)
    assert len(blob) == 50 * (512 + 4)
    back = from_blob(blob, 512)
    assert back.shape == (50, 512) and back.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(back, axis=1), 1.0, atol=1e-5)
    assert float((back * vecs).sum(axis=1).min()) > 0.9999
    # Pairwise similarities move by far less than any threshold's resolution.
    assert float(np.abs(back @ back.T - vecs @ vecs.T).max()) < 0.005


def test_single_vector_zero_vector_and_no_rows() -> None:
    one = unit_rows(1, 8, seed=2)[0]
    np.testing.assert_allclose(from_blob(to_blob(one), 8)[0], one, atol=0.01)
    assert not from_blob(to_blob(np.zeros(8, np.float32)), 8).any()
    assert from_blob(b"", 8).shape == (0, 8)


def test_truncated_blob_is_a_store_error() -> None:
    blob = to_blob(unit_rows(2, 16, seed=3))
    with pytest.raises(StoreError, match="NL402"):
        from_blob(blob[:-1], 16)
