"""Storage behind one interface (:mod:`newsloom.store.base`); SQLite is the default."""

from __future__ import annotations

import re
from pathlib import Path

from newsloom.errors import StoreError
from newsloom.store.base import DocSummary, Store, ViewRow
from newsloom.store.sqlite import SQLiteStore

_URL = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")


def open_store(location: str | Path) -> Store:
    """Open the store at ``location``: a SQLite file path, ``:memory:``, or a
    ``postgresql://user@host:port/dbname`` URL (the optional ``postgres`` extra)."""
    url = _URL.match(str(location))
    if url is None:
        return SQLiteStore(location)
    if url.group(1).lower() not in ("postgresql", "postgres"):
        raise StoreError("NL321", str(location), scheme=url.group(1))
    try:  # psycopg is an optional extra: imported only when a URL asks for PostgreSQL
        from newsloom.store.postgres import PostgresStore
    except ImportError as exc:
        raise StoreError("NL322", None, detail=exc) from None
    return PostgresStore(str(location))


__all__ = ["DocSummary", "SQLiteStore", "Store", "ViewRow", "open_store"]
