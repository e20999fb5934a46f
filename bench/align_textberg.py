"""Text+Berg de-fr dev (Bleualign/Vecalign) sentence alignment: strict / lax P, R, F1 and speed.

    .venv/bin/python bench/align_textberg.py [align.KEY=VALUE ...]

A held-out set: no default was chosen on it. The time includes encoding.
Anchors (on the 001-007 test documents, not this dev file): Bertalign strict
F1 0.936, Vecalign 0.902.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # many tiny products: threads only spin

from scoring import evaluate, machine, settings_from_args, textberg_dev


def main() -> None:
    docs = textberg_dev()
    if not docs:
        print("Text+Berg data absent (../shared/benchdata/textberg-de-fr-align): nothing to do")
        return
    from newsloom.embed import load_encoder

    encoder = load_encoder()
    encoder.encode(["warm up"])
    settings = settings_from_args(sys.argv[1:])
    print(f"# Text+Berg de-fr dev, {machine()}, overrides: {' '.join(sys.argv[1:]) or 'none'}")
    run = evaluate(docs, encoder.encode, settings)
    print(f"dev      {run.score().line()}")
    print(f"time     {run.speed()}")


if __name__ == "__main__":
    main()
