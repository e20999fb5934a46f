"""`entities`, `stories`, `story`, `timeline` and `quotes` on the demo corpus."""

from __future__ import annotations

import json
from pathlib import Path

from newsloom.cli import main
from newsloom.store import open_store

ROOT = Path(__file__).resolve().parents[1]
GOLD = json.loads((ROOT / "demo" / "EXPECTED.json").read_text("utf-8"))


def run_json(capsys, *argv: str) -> object:
    code = main([*argv, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def names_by_source(db: Path) -> dict[str, str]:
    store = open_store(db)
    try:
        return {d.id: Path(d.source).name for d in store.iter_documents()}
    finally:
        store.close()


def test_stories_match_the_demo_gold(demo_db, capsys):
    stories = run_json(capsys, "stories", "--db", str(demo_db))
    names = names_by_source(demo_db)
    found = {frozenset(names[d] for d in s["documents"]) for s in stories}
    assert found == {frozenset(s["members"]) for s in GOLD["stories"]}
    for s in stories:
        assert {"id", "title", "documents", "languages", "start", "end", "related"} <= set(s)
    by_members = {frozenset(names[d] for d in s["documents"]): s for s in stories}
    for gold in GOLD["stories"]:
        if "related_to" in gold:
            story = by_members[frozenset(gold["members"])]
            other = by_members[frozenset(GOLD["stories"][gold["related_to"]]["members"])]
            assert other["id"] in {link["story"] for link in story["related"]}
    # A member document names its story too.
    first = stories[0]
    assert (
        run_json(capsys, "story", first["documents"][0], "--db", str(demo_db))["id"] == first["id"]
    )


def test_timeline_is_ordered_and_dated(demo_db, capsys):
    stories = run_json(capsys, "stories", "--db", str(demo_db))
    events = run_json(capsys, "timeline", stories[0]["id"], "--db", str(demo_db))
    assert events and all({"date", "text", "documents"} <= set(e) for e in events)
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)
    assert "2025-03-12" in dates  # the signing, in the gold events


def test_entities_and_quotes_have_their_shape(demo_db, capsys):
    entities = run_json(capsys, "entities", "--db", str(demo_db))
    assert all({"id", "type", "names", "mentions"} <= set(e) for e in entities)
    volkova = [e for e in entities if "Irina Volkova" in e["names"].get("en", [])]
    assert volkova and "Ирина Волкова" in volkova[0]["names"].get("ru", [])
    quotes = run_json(capsys, "quotes", "--db", str(demo_db))
    assert all({"speaker", "text", "lang", "document", "renderings"} <= set(q) for q in quotes)
    assert any(len({r["lang"] for r in q["renderings"]}) > 1 for q in quotes)
