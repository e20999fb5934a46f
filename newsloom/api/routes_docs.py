"""Documents: list, read, and ingest (JSON articles or uploaded files)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, UploadFile

from newsloom import service
from newsloom.api.deps import get_store
from newsloom.api.errors import ERROR_RESPONSES, ErrorBody
from newsloom.api.guard import require_token
from newsloom.api.models import (
    ArticleIn,
    DocumentOut,
    DocumentSummary,
    IngestReportOut,
    Limit,
    Offset,
    Page,
)
from newsloom.errors import InputError
from newsloom.store import Store

router = APIRouter(tags=["documents"], responses=ERROR_RESPONSES)

WRITE_RESPONSES: dict[int | str, dict] = {
    401: {"model": ErrorBody, "description": "The server has a token; the request lacks it."},
    413: {"model": ErrorBody, "description": "The body is over api.max_upload_mb."},
}


@router.get("/documents", response_model=Page[DocumentSummary])
def list_documents(
    store: Annotated[Store, Depends(get_store)], limit: Limit = 50, offset: Offset = 0
) -> dict:
    """Stored documents in the order they were added."""
    items = service.list_documents(store, limit=limit, offset=offset)
    return {"total": store.count(), "limit": limit, "offset": offset, "items": items}


@router.get("/documents/{ref:path}", response_model=DocumentOut)
def show_document(ref: str, store: Annotated[Store, Depends(get_store)]) -> dict:
    """One document by id, unique id prefix or source: metadata, paragraphs, extractions."""
    return service.show_document(store, ref)


@router.post(
    "/documents",
    response_model=IngestReportOut,
    responses=WRITE_RESPONSES,
    dependencies=[Depends(require_token)],
)
def ingest_articles(articles: list[ArticleIn] | ArticleIn, request: Request) -> dict:
    """Ingest one article or a list of them; each is a JSONL line's fields.

    Rejected articles are listed in ``errors``; the others are stored.
    """
    batch = articles if isinstance(articles, list) else [articles]
    rows = [a.model_dump(exclude_none=True) for a in batch]
    return request.app.state.writer.ingest_articles(rows).to_json()


@router.post(
    "/documents/upload",
    response_model=IngestReportOut,
    responses=WRITE_RESPONSES,
    dependencies=[Depends(require_token)],
)
def ingest_files(
    files: Annotated[list[UploadFile], File(description="Text, HTML, JSONL or feed files.")],
    request: Request,
) -> dict:
    """Ingest uploaded files, each read as ``newsloom ingest`` reads a file of that name."""
    if not files:
        raise InputError("NL253", request.url.path)
    named = [(_upload_name(f, i), f.file.read()) for i, f in enumerate(files, start=1)]
    return request.app.state.writer.ingest_files(named).to_json()


def _upload_name(upload: UploadFile, number: int) -> str:
    """The uploaded file's base name (its extension picks the reader), as ``upload/NAME``."""
    name = (upload.filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return f"upload/{name or f'file-{number}'}"
