"""The document model every stage reads and writes: plain dataclasses, no I/O.

A :class:`Document` owns its paragraphs; sentences are character offsets into a
paragraph's text (like spaCy's spans over a ``Doc``), so later stages can point
at a sentence without copying it.  Language views are derived from the
paragraphs, never stored twice.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

Layout = Literal["monolingual", "interleaved", "blocks"]
Role = Literal["title", "header", "body"]

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """NFC with runs of whitespace collapsed: the form content ids are computed on."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_id(text: str) -> str:
    """A stable 16-hex-digit id derived from the normalised content alone.

    The same article read from two files, or from a file and a JSONL line,
    gets the same id, which is what makes ingest idempotent.
    """
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass
class RawInput:
    """One article as read from disk, decoded but not yet parsed.

    ``source`` names where it came from: a path, ``path:LINE`` for a JSONL
    line, ``path#N`` for the N-th feed item, or ``-`` for stdin.
    ``hints`` carries metadata the container already gave (JSONL fields,
    feed item fields) under :class:`Metadata` field names.
    """

    source: str
    kind: Literal["text", "html"]
    content: str
    encoding: str
    container: Literal["file", "jsonl", "feed", "stdin"] = "file"
    hints: dict[str, object] = field(default_factory=dict)


@dataclass
class Paragraph:
    """One line-level block of a document, with what the stages learned about it."""

    text: str
    role: Role = "body"
    lang: str | None = None
    """ISO 639-1 code, or None where no language could be told (numbers, symbols)."""
    script: str | None = None
    """``Hans`` or ``Hant`` for Chinese; None for other languages."""
    simplified: str | None = None
    """Simplified-Chinese form of a Traditional paragraph, used for matching."""
    boilerplate: bool = False
    reason: str | None = None
    """Why the paragraph was marked as boilerplate (a rule name), else None."""
    sentences: list[tuple[int, int]] = field(default_factory=list)
    """Sentence spans as (start, end) character offsets into ``text``."""
    vectors: np.ndarray | None = field(default=None, compare=False, repr=False)
    """One unit embedding row per sentence (content paragraphs only), float32."""

    @property
    def is_content(self) -> bool:
        """True for the paragraphs that carry the article: body text, not clutter."""
        return self.role == "body" and not self.boilerplate

    @property
    def matching_text(self) -> str:
        """The text to compare across documents: Simplified where Chinese is Traditional."""
        return self.simplified or self.text

    def sentence_texts(self) -> list[str]:
        return [self.text[a:b] for a, b in self.sentences] or [self.text]


@dataclass
class Metadata:
    """What a page says about itself. Every field is optional: pages rarely say all."""

    title: str | None = None
    titles: dict[str, str] = field(default_factory=dict)
    """Title per language, for bilingual pages that carry one in each."""
    outlet: str | None = None
    published: str | None = None
    """ISO 8601 date or date-time, as precise as the page gives it."""
    authors: list[str] = field(default_factory=list)
    editor: str | None = None
    translator: str | None = None
    url: str | None = None
    declared_lang: str | None = None
    """A language the container declared (JSONL ``lang``, ``<html lang>``)."""
    translated_from: str | None = None
    """A "translated from" note, where the page has one."""


EntityType = Literal["PER", "ORG", "LOC"]


@dataclass
class Mention:
    """A name in one paragraph, as character offsets into the paragraph's text."""

    paragraph: int
    start: int
    end: int
    type: EntityType
    name: str
    """The normalised name: nominative in Russian, Simplified in Chinese, else as written."""
    lang: str
    entity: str | None = None
    """The collection-wide entity id, once the entity linker has run."""


@dataclass
class Quote:
    """Something a speaker said, directly (in quotation marks) or reported."""

    paragraph: int
    start: int
    end: int
    """Span of the quoted content (without the quotation marks) in the paragraph."""
    kind: Literal["direct", "indirect"]
    lang: str
    cue: str | None = None
    """The reporting verb or phrase ("said", "表示", "заявил", "по словам")."""
    speaker: int | None = None
    """Index into ``Document.mentions`` of the speaker; pronouns resolved to a name."""


@dataclass
class Timex:
    """A date expression normalised against the document's publication date."""

    paragraph: int
    start: int
    end: int
    value: str
    """ISO 8601: ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when only that precise."""
    kind: Literal["absolute", "relative"]


@dataclass
class Document:
    """An article: its paragraphs, metadata and the document-level language facts."""

    id: str
    source: str
    kind: Literal["text", "html"]
    encoding: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    meta: Metadata = field(default_factory=Metadata)
    languages: list[str] = field(default_factory=list)
    """Languages of the content paragraphs, largest share first."""
    layout: Layout = "monolingual"
    stages: dict[str, str] = field(default_factory=dict)
    """Stage name -> stage version that has run on this document."""
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)

    def views(self) -> dict[str, list[int]]:
        """Paragraph indices of the content in each language: the language views."""
        out: dict[str, list[int]] = {}
        for i, p in enumerate(self.paragraphs):
            if p.is_content and p.lang:
                out.setdefault(p.lang, []).append(i)
        return {lang: out[lang] for lang in self.languages if lang in out}

    def view_vector(self, lang: str) -> np.ndarray | None:
        """The unit mean of a view's sentence vectors: the view's place in embedding space."""
        rows = [
            self.paragraphs[i].vectors
            for i in self.views().get(lang, [])
            if self.paragraphs[i].vectors is not None and len(self.paragraphs[i].vectors)
        ]
        if not rows:
            return None
        mean = np.vstack(rows).astype(np.float32).mean(axis=0)
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm else mean

    def view_text(self, lang: str) -> str:
        """The document's text in one language, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs[i].text for i in self.views().get(lang, []))

    @property
    def script(self) -> str | None:
        """``Hant`` when the Chinese content is Traditional, ``Hans`` when Simplified."""
        scripts = [p.script for p in self.paragraphs if p.is_content and p.script]
        if not scripts:
            return None
        return max(set(scripts), key=scripts.count)


RelationType = Literal["duplicate", "contains", "translation_of"]


@dataclass
class Relation:
    """A relation between two texts, a text being one language view of a document.

    ``duplicate``: same language, near-identical. ``contains``: text ``a``
    holds all of text ``b`` (an English-only copy of a bilingual page is
    contained in it). ``translation_of``: different languages, most sentences
    aligned; ``direction`` is ``"zh->en"`` style (from the original's language
    into the translation's) where the evidence shows it, else ``"unknown"``.
    """

    a: str
    a_lang: str
    b: str
    b_lang: str
    type: RelationType
    score: float
    direction: str = "unknown"
    evidence: dict[str, object] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.a, self.a_lang, self.b, self.b_lang, self.type)


@dataclass
class Entity:
    """One actor across the collection, with its name in every language it appears in."""

    id: str
    type: EntityType
    names: dict[str, list[str]] = field(default_factory=dict)
    """Language -> name variants, most frequent first."""
    mentions: int = 0
