"""Stories: list, read, their timelines, quotes and briefings, and the rebuild of all stories."""

from __future__ import annotations

import threading
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import PlainTextResponse

from newsloom import service
from newsloom.api.deps import get_model_lock, get_settings, get_store
from newsloom.api.errors import ERROR_RESPONSES
from newsloom.api.guard import require_token
from newsloom.api.models import (
    BriefingOut,
    Limit,
    Offset,
    Page,
    QuoteOut,
    ReclusterOut,
    StoryOut,
    TimelineEntry,
)
from newsloom.api.routes_docs import WRITE_RESPONSES
from newsloom.brief.render import markdown
from newsloom.settings import Settings
from newsloom.store import Store

router = APIRouter(tags=["stories"], responses=ERROR_RESPONSES)

StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
LockDep = Annotated[threading.Lock, Depends(get_model_lock)]
Lang = Annotated[str, Query(pattern="^[a-z]{2,3}$", description="Language shown first.")]


@router.get("/stories", response_model=Page[StoryOut])
def list_stories(
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Stories, largest first."""
    rows = service.list_stories(store)
    return {"total": len(rows), "limit": limit, "offset": offset,
            "items": rows[offset : offset + limit]}  # fmt: skip


@router.get("/stories/{ref}", response_model=StoryOut)
def show_story(ref: str, store: StoreDep) -> dict:
    """One story by id, id prefix, merged-away id, or member document."""
    return service.show_story(store, ref)


@router.get("/stories/{ref}/timeline", response_model=list[TimelineEntry])
def story_timeline(
    ref: str, store: StoreDep, settings: SettingsDep, lock: LockDep, lang: Lang = "en"
) -> list[dict]:
    """The story's dated events in order, one event's wordings in several languages merged."""
    members = service.story_documents(store, ref)
    with lock:
        return service.timeline(store, settings, members, lang=lang)


@router.get("/stories/{ref}/quotes", response_model=list[QuoteOut])
def story_quotes(
    ref: str, store: StoreDep, settings: SettingsDep, lock: LockDep, lang: Lang = "en"
) -> list[dict]:
    """Who said what in the story; a quote and its translations are one entry."""
    members = service.story_documents(store, ref)
    with lock:
        return service.quotes(store, settings, members, lang=lang)


@router.get(
    "/stories/{ref}/brief",
    response_model=BriefingOut,
    responses={200: {"content": {"text/markdown": {}}}},
)
def story_brief(
    ref: str,
    store: StoreDep,
    settings: SettingsDep,
    lock: LockDep,
    lang: Lang = "en",
    format: Annotated[Literal["json", "markdown"], Query()] = "json",
) -> dict | PlainTextResponse:
    """What one reader needs to know of the story, in ``lang``: summary, timeline, actors,
    quotes and sources. ``format=markdown`` gives it as one Markdown page."""
    with lock:
        briefing = service.brief(store, settings, ref, lang=lang)
    if format == "markdown":
        return PlainTextResponse(markdown(briefing), media_type="text/markdown")
    return briefing.to_json()


@router.post(
    "/recluster",
    response_model=ReclusterOut,
    responses=WRITE_RESPONSES,
    dependencies=[Depends(require_token)],
)
def recluster(request: Request) -> dict:
    """Rebuild every story from scratch; report how far that moved from the online result."""
    return request.app.state.writer.recluster()
