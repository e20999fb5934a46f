"""What a piece of writing and a story are, for clustering: vectors, names, numbers, dates.

A *piece* is one piece of writing: a document together with its duplicates and
translations (they count once). A *profile* is the sum of the pieces of a story,
kept as sums and counts so that adding a piece, or merging two stories, is an
addition, and a single piece is a profile of size one.

The encoder has a language bias (two Chinese articles on different events score
higher than one story told in Chinese and English), so vectors are *centred*:
a language's mean sentence vector, measured on parallel sentences and stored in
``weights.json``, is subtracted before averaging. Names are matched across
scripts by entity ids when the extraction stages have linked them, and by a
cheap key otherwise: the first five letters of a capitalised word, Cyrillic
transliterated, diacritics dropped (``Marenia``, ``Марении``, ``Marénie`` -> ``maren``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from newsloom.model import Document

LEAD_SENTENCES = 3
"""Sentences of a view that make its lead: news puts who, what, where and when first."""

KEY_LETTERS = 5
"""Letters a name key keeps: long enough to tell names apart, short enough to drop case endings."""

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(),  # noqa: SIM905
        strict=True,
    )
)
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_UPPER_START = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁ]")


def _fold(word: str) -> str:
    """Lower case, Cyrillic transliterated, diacritics dropped: one spelling across scripts."""
    low = word.lower()
    low = "".join(_CYRILLIC.get(ch, ch) for ch in low).replace("-", "")
    return "".join(ch for ch in unicodedata.normalize("NFKD", low) if not unicodedata.combining(ch))


def name_keys(text: str) -> set[str]:
    """Keys of capitalised words that do not open a sentence (those are names, mostly)."""
    return set(name_forms(text))


def name_forms(text: str) -> dict[str, str]:
    """Name key -> the word as first written, for the names :func:`name_keys` finds."""
    keys: dict[str, str] = {}
    for match in _WORD.finditer(text):
        word = match.group()
        if len(word) < 3 or not _UPPER_START.match(word):
            continue
        before = text[: match.start()].rstrip()
        if not before or before[-1] in '.!?:"“«»”':
            continue
        key = _fold(word)[:KEY_LETTERS]
        if len(key) >= 3 and key.isascii():
            keys.setdefault(key, word)
    return keys


def number_keys(text: str) -> set[str]:
    """Numbers of two digits or more, thousands separators dropped ("1,000" = "1000")."""
    out = set()
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"[.,](?=\d{3}\b)", "", match.group())
        if len(digits.replace(".", "").replace(",", "")) >= 2:
            out.add(digits)
    return out


_HAN = re.compile(r"[\u4e00-\u9fff]")


def word_keys(text: str, lang: str) -> set[str]:
    """Word stems of one language view (first five letters; Chinese: character bigrams).

    Lexical overlap is what word TF-IDF clusters by; it only means something
    within one language, so the keys carry the language.
    """
    if lang in ("zh", "ja"):
        chars = "".join(_HAN.findall(text))
        return {f"{lang}:{chars[i : i + 2]}" for i in range(len(chars) - 1)}
    return {
        f"{lang}:{_fold(m.group())[:KEY_LETTERS]}"
        for m in _WORD.finditer(text)
        if len(m.group()) >= 4
    }


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
    """Name keys, and entity ids (``e:ID``) where the linker gave them, one count per piece."""
    numbers: Counter[str] = field(default_factory=Counter)
    """Numbers, and days the text mentions (``d:2022-01-10``, from timexes)."""
    words: Counter[str] = field(default_factory=Counter)
    """Word stems keyed by language (``en:talks``), one count per piece."""
    languages: Counter[str] = field(default_factory=Counter)
    start: date | None = None
    end: date | None = None
    """First and last publication day of the pieces."""

    def add(self, other: Profile) -> None:
        """Fold another profile (a piece or a whole story) into this one."""
        self.size += other.size
        for name in ("vector", "lead"):
            mine, theirs = getattr(self, name), getattr(other, name)
            if theirs is not None:
                setattr(self, name, theirs.copy() if mine is None else mine + theirs)
        self.names.update(other.names)
        self.numbers.update(other.numbers)
        self.words.update(other.words)
        self.languages.update(other.languages)
        days = [d for d in (self.start, self.end, other.start, other.end) if d is not None]
        self.start, self.end = (min(days), max(days)) if days else (None, None)

    def unit_vector(self) -> np.ndarray | None:
        return None if self.vector is None else _unit(self.vector)

    def to_json(self) -> dict[str, object]:
        return {
            "size": self.size,
            "names": dict(self.names),
            "numbers": dict(self.numbers),
            "words": dict(self.words),
            "languages": dict(self.languages),
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }

    @classmethod
    def from_json(cls, data: dict, vector: np.ndarray | None, lead: np.ndarray | None) -> Profile:
        return cls(
            size=int(data["size"]),
            vector=vector,
            lead=lead,
            names=Counter(data["names"]),
            numbers=Counter(data["numbers"]),
            words=Counter(data["words"]),
            languages=Counter(data["languages"]),
            start=parse_day(data["start"]),
            end=parse_day(data["end"]),
        )


class Centring:
    """Subtracts each language's mean sentence vector (the language bias) before averaging."""

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
    names: set[str] = set()
    numbers: set[str] = set()
    words: set[str] = set()
    languages: set[str] = set()
    days = []
    for doc in docs:
        for lang in doc.views():
            text_vec = centring.view(doc, lang)
            if text_vec is not None:
                texts.append(text_vec)
                leads.append(centring.view(doc, lang, lead_only=True))
            text = doc.view_text(lang)
            names |= name_keys(text)
            numbers |= number_keys(text)
            words |= word_keys(text, lang)
            languages.add(lang)
        title = doc.meta.title or ""
        names |= name_keys("x " + title)
        numbers |= number_keys(title)
        names |= {"e:" + m.entity for m in doc.mentions if m.entity}
        numbers |= {"d:" + t.value for t in doc.timexes if len(t.value) == 10}
        day = parse_day(doc.meta.published)
        if day is not None:
            days.append(day)
    return Profile(
        size=1,
        vector=_unit(np.mean(texts, axis=0)) if texts else None,
        lead=_unit(np.mean(leads, axis=0)) if leads else None,
        names=Counter(names),
        numbers=Counter(numbers),
        words=Counter(words),
        languages=Counter(languages),
        start=min(days) if days else None,
        end=max(days) if days else None,
    )


