"""The story tables in PostgreSQL: the SQL of :mod:`newsloom.store.stories_sql`, for psycopg.

Rows are encoded exactly as the SQLite store encodes them (JSON, int8 vector blobs), so
stories loaded from either backend are equal. :class:`~newsloom.store.postgres.PostgresStore`
calls these inside its transactions; ``save_stories`` runs under an advisory lock, so two
processes saving stories at once write one after the other instead of interleaving their
deletes and inserts.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from newsloom.store.stories_sql import story_from_row, story_row

if TYPE_CHECKING:
    import psycopg

    from newsloom.stories.cluster import Story


def load_stories(cur: psycopg.Cursor) -> tuple[list[Story], dict[tuple[str, str], float]]:
    """Every story with its members, and the related links between stories."""
    cur.execute(
        "SELECT id, vector, lead, profile, state, created, updated FROM stories "
        "ORDER BY created, id"
    )
    stories = [story_from_row(*row) for row in cur.fetchall()]
    cur.execute("SELECT a, b, score FROM story_links ORDER BY a, b")
    links = {(a, b): score for a, b, score in cur.fetchall()}
    return stories, links


def save_stories(
    cur: psycopg.Cursor,
    stories: list[tuple[Story, dict[str, str], list[str]]],
    removed: list[str],
    merges: list[tuple[str, str, str]],
    links: dict[tuple[str, str], float],
) -> None:
    """Write changed stories, drop merged ones, record merges and replace the links.

    Runs inside the caller's transaction, after the caller took the stories lock.
    """
    rows = [story_row(*item) for item in stories]  # encode first: a bad value writes nothing
    cur.executemany("DELETE FROM story_members WHERE story_id = %s", [(s,) for s in removed])
    cur.executemany("DELETE FROM stories WHERE id = %s", [(s,) for s in removed])
    cur.executemany(
        'INSERT INTO stories (id, titles, languages, outlets, start, "end", size, keywords, '
        "vector, lead, profile, state, created, updated) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (id) DO UPDATE SET titles = EXCLUDED.titles, "
        "languages = EXCLUDED.languages, outlets = EXCLUDED.outlets, start = EXCLUDED.start, "
        '"end" = EXCLUDED."end", size = EXCLUDED.size, keywords = EXCLUDED.keywords, '
        "vector = EXCLUDED.vector, lead = EXCLUDED.lead, profile = EXCLUDED.profile, "
        "state = EXCLUDED.state, created = EXCLUDED.created, updated = EXCLUDED.updated",
        rows,
    )
    cur.executemany(
        "INSERT INTO story_members (doc_id, story_id) VALUES (%s, %s) "
        "ON CONFLICT (doc_id) DO UPDATE SET story_id = EXCLUDED.story_id",
        [(m, story.id) for story, _t, _k in stories for m in story.members],
    )
    cur.executemany("INSERT INTO story_merges (from_id, into_id, at) VALUES (%s, %s, %s)", merges)
    cur.execute("DELETE FROM story_links")
    cur.executemany(
        "INSERT INTO story_links (a, b, score) VALUES (%s, %s, %s)",
        [(a, b, s) for (a, b), s in sorted(links.items())],
    )


def story_rows(cur: psycopg.Cursor, ids: Collection[str] | None = None) -> list[dict[str, object]]:
    """Stories as shown to a user (no vectors), largest first: those of ``ids``, or all."""
    wanted = None if ids is None else sorted(ids)
    only = "" if wanted is None else "WHERE story_id = ANY(%(ids)s) "
    cur.execute(
        f"SELECT story_id, doc_id FROM story_members {only}ORDER BY story_id, doc_id",
        {"ids": wanted},
    )
    members: dict[str, list[str]] = {}
    for story_id, doc_id in cur.fetchall():
        members.setdefault(story_id, []).append(doc_id)
    only = "" if wanted is None else "WHERE a = ANY(%(ids)s) OR b = ANY(%(ids)s) "
    cur.execute(
        f"SELECT a, b, score FROM story_links {only}ORDER BY score DESC, a, b", {"ids": wanted}
    )
    related: dict[str, list[dict[str, object]]] = {}
    for a, b, score in cur.fetchall():
        related.setdefault(a, []).append({"story": b, "score": score})
        related.setdefault(b, []).append({"story": a, "score": score})
    only = "" if wanted is None else "WHERE id = ANY(%(ids)s) "
    cur.execute(
        'SELECT id, titles, languages, outlets, start, "end", size, keywords, created, updated '
        f"FROM stories {only}ORDER BY size DESC, created, id",
        {"ids": wanted},
    )
    return [
        {
            "id": story_id,
            "titles": titles,
            "languages": languages,
            "outlets": outlets,
            "start": start,
            "end": end,
            "size": size,
            "keywords": keywords,
            "members": members.get(story_id, []),
            "related": related.get(story_id, []),
            "created": created,
            "updated": updated,
        }
        for story_id, titles, languages, outlets, start, end, size, keywords, created, updated in (
            cur.fetchall()
        )
    ]


def story_members(cur: psycopg.Cursor, story_id: str) -> list[str]:
    cur.execute("SELECT doc_id FROM story_members WHERE story_id = %s ORDER BY doc_id", (story_id,))
    return [r[0] for r in cur.fetchall()]


def story_ids(cur: psycopg.Cursor, prefix: str) -> list[str]:
    """Ids of the stories whose id starts with ``prefix`` (case-sensitive), sorted."""
    cur.execute("SELECT id FROM stories WHERE starts_with(id, %s) ORDER BY id", (prefix,))
    return [r[0] for r in cur.fetchall()]


def story_of(cur: psycopg.Cursor, doc_id: str) -> str | None:
    """The story a document is a member of, if it has been placed in one."""
    cur.execute("SELECT story_id FROM story_members WHERE doc_id = %s", (doc_id,))
    row = cur.fetchone()
    return None if row is None else row[0]


def story_merges(cur: psycopg.Cursor) -> list[tuple[str, str, str]]:
    """Recorded merges (from_id, into_id, at), oldest first: a merged-away id still resolves."""
    cur.execute("SELECT from_id, into_id, at FROM story_merges ORDER BY seq")
    return [tuple(r) for r in cur.fetchall()]
