"""Writes: ingest by upload and by JSON, the bearer token, the body limit, recluster."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsloom.api.app import create_app
from newsloom.settings import Settings

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

# An invented article, long enough to survive cleaning and be embedded.
ARTICLE = """Harbour cranes return to Velmora after a winter of repairs

Velmora, 2 April 2025 - The port authority of Velmora said on Wednesday that all six
container cranes on the north quay were working again after four months of repairs.

"The quay is open to the largest ships from today," the authority's director, Ilse Navarin,
told reporters at the harbour office.

Shipping agents said the closure had sent about a third of the port's traffic to Dornholt,
the nearest deep-water harbour, and that some lines might not come back before summer.
"""


@pytest.fixture(scope="module")
def writer(demo_db, tmp_path_factory):
    """One app over a private copy of the demo store, with a token; models load once."""
    db = tmp_path_factory.mktemp("api-write") / "demo.db"
    db.write_bytes(demo_db.read_bytes())
    with TestClient(create_app(db, Settings(), token=TOKEN)) as c:
        yield c


def test_writes_need_the_token(writer):
    no_header = writer.post("/api/documents", json={"text": ARTICLE})
    assert no_header.status_code == 401 and no_header.json()["error"]["code"] == "NL251"
    assert no_header.headers["WWW-Authenticate"] == "Bearer"
    wrong = writer.post("/api/recluster", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "NL252"
    upload = writer.post("/api/documents/upload", files={"files": ("a.txt", b"x")})
    assert upload.status_code == 401
    # Reads stay open.
    assert writer.get("/api/health").json()["write_token"] is True


def test_upload_adds_a_document(writer):
    before = writer.get("/api/health").json()["documents"]
    response = writer.post(
        "/api/documents/upload",
        headers=AUTH,
        files=[("files", ("velmora.txt", ARTICLE.encode("utf-8"), "text/plain")),
               ("files", ("empty.txt", b"   ", "text/plain"))],
    )  # fmt: skip
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["added"] == 1 and report["failed"] == 1 and not report["ok"]
    assert report["errors"][0] == {
        "code": "NL101", "where": "upload/empty.txt", "message": "file is empty"
    }  # fmt: skip
    assert writer.get("/api/health").json()["documents"] == before + 1
    doc = writer.get(f"/api/documents/{report['documents'][0]}").json()
    assert doc["source"] == "upload/velmora.txt" and doc["languages"] == ["en"]
    assert any("Ilse Navarin" in m["name"] for m in doc["mentions"])
    # The same content again is recognised, not stored twice.
    again = writer.post("/api/documents", headers=AUTH, json={"text": ARTICLE, "title": "x"})
    assert again.json()["existing"] == 1 and again.json()["added"] == 0


def test_json_articles_are_read_like_jsonl_lines(writer):
    text = ARTICLE.replace("Velmora", "Ostrava Nova").replace("six", "eight")
    response = writer.post(
        "/api/documents",
        headers=AUTH,
        json=[{"text": text, "title": "Cranes back at Ostrava Nova", "source": "Quay Weekly",
               "published": "2025-04-02", "authors": ["P. Lind"]},
              {"title": "no body"}],
    )  # fmt: skip
    report = response.json()
    assert response.status_code == 200 and report["added"] == 1 and report["failed"] == 1
    assert report["errors"][0]["code"] == "NL106"
    doc = writer.get(f"/api/documents/{report['documents'][0]}").json()
    assert doc["outlet"] == "Quay Weekly" and doc["title"] == "Cranes back at Ostrava Nova"
    assert doc["authors"] == ["P. Lind"]


def test_bad_json_body_is_422(writer):
    response = writer.post("/api/documents", headers=AUTH, json={"text": 5})
    assert response.status_code == 422 and response.json()["error"]["code"] == "NL255"


def test_recluster_reports_its_move(writer):
    response = writer.post("/api/recluster", headers=AUTH)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["documents"] >= 16 and 0.0 <= report["f1"] <= 1.0


def test_body_over_the_limit_is_413(demo_copy):
    settings = Settings({"api": {"max_upload_mb": 0.01}})
    with TestClient(create_app(demo_copy(), settings)) as small:
        big = b"word " * 5000
        declared = small.post("/api/documents/upload", files={"files": ("big.txt", big)})
        assert declared.status_code == 413 and declared.json()["error"]["code"] == "NL250"

        def chunks():
            for _ in range(10):
                yield big[:2500]

        chunked = small.post(
            "/api/documents", content=chunks(), headers={"Content-Type": "application/json"}
        )
        assert chunked.status_code == 413
        assert small.get("/api/health").json()["documents"] == 16


def test_memory_store_is_refused():
    from newsloom.errors import ConfigError

    with pytest.raises(ConfigError, match="NL254"):
        create_app(":memory:", Settings())
