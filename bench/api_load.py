"""HTTP API latency under load, on loopback, over a store of ~100k documents.

How the store is built (``--docs N``, ``--real R``):

1. R generated articles (``bench/synth.py`` sentences; each of ``R // 20`` topics gets
   its own invented place in the title and a publication date 40 days from the
   next topic's, so stories have realistic sizes) run through the real pipeline
   (``Ingestor``: every stage, relations, stories, entity linking).
2. That store is copied N / R - 1 times inside SQLite: every row of ``documents``,
   ``doc_sources``, ``paragraphs`` (texts and int8 vectors), ``views``,
   ``relations``, ``stories``, ``story_members`` and ``story_links`` again, under
   fresh ids (``sha256(old id / copy)``; sources get ``#copyK``). Indexes and any
   triggers (full-text tables fed by triggers) see every copy as it is inserted;
   other tables (entities, line counts) keep the real run's rows.

Then ``newsloom serve`` runs in a subprocess and a client (httpx, one connection
per thread) sends requests one at a time (latency) and from ``--threads`` threads
(throughput): story JSON (``/api/stories/{id}``), the story HTML page
(``/stories/{id}``, when the web desk is installed), search (``/api/search``,
when present) and, as the baseline of the HTTP stack, ``/api/health``.

``--seed-db STORE`` replaces step 1 with a copy of a store already ingested (the demo
corpus's, say), for when the pipeline cannot run.

Run:  .venv/bin/python bench/api_load.py --docs 100000 --real 1000 [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synth import article

from newsloom.search.engine import ensure_indexed
from newsloom.service import Ingestor
from newsloom.settings import Settings
from newsloom.store import open_store

ROOT = Path(__file__).resolve().parents[1]
PLACES = ["Velmora", "Ostrany", "Kelvard", "Durnitsa", "Praslow", "Tamberg", "Ivaska", "Lornach"]
QUERIES = ["reservoir", "delegations talks", "water quota", "плотине", "переговоров", "大坝",
           "observer mission", "trade customs figures"]  # fmt: skip

# Tables copied for each replica: table -> (columns, the column that picks the real rows).
# Columns holding a document id or a story id get the copy's fresh id; "source" gets
# "#copyK"; search_passages.id is left out so SQLite numbers the copies (its triggers
# add them to the full-text index). Tables a store lacks are skipped.
COPIED = {
    "documents": (["id", "source", "kind", "encoding", "title", "outlet", "published",
                   "languages", "layout", "meta", "stages", "added_at", "extraction"], "doc"),
    "doc_sources": (["source", "doc_id"], "doc"),
    "paragraphs": (["doc_id", "idx", "role", "text", "lang", "script", "simplified",
                    "boilerplate", "reason", "sentences", "vectors"], "doc"),
    "views": (["doc_id", "lang", "chars", "vector"], "doc"),
    "relations": (["a", "a_lang", "b", "b_lang", "type", "score", "direction", "evidence"],
                  "doc"),
    "stories": (["id", "titles", "languages", "outlets", "start", "end", "size", "keywords",
                 "vector", "lead", "profile", "state", "created", "updated"], "story"),
    "story_members": (["doc_id", "story_id"], "story"),
    "story_links": (["a", "b", "score"], "story"),
    "search_passages": (["doc_id", "paragraph", "first", "count", "lang", "words", "grams",
                         "vector"], "doc"),
    "search_docs": (["doc_id", "version"], "doc"),
    "search_entity_docs": (["entity", "doc_id"], "doc"),
}  # fmt: skip
STORY_TABLES = {"stories", "story_links"}
STORY_COLUMNS = {"story_id"}


def write_topics(folder: Path, count: int, seed: int = 11) -> None:
    """``count`` articles in topics of about 20; a topic's place and date set it apart."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        topic = i % max(1, count // 20)
        place = f"{PLACES[topic % len(PLACES)]}-{topic}"
        day = date(2020, 1, 1) + timedelta(days=40 * topic)
        lines = article(rng).split("\n")
        lines[0] = f"{lines[0]} ({place})"
        lines[3] = f"{day.isoformat()} 10:00"
        lines.insert(5, f"The meeting in {place} was the {topic + 2}th such round.\n")
        (folder / f"a{i:05d}.txt").write_text("\n".join(lines), encoding="utf-8")


def build_real(db: Path, real: int, work: Path) -> float:
    corpus = work / "corpus"
    write_topics(corpus, real)
    store = open_store(db)
    start = time.perf_counter()
    report = Ingestor(store, Settings()).ingest([str(corpus)])
    took = time.perf_counter() - start
    store.close()
    assert report.ok, report.errors[:3]
    return took


def _fresh(value: str | None, copy: int) -> str | None:
    if value is None:
        return None
    return hashlib.sha256(f"{value}/{copy}".encode()).hexdigest()[:16]


def _select(table: str, columns: list[str], copy: int) -> str:
    exprs = []
    for col in columns:
        if col in STORY_COLUMNS or (table in STORY_TABLES and col in ("id", "a", "b")):
            exprs.append(f"'s-' || fresh({col}, {copy})")
        elif col in ("id", "doc_id", "a", "b"):
            exprs.append(f"fresh({col}, {copy})")
        elif col == "source":
            exprs.append(f"source || '#copy{copy}'")
        else:
            exprs.append(f'"{col}"')
    return ", ".join(exprs)


