"""The desk's pages over the demo store, in-process: content, headers, errors, escaping."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsloom import service
from newsloom.store import open_store
from newsloom.web.charts import parse_day, sparkline, timeline_chart
from newsloom.web.text_view import segments


@pytest.fixture(scope="module")
def demo(demo_db: Path) -> dict[str, object]:
    """Ids to visit: the largest story, a translation pair, a bilingual document."""
    store = open_store(demo_db)
    try:
        stories = service.list_stories(store)
        pair = next(r for r in service.list_relations(store) if r["type"] == "translation_of")
        bilingual = next(s for s in store.summaries() if len(s.languages) > 1)
        return {"stories": stories, "pair": pair, "bilingual": bilingual}
    finally:
        store.close()


def test_story_list_shows_every_story_with_a_coverage_chart(pages, demo) -> None:
    r = pages.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    for story in demo["stories"]:
        assert f'href="/stories/{story["id"]}"' in r.text
    assert r.text.count('<svg class="spark"') == len(demo["stories"])


def test_pages_carry_a_strict_content_security_policy(pages, demo) -> None:
    story = demo["stories"][0]["id"]
    for path in ("/", f"/stories/{story}", "/stories/nope"):
        csp = pages.get(path).headers["content-security-policy"]
        assert "default-src 'none'" in csp
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp


def test_story_page_has_briefing_timeline_actors_quotes_sources(pages, demo) -> None:
    story = demo["stories"][0]
    r = pages.get(f"/stories/{story['id']}")
    assert r.status_code == 200
    for anchor in ("briefing", "timeline", "actors", "quotes", "sources"):
        assert f'id="{anchor}"' in r.text
    assert '<svg class="timeline"' in r.text
    # Every member document is linked from the sources table.
    for doc_id in story["documents"]:
        assert f'href="/documents/{doc_id}"' in r.text
    # The translation pairs open in the viewer.
    assert f"/stories/{story['id']}/parallel?a=" in r.text


def test_story_page_in_another_language_shows_that_title(pages, demo) -> None:
    story = next(s for s in demo["stories"] if "ru" in s["titles"])
    r = pages.get(f"/stories/{story['id']}?lang=ru")
    assert r.status_code == 200
    title = re.search(r"<h1[^>]*>(.*?)</h1>", r.text, re.S).group(1).strip()
    assert title == story["titles"]["ru"]


def test_parallel_viewer_pairs_sentences_on_both_sides(pages, demo) -> None:
    pair = demo["pair"]
    a = f"{pair['a']['id']}:{pair['a']['lang']}"
    b = f"{pair['b']['id']}:{pair['b']['lang']}"
    r = pages.get("/parallel", params={"a": a, "b": b})
    assert r.status_code == 200
    left, right = r.text.split('class="pcell side-b"', 1)[0], r.text
    beads_left = set(re.findall(r'data-bead="(\d+)"', left))
    beads_all = re.findall(r'data-bead="(\d+)"', right)
    assert beads_left, "no aligned sentence on the left"
    # Each aligned bead on the left has a member on the right as well.
    assert all(beads_all.count(bead) >= 2 for bead in beads_left)


def test_bilingual_document_aligns_its_own_halves(pages, demo) -> None:
    doc = demo["bilingual"]
    r = pages.get("/parallel", params={"a": doc.id})
    assert r.status_code == 200
    assert "data-bead=" in r.text


def test_document_page_marks_names_quotes_dates_and_clutter(pages, demo) -> None:
    story = demo["stories"][0]
    doc_id = story["documents"][0]
    r = pages.get(f"/documents/{doc_id}")
    assert r.status_code == 200
    assert 'class="ent ent-' in r.text
    assert f"<code>{doc_id}</code>" in r.text
    assert f'href="/stories/{story["id"]}"' in r.text


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/stories/s-0000", 404, "NL240"),
        ("/documents/zzzz", 404, "NL304"),
        ("/parallel", 400, "NL260"),
    ],
)
def test_errors_are_pages_with_their_code(pages, path: str, status: int, code: str) -> None:
    r = pages.get(path)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert f"<code>{code}</code>" in r.text


def test_a_missing_view_names_the_views_there_are(pages, demo) -> None:
    doc = demo["bilingual"]
    r = pages.get("/parallel", params={"a": f"{doc.id}:ko"})
    assert r.status_code == 400
    assert "NL206" in r.text


def test_error_page_escapes_what_the_user_typed(pages) -> None:
    r = pages.get("/documents/<img src=x onerror=alert(1)>")
    assert r.status_code == 404
    assert "<img src=x" not in r.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in r.text


@pytest.mark.parametrize(("lang", "word"), [("zh", "流量"), ("ru", "сток")])
def test_search_finds_by_meaning_across_languages(pages, lang: str, word: str) -> None:
    """An English query finds the Chinese and Russian reports of the flow, sharing no word."""
    r = pages.get("/search", params={"q": "guaranteed minimum flow of the river", "lang": lang})
    assert r.status_code == 200
    first = r.text.split('<li class="hit"', 2)[1]
    assert f'data-lang="{lang}"' in first
    assert word in first and "no word match" in first


def test_search_marks_the_words_it_matched(pages) -> None:
    r = pages.get("/search", params={"q": "minimum flow"})
    assert '<span class="best match">' in r.text or '<span class="match">' in r.text


def test_search_without_a_query_shows_the_form(pages) -> None:
    r = pages.get("/search")
    assert r.status_code == 200
    assert 'class="hit"' not in r.text and 'name="q"' in r.text


def test_search_echoes_the_query_escaped(pages) -> None:
    r = pages.get("/search", params={"q": "<script>alert(1)</script>"})
    assert r.status_code == 200
    assert "<script>alert(1)</script>" not in r.text


def test_static_files_are_served(pages) -> None:
    assert pages.get("/static/desk.css").status_code == 200
    assert "data-bead" in pages.get("/static/desk.js").text


def test_segments_cut_overlapping_spans_at_every_edge() -> None:
    text = "Irina Volkova said no."
    segs = segments(text, [(0, 13, "ent", "PER"), (6, 22, "qt", "quote")])
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.cls) for s in segs] == [
        ("Irina ", "ent"),
        ("Volkova", "ent qt"),
        (" said no.", "qt"),
    ]


def test_sparkline_counts_documents_per_day() -> None:
    chart = sparkline(["2025-03-10", "2025-03-12T09:00", "2025-03-12", None])
    assert [b.count for b in chart.bars] == [1, 0, 2]
    assert sparkline([None, "soon"]) is None


def test_timeline_chart_stacks_events_of_one_day() -> None:
    events = [
        {"date": "2025-03-10", "text": "a"},
        {"date": "2025-03-10", "text": "b"},
        {"date": "2025-04", "text": "c"},
    ]
    chart = timeline_chart(events)
    a, b, c = chart.points
    assert a.x == b.x and a.y > b.y
    assert c.x > a.x and not c.exact
    assert parse_day("2025-04") == (parse_day("2025-04-15")[0], False)
