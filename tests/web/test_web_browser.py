"""The desk in a real browser (headless Chromium): navigation, the parallel viewer, XSS.

Screenshots of the list, a story, the viewer and the search page are saved to
``$NEWSLOOM_ARTIFACTS`` or ``tests/artifacts/`` for a person to look at.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from newsloom.store import open_store

PAYLOAD_SCRIPT = "<script>alert(1)</script>"
PAYLOAD_IMG = "<img src=x onerror=alert(1)>"


def follow(page, locator) -> None:
    """Click a link or button and wait until the page it leads to has loaded."""
    with page.expect_navigation(wait_until="load"):
        locator.click()


def test_story_list_leads_to_a_story(live, page, artifacts) -> None:
    page.goto(live.url + "/")
    rows = page.locator("tr.story-row")
    assert rows.count() >= 2
    page.screenshot(path=artifacts("story-list.png"), full_page=True)
    first = rows.first.locator("a.story-title")
    title = first.inner_text()
    follow(page, first)
    assert page.locator("h1").inner_text() == title
    assert page.locator("#briefing li").count() > 0
    assert page.locator("svg.timeline circle.event").count() > 0
    assert page.locator("#sources tbody tr").count() > 0
    page.screenshot(path=artifacts("story.png"), full_page=True)


def _open_viewer(live, page) -> None:
    page.goto(live.url + "/")
    follow(page, page.locator("a.story-title").first)
    follow(page, page.locator("#sources tr[data-kind=translation] a.button").first)


def test_parallel_viewer_lights_up_a_pair_on_both_sides(live, page, artifacts) -> None:
    _open_viewer(live, page)
    left = page.locator(".side-a .s.al")
    assert left.count() > 0
    sentence = left.nth(min(2, left.count() - 1))
    bead = sentence.get_attribute("data-bead")
    partners = page.locator(f'.side-b [data-bead="{bead}"]')
    assert partners.count() >= 1
    idle = partners.first.evaluate("el => getComputedStyle(el).backgroundColor")

    sentence.hover()
    assert "hl" in partners.first.get_attribute("class").split()
    lit = partners.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert lit != idle
    assert lit == sentence.evaluate("el => getComputedStyle(el).backgroundColor")
    # Nothing else is lit: only the members of this bead.
    assert page.locator(".hl").count() == page.locator(f'[data-bead="{bead}"]').count()

    sentence.click()
    page.mouse.move(0, 0)
    assert page.locator(f'.pin[data-bead="{bead}"]').count() >= 2
    page.screenshot(path=artifacts("parallel.png"), full_page=True)


def test_parallel_viewer_marks_unaligned_sentences(live, page) -> None:
    _open_viewer(live, page)
    for el in page.locator(".pcell .s").all():
        classes = el.get_attribute("class").split()
        if "unaligned" in classes:
            assert el.get_attribute("data-bead") is None
            assert el.evaluate("el => getComputedStyle(el).textDecorationLine") == "line-through"
        else:
            assert el.get_attribute("data-bead") is not None


def test_search_from_the_top_bar_finds_other_languages(live, page, artifacts) -> None:
    page.goto(live.url + "/")
    page.fill("header input[name=q]", "guaranteed minimum flow of the river")
    follow(page, page.locator("header button[type=submit]"))
    assert page.locator("h1").inner_text() == "Search"
    assert page.locator("li.hit").count() > 0
    page.select_option("main select[name=lang]", "zh")
    follow(page, page.locator("main form button[type=submit]"))
    hits = page.locator("li.hit")
    assert hits.count() > 0
    assert {hits.nth(i).get_attribute("data-lang") for i in range(hits.count())} == {"zh"}
    assert "流量" in hits.first.locator(".snippet").inner_text()
    page.screenshot(path=artifacts("search.png"), full_page=True)


def test_document_page_shows_text_and_marks(live, page, demo_db: Path) -> None:
    store = open_store(demo_db)
    doc = next(s for s in store.summaries() if len(s.languages) > 1)
    store.close()
    page.goto(f"{live.url}/documents/{doc.id}")
    assert page.locator("h1").inner_text() == doc.title
    assert page.locator(".text .para").count() == doc.paragraphs
    assert page.locator(".text .ent").count() > 0
    follow(page, page.locator("a.button", has_text="side by side"))
    assert page.locator(".side-a .s.al").count() > 0


@pytest.fixture(scope="module")
def hostile(serve_with, tmp_path_factory):
    """The desk over a copy of the demo store that also holds an article with markup in it."""
    article = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    article.write_text(
        f"Dam inspectors {PAYLOAD_SCRIPT} return to the Lunava\n\n"
        f"Inspectors from the river commission returned to the Upper Lunava Dam on Friday "
        f"{PAYLOAD_IMG} to check the minimum flow agreed in Tarvik.\n\n"
        f"Officials said the readings were sent to Marenia and Seloria every hour, "
        f"as the joint statement requires. {PAYLOAD_SCRIPT}\n",
        encoding="utf-8",
    )
    with serve_with([article]) as server:
        yield server


def test_article_markup_is_shown_as_text_and_never_runs(hostile, page, dialogs) -> None:
    url = hostile.url
    page.goto(f"{url}/documents/{hostile.added[0]}")
    body = page.locator(".text").inner_text()
    assert PAYLOAD_SCRIPT in body and PAYLOAD_IMG in body
    assert PAYLOAD_SCRIPT in page.locator("h1").inner_text()
    assert page.locator("main script, main img").count() == 0
    story_link = page.locator("nav.crumbs a").nth(1)
    follow(page, story_link)
    assert "/stories/" in page.url
    assert page.locator("main script, main img").count() == 0
    assert PAYLOAD_SCRIPT in page.locator("#sources").inner_text()
    page.goto(url + "/")
    assert page.locator("main script, main img").count() == 0
    page.goto(f"{url}/search?q=inspectors+returned+to+the+dam")
    assert PAYLOAD_IMG in page.locator(".hits").inner_text()
    assert page.locator("main script, main img").count() == 0
    page.goto(f"{url}/search?q={quote(PAYLOAD_IMG)}")
    assert page.locator("main img").count() == 0
    page.goto(f"{url}/stories/{quote(PAYLOAD_IMG, safe='')}")
    assert PAYLOAD_IMG in page.locator(".error").inner_text()
    assert page.locator("main img").count() == 0
    assert dialogs == []
