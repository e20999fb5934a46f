"""Alignment speed, side by side in one process: encoder alone, fast and full alignment.

    .venv/bin/python bench/align_speed.py [--docs N]

On Text+Berg dev and the first N MAC-Dev chapters (default 6), with one
encoder, in this order: the baseline (encoding the sentences, nothing else),
the search alone on those vectors (fast "sum" and full "encode"), then whole
alignments that encode their own sentences (fast and full). Each line gives
wall and CPU seconds (``time.process_time``); the shared machine makes wall
time noisy, so read the ratios to the baseline. Last, the scaling of the
search alone: the six MAC-Dev chapters as one text, repeated 1, 2 and 4 times.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # many tiny products: threads only spin

import numpy as np
from scoring import evaluate, mac_dev, machine, settings_from_args, textberg_dev


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=6, help="MAC-Dev chapters to include")
    args = parser.parse_args()
    docs = textberg_dev() + mac_dev()[: args.docs]
    if not docs:
        print("evaluation data absent (../shared/benchdata): nothing to do")
        return
    from newsloom.embed import load_encoder

    encoder = load_encoder(settings_from_args([]))
    encoder.encode(["warm up"])
    n = sum(len(d.src) + len(d.tgt) for d in docs)
    print(f"# alignment speed, {len(docs)} documents, {n} sentences, {machine()}")
    for d in docs:  # fill the encoder's per-piece cache, so that every run below finds it warm
        encoder.encode(d.src + d.tgt)
    wall, cpu = time.perf_counter(), time.process_time()
    vectors = [(encoder.encode(d.src), encoder.encode(d.tgt)) for d in docs]
    base_wall, base_cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"{'baseline: encode sentences':34} {base_wall:6.1f} s wall {base_cpu:6.1f} s CPU | "
        f"{n / base_wall:5.0f} sentences/s wall, {n / base_cpu:5.0f} per CPU second"
    )
    for mode in ("sum", "encode"):
        settings = settings_from_args([f'groups="{mode}"'])
        for label, given in (("search only", vectors), ("with encoding", None)):
            run = evaluate(docs, encoder.encode, settings, vectors=given)
            print(
                f"{mode + ', ' + label:34} {run.wall:6.1f} s wall {run.cpu:6.1f} s CPU | "
                f"{n / run.wall:5.0f} sentences/s wall, {n / run.cpu:5.0f} per CPU second | "
                f"{run.cpu / base_cpu:4.2f}x baseline CPU | strict F1 {run.score().f1:.3f}"
            )
    scaling(encoder.encode)


def scaling(encode) -> None:
    from newsloom.relate.align import align

    docs = mac_dev()
    if not docs:
        return
    src = [s for d in docs for s in d.src]
    tgt = [t for d in docs for t in d.tgt]
    src_vecs, tgt_vecs = encode(src), encode(tgt)
    for times in (1, 2, 4):
        start = time.process_time()
        align(
            src * times, tgt * times, encode,
            src_vecs=np.vstack([src_vecs] * times), tgt_vecs=np.vstack([tgt_vecs] * times),
        )  # fmt: skip
        seconds = time.process_time() - start
        n = (len(src) + len(tgt)) * times
        print(
            f"search only, {n:6} sentences: {seconds:6.1f} s CPU, "
            f"{1000 * seconds / n:.2f} ms/sentence, {n / seconds:.0f} sentences/s"
        )


if __name__ == "__main__":
    main()
