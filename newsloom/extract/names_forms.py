"""The parts of a name the entity linker compares: tokens, given name, surname, acronym.

A mention's normalised name is split into tokens (spaces in alphabetic
scripts, the interpunct ``·`` in Chinese renderings of foreign names), titles
such as ``Mr`` or ``г-н`` are dropped, and each token gets a comparison key:
the phonetic key of :mod:`newsloom.extract.translit` for Latin and Cyrillic,
the Simplified form prefixed ``zh:`` for Chinese (Chinese keys are tied to
Latin ones only by learned name pairs).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from newsloom.extract.translit import is_han, phonetic_key

# Titles written before a name; they say nothing about who it is.
HONORIFICS = frozenset(
    {
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.",
        "prof", "prof.", "sir", "dame", "lord", "lady", "mme", "mme.", "mlle",
        "m.", "monsieur", "madame", "herr", "frau", "sr.", "sra.", "г-н", "г-жа",
        "господин", "госпожа", "гн",
    }
)  # fmt: skip
# Suffix titles in Chinese (王先生, 李女士).
_ZH_TITLES = ("先生", "女士", "小姐", "博士", "教授")
# Generic words of river names: "Lunava River" is the Lunava.
RIVER_WORDS = frozenset(
    {
        "river", "rivière", "fleuve", "fluss", "rio", "río", "река", "реки",
    }
)  # fmt: skip
# Short function words skipped when an acronym is read off a long name.
ACRONYM_SKIP = frozenset(
    {
        "of", "for", "and", "the", "in", "on", "at", "to", "de",
        "des", "du", "la", "le", "les", "et", "pour", "en", "von",
        "der", "und", "für", "и", "по", "в", "во", "на", "для",
        "с", "о",
    }
)  # fmt: skip
_ZH_SPLIT = re.compile(r"[·•・‧．.\s]+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class NameForm:
    """A name as the linker sees it."""

    text: str
    """The name with titles dropped (Simplified for Chinese)."""
    tokens: tuple[str, ...]
    keys: tuple[str, ...]
    """One comparison key per token (initials keep their single letter)."""

    @property
    def is_initial(self) -> tuple[bool, ...]:
        return tuple(len(k) == 1 for k in self.keys)


def _strip_titles(words: list[str]) -> list[str]:
    while len(words) > 1 and words[0].lower() in HONORIFICS:
        words = words[1:]
    return words


@lru_cache(maxsize=65536)
def name_form(name: str, etype: str) -> NameForm:
    """Split and key a normalised name; LOC names lose a generic river word."""
    from newsloom.hanzi import to_simplified

    text = unicodedata.normalize("NFC", _SPACE.sub(" ", name)).strip()
    if is_han(text):
        text = to_simplified(text).replace(" ", "")
        for title in _ZH_TITLES:
            if text.endswith(title) and len(text) > len(title) + 1:
                text = text[: -len(title)]
        if etype == "LOC" and text.endswith("河") and len(text) >= 3:
            text = text[:-1]
        tokens = tuple(t for t in _ZH_SPLIT.split(text) if t)
        keys = tuple("zh:" + t for t in tokens)
    else:
        words = _strip_titles(text.split(" "))
        if etype == "LOC" and len(words) > 1:
            words = [w for w in words if w.lower() not in RIVER_WORDS] or words
        tokens = tuple(words)
        keys = tuple(phonetic_key(w) or w.lower() for w in words)
        text = " ".join(words)
    return NameForm(text, tokens or (text,), keys or (text,))


def acronym_of(form: NameForm) -> set[str]:
    """Acronyms a long name could be written as (with and without its function words).

    >>> sorted(acronym_of(name_form("Organization for Security and Co-operation in Europe",
    ...                             "ORG")))
    ['OFSACIE', 'OSCE']
    """
    if len(form.tokens) < 2 or is_han(form.text):
        return set()
    words = [w for w in form.tokens if w[:1].isalpha()]
    full = "".join(w[0] for w in words).upper()
    short = "".join(w[0] for w in words if w.lower() not in ACRONYM_SKIP).upper()
    return {a for a in (full, short) if len(a) >= 2}


def looks_like_acronym(form: NameForm) -> bool:
    """One all-capital token of two to eight letters (OSCE, НАТО, IRBC)."""
    if len(form.tokens) != 1:
        return False
    word = form.tokens[0].replace(".", "")
    return 2 <= len(word) <= 8 and word.isalpha() and word.isupper()
