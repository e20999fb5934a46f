"""The parts of the relation finder, each on its own: no encoder needed."""

from __future__ import annotations

import numpy as np
import pytest

from newsloom.errors import ConfigError, StoreError
from newsloom.model import Document, Metadata, Paragraph
from newsloom.relate.candidates import VectorIndex
from newsloom.relate.dedup import ShingleIndex, classify
from newsloom.relate.direction import decide, home_language
from newsloom.relate.relations import RelationFinder
from newsloom.relate.texts import Text, shingle_hashes
from newsloom.relate.translation import _longest_chain, sentence_coverage
from newsloom.settings import Settings


def _text(key: str, body: str, lang: str = "en", vectors: np.ndarray | None = None) -> Text:
    doc_id = key.split("#")[0]
    sizes = np.ones(0 if vectors is None else len(vectors), dtype=np.float32)
    return Text(doc_id, lang, shingle_hashes(body, lang, 3, 4), vectors, sizes, None)


STORY = (
    "The council voted on Tuesday to close the old tram depot by the end of the year. "
    "Workers will move to the new site near the station, the transport office said. "
    "The building dates from 1911 and may become a museum if a buyer is found. "
)
MORE = (
    "Neighbours have asked for a playground on the empty lot behind the depot. "
    "A public meeting about the plans is set for the second week of March. "
)


def test_shingles_ignore_case_punctuation_and_traditional_script() -> None:
    assert np.array_equal(
        shingle_hashes("Talks END, without a deal!", "en", 3, 4),
        shingle_hashes("talks end without a deal", "en", 3, 4),
    )
    assert len(shingle_hashes("会谈结束", "zh", 3, 4)) == 1  # four characters: one shingle


def test_duplicate_contains_and_neither() -> None:
    base, copy = _text("a#en", STORY), _text("b#en", STORY.upper().replace(",", ";"))
    longer, other = _text("c#en", STORY + MORE), _text("d#en", MORE)
    dup = classify(base, copy, 0.8, 0.8, 1.25)
    assert dup is not None and dup.type == "duplicate" and dup.score == 1.0
    contains = classify(base, longer, 0.8, 0.8, 1.25)
    assert contains is not None and contains.type == "contains"
    assert (contains.a, contains.b) == ("c", "a")  # the outer text is named first
    assert classify(base, other, 0.8, 0.8, 1.25) is None
    assert classify(base, _text("e#de", STORY, "de"), 0.8, 0.8, 1.25) is None  # languages differ


def test_lsh_proposes_a_contained_text() -> None:
    index = ShingleIndex(threshold=0.3, num_perm=128)
    index.add("c#en", _text("c#en", STORY + MORE).shingles)
    index.add(
        "d#en", _text("d#en", "Prices of bread rose again in the capital this week.").shingles
    )
    assert index.query(_text("a#en", STORY).shingles) == ["c#en"]


def test_longest_chain_keeps_reading_order() -> None:
    pairs = [(0, 0, 0.9), (1, 5, 0.7), (2, 1, 0.8), (3, 2, 0.8), (4, 3, 0.9)]
    assert [j for _, j, _ in _longest_chain(pairs)] == [0, 1, 2, 3]


def _rows(n: int, seed: int) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(n, 64)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_coverage_of_a_shuffled_text_is_low_and_of_a_noisy_copy_high() -> None:
    a = _rows(20, 1)
    noisy = a + 0.05 * _rows(20, 2)
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    shuffled = noisy[np.random.default_rng(3).permutation(20)]
    ta = _text("a#en", "", "en", a)
    high = sentence_coverage(ta, _text("b#ru", "", "ru", noisy), 0.6)
    low = sentence_coverage(ta, _text("c#ru", "", "ru", shuffled), 0.6)
    assert high is not None and high.coverage == 1.0 and high.anchors == 20
    assert low is not None and low.anchors < 10


def test_vector_index_gives_the_same_neighbours_exact_and_approximate() -> None:
    rows = _rows(300, 4)
    exact, approx = VectorIndex(64, exact_max=1000), VectorIndex(64, exact_max=100)
    for i, row in enumerate(rows):
        exact.add(f"t{i}#en", row)
        approx.add(f"t{i}#en", row)
    query = rows[7] + 0.1 * rows[8]
    query /= np.linalg.norm(query)
    top_exact = exact.search(query, k=3, floor=0.0)
    assert top_exact[0][0] == "t7#en"
    assert [k for k, _ in approx.search(query, k=3, floor=0.0)] == [k for k, _ in top_exact]
    assert exact.search(query, k=3, floor=0.999) == []
    both = np.vstack([query, rows[42]])
    assert [[k for k, _ in row] for row in approx.search_many(both, k=1, floor=0.0)] == [
        ["t7#en"],
        ["t42#en"],
    ]
    with pytest.raises(StoreError, match="NL151"):
        exact.add("wide#en", np.ones(65, dtype=np.float32))


def _page(lang_blocks: list[tuple[str, str]], layout: str = "blocks", **meta: str) -> Document:
    paragraphs = [Paragraph(text=text, lang=lang) for lang, text in lang_blocks]
    langs = list(dict.fromkeys(lang for lang, _ in lang_blocks))
    return Document("p", "p.txt", "text", "utf-8", paragraphs, Metadata(**meta), langs, layout)


def test_direction_from_a_translation_note() -> None:
    page = _page([("ru", "Перевод с английского: Анна Петрова"), ("ru", "Текст статьи."),
                  ("en", "The article text.")])  # fmt: skip
    verdict = decide(page, "ru", page, "en", layout=True, min_cos=0.6)
    assert (verdict.original, verdict.rule) == ("en", "translation_note")
    credit = _page([("en", "Text."), ("en", "Translated by Ann Lee."), ("zh", "正文。")])
    assert decide(credit, "en", credit, "zh", layout=False, min_cos=0.6).original == "zh"


def test_direction_from_the_outlet_and_from_block_order() -> None:
    page = _page(
        [("en", "English text."), ("ru", "Русский текст.")], url="https://news.example.ru/a"
    )
    assert home_language(page, ("en", "ru")) == "ru"
    verdict = decide(page, "en", page, "ru", layout=True, min_cos=0.6)
    assert (verdict.original, verdict.rule) == ("ru", "outlet_language")
    plain = _page([("zh", "中文。"), ("en", "English.")])
    assert decide(plain, "zh", plain, "en", layout=True, min_cos=0.6).original == "en"
    assert decide(plain, "zh", plain, "en", layout=False, min_cos=0.6).original is None


def test_out_of_range_setting_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"NL150.*relate\.sentence_min_cos"):
        RelationFinder(Settings({"relate": {"sentence_min_cos": 1.5}}))
