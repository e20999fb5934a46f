"""The search's parts without a store or a model: terms, names, query groups, fusion, checks."""

from __future__ import annotations

import pytest

from newsloom.errors import ConfigError
from newsloom.model import Document, Entity, Paragraph
from newsloom.search.filters import check_page, make_filters
from newsloom.search.hybrid import KeywordHit, contains, fuse, key_of
from newsloom.search.names import expansion_rows, find_names, key, surname
from newsloom.search.passages import PASSAGE_SENTENCES, document_passages
from newsloom.search.query import is_empty, name_phrases, parse
from newsloom.search.tokens import grams, stem, words
from newsloom.store.base import PassageHit

LANGS = ["en", "ru", "zh", "fr", "de"]

RYABKOV = Entity(
    "per-sergey-ryabkov",
    "PER",
    {"en": ["Sergei Ryabkov", "Ryabkov"], "ru": ["Сергей Рябков"], "zh": ["谢尔盖·里亚布科夫"]},
)


def lookup_in(rows):
    return lambda keys: [r for r in rows if r[0] in set(keys)]


def test_words_are_stemmed_per_language_and_folded():
    assert [t.term for t in words("Guarantees were GUARANTEED", "en")] == [
        "guarante", "were", "guarante",
    ]  # fmt: skip
    assert [t.term for t in words("Рябкову гарантии ёлка", "ru")][1:] == ["гарант", "елк"]
    # Latin diacritics go after stemming, so Marénie and Marenie meet.
    assert stem("Marénie", "fr") == stem("Marenie", "fr")


def test_offsets_point_into_the_text():
    text = "Sergei Ryabkov said on Monday"
    for t in words(text, "en"):
        assert stem(text[t.start : t.end], "en") == t.term


def test_chinese_is_cut_by_jieba_after_traditional_to_simplified():
    terms = [t.term for t in words("俄羅斯副外長里亞布科夫表示", "zh")]
    assert "俄罗斯" in terms and "表示" in terms
    assert all("羅" not in t for t in terms)


def test_grams_cover_unspaced_runs_only():
    assert [t.term for t in grams("谢尔盖·里亚布科夫 said")] == [
        "谢尔", "尔盖", "里亚", "亚布", "布科", "科夫",
    ]  # fmt: skip
    thai = [t.term for t in words("ภาษาไทย", "th")]
    assert thai == ["ภาษาไทย"]  # combining vowel marks stay inside the word


def test_name_keys_meet_across_cases_and_forms():
    assert key("Рябков") == key("Рябкова") == key("РЯБКОВЫМ")
    assert key("谢尔盖·里亚布科夫") == "谢尔盖 里亚布科夫"
    assert surname("Sergei Ryabkov") == "Ryabkov"
    assert surname("谢尔盖·里亚布科夫") == "里亚布科夫"
    assert surname("Ryabkov") is None


def test_expansion_rows_map_a_surname_to_every_spelling():
    rows = expansion_rows([RYABKOV], [("en", "NATO", "ru", "НАТО", 4)])
    lookup = lookup_in(rows)
    [ru] = find_names("Что сказал Рябкову министр", lookup)
    assert {("en", "Ryabkov"), ("zh", "里亚布科夫")} <= set(ru.names)
    [zh] = find_names("里亚布科夫表示", lookup)
    assert (zh.start, zh.end) == (0, 5)
    nato = find_names("НАТО и Рябков", lookup)
    assert [n for n in nato[0].names if n[0] == "en"] == [("en", "NATO")]


def test_longest_name_wins_where_two_overlap():
    rows = expansion_rows([RYABKOV])
    [match] = find_names("Sergei Ryabkov spoke", lookup_in(rows))
    assert (match.start, match.end) == (0, 14)


def test_name_phrases_cover_russian_cases():
    phrases = name_phrases("Сергей Рябков", "ru")
    assert ("words", ("серг", "рябков")) in phrases  # Сергея Рябкова in the text
    assert ("words", ("серг", "рябк")) in phrases  # Сергей Рябков
    assert name_phrases("里亚布科夫", "zh") == {("grams", ("里亚", "亚布", "布科", "科夫"))}


