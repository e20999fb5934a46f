"""The briefing of the seeds' talks story, checked against ../shared/gold/seeds.json.

The kinds of the seed texts come from relations alone and are checked whatever the
clustering did; the whole briefing (four sources in one story, the 10/12/13 January
events, Ryabkov and Sherman quoted) needs seed 002 in the story of 000, 001 and 003.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom import service
from newsloom.settings import Settings
from newsloom.store import open_store

# What each seed text is, from the gold's relations and their notes.
EXPECTED_KINDS = {
    "000#zh": "original",
    "000#en": "translation",
    "001#en": "duplicate",
    "002#en": "original",
    "002#zh": "machine_translation",
    "003#ru": "original",
    "003#en": "translation",
}


@pytest.fixture(scope="module")
def seeds(seeds_db):
    """(store, seed number -> document id)."""
    store = open_store(seeds_db)
    ids = {Path(d.source).name[:3]: d.id for d in store.iter_documents()}
    yield store, ids
    store.close()


@pytest.fixture(scope="module")
def talks(seeds):
    """The English briefing of the story that holds seed 000."""
    store, ids = seeds
    return service.brief(store, Settings(), ids["000"], lang="en")


def test_every_seed_text_has_its_kind(seeds, talks):
    store, ids = seeds
    briefs = [talks]
    if ids["002"] not in talks.documents:  # clustered apart: its own story names its kinds
        briefs.append(service.brief(store, Settings(), ids["002"], lang="en"))
    number = {doc_id: n for n, doc_id in ids.items()}
    found = {
        f"{number[s.document]}#{s.lang}": s.kind.kind
        for b in briefs for s in b.sources if s.document in number
    }  # fmt: skip
    assert {k: found.get(k) for k in EXPECTED_KINDS} == EXPECTED_KINDS
    by_key = {f"{number[s.document]}#{s.lang}": s for b in briefs for s in b.sources}
    assert by_key["001#en"].kind.of == f"{ids['000']}#en"
    assert by_key["002#zh"].kind.evidence["machine"]["rule"] == "uncredited_leading_block"
    assert by_key["003#en"].kind.evidence["machine"]["rule"] == "translator_credit"


def test_summary_is_in_english_through_aligned_translations(talks):
    assert talks.summary
    for s in talks.summary:
        assert s.lang == "en", s
        if s.original["lang"] != "en":
            assert s.rendering is not None and s.rendering["lang"] == "en"
            assert s.rendering["kind"] in ("translation", "duplicate")
    assert {s.original["lang"] for s in talks.summary} - {"en"}  # originals in zh / ru speak


def test_the_talks_briefing_holds_all_four_seeds(seeds, talks):
    _, ids = seeds
    assert set(talks.documents) >= {ids[n] for n in ("000", "001", "002", "003")}
    assert {s.kind.kind for s in talks.sources} >= {
        "original", "translation", "machine_translation", "duplicate",
    }  # fmt: skip
    speakers = " ".join(q.speaker for q in talks.quotes).lower()
    assert "ryabkov" in speakers and "sherman" in speakers
    dates = {e["date"] for e in talks.timeline}
    assert {"2022-01-10", "2022-01-12", "2022-01-13"} <= dates
