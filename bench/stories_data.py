"""Readers for the story benchmarks: ECB+ documents and SemEval-2022 Task 8 pairs.

Both sets are read at run time from ``../shared/benchdata`` beside the repository;
processed documents are cached under ``/tmp`` so a re-run skips the encoder.
"""

from __future__ import annotations

import csv
import pickle
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from newsloom.model import Document, RawInput
from newsloom.pipeline import DEFAULT_STAGES, Pipeline, registered
from newsloom.settings import Settings

BENCHDATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchdata"
ECB = BENCHDATA / "ecbplus-en" / "ECB+_LREC2014" / "ECB+"
SEMEVAL = BENCHDATA / "semeval2022-task8-newssim"
CACHE = Path("/tmp/newsloom-stories-cache")

_BEFORE = re.compile(r" ([.,;:!?%)\]}]|'s|n't|'re|'ll|'ve|'d|'m)")
_AFTER = re.compile(r"([(\[{$]) ")


def _detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens).replace("``", '"').replace("''", '"')
    return _AFTER.sub(r"\1", _BEFORE.sub(r"\1", text))


def ecb_text(path: Path) -> str:
    """A document's text, a sentence a line; the URL line opening an ecbplus file is dropped
    (it names the event and would give the answer away)."""
    sentences: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence", 0)), []).append(token.text or "")
    keys = sorted(sentences)
    if path.name.endswith("ecbplus.xml") and keys:
        keys = keys[1:]
    return "\n\n".join(_detokenise(sentences[k]) for k in keys)


def _completed(cache: Path, items):
    """Cached documents with the stages added since they were cached run over them.

    The encoder is what costs (about a second a document on two shared cores);
    later stages (entities, dates, quotes) only need a document's paragraphs and
    sentences, so a cache made before they existed is brought up to date in place.
    """
    rows = items.values() if isinstance(items, dict) else items
    docs = [x for item in rows if item for x in item if isinstance(x, Document)]
    missing = [n for n in DEFAULT_STAGES if any(n not in d.stages for d in docs)]
    if not missing:
        return items
    settings = Settings()
    stages = [registered()[n](settings) for n in missing]
    for i, doc in enumerate(docs):
        for component in stages:
            if component.name not in doc.stages:
                doc.__dict__.update(component(doc).__dict__)
                doc.stages[component.name] = component.version
        print(f"\rcompleting {i + 1}/{len(docs)}", end="", file=sys.stderr)
    cache.write_bytes(pickle.dumps(items))
    return items


def ecb_documents(topics: range) -> list[tuple[str, Document]]:
    """(gold cluster label, processed document) for every document of the topics."""
    CACHE.mkdir(exist_ok=True)
    cache = CACHE / f"ecb_{topics.start}_{topics.stop}.pkl"
    if cache.exists():
        return _completed(cache, pickle.loads(cache.read_bytes()))
    pipe = Pipeline(Settings())
    out = []
    for topic in topics:
        for path in sorted((ECB / str(topic)).glob("*.xml")):
            sub = "plus" if path.name.endswith("ecbplus.xml") else "ecb"
            raw = RawInput(str(path), "text", ecb_text(path), "utf-8")
            out.append((f"{topic}/{sub}", pipe(raw)))
            print(f"\r{len(out)}", end="", file=sys.stderr)
    cache.write_bytes(pickle.dumps(out))
    return out


def semeval_pairs() -> list[tuple[str, str, str, str, float]]:
    """(lang1, lang2, text1, text2, Overall) for the real train pairs that come with text.

    The HFL sample files hold machine-translated augmentations too (ids with a
    language code inside); those are left out, as are rows repeated across files.
    """
    rows: dict[str, tuple[str, str, str, str, float]] = {}
    for name in ("training_set.csv", "testing_set.csv"):
        with open(SEMEVAL / "text_samples_hfl" / name, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                pair = row["pair_id"]
                if not re.fullmatch(r"\d+_\d+", pair) or not row["text1"] or not row["text2"]:
                    continue
                rows[pair] = (
                    row["lang1"],
                    row["lang2"],
                    row["text1"],
                    row["text2"],
                    float(row["Overall"]),
                )
    return list(rows.values())


def semeval_documents(limit: int | None = None) -> list[tuple[Document, Document, float]]:
    """The first ``limit`` pairs (file order; all when None), processed.

    The encoder on two shared cores takes about a second a document, so processed
    pairs are cached by their index and a run only processes the pairs not yet
    cached (saving as it goes); a pair the pipeline rejects is left out.
    """
    CACHE.mkdir(exist_ok=True)
    cache = CACHE / "semeval_pairs.pkl"
    done: dict[int, tuple[Document, Document, float] | None] = {}
    if cache.exists():
        done = pickle.loads(cache.read_bytes())
    pairs = semeval_pairs()[:limit]
    todo = [i for i in range(len(pairs)) if i not in done]
    pipe = Pipeline(Settings()) if todo else None
    for n, i in enumerate(todo):
        _l1, _l2, t1, t2, score = pairs[i]
        try:
            a = pipe(RawInput(f"semeval#{i}a", "text", t1, "utf-8"))
            b = pipe(RawInput(f"semeval#{i}b", "text", t2, "utf-8"))
            done[i] = (a, b, score)
        except Exception as exc:
            print(f"skip pair {i}: {exc}", file=sys.stderr)
            done[i] = None
        print(f"\r{n + 1}/{len(todo)}", end="", file=sys.stderr)
        if (n + 1) % 50 == 0 or n + 1 == len(todo):
            cache.write_bytes(pickle.dumps(done))
    items = _completed(cache, done)
    return [items[i] for i in range(len(pairs)) if items[i] is not None]


if __name__ == "__main__":
    if sys.argv[1:] == ["ecb"]:
        print(len(ecb_documents(range(1, 23))))
    else:
        print(len(semeval_documents(int(sys.argv[1]) if sys.argv[1:] else None)))
