"""FastAPI dependencies shared by the JSON routes and the web desk.

SQLite connections must not be used by two requests at once, and a request's
dependencies and its handler may run on different worker threads, so a store is
lent to one request at a time from a pool (:class:`StorePool`) rather than kept
per thread. WAL lets the pooled readers run while the ingest writer commits.

The sentence encoder is one object per process with an unsynchronised cache, so
every use of it (ingest, align, quotes, timelines, export, search) holds the app's
model lock (:func:`get_model_lock`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

from fastapi import Request

from newsloom.settings import Settings
from newsloom.store import Store, open_store


class StorePool:
    """Open stores on one database file, each lent to one request at a time."""

    def __init__(self, db: str | Path) -> None:
        self.db = str(db)
        self._idle: list[Store] = []
        self._all: list[Store] = []
        self._lock = threading.Lock()

    def take(self) -> Store:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        store = open_store(self.db)
        with self._lock:
            self._all.append(store)
        return store

    def give(self, store: Store) -> None:
        with self._lock:
            self._idle.append(store)

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                store.close()
            self._all.clear()
            self._idle.clear()


def get_store(request: Request) -> Iterator[Store]:
    """The request's own store (``store: Store = Depends(get_store)``), returned after it."""
    pool: StorePool = request.app.state.stores
    store = pool.take()
    try:
        yield store
    finally:
        pool.give(store)


def get_settings(request: Request) -> Settings:
    """The effective settings the app was created with."""
    return request.app.state.settings


def get_model_lock(request: Request) -> threading.Lock:
    """Hold this around any service call that embeds text (the encoder is not thread-safe)."""
    return request.app.state.model_lock
