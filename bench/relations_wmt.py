"""Translation detection on WMT21 ru-en news: Russian sources and English references in one pile.

Every source and every reference becomes its own document (a paragraph per
segment, language known), goes through ``lang.sentences`` and
``embed.sentences``, and the relation finder runs over the whole pile.  Three
piles, precision and recall of ``translation_of`` pairs for each:

  (a) full      sources + reference A;
  (b) orphans   as (a), with one side of every other pair removed (the rest
                must not pair up with a look-alike);
  (c) two refs  sources + references A and B: a text with two translations
                must get both.

Goal: precision 1.00 and recall >= 0.995 in each.  Data is read from
../shared/benchdata (absent: the script says so and exits 0).

    .venv/bin/python bench/relations_wmt.py [--cache DIR] [--limit N]

``--cache DIR`` keeps sentence vectors between runs (an .npz per encoder),
because encoding the 5,500 sentences is most of the run on a small machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from newsloom.embed.encoder import Encoder, load_encoder
from newsloom.embed.stage import SentenceVectors
from newsloom.lang.sentences import SentenceSplitter
from newsloom.model import Document, Paragraph
from newsloom.relate.relations import RelationFinder
from newsloom.settings import Settings
from newsloom.store.sqlite import SQLiteStore

DATA = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "benchdata"
    / "wmt-news-docs-zh-ru-en"
    / "docs"
    / "wmt21.ru-en.docs.jsonl"
)


class CachedEncoder:
    """The real encoder, with vectors of texts already seen read from an .npz file."""

    def __init__(self, encoder: Encoder, path: Path) -> None:
        self.encoder, self.path, self.dim = encoder, path, encoder.dim
        self.known: dict[str, np.ndarray] = {}
        if path.exists():
            data = np.load(path, allow_pickle=False)
            self.known = dict(zip(data["texts"].tolist(), data["rows"], strict=True))

    def encode(self, texts: list[str]) -> np.ndarray:
        todo = sorted({t for t in texts if t not in self.known})
        if todo:
            self.known.update(zip(todo, self.encoder.encode(todo), strict=True))
        return np.vstack([self.known[t] for t in texts]).astype(np.float32)

    def save(self) -> None:
        texts = list(self.known)
        rows = np.vstack([self.known[t] for t in texts])
        np.savez(self.path, texts=np.array(texts), rows=rows)


def build(record: dict, side: str, settings: Settings) -> tuple[Document, list[list[str]]]:
    if side == "src":
        lang, paragraphs = record["src_lang"], record["src"]
    else:
        lang, paragraphs = record["refs"][side]["lang"], record["refs"][side]["paragraphs"]
    segments = [s.strip() for p in paragraphs for s in p if s.strip()]
    doc = Document(
        id=f"{record['doc_id']}.{side}",
        source=f"wmt21:{record['doc_id']}:{side}",
        kind="text",
        encoding="utf-8",
        paragraphs=[Paragraph(text=s, lang=lang) for s in segments],
        languages=[lang],
    )
    return doc, paragraphs


def evaluate(
    name: str, docs: list[Document], gold: set[frozenset[str]], settings: Settings
) -> None:
    store = SQLiteStore(":memory:")
    for doc in docs:
        store.add(doc)
    start = time.perf_counter()
    relations = RelationFinder(settings).find(docs, store)
    took = time.perf_counter() - start
    kinds = Counter(r.type for r in relations)
    found = {frozenset((r.a, r.b)) for r in relations if r.type == "translation_of"}
    correct = found & gold
    precision = len(correct) / len(found) if found else 1.0
    recall = len(correct) / len(gold) if gold else 1.0
    directions = Counter(r.direction for r in relations if r.type == "translation_of")
    print(
        f"{name:<9} docs {len(docs):>4}  gold {len(gold):>3}  found {len(found):>3}  "
        f"precision {precision:.3f}  recall {recall:.3f}  other {dict(kinds)}  "
        f"directions {dict(directions)}  {took:.1f}s"
    )
    for pair in sorted(found - gold, key=sorted):
        r = next(r for r in relations if frozenset((r.a, r.b)) == pair)
        print(f"  false: {sorted(pair)} {r.evidence}")
    for pair in sorted(gold - found, key=sorted):
        print(f"  missed: {sorted(pair)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="folder for cached sentence vectors")
    parser.add_argument("--limit", type=int, help="first N source documents only")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"benchmark data absent: {DATA}; skipped")
        return 0
    raw = DATA.read_bytes()
    records = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    records = records[: args.limit] if args.limit else records
    settings = Settings()
    splitter = SentenceSplitter(settings)
    encoder: Encoder = load_encoder()
    cache = None
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
        cache = CachedEncoder(encoder, args.cache / f"wmt21-{type(encoder).__name__}.npz")
        encoder = cache
    embed = SentenceVectors(settings, encoder=encoder)

    start = time.perf_counter()
    sides: dict[str, dict[str, Document]] = {"src": {}, "A": {}, "B": {}}
    for record in records:
        for side in ("src", "A", "B"):
            if side == "src" or side in record["refs"]:
                doc, _ = build(record, side, settings)
                sides[side][record["doc_id"]] = embed(splitter(doc))
    if cache is not None:
        cache.save()
    sentences = sum(
        len(p.sentences) for s in sides.values() for d in s.values() for p in d.paragraphs
    )
    print(
        f"WMT21 ru-en: {len(records)} source docs, {sentences} sentences, prepared in "
        f"{time.perf_counter() - start:.1f}s; data sha256 {hashlib.sha256(raw).hexdigest()[:12]}"
    )
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, {platform.machine()}, "
          f"encoder {type(load_encoder()).__name__}")  # fmt: skip

    src, ref_a, ref_b = sides["src"], sides["A"], sides["B"]

    def pair(doc_id: str, side: dict[str, Document]) -> frozenset[str]:
        return frozenset((src[doc_id].id, side[doc_id].id))

    ids = sorted(i for i in src if i in ref_a)
    evaluate("full", [src[i] for i in ids] + [ref_a[i] for i in ids],
             {pair(i, ref_a) for i in ids}, settings)  # fmt: skip

    # Half the pairs lose a side: the source for one half of them, the reference for the other.
    orphaned = sorted(random.Random(0).sample(ids, len(ids) // 2))
    no_src, no_ref = set(orphaned[::2]), set(orphaned[1::2])
    pile = [src[i] for i in ids if i not in no_src] + [ref_a[i] for i in ids if i not in no_ref]
    gold = {pair(i, ref_a) for i in ids if i not in no_src | no_ref}
    evaluate("orphans", pile, gold, settings)

    both = [i for i in ids if i in ref_b]
    pile = [src[i] for i in both] + [ref_a[i] for i in both] + [ref_b[i] for i in both]
    gold = {pair(i, ref_a) for i in both} | {pair(i, ref_b) for i in both}
    evaluate("two refs", pile, gold, settings)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
