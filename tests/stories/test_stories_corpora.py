"""Stories on real text: the seed articles and the demo corpus, against their gold."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsloom.service import Ingestor
from newsloom.settings import Settings
from newsloom.store import stories_sql
from newsloom.store.sqlite import SQLiteStore
from newsloom.stories.cluster import StoryClusterer

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"


class StoryStore(SQLiteStore):
    """The store with the story methods the lead exposes on SQLiteStore."""

    def load_stories(self):
        return stories_sql.load_stories(self._db)

    def save_stories(self, *args) -> None:
        stories_sql.save_stories(self._db, *args)


def _stories(store: StoryStore) -> tuple[list[set[str]], set[frozenset[int]]]:
    """Stories as sets of member sources (file names, ``FILE:LINE``, ``FILE#N``) and links."""
    docs = {d.id: d for d in store.iter_documents()}
    rows = stories_sql.story_rows(store._db)
    position = {row["id"]: i for i, row in enumerate(rows)}
    members = [{Path(docs[m].source).name for m in row["members"]} for row in rows]
    links = {
        frozenset((position[row["id"]], position[r["story"]]))
        for row in rows
        for r in row["related"]
    }
    return members, links


def _gold(stories: list[dict]) -> tuple[list[set[str]], set[frozenset[int]]]:
    members = [set(s["members"]) for s in stories]
    links = {frozenset((i, s["related_to"])) for i, s in enumerate(stories) if "related_to" in s}
    return members, links


def _check(store: StoryStore, gold_stories: list[dict]) -> None:
    found, found_links = _stories(store)
    gold, gold_links = _gold(gold_stories)
    assert sorted(map(sorted, found)) == sorted(map(sorted, gold))
    index = {frozenset(g): i for i, g in enumerate(gold)}
    mapped = {frozenset(index[frozenset(found[i])] for i in link) for link in found_links}
    assert mapped == gold_links


def test_demo_corpus_makes_three_stories_one_related(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        if Path(str(demo_db) + suffix).exists():
            shutil.copy(str(demo_db) + suffix, str(db) + suffix)
    store = StoryStore(db)
    clusterer = StoryClusterer(Settings())
    clusterer.assign(list(store.iter_documents()), store)
    gold = json.loads((ROOT / "demo" / "EXPECTED.json").read_text("utf-8"))["stories"]
    _check(store, gold)
    report = clusterer.recluster(store)
    assert report.moved == 0
    _check(store, gold)


@pytest.mark.xfail(
    strict=True,
    reason="all five seeds join one story: 004 (the December 2021 call, undated) is not kept "
    "apart from the January 2022 talks; taking an undated piece's time from the latest day "
    "it names separates them but costs ECB+ 0.874 -> 0.818 CV F1, so it is not used",
)
def test_seeds_make_two_stories_linked(tmp_path: Path) -> None:
    seeds = SHARED / "seeds"
    if not seeds.exists():
        pytest.skip("seeds not present")
    store = StoryStore(tmp_path / "seeds.db")
    report = Ingestor(store, Settings()).ingest([str(seeds)])
    StoryClusterer(Settings()).assign([store.get(i) for i in report.added], store)
    gold = json.loads((SHARED / "gold" / "seeds.json").read_text("utf-8"))["stories"]
    _check(store, gold)
