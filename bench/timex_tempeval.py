"""TempEval-3 (TBAQ-cleaned, TimeBank + AQUAINT): timex extents and values.

Reads the TimeML files under ../shared/benchdata/tempeval3-en, takes each file's
document creation time (DCT) as the publication date, runs
:func:`newsloom.extract.time.find_timexes` on the plain text and scores against
the gold TIMEX3 of type DATE (the only type newsloom emits: no clock times,
durations or sets).

* extent strict: same start and end; relaxed: the spans overlap;
* value accuracy: share of the relaxed matches whose value equals the gold value
  (newsloom writes weeks as ``YYYY-Www`` as TimeML does; TimeML's PRESENT_REF,
  seasons and quarters are never produced, so they count as misses);
* speed: our rules against dateparser's ``search_dates`` (English only) over
  the same texts, CPU seconds side by side.

Anchors (TempEval-3 task paper, UzZaman et al. 2013, Task A on the platinum test
set, all timex types, from the paper rather than SOURCE.md, which gives none):
HeidelTime strict F1 81.3, relaxed F1 90.3, value F1 77.6; SUTime strict F1 79.6,
relaxed F1 90.3, value F1 67.4. Our figure is DATE-only and on the training
(TBAQ) split, so it is a guide, not a like-for-like comparison.

    .venv/bin/python bench/timex_tempeval.py [--limit N] [--speed]
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import time
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

from newsloom.extract.time import Anchor, find_timexes

DATA = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "benchdata"
    / "tempeval3-en"
    / "data"
    / "TempEval3"
    / "Training"
    / "TBAQ-cleaned"
)


def read(path: Path) -> tuple[str, date, list[tuple[int, int, str, str]]]:
    """The plain text of <TEXT>, the DCT and the gold timexes (start, end, type, value)."""
    raw = path.read_text("utf-8")
    raw = re.sub(r"<\?xml[^>]*\?>", "", raw)
    root = ET.fromstring(raw)
    dct_el = root.find("DCT/TIMEX3")
    dct = date.fromisoformat((dct_el.get("value") or "")[:10]) if dct_el is not None else None
    text_el = root.find("TEXT")
    parts: list[str] = []
    gold: list[tuple[int, int, str, str]] = []

    def walk(el: ET.Element) -> None:
        start = sum(map(len, parts))
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if el.tag == "TIMEX3":
            gold.append((start, sum(map(len, parts)), el.get("type", ""), el.get("value", "")))

    walk(text_el)
    return "".join(parts), dct, gold


def sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[^.!?\n]+(?:[.!?]+|\n|$)", text)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="score only the first N files")
    ap.add_argument("--speed", action="store_true", help="also time dateparser.search_dates")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent")
        return 0
    files = sorted(DATA.glob("*/*.tml"))
    if args.limit:
        files = files[: args.limit]
    docs = [read(f) for f in files]
    tp_strict = tp_relaxed = value_ok = n_pred = n_gold = 0
    cpu = time.process_time()
    for text, dct, gold in docs:
        found = find_timexes(text, "en", Anchor(dct, dct.year), sentences(text))
        gold_dates = [g for g in gold if g[2] == "DATE"]
        n_pred += len(found)
        n_gold += len(gold_dates)
        for f in found:
            exact = [g for g in gold_dates if (g[0], g[1]) == (f.start, f.end)]
            overlap = [g for g in gold_dates if g[0] < f.end and f.start < g[1]]
            tp_strict += bool(exact)
            if overlap:
                tp_relaxed += 1
                value_ok += (exact or overlap)[0][3] == f.value
    ours = time.process_time() - cpu

    def f1(tp: int) -> str:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0.0:.3f}"

    print(f"TempEval-3 TBAQ-cleaned, {len(docs)} files, {n_gold} gold DATE timexes, {n_pred} found")
    print(f"extent strict : {f1(tp_strict)}")
    print(f"extent relaxed: {f1(tp_relaxed)}")
    acc = value_ok / tp_relaxed if tp_relaxed else 0.0
    print(f"value accuracy on relaxed matches: {acc:.3f}  (value F1 {f1(value_ok)})")
    print(f"cpu: newsloom rules {ours:.2f} s for {sum(len(d[0]) for d in docs):,} characters")
    if args.speed:
        from dateparser.search import search_dates

        cpu = time.process_time()
        for text, dct, _ in docs:
            base = datetime(dct.year, dct.month, dct.day)
            search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base})
        theirs = time.process_time() - cpu
        print(f"cpu: dateparser.search_dates {theirs:.2f} s; ratio {theirs / ours:.1f}x")
    print(f"python {platform.python_version()} on {platform.machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
