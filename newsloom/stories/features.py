"""What a piece of writing and a story are, for clustering: vectors, names, numbers, dates.

A *piece* is one piece of writing: a document together with its duplicates and
translations (they count once). A *profile* is the sum of the pieces of a story,
kept as sums and counts so that adding a piece, or merging two stories, is an
addition, and a single piece is a profile of size one.

The encoder has a language bias (two Chinese articles on different events score
higher than one story told in Chinese and English), so vectors are *centred*:
a language's mean vector over news texts, stored in ``weights.json``, is
subtracted before averaging. Names, numbers, words and dates are matched as
keys (:mod:`newsloom.stories.keys`), each weighted by how rare it is in the
collection itself (:class:`IdfTable`).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from newsloom.model import Document
from newsloom.stories.idf import KEY_KINDS, IdfTable
from newsloom.stories.keys import (
    date_keys,
    lead_paragraphs,
    mention_keys,
    name_keys,
    number_keys,
    word_keys,
)

LEAD_SENTENCES = 3
"""Sentences of a view that make its lead: news puts who, what, where and when first."""


def parse_day(value: str | None) -> date | None:
    """The day of an ISO 8601 date or date-time; None when absent or not day-precise."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return (vector / norm).astype(np.float32) if norm else vector.astype(np.float32)


@dataclass
class Profile:
    """Sums over the pieces of a story (or one piece): what the decision model compares."""

    size: int = 0
    vector: np.ndarray | None = None
    """Sum of the pieces' centred unit text vectors."""
    lead: np.ndarray | None = None
    """Sum of the pieces' centred unit lead vectors."""
    names: Counter[str] = field(default_factory=Counter)
    """Name keys of capitalised words, one count per piece."""
    mentions: Counter[str] = field(default_factory=Counter)
    """Names the extraction stage found (``m:tara reid``), one count per piece."""
    leads: Counter[str] = field(default_factory=Counter)
    """The names of ``mentions`` found in a title or lead, one count per piece."""
    numbers: Counter[str] = field(default_factory=Counter)
    dates: Counter[str] = field(default_factory=Counter)
    """Days, months and years the text mentions (``d:2022-01-10``, ``y:2022``)."""
    words: Counter[str] = field(default_factory=Counter)
    """Word stems keyed by language (``en:talks``), one count per piece."""
    languages: Counter[str] = field(default_factory=Counter)
    start: date | None = None
    end: date | None = None
    """First and last publication day of the pieces."""
    version: int = field(default=0, compare=False, repr=False)
    """Bumped by :meth:`add`: key arrays cached in ``cache`` are rebuilt after a change."""
    cache: dict = field(default_factory=dict, compare=False, repr=False)

    def add(self, other: Profile) -> None:
        """Fold another profile (a piece or a whole story) into this one."""
        self.version += 1
        self.size += other.size
        for name in ("vector", "lead"):
            mine, theirs = getattr(self, name), getattr(other, name)
            if theirs is not None:
                setattr(self, name, theirs.copy() if mine is None else mine + theirs)
        for name in (*KEY_KINDS, "languages"):
            getattr(self, name).update(getattr(other, name))
        days = [d for d in (self.start, self.end, other.start, other.end) if d is not None]
        self.start, self.end = (min(days), max(days)) if days else (None, None)

    def unit_vector(self) -> np.ndarray | None:
        return None if self.vector is None else _unit(self.vector)

    def to_json(self) -> dict[str, object]:
        return (
            {"size": self.size}
            | {name: dict(getattr(self, name)) for name in (*KEY_KINDS, "languages")}
            | {
                "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None,
            }
        )

    @classmethod
    def from_json(cls, data: dict, vector: np.ndarray | None, lead: np.ndarray | None) -> Profile:
        """A stored profile; counters a profile was stored without read as empty."""
        return cls(
            size=int(data["size"]),
            vector=vector,
            lead=lead,
            start=parse_day(data.get("start")),
            end=parse_day(data.get("end")),
            **{name: Counter(data.get(name, {})) for name in (*KEY_KINDS, "languages")},
        )


class Centring:
    """Subtracts each language's mean vector (the language bias) before averaging."""

    def __init__(self, means: dict[str, np.ndarray]) -> None:
        self.means = means
        self.fallback = (
            np.mean(np.vstack(list(means.values())), axis=0).astype(np.float32) if means else None
        )

    def mean(self, lang: str) -> np.ndarray | None:
        return self.means.get(lang, self.fallback)

    def view(self, doc: Document, lang: str, lead_only: bool = False) -> np.ndarray | None:
        """Centred unit vector of one language view (its lead only, if asked)."""
        rows = [
            doc.paragraphs[i].vectors
            for i in doc.views().get(lang, [])
            if doc.paragraphs[i].vectors is not None and len(doc.paragraphs[i].vectors)
        ]
        if not rows:
            return None
        matrix = np.vstack(rows).astype(np.float32)
        if lead_only:
            matrix = matrix[:LEAD_SENTENCES]
        mean = matrix.mean(axis=0)
        centre = self.mean(lang)
        return _unit(mean - centre if centre is not None else mean)


