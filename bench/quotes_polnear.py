"""PolNeAR (English political news): who said what, scored as (source, content) pairs.

Runs newsloom's attribution finder (:func:`newsloom.extract.quotes.find_attributions`,
paragraphs split on line breaks, sentences by newsloom's own splitter, English parses
batched per article as the ``extract.quotes`` stage does) on each article and compares
the (source, content) pairs with the gold attributions of every annotator file.

Matching rule (partial match, one to one):

* content: the whitespace tokens a span touches; a gold content written in pieces
  (a quote interrupted by ``said Caddell``) is the union of its pieces, and so is a
  found quote continued after its cue (the found pieces with one cue are one pair).
  Found and gold content match when they share at least half of the tokens of the
  larger of the two;
* source: the found source span holds the gold source's last word, or the gold
  source span holds the found source's last word (``Flynn`` for ``Flynn, a top Trump
  surrogate,``; ``He`` for ``He``). A gold attribution with no source (about 3%)
  needs only the content; a found pair with no source matches only those.

Each gold and each found pair matches at most once; a found pair takes the matching
gold pair it overlaps most. Annotator files are pooled: an article annotated twice
counts twice. Anchor: none published for these splits (SOURCE.md); the PolNeAR paper
reports inter-annotator agreement, not a system.

Until 2026-11-22 this scored a gold content as the range from its first piece to its
last (cue and source words inside it counted as content), tokens by where they start
(a quote's opening mark pushed its first word out of the found span), and a source
only by the gold source's last word (``Flynn`` missed ``Flynn, a top Trump
surrogate,``). Those rules scored the same output lower; ``--old-rules`` keeps them
for comparison.

    .venv/bin/python bench/quotes_polnear.py [--split dev|test] [--old-rules] [--show N]
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from newsloom.extract.quotes import find_attributions, parse_paragraphs
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
Pair = tuple[Span | None, list[Span]]


def gold_pairs(ann: Path) -> list[Pair]:
    """(last source piece, content pieces) of every attribution with a content."""
    spans: dict[str, list[Span]] = {}
    pairs: list[Pair] = []
    lines = ann.read_text("utf-8").splitlines()
    for line in lines:
        if line.startswith("T"):
            tid, info, *_ = line.split("\t")
            nums = [int(x) for x in info.split(" ", 1)[1].replace(";", " ").split()]
            spans[tid] = [(nums[i], nums[i + 1]) for i in range(0, len(nums), 2)]
    for line in lines:
        if line.startswith("E"):
            roles = dict(r.split(":") for r in line.split("\t")[1].split())
            if "Content" not in roles or roles["Content"] not in spans:
                continue
            s = spans.get(roles.get("Source", ""))
            pairs.append((s[-1] if s else None, spans[roles["Content"]]))
    return pairs


def found_pairs(text: str) -> list[Pair]:
    """newsloom's pairs for one article; quotes continued after one cue are one pair."""
    paragraphs = [(m.start(), m[0]) for m in re.finditer(r"[^\n]+", text)]
    sentences = [split_sentences(p, "en") for _, p in paragraphs]
    parses = parse_paragraphs([p for _, p in paragraphs], sentences, "en")
    out: list[Pair] = []
    for (base, para), sents, parsed in zip(paragraphs, sentences, parses, strict=True):
        by_cue: dict[object, Pair] = {}
        for att in find_attributions(para, "en", sents, parsed):
            src = (att.source[0] + base, att.source[1] + base) if att.source else None
            content = (att.start + base, att.end + base)
            key = att.cue_span if att.cue_span else (att.start, att.end)
            if key in by_cue:
                by_cue[key][1].append(content)
            else:
                by_cue[key] = (src, [content])
        out.extend(by_cue.values())
    return out


def _tokens(text: str, pieces: list[Span], old: bool = False) -> set[int]:
    """Start offsets of the whitespace tokens the pieces touch (``old``: start inside)."""
    if old:
        a, b = min(p[0] for p in pieces), max(p[1] for p in pieces)
        return {w.start() for w in re.finditer(r"\S+", text[:b]) if w.start() >= a}
    out: set[int] = set()
    for a, b in pieces:
        for w in re.finditer(r"\S+", text):
            if w.start() >= b:
                break
            if w.end() > a:
                out.add(w.start())
    return out


