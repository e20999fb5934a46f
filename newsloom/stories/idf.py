"""Key weights from the collection itself, and the weighted cosine of two profiles' keys.

Every assignment compares a piece with ten stories on five kinds of keys, and a
story holds thousands of word keys, so keys are interned as integers and a
profile's keys are kept as sorted arrays (rebuilt only when the profile grows):
a weighted cosine is then a handful of numpy operations instead of a Python
loop over every key.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Collection
from typing import Protocol

import numpy as np

from newsloom.extract.translit import is_han

KEY_KINDS = ("names", "mentions", "leads", "numbers", "dates", "words")
"""The key counters of a profile, each weighted by its own idf."""

_VOCABULARY = {"leads": "mentions"}
"""Kinds whose keys are a subset of another kind's, sharing its ids and counts."""

_tokens = itertools.count()


class Keyed(Protocol):
    """What the table reads of a profile: its size, key counters and a cache slot."""

    size: int
    version: int
    cache: dict


class IdfTable:
    """How many pieces of the collection hold each key, so rare names count more.

    Counts come from the collection alone, as pieces arrive. ``prior`` adds that
    many pieces in which no key occurs: in a collection of five articles on one
    story every name is in every article, and idf over them alone would weigh
    the story's names at nothing. The prior is fitted with the models.
    """

    def __init__(self, prior: float) -> None:
        self.prior = prior
        self.pieces = 0
        self.token = next(_tokens)
        kinds = [kind for kind in KEY_KINDS if kind not in _VOCABULARY]
        self._ids: dict[str, dict[str, int]] = {kind: {} for kind in kinds}
        self._df: dict[str, np.ndarray] = {kind: np.zeros(1024) for kind in kinds}
        self._langs: dict[str, int] = {}
        self._word_lang = np.zeros(1024, dtype=np.int32)
        self._han = np.zeros(1024, dtype=bool)
        """Mention keys written in Chinese characters (``m:谢尔盖``), by id."""

    def _intern(self, kind: str, keys: Collection[str]) -> np.ndarray:
        kind = _VOCABULARY.get(kind, kind)
        table = self._ids[kind]
        ids = np.fromiter((table.setdefault(k, len(table)) for k in keys), np.int64, len(keys))
        if len(table) > len(self._df[kind]):
            size = max(len(table), 2 * len(self._df[kind]))
            self._df[kind] = np.resize(self._df[kind], size)
            self._df[kind][len(table) :] = 0
            if kind == "words":
                self._word_lang = np.resize(self._word_lang, size)
            if kind == "mentions":
                self._han = np.resize(self._han, size)
        if kind == "mentions":
            for key, i in zip(keys, ids.tolist(), strict=True):
                self._han[i] = is_han(key[2:3])
        if kind == "words":
            for key, i in zip(keys, ids.tolist(), strict=True):
                lang = key.split(":", 1)[0]
                self._word_lang[i] = self._langs.setdefault(lang, len(self._langs))
        return ids

    def arrays(self, profile: Keyed, kind: str) -> tuple[np.ndarray, np.ndarray]:
        """A profile's keys of one kind as (sorted ids, counts), cached until it grows."""
        slot = (self.token, kind)
        cached = profile.cache.get(slot)
        if cached is not None and cached[0] == profile.version:
            return cached[1], cached[2]
        counter: Counter[str] = getattr(profile, kind)
        ids = self._intern(kind, list(counter))
        counts = np.fromiter(counter.values(), np.float64, len(counter))
        order = np.argsort(ids)
        ids, counts = ids[order], counts[order]
        profile.cache[slot] = (profile.version, ids, counts)
        return ids, counts

    def add(self, profile: Keyed) -> None:
        self.pieces += profile.size
        for kind in self._df:
            ids, counts = self.arrays(profile, kind)
            self._df[kind][ids] += counts

    def _weight_array(self, kind: str, ids: np.ndarray) -> np.ndarray:
        df = self._df[_VOCABULARY.get(kind, kind)]
        return math.log(self.pieces + self.prior + 1) - np.log1p(df[ids])

    def weights(self, kind: str) -> Callable[[str], float]:
        """Key -> its idf weight now (an unseen key weighs most)."""
        kind = _VOCABULARY.get(kind, kind)
        table, df = self._ids[kind], self._df[kind]
        top = math.log(self.pieces + self.prior + 1)

        def weight(key: str) -> float:
            i = table.get(key)
            return top - (math.log1p(df[i]) if i is not None else 0.0)

        return weight

    def cosine(
        self, a: Keyed, b: Keyed, kind: str, languages: Collection[str] | None = None
    ) -> float | None:
        """Cosine of two profiles' keys of one kind, as shares of their sizes, idf-weighted.

        ``languages`` keeps only word keys made in those languages. Names the
        extraction stage found are compared within the scripts both sides write
        names in (a Chinese rendering never meets its English original as a key).
        None when a side has no keys to compare.
        """
        ia, ca = self.arrays(a, kind)
        ib, cb = self.arrays(b, kind)
        if _VOCABULARY.get(kind, kind) == "mentions" and len(ia) and len(ib):
            both = np.intersect1d(np.unique(self._han[ia]), np.unique(self._han[ib]))
            keep_a, keep_b = np.isin(self._han[ia], both), np.isin(self._han[ib], both)
            ia, ca, ib, cb = ia[keep_a], ca[keep_a], ib[keep_b], cb[keep_b]
        if languages is not None:
            wanted = [self._langs[lang] for lang in languages if lang in self._langs]
            keep_a, keep_b = (np.isin(self._word_lang[i], wanted) for i in (ia, ib))
            ia, ca, ib, cb = ia[keep_a], ca[keep_a], ib[keep_b], cb[keep_b]
        if not len(ia) or not len(ib):
            return None
        wa = self._weight_array(kind, ia) * ca / a.size
        wb = self._weight_array(kind, ib) * cb / b.size
        na, nb = math.sqrt(float(wa @ wa)), math.sqrt(float(wb @ wb))
        if not na or not nb:
            return None
        _common, xa, xb = np.intersect1d(ia, ib, assume_unique=True, return_indices=True)
        return float(wa[xa] @ wb[xb]) / (na * nb)

    def novelty(self, a: Keyed, b: Keyed) -> float | None:
        """Idf-weighted share of ``a``'s lead names that ``b`` never mentions.

        A piece whose lead names someone its candidate story has never heard of
        (the other boxer, another ship) is likely a sibling event. Only names in a
        script ``b`` writes names in count (Chinese renderings of foreign names are
        kept as written, so an English story could never mention them); None when
        none is left.
        """
        ia, ca = self.arrays(a, "leads")
        ib, _cb = self.arrays(b, "mentions")
        if not len(ia) or not len(ib):
            return None
        keep = np.isin(self._han[ia], np.unique(self._han[ib]))
        ia, ca = ia[keep], ca[keep]
        if not len(ia):
            return None
        wa = self._weight_array("leads", ia) * ca
        total = float(wa.sum())
        if total <= 0:
            return None
        return float(wa[~np.isin(ia, ib, assume_unique=True)].sum()) / total
