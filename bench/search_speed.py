"""Search latency over a large store (default 100,000 documents), against a brute-force scan.

The collection is generated from real sentences with their real USE vectors:
the Tatoeba sentences of ../shared/benchdata/tatoeba-laser (English, Chinese,
Russian, German, French, Spanish... about 28,000), embedded once. A document is
a title and 10-14 paragraphs of 1-3 sentences of one language (40% English, 20%
Chinese, 20% Russian, the rest spread), with a publication day in 2024-2025 and
one of 50 outlets; its vectors are its sentences' vectors plus a little noise,
so no two passages share one. Documents go in through ``Store.add``, which
indexes them as ingest does; the first search then builds the vector index.

Queries (fixed seed): sentences in a language other than the collection's
majority (cross-lingual), two or three words of a sentence (keyword-like), and
each kind again with a filter (language, a two-month date range, an outlet).
Each query is timed through :meth:`Searcher.search` (10 rows: encoding the
query, both sides, fusion and the shown passages). Beside it, the baseline the
index replaces: the semantic side as a brute-force scan over every stored
passage vector (numpy over all int8 blobs read per query).

Run:  .venv/bin/python bench/search_speed.py [--docs 100000] [--db /tmp/search_speed.db]
      (an existing --db of the same size is reused; building 100k documents takes
      tens of minutes on 2 cores)
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsloom.embed import from_blob, load_encoder
from newsloom.model import Document, Metadata, Paragraph
from newsloom.search.engine import Searcher
from newsloom.settings import Settings
from newsloom.store.base import SearchFilters
from newsloom.store.sqlite import SQLiteStore

FOLDER = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "benchdata" / "tatoeba-laser"
) / "data" / "tatoeba" / "v1"
POOLS = {"cmn": "zh", "rus": "ru", "deu": "de", "fra": "fr", "spa": "es", "ita": "it",
         "por": "pt", "nld": "nl", "pol": "pl", "tur": "tr", "jpn": "ja", "ara": "ar"}  # fmt: skip
SHARES = {"en": 0.4, "zh": 0.2, "ru": 0.2}
OUTLETS = [f"Outlet {i}" for i in range(50)]


def pools(encoder) -> dict[str, tuple[list[str], np.ndarray]]:
    texts: dict[str, list[str]] = {"en": []}
    for code, lang in POOLS.items():
        texts[lang] = (FOLDER / f"tatoeba.{code}-eng.{code}").read_text("utf-8").splitlines()
        texts["en"] += (FOLDER / f"tatoeba.{code}-eng.eng").read_text("utf-8").splitlines()
    return {lang: (t, encoder.encode(t)) for lang, t in texts.items()}


def make_doc(i: int, rng: random.Random, nrng: np.random.Generator, pool) -> Document:
    langs = list(pool)
    rest = (1 - sum(SHARES.values())) / (len(langs) - len(SHARES))
    lang = rng.choices(langs, [SHARES.get(x, rest) for x in langs])[0]
    texts, vecs = pool[lang]
    sep = "" if lang in ("zh", "ja") else " "
    paragraphs = [Paragraph(texts[rng.randrange(len(texts))], role="title", lang=lang)]
    for _ in range(rng.randint(10, 14)):
        picks = [rng.randrange(len(texts)) for _ in range(rng.randint(1, 3))]
        text, spans = "", []
        for k in picks:
            start = len(text) + (len(sep) if text else 0)
            text = text + sep + texts[k] if text else texts[k]
            spans.append((start, start + len(texts[k])))
        v = vecs[picks] + 0.05 * nrng.normal(size=(len(picks), vecs.shape[1])).astype(np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        paragraphs.append(Paragraph(text, lang=lang, sentences=spans, vectors=v))
    day = f"{2024 + i % 2}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    return Document(f"d{i:07d}", f"gen/{i}.txt", "text", "utf-8", paragraphs,
                    Metadata(title=paragraphs[0].text, outlet=OUTLETS[i % 50], published=day),
                    languages=[lang])  # fmt: skip


def queries(pool, rng: random.Random, n: int) -> list[tuple[str, SearchFilters, str]]:
    out = []
    filters = [
        ("lang", SearchFilters(langs=("zh",))),
        ("dates", SearchFilters(since="2025-03-01", until="2025-04-30")),
        ("outlet", SearchFilters(outlet="outlet 7")),
    ]
    for i in range(n):
        lang = rng.choice(["ru", "de", "fr", "es", "zh"])
        text = rng.choice(pool[lang][0])
        kind = "sentence"
        if i % 2:
            words = rng.choice(pool["en"][0]).split()
            text, kind = " ".join(words[: rng.randint(2, 3)]), "words"
        name, f = filters[i % 3] if i % 4 == 3 else ("none", SearchFilters())
        out.append((text, f, f"{kind}/{name}"))
    return out


def brute_force(store: SQLiteStore, vector: np.ndarray, limit: int = 100) -> list[int]:
    rows = store._db.execute("SELECT id, vector FROM search_passages WHERE vector IS NOT NULL")
    ids, blobs = zip(*rows.fetchall(), strict=True)
    sims = from_blob(b"".join(blobs), 512) @ vector
    return [ids[i] for i in np.argsort(-sims)[:limit]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/search_speed.db")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--baseline", type=int, default=10, help="Queries timed brute-force.")
    args = parser.parse_args()
    if not FOLDER.is_dir():
        sys.exit(f"Tatoeba data not found at {FOLDER}")
    settings = Settings()
    encoder = load_encoder(settings)
    rng, nrng = random.Random(7), np.random.default_rng(7)
    t0 = time.perf_counter()
    pool = pools(encoder)
    print(f"pool: {sum(len(t) for t, _ in pool.values())} sentences embedded in "
          f"{time.perf_counter() - t0:.0f} s", flush=True)  # fmt: skip
    store = SQLiteStore(args.db)
    have = store.count()
    if have not in (0, args.docs):
        sys.exit(f"{args.db} holds {have} documents, not {args.docs}; remove it first")
    if not have:
        t0 = time.perf_counter()
        for i in range(args.docs):
            store.add(make_doc(i, rng, nrng, pool))
            if (i + 1) % 10_000 == 0:
                print(f"  added {i + 1} ({(i + 1) / (time.perf_counter() - t0):.0f} docs/s)",
                      flush=True)  # fmt: skip
        print(f"add + index: {args.docs / (time.perf_counter() - t0):.0f} documents/s")
    passages = store._db.execute("SELECT max(id) FROM search_passages").fetchone()[0]
    searcher = Searcher(store, settings)
    t0 = time.perf_counter()
    searcher.search("warm up", SearchFilters(), limit=10)
    ann = store._search._ann
    print(f"{store.count()} documents, {passages} passages; first search (loads or builds the "
          f"vector index of {len(ann)} vectors): {time.perf_counter() - t0:.1f} s; index "
          f"memory {ann._index.memory_usage / 2**20:.0f} MiB", flush=True)  # fmt: skip
    qs = queries(pool, random.Random(11), args.queries)
    times: dict[str, list[float]] = {}
    total = []
    for text, f, kind in qs:
        t0 = time.perf_counter()
        rows = searcher.search(text, f, limit=10)
        dt = time.perf_counter() - t0
        total.append(dt)
        times.setdefault(kind, []).append(dt)
        assert rows or kind.endswith(("outlet", "dates", "lang")), text
    encode = []
    for text, _, _ in qs[:50]:
        t0 = time.perf_counter()
        encoder.encode([text])
        encode.append(time.perf_counter() - t0)
    base = []
    for text, _, _ in qs[: args.baseline]:
        v = encoder.encode([text])[0]
        t0 = time.perf_counter()
        brute_force(store, v)
        base.append(time.perf_counter() - t0)
    ann_times = []
    for text, _, _ in qs[:50]:
        v = encoder.encode([text])[0]
        t0 = time.perf_counter()
        store.vector_search(v, SearchFilters(), 100)
        ann_times.append(time.perf_counter() - t0)

    def ms(xs: list[float], q: float) -> float:
        return 1000 * float(np.percentile(xs, q))

    print(f"search, {len(total)} queries, 10 rows each: p50 {ms(total, 50):.0f} ms, "
          f"p95 {ms(total, 95):.0f} ms, max {ms(total, 100):.0f} ms")
    for kind, xs in sorted(times.items()):
        print(f"  {kind:16s} n={len(xs):3d}  p50 {ms(xs, 50):6.0f} ms  p95 {ms(xs, 95):6.0f} ms")
    print(f"  of which encoding the query: p50 {ms(encode, 50):.0f} ms")
    print(f"semantic side alone: ANN {ms(ann_times, 50):.1f} ms p50 vs brute-force scan "
          f"{ms(base, 50):.0f} ms p50 ({ms(base, 50) / ms(ann_times, 50):.0f}x)")
    size = os.path.getsize(args.db) / 2**20
    index_file = Path(args.db + "-search.usearch")
    store.close()
    print(f"db {size:.0f} MiB, vector index file "
          f"{index_file.stat().st_size / 2**20 if index_file.exists() else 0:.0f} MiB; peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB; "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
