"""PolNeAR (English political news, dev split): who said what, scored as pairs.

Runs :func:`newsloom.extract.quotes.find_attributions` on each article (paragraphs
split on blank lines, sentences by newsloom's own splitter) and compares the
(source, content) pairs with the gold attributions of every annotator file.

Matching rule: a found pair matches a gold one when the content spans overlap by
at least half of the longer of the two (token overlap, tokens = whitespace words)
and the gold source's head (its last word) lies inside the found source span;
a gold attribution with no source (about 3%) needs only the content. Each gold
and each found pair matches at most once. Scored against each annotator's file
and averaged. Anchor: none published for this split (SOURCE.md); the PolNeAR
paper reports inter-annotator agreement, not a system.

    .venv/bin/python bench/quotes_polnear.py [--split dev|test]
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import time
from pathlib import Path

from newsloom.extract.quotes import find_attributions
from newsloom.lang.sentences import split_sentences

DATA = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "benchdata"
    / "polnear-en-attribution"
    / "data"
)
Span = tuple[int, int]


def gold_pairs(ann: Path) -> list[tuple[Span | None, Span]]:
    spans: dict[str, list[Span]] = {}
    pairs: list[tuple[Span | None, Span]] = []
    lines = ann.read_text("utf-8").splitlines()
    for line in lines:
        if line.startswith("T"):
            tid, info, *_ = line.split("\t")
            parts = info.split(" ", 1)[1].replace(";", " ").split()
            nums = [int(x) for x in parts]
            spans[tid] = [(nums[i], nums[i + 1]) for i in range(0, len(nums), 2)]
    for line in lines:
        if line.startswith("E"):
            roles = dict(r.split(":") for r in line.split("\t")[1].split())
            if "Content" not in roles or roles["Content"] not in spans:
                continue
            c = spans[roles["Content"]]
            content = (min(a for a, _ in c), max(b for _, b in c))
            s = spans.get(roles.get("Source", ""))
            pairs.append(((s[-1][0], s[-1][1]) if s else None, content))
    return pairs


def found_pairs(text: str) -> list[tuple[Span | None, Span]]:
    out: list[tuple[Span | None, Span]] = []
    for m in re.finditer(r"[^\n]+", text):
        para = m[0]
        sents = split_sentences(para, "en")
        for att in find_attributions(para, "en", sents):
            src = (att.source[0] + m.start(), att.source[1] + m.start()) if att.source else None
            out.append((src, (att.start + m.start(), att.end + m.start())))
    return out


def _tokens(text: str, span: Span) -> set[int]:
    return {w.start() for w in re.finditer(r"\S+", text[: span[1]]) if w.start() >= span[0]}


def score(text: str, gold: list[tuple[Span | None, Span]], found: list) -> tuple[int, int, int]:
    used: set[int] = set()
    tp = 0
    for src, content in found:
        ft = _tokens(text, content)
        for k, (gsrc, gcontent) in enumerate(gold):
            if k in used:
                continue
            gt = _tokens(text, gcontent)
            if len(ft & gt) < 0.5 * max(len(ft), len(gt), 1):
                continue
            if gsrc is not None:
                head = list(re.finditer(r"\w+", text[gsrc[0] : gsrc[1]]))
                pos = gsrc[0] + head[-1].start() if head else gsrc[0]
                if src is None or not src[0] <= pos < src[1]:
                    continue
            used.add(k)
            tp += 1
            break
    return tp, len(found), len(gold)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=["dev", "test"])
    args = ap.parse_args()
    root = DATA / args.split
    if not root.is_dir():
        print(f"skipped: {root} is absent")
        return 0
    tp = n_found = n_gold = 0
    cpu = time.process_time()
    chars = 0
    for ann in sorted((root / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        text = (root / "text" / f"{stem}.txt").read_text("utf-8")
        chars += len(text)
        t, f, g = score(text, gold_pairs(ann), found_pairs(text))
        tp, n_found, n_gold = tp + t, n_found + f, n_gold + g
    cpu = time.process_time() - cpu
    p = tp / n_found if n_found else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"PolNeAR {args.split}: {n_gold} gold attributions, {n_found} found, {tp} matched")
    print(f"(source, content) pairs: P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    print(f"cpu {cpu:.2f} s for {chars:,} characters; python {platform.python_version()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
