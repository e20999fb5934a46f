"""Fast (group vectors summed) against full (groups encoded) alignment, side by side.

    .venv/bin/python bench/align_speed.py [--docs N]

Runs both on the same documents (Text+Berg dev and the first N MAC-Dev
chapters, default 2) in one process with one encoder, and prints strict F1,
time, sentences per second and the speed ratio. Encoding is part of the time.
Then the scaling of the search alone (vectors given): the six MAC-Dev chapters
as one text, repeated 1, 2 and 4 times; near-linear means flat ms per sentence.
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
    parser.add_argument("--docs", type=int, default=2, help="MAC-Dev chapters to include")
    args = parser.parse_args()
    sets = {"textberg": textberg_dev(), "mac": mac_dev()[: args.docs]}
    sets = {name: docs for name, docs in sets.items() if docs}
    if not sets:
        print("evaluation data absent (../shared/benchdata): nothing to do")
        return
    from newsloom.embed import load_encoder

    encoder = load_encoder()
    encoder.encode(["warm up"])
    print(f"# alignment speed, fast vs full, {machine()}")
    for name, docs in sets.items():
        timings = {}
        for mode in ("sum", "encode"):
            result, seconds, sentences = evaluate(
                docs, encoder.encode, settings_from_args([f'groups="{mode}"'])
            )
            timings[mode] = seconds
            print(
                f"{name:9} {mode:6} strict F1 {result.f1:.3f} lax F1 {result.lax_f1:.3f} | "
                f"{seconds:7.1f} s, {sentences / seconds:6.0f} sentences/s"
            )
        print(f"{name:9} speed ratio fast/full: {timings['encode'] / timings['sum']:.1f}x")
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
        start = time.perf_counter()
        align(
            src * times, tgt * times, encode,
            src_vecs=np.vstack([src_vecs] * times), tgt_vecs=np.vstack([tgt_vecs] * times),
        )  # fmt: skip
        seconds = time.perf_counter() - start
        n = (len(src) + len(tgt)) * times
        print(
            f"search only, {n:6} sentences: {seconds:6.1f} s, "
            f"{1000 * seconds / n:.2f} ms/sentence, {n / seconds:.0f} sentences/s"
        )


if __name__ == "__main__":
    main()
