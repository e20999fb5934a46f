"""A search query as groups of alternative phrases, the keyword side's input.

Each group is one thing the query asks for; a passage that holds any of a
group's phrases has that group. A word's alternatives are its stems in every
configured language of its script (the query's language is unknown and a query
may mix languages: ``里亚布科夫 guarantees``), so ``guarantees`` looks for the
English, French and German stems at once. A Chinese run is cut by jieba, and each
word is also looked up as a phrase of bigrams (see :mod:`newsloom.search.tokens`).
A known name (:mod:`newsloom.search.names`) is one group whose alternatives are
all the spellings of the actor: that is what lets ``Рябков`` find ``Ryabkov`` and
``里亚布科夫`` by keyword.

Example:
    >>> q = parse("Рябков guarantees", ["en", "ru"], lookup=lambda keys: [])
    >>> [g.text for g in q.groups], sorted(q.groups[1].phrases)
    (['Рябков', 'guarantees'], [('words', ('guarante',)), ('words', ('guarantees',))])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import product

import regex

from newsloom.search.names import ExpansionRow, find_names
from newsloom.search.tokens import STEMMERS, fold, grams, jieba_tokenizer, runs, stem, words
from newsloom.store.base import Phrase

_SCRIPTS = ("Latin", "Cyrillic", "Arabic", "Greek")
_SCRIPT_OF = {"ru": "Cyrillic", "sr": "Cyrillic", "ar": "Arabic", "el": "Greek"}
_SCRIPT_RE = {name: regex.compile(rf"\p{{{name}}}") for name in _SCRIPTS}


@dataclass(frozen=True)
class Group:
    """One word or name of the query, with the phrases that count as finding it."""

    text: str
    phrases: frozenset[Phrase]
    name: bool = False


@dataclass(frozen=True)
class Query:
    text: str
    groups: tuple[Group, ...]

    @property
    def phrases(self) -> list[Phrase]:
        """Every phrase of every group, each once, in a fixed order."""
        return sorted({p for g in self.groups for p in g.phrases})


def _script(word: str) -> str | None:
    return next((name for name, rx in _SCRIPT_RE.items() if rx.search(word)), None)


@cache
def _stem_langs(languages: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Script -> the configured languages written in it that have a stemmer."""
    out: dict[str, list[str]] = {}
    for lang in languages:
        if lang in STEMMERS:
            out.setdefault(_SCRIPT_OF.get(lang, "Latin"), []).append(lang)
    return {script: tuple(langs) for script, langs in out.items()}


def word_phrases(word: str, languages: Sequence[str]) -> frozenset[Phrase]:
    """The phrases of one spaced-script query word: its stem in each candidate language,
    and the unstemmed form (paragraphs in a language without a stemmer)."""
    langs = _stem_langs(tuple(languages)).get(_script(word) or "", ())
    return frozenset(("words", (stem(word, lang),)) for lang in (*langs, None))


def unspaced_phrases(word: str) -> frozenset[Phrase]:
    """A Chinese (or Thai...) word: as a jieba word and as a phrase of its bigrams."""
    phrases: set[Phrase] = {("words", (fold(word),))}
    if len(word) > 1:
        phrases.add(("grams", tuple(t.term for t in grams(word))))
    return frozenset(phrases)


def name_phrases(name: str, lang: str | None) -> frozenset[Phrase]:
    """How one spelling of a name is found: a bigram phrase where it is Chinese, Japanese
    or Thai (whatever jieba made of it), else its words as a phrase, each word either
    stemmed or as written: Snowball stems the nominative ``Рябков`` to ``рябк`` but the
    other cases (``Рябкова``, ``Рябковым``) to ``рябков``."""
    gram_terms = tuple(t.term for t in grams(name))
    if gram_terms:
        return frozenset({("grams", gram_terms)}) if len(gram_terms) > 1 else frozenset()
    forms = [(t.term, stem(name[t.start : t.end], None)) for t in words(name, lang)]
    if not forms:
        return frozenset()
    return frozenset(("words", tuple(p)) for p in product(*(sorted(set(f)) for f in forms)))


def _word_groups(text: str, languages: Sequence[str]) -> list[Group]:
    groups: list[Group] = []
    for a, b, unspaced in runs(text):
        piece = text[a:b]
        if not unspaced:
            groups.append(Group(piece, word_phrases(piece, languages)))
            continue
        cut = list(jieba_tokenizer().cut(piece)) if regex.match(r"\p{Han}", piece) else [piece]
        groups.extend(Group(w, unspaced_phrases(w)) for w in cut if w.strip())
    return groups


def parse(
    text: str,
    languages: Sequence[str],
    lookup: Callable[[Iterable[str]], list[ExpansionRow]] | None = None,
) -> Query:
    """The query ``text`` as groups; ``lookup`` (:meth:`Store.name_expansions`) turns
    known names into one group each with all their spellings (None: no expansion)."""
    groups: list[Group] = []
    pos = 0
    for match in find_names(text, lookup) if lookup else []:
        groups.extend(_word_groups(text[pos : match.start], languages))
        own = text[match.start : match.end]
        phrases: set[Phrase] = set()
        own_groups = _word_groups(own, languages)
        if len(own_groups) == 1:  # a one-word name keeps its stems in every language
            phrases |= own_groups[0].phrases
        for lang, name in match.names:
            phrases |= name_phrases(name, lang)
        phrases |= name_phrases(own, _guess_lang(own, languages))
        groups.append(Group(own, frozenset(phrases), name=True))
        pos = match.end
    groups.extend(_word_groups(text[pos:], languages))
    return Query(text, tuple(g for g in groups if g.phrases))


def _guess_lang(word: str, languages: Sequence[str]) -> str | None:
    """A language to stem the query's own spelling of a name with: the first configured
    language of its script (names barely differ between these stemmers)."""
    return next(iter(_stem_langs(tuple(languages)).get(_script(word) or "", ())), None)


def is_empty(text: str) -> bool:
    """True when ``text`` holds no word to search for (only spaces or punctuation)."""
    return not runs(text)
