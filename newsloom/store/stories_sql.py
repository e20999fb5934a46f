"""The story tables (migration 0004) read and written over one sqlite3 connection.

Kept apart from :mod:`newsloom.store.sqlite` so the story code can evolve on its
own; :class:`~newsloom.store.sqlite.SQLiteStore` exposes these as methods
(``load_stories``, ``save_stories``, ``story_rows``, ``story_members``,
``story_links``, ``story_merges``). Writes run in one ``BEGIN IMMEDIATE`` transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Collection
from typing import TYPE_CHECKING

import numpy as np

from newsloom.embed.blob import from_blob, to_blob
from newsloom.stories.features import Profile

if TYPE_CHECKING:
    from newsloom.stories.cluster import Story

VECTOR_DIM = 512


def _vector(blob: bytes | None) -> np.ndarray | None:
    return None if blob is None else from_blob(blob, VECTOR_DIM)[0].astype(np.float32)


def story_from_row(
    story_id: str,
    vector: bytes | None,
    lead: bytes | None,
    profile: dict,
    state: dict,
    created: str,
    updated: str,
) -> Story:
    """A ``stories`` row (JSON already decoded) as the clusterer's :class:`Story`."""
    from newsloom.stories.cluster import Story

    return Story(
        id=story_id,
        profile=Profile.from_json(profile, _vector(vector), _vector(lead)),
        members=state["members"],
        titles=state["titles"],
        outlets=Counter(state["outlets"]),
        languages=Counter(state["languages"]),
        forms=Counter(state["forms"]),
        created=created,
        updated=updated,
    )


def load_stories(conn: sqlite3.Connection) -> tuple[list[Story], dict[tuple[str, str], float]]:
    """Every story with its members, and the related links between stories."""
    stories = [
        story_from_row(story_id, vector, lead, json.loads(profile), json.loads(state), *times)
        for story_id, vector, lead, profile, state, *times in conn.execute(
            "SELECT id, vector, lead, profile, state, created, updated FROM stories "
            "ORDER BY created, id"
        )
    ]
    links = {(a, b): score for a, b, score in conn.execute("SELECT a, b, score FROM story_links")}
    return stories, links


def story_row(story: Story, titles: dict[str, str], keywords: list[str]) -> tuple:
    """The ``stories`` row of a story, in the column order both stores insert."""
    p = story.profile
    return (
        story.id,
        json.dumps(titles, ensure_ascii=False),
        json.dumps([lang for lang, _n in story.languages.most_common()]),
        json.dumps([o for o, _n in story.outlets.most_common()], ensure_ascii=False),
        p.start.isoformat() if p.start else None,
        p.end.isoformat() if p.end else None,
        p.size,
        json.dumps(keywords, ensure_ascii=False),
        None if p.vector is None else to_blob(p.vector[None, :]),
        None if p.lead is None else to_blob(p.lead[None, :]),
        json.dumps(p.to_json(), ensure_ascii=False),
        json.dumps(
            {
                "members": story.members,
                "titles": story.titles,
                "outlets": dict(story.outlets),
                "languages": dict(story.languages),
                "forms": dict(story.forms),
            },
            ensure_ascii=False,
        ),
        story.created,
        story.updated,
    )


def save_stories(
    conn: sqlite3.Connection,
    stories: list[tuple[Story, dict[str, str], list[str]]],
    removed: list[str],
    merges: list[tuple[str, str, str]],
    links: dict[tuple[str, str], float],
) -> None:
    """Write changed stories (with their chosen titles and keywords), drop merged ones,
    record merges and replace the links, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for story_id in removed:
            conn.execute("DELETE FROM story_members WHERE story_id = ?", (story_id,))
            conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
        for item in stories:
            conn.execute(
                'INSERT OR REPLACE INTO stories (id, titles, languages, outlets, start, "end", '
                "size, keywords, vector, lead, profile, state, created, updated) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                story_row(*item),
            )
            conn.executemany(
                "INSERT OR REPLACE INTO story_members (doc_id, story_id) VALUES (?, ?)",
                [(m, item[0].id) for m in item[0].members],
            )
        conn.executemany("INSERT INTO story_merges (from_id, into_id, at) VALUES (?, ?, ?)", merges)
        conn.execute("DELETE FROM story_links")
        conn.executemany(
            "INSERT INTO story_links (a, b, score) VALUES (?, ?, ?)",
            [(a, b, s) for (a, b), s in sorted(links.items())],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def story_rows(
    conn: sqlite3.Connection, ids: Collection[str] | None = None
) -> list[dict[str, object]]:
    """Stories as shown to a user (no vectors), largest first: those of ``ids``, or all."""
    out = []
    where, args = "", ()
    if ids is not None:
        where, args = "WHERE id IN (SELECT value FROM json_each(?)) ", (json.dumps(sorted(ids)),)
    for row in conn.execute(
        'SELECT id, titles, languages, outlets, start, "end", size, keywords, created, updated '
        f"FROM stories {where}ORDER BY size DESC, created, id",
        args,
    ):
        story_id, titles, languages, outlets, start, end, size, keywords, created, updated = row
        out.append(
            {
                "id": story_id,
                "titles": json.loads(titles),
                "languages": json.loads(languages),
                "outlets": json.loads(outlets),
                "start": start,
                "end": end,
                "size": size,
                "keywords": json.loads(keywords),
                "members": story_members(conn, story_id),
                "related": [
                    {"story": other, "score": score}
                    for other, score in conn.execute(
                        "SELECT b, score FROM story_links WHERE a = ? UNION ALL "
                        "SELECT a, score FROM story_links WHERE b = ? ORDER BY 2 DESC",
                        (story_id, story_id),
                    )
                ],
                "created": created,
                "updated": updated,
            }
        )
    return out


def story_members(conn: sqlite3.Connection, story_id: str) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT doc_id FROM story_members WHERE story_id = ? ORDER BY doc_id", (story_id,)
        )
    ]


def story_ids(conn: sqlite3.Connection, prefix: str) -> list[str]:
    """Ids of the stories whose id starts with ``prefix`` (case-sensitive), sorted."""
    sql = "SELECT id FROM stories WHERE substr(id, 1, length(?1)) = ?1 ORDER BY id"
    return [r[0] for r in conn.execute(sql, (prefix,))]


def story_of(conn: sqlite3.Connection, doc_id: str) -> str | None:
    """The story a document is a member of, if it has been placed in one."""
    row = conn.execute("SELECT story_id FROM story_members WHERE doc_id = ?", (doc_id,)).fetchone()
    return None if row is None else row[0]


def story_merges(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """Recorded merges (from_id, into_id, at), oldest first: a merged-away id still resolves."""
    return list(conn.execute("SELECT from_id, into_id, at FROM story_merges ORDER BY rowid"))
