"""Who said what: direct quotes in every quotation style and reported speech.

Per paragraph:

* English: spaCy's dependency parse of the sentences that could hold an
  attribution (:mod:`newsloom.extract.quotes_en`): the subject of a reporting verb
  is the source, its clausal complement the content;
* other languages: rules, no parser: direct quotes with the cue beside them
  (:mod:`newsloom.extract.quotes_direct`) and reported speech
  (:mod:`newsloom.extract.quotes_reported`).

The source is a span of text; the ``extract.quotes`` stage turns it into a mention:
the mention at the source's head word where the parse gives one, else the PER (else
ORG) mention inside it, a pronoun or bare surname resolved to the most recent person
named before. Quotes across documents and languages are merged by
:func:`merge_quotes` (:mod:`newsloom.extract.quotes_merge`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, ClassVar

from newsloom.extract import quotes_en
from newsloom.extract.quotes_direct import Attribution, direct_quotes, quotations, size
from newsloom.extract.quotes_merge import QuoteGroup, Rendering, merge_quotes, speaker_key
from newsloom.extract.quotes_reported import reported
from newsloom.model import Document, Quote
from newsloom.pipeline import stage
from newsloom.settings import Settings

__all__ = [
    "Attribution",
    "QuoteGroup",
    "QuoteStage",
    "Rendering",
    "find_attributions",
    "merge_quotes",
    "parse_paragraphs",
    "quotes_of",
    "speaker_key",
]

_PRONOUNS = re.compile(
    r"^(?:he|she|they|il|elle|он|она|они|他|她|他们|她们|他們|她們)$", re.IGNORECASE
)
Parsed = Sequence[tuple[int, Any]]
"""The parsed sentences of an English paragraph: (start offset, spaCy ``Doc``)."""


def parse_paragraphs(
    texts: Sequence[str], sentences: Sequence[Sequence[tuple[int, int]]], lang: str
) -> list[Parsed | None]:
    """The parses :func:`find_attributions` needs for the paragraphs of one language,
    made in one batch (English); None for languages read by rules alone."""
    if lang != "en":
        return [None] * len(texts)
    return list(quotes_en.parse_sentences(texts, sentences))


def find_attributions(
    text: str,
    lang: str,
    sentences: Sequence[tuple[int, int]] = (),
    parsed: Parsed | None = None,
) -> list[Attribution]:
    """Direct and indirect quotes of one paragraph in language ``lang``.

    ``sentences`` are the paragraph's sentence spans (``Paragraph.sentences``); without
    them a full stop before a space ends a sentence. ``parsed``: the paragraph's entry
    of :func:`parse_paragraphs` (English); parsed here when not given.

    >>> [a.kind for a in find_attributions('"We will stay," she said.', "en")]
    ['direct']
    """
    if lang == "en":
        if not sentences:
            from newsloom.lang.sentences import split_sentences

            sentences = split_sentences(text, "en")
        if parsed is None:
            parsed = quotes_en.parse_sentences([text], [sentences])[0]
        return quotes_en.paragraph_attributions(text, sentences, parsed)
    quotes = quotations(text)
    out = direct_quotes(text, lang, sentences, quotes)
    used = {a.cue_span for a in out if a.cue_span}
    indirect = reported(text, lang, quotes, used, sentences)
    # A short quotation inside reported speech is part of it ("a "frank" tone").
    out = [
        a
        for a in out
        if size(text[a.start : a.end]) >= 3
        and not any(b.start <= a.start and a.end <= b.end + 1 for b in indirect)
    ]
    return sorted(out + indirect, key=lambda a: a.start)


# ---------------------------------------------------------------- speakers


def _speaker(doc: Document, index: int, att: Attribution, previous: int | None) -> int | None:
    """The mention that speaks.

    The last PER (else ORG) mention in the source words; else the first PER mention
    in the wider stretch (a name before its apposition); else, for a pronoun, the
    speaker of the previous quote or the most recent person named before; else a
    bare surname of a person named before.
    """
    if att.source is None:
        return None
    p = doc.paragraphs[index]

    def inside(span: tuple[int, int] | None) -> list[int]:
        if span is None:
            return []
        return [
            k
            for k, mn in enumerate(doc.mentions)
            if mn.paragraph == index and mn.start < span[1] and span[0] < mn.end
        ]

    narrow, wide = inside(att.source), inside(att.context)
    for kind in ("PER", "ORG"):
        hits = [k for k in narrow if doc.mentions[k].type == kind]
        if hits:
            return _full_name(doc, hits[-1]) if kind == "PER" else hits[-1]
    for kind in ("PER", "ORG"):
        hits = [k for k in wide if doc.mentions[k].type == kind]
        if hits:
            return _full_name(doc, hits[0]) if kind == "PER" else hits[0]
    words = p.text[att.source[0] : att.source[1]]
    tokens = [w.strip(",.") for w in words.split()] or [words]
    if any(_PRONOUNS.match(w) for w in tokens[-2:]) or (
        p.lang == "zh" and re.search(r"他|她", words)
    ):
        return previous if previous is not None else _latest_person(doc, index, att.start)
    if att.context is not None:
        tokens += [w.strip(",.") for w in p.text[att.context[0] : att.context[1]].split()]
    return _surname(doc, index, att.start, tokens)


def _surname(doc: Document, index: int, pos: int, tokens: list[str]) -> int | None:
    """A surname the tagger missed (``Elling said``): the latest person it ends the name of."""
    best: int | None = None
    lang = doc.paragraphs[index].lang
    for k, mn in enumerate(doc.mentions):
        if mn.type != "PER" or mn.lang != lang or (mn.paragraph, mn.start) >= (index, pos):
            continue
        if re.split(r"[\s·]", mn.name.strip())[-1] in tokens:
            best = k
    return _full_name(doc, best) if best is not None else None


def _latest_person(doc: Document, index: int, pos: int) -> int | None:
    """The last PER mention before ``pos`` in paragraph ``index`` or an earlier paragraph
    of the same language."""
    lang = doc.paragraphs[index].lang
    best: int | None = None
    for k, mn in enumerate(doc.mentions):
        if mn.type != "PER" or doc.paragraphs[mn.paragraph].lang != lang:
            continue
        before = mn.paragraph < index or (mn.paragraph == index and mn.start < pos)
        if before and (
            best is None
            or (mn.paragraph, mn.start) > (doc.mentions[best].paragraph, doc.mentions[best].start)
        ):
            best = k
    return _full_name(doc, best) if best is not None else None


def _full_name(doc: Document, k: int) -> int:
    """A bare surname's earlier full-name mention (``Ryabkov`` → ``Sergey Ryabkov``)."""
    mn = doc.mentions[k]
    if mn.entity or " " in mn.name.strip() or "·" in mn.name:
        return k
    for j in range(k):
        other = doc.mentions[j]
        if other.type == "PER" and other.lang == mn.lang and other.name != mn.name:
            tail = re.split(r"[\s·]", other.name.strip())[-1]
            if tail == mn.name:
                return j
    return k


