"""Russian names with natasha (slovnet's news NER and morphology), normalised to the nominative.

natasha's ``Doc`` way (segment, tag names, tag morphology of every sentence, one
paragraph at a time) spends most of its time on numpy calls over one short
sequence at a time. The same models are run here over all the paragraphs of a
document at once: names for every paragraph in one batched call (sequences sorted
by length, so little padding), and the morphology, which only the normalisation
of names needs, only for the sentences that hold a name, again in one call.
The sequences each model sees are the ones natasha gives it, so the names and
their forms are natasha's.

Normalisation: organisations and places are inflected only up to their head
noun (see :func:`_russian_normal`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from newsloom.errors import ModelError
from newsloom.extract.ner_zh import Found


@lru_cache(maxsize=1)
def natasha_models() -> tuple[Any, Any, Any, Any]:
    """natasha's segmenter, morphology tagger, news NER tagger and ``MorphVocab``, loaded once."""
    try:
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

        emb = NewsEmbedding()
        return Segmenter(), NewsMorphTagger(emb), NewsNERTagger(emb), MorphVocab()
    except (ImportError, OSError, ValueError) as exc:
        raise ModelError("NL401", None, name="natasha", detail=exc) from None


def _by_length(items: Sequence[Any], size: Any, run: Any, batch: int = 32) -> list[Any]:
    """``run`` over ``items`` in batches of similar length; results in the input order."""
    order = sorted(range(len(items)), key=lambda i: size(items[i]))
    out: list[Any] = [None] * len(items)
    for k in range(0, len(order), batch):
        chunk = order[k : k + batch]
        for i, result in zip(chunk, run([items[i] for i in chunk]), strict=True):
            out[i] = result
    return out


def tag_russian(texts: list[str]) -> list[list[Found]]:
    """Names in each Russian text with natasha, normalised to the nominative.

    Example:
        >>> [f.name for f in tag_russian(["Встреча с Сергеем Рябковым прошла в Женеве."])[0]]
        ['Сергей Рябков', 'Женева']
    """
    from natasha import Doc

    segmenter, morph, ner, vocab = natasha_models()
    markups = _by_length(texts, len, lambda chunk: ner.infer(chunk))
    docs: list[Any] = []
    sentences: list[Any] = []
    for text, markup in zip(texts, markups, strict=True):
        if not markup.spans or not text.strip():
            docs.append(None)
            continue
        doc = Doc(text)
        doc.segment(segmenter)
        doc.spans = [_span(text, s) for s in markup.spans]
        doc.envelop_span_tokens()
        doc.envelop_sent_spans()
        docs.append(doc)
        sentences.extend(s for s in doc.sents if s.spans)
    words = [[t.text for t in s.tokens] for s in sentences]
    for sent, tagged in zip(sentences, _by_length(words, len, morph.infer), strict=True):
        for token, form in zip(sent.tokens, tagged.tokens, strict=True):
            token.pos, token.feats = form.pos, form.feats
    out: list[list[Found]] = []
    for doc in docs:
        found: list[Found] = []
        for span in doc.spans if doc else []:
            kind, name = _russian_normal(span, vocab)
            found.append(Found(span.start, span.stop, kind, name))
        out.append(found)
    return out


def _span(text: str, span: Any) -> Any:
    from natasha.doc import DocSpan

    return DocSpan(span.start, span.stop, span.type, text[span.start : span.stop])


_RU_IA = re.compile(r"^[А-ЯЁ][а-яё]+(ия|ии|ию|ией)$")


def _russian_normal(span: Any, vocab: Any) -> tuple[str, str]:
    """The type and nominative name of a natasha span.

    Organisations and places are inflected only up to their head noun: the
    words after it are a genitive or prepositional phrase that keeps its case
    (Лессоварского института водного хозяйства -> Лессоварский институт
    водного хозяйства). natasha would need its syntax parser to know that.
    A lone word in -ия/-ии/-ию/-ией tagged as a person is a place (Селории):
    news names people by surname or full name, and surnames do not end so.
    Unknown words in -ии are ambiguous between -ий and -ия; places are
    almost all -ия (Германии, Италии), so a one-word place gets -ия.
    """
    from natasha.norm import normalize

    kind, tokens = span.type, span.tokens
    single = _RU_IA.match(span.text)
    if kind == "PER" and single:
        return "LOC", span.text[: single.start(1)] + "ия"
    if kind in ("ORG", "LOC"):
        head = next(
            (k for k, t in enumerate(tokens) if t.pos in ("NOUN", "PROPN")), len(tokens) - 1
        )
        name = normalize(vocab, tokens[: head + 1])
        if head + 1 < len(tokens):
            name += span.text[tokens[head].stop - span.start : tokens[-1].stop - span.start]
    else:
        name = normalize(vocab, tokens)
    if kind == "LOC" and single:
        name = span.text[: single.start(1)] + "ия"
    return kind, name
