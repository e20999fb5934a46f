"""Every read endpoint over the demo corpus: shapes, pagination, and JSON errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "demo" / "EXPECTED.json").read_text("utf-8"))


def ok(client, url: str) -> object:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.json()


def error(client, url: str, status: int) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == status
    assert body["error"]["code"].startswith("NL") and body["error"]["message"]
    return body["error"]


def test_health_counts_documents(client):
    health = ok(client, "/api/health")
    assert health["ok"] and health["documents"] == 16 and health["write_token"] is False


def test_document_pages_cover_the_store_once(client):
    first = ok(client, "/api/documents?limit=5")
    assert first["total"] == 16 and first["limit"] == 5 and len(first["items"]) == 5
    ids = []
    for offset in range(0, 16, 5):
        ids += [d["id"] for d in ok(client, f"/api/documents?limit=5&offset={offset}")["items"]]
    assert len(ids) == len(set(ids)) == 16
    assert ok(client, "/api/documents?offset=16")["items"] == []


def test_document_by_id_prefix_and_source(client):
    docs = ok(client, "/api/documents?limit=50")["items"]
    bilingual = next(d for d in docs if "03_global_rivers_herald_bi" in d["source"])
    full = ok(client, f"/api/documents/{bilingual['id']}")
    assert full["id"] == bilingual["id"] and set(full["views"]) == {"en", "zh"}
    assert full["paragraphs"] and full["mentions"]
    assert ok(client, f"/api/documents/{bilingual['id'][:8]}")["id"] == bilingual["id"]
    assert ok(client, f"/api/documents/{bilingual['source']}")["id"] == bilingual["id"]
    assert error(client, "/api/documents/0000000000000000", 404)["code"] == "NL304"


def test_stories_match_the_gold_and_resolve_by_member(client):
    page = ok(client, "/api/stories?limit=2")
    assert page["total"] == len(GOLD["stories"]) and len(page["items"]) == 2
    rest = ok(client, "/api/stories?limit=2&offset=2")["items"]
    stories = page["items"] + rest
    assert sorted(len(s["documents"]) for s in stories) == sorted(
        len(s["members"]) for s in GOLD["stories"]
    )
    top = stories[0]
    assert ok(client, f"/api/stories/{top['id']}")["documents"] == top["documents"]
    assert ok(client, f"/api/stories/{top['documents'][0]}")["id"] == top["id"]
    assert error(client, "/api/stories/s-nothing-like-this", 404)["code"] == "NL304"


def test_story_timeline_and_quotes(client):
    top = ok(client, "/api/stories?limit=1")["items"][0]
    events = ok(client, f"/api/stories/{top['id']}/timeline")
    dates = [e["date"] for e in events]
    assert dates == sorted(dates) and "2025-03-12" in dates
    quotes = ok(client, f"/api/stories/{top['id']}/quotes?lang=en")
    assert quotes and all(q["renderings"] for q in quotes)
    assert set(q["document"] for q in quotes) <= set(top["documents"])


def test_entities_filter_page_and_detail(client):
    everyone = ok(client, "/api/entities?limit=500")
    people = ok(client, "/api/entities?type=PER&limit=500")
    assert 0 < people["total"] < everyone["total"]
    assert all(e["type"] == "PER" for e in people["items"])
    top = everyone["items"][0]
    name = top["names"]["en"][0]
    detail = ok(client, f"/api/entities/{name}")
    assert detail["id"] == top["id"] and len(detail["mentions_in"]) == top["mentions"]
    assert error(client, "/api/entities/Nobody%20At%20All", 404)["code"] == "NL170"


def test_collection_quotes_page(client):
    page = ok(client, "/api/quotes?limit=3")
    assert len(page["items"]) == min(3, page["total"]) and page["total"] > 0


def test_relations_filter_by_type_and_document(client):
    translations = ok(client, "/api/relations?type=translation_of")
    assert translations["total"] > 0
    assert all(r["type"] == "translation_of" for r in translations["items"])
    one = translations["items"][0]
    of_doc = ok(client, f"/api/relations?doc={one['a']['id']}")["items"]
    assert all(one["a"]["id"] in (r["a"]["id"], r["b"]["id"]) for r in of_doc)


def test_align_bilingual_document_and_refusal(client):
    docs = ok(client, "/api/documents?limit=50")["items"]
    bilingual = next(d for d in docs if set(d["languages"]) == {"en", "zh"})
    result = ok(client, f"/api/align?a={bilingual['id']}")
    assert {result["a"]["lang"], result["b"]["lang"]} == {"en", "zh"}
    assert any(p["a_text"] and p["b_text"] for p in result["sentences"])
    mono = next(d for d in docs if d["languages"] == ["fr"])
    assert error(client, f"/api/align?a={mono['id']}", 400)["code"] == "NL205"
    assert error(client, f"/api/align?a={mono['id']}:xx", 400)["code"] == "NL206"


def test_export_parallel_streams_each_format(client):
    tsv = client.get("/api/export/parallel?format=tsv")
    assert tsv.status_code == 200 and tsv.headers["content-type"].startswith("text/tab-sep")
    header, *rows = [line.split("\t") for line in tsv.text.splitlines() if line]
    assert header[:4] == ["a_lang", "b_lang", "a_text", "b_text"]
    assert rows and all(len(r) == len(header) for r in rows)
    tmx = client.get("/api/export/parallel?format=tmx")
    assert tmx.text.startswith("<?xml") and len(re.findall(r"<tu[ >]", tmx.text)) == len(rows)
    jsonl = client.get("/api/export/parallel?format=jsonl")
    assert len([json.loads(line) for line in jsonl.text.splitlines() if line]) == len(rows)


def test_search_finds_across_languages_and_pages(client):
    hits = ok(client, "/api/search?q=Tarvik&limit=5")
    assert hits["query"] == "Tarvik" and len(hits["items"]) == 5
    assert [h["rank"] for h in hits["items"]] == [1, 2, 3, 4, 5]
    assert {h["lang"] for h in hits["items"]} - {"en"}  # not English only
    second = ok(client, "/api/search?q=Tarvik&limit=5&offset=5")["items"]
    assert second and second[0]["rank"] == 6
    only_ru = ok(client, "/api/search?q=Tarvik&lang=ru")["items"]
    assert only_ru and all(h["lang"] == "ru" for h in only_ru)
    for h in hits["items"]:
        start, end = h["sentence_span"]
        assert h["passage"][start:end] == h["text"]
    assert error(client, "/api/search?q=Tarvik&lang=xx", 400)["code"] == "NL234"
    assert error(client, "/api/search?q=%21%21", 400)["code"] == "NL230"


def test_story_brief_json_and_markdown(client):
    top = ok(client, "/api/stories?limit=1")["items"][0]
    brief = ok(client, f"/api/stories/{top['id']}/brief?lang=ru")
    assert brief["story"] == top["id"] and brief["lang"] == "ru"
    assert brief["summary"] and brief["sources"]
    page = client.get(f"/api/stories/{top['id']}/brief?format=markdown")
    assert page.headers["content-type"].startswith("text/markdown")
    assert page.text.startswith("# ")
    assert error(client, "/api/stories/nothing-here/brief", 404)["code"] == "NL240"


def test_bad_parameters_and_routes_are_json_errors(client):
    assert error(client, "/api/documents?limit=0", 422)["code"] == "NL255"
    assert error(client, "/api/documents?limit=501", 422)["code"] == "NL255"
    assert error(client, "/api/export/parallel?format=pdf", 422)["code"] == "NL255"
    assert error(client, "/api/no-such-thing", 404)["code"] == "NL256"
    response = client.delete("/api/documents")
    assert response.status_code == 405 and response.json()["error"]["code"] == "NL256"


def test_openapi_schema_lists_the_api(client):
    paths = ok(client, "/openapi.json")["paths"]
    for path in ("/api/documents", "/api/documents/{ref}", "/api/stories/{ref}/timeline",
                 "/api/export/parallel", "/api/align", "/api/health"):  # fmt: skip
        assert path in paths