def replicate(db: Path, target: int) -> tuple[int, float]:
    """Copy the stored rows until about ``target`` documents; returns (documents, seconds)."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.create_function("fresh", 2, _fresh, deterministic=True)
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    tables = {t: spec for t, spec in COPIED.items() if t in have}
    base = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    copies = max(0, round(target / base) - 1)
    start = time.perf_counter()
    conn.execute("CREATE TEMP TABLE orig_docs AS SELECT id FROM documents")
    conn.execute("CREATE TEMP TABLE orig_stories AS SELECT id FROM stories")
    for k in range(1, copies + 1):
        conn.execute("BEGIN")
        for table, (columns, picked_by) in tables.items():
            key = {"stories": "id", "story_members": "story_id", "story_links": "a",
                   "documents": "id", "relations": "a"}.get(table, "doc_id")  # fmt: skip
            origin = "orig_docs" if picked_by == "doc" else "orig_stories"
            where = f"{key} IN (SELECT id FROM {origin})"
            if table == "doc_sources":
                where += " AND source NOT LIKE '%#copy%'"
            cols = ", ".join(f'"{c}"' for c in columns)
            conn.execute(
                f"INSERT INTO {table} ({cols}) SELECT {_select(table, columns, k)}"
                f" FROM {table} WHERE {where}"
            )
        conn.execute("COMMIT")
    conn.execute("ANALYZE")
    n = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    conn.close()
    return n, time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path, port: int, log: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "newsloom.cli", "serve", "--db", str(db), "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=out)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"server did not start: {log.read_text()[-2000:]}")


def measure(
    base: str, urls: list[str], threads: int, budget: float
) -> tuple[list[float], float, int]:
    """Latencies (ms) of GETs of ``urls`` spread over ``threads``, no new request after
    ``budget`` seconds; wall seconds; non-200 answers."""
    times: list[float] = []
    bad = 0
    lock = threading.Lock()
    chunks = [urls[i::threads] for i in range(threads)]
    stop = time.perf_counter() + budget

    def run(chunk: list[str]) -> None:
        nonlocal bad
        with httpx.Client(base_url=base, timeout=600) as client:
            for url in chunk:
                if time.perf_counter() > stop:
                    break
                t0 = time.perf_counter()
                status = client.get(url).status_code
                took = (time.perf_counter() - t0) * 1000
                with lock:
                    times.append(took)
                    bad += status != 200

    start = time.perf_counter()
    workers = [threading.Thread(target=run, args=(c,)) for c in chunks]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return times, time.perf_counter() - start, bad


def pct(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100_000, help="documents in the store")
    ap.add_argument("--real", type=int, default=1000, help="documents run through the pipeline")
    ap.add_argument("--requests", type=int, default=300, help="requests per endpoint and mode")
    ap.add_argument("--threads", type=int, default=4, help="client threads for throughput")
    ap.add_argument("--budget", type=float, default=120, help="seconds per endpoint and mode")
    ap.add_argument("--keep", type=Path, help="build (or reuse) the store in this folder")
    ap.add_argument("--seed-db", type=Path, help="replicate this ingested store, not step 1")
    args = ap.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="newsloom-api-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"api-{args.docs}.db"
    if not db.exists():
        partial = work / "partial.db"
        for path in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            path.unlink(missing_ok=True)
        if args.seed_db:
            shutil.copyfile(args.seed_db, partial)
            print(f"seed: {args.seed_db}")
        else:
            took = build_real(partial, args.real, work)
            print(f"pipeline: {args.real} articles in {took:.0f} s ({args.real / took:.1f}/s)")
        store = open_store(partial)  # migrate a seed to this schema; index it for search
        print(f"search index: {ensure_indexed(store)} documents added")
        store.close()
        n, took = replicate(partial, args.docs)
        print(f"replicated to {n} documents in {took:.0f} s")
        partial.rename(db)
    conn = sqlite3.connect(db)
    n_docs, n_stories = (conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                         for t in ("documents", "stories"))  # fmt: skip
    conn.close()
    print(f"store: {n_docs} documents, {n_stories} stories, "
          f"{db.stat().st_size / 2**20:.0f} MiB ({db})")  # fmt: skip

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = serve(db, port, work / "server.log")
    try:
        rng = random.Random(3)
        stories = httpx.get(f"{base}/api/stories?limit=500", timeout=3600).json()["items"]
        story_ids = [s["id"] for s in stories]
        endpoints = {"health (baseline)": lambda: "/api/health",
                     "story JSON": lambda: f"/api/stories/{rng.choice(story_ids)}"}  # fmt: skip
        if httpx.get(f"{base}/stories/{story_ids[0]}", timeout=3600).status_code == 200:
            endpoints["story HTML"] = lambda: f"/stories/{rng.choice(story_ids)}"
        if httpx.get(f"{base}/api/search", params={"q": "dam"}, timeout=3600).status_code == 200:
            endpoints["search"] = lambda: f"/api/search?q={rng.choice(QUERIES)}"
        print(f"python {platform.python_version()}, {os.cpu_count()} cores, "
              f"load {os.getloadavg()[0]:.1f}; {args.requests} requests each")  # fmt: skip
        print(f"{'endpoint':<18} {'mode':<10} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} "
              f"{'p99 ms':>8} {'req/s':>7} {'non-200':>7}")  # fmt: skip
        for name, make in endpoints.items():
            measure(base, [make() for _ in range(3)], 1, args.budget)  # warm-up
            for mode, threads in (("serial", 1), (f"{args.threads} thr", args.threads)):
                urls = [make() for _ in range(args.requests)]
                times, wall, bad = measure(base, urls, threads, args.budget)
                print(f"{name:<18} {mode:<10} {len(times):5d} {pct(times, 50):8.1f} "
                      f"{pct(times, 95):8.1f} {pct(times, 99):8.1f} {len(times) / wall:7.1f} "
                      f"{bad:7d}")  # fmt: skip
    finally:
        proc.terminate()
        proc.wait(timeout=300)


if __name__ == "__main__":
    main()
