"""MAC-Dev zh-en sentence alignment: strict / lax P, R, F1, time and sentences per second.

    .venv/bin/python bench/align_mac.py [align.KEY=VALUE ...]

Prints one line for the six chapters together and one each for the halves
(001-003, 004-006), so settings chosen on one half can be read on the other.
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
    for label, part in (("all", docs), ("001-003", docs[:3]), ("004-006", docs[3:])):
        result, seconds, sentences = evaluate(part, encoder.encode, settings)
        print(f"{label:8} {result.line()} | {seconds:.1f} s, {sentences / seconds:.0f} sentences/s")


if __name__ == "__main__":
    main()
