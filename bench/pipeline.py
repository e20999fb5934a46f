"""End-to-end ingest throughput: every stage, relations, stories and the store, on generated
multilingual ~5 KB articles; in one process, then with 1 and 2 local Dask workers.

Per run: articles/s (wall), CPU seconds per article summed over every process of the
run (the client, the in-process scheduler, the workers: the figure that holds on a
loaded machine), and the CPU time per step, so the slowest stage is visible. Model
loading is done before the clock starts. Then what the store holds per article
(SQLite bytes by table, sentence vectors, views, search passages, stories) and each
process's resident memory with the models loaded: the inputs of the capacity plan in
docs/deployment.md.

Articles: ``bench/synth.py`` varied (own event per article, 20% translations, 10%
re-posts, a sixth of the new ones zh/en interleaved); ``--plain`` for the old ones.

    .venv/bin/python bench/pipeline.py --articles 200 --workers 1 2
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import write_corpus

from newsloom.pipeline import DEFAULT_STAGES, StageTimes
from newsloom.service import Ingestor
from newsloom.settings import Settings
from newsloom.store import open_store

CLIENT_STEPS = ("parse", "store", "relations", "stories", "entities.link")


@dataclass
class Run:
    name: str
    docs: int
    wall: float
    cpu: float
    times: StageTimes
    rss_mib: list[float]


def _rss_mib() -> float:
    return psutil.Process().memory_info().rss / 2**20


def _cpu() -> float:
    return time.process_time()


def single(inputs: list[str], db: Path, settings: Settings) -> Run:
    store = open_store(str(db))
    ingestor = Ingestor(store, settings)
    ingestor.times = StageTimes()
    rss = _rss_mib()
    wall, cpu = time.perf_counter(), time.process_time()
    report = ingestor.ingest(inputs)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rss = max(rss, _rss_mib())
    store.close()
    assert report.ok, report.errors[:3]
    return Run("one process", len(report.added), wall, cpu, ingestor.times, [rss])


def on_cluster(inputs: list[str], db: Path, settings: Settings, workers: int) -> Run:
    from newsloom.distributed import DaskRunner, connect

    store = open_store(str(db))
    with connect(f"local:{workers}", settings) as client:
        ingestor = Ingestor(store, settings, runner=DaskRunner(client, settings))
        ingestor.times = StageTimes()
        rss = list(client.run(_rss_mib).values())
        before = sum(client.run(_cpu).values())
        wall, cpu = time.perf_counter(), time.process_time()
        report = ingestor.ingest(inputs)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        cpu += sum(client.run(_cpu).values()) - before
        rss = [max(a, b) for a, b in zip(rss, client.run(_rss_mib).values(), strict=True)]
    store.close()
    assert report.ok, report.errors[:3]
    return Run(f"dask local:{workers}", len(report.added), wall, cpu, ingestor.times, rss)


def store_figures(db: Path) -> dict[str, object]:
    """Bytes per stored article (file, and by table) and the vectors an article adds."""
    con = sqlite3.connect(db)
    docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    tables = dict(con.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"))
    sentences = con.execute("SELECT coalesce(sum(length(vectors)), 0) FROM paragraphs").fetchone()
    passages = con.execute("SELECT count(vector) FROM search_passages").fetchone()[0]
    views = con.execute("SELECT count(*) FROM views").fetchone()[0]
    stories = con.execute("SELECT count(*) FROM stories").fetchone()[0]
    relations = con.execute("SELECT count(*) FROM relations").fetchone()[0]
    con.close()
    return {
        "docs": docs,
        "file": db.stat().st_size,
        "tables": tables,
        "sentence_vectors": sentences[0] / 516,  # int8 row + float32 scale (embed/blob.py)
        "passages": passages,
        "views": views,
        "stories": stories,
        "relations": relations,
    }


def _profile(run: Run) -> None:
    per = run.docs or 1
    print(
        f"\n{run.name}: {run.docs} articles in {run.wall:.1f} s wall = "
        f"{run.docs / run.wall:.2f} articles/s; {run.cpu / per:.3f} CPU-s per article, all "
        f"processes"
    )
    total = sum(run.times.cpu.values()) or 1.0
    steps = sorted(run.times.cpu.items(), key=lambda kv: -kv[1])
    for name, cpu in steps:
        where = "client" if name in CLIENT_STEPS else "worker" if "dask" in run.name else ""
        print(
            f"  {name:<18} {cpu / per * 1000:8.1f} CPU-ms/article  {cpu / total:6.1%}  "
            f"{run.times.wall[name] / per * 1000:8.1f} wall-ms  {where}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--plain", action="store_true", help="the old, repetitive articles")
    args = parser.parse_args()
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        write_corpus(folder, args.articles, varied=not args.plain)
        size = sum(p.stat().st_size for p in folder.iterdir()) / args.articles
        inputs = [str(folder)]
        load = os.getloadavg()[0]
        runs = [single(inputs, Path(tmp) / "one.db", settings)]
        figures = store_figures(Path(tmp) / "one.db")
        for n in args.workers:
            runs.append(on_cluster(inputs, Path(tmp) / f"dask{n}.db", settings, n))
        load = max(load, os.getloadavg()[0])

    print(
        f"# pipeline throughput, {args.articles} generated articles of {size / 1024:.1f} KB "
        f"({'plain' if args.plain else 'varied'}), {os.cpu_count()} cores, load average up to "
        f"{load:.1f}, {platform.machine()}, Python {platform.python_version()}"
    )
    print(f"stages: {', '.join(DEFAULT_STAGES)}; then store, relations, stories, entity linking")
    for run in runs:
        _profile(run)
    by_name = {r.name: r for r in runs}
    base = runs[0]
    print("\nscaling (wall articles/s; CPU-s per article)")
    for run in runs:
        print(
            f"  {run.name:<16} {run.docs / run.wall:6.2f}/s  x{base.wall / run.wall:5.2f} of "
            f"one process   {run.cpu / run.docs:.3f} CPU-s"
        )
    if "dask local:1" in by_name and "dask local:2" in by_name:
        one, two = by_name["dask local:1"], by_name["dask local:2"]
        print(f"  2 workers / 1 worker: x{one.wall / two.wall:.2f} (wall)")
    cores = os.cpu_count() or 1
    print(
        f"  ceiling on {cores} idle cores at the one-process CPU cost: "
        f"{cores / (base.cpu / base.docs):.2f} articles/s"
    )

    docs = figures["docs"]
    print(
        f"\nstore (one-process run, SQLite): {docs} articles, {figures['file'] / docs:,.0f} "
        f"bytes per article in the file"
    )
    tables = sorted(figures["tables"].items(), key=lambda kv: -kv[1])
    for name, size_bytes in tables[:8]:
        print(f"  {name:<28} {size_bytes / docs:10,.0f} bytes/article")
    print(
        f"  per article: {figures['sentence_vectors'] / docs:.1f} sentence vectors, "
        f"{figures['views'] / docs:.2f} views, {figures['passages'] / docs:.1f} search passages "
        f"with a vector; {figures['stories']} stories, {figures['relations']} relations"
    )
    print("\nresident memory per process, models loaded, after the run (MiB)")
    for run in runs:
        print(f"  {run.name:<16} " + ", ".join(f"{x:.0f}" for x in run.rss_mib))


if __name__ == "__main__":
    main()
