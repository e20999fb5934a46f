"""Search over the ingested demo corpus and seeds: cross-lingual hits, filters, errors, CLI."""

from __future__ import annotations

import json

import pytest

from newsloom import service
from newsloom.cli import main
from newsloom.errors import ConfigError, NotFoundError
from newsloom.settings import Settings
from newsloom.store import open_store

pytestmark = pytest.mark.slow
SETTINGS = Settings()


@pytest.fixture(scope="module")
def demo(demo_db):
    store = open_store(demo_db)
    yield store
    store.close()


@pytest.fixture(scope="module")
def seeds(seeds_db):
    store = open_store(seeds_db)
    yield store
    store.close()


def search(store, query, **kw):
    return service.search(store, SETTINGS, query, **kw)


def spellings_in(rows, spellings):
    """Languages of the rows whose passage holds one of ``spellings`` (as written)."""
    return {r["lang"] for r in rows if any(s in r["passage"] for s in spellings)}


def test_rows_say_where_the_hit_is_and_show_it(demo):
    rows = search(demo, "minimum flow guarantee", limit=5)
    assert [r["rank"] for r in rows] == [1, 2, 3, 4, 5]
    for r in rows:
        doc = service.show_document(demo, r["doc"])
        para = doc["paragraphs"][r["paragraph"]]
        start, end = para["sentences"][r["sentence"]]
        assert para["lang"] == r["lang"] and r["text"] == para["text"][start:end]
        a, b = r["sentence_span"]
        assert r["passage"][a:b] == r["text"] and r["passage"] in para["text"]
        assert r["source"] == doc["source"] and r["published"] == doc["published"]
        for x, y in r["highlights"]:
            assert r["passage"][x:y].lower().startswith(("minimum", "flow", "guarante"))
    assert rows[0]["matched"] and rows[0]["keyword_rank"] and rows[0]["semantic_rank"]


def test_a_query_in_one_language_finds_the_others(demo):
    rows = search(demo, "минимальный сток Лунавы", limit=10)
    assert {"ru", "en"} <= {r["lang"] for r in rows}
    zh = search(demo, "минимальный сток реки", lang="zh", limit=3)
    assert zh and all(r["lang"] == "zh" for r in zh)
    assert sum("流量" in r["passage"] for r in zh) >= 2  # 流量: the flow
    en = search(demo, "最低流量", lang="en", limit=3)
    assert "minimum flow" in en[0]["passage"]


def test_a_name_in_one_script_finds_it_in_the_others_by_keyword(demo):
    rows = search(demo, "Волкова", limit=20)
    assert {"ru", "en", "zh"} <= spellings_in(rows, ["Волков", "Volkova", "沃尔科娃"])


def test_filters(demo):
    tarvik = service.list_stories(demo)[0]["id"]  # the largest: the Tarvik talks
    members = set(service.story_documents(demo, tarvik))
    in_story = search(demo, "beetle cave", story=tarvik, limit=10)
    assert in_story and {r["doc"] for r in in_story} <= members
    beetle = search(demo, "beetle cave", limit=3)
    assert beetle[0]["doc"] not in members and "beetle" in beetle[0]["passage"]

    entity = service.list_entities(demo)
    volkova = next(e for e in entity if "Irina Volkova" in e["names"].get("en", []))
    with_volkova = search(demo, "dam reservoir", entity="Irina Volkova", limit=10)
    assert {r["doc"] for r in with_volkova} <= set(demo.entity_documents(volkova["id"]))
    assert {r["doc"] for r in search(demo, "dam", entity=volkova["id"])} <= set(
        demo.entity_documents(volkova["id"])
    )

    dated = search(demo, "talks", since="2025-03-13", until="2025-03-14", limit=20)
    assert dated and all("2025-03-13" <= r["published"][:10] <= "2025-03-14" for r in dated)
    early = search(demo, "talks", until="2024-12-31", limit=20)
    assert early and all(r["published"][:10] <= "2024-12-31" for r in early)

    outlet = search(demo, "talks", outlet="northern meridian", limit=10)
    assert outlet and all(r["outlet"] == "Northern Meridian" for r in outlet)
    assert all(r["lang"] in ("en", "fr") for r in search(demo, "talks", lang="en,fr"))


def test_pages_follow_each_other(demo):
    first = search(demo, "Tarvik", limit=4)
    second = search(demo, "Tarvik", limit=4, offset=4)
    assert [r["rank"] for r in second] == [5, 6, 7, 8]
    both = search(demo, "Tarvik", limit=8)
    assert [(r["doc"], r["paragraph"], r["sentence"]) for r in first + second] == [
        (r["doc"], r["paragraph"], r["sentence"]) for r in both
    ]


@pytest.mark.parametrize(
    ("kwargs", "error", "code"),
    [
        ({"query": "   "}, ConfigError, "NL230"),
        ({"query": "dam", "since": "March 12"}, ConfigError, "NL231"),
        ({"query": "dam", "since": "2025-03-14", "until": "2025-03-01"}, ConfigError, "NL232"),
        ({"query": "dam", "limit": 0}, ConfigError, "NL233"),
        ({"query": "dam", "lang": "xx"}, ConfigError, "NL234"),
        ({"query": "dam", "story": "no-such-story"}, NotFoundError, "NL240"),
        ({"query": "dam", "entity": "Nobody Atall"}, NotFoundError, "NL170"),
    ],
)
def test_mistakes_are_coded_errors(demo, kwargs, error, code):
    query = kwargs.pop("query")
    with pytest.raises(error) as info:
        search(demo, query, **kwargs)
    assert info.value.code == code and "\n" not in str(info.value)


def test_cli_search(demo_db, capsys):
    assert main(["search", "--db", str(demo_db), "--json", "--lang", "ru", "Volkova"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["lang"] == "ru" for r in rows)
    assert main(["search", "--db", str(demo_db), "--limit", "2", "minimum", "flow"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("  1. ") and "  2. " in out
    assert main(["search", "--db", str(demo_db), "--json", "--since", "soon", "dam"]) == 2
    error = json.loads(capsys.readouterr().out)
    assert error["ok"] is False and error["errors"][0]["code"] == "NL231"


def test_seeds_name_and_word_across_languages(seeds):
    rows = search(seeds, "里亚布科夫 guarantees", limit=20)
    assert {"en", "zh"} <= {r["lang"] for r in rows}
    assert {"en", "zh"} <= spellings_in(rows, ["Ryabkov", "里亚布科夫"])
    top = rows[0]
    assert "Ryabkov" in top["passage"] and "guarantees" in top["passage"]


def test_seeds_russian_name_finds_english_and_chinese_by_keyword(seeds):
    rows = search(seeds, "Рябков", limit=20)
    assert {"en", "zh", "ru"} <= spellings_in(rows, ["Ryabkov", "里亚布科夫", "Рябков"])
    en = next(r for r in rows if r["lang"] == "en" and "Ryabkov" in r["passage"])
    assert any("Ryabkov" in en["passage"][a:b] for a, b in en["highlights"])
