"""Collection-wide reads: entities, quotes, relations, alignment, export, search, health."""

from __future__ import annotations

import threading
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from newsloom import __version__, service
from newsloom.api.deps import get_model_lock, get_settings, get_store
from newsloom.api.errors import ERROR_RESPONSES
from newsloom.api.export import MEDIA_TYPES, stream_parallel
from newsloom.api.models import (
    AlignmentOut,
    EntityDetail,
    EntityOut,
    Health,
    Limit,
    Offset,
    Page,
    QuoteOut,
    RelationOut,
    SearchPage,
)
from newsloom.extract.linking import entity_json, entity_mentions, find_entity
from newsloom.settings import Settings
from newsloom.store import Store

router = APIRouter(responses=ERROR_RESPONSES)

StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
LockDep = Annotated[threading.Lock, Depends(get_model_lock)]


def _page(rows: list, limit: int, offset: int) -> dict:
    return {"total": len(rows), "limit": limit, "offset": offset,
            "items": rows[offset : offset + limit]}  # fmt: skip


@router.get("/entities", response_model=Page[EntityOut], tags=["entities"])
def list_entities(
    store: StoreDep,
    type: Annotated[Literal["PER", "ORG", "LOC"] | None, Query()] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """People, organisations and places, most mentioned first, names in every language."""
    rows = service.list_entities(store)
    if type is not None:
        rows = [r for r in rows if r["type"] == type]
    return _page(rows, limit, offset)


@router.get("/entities/{ref}", response_model=EntityDetail, tags=["entities"])
def show_entity(ref: str, store: StoreDep) -> dict:
    """One entity by id or any of its names, with every mention of it."""
    row = entity_json(find_entity(store, ref))
    row["mentions_in"] = entity_mentions(store, str(row["id"]))
    return row


@router.get("/quotes", response_model=Page[QuoteOut], tags=["quotes"])
def list_quotes(
    store: StoreDep,
    settings: SettingsDep,
    lock: LockDep,
    story: Annotated[str | None, Query(description="Only quotes of this story.")] = None,
    lang: Annotated[str, Query(pattern="^[a-z]{2,3}$")] = "en",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Who said what across the collection (or one story), translations merged."""
    members = service.story_documents(store, story) if story else None
    with lock:
        rows = service.quotes(store, settings, members, lang=lang)
    return _page(rows, limit, offset)


@router.get("/relations", response_model=Page[RelationOut], tags=["relations"])
def list_relations(
    store: StoreDep,
    doc: Annotated[str | None, Query(description="Only relations of this document.")] = None,
    type: Annotated[Literal["duplicate", "contains", "translation_of"] | None, Query()] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Duplicates, containments and translations between language views."""
    rows = service.list_relations(store, doc)
    if type is not None:
        rows = [r for r in rows if r["type"] == type]
    return _page(rows, limit, offset)


@router.get("/align", response_model=AlignmentOut, tags=["relations"])
def align(
    store: StoreDep,
    settings: SettingsDep,
    lock: LockDep,
    a: Annotated[str, Query(min_length=1, description="REF or REF:LANG.")],
    b: Annotated[str | None, Query(description="REF or REF:LANG; omit for a bilingual a.")] = None,
) -> dict:
    """Two language views aligned paragraph by paragraph and sentence by sentence."""
    with lock:
        result = service.align(store, settings, a, b)
    return service.alignment_json(result)


@router.get(
    "/export/parallel",
    response_class=StreamingResponse,
    tags=["relations"],
    responses={200: {"description": "The parallel corpus.",
                     "content": {media: {} for media in MEDIA_TYPES.values()}}},
)  # fmt: skip
def export_parallel(
    request: Request,
    settings: SettingsDep,
    lock: LockDep,
    format: Annotated[Literal["tmx", "tsv", "jsonl"], Query()] = "tmx",
) -> StreamingResponse:
    """Every aligned sentence pair of every translation, streamed as TMX 1.4, TSV or JSONL."""
    return StreamingResponse(
        stream_parallel(request.app.state.db, settings, format, lock),
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="parallel.{format}"'},
    )


@router.get("/search", response_model=SearchPage, tags=["search"])
def search(
    request: Request,
    q: Annotated[
        str, Query(min_length=1, max_length=1000, description="Words, names, a sentence.")
    ],
    lang: Annotated[str | None, Query(description="Only these languages: 'en' or 'en,zh'.")] = None,
    since: Annotated[str | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(description="Published on or before (YYYY-MM-DD).")] = None,
    outlet: Annotated[str | None, Query()] = None,
    entity: Annotated[str | None, Query(description="Only documents naming this entity.")] = None,
    story: Annotated[str | None, Query(description="Only documents of this story.")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> dict:
    """Hybrid keyword and semantic search across languages: passages, best first."""
    rows = request.app.state.writer.search(
        q, lang=lang, since=since, until=until, outlet=outlet, entity=entity, story=story,
        limit=limit, offset=offset,
    )  # fmt: skip
    return {"query": q, "limit": limit, "offset": offset, "items": rows}


@router.get("/health", response_model=Health, tags=["service"])
def health(request: Request, store: StoreDep) -> dict:
    """Liveness and the store's size."""
    return {"ok": True, "version": __version__, "documents": store.count(),
            "write_token": request.app.state.token is not None}  # fmt: skip
