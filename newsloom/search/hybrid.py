"""The two rankings of a search and how they are fused into one.

**Keyword side.** The store ranks passages by BM25 over the query's phrases. A
phrase found in very many passages (``said``, ``的``, ``Russia`` in a Russia-heavy
collection) would make the store score hundreds of thousands of rows (FTS5 pays
~3 us a matching row: 0.7 s for a term in a third of a million passages), so
phrases are taken rarest first until together they match ``max_rows`` passages;
the rest only add their IDF to the passages that hold them (Elasticsearch's
"common terms" idea). Each hit's *coverage* is the IDF-weighted share of the
query's groups it holds: 1.0 when it has every word (or name) of the query.

**Semantic side.** The query's USE vector against the passage vectors (the
store's ANN index), hits below ``min_cosine`` dropped.

**Fusion: weighted reciprocal rank fusion** (Cormack, Clarke & Buettcher 2009)::

    score(p) = keyword_weight * coverage(p) ** power / (k + keyword_rank(p))
             + semantic_weight / (k + semantic_rank(p))

Why ranks and not scores: BM25 is unbounded and its scale moves with the query's
length and the collection's statistics, while USE cosines sit in a narrow band
(0.2-0.9) that shifts with the language pair; a linear mix of the two would need
per-query calibration and labelled data to fit it, which we do not have. RRF
needs neither, is robust across query types (measured on Tatoeba and the seeds:
docs/benchmarks.md, "Search"), and a passage that both sides rank well rises
above one that only one side likes. Why the coverage factor: in a query in one
language against text in another, the keyword side's hits often share only a
number or a Latin name with the query (``Tom`` in a Chinese sentence), and plain
RRF would give such a hit the same credit as an exact match. RRF is flat at the
top (ranks 1 and 2 differ by 1/61 - 1/62), so even a small share of credit
reorders close semantic calls: on Tatoeba, English queries against Italian
sentences, the keyword side weighted by coverage cost 8.0 points of P@1 against
semantic-only, by coverage squared 1.2, by coverage cubed 0.1 (plain RRF, English
against Arabic: 11 points). The power (3) was chosen on one half of the
Tatoeba languages (ara deu ita kor); docs/benchmarks.md reports all. A hit that
holds every word and name of the query keeps full credit at any power.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from newsloom.search.query import Group, Query
from newsloom.store.base import PassageHit, Phrase, SearchFilters, Store

Key = tuple[str, int, int]
"""A passage: (document id, paragraph index, first sentence index)."""


def key_of(hit: PassageHit) -> Key:
    return (hit.doc_id, hit.paragraph, hit.first)


def contains(terms: list[str], phrase: tuple[str, ...]) -> bool:
    """True when ``phrase`` occurs as consecutive terms in ``terms``."""
    n = len(phrase)
    if n == 1:
        return phrase[0] in terms
    return any(terms[i : i + n] == list(phrase) for i in range(len(terms) - n + 1))


def present(hit: PassageHit, phrases: list[Phrase]) -> set[Phrase]:
    """The phrases the passage holds."""
    fields = {"words": hit.words.split(), "grams": hit.grams.split()}
    return {p for p in phrases if contains(fields[p[0]], p[1])}


@dataclass
class KeywordHit:
    hit: PassageHit
    score: float
    coverage: float
    found: set[Phrase]


def keyword_hits(
    store: Store, query: Query, filters: SearchFilters, limit: int, max_rows: int
) -> list[KeywordHit]:
    """Keyword candidates, best first, with the share of the query each holds."""
    phrases = query.phrases
    if not phrases:
        return []
    total, counts = store.term_counts({(f, t) for f, terms in phrases for t in terms})
    df = {p: min(counts.get((p[0], t), 0) for t in p[1]) for p in phrases}
    live = sorted((p for p in phrases if df[p]), key=lambda p: (df[p], p))
    selected: list[Phrase] = []
    rows = 0
    for p in live:
        if selected and rows + df[p] > max_rows:
            break
        selected.append(p)
        rows += df[p]
    common = live[len(selected) :]

    def idf(n: float) -> float:
        return math.log(1.0 + total / max(n, 0.5))

    weights = [idf(min(total, sum(df[p] for p in g.phrases))) for g in query.groups]
    out = []
    for hit in store.keyword_search(selected, filters, limit, max_rows):
        found = present(hit, phrases)
        had = sum(w for g, w in zip(query.groups, weights, strict=True) if g.phrases & found)
        bonus = sum(idf(df[p]) for p in common if p in found)
        out.append(KeywordHit(hit, hit.score + bonus, had / sum(weights), found))
    out.sort(key=lambda k: (-k.score, key_of(k.hit)))
    return out


def semantic_hits(
    store: Store, vector: np.ndarray, filters: SearchFilters, limit: int, min_cosine: float
) -> list[PassageHit]:
    """Passages nearest the query vector, best first, none below ``min_cosine``."""
    return [h for h in store.vector_search(vector, filters, limit) if h.score >= min_cosine]


@dataclass
class Fused:
    """One passage of the fused ranking and what each side said about it."""

    hit: PassageHit
    score: float = 0.0
    keyword_rank: int | None = None
    semantic_rank: int | None = None
    cosine: float | None = None
    coverage: float = 0.0
    found: frozenset[Phrase] = frozenset()


def fuse(
    keyword: list[KeywordHit],
    semantic: list[PassageHit],
    k: float = 60.0,
    keyword_weight: float = 1.0,
    semantic_weight: float = 1.0,
    power: float = 3.0,
) -> list[Fused]:
    """Weighted reciprocal rank fusion (see the module docstring), best first.

    With no semantic hits the keyword ranking stands as it is (coverage only weighs
    one side's hits against the other's).
    """
    fused: dict[Key, Fused] = {}
    for rank, kw in enumerate(keyword, 1):
        f = fused.setdefault(key_of(kw.hit), Fused(kw.hit))
        f.keyword_rank, f.coverage, f.found = rank, kw.coverage, frozenset(kw.found)
        f.score += keyword_weight * (kw.coverage**power if semantic else 1.0) / (k + rank)
    for rank, hit in enumerate(semantic, 1):
        f = fused.setdefault(key_of(hit), Fused(hit))
        f.semantic_rank, f.cosine = rank, hit.score
        f.score += semantic_weight / (k + rank)
    return sorted(fused.values(), key=lambda f: (-f.score, key_of(f.hit)))


def matched_groups(groups: tuple[Group, ...], found: frozenset[Phrase]) -> list[str]:
    """The query words and names a passage holds, in query order."""
    return [g.text for g in groups if g.phrases & found]
