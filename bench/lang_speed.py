"""Speed of the three ``lang.*`` stages on generated ~5 KB articles, with baselines beside.

Articles come from bench/synth.py (en, ru, zh and interleaved zh/en; fixed
seed), one Paragraph per non-empty line, the first line a title.  Prints
articles/s for the stages together and each alone, and, on the same articles
in the same process, the baselines they replace:

* language: lingua over the configured languages, every paragraph whole, one
  ``detect_language_of`` call each (no script shortcut, no batching);
* sentences: blingfire, razdel (Russian articles), pysbd (English articles;
  on a tenth of them, it is slow).

    .venv/bin/python bench/lang_speed.py [--articles 2000]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import article

from newsloom.lang.detect import ParagraphLanguages, _lingua
from newsloom.lang.layout import DocumentLayout
from newsloom.lang.sentences import SentenceSplitter
from newsloom.model import Document, Paragraph
from newsloom.settings import Settings


def documents(n: int, seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        lines = [s.strip() for s in article(rng).splitlines() if s.strip()]
        paras = [Paragraph(s, role="title" if j == 0 else "body") for j, s in enumerate(lines)]
        docs.append(
            Document(id=str(i), source=f"a{i}", kind="text", encoding="utf-8", paragraphs=paras)
        )
    return docs


def timed(label: str, n: int, fn: Callable[[], object], base: float | None = None) -> float:
    t0 = time.perf_counter()
    fn()
    rate = n / (time.perf_counter() - t0)
    ratio = f"  ({rate / base:.1f}x the baseline)" if base else ""
    print(f"{label:<48}{rate:>10.0f} articles/s{ratio}")
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    settings = Settings()
    t0 = time.perf_counter()
    stages = [ParagraphLanguages(settings), DocumentLayout(settings), SentenceSplitter(settings)]
    print(f"stages built in {time.perf_counter() - t0:.1f} s")
    docs = documents(args.articles)
    n = len(docs)
    kb = sum(len(p.text.encode()) for d in docs for p in d.paragraphs) / n / 1024
    print(f"{n} articles, {kb:.1f} KB each on average")

    def run_all() -> None:
        for d in docs:
            for s in stages:
                s(d)

    run_all()  # warm up: first touch of every model and regex
    timed("lang.paragraphs + layout + sentences", n, run_all)
    for s in stages:
        timed(f"  {s.name} alone", n, lambda s=s: [s(d) for d in docs])

    codes = tuple(settings["lang"]["languages"])
    plain = _lingua(codes, False)
    base = timed(
        "baseline: lingua, every paragraph, unbatched",
        n,
        lambda: [plain.detect_language_of(p.text) for d in docs for p in d.paragraphs],
    )
    timed("ours: lang.paragraphs", n, lambda: [stages[0](d) for d in docs], base)

    import blingfire
    import pysbd
    import razdel

    base = timed(
        "baseline: blingfire sentences, all",
        n,
        lambda: [
            blingfire.text_to_sentences_and_offsets(p.text) for d in docs for p in d.paragraphs
        ],
    )
    timed("ours: lang.sentences, all", n, lambda: [stages[2](d) for d in docs], base)
    ru = [d for d in docs if "ru" in d.languages]
    base = timed(
        "baseline: razdel, Russian articles",
        len(ru),
        lambda: [list(razdel.sentenize(p.text)) for d in ru for p in d.paragraphs],
    )
    timed(
        "ours: lang.sentences, Russian articles", len(ru), lambda: [stages[2](d) for d in ru], base
    )
    en = [d for d in docs if d.languages == ["en"]][: max(1, n // 10)]
    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
    base = timed(
        "baseline: pysbd, English articles (a tenth)",
        len(en),
        lambda: [seg.segment(p.text) for d in en for p in d.paragraphs],
    )
    timed(
        "ours: lang.sentences, same English articles",
        len(en),
        lambda: [stages[2](d) for d in en],
        base,
    )
    print(
        f"lingua {version('lingua-language-detector')}, blingfire {version('blingfire')}, "
        f"pysbd {version('pysbd')}, razdel {version('razdel')}; python "
        f"{platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
