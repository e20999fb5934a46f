"""Texts -> unit vectors in one multilingual space (see :mod:`newsloom.embed.encoder`)."""

from newsloom.embed.encoder import Encoder, USEEncoder, load_encoder

__all__ = ["Encoder", "USEEncoder", "load_encoder"]
