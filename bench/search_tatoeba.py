"""Cross-lingual retrieval with newsloom's search over Tatoeba: P@1 per language and mode.

For each language pair of ../shared/benchdata/tatoeba-laser (1,000 sentence pairs,
Thai 548), one side's sentences are stored as documents (one sentence each, with
its USE vector) in a fresh in-memory store, through ``Store.add``, which indexes
them as newsloom indexes any document. Every sentence of the other side is then
a query; a query scores when its own translation is the first hit. Directions:
``xx->en`` (the English side is the collection, queries in the other language)
and ``en->xx`` (the other way round: Chinese, Russian... are the indexed side).

Modes, all from the same candidate lists of the library's own ranking code
(``newsloom.search.hybrid``): ``semantic`` (vector side only), ``keyword``
(full-text side only; a cross-lingual keyword match exists only through numbers,
Latin names in the other script, cognates and loanwords), ``hybrid`` (weighted
RRF with the defaults of ``[search]``), and ``rrf`` (plain RRF, coverage power 0, to
show what the coverage weight is for). ``coverage_power`` was chosen on ara, deu,
ita and kor; the other languages are held out. Store names are empty
here (no entities), so name expansion plays no part.

The semantic figure differs from bench/tatoeba_retrieval.py's (nearest neighbour
over all 1,000 exactly, mean of both directions) only by the approximate index
and by ``min_cosine``.

Run:  .venv/bin/python bench/search_tatoeba.py [--langs cmn rus ...] [--n 1000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsloom.embed import load_encoder
from newsloom.model import Document, Paragraph
from newsloom.search.hybrid import fuse, key_of, keyword_hits, semantic_hits
from newsloom.search.query import parse
from newsloom.settings import Settings
from newsloom.store.base import SearchFilters
from newsloom.store.sqlite import SQLiteStore

FOLDER = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "benchdata" / "tatoeba-laser"
) / "data" / "tatoeba" / "v1"
LANGS = {
    "ara": "ar", "cmn": "zh", "deu": "de", "fra": "fr", "ita": "it", "jpn": "ja", "kor": "ko",
    "nld": "nl", "pol": "pl", "por": "pt", "rus": "ru", "spa": "es", "tha": "th", "tur": "tr",
}  # fmt: skip
MODES = ("semantic", "keyword", "hybrid", "rrf")


def build(texts: list[str], lang: str, vectors, tag: str) -> SQLiteStore:
    store = SQLiteStore(":memory:")
    for i, text in enumerate(texts):
        para = Paragraph(text, lang=lang, sentences=[(0, len(text))], vectors=vectors[i : i + 1])
        doc = Document(f"{tag}{i:05d}", f"{tag}:{i + 1}", "text", "utf-8", [para], languages=[lang])
        store.add(doc)
    return store


def run(store: SQLiteStore, queries: list[str], vectors, tag: str, settings: Settings) -> dict:
    conf = settings["search"]
    languages = settings["lang"]["languages"]
    hits = dict.fromkeys(MODES, 0)
    filters = SearchFilters()
    for i, (text, vector) in enumerate(zip(queries, vectors, strict=True)):
        gold = (f"{tag}{i:05d}", 0, 0)
        query = parse(text, languages, None)
        kw = keyword_hits(store, query, filters, conf["candidates"], conf["max_keyword_rows"])
        sem = semantic_hits(store, vector, filters, conf["candidates"], conf["min_cosine"])
        hybrid = fuse(kw, sem, conf["rrf_k"], conf["keyword_weight"], conf["semantic_weight"],
                      conf["coverage_power"])  # fmt: skip
        ranked = {
            "semantic": [key_of(h) for h in sem],
            "keyword": [key_of(k.hit) for k in kw],
            "hybrid": [key_of(f.hit) for f in hybrid],
            "rrf": [key_of(f.hit) for f in fuse(kw, sem, conf["rrf_k"], power=0.0)],
        }
        for mode, keys in ranked.items():
            hits[mode] += bool(keys) and keys[0] == gold
    return {mode: hits[mode] / len(queries) for mode in MODES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--langs", nargs="*", default=list(LANGS), choices=list(LANGS))
    parser.add_argument("--n", type=int, default=1000, help="Pairs per language (first N).")
    parser.add_argument("--directions", nargs="*", default=["xx->en", "en->xx"])
    args = parser.parse_args()
    if not FOLDER.is_dir():
        sys.exit(f"Tatoeba data not found at {FOLDER}")
    settings = Settings()
    encoder = load_encoder(settings)
    print(f"P@1 (%), first {args.n} pairs per language; modes: {', '.join(MODES)}")
    print(f"{'lang':5s} {'dir':7s} {'n':>5s} " + " ".join(f"{m:>8s}" for m in MODES))
    totals: dict[str, dict[str, list[float]]] = {}
    start = time.perf_counter()
    for code in args.langs:
        lang = LANGS[code]
        xx = (FOLDER / f"tatoeba.{code}-eng.{code}").read_text("utf-8").splitlines()[: args.n]
        en = (FOLDER / f"tatoeba.{code}-eng.eng").read_text("utf-8").splitlines()[: args.n]
        xv, ev = encoder.encode(xx), encoder.encode(en)
        for direction in args.directions:
            if direction == "xx->en":
                store, result = build(en, "en", ev, "e"), None
                result = run(store, xx, xv, "e", settings)
            else:
                store = build(xx, lang, xv, "x")
                result = run(store, en, ev, "x", settings)
            store.close()
            for mode, value in result.items():
                totals.setdefault(direction, {}).setdefault(mode, []).append(value)
            print(f"{code:5s} {direction:7s} {len(xx):5d} "
                  + " ".join(f"{100 * result[m]:8.1f}" for m in MODES), flush=True)  # fmt: skip
    for direction, modes in totals.items():
        print(f"mean  {direction:7s}       "
              + " ".join(f"{100 * sum(v) / len(v):8.1f}" for v in modes.values()))  # fmt: skip
    conf = settings["search"]
    print(f"settings: rrf_k {conf['rrf_k']}, weights {conf['keyword_weight']}/"
          f"{conf['semantic_weight']}, coverage_power {conf['coverage_power']}, min_cosine "
          f"{conf['min_cosine']}, candidates "
          f"{conf['candidates']}; {time.perf_counter() - start:.0f} s")  # fmt: skip


if __name__ == "__main__":
    main()
