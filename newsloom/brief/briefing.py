"""A story's briefing in the reader's language: what one person needs to know, on one page.

Composes the pieces other modules own: the story row (titles, span, related links), the
sources and their kinds (:mod:`newsloom.relate.provenance`), the writings
(:mod:`.sources`), the central sentences (:mod:`.summary`), the timeline
(:mod:`newsloom.extract.timeline`), quotes merged across translations
(:mod:`newsloom.extract.quotes`) and entities (the linker's). The reader's language
decides only what is shown: a summary sentence taken from an original in another
language is shown through its aligned sentence in a translation the story holds
(:func:`newsloom.relate.parallel.align_views`), else as written with its language.

Example:
    >>> b = build_briefing(store, Settings(), "s-ca541ce951667dcf", "en")
    >>> b.summary[0].lang, b.summary[0].original["lang"]
    ('en', 'zh')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field

import numpy as np

from newsloom.brief.sources import Source, Writing, sources, writings
from newsloom.brief.summary import Candidate, candidates, central_sentences
from newsloom.errors import ConfigError
from newsloom.extract.quotes import QuoteGroup, Rendering, merge_quotes
from newsloom.extract.timeline import timeline
from newsloom.lang.scripts import script_counts, weighted_size
from newsloom.model import Document, Entity, Relation
from newsloom.relate.parallel import ViewAlignment, align_views
from newsloom.relate.provenance import TextKind, text_kinds
from newsloom.settings import Settings
from newsloom.store.base import Store

Embed = Callable[[list[str]], np.ndarray]

# Which text shows an original's sentence in the reader's language, best first.
_RENDERING_ORDER = ("translation", "unknown", "duplicate", "machine_translation", "original")


@dataclass
class SummarySentence:
    """A central sentence: as shown (``text``, ``lang``), and where it was written."""

    text: str
    lang: str
    score: float
    original: dict[str, object]
    """``text``, ``lang``, ``document``, ``paragraph``, ``sentence`` of the original."""
    rendering: dict[str, object] | None = None
    """``document``, ``lang``, ``kind`` of the translation it is shown through, if any."""


@dataclass
class Actor:
    """An entity of the story with its names; ``writings``: how many writings name it."""

    id: str
    type: str
    name: str
    lang: str | None
    names: dict[str, list[str]]
    writings: int
    mentions: int


@dataclass
class Said:
    """One speaker's quotes, each as shown and with all its renderings."""

    speaker: str
    speaker_id: str
    quotes: list[dict[str, object]] = field(default_factory=list)


@dataclass
class Briefing:
    """Everything ``newsloom brief`` shows; :meth:`to_json` is its ``--json`` shape."""

    story: str
    lang: str
    headline: str | None
    headline_lang: str | None
    titles: dict[str, str]
    start: str | None
    end: str | None
    languages: list[str]
    documents: list[str]
    summary: list[SummarySentence]
    timeline: list[dict[str, object]]
    actors: list[Actor]
    quotes: list[Said]
    sources: list[Source]
    related: list[dict[str, object]]

    def to_json(self) -> dict[str, object]:
        return {
            "story": self.story,
            "lang": self.lang,
            "headline": {"text": self.headline, "lang": self.headline_lang},
            "titles": self.titles,
            "start": self.start,
            "end": self.end,
            "languages": self.languages,
            "documents": self.documents,
            "summary": [asdict(s) for s in self.summary],
            "timeline": self.timeline,
            "actors": [asdict(a) for a in self.actors],
            "quotes": [asdict(q) for q in self.quotes],
            "sources": [s.to_json() for s in self.sources],
            "related": self.related,
        }


def check_settings(settings: Settings) -> dict[str, object]:
    """The ``[brief]`` settings, range-checked (NL242 names the one out of range)."""
    cfg = settings["brief"]
    for key in ("summary_sentences", "timeline_events", "actors", "quote_speakers",
                "quotes_per_speaker"):  # fmt: skip
        if cfg[key] < 0:
            raise ConfigError("NL242", "settings", key=key, expected="0 or more", value=cfg[key])
    for key in ("lexrank_threshold", "lexrank_damping", "mmr_lambda"):
        if not 0.0 <= cfg[key] <= 1.0:
            raise ConfigError("NL242", "settings", key=key, expected="0..1", value=cfg[key])
    return cfg


def _name(entity: Entity | None, fallback: str, lang: str) -> tuple[str, str | None]:
    """An entity's name in ``lang``, else its first name in any language, with that language."""
    if entity is None or not entity.names:
        return fallback, None
    if entity.names.get(lang):
        return entity.names[lang][0], lang
    first = next(iter(entity.names))
    return entity.names[first][0], first


