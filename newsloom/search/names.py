"""Names across languages for keyword search: ``Рябков`` also finds ``Ryabkov`` and ``里亚布科夫``.

A keyword index cannot know that three spellings are one person; the entity
linker (:mod:`newsloom.extract.linking`) and the name pairs it learns from
aligned translations do. At each :meth:`Store.put_entities` the store keeps the
rows :func:`expansion_rows` makes: for every name key, every name the same actor
goes by. A query is matched against those keys (:func:`find_names`) and each
name found becomes one query group whose alternatives are all its spellings.

A key (:func:`key`) is the name case-folded, in Simplified Chinese, without Latin
diacritics, with Russian words stemmed twice (``Рябкова`` and ``Рябков`` share a key)
and a space between words and between the parts of a ``谢尔盖·里亚布科夫``. A person
named in several words is also found by the surname alone (``Ryabkov``,
``Рябков``, ``里亚布科夫`` after the last ``·``).

Example:
    >>> key("Сергея Рябкова"), key("谢尔盖·里亚布科夫")
    ('серг рябк', '谢尔盖 里亚布科夫')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import regex

from newsloom.hanzi import to_simplified
from newsloom.model import Entity
from newsloom.search.tokens import fold, runs, stem, strip_marks

MAX_NAME_WORDS = 4
"""Longest name, in words, looked up in a query."""
MAX_HAN_CHARS = 12
"""Longest Chinese name, in characters, looked up inside a run of query characters."""

_CYRILLIC = regex.compile(r"\p{Cyrillic}")
ExpansionRow = tuple[str, str, str]
"""(key, lang, name): ``name`` in language ``lang`` names the actor ``key`` names."""


def _unit(text: str, unspaced: bool) -> str:
    if unspaced:
        return fold(text)
    if _CYRILLIC.search(text):
        # Twice: Snowball takes -ов off the nominative (Рябков -> рябк) but only -а off
        # the genitive (Рябкова -> рябков); a second pass gives every case one key.
        return stem(stem(text, "ru"), "ru")
    return strip_marks(fold(text))


def _units(text: str) -> list[tuple[int, int, str, bool]]:
    simple = to_simplified(text)
    if len(simple) != len(text):
        simple = text
    return [(a, b, _unit(simple[a:b], u), u) for a, b, u in runs(simple)]


def key(name: str) -> str:
    """The search key of a name (see the module docstring)."""
    return " ".join(unit for _, _, unit, _ in _units(name))


def surname(name: str) -> str | None:
    """The last part of a name in several parts (``Sergei Ryabkov`` -> ``Ryabkov``,
    ``谢尔盖·里亚布科夫`` -> ``里亚布科夫``), None for a one-part name."""
    parts = _units(name)
    if len(parts) < 2:
        return None
    start, end, _, _ = parts[-1]
    return name[start:end]


def usable(k: str) -> bool:
    """Keys too short to mean one actor (one letter, one Chinese character) are not used."""
    return len(k.replace(" ", "")) >= 2


def expansion_rows(
    entities: Iterable[Entity], pairs: Iterable[tuple[str, str, str, str, int]] = ()
) -> list[ExpansionRow]:
    """Rows for :meth:`Store.name_expansions` from the entities and the learned name pairs.

    Every key of an entity's names (and of a person's surnames) maps to all of them:
    a query that names the actor in one way finds the passages that name it in another.
    A learned pair maps each side's key to the other side.
    """
    rows: set[ExpansionRow] = set()
    for entity in entities:
        forms = {(lang, name) for lang, names in entity.names.items() for name in names}
        if entity.type == "PER":
            forms |= {(lang, s) for lang, name in forms if (s := surname(name))}
        keys = {k for _, name in forms if usable(k := key(name))}
        rows.update((k, lang, name) for k in keys for lang, name in forms)
    for lang_a, name_a, lang_b, name_b, _ in pairs:
        for k, lang, name in ((key(name_a), lang_b, name_b), (key(name_b), lang_a, name_a)):
            if usable(k):
                rows.add((k, lang, name))
    return sorted(rows)


@dataclass(frozen=True)
class NameMatch:
    """A stretch of the query that is a known name, with every spelling of it."""

    start: int
    end: int
    names: tuple[tuple[str, str], ...]
    """``(lang, name)`` pairs, sorted."""


def _candidates(query: str) -> dict[str, list[tuple[int, int]]]:
    """Keys of every stretch of the query that could be a name, with their spans."""
    units = _units(query)
    found: dict[str, list[tuple[int, int]]] = {}
    for i in range(len(units)):
        for j in range(i, min(len(units), i + MAX_NAME_WORDS)):
            found.setdefault(" ".join(u[2] for u in units[i : j + 1]), []).append(
                (units[i][0], units[j][1])
            )
        start, _, unit, unspaced = units[i]
        if unspaced:  # a name inside a run of characters: 里亚布科夫 in 里亚布科夫表示
            for a in range(len(unit)):
                for b in range(a + 2, min(len(unit), a + MAX_HAN_CHARS) + 1):
                    found.setdefault(unit[a:b], []).append((start + a, start + b))
    return {k: spans for k, spans in found.items() if usable(k)}


def find_names(
    query: str, lookup: Callable[[Iterable[str]], list[ExpansionRow]]
) -> list[NameMatch]:
    """Known names in ``query``, longest first where two overlap, in query order.

    ``lookup`` is :meth:`Store.name_expansions`.
    """
    candidates = _candidates(query)
    names: dict[str, set[tuple[str, str]]] = {}
    for k, lang, name in lookup(candidates):
        names.setdefault(k, set()).add((lang, name))
    spans = sorted(
        ((a, b, k) for k in names for a, b in candidates[k]), key=lambda s: (s[0] - s[1], s[0])
    )
    taken: list[NameMatch] = []
    for a, b, k in spans:
        if all(b <= m.start or a >= m.end for m in taken):
            taken.append(NameMatch(a, b, tuple(sorted(names[k]))))
    return sorted(taken, key=lambda m: m.start)
