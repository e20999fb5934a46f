"""Entities on the seeds and the demo corpus, with the real pipeline, against their gold.

Each corpus is ingested with the default stages plus ``extract.entities``, then
:class:`EntityLinker` links the whole store. For every gold entity the script
finds the entity that holds most of its listed name variants and reports:

* ``in one``: variants held by that one entity (the goal: all of them);
* ``split``: variants the NER found but linking put in another entity;
* ``absent``: variants no entity holds (the NER did not find them, or
  normalised them differently): not a linking error;
* ``merged``: variants of other gold entities held by the same entity.

Names are compared case-folded, Chinese in its Simplified form.

    .venv/bin/python bench/entities_seeds.py [--corpus seeds|demo|both] [--db-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from newsloom import __version__
from newsloom.extract import entities as _ner  # noqa: F401  (registers extract.entities)
from newsloom.extract.linking import EntityLinker
from newsloom.extract.translit import is_han
from newsloom.lang.detect import to_simplified
from newsloom.model import Entity
from newsloom.pipeline import DEFAULT_STAGES
from newsloom.service import Ingestor
from newsloom.settings import Settings
from newsloom.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
CORPORA = {
    "seeds": (SHARED / "seeds", SHARED / "gold" / "seeds.json"),
    "demo": (ROOT / "demo" / "corpus", ROOT / "demo" / "EXPECTED.json"),
}


def _norm(name: str) -> str:
    name = " ".join(name.split())
    return to_simplified(name) if is_han(name) else name.casefold()


def evaluate(gold: list[dict], entities: list[Entity]) -> dict[str, int]:
    """Print one block per gold entity; return the totals."""
    held = {e.id: {_norm(n) for names in e.names.values() for n in names} for e in entities}
    by_id = {e.id: e for e in entities}
    owner = {_norm(v): g["id"] for g in gold for v in g["names"]}
    totals = dict.fromkeys(("variants", "in_one", "split", "absent", "whole", "merged"), 0)
    for g in gold:
        variants = list(dict.fromkeys(_norm(v) for v in g["names"]))
        best = max(
            entities,
            key=lambda e: (sum(v in held[e.id] for v in variants), e.type == g["type"], e.mentions),
            default=None,
        )
        if best and not any(v in held[best.id] for v in variants):
            best = None
        best_set = held[best.id] if best else set()
        in_one = [v for v in variants if v in best_set]
        anywhere = set().union(*held.values()) if held else set()
        split = [v for v in variants if v not in best_set and v in anywhere]
        absent = [v for v in variants if v not in anywhere]
        merged = sorted({owner[n] for n in best_set if n in owner and owner[n] != g["id"]})
        totals["variants"] += len(variants)
        totals["in_one"] += len(in_one)
        totals["split"] += len(split)
        totals["absent"] += len(absent)
        totals["whole"] += not split
        totals["merged"] += len(merged)
        head = f"{g['id']} ({g['type']}): {len(in_one)}/{len(variants)} in one"
        if best:
            head += f" = {best.id} ({by_id[best.id].type}, {best.mentions} mentions)"
        print(head)
        print(f"    in one: {in_one}")
        if split:
            where = {v: sorted(e for e, s in held.items() if v in s) for v in split}
            print(f"    split:  {where}")
        if absent:
            print(f"    absent: {absent}")
        if merged:
            print(f"    merged with: {merged}")
    return totals


def run(name: str, db_dir: Path) -> None:
    corpus, gold_path = CORPORA[name]
    if not corpus.exists() or not gold_path.exists():
        print(f"{name}: {corpus} or {gold_path} absent; skipped", file=sys.stderr)
        return
    gold = json.loads(gold_path.read_text("utf-8"))["entities"]
    path = db_dir / f"{name}.db"
    settings = Settings()
    fresh = not path.exists()
    store = open_store(path)
    if fresh:
        t0 = time.perf_counter()
        report = Ingestor(store, settings, [*DEFAULT_STAGES, "extract.entities"]).ingest(
            [str(corpus)]
        )
        print(f"{name}: ingested {len(report.added)} documents in "
              f"{time.perf_counter() - t0:.1f} s ({len(report.errors)} errors)")  # fmt: skip
    mentions = sum(len(d.mentions) for d in store.iter_documents())
    t0, c0 = time.perf_counter(), time.process_time()
    entities = EntityLinker(settings).link(store)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"{name}: {mentions} mentions -> {len(entities)} entities, "
          f"{len(store.name_pairs())} learned name pairs; link {wall:.1f} s wall, {cpu:.1f} s CPU"
          " (includes aligning the translations)")  # fmt: skip
    totals = evaluate(gold, entities)
    print(
        f"{name} TOTAL: {totals['in_one']}/{totals['variants']} variants in one entity, "
        f"{totals['split']} split, {totals['absent']} absent (NER); "
        f"{totals['whole']}/{len(gold)} gold entities with no split; "
        f"{totals['merged']} wrong merges\n"
    )
    store.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("seeds", "demo", "both"), default="both")
    parser.add_argument("--db-dir", type=Path, help="keep the stores here and reuse them")
    args = parser.parse_args(argv)
    print(f"newsloom {__version__}, Python {platform.python_version()}, {platform.machine()}")
    names = ("seeds", "demo") if args.corpus == "both" else (args.corpus,)
    with tempfile.TemporaryDirectory() as tmp:
        db_dir = args.db_dir or Path(tmp)
        db_dir.mkdir(parents=True, exist_ok=True)
        for name in names:
            run(name, db_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
