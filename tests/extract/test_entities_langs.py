"""The entity tagger on sentences written for these tests, one language at a time."""

from __future__ import annotations

import pytest

from newsloom.errors import ConfigError
from newsloom.extract.entities import EntityTagger, tag_english, tag_russian, tag_texts
from newsloom.extract.ner_zh import tag_chinese
from newsloom.model import Document, Paragraph
from newsloom.settings import Settings


def _names(found) -> set[tuple[str, str]]:
    return {(f.type, f.name) for f in found}


def test_english_people_places_organisations_and_offsets() -> None:
    text = "Yesterday Maria Gonzalez of the World Bank flew to Nairobi for the IMF's meeting."
    found = tag_english([text])[0]
    assert ("PER", "Maria Gonzalez") in _names(found)
    assert ("LOC", "Nairobi") in _names(found)
    assert ("ORG", "World Bank") in _names(found)
    for f in found:
        assert text[f.start : f.end] == f.name


def test_english_names_lose_leading_the_and_possessive() -> None:
    text = "Officials at the European Commission praised Germany's offer."
    names = _names(tag_english([text])[0])
    assert ("ORG", "European Commission") in names
    assert ("LOC", "Germany") in names


def test_russian_names_are_normalised_to_the_nominative() -> None:
    text = "Министр встретился с Анной Петровой и Борисом Козловым в Варшаве."
    found = tag_russian([text])[0]
    names = _names(found)
    assert ("PER", "Анна Петрова") in names
    assert ("PER", "Борис Козлов") in names
    assert ("LOC", "Варшава") in names
    spans = {text[f.start : f.end] for f in found}
    assert "Борисом Козловым" in spans


def test_russian_place_in_ii_becomes_iya() -> None:
    found = tag_russian(["Делегация прибыла из Словении и Эстонии вчера."])[0]
    assert {"Словения", "Эстония"} <= {f.name for f in found if f.type == "LOC"}


def test_chinese_transliterated_name_is_one_person() -> None:
    found = tag_chinese("俄方代表里亚布科夫昨天在布拉格说，谈判很艰难。")
    assert ("PER", "里亚布科夫") in _names(found)
    assert ("LOC", "布拉格") in _names(found)


def test_chinese_full_foreign_name_with_middle_dot() -> None:
    for dot in "·•":
        text = f"新任大使安德烈{dot}科瓦连科抵达北京。"
        assert ("PER", "安德烈·科瓦连科") in _names(tag_chinese(text))


def test_chinese_country_jieba_calls_a_person_is_a_place() -> None:
    # jieba's dictionary tags 乌克兰 nr (person).
    found = tag_chinese("乌克兰的粮食出口恢复了。")
    assert ("LOC", "乌克兰") in _names(found)
    assert not any(f.type == "PER" for f in found)


def test_chinese_organisations_by_suffix_and_abbreviation() -> None:
    names = _names(
        tag_chinese("联合国粮食及农业组织与北约秘书处分别发表声明，中国外交部作出回应。")
    )
    assert ("ORG", "北约") in names
    assert ("ORG", "中国外交部") in names
    assert any(t == "ORG" and n.endswith("农业组织") for t, n in names)


def test_traditional_paragraph_is_tagged_in_simplified_with_aligned_offsets() -> None:
    text = "烏克蘭外長庫列巴在日內瓦說，談判沒有進展。"
    para = Paragraph(
        text=text, lang="zh", script="Hant", simplified="乌克兰外长库列巴在日内瓦说，谈判没有进展。"
    )
    doc = Document(id="t", source="t", kind="text", encoding="utf-8", paragraphs=[para])
    doc = EntityTagger(Settings())(doc)
    got = {(m.type, m.name, text[m.start : m.end]) for m in doc.mentions}
    assert ("LOC", "乌克兰", "烏克蘭") in got
    assert ("LOC", "日内瓦", "日內瓦") in got
    assert ("PER", "库列巴", "庫列巴") in got


def test_stage_tags_titles_and_content_but_not_boilerplate() -> None:
    paragraphs = [
        Paragraph(text="Talks in Lisbon end without a deal", role="title", lang="en"),
        Paragraph(text="Peter Hansen arrived in Lisbon on Monday.", lang="en"),
        Paragraph(text="Follow Peter Hansen on social media", lang="en", boilerplate=True),
    ]
    doc = Document(id="t", source="t", kind="text", encoding="utf-8", paragraphs=paragraphs)
    doc = EntityTagger(Settings())(doc)
    assert {(m.paragraph, m.name) for m in doc.mentions} == {
        (0, "Lisbon"),
        (1, "Peter Hansen"),
        (1, "Lisbon"),
    }
    assert all(m.lang == "en" for m in doc.mentions)


def test_fallback_tags_latin_script_only() -> None:
    texts = ["Le ministre Pierre Dubois est arrivé à Marseille.", "สวัสดีครับ กรุงเทพ"]
    found = tag_texts(texts, "fr")
    assert any(f.name == "Pierre Dubois" for f in found[0])
    assert found[1] == []
    assert tag_texts(texts, "fr", fallback="none") == [[], []]


def test_unknown_fallback_setting_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="ner_fallback"):
        EntityTagger(Settings({"extract": {"ner_fallback": "guess"}}))
