"""Story clustering on small articles written for these tests, and its parts."""
# ruff: noqa: E501 - the test articles are prose, a paragraph a line

from __future__ import annotations

import numpy as np
import pytest

from newsloom.model import RawInput
from newsloom.pipeline import Pipeline
from newsloom.settings import Settings
from newsloom.store import stories_sql
from newsloom.store.sqlite import SQLiteStore
from newsloom.stories.cluster import Clustering, StoryClusterer
from newsloom.stories.features import Profile, name_keys, number_keys, piece_profile
from newsloom.stories.index import StoryIndex
from newsloom.stories.model import LinkModel, load_models

FERRY_1 = """Ferry service between Ostrava Bay and Kelmor Island resumes after storm

Published 2031-05-04

The ferry line between Ostrava Bay and Kelmor Island carried its first 212 passengers on Monday after a four-day halt caused by the storm Ilsa.

The operator Kelmor Sealink said the damaged pier at Kelmor Harbour had been repaired overnight by a crew led by engineer Maren Dobbs.

Harbour master Ulrich Feno said crossings would run every 90 minutes until the summer timetable starts."""

FERRY_2 = """Kelmor Island ferries sail again as storm Ilsa clears

Published 2031-05-05

Kelmor Sealink restarted its Ostrava Bay crossings, bringing 212 stranded travellers home to Kelmor Island.

Engineer Maren Dobbs and her crew rebuilt the broken Kelmor Harbour pier, the company said.

Ulrich Feno, the harbour master, expects a crossing every 90 minutes for now."""

CHESS = """Teenager wins the Valdemoor chess open with a round to spare

Published 2031-05-04

Sixteen-year-old Priya Anselm won the Valdemoor Open on Sunday, beating grandmaster Tobias Wren in 41 moves.

Organisers at the Valdemoor Chess Club said 380 players from 27 countries took part this year."""


class StoryStore(SQLiteStore):
    """The store with the story methods the lead exposes on SQLiteStore."""

    def load_stories(self):
        return stories_sql.load_stories(self._db)

    def save_stories(self, *args) -> None:
        stories_sql.save_stories(self._db, *args)


@pytest.fixture(scope="module")
def docs():
    pipe = Pipeline(Settings())
    return [
        pipe(RawInput(name, "text", text, "utf-8"))
        for name, text in (("ferry1", FERRY_1), ("chess", CHESS), ("ferry2", FERRY_2))
    ]


def test_name_keys_meet_across_scripts_and_inflections() -> None:
    assert name_keys("talks went on in Marenia") & name_keys("переговоры в Марении продолжились")
    assert name_keys("la ministre de Marénie") & name_keys("the minister of Marenia")
    assert "many" not in name_keys("Many people came.")  # a sentence opener is no name


def test_number_keys_drop_thousands_separators() -> None:
    assert number_keys("1,000 people and 450 m3/s on day 7") == {"1000", "450"}


def test_link_model_learns_and_treats_missing_evidence_as_neutral() -> None:
    def ev(text: float, names: float | None) -> dict[str, float | None]:
        return {"text": text, "names": names, "words": 0.0}

    pairs = [(0.9, 0.8), (0.8, None), (0.2, 0.1), (0.3, 0.2), (0.85, 0.7), (0.25, None)]
    model = LinkModel.fit([ev(*p) for p in pairs], [1, 1, 0, 0, 1, 0], ("text", "names"))
    assert model.features == ("text", "names")
    assert model.weights[0] > 0
    assert model.probability(ev(0.9, 0.9)) > 0.5 > model.probability(ev(0.2, 0.1))
    assert model.logit(ev(0.55, None)) == pytest.approx(model.logit(ev(0.55, model.centres[1])))


def test_index_finds_replaces_and_removes() -> None:
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(50, 512)).astype(np.float32)
    index = StoryIndex(512)
    index.put_many([f"s{i}" for i in range(50)], vectors)
    assert index.search(vectors[7], 1)[0][0] == "s7"
    index.put("s7", vectors[8])
    assert {s for s, _ in index.search(vectors[8], 2)} == {"s7", "s8"}
    index.remove("s8")
    assert len(index) == 49 and index.search(vectors[8], 1)[0][0] == "s7"


def test_same_event_joins_and_other_event_stays_apart(docs) -> None:
    clustering = Clustering(load_models(), Settings())
    for doc in docs:
        clustering.add([doc])
    ferry1, chess, ferry2 = docs
    assert clustering.doc_story[ferry1.id] == clustering.doc_story[ferry2.id] == "s-" + ferry1.id
    assert clustering.doc_story[chess.id] == "s-" + chess.id


def test_a_story_merged_away_is_recorded_and_the_older_id_kept(docs) -> None:
    clustering = Clustering(load_models(), Settings())
    ferry1, chess, _ferry2 = docs
    clustering.add([ferry1])
    clustering.add([chess])
    clustering.merge("s-" + chess.id, "s-" + ferry1.id)
    assert clustering.doc_story[chess.id] == "s-" + ferry1.id
    assert [m[:2] for m in clustering.merges] == [("s-" + chess.id, "s-" + ferry1.id)]


def test_profiles_add_up() -> None:
    a = Profile(size=1, vector=np.ones(4, np.float32))
    a.names.update({"maren": 1})
    b = Profile(size=2, vector=np.ones(4, np.float32))
    b.names.update({"maren": 2, "kelmo": 1})
    a.add(b)
    assert a.size == 3 and a.names == {"maren": 3, "kelmo": 1}


def test_stories_survive_the_store_and_reingest(docs, tmp_path) -> None:
    store = StoryStore(tmp_path / "s.db")
    for doc in docs:
        store.add(doc)
    changes = StoryClusterer(Settings()).assign(docs, store)
    assert {c.kind for c in changes} >= {"created", "joined"}
    store.close()
    store = StoryStore(tmp_path / "s.db")
    again = StoryClusterer(Settings())
    assert again.assign(docs, store) == []  # known documents: nothing moves
    stories = {s.id: s for s in store.load_stories()[0]}
    ferry1 = docs[0]
    assert set(stories["s-" + ferry1.id].members) == {ferry1.id, docs[2].id}
    profile = piece_profile([ferry1], load_models().centring)
    assert stories["s-" + ferry1.id].profile.size == 2 and profile.size == 1
    report = again.recluster(store)
    assert report.f1 == 1.0 and report.moved == 0 and report.stories_after == 2
