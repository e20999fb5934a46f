"""On the bundled demo corpus (through ingest): the expected boilerplate marked, no aligned
body paragraph marked, and the expected header metadata read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsloom.clean.boilerplate import Boilerplate
from newsloom.clean.metadata import MetadataReader
from newsloom.clean.parse import Parser
from newsloom.ingest import iter_inputs
from newsloom.model import Document, RawInput
from newsloom.settings import Settings

DEMO = Path(__file__).resolve().parents[2] / "demo"
EXPECTED = json.loads((DEMO / "EXPECTED.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    settings = Settings()
    parser, boiler, meta = Parser(settings), Boilerplate(settings), MetadataReader(settings)
    return {
        Path(raw.source).name: meta(boiler(parser(raw)))
        for raw in iter_inputs([str(DEMO / "corpus")], settings)
        if isinstance(raw, RawInput)
    }


def test_expected_boilerplate_is_marked(docs: dict[str, Document]) -> None:
    missed = [
        (ref, prefix)
        for ref, prefixes in EXPECTED["boilerplate_lines"].items()
        for prefix in prefixes
        if not any(p.boilerplate and p.text.startswith(prefix) for p in docs[ref].paragraphs)
    ]
    assert missed == []


def test_aligned_paragraphs_are_not_marked(docs: dict[str, Document]) -> None:
    marked = [
        (ref, prefix)
        for ref, pairs in EXPECTED["paragraph_alignment"].items()
        for pair in pairs
        for prefix in pair
        if any(p.text.startswith(prefix) and p.boilerplate for p in docs[ref].paragraphs)
    ]
    assert marked == []


@pytest.mark.parametrize("ref", sorted(EXPECTED["documents"]))
def test_expected_metadata(ref: str, docs: dict[str, Document]) -> None:
    info, doc = EXPECTED["documents"][ref], docs[ref]
    assert doc.meta.title in set(info["title"].values())
    for field in ("outlet", "published", "editor", "translator", "translated_from", "url"):
        if field in info:
            options = info[field] if isinstance(info[field], list) else [info[field]]
            assert getattr(doc.meta, field) in options, field
    if "authors" in info:
        assert sorted(doc.meta.authors) == sorted(info["authors"])
