"""Ingest throughput: read, clean, languages, sentences and store, on generated ~5 KB articles.

Prints articles/s for the ingest stages and, run side by side on the same
files, for a baseline that only reads, decodes and stores the raw text, so
the ratio survives a noisy machine; plus peak resident memory.

    .venv/bin/python bench/ingest_speed.py --articles 3000
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import write_corpus

from newsloom.ingest import iter_inputs
from newsloom.model import Document, Paragraph, content_id
from newsloom.pipeline import DEFAULT_STAGES
from newsloom.service import Ingestor
from newsloom.settings import Settings
from newsloom.store import open_store

ISSUE2_STAGES = ("clean.boilerplate", "clean.metadata", "lang.paragraphs", "lang.layout",
                 "lang.sentences")


def baseline(folder: Path, db: Path, settings: Settings) -> int:
    """Read and decode every file and store its lines as paragraphs, with no stage run."""
    store = open_store(db)
    n = 0
    for raw in iter_inputs([str(folder)], settings):
        paragraphs = [Paragraph(text=line) for line in raw.content.splitlines() if line.strip()]
        doc = Document(id=content_id(raw.content), source=raw.source, kind=raw.kind,
                       encoding=raw.encoding, paragraphs=paragraphs)
        n += store.add(doc)
    store.close()
    return n


def pipeline(folder: Path, db: Path, settings: Settings) -> int:
    store = open_store(db)
    ingestor = Ingestor(store, settings, stages=ISSUE2_STAGES)
    report = ingestor.ingest([str(folder)])
    store.close()
    assert not report.errors, report.errors[:3]
    return len(report.added)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    settings = Settings()
    assert set(ISSUE2_STAGES) <= set(DEFAULT_STAGES)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        write_corpus(folder, args.articles)
        size = sum(p.stat().st_size for p in folder.iterdir()) / args.articles
        # Load the models once before timing: start-up is not throughput.
        Ingestor(open_store(":memory:"), settings, stages=ISSUE2_STAGES)
        rates: dict[str, list[float]] = {"baseline": [], "ingest": []}
        for r in range(args.rounds):
            for name, run in (("baseline", baseline), ("ingest", pipeline)):
                db = Path(tmp) / f"{name}{r}.db"
                start = time.perf_counter()
                n = run(folder, db, settings)
                rates[name].append(n / (time.perf_counter() - start))
    best = {k: max(v) for k, v in rates.items()}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"# ingest speed, {args.articles} articles of {size / 1024:.1f} KB, "
          f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"stages: {', '.join(ISSUE2_STAGES)} + store")
    print(f"ingest    {best['ingest']:8.1f} articles/s  (rounds: "
          f"{', '.join(f'{x:.1f}' for x in rates['ingest'])})")
    print(f"baseline  {best['baseline']:8.1f} articles/s  (read + decode + store, no stages)")
    print(f"ratio     {best['ingest'] / best['baseline']:8.3f} of baseline")
    print(f"peak RSS  {peak:8.0f} MiB")


if __name__ == "__main__":
    main()
