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
from newsloom.pipeline import Pipeline
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


def ecb_documents(topics: range) -> list[tuple[str, Document]]:
    """(gold cluster label, processed document) for every document of the topics."""
    CACHE.mkdir(exist_ok=True)
    cache = CACHE / f"ecb_{topics.start}_{topics.stop}.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
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


def semeval_documents(limit: int = 400) -> list[tuple[Document, Document, float]]:
    """The first ``limit`` pairs (file order), processed: the encoder on two shared cores
    takes about a second a document, so the whole set (1,500 pairs) is left for later."""
    CACHE.mkdir(exist_ok=True)
    cache = CACHE / f"semeval_{limit}.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    pipe = Pipeline(Settings())
    out = []
    for i, (_l1, _l2, t1, t2, score) in enumerate(semeval_pairs()[:limit]):
        try:
            a = pipe(RawInput(f"semeval#{i}a", "text", t1, "utf-8"))
            b = pipe(RawInput(f"semeval#{i}b", "text", t2, "utf-8"))
        except Exception as exc:
            print(f"skip pair {i}: {exc}", file=sys.stderr)
            continue
        out.append((a, b, score))
        print(f"\r{len(out)}", end="", file=sys.stderr)
    cache.write_bytes(pickle.dumps(out))
    return out


if __name__ == "__main__":
    if sys.argv[1:] == ["ecb"]:
        print(len(ecb_documents(range(1, 23))))
    else:
        print(len(semeval_documents()))
