"""Response shapes of the JSON API, so the OpenAPI schema says exactly what comes back.

They mirror the dicts :mod:`newsloom.service` returns (the CLI's ``--json``); the
routes validate those dicts against these models on the way out.
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field

from newsloom.api.errors import ErrorDetail

T = TypeVar("T")

MAX_PAGE = 500
"""Most rows one page of a list returns."""
MAX_OFFSET = 2**31
"""Ceiling of ``offset`` (SQLite takes 64-bit integers; no list is near this long)."""

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]


class Page(BaseModel, Generic[T]):
    """One page of a list: ``items`` from ``offset`` on, and how many there are in all."""

    total: int = Field(description="Rows in the whole list.")
    limit: int
    offset: int
    items: list[T]


class DocumentSummary(BaseModel):
    id: str
    source: str
    title: str | None
    outlet: str | None
    published: str | None
    languages: list[str]
    layout: str
    paragraphs: int


class ParagraphOut(BaseModel):
    index: int
    text: str
    lang: str | None
    script: str | None
    role: str
    boilerplate: bool
    reason: str | None
    sentences: list[list[int]] = Field(description="[start, end) character offsets.")


class MentionOut(BaseModel):
    paragraph: int
    start: int
    end: int
    type: str
    name: str
    lang: str
    entity: str | None


class QuoteSpan(BaseModel):
    paragraph: int
    start: int
    end: int
    kind: str
    lang: str
    cue: str | None
    speaker: int | None = Field(description="Index into the document's mentions.")


class TimexOut(BaseModel):
    paragraph: int
    start: int
    end: int
    value: str
    kind: str


class DocumentOut(BaseModel):
    id: str
    source: str
    kind: str
    encoding: str
    title: str | None
    titles: dict[str, str]
    outlet: str | None
    published: str | None
    authors: list[str]
    editor: str | None
    translator: str | None
    url: str | None
    languages: list[str]
    script: str | None
    layout: str
    views: dict[str, list[int]] = Field(description="Language -> content paragraph indices.")
    stages: dict[str, str]
    paragraphs: list[ParagraphOut]
    mentions: list[MentionOut]
    quotes: list[QuoteSpan]
    timexes: list[TimexOut]


class RelationSide(BaseModel):
    id: str
    lang: str
    source: str
    title: str | None


class RelationOut(BaseModel):
    a: RelationSide
    b: RelationSide
    type: Literal["duplicate", "contains", "translation_of"]
    score: float
    direction: str
    evidence: dict[str, Any]


class RelatedStory(BaseModel):
    story: str
    score: float


class StoryOut(BaseModel):
    id: str
    title: str | None
    titles: dict[str, str]
    languages: list[str]
    outlets: list[str]
    start: str | None
    end: str | None
    size: int
    keywords: list[str]
    documents: list[str]
    related: list[RelatedStory]
    created: str
    updated: str


class EntityOut(BaseModel):
    id: str
    type: str
    names: dict[str, list[str]]
    mentions: int


class EntityMention(BaseModel):
    doc: str
    lang: str
    text: str
    name: str
    paragraph: int
    start: int
    end: int


class EntityDetail(EntityOut):
    mentions_in: list[EntityMention]


class Rendering(BaseModel):
    lang: str
    text: str
    document: str
    paragraph: int
    start: int
    end: int


class QuoteOut(BaseModel):
    speaker: str | None
    text: str
    lang: str
    document: str
    kind: str
    renderings: list[Rendering]


class TimelineEntry(BaseModel):
    date: str
    text: str
    texts: dict[str, str]
    documents: list[str]
    entities: list[str]


class ViewRef(BaseModel):
    id: str
    lang: str


class AlignedPairOut(BaseModel):
    a: list[Any] = Field(description="Paragraph indices, or [paragraph, sentence] pairs.")
    b: list[Any]
    a_text: str
    b_text: str
    score: float


class AlignmentOut(BaseModel):
    a: ViewRef
    b: ViewRef
    paragraphs: list[AlignedPairOut]
    sentences: list[AlignedPairOut]


class IngestReportOut(BaseModel):
    ok: bool
    added: int
    existing: int
    failed: int
    relations: int
    entities: int
    documents: list[str] = Field(description="Ids of the documents added or already stored.")
    errors: list[ErrorDetail] = Field(description="One per rejected input.")


class ReclusterOut(BaseModel):
    documents: int
    stories_before: int
    stories_after: int
    moved: int
    precision: float
    recall: float
    f1: float


class Health(BaseModel):
    ok: bool
    version: str
    documents: int
    write_token: bool = Field(description="Whether write endpoints need a bearer token.")


class ArticleIn(BaseModel):
    """One article to ingest, with the fields of a JSONL line (``text`` wins over ``html``)."""

    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="ISO 8601 date or date-time.")
    source: str | None = Field(None, description="The outlet.")
    lang: str | None = Field(None, description="Declared language (ISO 639-1).")
    authors: list[str] | str | None = None


class Headline(BaseModel):
    text: str | None
    lang: str | None


class BriefingOut(BaseModel):
    """A story's briefing; the rows inside each list are those of ``newsloom brief --json``."""

    story: str
    lang: str
    headline: Headline
    titles: dict[str, str]
    start: str | None
    end: str | None
    languages: list[str]
    documents: list[str]
    summary: list[dict[str, Any]] = Field(
        description="Central sentences, in the reader's language."
    )
    timeline: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    quotes: list[dict[str, Any]] = Field(description="Per speaker, quotes with renderings.")
    sources: list[dict[str, Any]] = Field(description="Each text with its kind (original, ...).")
    related: list[dict[str, Any]]


class SearchHit(BaseModel):
    """One hit: where it is, the sentence and its passage, highlights as offsets into it."""

    rank: int
    score: float
    doc: str
    lang: str | None
    paragraph: int
    sentence: int
    source: str
    title: str | None
    outlet: str | None
    published: str | None
    text: str
    passage: str
    sentence_span: list[int] = Field(description="[start, end) of the sentence in passage.")
    highlights: list[list[int]] = Field(description="[start, end) spans in passage.")
    matched: list[str]
    keyword_rank: int | None
    semantic_rank: int | None
    cosine: float | None
    coverage: float


class SearchPage(BaseModel):
    """Hits ``offset + 1`` .. ``offset + limit``, best first (a search has no cheap total)."""

    query: str
    limit: int
    offset: int
    items: list[SearchHit]
