"""Relations between texts: find candidates through indexes, verify each, store the verified.

For every language view of every new document, candidates come from

* the MinHash LSH index over shingles (same-language near copies),
* the mean-vector index (the nearest views in any language), and
* the document's own other views (a bilingual page holds its translation).

Each candidate pair is verified directly (:mod:`newsloom.relate.dedup` for
``duplicate``/``contains``, :mod:`newsloom.relate.translation` for
``translation_of``, :mod:`newsloom.relate.direction` for which side is the
original); nothing is inferred by transitivity.  One redundancy is removed:
when two texts are copies (duplicate or contains) and both translate the same
third text, only the better-placed translation is reported (the pair inside
one page, else the higher coverage, else the closer size): the copy relation
already links the other.

Example:
    >>> finder = RelationFinder(Settings())
    >>> relations = finder.find(new_docs, store)  # also stored with put_relations
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from newsloom.errors import ConfigError
from newsloom.model import Document, Relation
from newsloom.relate.candidates import VectorIndex
from newsloom.relate.dedup import ShingleIndex, classify
from newsloom.relate.direction import decide
from newsloom.relate.texts import Text, texts_of
from newsloom.relate.translation import is_translation, sentence_coverage
from newsloom.settings import Settings
from newsloom.store.base import Store

_COPY = ("duplicate", "contains")


class RelationFinder:
    """Indexes of every text seen so far, and the checks that turn candidates into relations.

    Built once from settings; the indexes are filled from the store on the
    first :meth:`find` and then kept up to date with each batch, so a
    long-running worker does not reread the store per document.
    """

    def __init__(self, settings: Settings) -> None:
        cfg = settings["relate"]
        for key in (
            "lsh_threshold", "duplicate_jaccard", "contains_share", "neighbour_min_cos",
            "sentence_min_cos", "translation_coverage", "translation_min_size_ratio",
        ):  # fmt: skip
            if not 0.0 < cfg[key] <= 1.0:
                raise ConfigError("NL150", "settings", key=key, low=0, high=1, value=cfg[key])
        for key in (
            "shingle_words", "shingle_chars", "minhash_perm", "neighbours", "contains_growth",
        ):  # fmt: skip
            if cfg[key] < 1:
                raise ConfigError("NL150", "settings", key=key, low=1, high="any", value=cfg[key])
        self.cfg = cfg
        self.shingles = ShingleIndex(cfg["lsh_threshold"], cfg["minhash_perm"])
        self.vectors: VectorIndex | None = None
        self._loaded = False

    # -- indexes ----------------------------------------------------------------

    def _texts(self, doc: Document) -> list[Text]:
        return texts_of(doc, self.cfg["shingle_words"], self.cfg["shingle_chars"])

    def _index(self, texts: list[Text]) -> None:
        for text in texts:
            self.shingles.add(text.key, text.shingles)
        with_mean = [t for t in texts if t.mean is not None]
        if not with_mean:
            return
        if self.vectors is None:
            self.vectors = VectorIndex(len(with_mean[0].mean), self.cfg["exact_index_max"])
        self.vectors.add_many([t.key for t in with_mean], np.vstack([t.mean for t in with_mean]))

    def _load(self, store: Store, skip: set[str]) -> None:
        """Index every stored text once (new documents are indexed by ``find`` itself)."""
        if self._loaded:
            return
        for doc in store.iter_documents():
            if doc.id not in skip:
                self._index(self._texts(doc))
        self._loaded = True

    # -- finding ----------------------------------------------------------------

    def find(self, new_docs: Iterable[Document], store: Store) -> list[Relation]:
        """Relations of the new documents' texts with each other and with the store's.

        The relations are stored (``store.put_relations``) and returned.
        """
        new_docs = list(new_docs)
        docs = {d.id: d for d in new_docs}
        self._load(store, set(docs))
        texts = {t.key: t for d in new_docs for t in self._texts(d)}
        self._index(list(texts.values()))

        def text_of(key: str) -> Text | None:
            if key not in texts:
                doc_id = key.rsplit("#", 1)[0]
                if doc_id not in docs:
                    docs[doc_id] = store.get(doc_id)
                for t in self._texts(docs[doc_id]):
                    texts[t.key] = t
            return texts.get(key)

        near = self._near([texts[k] for d in new_docs for k in self._keys(d)])
        found: list[Relation] = []
        checked: set[tuple[str, str]] = set()
        for doc in new_docs:
            siblings = self._keys(doc)
            for key in siblings:
                text = texts[key]
                candidates = set(self.shingles.query(text.shingles)) | near.get(key, set())
                for other_key in sorted(candidates | set(siblings)):
                    pair = (min(key, other_key), max(key, other_key))
                    if other_key == key or pair in checked:
                        continue
                    checked.add(pair)
                    other = text_of(other_key)
                    relation = None if other is None else self._verify(text, other, docs)
                    if relation is not None:
                        found.append(relation)
        relations = self._drop_redundant(found, store)
        store.put_relations(relations)
        return relations

    @staticmethod
    def _keys(doc: Document) -> list[str]:
        return [f"{doc.id}#{lang}" for lang in doc.views()]

    def _near(self, texts: list[Text]) -> dict[str, set[str]]:
        """Keys of the views nearest each text by mean vector, searched as one batch."""
        with_mean = [t for t in texts if t.mean is not None]
        if self.vectors is None or not with_mean:
            return {}
        rows = self.vectors.search_many(
            np.vstack([t.mean for t in with_mean]),
            self.cfg["neighbours"] + 1,
            self.cfg["neighbour_min_cos"],
        )
        return {t.key: {k for k, _ in row} for t, row in zip(with_mean, rows, strict=True)}

    def _verify(self, a: Text, b: Text, docs: dict[str, Document]) -> Relation | None:
        cfg = self.cfg
        if a.lang == b.lang:
            if a.doc_id == b.doc_id:
                return None
            return classify(
                a, b, cfg["duplicate_jaccard"], cfg["contains_share"], cfg["contains_growth"]
            )
        cover = sentence_coverage(a, b, cfg["sentence_min_cos"])
        if cover is None or not is_translation(
            cover,
            cfg["translation_coverage"],
            cfg["translation_min_size_ratio"],
            cfg["translation_min_anchors"],
        ):
            return None
        verdict = decide(
            docs[a.doc_id], a.lang, docs[b.doc_id], b.lang,
            layout=cfg["layout_direction"], min_cos=cfg["sentence_min_cos"],
        )  # fmt: skip
        evidence = cover.evidence()
        if verdict.original is None:
            swap = b.key < a.key
            direction = "unknown"
        else:
            # a is the translation, b the original: "b_lang->a_lang".
            swap = a.lang == verdict.original
            direction = f"{verdict.original}->{b.lang if swap else a.lang}"
            evidence |= {"direction_rule": verdict.rule, "direction_detail": verdict.detail}
        if swap:  # evidence lists (a, b) in relation order
            a, b = b, a
            evidence["covered"] = evidence["covered"][::-1]  # type: ignore[index]
            evidence["sentences"] = evidence["sentences"][::-1]  # type: ignore[index]
        return Relation(
            a.doc_id, a.lang, b.doc_id, b.lang, "translation_of",
            round(cover.coverage, 4), direction, evidence,
        )  # fmt: skip

    def _drop_redundant(self, relations: list[Relation], store: Store) -> list[Relation]:
        """Drop a translation of a copy when the copied text's own translation is better placed."""
        doc_ids = {r.a for r in relations} | {r.b for r in relations}
        known = {r.key: r for d in sorted(doc_ids) for r in store.relations(d)}
        known.update({r.key: r for r in relations})
        copies: dict[str, set[str]] = {}
        translations: dict[frozenset[str], Relation] = {}
        for r in known.values():
            ka, kb = f"{r.a}#{r.a_lang}", f"{r.b}#{r.b_lang}"
            if r.type in _COPY:
                copies.setdefault(ka, set()).add(kb)
                copies.setdefault(kb, set()).add(ka)
            else:
                translations[frozenset((ka, kb))] = r

        def rank(r: Relation) -> tuple[bool, float, float, str]:
            # Inside one page first, then the fuller match, then the closer size.
            ratio = r.evidence.get("size_ratio", 0.0)
            return (r.a == r.b, r.score, float(ratio), "|".join(r.key))  # type: ignore[arg-type]

        keep = []
        for r in relations:
            ka, kb = f"{r.a}#{r.a_lang}", f"{r.b}#{r.b_lang}"
            if r.type == "translation_of" and any(
                (better := translations.get(frozenset((copy, far)))) is not None
                and rank(better) > rank(r)
                for near, far in ((ka, kb), (kb, ka))
                for copy in copies.get(near, ())
            ):
                continue
            keep.append(r)
        return keep


def find_relations(new_docs: list[Document], store: Store, settings: Settings) -> list[Relation]:
    """One-shot form of :meth:`RelationFinder.find` (builds the indexes from the store)."""
    return RelationFinder(settings).find(new_docs, store)
