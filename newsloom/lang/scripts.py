"""Writing systems: which script a text is written in, and how much text it holds.

The script settles most language questions before any model is asked: Han
without kana is Chinese, Hangul is Korean, Cyrillic can only be one of the
configured Cyrillic languages.  It also gives a fair measure of "how much
text": one Chinese character carries about as much as three Latin letters, so
shares of a bilingual document are counted in Latin-letter equivalents.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import numpy as np

# Code point ranges of the scripts newsloom tells apart (letters only: no digits,
# punctuation or symbols, so a line of numbers has no script at all).
_RANGES: dict[str, str] = {
    "Latn": "A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "Cyrl": "\u0400-\u0481\u048a-\u052f",
    "Grek": "\u0370-\u03ff\u1f00-\u1fff",
    "Armn": "\u0531-\u0587",
    "Hebr": "\u05d0-\u05ea",
    "Arab": "\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc",
    "Deva": "\u0900-\u0963\u0971-\u097f",
    "Beng": "\u0980-\u09e3",
    "Guru": "\u0a00-\u0a63",
    "Gujr": "\u0a80-\u0ae3",
    "Taml": "\u0b80-\u0be3",
    "Telu": "\u0c00-\u0c63",
    "Thai": "\u0e01-\u0e4e",
    "Geor": "\u10a0-\u10ff",
    "Hang": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "Kana": "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f",
    "Hani": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef",
}

_NAMES: tuple[str, ...] = ("", *_RANGES)
_LIMIT = 0x30000


def _table() -> np.ndarray:
    """Script index (into ``_NAMES``) of every code point below ``_LIMIT``; 0 is "no letter"."""
    table = np.zeros(_LIMIT, dtype=np.uint8)
    for index, chars in enumerate(_RANGES.values(), start=1):
        for found in re.finditer(r"(.)(?:-(.))?", chars):
            lo = ord(found.group(1))
            hi = ord(found.group(2)) if found.group(2) else lo
            table[lo : min(hi, _LIMIT - 1) + 1] = index
    return table


_TABLE = _table()

# Languages written in each non-Latin script (ISO 639-1, as lingua names them).
# A configured language not listed here is taken to be written in Latin script.
SCRIPT_LANGUAGES: dict[str, tuple[str, ...]] = {
    "Cyrl": ("ru", "uk", "bg", "be", "sr", "mk", "kk", "mn"),
    "Grek": ("el",),
    "Armn": ("hy",),
    "Hebr": ("he",),
    "Arab": ("ar", "fa", "ur"),
    "Deva": ("hi", "mr"),
    "Beng": ("bn",),
    "Guru": ("pa",),
    "Gujr": ("gu",),
    "Taml": ("ta",),
    "Telu": ("te",),
    "Thai": ("th",),
    "Geor": ("ka",),
    "Hang": ("ko",),
    "Kana": ("ja",),
    "Hani": ("zh", "ja"),
}

# Latin-letter equivalents of one letter, measured on the Tatoeba test set
# (LASER v1): English letters per letter of the translation, 1,000 sentence
# pairs each. cmn 2.85, kor 2.11, jpn 1.85 (kanji and kana together), ara 1.16,
# rus 0.99, tha 0.96, deu 0.83; scripts not listed count 1.
SCRIPT_WEIGHT: dict[str, float] = {"Hani": 2.8, "Hang": 2.1, "Kana": 1.4, "Arab": 1.2}
_EMBEDDED_LATIN = 2.0


_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())


@lru_cache(maxsize=4096)
def script_counts(text: str) -> Counter[str]:
    """Letters per script (e.g. ``{"Hani": 40, "Latn": 12}``); digits and symbols do not count.

    Runs on every paragraph in two stages, hence the cache (callers must not
    change the result) and the shortcuts: plain ASCII is counted by deleting
    non-letters in C, anything else by one numpy table look-up per character.
    """
    if text.isascii():
        letters = len(text.encode("ascii").translate(None, _ASCII_NON_LETTERS))
        return Counter({"Latn": letters}) if letters else Counter()
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    hist = np.bincount(_TABLE[np.minimum(codes, _LIMIT - 1)], minlength=len(_NAMES))
    return Counter({_NAMES[i]: int(hist[i]) for i in np.flatnonzero(hist[1:]) + 1})


def weighted_size(counts: Counter[str]) -> float:
    """How much text the letters hold, in Latin-letter equivalents."""
    return sum(n * SCRIPT_WEIGHT.get(script, 1.0) for script, n in counts.items())


def dominant_script(counts: Counter[str]) -> str | None:
    """The script holding most of the text after weighting, or None without letters.

    Latin letters count half against another script: names, acronyms and links
    in Latin letters run through Chinese or Russian text ("我是Tom Hunter。"),
    far more often than the reverse.  Han and kana are weighed together:
    Japanese mixes kana with many Han characters, so kana beyond a trace (5% of
    the pair) makes the text Japanese, while Chinese has none.
    """
    if not counts:
        return None
    weights = {s: n * SCRIPT_WEIGHT.get(s, 1.0) for s, n in counts.items()}
    han, kana = counts.get("Hani", 0), counts.get("Kana", 0)
    if han or kana:
        weights.pop("Kana", None)
        weights["Hani"] = weighted_size(Counter(Hani=han, Kana=kana))
    if len(weights) > 1 and "Latn" in weights:
        weights["Latn"] /= _EMBEDDED_LATIN
    best = max(weights, key=weights.__getitem__)
    if best == "Hani" and kana >= 0.05 * (han + kana):
        return "Kana"
    return best