def test_query_groups_and_expansion():
    plain = parse("Рябков guarantees", LANGS, None)
    assert [g.text for g in plain.groups] == ["Рябков", "guarantees"]
    assert ("words", ("guarante",)) in plain.groups[1].phrases
    expanded = parse("Рябков guarantees", LANGS, lookup_in(expansion_rows([RYABKOV])))
    name = expanded.groups[0]
    assert name.name and ("words", ("ryabkov",)) in name.phrases
    assert ("grams", ("里亚", "亚布", "布科", "科夫")) in name.phrases


def test_empty_queries():
    assert is_empty("  ?!  ") and is_empty("")
    assert not is_empty("里")


def test_contains_needs_consecutive_terms():
    assert contains(["sergei", "ryabkov", "said"], ("sergei", "ryabkov"))
    assert not contains(["ryabkov", "sergei"], ("sergei", "ryabkov"))


def _hit(doc: str, score: float = 1.0) -> PassageHit:
    return PassageHit(doc, 0, 0, 1, "en", score, "", "")


def test_fusion_rewards_agreement_and_weighs_partial_keyword_hits():
    kw = [KeywordHit(_hit("a"), 5, 1.0, set()), KeywordHit(_hit("d"), 4, 0.1, set())]
    sem = [_hit("c", 0.8), _hit("a", 0.6)]
    # a: both sides; c: meaning only; d: a keyword hit holding a tenth of the query.
    assert [key_of(f.hit)[0] for f in fuse(kw, sem)] == ["a", "c", "d"]
    assert [key_of(f.hit)[0] for f in fuse(kw, [])] == ["a", "d"]


def test_passages_cut_paragraphs_and_skip_clutter():
    import numpy as np

    text = "One. Two. Three. Four."
    spans = [(0, 4), (5, 9), (10, 16), (17, 22)]
    vecs = np.eye(4, 512, dtype=np.float32)
    doc = Document("d", "s", "text", "utf-8", [
        Paragraph("Title here", role="title", lang="en", sentences=[(0, 10)]),
        Paragraph("By someone", role="header", lang="en"),
        Paragraph(text, lang="en", sentences=spans, vectors=vecs),
        Paragraph("Subscribe now", lang="en", boilerplate=True, reason="nav"),
    ])  # fmt: skip
    passages = document_passages(doc)
    assert [(p.paragraph, p.first, p.count) for p in passages] == [
        (0, 0, 1), (2, 0, PASSAGE_SENTENCES), (2, 3, 1),
    ]  # fmt: skip
    assert passages[0].vector is None
    assert abs(float(np.linalg.norm(passages[1].vector)) - 1) < 1e-5
    assert passages[2].words == "four"


def test_request_checks_are_coded_errors():
    with pytest.raises(ConfigError) as bad_date:
        make_filters(lang=None, since="12/03/2025", until=None, outlet=None, doc_ids=None,
                     known_languages=LANGS)  # fmt: skip
    assert bad_date.value.code == "NL231" and "--since" in str(bad_date.value)
    with pytest.raises(ConfigError) as reversed_range:
        make_filters(lang=None, since="2025-03-14", until="2025-03-01", outlet=None,
                     doc_ids=None, known_languages=LANGS)  # fmt: skip
    assert reversed_range.value.code == "NL232"
    with pytest.raises(ConfigError) as lang:
        make_filters(lang="en,xx", since=None, until=None, outlet=None, doc_ids=None,
                     known_languages=LANGS)  # fmt: skip
    assert lang.value.code == "NL234"
    with pytest.raises(ConfigError) as limit:
        check_page(0, 0)
    assert limit.value.code == "NL233"
    ok = make_filters(lang="EN, zh", since="2025-03-12T10:00:00", until=None, outlet=" X ",
                      doc_ids=["a"], known_languages=LANGS)  # fmt: skip
    assert ok.langs == ("en", "zh") and ok.since == "2025-03-12" and ok.outlet == "X"