def _last_word(text: str, span: Span) -> int:
    words = list(re.finditer(r"\w+", text[span[0] : span[1]]))
    return span[0] + words[-1].start() if words else span[0]


def _source_ok(text: str, found: Span | None, gold: Span | None, old: bool) -> bool:
    if gold is None:
        return True
    if found is None:
        return False
    if found[0] <= _last_word(text, gold) < found[1]:
        return True
    return not old and gold[0] <= _last_word(text, found) < gold[1]


def score(text: str, gold: list[Pair], found: list[Pair], old: bool = False) -> list[int | None]:
    """For each found pair, the index of the gold pair it matches, or None."""
    gold_tokens = [_tokens(text, g[1], old) for g in gold]
    used: set[int] = set()
    out: list[int | None] = []
    for src, content in found:
        ft = _tokens(text, content if not old else [(content[0][0], content[-1][1])], old)
        best, best_overlap = None, 0
        for k, (gsrc, _) in enumerate(gold):
            if k in used:
                continue
            overlap = len(ft & gold_tokens[k])
            if overlap < 0.5 * max(len(ft), len(gold_tokens[k]), 1) or overlap <= best_overlap:
                continue
            if _source_ok(text, src, gsrc, old):
                best, best_overlap = k, overlap
        if best is not None:
            used.add(best)
        out.append(best)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=["dev", "test"])
    ap.add_argument("--old-rules", action="store_true", help="the matching used until 2026-11-22")
    ap.add_argument("--show", type=int, default=0, help="print misses of the first N articles")
    args = ap.parse_args()
    root = DATA / args.split
    if not root.is_dir():
        print(f"skipped: {root} is absent")
        return 0
    tp = n_found = n_gold = 0
    chars = 0
    cpu = 0.0
    found_of: dict[str, list[Pair]] = {}
    anns = sorted((root / "attributions").glob("*.ann"))
    for n, ann in enumerate(anns):
        stem = ann.stem.rsplit("_", 1)[0]
        text = (root / "text" / f"{stem}.txt").read_text("utf-8")
        if stem not in found_of:
            start = time.process_time()
            found_of[stem] = found_pairs(text)
            cpu += time.process_time() - start
            chars += len(text)
        gold, found = gold_pairs(ann), found_of[stem]
        matched = score(text, gold, found, args.old_rules)
        hits = sum(m is not None for m in matched)
        tp, n_found, n_gold = tp + hits, n_found + len(found), n_gold + len(gold)
        if n < args.show:
            _show(text, gold, found, matched)
    p = tp / n_found if n_found else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    rules = "old rules" if args.old_rules else "partial match"
    print(
        f"PolNeAR {args.split}: {len(anns)} annotator files, {len(found_of)} articles; "
        f"{n_gold} gold attributions, {n_found} found, {tp} matched ({rules})"
    )
    print(f"(source, content) pairs: P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    print(f"cpu {cpu:.2f} s for {chars:,} characters; python {platform.python_version()}")
    return 0


def _show(text: str, gold: list[Pair], found: list[Pair], matched: list[int | None]) -> None:
    def words(span: Span | None) -> str:
        return repr(text[span[0] : span[1]]) if span else "-"

    def content(pieces: list[Span]) -> str:
        return " / ".join(text[a:b] for a, b in pieces)[:140].replace("\n", " ")

    hit = {k for k in matched if k is not None}
    kinds: dict[str, list[str]] = defaultdict(list)
    for k, (src, pieces) in enumerate(gold):
        if k not in hit:
            kinds["missed"].append(f"  {words(src)} | {content(pieces)}")
    for (src, pieces), m in zip(found, matched, strict=True):
        if m is None:
            kinds["wrong"].append(f"  {words(src)} | {content(pieces)}")
    for kind, rows in kinds.items():
        print(f"{kind}:", *rows, sep="\n")


if __name__ == "__main__":
    sys.exit(main())
