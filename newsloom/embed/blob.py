"""Compact bytes for stored vectors: int8 codes with one float32 scale per row.

A row is ``<f4 scale><dim x i1 codes>`` (516 bytes for 512 dims, half of
float16, a quarter of float32), with ``value = code * scale`` and the scale set
so the largest component maps to +-127. Measured on USE vectors (bench/
tatoeba_retrieval.py): cosine to the float32 vector >= 0.9999, pairwise
similarities off by at most 0.002 (mean 0.0003), and Tatoeba nearest-neighbour
accuracy unchanged within one sentence in 1,000 for every language. float16
loses ten times less but takes twice the space for no measurable gain.
"""

from __future__ import annotations

import numpy as np

from newsloom.errors import StoreError

_SCALE = np.dtype("<f4")


def to_blob(vecs: np.ndarray) -> bytes:
    """Bytes of one vector ``(dim,)`` or of rows ``(n, dim)``, in row order.

    Example:
        >>> len(to_blob(np.ones(512, dtype=np.float32) / np.sqrt(512)))
        516
    """
    rows = np.atleast_2d(np.asarray(vecs, dtype=np.float32))
    peak = np.abs(rows).max(axis=1) if rows.size else np.zeros(len(rows), np.float32)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(_SCALE)
    codes = np.rint(rows / scale[:, None]).astype(np.int8)
    packed = np.empty((len(rows), _SCALE.itemsize + rows.shape[1]), dtype=np.uint8)
    packed[:, : _SCALE.itemsize] = scale.view(np.uint8).reshape(len(rows), _SCALE.itemsize)
    packed[:, _SCALE.itemsize :] = codes.view(np.uint8)
    return packed.tobytes()


def from_blob(blob: bytes, dim: int) -> np.ndarray:
    """``(n, dim)`` float32 unit rows from :func:`to_blob` bytes.

    Raises:
        StoreError: the blob is not a whole number of ``dim``-wide rows (NL402).
    """
    width = _SCALE.itemsize + dim
    if len(blob) % width:
        raise StoreError("NL402", None, size=len(blob), dim=dim)
    packed = np.frombuffer(blob, dtype=np.uint8).reshape(-1, width)
    scale = packed[:, : _SCALE.itemsize].copy().view(_SCALE).astype(np.float32)
    rows = packed[:, _SCALE.itemsize :].view(np.int8).astype(np.float32)
    rows *= scale
    norm = np.linalg.norm(rows, axis=1, keepdims=True)
    rows /= np.where(norm > 0, norm, 1.0)
    return rows
