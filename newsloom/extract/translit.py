"""Names across scripts: Cyrillic to Latin, and one phonetic key for both.

A name written ``Рябков``, ``Ryabkov`` or ``Rjabkov`` should land on one key,
and so should the spelling variants ``Sergei`` / ``Sergey``. Romanising
Cyrillic letter by letter (a practical BGN-like table) and then folding the
letters that transliteration systems disagree on (``y``/``j``/``i``,
``w``/``v``, ``kh``/``h``, doubled letters) does that without any list of real
names. Chinese renderings of foreign names are not phonetic enough to derive;
they are learned from aligned translations (:mod:`newsloom.extract.linking`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Ukrainian, Belarusian, Bulgarian, Serbian and Macedonian letters.
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", "ђ": "dj", "ј": "j", "љ": "lj",
    "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
}  # fmt: skip

# English W is written У before a vowel at the start of a Russian word (Уэнди, Уильям).
_INITIAL_W = re.compile(r"\bу(?=[эиоа])", re.IGNORECASE)

# Folds applied in order to a lowercase ASCII romanisation.
_FOLDS: tuple[tuple[str, str], ...] = (
    ("shch", "sh"), ("sch", "sh"), ("tch", "ch"), ("kh", "h"), ("ph", "f"), ("th", "t"),
    ("ck", "k"), ("w", "v"), ("q", "k"), ("x", "ks"), ("tz", "ts"), ("j", "i"), ("y", "i"),
)  # fmt: skip
_DOUBLE = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[^a-z ]+")


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def is_han(text: str) -> bool:
    """True when the text holds a CJK ideograph (a Chinese or Japanese name)."""
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def romanise(text: str) -> str:
    """Cyrillic letters to Latin, accents dropped; other scripts pass through.

    >>> romanise("Сергей Рябков")
    'Sergey Ryabkov'
    """
    text = _INITIAL_W.sub(lambda m: "W" if m.group(0).isupper() else "w", text)
    out = []
    for ch in text:
        low = ch.lower()
        if low in _CYRILLIC:
            latin = _CYRILLIC[low]
            out.append(latin.capitalize() if ch != low else latin)
        else:
            out.append(ch)
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def phonetic_key(word: str) -> str:
    """A key equal for the usual spellings of one name in Latin or Cyrillic.

    >>> phonetic_key("Sergei") == phonetic_key("Sergey") == phonetic_key("Сергей")
    True
    """
    key = romanise(word).lower()
    for old, new in _FOLDS:
        key = key.replace(old, new)
    key = _NOT_LETTER.sub("", key)
    return _DOUBLE.sub(r"\1", key)


def similarity(a: str, b: str) -> float:
    """1 - Levenshtein distance / longer length: how alike two keys are."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return 1.0 - prev[-1] / max(len(a), len(b))
