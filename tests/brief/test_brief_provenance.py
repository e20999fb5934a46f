"""Text kinds and the machine-translation rules on small hand-built documents."""

from __future__ import annotations

from newsloom.model import Document, Metadata, Paragraph, Relation
from newsloom.relate.provenance import machine_translation, text_kinds


def page(doc_id: str, blocks: list[tuple[str, list[str]]], **meta: object) -> Document:
    """A document whose content is ``blocks`` of (language, paragraphs) in order."""
    paragraphs = [Paragraph(text, lang=lang) for lang, texts in blocks for text in texts]
    langs = list(dict.fromkeys(lang for lang, _ in blocks))
    layout = "blocks" if len(langs) > 1 else "monolingual"
    return Document(doc_id, f"{doc_id}.txt", "text", "utf-8", paragraphs, Metadata(**meta),
                    langs, layout)  # fmt: skip


ZH = ("zh", ["美国和俄罗斯官员周一举行了会谈。", "双方没有取得进展。"])
EN = ("en", ["U.S. and Russian officials held talks Monday.", "The sides made no progress."])


def test_uncredited_translation_before_its_original_is_called_machine_weakly():
    doc = page("p", [ZH, EN])
    verdict = machine_translation(doc, "zh", doc, "en")
    assert (verdict.machine, verdict.rule, verdict.strength) == (
        True, "uncredited_leading_block", "weak",
    )  # fmt: skip


def test_a_translator_credit_makes_it_human():
    doc = page("p", [ZH, EN], translator="Li Ming")
    verdict = machine_translation(doc, "zh", doc, "en")
    assert (verdict.machine, verdict.rule) == (False, "translator_credit")
    credited = page("q", [("en", ["Translated from Russian by Anna Gopp.", *EN[1]]), EN])
    assert machine_translation(credited, "en", credited, "en").rule == "translator_credit"


def test_an_explicit_note_decides_even_when_it_looks_like_a_credit():
    for note in ("本文由机器翻译生成。", "Translated by Google Translate", "Машинный перевод"):
        doc = page("p", [ZH, EN, ("en", [note])], translator="Google Translate")
        verdict = machine_translation(doc, "zh", doc, "en")
        assert (verdict.machine, verdict.rule, verdict.strength) == (True, "mt_note", "strong")


def test_no_sign_either_way_stays_undecided():
    doc = page("p", [EN, ZH])  # the translation follows its original
    assert machine_translation(doc, "zh", doc, "en").machine is None
    a, b = page("a", [ZH]), page("b", [EN])  # separate documents, no credit
    assert machine_translation(a, "zh", b, "en").machine is None


def test_text_kinds_copies_translations_and_unknown_direction():
    bilingual = page("bi", [ZH, EN])
    copy = page("cp", [EN], published="2022-01-01")  # earlier, but the pair's text wins
    ru, en = page("ru", [("ru", ["Переговоры прошли в понедельник."])]), page("en", [EN])
    solo = page("solo", [("fr", ["Un autre article."])])
    docs = {d.id: d for d in (bilingual, copy, ru, en, solo)}
    relations = [
        Relation("bi", "zh", "bi", "en", "translation_of", 0.9, "en->zh",
                 {"direction_rule": "layout_order"}),
        Relation("cp", "en", "bi", "en", "duplicate", 1.0),
        Relation("ru", "ru", "en", "en", "translation_of", 0.8, "unknown"),
    ]  # fmt: skip
    kinds = text_kinds(docs, relations)
    assert kinds["bi#zh"].kind == "machine_translation" and kinds["bi#zh"].of == "bi#en"
    assert kinds["bi#en"].kind == "original"
    assert (kinds["cp#en"].kind, kinds["cp#en"].of) == ("duplicate", "bi#en")
    assert kinds["ru#ru"].kind == kinds["en#en"].kind == "unknown"
    assert kinds["solo#fr"].kind == "original"
    assert all(k.reasons for k in kinds.values())


def test_contained_text_is_the_duplicate():
    long = page("long", [("en", [*EN[1], "A third paragraph that only the long text has."])])
    short = page("short", [EN])
    kinds = text_kinds(
        {"long": long, "short": short},
        [Relation("long", "en", "short", "en", "contains", 0.95)],
    )
    assert (kinds["short#en"].kind, kinds["short#en"].of) == ("duplicate", "long#en")
    assert kinds["long#en"].kind == "original"