def piece_profile(docs: list[Document], centring: Centring) -> Profile:
    """The profile of one piece of writing: a document with its copies and translations.

    Vectors average over every language view of every copy (centred, so no language
    weighs in as such); names, numbers and dates count once per piece.
    """
    texts, leads = [], []
    keys: dict[str, set[str]] = {name: set() for name in KEY_KINDS}
    languages: set[str] = set()
    days = []
    for doc in docs:
        for lang in doc.views():
            text_vec = centring.view(doc, lang)
            if text_vec is not None:
                texts.append(text_vec)
                leads.append(centring.view(doc, lang, lead_only=True))
            text = doc.view_text(lang)
            keys["names"] |= name_keys(text)
            keys["numbers"] |= number_keys(text)
            keys["words"] |= word_keys(text, lang)
            languages.add(lang)
        title = doc.meta.title or ""
        keys["names"] |= name_keys("x " + title)
        keys["numbers"] |= number_keys(title)
        keys["mentions"] |= mention_keys(doc)
        keys["leads"] |= mention_keys(doc, lead_paragraphs(doc, LEAD_SENTENCES))
        keys["dates"] |= date_keys(doc)
        day = parse_day(doc.meta.published)
        if day is not None:
            days.append(day)
    return Profile(
        size=1,
        vector=_unit(np.mean(texts, axis=0)) if texts else None,
        lead=_unit(np.mean(leads, axis=0)) if leads else None,
        languages=Counter(languages),
        start=min(days) if days else None,
        end=max(days) if days else None,
        **{name: Counter(found) for name, found in keys.items()},
    )


FEATURES = (
    "text",
    "lead",
    "names",
    "mentions",
    "lead_names",
    "novel",
    "missing",
    "numbers",
    "dates",
    "words",
    "gap",
    "size",
)
"""Every piece of evidence :func:`pair_features` measures; a model uses some of them.

``text``, ``lead``: cosines of the centred text and lead vectors. ``names``,
``mentions``, ``lead_names``, ``numbers``, ``dates``, ``words``: idf-weighted
cosines of the keys. ``novel``: share of the smaller side's lead names the larger
never mentions; ``missing``: share of the larger side's lead names the smaller
never mentions. ``gap``: days between the publication spans (log scale).
``size``: log of the larger side's pieces.
"""


def _cos(a: np.ndarray | None, b: np.ndarray | None) -> float | None:
    if a is None or b is None:
        return None
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    return float(a @ b) / (na * nb) if na and nb else None


def gap_days(a: Profile, b: Profile) -> int | None:
    """Days between two time spans (0 when they overlap); None when either has no date."""
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return None
    return max(0, (b.start - a.end).days, (a.start - b.end).days)


def _gap(a: Profile, b: Profile) -> float | None:
    """Days between two time spans (0 when they overlap), on a log scale capped at a month."""
    days = gap_days(a, b)
    return None if days is None else min(1.0, math.log1p(days) / math.log1p(30))


def pair_features(a: Profile, b: Profile, idf: IdfTable) -> dict[str, float | None]:
    """The evidence that ``a`` and ``b`` tell one story, by :data:`FEATURES` name.

    None marks evidence that is missing on one side (a Chinese text has no
    capitalised names; a page may give no date; texts in no common language share
    no words); the model treats it as neutral.
    """
    small, large = (a, b) if a.size <= b.size else (b, a)
    shared = a.languages.keys() & b.languages.keys()
    every = a.languages.keys() | b.languages.keys()
    return {
        "text": _cos(a.vector, b.vector),
        "lead": _cos(a.lead, b.lead),
        "names": idf.cosine(a, b, "names"),
        "mentions": idf.cosine(a, b, "mentions"),
        "lead_names": idf.cosine(a, b, "leads"),
        "novel": idf.novelty(small, large),
        "missing": idf.novelty(large, small),
        "numbers": idf.cosine(a, b, "numbers"),
        "dates": idf.cosine(a, b, "dates"),
        "words": idf.cosine(a, b, "words", None if shared == every else shared) if shared else None,
        "gap": _gap(a, b),
        "size": math.log(max(a.size, b.size)),
    }
