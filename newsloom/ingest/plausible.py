"""How much a decoded text looks like real writing: the judge between legacy encodings.

Single-byte and double-byte legacy encodings decode almost any byte string
without error, so a strict decode cannot tell cp1251 from KOI8-R or GBK from
Big5.  A wrong decode, though, yields text no writer produces: Cyrillic words
in broken case (``пРИВЕТ``), rare letters, Han characters nobody uses, Latin
letters glued to Cyrillic ones, stray symbols.  :func:`plausibility` scores
each non-ASCII character by such cues, so the right decode wins even on a
text of a few lines, where statistical detectors have too little to go on.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import cache

from newsloom.hanzi import converter

# Relative frequency (%) of Russian letters in running text (a public table):
# a decode in the wrong Cyrillic code page permutes the alphabet, which moves
# mass from common letters to rare ones.
_RUSSIAN_FREQ = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47,
    "р": 4.73, "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81,
    "у": 2.62, "я": 2.01, "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59,
    "ч": 1.44, "й": 1.21, "х": 0.97, "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48,
    "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04, "ё": 0.04,
}  # fmt: skip
_TOKEN = re.compile(r"\w+|\S")
# Score of a Han character by its frequency rank (rank limit, score); rarer scores 0.15.
_HAN_BANDS = ((1000, 1.0), (2500, 0.85), (4000, 0.6), (6000, 0.35))
# How often a character stands at a word's begin, middle, end, or alone (rough shares).
_STATE_WEIGHTS = {"B": 0.3, "M": 0.1, "E": 0.3, "S": 0.3}
_PUNCT_CATEGORIES = {"Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Pc"}


@cache
def _han_ranks() -> dict[str, int]:
    """Han characters by frequency rank, from jieba's HMM emission probabilities.

    jieba ships P(character | word position) learnt from a large Chinese
    corpus; weighting the four positions by how often they occur gives a
    character frequency table without any data of our own.  Loaded once, on
    the first Chinese-looking candidate.
    """
    from jieba.finalseg.prob_emit import P as emit  # a 1 MB module: import only when needed

    freq: dict[str, float] = {}
    for state, weight in _STATE_WEIGHTS.items():
        for ch, logp in emit[state].items():
            freq[ch] = freq.get(ch, 0.0) + weight * math.exp(logp)
    ordered = sorted(freq, key=freq.__getitem__, reverse=True)
    return {ch: rank for rank, ch in enumerate(ordered)}


@cache
def _han_score(ch: str) -> float:
    """Frequency score of one Han character, Traditional ones judged by their Simplified form."""
    ranks = _han_ranks()
    simplified = converter("t2s").convert(ch)
    known = [ranks[c] for c in {ch, simplified} if c in ranks]
    if not known:
        return 0.05
    rank = min(known)
    for limit, score in _HAN_BANDS:
        if rank < limit:
            return score
    return 0.15


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def _script(ch: str) -> str:
    if ch.isascii():
        return "ascii"
    if _is_han(ch):
        return "han"
    if "\u0400" <= ch <= "\u04ff":
        return "cyrillic"
    if ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"):
        return "latin"
    return "other"


def _case_ok(letters: str) -> bool:
    """All lower, all upper or Capitalised: the only shapes real words take."""
    return letters.islower() or letters.isupper() or letters.istitle()


def _word_scores(word: str) -> list[float]:
    scripts = [_script(ch) for ch in word]
    letters = "".join(ch for ch, s in zip(word, scripts, strict=True) if ch.isalpha())
    alphabets = {s for s, ch in zip(scripts, word, strict=True) if ch.isalpha()} - {"han"}
    mixed = "cyrillic" in alphabets and len(alphabets) > 1
    case = 1.0 if _case_ok(letters) or not letters else 0.4
    ascii_letters = sum(
        1 for s, ch in zip(scripts, word, strict=True) if s == "ascii" and ch.isalpha()
    )
    scores = []
    for ch, script in zip(word, scripts, strict=True):
        if script == "ascii":
            continue
        if script == "han":
            scores.append(_han_score(ch))
        elif mixed:  # Cyrillic glued to another alphabet: a wrong code page's signature
            scores.append(0.1)
        elif script == "cyrillic":
            freq = _RUSSIAN_FREQ.get(ch.lower())
            scores.append(case * (min(1.0, freq / 2.0) if freq is not None else 0.5))
        elif script == "latin":
            non_ascii = len(letters) - ascii_letters
            scores.append(case * (1.0 if ascii_letters >= non_ascii else 0.5))
        elif unicodedata.category(ch).startswith("N"):
            scores.append(0.5)
        else:
            scores.append(0.3 * case)
    return scores


def _symbol_score(ch: str) -> float:
    category = unicodedata.category(ch)
    if category in _PUNCT_CATEGORIES or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uff65":
        return 0.9
    if category == "Sc":
        return 0.6
    if category in ("Cc", "Co", "Cn", "Cs"):
        return 0.0
    return 0.2


def plausibility(text: str, limit: int = 20000) -> float:
    """Mean plausibility in [0, 1] of the non-ASCII characters of ``text``.

    Only the first ``limit`` characters are looked at: the cues are dense, a
    long text adds nothing.  A text with no non-ASCII character scores 1.0.

    >>> plausibility("Мэр открыл новый мост.") > plausibility("лЩП НРЙПШК МНБШИ ЛНЯР.")
    True
    """
    scores: list[float] = []
    for token in _TOKEN.findall(text[:limit]):
        if token[0].isascii() and len(token) == 1:
            continue
        if len(token) == 1 and not (token.isalnum() or token == "_"):
            scores.append(_symbol_score(token))
        else:
            scores.extend(_word_scores(token))
    return sum(scores) / len(scores) if scores else 1.0
