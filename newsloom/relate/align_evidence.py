"""Evidence for alignment that a sentence encoder misses: numbers, names and punctuation.

An encoder blurs "1,200" into "a number" and a name it has not seen into
noise, yet a translation keeps both. Each sentence becomes small count vectors
("bags"): hashed normalised numbers, hashed name keys, and counts of question
marks, exclamation marks and quotation marks. Bags add up, so the bag of a group
of sentences is a difference of prefix sums, and comparing two groups is a
``minimum`` over a few columns: cheap enough to score every cell of a band.
"""

from __future__ import annotations

import unicodedata
import zlib
from collections.abc import Sequence

import numpy as np
import regex

NUM_BUCKETS = 16
NAME_BUCKETS = 64
PUNCT_COLUMNS = 3  # question, exclamation, quotation marks

_NUMBER = regex.compile(r"\d+(?:[.,\u00a0\u202f]\d+)*")
_ZH_NUMBER = regex.compile(r"[零〇一二三四五六七八九十百千万亿两]{2,}")
_ALPHABETIC = r"\p{Latin}\p{Cyrillic}\p{Greek}"
_WORD = regex.compile(rf"[{_ALPHABETIC}][{_ALPHABETIC}\p{{M}}'’-]*")
_QUESTION = frozenset("?？¿")
_EXCLAIM = frozenset("!！¡")
_QUOTES = frozenset('"“”„«»「」『』‹›')

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10_000, "亿": 100_000_000}

_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"],
    strict=True,
))  # fmt: skip


def normalise_number(token: str) -> str:
    """One spelling per number: ``1,000`` = ``1.000`` = ``1 000`` = ``1000``; ``3,5`` = ``3.5``.

    Digits of any script (full-width ``１２``, Arabic-Indic) become ASCII first.
    """
    token = "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in token)
    parts = regex.split(r"[.,\u00a0\u202f]", token)
    if len(parts) == 1:
        return parts[0].lstrip("0") or "0"
    if all(len(p) == 3 for p in parts[1:]) and len(parts[0]) <= 3:
        return "".join(parts).lstrip("0") or "0"
    if len(parts) == 2:
        return f"{parts[0].lstrip('0') or '0'}.{parts[1]}"
    return "".join(parts)


def chinese_numeral(text: str) -> int | None:
    """Value of a simple Chinese numeral (``三十五``, ``一千二百``, ``二〇二二``), else None."""
    if all(ch in _ZH_DIGITS for ch in text):
        return int("".join(str(_ZH_DIGITS[ch]) for ch in text))
    total = section = digit = 0
    for ch in text:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        elif ch in _ZH_UNITS:
            section += (digit or 1) * _ZH_UNITS[ch]
            digit = 0
        elif ch in _ZH_BIG:
            total += (section + digit) * _ZH_BIG[ch]
            section = digit = 0
    return total + section + digit


def numbers(text: str) -> list[str]:
    """Normalised numbers in digits, plus Chinese numerals of value 10 and more."""
    found = [normalise_number(m.group()) for m in _NUMBER.finditer(text)]
    for m in _ZH_NUMBER.finditer(text):
        value = chinese_numeral(m.group())
        if value is not None and value >= 10:
            found.append(str(value))
    return found


def _fold(word: str) -> str:
    """Lower case, accents stripped, Cyrillic romanised: NATO and НАТО meet as ``nato``."""
    word = "".join(_CYRILLIC.get(ch, ch) for ch in word.lower())
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def names(text: str) -> list[str]:
    """Keys of name-like words in alphabetic scripts: acronyms, and capitalised words
    except one opening the text (which is capitalised whatever it is).

    The key is the folded word's first four letters, so inflected forms
    (Ryabkov, Ryabkov's, Рябкова) share it.
    """
    keys = []
    for k, m in enumerate(_WORD.finditer(text)):
        word = m.group()
        acronym = len(word) >= 2 and word.isupper()
        opening = k == 0 and not any(ch.isalpha() for ch in text[: m.start()])
        if acronym or (not opening and len(word) >= 3 and word[0].isupper()):
            keys.append(_fold(word)[:4])
    return keys


def _bucket(token: str, size: int) -> int:
    return zlib.crc32(token.encode("utf-8")) % size


def bags(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Count vectors per text: (numbers, names, punctuation), each ``(len(texts), k)``."""
    num = np.zeros((len(texts), NUM_BUCKETS), dtype=np.float32)
    name = np.zeros((len(texts), NAME_BUCKETS), dtype=np.float32)
    punct = np.zeros((len(texts), PUNCT_COLUMNS), dtype=np.float32)
    for row, text in enumerate(texts):
        for token in numbers(text):
            num[row, _bucket(token, NUM_BUCKETS)] += 1
        for key in names(text):
            name[row, _bucket(key, NAME_BUCKETS)] += 1
        for ch in text:
            if ch in _QUESTION:
                punct[row, 0] += 1
            elif ch in _EXCLAIM:
                punct[row, 1] += 1
            elif ch in _QUOTES:
                punct[row, 2] += 1
    return num, name, punct


def agreement(u: np.ndarray, v: np.ndarray, penalise_missing: bool) -> np.ndarray:
    """Share of tokens found on both sides, row by row; 0 where neither side has any.

    With ``penalise_missing`` the result runs from -1 (nothing shared) to 1 (all
    shared): used for numbers and punctuation, which translations keep. Names
    only reward (0 to 1): scripts and capitalisation differ too much to punish.
    """
    shared = np.minimum(u, v).sum(axis=1)
    total = u.sum(axis=1) + v.sum(axis=1)
    share = np.divide(2 * shared, total, out=np.zeros_like(total), where=total > 0)
    if penalise_missing:
        return np.where(total > 0, 2 * share - 1, 0.0)
    return share
