"""Chinese script helpers every stage shares: one OpenCC converter per direction.

Loading an OpenCC dictionary costs milliseconds and each stage needs the same
conversion, so the converters live here, built once per process.
"""

from __future__ import annotations

import re
from functools import cache

import opencc

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@cache
def converter(config: str) -> opencc.OpenCC:
    """The OpenCC converter for ``config`` (``t2s``, ``s2t``), loaded on first use."""
    return opencc.OpenCC(config)


def has_han(text: str) -> bool:
    return HAN.search(text) is not None


def to_simplified(text: str) -> str:
    """Simplified form of any Chinese in ``text``; text without Han passes unchanged."""
    return converter("t2s").convert(text) if has_han(text) else text