def quotes_of(doc: Document) -> list[Quote]:
    """The quotes of a document's content paragraphs, speakers resolved to mentions."""
    out: list[Quote] = []
    # Per language: the last speaker and the paragraph of that quote.
    last: dict[str, tuple[int | None, int]] = {}
    content = [i for i, p in enumerate(doc.paragraphs) if p.is_content and p.lang]
    parses: dict[int, Parsed | None] = {}
    for lang in {doc.paragraphs[i].lang for i in content}:
        mine = [i for i in content if doc.paragraphs[i].lang == lang]
        texts = [doc.paragraphs[i].text for i in mine]
        sentences = [doc.paragraphs[i].sentences for i in mine]
        parses.update(zip(mine, parse_paragraphs(texts, sentences, str(lang)), strict=True))
    for i in content:
        p = doc.paragraphs[i]
        assert p.lang is not None
        for att in find_attributions(p.text, p.lang, p.sentences, parses[i]):
            previous, where = last.get(p.lang, (None, -1))
            # A pronoun follows the speaker of the paragraph's previous quote; across
            # paragraphs, the person named last.
            speaker = (
                _speaker(doc, i, att, previous if where == i else None) if att.cue else previous
            )
            if att.cue is not None and (speaker is not None or att.source is not None):
                last[p.lang] = (speaker, i)
            out.append(Quote(i, att.start, att.end, att.kind, p.lang, att.cue, speaker))
    return out


@stage
class QuoteStage:
    """``extract.quotes``: fill ``Document.quotes`` from the text and the mentions."""

    name: ClassVar[str] = "extract.quotes"
    version: ClassVar[str] = "1"
    requires: ClassVar[tuple[str, ...]] = ("extract.entities",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        doc.quotes = quotes_of(doc)
        return doc
