"""Texts -> unit vectors in one multilingual space (see :mod:`newsloom.embed.encoder`)."""

from newsloom.embed.blob import from_blob, to_blob
from newsloom.embed.encoder import Encoder, USEEncoder, load_encoder, to_simplified
from newsloom.embed.fast import FastUSEEncoder

__all__ = [
    "Encoder",
    "FastUSEEncoder",
    "USEEncoder",
    "from_blob",
    "load_encoder",
    "to_blob",
    "to_simplified",
]
