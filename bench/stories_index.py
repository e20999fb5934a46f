"""Assignment search latency and memory of the story index at 10k, 100k and 1M stories.

Synthetic unit vectors (512-d, clustered around topics so neighbours exist). Per
size: build the usearch index (f16), then time 1,000 assignments, each a search for
the nearest stories (candidates + 1) followed by the re-indexing of the chosen story
(remove + add), as StoryClusterer does. Beside it, an exact numpy search over the
same vectors (f32) is timed as the baseline; the ratio is what to compare across
machines. Sizes: argv (default 10000 100000 1000000).

Run:  .venv/bin/python bench/stories_index.py [SIZES...]
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsloom.settings import Settings
from newsloom.stories.index import StoryIndex

DIM = 512


def vectors(n: int, rng: np.random.Generator) -> np.ndarray:
    topics = rng.normal(size=(max(1, n // 50), DIM)).astype(np.float32)
    rows = topics[rng.integers(0, len(topics), n)] + 0.7 * rng.normal(size=(n, DIM)).astype(
        np.float32
    )
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def run(n: int, conf: dict) -> None:
    rng = np.random.default_rng(5)
    data = vectors(n, rng)
    index = StoryIndex(DIM, dtype=conf["index_dtype"])
    start = time.perf_counter()
    for lo in range(0, n, 100_000):
        index.put_many([f"s{i}" for i in range(lo, min(n, lo + 100_000))], data[lo : lo + 100_000])
    build = time.perf_counter() - start
    queries = data[rng.integers(0, n, 1000)] + 0.05 * rng.normal(size=(1000, DIM)).astype(
        np.float32
    )
    times = []
    cpu = time.process_time()
    for q in queries:
        t0 = time.perf_counter()
        hits = index.search(q, conf["candidates"] + 1)
        index.put(hits[0][0], q)
        times.append(time.perf_counter() - t0)
    cpu = time.process_time() - cpu
    exact = []
    for q in queries[:50]:
        t0 = time.perf_counter()
        np.argpartition(-(data @ q), conf["candidates"])[: conf["candidates"]]
        exact.append(time.perf_counter() - t0)
    ms = np.array(times) * 1000
    print(
        f"{n:>9,} stories: build {build:6.1f} s; assign median {np.median(ms):.2f} ms, "
        f"p99 {np.percentile(ms, 99):.2f} ms (cpu {cpu:.2f} s / 1000); exact numpy median "
        f"{np.median(exact) * 1000:.2f} ms (x{np.median(exact) * 1000 / np.median(ms):.1f}); "
        f"index memory {index.memory_bytes / 2**20:.0f} MiB; "
        f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:.0f} MiB"
    )


def main() -> None:
    conf = Settings()["stories"]
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000]
    print(f"usearch dtype {conf['index_dtype']}, candidates {conf['candidates']}")
    for n in sizes:
        run(n, conf)


if __name__ == "__main__":
    main()
