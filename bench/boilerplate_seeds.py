"""Boilerplate and header metadata on the seed articles and the demo corpus, against their gold.

Run: ``.venv/bin/python bench/boilerplate_seeds.py`` (reads ../shared beside the repo).

Boilerplate: a gold line is found when a marked paragraph starts with its prefix
(recall).  A marked paragraph that no gold prefix matches counts against
precision, except captions and repeated titles, which the spec calls clutter
and the gold does not list: those are printed apart as "extra (clutter by
rule)".  Gold body paragraphs (those in the paragraph alignment) that got
marked are counted separately and must be zero.  Metadata: title, outlet,
published, authors, editor and translator per document; a field we set that
the gold leaves out is shown as "(not in gold)".
"""

from __future__ import annotations

import json
import platform
import sys
from importlib.metadata import version
from pathlib import Path

from newsloom.clean.boilerplate import Boilerplate
from newsloom.clean.metadata import MetadataReader
from newsloom.clean.parse import Parser
from newsloom.ingest import iter_inputs
from newsloom.model import Document, RawInput
from newsloom.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
DEMO = ROOT / "demo"
BY_RULE = {"caption", "repeated_title"}
FIELDS = ("title", "outlet", "published", "authors", "editor", "translator", "translated_from")


def clean_seeds(settings: Settings) -> dict[str, Document]:
    parser, boiler, meta = Parser(settings), Boilerplate(settings), MetadataReader(settings)
    out = {}
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        raw = RawInput(str(path), "text", path.read_text("utf-8"), "utf-8")
        out[path.name] = meta(boiler(parser(raw)))
    return out


def clean_demo(settings: Settings) -> dict[str, Document]:
    """The demo corpus through ingest (encodings, JSONL, feeds), keyed like EXPECTED.json."""
    parser, boiler, meta = Parser(settings), Boilerplate(settings), MetadataReader(settings)
    out = {}
    for raw in iter_inputs([str(DEMO / "corpus")], settings):
        if isinstance(raw, RawInput):
            out[Path(raw.source).name] = meta(boiler(parser(raw)))
    return out


def field_ok(name: str, gold: object, doc: Document) -> bool:
    got = getattr(doc.meta, name)
    if name == "title":
        titles = set(gold.values()) if isinstance(gold, dict) else {gold}
        lines = {p.text for p in doc.paragraphs}
        roles = {p.text for p in doc.paragraphs if p.role == "title"}
        return got in titles and titles & lines <= roles
    if name == "authors":
        return sorted(got) == sorted(gold)
    options = gold if isinstance(gold, list) else [gold]
    return isinstance(got, str) and got.casefold() in {str(o).casefold() for o in options}


def score(label: str, gold: dict, docs: dict[str, Document]) -> None:
    """Print per-document results and the totals for one gold file."""
    found = total_gold = marked_total = wrong = body_marked = 0
    fields_ok = fields_total = 0
    for name, info in gold["documents"].items():
        doc = docs.get(name)
        if doc is None:
            print(f"\n{name}: no document from ingest has this name")
            continue
        prefixes = gold["boilerplate_lines"].get(name, [])
        body = [p for pair in gold["paragraph_alignment"].get(name, []) for p in pair]
        gold_paras: set[int] = set()
        missed = []
        for prefix in prefixes:
            hits = [i for i, p in enumerate(doc.paragraphs) if p.text.startswith(prefix)]
            gold_paras.update(hits)
            if any(doc.paragraphs[i].boilerplate for i in hits):
                found += 1
            else:
                missed.append(prefix)
        total_gold += len(prefixes)
        extra, by_rule = [], []
        for i, p in enumerate(doc.paragraphs):
            if not p.boilerplate or i in gold_paras:
                continue
            (by_rule if p.reason in BY_RULE else extra).append(f"{p.reason}: {p.text[:70]}")
            if any(p.text.startswith(b) for b in body):
                body_marked += 1
        marked_total += sum(p.boilerplate for p in doc.paragraphs) - len(by_rule)
        wrong += len(extra)
        print(f"\n{name}: {len(prefixes) - len(missed)}/{len(prefixes)} gold lines marked")
        for prefix in missed:
            print(f"  MISSED {prefix}")
        for line in extra:
            print(f"  extra (counts against precision) {line}")
        for line in by_rule:
            print(f"  extra (clutter by rule) {line}")
        for field in FIELDS:
            got = getattr(doc.meta, field)
            if field not in info:
                if got:
                    print(f"  {field:<15} (not in gold) {got}")
                continue
            ok = field_ok(field, info[field], doc)
            fields_ok += ok
            fields_total += 1
            print(f"  {field:<15} {'ok ' if ok else 'BAD'} {got!r}  gold {info[field]!r}")
    precision = (marked_total - wrong) / marked_total if marked_total else 1.0
    recall = found / total_gold if total_gold else 1.0
    print(
        f"\n{label}: boilerplate recall {recall:.3f} ({found}/{total_gold})  precision"
        f" {precision:.3f} ({marked_total - wrong}/{marked_total})  gold body paragraphs marked"
        f" {body_marked}; metadata fields right {fields_ok}/{fields_total}"
    )


def main() -> int:
    settings = Settings()
    gold_path = SHARED / "gold" / "seeds.json"
    if gold_path.exists():
        print("== seeds (../shared/seeds)")
        score("seeds", json.loads(gold_path.read_text("utf-8")), clean_seeds(settings))
    else:
        print(f"no seeds at {SHARED.resolve()}: skipped")
    print("\n== demo corpus (demo/corpus)")
    demo_gold = json.loads((DEMO / "EXPECTED.json").read_text("utf-8"))
    score("demo", demo_gold, clean_demo(settings))
    print(
        f"\npython {platform.python_version()}, trafilatura {version('trafilatura')}, "
        f"dateparser {version('dateparser')}, opencc {version('opencc')}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