FEATURES = ("text", "lead", "names", "numbers", "words", "gap")
"""The evidence, in the order of the model's weights."""


def _cos(a: np.ndarray | None, b: np.ndarray | None) -> float | None:
    if a is None or b is None:
        return None
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    return float(a @ b) / (na * nb) if na and nb else None


def _weighted_cos(a: Profile, b: Profile, name: str, idf: IdfTable) -> float | None:
    """Cosine of two key counters as shares of their profiles, each key weighted by its idf."""
    ca, cb = getattr(a, name), getattr(b, name)
    if not ca or not cb:
        return None
    weight = idf.weights(name)
    dot = sum(weight(k) ** 2 * (ca[k] / a.size) * (cb[k] / b.size) for k in ca.keys() & cb.keys())
    na = math.sqrt(sum((weight(k) * v / a.size) ** 2 for k, v in ca.items()))
    nb = math.sqrt(sum((weight(k) * v / b.size) ** 2 for k, v in cb.items()))
    return dot / (na * nb) if na and nb else None


def gap_days(a: Profile, b: Profile) -> int | None:
    """Days between two time spans (0 when they overlap); None when either has no date."""
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return None
    return max(0, (b.start - a.end).days, (a.start - b.end).days)


def _gap(a: Profile, b: Profile) -> float | None:
    """Days between two time spans (0 when they overlap), on a log scale capped at a month."""
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return None
    days = max(0, (b.start - a.end).days, (a.start - b.end).days)
    return min(1.0, math.log1p(days) / math.log1p(30))


class IdfTable:
    """How many pieces hold each key, so that rare names count more than common ones.

    Counts of a background corpus (shipped in ``weights.json``) are added to the
    collection's own: in a collection of five articles on one story every name is
    in every article, and idf over them alone would weigh the story's names at nothing.
    """

    KINDS = ("names", "numbers", "words")

    def __init__(self, background: IdfTable | None = None) -> None:
        self.pieces = 0
        self.counts: dict[str, Counter[str]] = {kind: Counter() for kind in self.KINDS}
        self.background = background

    def add(self, profile: Profile) -> None:
        self.pieces += profile.size
        for name, counter in self.counts.items():
            counter.update(getattr(profile, name))

    def weights(self, name: str):
        counter, total = self.counts[name], self.pieces
        back = self.background.counts[name] if self.background else Counter()
        total += self.background.pieces if self.background else 0

        def weight(key: str) -> float:
            return math.log((total + 2) / (counter.get(key, 0) + back.get(key, 0) + 1))

        return weight

    def to_json(self, min_count: int = 2) -> dict[str, object]:
        """Counts of keys seen at least ``min_count`` times (rarer ones weigh as unseen)."""
        return {"pieces": self.pieces} | {
            kind: {k: n for k, n in sorted(c.items()) if n >= min_count}
            for kind, c in self.counts.items()
        }

    @classmethod
    def from_json(cls, data: dict) -> IdfTable:
        table = cls()
        table.pieces = int(data["pieces"])
        for kind in cls.KINDS:
            table.counts[kind] = Counter(data[kind])
        return table


def pair_features(a: Profile, b: Profile, idf: IdfTable) -> list[float | None]:
    """The evidence that ``a`` and ``b`` tell one story, in :data:`FEATURES` order.

    None marks evidence that is missing on one side (a Chinese text has no
    capitalised names; a page may give no date; texts in no common language share
    no words); the model treats it as neutral.
    """
    return [
        _cos(a.vector, b.vector),
        _cos(a.lead, b.lead),
        _weighted_cos(a, b, "names", idf),
        _weighted_cos(a, b, "numbers", idf),
        _weighted_cos(a, b, "words", idf) if a.languages.keys() & b.languages.keys() else None,
        _gap(a, b),
    ]
