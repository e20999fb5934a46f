"""RecurringLines counts documents per source and line, and its counts round-trip."""

from __future__ import annotations

from newsloom.clean.recurring import RecurringLines, source_key
from newsloom.model import Document


def test_counts_documents_not_occurrences() -> None:
    r = RecurringLines(min_docs=2)
    r.add("outlet:courier", ["Subscribe now", "Subscribe now", "A story"])
    assert not r.is_recurring("outlet:courier", "Subscribe now")
    r.add("outlet:courier", ["SUBSCRIBE  now!"])
    assert r.is_recurring("outlet:courier", "subscribe now")
    assert not r.is_recurring("outlet:gazette", "Subscribe now")
    assert not r.is_recurring("outlet:courier", "A story")


def test_counts_merge_into_a_fresh_counter() -> None:
    first = RecurringLines(min_docs=3)
    first.add("folder:x", ["Menu", "Body one"])
    first.add("folder:x", ["Menu", "Body two"])
    second = RecurringLines(min_docs=3)
    second.merge(first.counts())
    assert not second.is_recurring("folder:x", "Menu")
    second.add("folder:x", ["Menu"])
    assert second.is_recurring("folder:x", "Menu")
    assert first.counts() != second.counts()


def test_source_key_prefers_outlet() -> None:
    doc = Document(id="1", source="feeds/day1.jsonl:7", kind="text", encoding="utf-8")
    assert source_key(doc) == "folder:feeds"
    doc.meta.outlet = "Coastline Courier"
    assert source_key(doc) == "outlet:coastlinecourier"
    assert source_key(Document(id="2", source="-", kind="text", encoding="utf-8")) == "folder:-"
