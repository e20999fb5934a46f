"""The lang stages on the five seed articles, against /work/shared/gold/seeds.json.

Documents are built straight from the seed lines (one paragraph per non-empty
line, every one counted as content) so these tests do not depend on the
clean stage; that makes them harder, since headers and site navigation count.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsloom.lang.detect import ParagraphLanguages
from newsloom.lang.layout import DocumentLayout
from newsloom.lang.scripts import script_counts
from newsloom.lang.sentences import SentenceSplitter
from newsloom.model import Document, Paragraph
from newsloom.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not GOLD.is_file(), reason="seeds not available beside the repo"),
]


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    settings = Settings()
    stages = [ParagraphLanguages(settings), DocumentLayout(settings), SentenceSplitter(settings)]
    out = {}
    for name in json.loads(GOLD.read_text("utf-8"))["documents"]:
        lines = (SEEDS / name).read_text("utf-8").splitlines()
        paras = [Paragraph(line.strip()) for line in lines if line.strip()]
        doc = Document(id=name, source=name, kind="text", encoding="utf-8", paragraphs=paras)
        for s in stages:
            doc = s(doc)
        out[name] = doc
    return out


@pytest.fixture(scope="module")
def gold() -> dict[str, dict]:
    return json.loads(GOLD.read_text("utf-8"))["documents"]


def test_languages_and_layout(docs: dict[str, Document], gold: dict[str, dict]) -> None:
    for name, want in gold.items():
        doc = docs[name]
        assert set(doc.languages) == set(want["languages"]), name
        assert want["layout"].startswith(doc.layout) or doc.layout in want["layout"], name


def test_every_paragraph_with_letters_is_in_a_gold_language(
    docs: dict[str, Document], gold: dict[str, dict]
) -> None:
    for name, want in gold.items():
        for p in docs[name].paragraphs:
            if script_counts(p.text):
                assert p.lang in want["languages"], (name, p.text[:60], p.lang)


def test_interleaved_pairs_alternate(docs: dict[str, Document]) -> None:
    # In 000 each Chinese paragraph is followed by its English translation.
    paras = docs["000_ecb1ef62764ca60e.txt"].paragraphs
    chinese = [i for i, p in enumerate(paras) if p.lang == "zh" and len(p.text) >= 20]
    assert len(chinese) >= 10
    assert all(paras[i + 1].lang == "en" for i in chinese)


def test_blocks_in_order(docs: dict[str, Document]) -> None:
    for name, first, second in (
        ("002_6b1ba2697ced7a7d.txt", "zh", "en"),
        ("003_7d53a543f1938fa0.txt", "en", "ru"),
    ):
        views = docs[name].views()
        assert max(views[first][:5]) < min(views[second]), name


def test_traditional_seed(docs: dict[str, Document], gold: dict[str, dict]) -> None:
    for name, want in gold.items():
        assert docs[name].script == want.get("script", docs[name].script), name
    hant = docs["004_db2664a6e289d1c2.txt"]
    assert hant.script == "Hant"
    assert all(p.simplified for p in hant.paragraphs if p.script == "Hant")


def test_sentence_spans_cover_the_text(docs: dict[str, Document]) -> None:
    for doc in docs.values():
        for p in doc.paragraphs:
            assert p.sentences, p.text
            assert all(p.text[a:b] == p.text[a:b].strip() != "" for a, b in p.sentences)
            bounds = [0, *(x for span in p.sentences for x in span), len(p.text)]
            gaps = [p.text[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]
            assert not "".join(gaps).strip(), p.text
