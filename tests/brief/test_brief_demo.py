"""`newsloom brief` on the demo corpus: sections, JSON shape, kinds against the gold, errors,
and a reader language the story has no text in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsloom import service
from newsloom.cli import main
from newsloom.errors import ConfigError
from newsloom.settings import Settings
from newsloom.store import open_store

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "demo" / "EXPECTED.json").read_text("utf-8"))
SECTIONS = ("## Summary", "## Timeline", "## Actors", "## Who said what", "## Sources",
            "## Related stories")  # fmt: skip
KINDS = {"original", "translation", "machine_translation", "duplicate", "unknown"}


@pytest.fixture(scope="module")
def demo(demo_db):
    """(store, main story id, document id -> gold reference) for the demo corpus."""
    store = open_store(demo_db)
    refs = {doc.id: Path(doc.source).name for doc in store.iter_documents()}
    story = service.list_stories(store)[0]["id"]  # largest first: the Tarvik talks
    yield store, story, refs
    store.close()


@pytest.fixture(scope="module")
def english(demo):
    store, story, _ = demo
    return service.brief(store, Settings(), story, lang="en")


def test_markdown_has_every_section(demo_db, demo, capsys):
    _, story, _ = demo
    assert main(["brief", story, "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# ")
    positions = [out.index(section) for section in SECTIONS]
    assert positions == sorted(positions)
    assert "| outlet | language | date | kind |" in out


def test_json_shape(demo_db, demo, capsys):
    _, story, _ = demo
    assert main(["brief", story, "--db", str(demo_db), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"story", "lang", "headline", "summary", "timeline", "actors", "quotes", "sources",
            "related"} <= set(data)  # fmt: skip
    assert data["story"] == story and data["lang"] == "en"
    assert data["headline"]["text"] and data["headline"]["lang"] == "en"
    assert 1 <= len(data["summary"]) <= Settings().get("brief", "summary_sentences")
    for s in data["summary"]:
        assert {"text", "lang", "score", "original", "rendering"} <= set(s)
    dates = [e["date"] for e in data["timeline"]]
    assert dates == sorted(dates) and "2025-03-12" in dates
    assert all({"id", "name", "type", "names"} <= set(a) for a in data["actors"])
    assert all(q["speaker"] and q["quotes"] for q in data["quotes"])
    for row in data["sources"]:
        assert {"document", "lang", "outlet", "published", "kind", "of", "reasons"} <= set(row)
        assert row["kind"] in KINDS and row["reasons"]


def test_kinds_follow_the_gold_relations(demo, english):
    _, _, refs = demo
    kind = {f"{refs[s.document]}#{s.lang}": s.kind.kind for s in english.sources}
    for rel in GOLD["relations"]:
        a, b = rel["a"], rel["b"]
        if rel["type"] == "translation_of":
            want = "machine_translation" if "machine" in rel.get("note", "") else "translation"
            assert kind[a] == want, (a, kind[a])
            assert kind[b] == "original", (b, kind[b])
        else:  # the gold names the copy first
            copy = a if "#" in a else next(k for k in kind if k.startswith(a + "#"))
            assert kind[copy] == "duplicate", (copy, kind[copy])


def test_summary_comes_from_originals_and_related_story_is_linked(demo, english):
    store, _, refs = demo
    kinds = {s.key: s.kind.kind for s in english.sources}
    for s in english.summary:
        key = f"{s.original['document']}#{s.original['lang']}"
        assert kinds[key] in ("original", "unknown")
        if s.rendering is None:
            assert s.lang == s.original["lang"]
        else:
            assert s.lang == s.rendering["lang"] == "en"
    arvena = next(
        row["id"] for row in service.list_stories(store)
        if any(refs[d].startswith("05_arvena") for d in row["documents"])
    )  # fmt: skip
    assert arvena in {r["story"] for r in english.related}


def test_a_language_without_text_tags_each_summary_sentence(demo_db, demo, capsys):
    _, story, _ = demo
    assert main(["brief", story, "--db", str(demo_db), "--lang", "de", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]
    for s in data["summary"]:
        assert s["rendering"] is None and s["lang"] == s["original"]["lang"] != "de"
    assert data["headline"]["lang"] != "de"


def test_unknown_story_and_bad_language_are_coded_errors(demo_db, demo, capsys):
    _, story, _ = demo
    assert main(["brief", "no-such-story", "--db", str(demo_db), "--json"]) == 2
    error = json.loads(capsys.readouterr().out)
    assert error["ok"] is False and error["errors"][0]["code"] == "NL240"
    assert main(["brief", story, "--db", str(demo_db), "--lang", "e1"]) == 2
    assert "[NL241]" in capsys.readouterr().err


def test_a_brief_setting_out_of_range_is_a_coded_error(demo):
    store, story, _ = demo
    with pytest.raises(ConfigError) as err:
        service.brief(store, Settings({"brief": {"mmr_lambda": 1.5}}), story)
    assert err.value.code == "NL242"
