"""The ASGI application: JSON routes under ``/api``, then the web desk if installed.

One process serves one store file. Reads borrow a pooled connection per request
(:mod:`newsloom.api.deps`); writes and searches go through one :class:`Writer`
(one connection; the ingestor loads the models once, on the first ingest), one at
a time under the model lock that every use of the encoder holds.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from newsloom import __version__
from newsloom.api.deps import StorePool
from newsloom.api.errors import install_error_handlers
from newsloom.api.guard import BodyLimit
from newsloom.api.routes_corpus import router as corpus_router
from newsloom.api.routes_docs import router as docs_router
from newsloom.api.routes_stories import router as stories_router
from newsloom.api.writer import Writer
from newsloom.errors import ConfigError
from newsloom.settings import Settings


def create_app(db: str | Path, settings: Settings, token: str | None = None) -> FastAPI:
    """The app over the store at ``db``; ``token`` (else setting ``api.token``) guards writes.

    Raises:
        ConfigError: ``db`` is ``:memory:`` (each pooled connection would see its own
            empty database).
        StoreError: the store cannot be opened (checked here, not on the first request).
    """
    if str(db) == ":memory:":
        raise ConfigError("NL254", str(db))
    pool = StorePool(db)
    pool.give(pool.take())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.writer.close()
        pool.close()

    app = FastAPI(
        title="newsloom",
        version=__version__,
        summary="Multilingual news: documents, stories, entities, quotes, timelines.",
        lifespan=lifespan,
    )
    app.state.db = str(db)
    app.state.settings = settings
    app.state.token = token or settings.get("api", "token") or None
    app.state.stores = pool
    app.state.model_lock = threading.Lock()
    app.state.writer = Writer(str(db), settings, app.state.model_lock)
    app.add_middleware(BodyLimit, max_bytes=int(settings.get("api", "max_upload_mb") * 2**20))
    install_error_handlers(app)
    for router in (docs_router, stories_router, corpus_router):
        app.include_router(router, prefix="/api")
    _install_web(app)
    return app


def _install_web(app: FastAPI) -> None:
    """Mount the web desk (``newsloom.web.install``) when that package is present."""
    try:
        import newsloom.web as web
    except ImportError as exc:
        if exc.name != "newsloom.web":
            raise
        return
    web.install(app)
