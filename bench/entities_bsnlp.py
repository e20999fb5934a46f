"""Entity linking alone, on SlavicNER (BSNLP) Russian gold mentions with cross-document ids.

Input to the linker is the gold mentions (lemma as the normalised name, gold
type), so NER errors do not count: the figure is how well mentions are
grouped into entities. Scores are BCubed precision/recall/F1 over mentions
(Bagga & Baldwin 1998) and pairwise F1 over mention pairs, against the gold
cross-lingual ids, for:

* ``exact``: one entity per (type, lemma), the naive baseline;
* ``linker``: :class:`EntityLinker` with no story knowledge (a bare surname
  joins a person elsewhere only on shared context);
* ``linker+topic``: the same, told each document's topic as its story, as the
  story clusterer would.

The data is Russian only, so cross-script evidence is not exercised here.

    .venv/bin/python bench/entities_bsnlp.py [--data DIR] [--topics N]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from newsloom import __version__
from newsloom.extract.linking import EntityLinker, NameMention
from newsloom.settings import Settings

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchdata" / "slavicner-bsnlp"


def read(data: Path) -> tuple[list[NameMention], list[str], dict[str, str]]:
    """Gold mentions, their gold ids, and each document's topic."""
    mentions, gold, topics = [], [], {}
    for path in sorted(data.glob("ner/*/ru/*.tsv")):
        doc = f"{path.parts[-3]}/{path.stem}"
        topics[doc] = path.parts[-3]
        rows = [line.split("\t") for line in path.read_text("utf-8").splitlines()]
        for k, row in enumerate(r for r in rows if len(r) >= 6):
            _, _, _surface, lemma, etype, gold_id = row[:6]
            mentions.append(NameMention(doc, k, "ru", etype, lemma))
            gold.append(gold_id)
    return mentions, gold, topics


def bcubed(gold: Sequence[str], found: Sequence[object]) -> tuple[float, float, float]:
    by_gold: dict[str, list[int]] = defaultdict(list)
    by_found: dict[object, list[int]] = defaultdict(list)
    for i, (g, f) in enumerate(zip(gold, found, strict=True)):
        by_gold[g].append(i)
        by_found[f].append(i)
    cell = Counter(zip(gold, found, strict=True))
    p = sum(cell[(g, f)] / len(by_found[f]) for g, f in zip(gold, found, strict=True))
    r = sum(cell[(g, f)] / len(by_gold[g]) for g, f in zip(gold, found, strict=True))
    p, r = p / len(gold), r / len(gold)
    return p, r, 2 * p * r / (p + r)


def pairwise(gold: Sequence[str], found: Sequence[object]) -> tuple[float, float, float]:
    def pairs(counts: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    both = pairs(Counter(zip(gold, found, strict=True)))
    in_found, in_gold = pairs(Counter(found)), pairs(Counter(gold))
    p = both / in_found if in_found else 1.0
    r = both / in_gold if in_gold else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    if not (args.data / "ner").is_dir():
        print(f"no SlavicNER data at {args.data}; skipped", file=sys.stderr)
        return 0
    mentions, gold, topics = read(args.data)
    print(f"newsloom {__version__}, Python {platform.python_version()}, {platform.machine()}")
    print(f"{len(mentions)} gold mentions in {len(topics)} Russian documents, "
          f"{len(set(gold))} gold entities")  # fmt: skip
    linker = EntityLinker(Settings())
    runs: dict[str, tuple[list[object], float, float]] = {}
    t0, c0 = time.perf_counter(), time.process_time()
    exact: list[object] = [(m.type, m.name.casefold()) for m in mentions]
    runs["exact"] = (exact, time.perf_counter() - t0, time.process_time() - c0)
    t0, c0 = time.perf_counter(), time.process_time()
    labels = linker.cluster(mentions)
    runs["linker"] = (list(labels), time.perf_counter() - t0, time.process_time() - c0)
    t0, c0 = time.perf_counter(), time.process_time()
    labels = linker.cluster(mentions, groups=topics)
    runs["linker+topic"] = (list(labels), time.perf_counter() - t0, time.process_time() - c0)
    print(f"{'run':<14}{'B3 P':>7}{'B3 R':>7}{'B3 F1':>7}{'pair P':>8}{'pair R':>8}"
          f"{'pair F1':>8}{'entities':>10}{'wall s':>8}{'cpu s':>7}")  # fmt: skip
    for name, (found, wall, cpu) in runs.items():
        b = bcubed(gold, found)
        pw = pairwise(gold, found)
        print(f"{name:<14}{b[0]:7.3f}{b[1]:7.3f}{b[2]:7.3f}{pw[0]:8.3f}{pw[1]:8.3f}{pw[2]:8.3f}"
              f"{len(set(found)):>10}{wall:8.2f}{cpu:7.2f}")  # fmt: skip
    per_type = sorted({m.type for m in mentions})
    print("B3 F1 per type (linker+topic vs exact):")
    found = runs["linker+topic"][0]
    for etype in per_type:
        idx = [i for i, m in enumerate(mentions) if m.type == etype]
        g = [gold[i] for i in idx]
        f1 = bcubed(g, [found[i] for i in idx])[2]
        e1 = bcubed(g, [exact[i] for i in idx])[2]
        print(f"  {etype}: {f1:.3f} vs {e1:.3f} ({len(idx)} mentions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
