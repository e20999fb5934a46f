"""How well the source kinds of a briefing are told, and why structure is not used for MT.

1. Kinds on the labelled pages: the seeds (../shared/gold/seeds.json) and the demo
   corpus (demo/EXPECTED.json) are ingested into temporary stores; every text named in
   a gold relation is compared with :func:`newsloom.relate.provenance.text_kinds`
   (translation_of with the note "machine translation" -> machine_translation, other
   translation_of -> translation for ``a`` and original for ``b``, duplicate -> the
   gold's ``a`` is the duplicate). Printed: per-kind counts and accuracy, and the
   machine-translation confusion (precision/recall over the translations).
2. Literal structure in human translation (WMT21 ru-en, ../shared/benchdata): the share of
   documents (and of segments) whose Russian source and human English reference have the
   same number of sentences after newsloom's sentence splitter, per reference. A rule
   "equal sentence counts => machine" would call that share of professional human
   translations machines. (WMT translators work segment by segment, which inflates the
   share; news translators at large reorder more.)

    .venv/bin/python bench/brief_provenance.py
"""

from __future__ import annotations

import json
import platform
import sys
import tempfile
from collections import Counter
from pathlib import Path

from newsloom import __version__
from newsloom.lang.sentences import split_sentences
from newsloom.relate.provenance import text_kinds
from newsloom.service import Ingestor
from newsloom.settings import Settings
from newsloom.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def expected_kinds(gold: dict) -> dict[str, str]:
    """Gold reference (``FILE#lang`` or ``FILE``) -> kind, from the gold's relations."""
    out = {}
    for rel in gold["relations"]:
        if rel["type"] == "translation_of":
            machine = "machine" in rel.get("note", "")
            out[rel["a"]] = "machine_translation" if machine else "translation"
            out[rel["b"]] = "original"
        else:
            out[rel["a"]] = "duplicate"
    return out


def found_kinds(corpus: Path, tmp: Path) -> dict[str, str]:
    """Ingest ``corpus`` and return ``FILE#lang`` -> kind for every text."""
    store = open_store(tmp / "bench.db")
    report = Ingestor(store, Settings()).ingest([str(corpus)])
    assert report.ok, report.errors
    docs = {d.id: d for d in store.iter_documents()}
    kinds = text_kinds(docs, store.relations())
    store.close()
    names = {d.id: Path(d.source).name for d in docs.values()}
    return {f"{names[k.split('#')[0]]}#{k.split('#')[1]}": v.kind for k, v in kinds.items()}


def score_kinds() -> None:
    rows = []
    for label, corpus, gold_path in (
        ("seeds", SHARED / "seeds", SHARED / "gold" / "seeds.json"),
        ("demo", ROOT / "demo" / "corpus", ROOT / "demo" / "EXPECTED.json"),
    ):
        if not corpus.is_dir():
            print(f"{label}: {corpus} absent, skipped")
            continue
        gold = expected_kinds(json.loads(gold_path.read_text("utf-8")))
        with tempfile.TemporaryDirectory() as tmp:
            found = found_kinds(corpus, Path(tmp))
        for ref, want in gold.items():
            key = ref if "#" in ref else next(k for k in found if k.startswith(ref + "#"))
            rows.append((label, key, want, found.get(key)))
    print("\n== source kinds on the labelled pages")
    for label, key, want, got in rows:
        print(f"  {'ok ' if want == got else 'BAD'} {label:6} {key:45} gold {want:20} got {got}")
    per = Counter(want for _, _, want, _ in rows)
    right = Counter(want for _, _, want, got in rows if want == got)
    for kind in sorted(per):
        print(f"  {kind:20} {right[kind]}/{per[kind]}")
    print(f"  all                  {sum(right.values())}/{len(rows)}")
    trans = [(w, g) for _, _, w, g in rows if w in ("translation", "machine_translation")]
    tp = sum(w == g == "machine_translation" for w, g in trans)
    fp = sum(g == "machine_translation" != w for w, g in trans)
    fn = sum(w == "machine_translation" != g for w, g in trans)
    print(f"  machine translation among {len(trans)} translations: tp {tp}, fp {fp}, fn {fn}")


def structure_wmt() -> None:
    path = SHARED / "benchdata" / "wmt-news-docs-zh-ru-en" / "docs" / "wmt21.ru-en.docs.jsonl"
    if not path.is_file():
        print(f"\n{path} absent, skipped")
        return
    docs = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    print("\n== equal sentence counts, Russian source vs human English reference (WMT21 ru-en)")
    for ref in ("A", "B"):
        same_docs = ndocs = same_segs = nsegs = 0
        for doc in docs:
            if ref not in doc["refs"]:
                continue
            src = [seg for par in doc["src"] for seg in par]
            tgt = [seg for par in doc["refs"][ref]["paragraphs"] for seg in par]
            counts = [
                (len(split_sentences(s, "ru")), len(split_sentences(t, "en")))
                for s, t in zip(src, tgt, strict=False)
            ]
            ndocs += 1
            same_docs += sum(a for a, _ in counts) == sum(b for _, b in counts)
            nsegs += len(counts)
            same_segs += sum(a == b for a, b in counts)
        print(
            f"  reference {ref}: {same_docs}/{ndocs} documents ({same_docs / ndocs:.1%}) and "
            f"{same_segs}/{nsegs} segments ({same_segs / nsegs:.1%}) with equal sentence counts"
        )


def main() -> None:
    print(f"newsloom {__version__}, Python {sys.version.split()[0]}, {platform.machine()}")
    score_kinds()
    structure_wmt()


if __name__ == "__main__":
    main()
