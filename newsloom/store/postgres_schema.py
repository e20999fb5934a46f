"""Connecting to PostgreSQL and bringing its schema up to date (``migrations_pg/*.sql``).

Errors here are the user's to fix (a URL, a server, an extension), so each becomes a
one-line :class:`~newsloom.errors.StoreError` naming the server without its password.
"""

from __future__ import annotations

import re
from importlib import resources

import psycopg
from psycopg.conninfo import conninfo_to_dict

from newsloom.errors import StoreError

CONNECT_TIMEOUT_S = 10
"""Seconds to wait for the server when the URL names no ``connect_timeout``."""

# Advisory lock keys (LOCKS, job): one key space for newsloom, one lock per shared job.
LOCKS = 0x6E6C
MIGRATE, STORIES, ENTITIES = 1, 2, 3


def migrations() -> list[tuple[int, str]]:
    """``(version, script)`` of every file in ``migrations_pg``, oldest first."""
    folder = resources.files("newsloom.store").joinpath("migrations_pg")
    found = [
        (int(entry.name.split("_", 1)[0]), entry.read_text("utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".sql")
    ]
    return sorted(found)


def one_line(exc: BaseException) -> str:
    """A driver message on one line (libpq's run over several, with tabs)."""
    return re.sub(r"\s+", " ", str(exc)).strip() or type(exc).__name__


def display_url(url: str) -> str:
    """The URL as errors show it: ``postgresql://user@host:port/dbname``, never a password.

    Example:
        >>> display_url("postgresql://ann:secret@db:5433/news?sslmode=require")
        'postgresql://ann@db:5433/news'
    """
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return re.sub(r"//[^@/]*@", "//", url)
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{parts.get('host', '')}{port}/{parts.get('dbname', '')}"


def connect(url: str, where: str) -> psycopg.Connection:
    """An autocommit connection; NL324 for a malformed URL, NL320 when the server says no."""
    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise StoreError("NL324", where, detail=one_line(exc)) from None
    if not re.fullmatch(r"\d+(,\d+)*", str(params.get("port", "5432"))):
        raise StoreError("NL324", where, detail=f"port {params['port']!r} is not a number")
    params.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
    try:
        return psycopg.connect(**params, autocommit=True)
    except psycopg.Error as exc:
        raise StoreError("NL320", where, detail=one_line(exc)) from None


def migrate(db: psycopg.Connection, where: str) -> None:
    """Apply the missing migrations, each in its own transaction, under the migration lock.

    Two processes opening a fresh database at once: the second waits for the lock,
    then finds the schema current and applies nothing.
    """
    db.execute("SELECT pg_advisory_lock(%s, %s)", (LOCKS, MIGRATE))
    try:
        ours, theirs = db.execute(
            "SELECT to_regclass('schema_version'), to_regclass('documents')"
        ).fetchone()
        if ours is None and theirs is not None:
            raise StoreError(
                "NL303", where, detail="it holds a 'documents' table of another program"
            )
        _ensure_vector(db, where)
        db.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY,"
            " applied_at timestamptz NOT NULL DEFAULT now())"
        )
        current = db.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
        scripts = migrations()
        known = scripts[-1][0]
        if current[0] > known:
            raise StoreError("NL302", where, found=current[0], known=known)
        for version, script in scripts:
            if version > current[0]:
                with db.transaction():
                    db.execute(script)
                    db.execute("INSERT INTO schema_version (version) VALUES (%s)", (version,))
    finally:
        db.execute("SELECT pg_advisory_unlock(%s, %s)", (LOCKS, MIGRATE))


def _ensure_vector(db: psycopg.Connection, where: str) -> None:
    """Create pgvector in this database if the server has it; say how to get it if not."""
    if db.execute("SELECT 1 FROM pg_extension WHERE extname = 'vector'").fetchone():
        return
    if not db.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'").fetchone():
        raise StoreError("NL323", where, detail="the server has no pgvector installed")
    try:
        db.execute("CREATE EXTENSION IF NOT EXISTS vector")
    except psycopg.errors.InsufficientPrivilege as exc:
        raise StoreError("NL323", where, detail=one_line(exc)) from None
