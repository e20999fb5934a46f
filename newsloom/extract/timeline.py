"""Dated events and a story's timeline across documents and languages.

An event is a sentence holding a date precise to the day or the month, with the
names in it. A timeline orders the events of a story's documents by date and
merges the ones that tell the same thing: same date, and sentences whose
cross-lingual cosine (the multilingual sentence encoder) reaches
``extract.time_merge_min_cos`` (0.5 by default: the encoder gives 0.45-0.9 for a
sentence and its human translation, see relate.sentence_min_cos, and the same date
already rules out most unrelated sentences).

A document without a publication date has its relative dates ("Monday", "周一")
re-read against the median publication date of the story's other documents: the
reports of one story appear within days of each other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from newsloom.extract.time import Anchor, document_anchor, timexes_of
from newsloom.model import Document, Timex

Embed = Callable[[list[str]], np.ndarray]


@dataclass
class Event:
    """A dated sentence of one document."""

    date: str
    text: str
    lang: str
    document: str
    paragraph: int
    sentence: tuple[int, int]
    entities: list[str] = field(default_factory=list)
    """Names mentioned in the sentence (entity ids where the linker has run)."""

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.date,
            "text": self.text,
            "lang": self.lang,
            "document": self.document,
            "paragraph": self.paragraph,
            "sentence": list(self.sentence),
            "entities": self.entities,
        }


@dataclass
class TimelineEntry:
    """One event of a story, with its wording in each language and its documents."""

    date: str
    text: str
    texts: dict[str, str] = field(default_factory=dict)
    documents: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.date,
            "text": self.text,
            "texts": self.texts,
            "documents": self.documents,
            "entities": self.entities,
        }


def _precise(value: str) -> bool:
    """Day (YYYY-MM-DD) or month (YYYY-MM) precision, a year written."""
    return len(value) in (7, 10) and value[:4].isdigit() and value[4] == "-" and "W" not in value


def events(doc: Document, timexes: Sequence[Timex] | None = None) -> list[Event]:
    """The dated sentences of ``doc`` (one event per sentence and date)."""
    out: list[Event] = []
    seen: set[tuple[int, int, int, str]] = set()
    for t in doc.timexes if timexes is None else timexes:
        if not _precise(t.value):
            continue
        p = doc.paragraphs[t.paragraph]
        a, b = next(((a, b) for a, b in p.sentences if a <= t.start < b), (0, len(p.text)))
        key = (t.paragraph, a, b, t.value)
        if key in seen:
            continue
        seen.add(key)
        names = [
            m.entity or m.name
            for m in doc.mentions
            if m.paragraph == t.paragraph and a <= m.start < b
        ]
        out.append(
            Event(
                t.value,
                p.text[a:b].strip(),
                p.lang or "",
                doc.id,
                t.paragraph,
                (a, b),
                list(dict.fromkeys(names)),
            )
        )
    return out


def _story_anchor(docs: Sequence[Document]) -> date | None:
    days = sorted(d for d in (Anchor.of(doc.meta.published).day for doc in docs) if d)
    return days[len(days) // 2] if days else None


def timeline(
    docs: Sequence[Document],
    embed: Embed | None = None,
    lang: str = "en",
    min_cos: float = 0.5,
) -> list[TimelineEntry]:
    """The events of ``docs`` ordered by date, an event told in several documents or
    languages merged into one entry.

    Args:
        docs: the documents of one story, with timexes (``extract.time``) and mentions.
        embed: texts -> unit vectors (``newsloom.embed.load_encoder(settings).encode``);
            without it, events of one date merge only when their texts are identical.
        lang: the reader's language: the entry's ``text`` is in it where one is.
        min_cos: the cosine at or above which two same-date sentences are one event.
    """
    story_day = _story_anchor(docs)
    all_events: list[Event] = []
    for doc in docs:
        timexes = None
        if Anchor.of(doc.meta.published).day is None and story_day is not None:
            year = document_anchor(doc).year
            # A year written in the text is one the article was written in or after.
            if year is None or year <= story_day.year:
                timexes = timexes_of(doc, Anchor(story_day, story_day.year))
        all_events.extend(events(doc, timexes))
    if not all_events:
        return []
    if embed is not None:
        vectors = np.asarray(embed([e.text for e in all_events]), dtype=np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True).clip(1e-9)
    else:
        vectors = None
    entries: list[TimelineEntry] = []
    by_date: dict[str, list[int]] = {}
    for i, e in enumerate(all_events):
        by_date.setdefault(e.date, []).append(i)
    for day in sorted(by_date):
        members = by_date[day]
        parent = {i: i for i in members}

        def root(i: int, parent: dict[int, int] = parent) -> int:
            while parent[i] != i:
                i = parent[i]
            return i

        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if vectors is not None:
                    same = float(vectors[i] @ vectors[j]) >= min_cos
                else:
                    same = all_events[i].text == all_events[j].text
                if same:
                    parent[root(j)] = root(i)
        clusters: dict[int, list[Event]] = {}
        for i in members:
            clusters.setdefault(root(i), []).append(all_events[i])
        for group in sorted(clusters.values(), key=lambda g: -len({e.document for e in g})):
            texts: dict[str, str] = {}
            for e in group:
                texts.setdefault(e.lang, e.text)
            text = texts.get(lang) or texts.get("en") or group[0].text
            entries.append(
                TimelineEntry(
                    day,
                    text,
                    texts,
                    list(dict.fromkeys(e.document for e in group)),
                    list(dict.fromkeys(n for e in group for n in e.entities)),
                )
            )
    return entries
