"""Index terms for keyword search, with their character offsets.

Two kinds of term, kept in two fields so that phrase queries stay exact:

* **words**: a spaced-script word is case-folded and stemmed with the Snowball
  stemmer of its paragraph's language (``guarantees`` -> ``guarante``, ``Рябкова``
  -> ``рябков``), Latin diacritics dropped after stemming, Russian ``ё`` read as
  ``е``. Chinese is converted to Simplified (:mod:`newsloom.hanzi`) and cut by
  jieba in search mode, which also emits the shorter words inside a long one
  (``副外长`` -> ``外长``, ``副外长``). Other scripts written without spaces (kana,
  Thai, Lao, Khmer, Burmese) give one word per run.
* **grams**: overlapping character bigrams of every run in a script written
  without spaces. jieba's cut of a transliterated name depends on its context
  (``埃林`` but ``埃林则`` before 则), so a query word or name is also looked up as
  a phrase of bigrams, which finds it whatever the segmentation.

Example:
    >>> [t.term for t in words("Рябков гарантирует", "ru")]
    ['рябков', 'гарант']
    >>> [t.term for t in grams("里亚布科夫")]
    ['里亚', '亚布', '布科', '科夫']
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from typing import Any, NamedTuple

import regex
import snowballstemmer

from newsloom.hanzi import to_simplified

_UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
# A run of a script written without spaces, or a word of any other script (letters,
# digits and the combining marks that belong to them; underscores split).
_RUN = regex.compile(
    rf"(?P<unspaced>[{_UNSPACED}][{_UNSPACED}\p{{M}}]*)|(?P<word>[[\p{{L}}\p{{N}}\p{{M}}]--[{_UNSPACED}]]+)",
    flags=regex.V1,
)
_HAN = regex.compile(r"\p{Han}")
_LATIN = regex.compile(r"\p{Latin}")

STEMMERS = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german",
    "el": "greek", "en": "english", "es": "spanish", "fi": "finnish", "fr": "french",
    "hu": "hungarian", "id": "indonesian", "it": "italian", "lt": "lithuanian",
    "nl": "dutch", "no": "norwegian", "pl": "polish", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "sv": "swedish", "tr": "turkish",
}  # fmt: skip
"""ISO 639-1 code -> Snowball algorithm; languages not here are not stemmed."""


class Token(NamedTuple):
    """One index term and the span of ``text`` it came from."""

    start: int
    end: int
    term: str


@cache
def _stemmer(lang: str) -> snowballstemmer.stemmer | None:
    name = STEMMERS.get(lang)
    return snowballstemmer.stemmer(name) if name else None


@cache
def jieba_tokenizer() -> Any:
    """jieba's default tokenizer, initialised once (about a second)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba.dt


def fold(word: str) -> str:
    """Case-folded word with ``ё`` as ``е``: the form before stemming."""
    return word.casefold().replace("ё", "е")


def strip_marks(term: str) -> str:
    """Latin diacritics dropped (``marénie`` -> ``marenie``); other scripts kept as written."""
    if not _LATIN.search(term) or term.isascii():
        return term
    decomposed = unicodedata.normalize("NFKD", term)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def stem(word: str, lang: str | None) -> str:
    """The index form of one spaced-script word in language ``lang`` (None: not stemmed)."""
    return _stem(fold(word), lang if lang in STEMMERS else None)


@lru_cache(maxsize=200_000)
def _stem(folded: str, lang: str | None) -> str:
    """Cached: the pure-Python Snowball stemmers take ~50 us a word, and news repeats its
    words (a cache of 200k forms holds the vocabulary of a large collection)."""
    stemmer = _stemmer(lang) if lang else None
    if stemmer is not None:
        folded = stemmer.stemWord(folded)
    return strip_marks(folded)


def _simplified(text: str) -> str:
    """Simplified text when the conversion keeps every offset, else the text unchanged."""
    simple = to_simplified(text)
    return simple if len(simple) == len(text) else text


def words(text: str, lang: str | None) -> list[Token]:
    """The word terms of ``text``, a paragraph (or query) in language ``lang``."""
    text = _simplified(text)
    out: list[Token] = []
    for match in _RUN.finditer(text):
        start = match.start()
        if match.group("word") is not None:
            out.append(Token(start, match.end(), stem(match.group(), lang)))
        elif _HAN.match(match.group()):
            for word, a, b in jieba_tokenizer().tokenize(match.group(), mode="search"):
                out.append(Token(start + a, start + b, word))
        else:
            out.append(Token(start, match.end(), fold(match.group())))
    return out


def grams(text: str) -> list[Token]:
    """Character bigrams of every run in a script written without spaces (a lone character
    is its own gram)."""
    text = _simplified(text)
    out: list[Token] = []
    for match in _RUN.finditer(text):
        run = match.group("unspaced")
        if run is None:
            continue
        base = match.start()
        if len(run) == 1:
            out.append(Token(base, base + 1, fold(run)))
        for i in range(len(run) - 1):
            out.append(Token(base + i, base + i + 2, fold(run[i : i + 2])))
    return out


def runs(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, unspaced)`` of every word or unspaced-script run in ``text``."""
    return [(m.start(), m.end(), m.group("unspaced") is not None) for m in _RUN.finditer(text)]
