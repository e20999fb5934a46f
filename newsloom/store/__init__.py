"""Storage behind one interface (:mod:`newsloom.store.base`); SQLite is the default."""

from __future__ import annotations

from pathlib import Path

from newsloom.store.base import DocSummary, Store, ViewRow
from newsloom.store.sqlite import SQLiteStore


def open_store(location: str | Path) -> Store:
    """Open the store at ``location``: a SQLite file path, or ``:memory:``."""
    return SQLiteStore(location)


__all__ = ["DocSummary", "SQLiteStore", "Store", "ViewRow", "open_store"]