class _Builder:
    """One briefing's working state: documents, kinds, writings, alignments made so far."""

    def __init__(self, store: Store, settings: Settings, story_id: str, lang: str,
                 embed: Embed) -> None:  # fmt: skip
        self.store, self.settings, self.lang, self.embed = store, settings, lang, embed
        self.cfg = check_settings(settings)
        (self.row,) = store.story_rows([story_id])
        related = [str(link["story"]) for link in self.row["related"]]  # type: ignore[union-attr]
        self.rows = {str(r["id"]): r for r in store.story_rows(related)}
        self.docs: dict[str, Document] = {d: store.get(d) for d in self.row["members"]}
        seen: dict[tuple[str, ...], Relation] = {}
        for doc_id in self.docs:
            for r in store.relations(doc_id):
                if r.a in self.docs and r.b in self.docs:
                    seen[r.key] = r
        self.relations = list(seen.values())
        self.kinds: dict[str, TextKind] = text_kinds(self.docs, self.relations)
        self.writings: list[Writing] = writings(self.docs, self.relations, self.kinds)
        self.writing_of = {t: n for n, w in enumerate(self.writings) for t in w.texts}
        self.primaries = {w.primary for w in self.writings}
        self.entities = {e.id: e for e in store.entities()}
        self._alignments: dict[tuple[str, str], ViewAlignment] = {}

    # -- summary ---------------------------------------------------------------------

    def summary(self) -> list[SummarySentence]:
        cands: list[Candidate] = []
        for w in self.writings:
            doc_id, lang = w.primary.rsplit("#", 1)
            cands += candidates(self.docs[doc_id], lang, self.cfg["summary_min_chars"])
        picked = central_sentences(
            cands, self.cfg["summary_sentences"], self.cfg["lexrank_threshold"],
            self.cfg["lexrank_damping"], self.cfg["mmr_lambda"],
        )  # fmt: skip
        return [self._shown(c, score) for c, score in picked]

    def _shown(self, c: Candidate, score: float) -> SummarySentence:
        original = {"text": c.text, "lang": c.lang, "document": c.document,
                    "paragraph": c.paragraph, "sentence": c.sentence,
                    "kind": self.kinds[f"{c.document}#{c.lang}"].kind}  # fmt: skip
        if c.lang == self.lang:
            return SummarySentence(c.text, c.lang, round(score, 6), original)
        for key in self._renderings(f"{c.document}#{c.lang}"):
            text = self._aligned(c.document, c.lang, c.paragraph, c.sentence, key)
            if text:
                doc_id = key.rsplit("#", 1)[0]
                via = {"document": doc_id, "lang": self.lang, "kind": self.kinds[key].kind}
                return SummarySentence(text, self.lang, round(score, 6), original, via)
        return SummarySentence(c.text, c.lang, round(score, 6), original)

    def _renderings(self, key: str) -> list[str]:
        """Texts in the reader's language of the writing of ``key``, best first."""
        writing = self.writings[self.writing_of[key]]
        found = [t for t in writing.texts if t.rsplit("#", 1)[1] == self.lang]
        return sorted(
            found,
            key=lambda t: (self.kinds[t].of != key,
                           _RENDERING_ORDER.index(self.kinds[t].kind), t),
        )  # fmt: skip

    def _aligned(self, doc_id: str, lang: str, paragraph: int, sentence: int, key: str
                 ) -> str | None:  # fmt: skip
        """The sentence(s) of text ``key`` aligned with one sentence of ``doc_id#lang``."""
        src = f"{doc_id}#{lang}"
        if (src, key) not in self._alignments:
            other, other_lang = key.rsplit("#", 1)
            self._alignments[(src, key)] = align_views(
                self.docs[doc_id], lang, self.docs[other], other_lang, self.embed, self.settings
            )
        where = [paragraph, sentence]
        for pair in self._alignments[(src, key)].sentences:
            if where in pair.a and pair.b:
                return pair.b_text.strip()
        return None

    # -- timeline, actors, quotes, related --------------------------------------------

    def timeline(self) -> list[dict[str, object]]:
        entries = timeline(
            list(self.docs.values()), self.embed, lang=self.lang,
            min_cos=self.settings.get("extract", "time_merge_min_cos"),
        )  # fmt: skip
        limit = self.cfg["timeline_events"]
        if len(entries) > limit:
            keep = sorted(range(len(entries)), key=lambda i: (-len(entries[i].documents), i))
            entries = [entries[i] for i in sorted(keep[:limit])]
        out = []
        for e in entries:
            shown = next((lang for lang, text in e.texts.items() if text == e.text), None)
            actors = [_name(self.entities.get(n), n, self.lang)[0] for n in e.entities]
            out.append({"date": e.date, "text": e.text, "lang": shown, "texts": e.texts,
                        "documents": e.documents, "actors": actors})  # fmt: skip
        return out

    def actors(self) -> list[Actor]:
        in_writings: dict[str, set[int]] = {}
        mentions: Counter[str] = Counter()
        types: dict[str, str] = {}
        for doc in self.docs.values():
            for m in doc.mentions:
                key = f"{doc.id}#{doc.paragraphs[m.paragraph].lang or m.lang}"
                ident = m.entity or f"{m.type}:{m.name}"
                types.setdefault(ident, m.type)
                if key in self.writing_of:
                    in_writings.setdefault(ident, set()).add(self.writing_of[key])
                if key in self.primaries:
                    mentions[ident] += 1
        ranked = sorted(in_writings, key=lambda i: (-len(in_writings[i]), -mentions[i], i))
        out = []
        for ident in ranked[: self.cfg["actors"]]:
            entity = self.entities.get(ident)
            fallback = ident.split(":", 1)[1] if entity is None else ident
            name, lang = _name(entity, fallback, self.lang)
            names = entity.names if entity else {}
            out.append(Actor(ident, entity.type if entity else types[ident], name, lang, names,
                             len(in_writings[ident]), mentions[ident]))  # fmt: skip
        return out

    def quotes(self) -> list[Said]:
        groups = merge_quotes(
            list(self.docs.values()), self.relations, self.embed,
            self.settings.get("extract", "quote_merge_min_cos"),
        )  # fmt: skip
        # A writing speaks once: a quote counts where its writing's primary text has it.
        kept = [
            g for g in groups
            if g.speaker and any(f"{r.document}#{r.lang}" in self.primaries for r in g.renderings)
        ]  # fmt: skip
        by_speaker: dict[str, list[QuoteGroup]] = {}
        for g in kept:
            by_speaker.setdefault(str(g.speaker), []).append(g)
        ranked = sorted(by_speaker, key=lambda s: (-len(by_speaker[s]), s))
        min_size = self.cfg["summary_min_chars"]
        out = []
        for speaker in ranked[: self.cfg["quote_speakers"]]:
            name = _name(self.entities.get(speaker), speaker, self.lang)[0]
            # Whole statements before fragments ("flatly rejected"), direct before reported.
            best = sorted(
                by_speaker[speaker],
                key=lambda g: (
                    weighted_size(script_counts(g.renderings[0].text)) < min_size,
                    g.renderings[0].kind != "direct", -len(g.renderings),
                ),
            )[: self.cfg["quotes_per_speaker"]]  # fmt: skip
            said = Said(name, speaker)
            for g in best:
                main = next((r for r in g.renderings if r.lang == self.lang), None) or next(
                    r for r in g.renderings if f"{r.document}#{r.lang}" in self.primaries
                )
                said.quotes.append({
                    "text": main.text, "lang": main.lang, "kind": main.kind,
                    "document": main.document, "context": self._quote_context(main),
                    "renderings": [r.to_json() for r in g.renderings],
                })  # fmt: skip
            out.append(said)
        return out

    def _quote_context(self, r: Rendering) -> dict[str, object] | None:
        """For a quote not in the reader's language: the aligned sentence that holds it in a
        translation the story has, with that translation's document and kind."""
        if r.lang == self.lang:
            return None
        spans = self.docs[r.document].paragraphs[r.paragraph].sentences
        sentence = next((n for n, (a, b) in enumerate(spans) if a <= r.start < b), 0)
        key = f"{r.document}#{r.lang}"
        for other in self._renderings(key):
            text = self._aligned(r.document, r.lang, r.paragraph, sentence, other)
            if text:
                return {"text": text, "lang": self.lang, "document": other.rsplit("#", 1)[0],
                        "kind": self.kinds[other].kind}  # fmt: skip
        return None

    def related(self) -> list[dict[str, object]]:
        out = []
        for link in self.row["related"]:
            other = self.rows.get(str(link["story"]))
            titles: Mapping[str, str] = other["titles"] if other else {}
            lang = self.lang if self.lang in titles else next(iter(titles), None)
            out.append({"story": link["story"], "score": link["score"],
                        "title": titles.get(lang) if lang else None, "lang": lang})  # fmt: skip
        return out

    def headline(self) -> tuple[str | None, str | None]:
        titles: Mapping[str, str] = self.row["titles"]
        if self.lang in titles:
            return titles[self.lang], self.lang
        for lang in [*self.row["languages"], *titles]:
            if lang in titles:
                return titles[lang], lang
        return None, None


def build_briefing(
    store: Store, settings: Settings, story_id: str, lang: str, embed: Embed
) -> Briefing:
    """The briefing of story ``story_id`` (an existing id) for a reader of ``lang``.

    Args:
        embed: texts -> unit vectors (``load_encoder(settings).encode``), for aligning
            translations and merging quotes and events across languages.
    """
    b = _Builder(store, settings, story_id, lang, embed)
    headline, headline_lang = b.headline()
    return Briefing(
        story=story_id, lang=lang, headline=headline, headline_lang=headline_lang,
        titles=dict(b.row["titles"]), start=b.row["start"], end=b.row["end"],
        languages=list(b.row["languages"]), documents=list(b.docs),
        summary=b.summary(), timeline=b.timeline(), actors=b.actors(), quotes=b.quotes(),
        sources=sources(b.docs.values(), b.kinds), related=b.related(),
    )  # fmt: skip
