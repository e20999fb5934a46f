"""Reading one story without reading them all: ids, prefixes, member documents, rows by id."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom import service
from newsloom.errors import NotFoundError
from newsloom.store import open_store


@pytest.fixture
def store(demo_db: Path):
    s = open_store(demo_db)
    yield s
    s.close()


def test_a_story_is_found_by_id_prefix_and_member(store) -> None:
    every = service.list_stories(store)
    assert len(every) == 3
    story = every[0]
    sid = str(story["id"])
    assert service.resolve_story(store, sid) == sid
    assert service.resolve_story(store, sid.removeprefix("s-")[:8]) == sid
    member = story["documents"][0]
    assert service.resolve_story(store, member) == sid
    assert service.show_story(store, sid) == story
    assert service.story_of_document(store, member) == story
    with pytest.raises(NotFoundError):
        service.resolve_story(store, "zzzz")


def test_rows_by_id_are_the_rows_of_all(store) -> None:
    every = {row["id"]: row for row in store.story_rows()}
    linked = next(i for i, row in every.items() if row["related"])
    other = str(every[linked]["related"][0]["story"])
    assert store.story_rows([linked, other]) == [
        row for row in store.story_rows() if row["id"] in (linked, other)
    ]
    assert store.story_rows([]) == []
    assert store.story_ids(linked[:4]) == sorted(i for i in every if i.startswith(linked[:4]))
    assert store.story_of("no-such-document") is None
