"""On the five seed articles: every gold boilerplate line marked, no gold body line marked,
and the gold metadata read.  Skips where ../shared is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsloom.clean.boilerplate import Boilerplate
from newsloom.clean.metadata import MetadataReader
from newsloom.clean.parse import Parser
from newsloom.model import Document, RawInput
from newsloom.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
GOLD = SHARED / "gold" / "seeds.json"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not GOLD.exists(), reason="seeds not available (../shared)"),
]


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(GOLD.read_text("utf-8"))


@pytest.fixture(scope="module")
def docs(gold: dict) -> dict[str, Document]:
    settings = Settings()
    parser, boiler, meta = Parser(settings), Boilerplate(settings), MetadataReader(settings)
    out = {}
    for name in gold["documents"]:
        path = SHARED / "seeds" / name
        raw = RawInput(str(path), "text", path.read_text("utf-8"), "utf-8")
        out[name] = meta(boiler(parser(raw)))
    return out


def test_every_gold_boilerplate_line_is_marked(gold: dict, docs: dict[str, Document]) -> None:
    missed = [
        (name, prefix)
        for name, prefixes in gold["boilerplate_lines"].items()
        for prefix in prefixes
        if not any(p.boilerplate and p.text.startswith(prefix) for p in docs[name].paragraphs)
    ]
    assert missed == []


def test_no_gold_body_paragraph_is_marked(gold: dict, docs: dict[str, Document]) -> None:
    marked = [
        (name, prefix)
        for name, pairs in gold["paragraph_alignment"].items()
        for pair in pairs
        for prefix in pair
        if any(p.text.startswith(prefix) and not p.is_content for p in docs[name].paragraphs)
    ]
    assert marked == []


def test_marked_lines_outside_the_gold_are_clutter(gold: dict, docs: dict[str, Document]) -> None:
    """Lines the gold does not list may be marked only by the rules for captions, repeated
    titles and nav headings (the gold lists "Related News" in one copy of a page, not both)."""
    for name, doc in docs.items():
        prefixes = gold["boilerplate_lines"].get(name, [])
        extra = {
            p.reason
            for p in doc.paragraphs
            if p.boilerplate and not any(p.text.startswith(g) for g in prefixes)
        }
        assert extra <= {"caption", "repeated_title", "nav_list"}, name


def test_gold_metadata(gold: dict, docs: dict[str, Document]) -> None:
    for name, info in gold["documents"].items():
        meta = docs[name].meta
        titles = set(info["title"].values())
        assert meta.title in titles, name
        assert titles <= {p.text for p in docs[name].paragraphs if p.role == "title"}, name
        for field in ("published", "editor", "translator"):
            if field in info:
                assert getattr(meta, field) == info[field], (name, field)
        if "outlet" in info:
            options = info["outlet"] if isinstance(info["outlet"], list) else [info["outlet"]]
            assert meta.outlet in options, name
        if "authors" in info:
            assert sorted(meta.authors) == sorted(info["authors"]), name
