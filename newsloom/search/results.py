"""What a search shows for each hit: where it is, the best sentence, its context, highlights.

The store ranks passages (up to three sentences); the row names one sentence:
the one holding most of the query's words and names, ties (and passages the
keyword side did not find) broken by the cosine of its stored sentence vector
to the query. Offsets in ``sentence_span`` and ``highlights`` are characters
into ``passage``, the sentence with ``context`` sentences either side of it
from the same paragraph, so a client can mark them without searching again.
"""

from __future__ import annotations

import numpy as np

from newsloom.model import Document, Paragraph
from newsloom.search.hybrid import Fused, contains, matched_groups
from newsloom.search.passages import sentence_spans
from newsloom.search.query import Query
from newsloom.search.tokens import Token, grams, words
from newsloom.store.base import Phrase, Store


def _matches(text: str, lang: str | None, phrases: list[Phrase]) -> tuple[set[Phrase], list]:
    """The phrases ``text`` holds and the character spans of their occurrences."""
    tokens: dict[str, list[Token]] = {"words": words(text, lang), "grams": grams(text)}
    terms = {field: [t.term for t in toks] for field, toks in tokens.items()}
    found: set[Phrase] = set()
    spans: list[tuple[int, int]] = []
    for field, phrase in phrases:
        toks, seq, n = tokens[field], terms[field], len(phrase)
        if not contains(seq, phrase):
            continue
        found.add((field, phrase))
        for i in range(len(seq) - n + 1):
            if tuple(seq[i : i + n]) == phrase:
                spans.append((toks[i].start, toks[i + n - 1].end))
    return found, spans


def _merge(spans: list[tuple[int, int]]) -> list[list[int]]:
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out


def _best_sentence(
    p: Paragraph, first: int, last: int, query: Query, vector: np.ndarray | None
) -> tuple[int, dict[int, tuple[set[Phrase], list]]]:
    spans = sentence_spans(p)
    found = {s: _matches(p.text[spans[s][0] : spans[s][1]], p.lang, query.phrases)
             for s in range(first, last)}  # fmt: skip
    sims = (
        p.vectors @ vector
        if vector is not None and p.vectors is not None and len(p.vectors) == len(spans)
        else np.zeros(len(spans))
    )
    best = max(
        range(first, last),
        key=lambda s: (len(matched_groups(query.groups, frozenset(found[s][0]))), sims[s], -s),
    )
    return best, found


def result_row(
    doc: Document, f: Fused, query: Query, vector: np.ndarray | None, context: int, rank: int
) -> dict[str, object]:
    """The JSON row of one fused hit (see the module docstring for the offsets)."""
    p = doc.paragraphs[f.hit.paragraph]
    spans = sentence_spans(p)
    first = min(f.hit.first, len(spans) - 1)
    last = min(first + f.hit.count, len(spans))
    best, found = _best_sentence(p, first, last, query, vector)
    lo, hi = max(0, best - context), min(len(spans) - 1, best + context)
    base = spans[lo][0]
    marks: list[tuple[int, int]] = []
    held: set[Phrase] = set()
    for s in range(lo, hi + 1):
        phrases, where = found[s] if s in found else _matches(
            p.text[spans[s][0] : spans[s][1]], p.lang, query.phrases
        )
        held |= phrases
        marks.extend((a + spans[s][0] - base, b + spans[s][0] - base) for a, b in where)
    return {
        "rank": rank,
        "score": round(f.score, 6),
        "doc": doc.id,
        "lang": p.lang,
        "paragraph": f.hit.paragraph,
        "sentence": best,
        "source": doc.source,
        "title": doc.meta.title,
        "outlet": doc.meta.outlet,
        "published": doc.meta.published,
        "text": p.text[spans[best][0] : spans[best][1]],
        "passage": p.text[base : spans[hi][1]],
        "sentence_span": [spans[best][0] - base, spans[best][1] - base],
        "highlights": _merge(marks),
        "matched": matched_groups(query.groups, frozenset(held | f.found)),
        "keyword_rank": f.keyword_rank,
        "semantic_rank": f.semantic_rank,
        "cosine": None if f.cosine is None else round(f.cosine, 4),
        "coverage": round(f.coverage, 4),
    }


def result_rows(
    store: Store,
    fused: list[Fused],
    query: Query,
    vector: np.ndarray | None,
    context: int,
    first_rank: int = 1,
) -> list[dict[str, object]]:
    """Rows for ``fused`` hits, each document read from the store once."""
    docs: dict[str, Document] = {}
    rows = []
    for i, f in enumerate(fused):
        doc = docs.get(f.hit.doc_id) or docs.setdefault(f.hit.doc_id, store.get(f.hit.doc_id))
        rows.append(result_row(doc, f, query, vector, context, first_rank + i))
    return rows
