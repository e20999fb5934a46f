"""MAC-Dev zh-en sentence alignment: strict / lax P, R, F1, time and sentences per second.

    .venv/bin/python bench/align_mac.py [align.KEY=VALUE ...]

Aligns the six chapters once and prints the scores of all six together and of
each half (001-003, the half the defaults were chosen on; 004-006, held out).
The time includes encoding (wall and CPU seconds).
Anchors (Bertalign README, LaBSE): Bertalign strict F1 0.911, Vecalign 0.863.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # many tiny products: threads only spin

from scoring import evaluate, mac_dev, machine, settings_from_args


def main() -> None:
    docs = mac_dev()
    if not docs:
        print("MAC-Dev data absent (../shared/benchdata/mac-zh-en-align): nothing to do")
        return
    from newsloom.embed import load_encoder

    encoder = load_encoder()
    encoder.encode(["warm up"])
    settings = settings_from_args(sys.argv[1:])
    print(f"# MAC-Dev zh-en, {machine()}, overrides: {' '.join(sys.argv[1:]) or 'none'}")
    run = evaluate(docs, encoder.encode, settings)
    halves = {"001-003": [d.name for d in docs[:3]], "004-006": [d.name for d in docs[3:]]}
    print(f"{'all':8} {run.score().line()}")
    for label, names in halves.items():
        print(f"{label:8} {run.score(names).line()}")
    print(f"time     {run.speed()}")


if __name__ == "__main__":
    main()
