"""Alignment scoring with the definition of Vecalign's ``score.py`` (also Bertalign's).

Strict: a test bead counts only if the gold has exactly that bead. Lax: a test
bead counts if it shares a source sentence with a gold bead and a target
sentence with that bead's targets. Precision is over all test beads except
empty ones; recall swaps the roles and leaves out 1-0 / 0-1 beads on both sides.
Counts are summed over documents before dividing.
"""

from __future__ import annotations

import ast
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

BeadPair = tuple[tuple[int, ...], tuple[int, ...]]

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
BENCHDATA = SHARED / "benchdata"


def read_beads(path: Path) -> list[BeadPair]:
    """Beads of a ``[0,1]:[2]`` per-line file."""
    beads = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            src, tgt = line.split(":")
            beads.append((tuple(ast.literal_eval(src)), tuple(ast.literal_eval(tgt))))
    return beads


def _counts(gold: Iterable[BeadPair], test: Iterable[BeadPair]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of ``test`` against ``gold``."""
    gold_set = {g for g in gold if g[0] or g[1]}
    test_set = {t for t in test if t[0] or t[1]}
    gold_tgts: dict[int, set[int]] = defaultdict(set)
    for g_src, g_tgt in gold_set:
        for s in g_src:
            gold_tgts[s].update(g_tgt)
    hit = miss = lax_hit = lax_miss = 0
    for t_src, t_tgt in test_set:
        if (t_src, t_tgt) in gold_set:
            hit += 1
            lax_hit += 1
            continue
        miss += 1
        reachable = set().union(*(gold_tgts[s] for s in t_src)) if t_src else set()
        if reachable & set(t_tgt):
            lax_hit += 1
        else:
            lax_miss += 1
    return hit, miss, lax_hit, lax_miss


@dataclass
class Score:
    precision: float
    recall: float
    f1: float
    lax_precision: float
    lax_recall: float
    lax_f1: float

    def line(self) -> str:
        return (
            f"strict P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f} | "
            f"lax P {self.lax_precision:.3f} R {self.lax_recall:.3f} F1 {self.lax_f1:.3f}"
        )


def score(golds: Sequence[Sequence[BeadPair]], tests: Sequence[Sequence[BeadPair]]) -> Score:
    """Strict and lax precision, recall and F1 summed over documents."""
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    for gold, test in zip(golds, tests, strict=True):
        p = [x + y for x, y in zip(p, _counts(gold, test), strict=True)]
        gold_pairs = [g for g in gold if g[0] and g[1]]
        test_pairs = [t for t in test if t[0] and t[1]]
        r = [x + y for x, y in zip(r, _counts(test_pairs, gold_pairs), strict=True)]

    def ratio(a: int, b: int) -> float:
        return a / (a + b) if a + b else 0.0

    def f1(x: float, y: float) -> float:
        return 2 * x * y / (x + y) if x + y else 0.0

    ps, rs = ratio(p[0], p[1]), ratio(r[0], r[1])
    pl, rl = ratio(p[2], p[3]), ratio(r[2], r[3])
    return Score(ps, rs, f1(ps, rs), pl, rl, f1(pl, rl))


@dataclass
class AlignDoc:
    """One evaluation document: source and target sentences and the gold beads."""

    name: str
    src: list[str]
    tgt: list[str]
    gold: list[BeadPair]


def _lines(path: Path) -> list[str]:
    return path.read_text("utf-8").splitlines()


def mac_dev() -> list[AlignDoc]:
    """MAC-Dev zh-en (Bertalign): six chapters; empty when the data is absent."""
    root = BENCHDATA / "mac-zh-en-align" / "data" / "mac" / "dev"
    if not root.is_dir():
        return []
    return [
        AlignDoc(g.stem, _lines(root / "zh" / g.stem), _lines(root / "en" / g.stem), read_beads(g))
        for g in sorted((root / "gold").glob("*.align"))
    ]


def textberg_dev() -> list[AlignDoc]:
    """Text+Berg de-fr dev (Bleualign/Vecalign): one document; empty when absent."""
    root = BENCHDATA / "textberg-de-fr-align" / "vecalign_bleualign_data"
    if not (root / "dev.defr").is_file():
        return []
    return [
        AlignDoc(
            "dev", _lines(root / "dev.de"), _lines(root / "dev.fr"), read_beads(root / "dev.defr")
        )
    ]


@dataclass
class Run:
    """Beads per document and what aligning them cost (wall and CPU seconds)."""

    docs: list[AlignDoc]
    tests: list[list[BeadPair]]
    wall: float
    cpu: float

    @property
    def sentences(self) -> int:
        return sum(len(d.src) + len(d.tgt) for d in self.docs)

    def score(self, names: Iterable[str] | None = None) -> Score:
        """Strict and lax scores over all documents, or over the ``names`` given."""
        keep = set(names) if names is not None else {d.name for d in self.docs}
        pairs = [(d.gold, t) for d, t in zip(self.docs, self.tests, strict=True) if d.name in keep]
        return score([g for g, _ in pairs], [t for _, t in pairs])

    def speed(self) -> str:
        n = self.sentences
        return (
            f"{self.wall:.1f} s wall, {self.cpu:.1f} s CPU, "
            f"{n / self.wall:.0f} sentences/s wall, {n / self.cpu:.0f} per CPU second"
        )


def evaluate(
    docs: Sequence[AlignDoc],
    embed: Callable[[list[str]], np.ndarray],
    settings: object,
    vectors: Sequence[tuple[np.ndarray, np.ndarray]] | None = None,
) -> Run:
    """Align every document, timing wall and CPU (``time.process_time``) seconds.

    Without ``vectors`` the time includes encoding the sentences with ``embed``;
    with them (one source, target pair per document) it is the search alone,
    plus any groups that ``groups = "encode"`` sends to ``embed``.
    """
    from newsloom.relate.align import align

    tests = []
    wall, cpu = time.perf_counter(), time.process_time()
    for k, doc in enumerate(docs):
        src_vecs, tgt_vecs = vectors[k] if vectors is not None else (None, None)
        beads = align(doc.src, doc.tgt, embed, settings, src_vecs=src_vecs, tgt_vecs=tgt_vecs)  # type: ignore[arg-type]
        tests.append([(b.src, b.tgt) for b in beads])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return Run(list(docs), tests, wall, cpu)


def settings_from_args(pairs: Sequence[str]) -> object:
    """``Settings`` with ``align.KEY=VALUE`` overrides (values parsed as TOML scalars)."""
    import tomllib

    from newsloom.settings import Settings

    values = {}
    for pair in pairs:
        key, _, raw = pair.partition("=")
        values[key.removeprefix("align.")] = tomllib.loads(f"v = {raw}")["v"]
    return Settings({"align": values})


def machine() -> str:
    import os
    import platform

    cpu = platform.processor() or platform.machine()
    return f"{cpu}, {os.cpu_count()} cores, numpy {np.__version__}"
