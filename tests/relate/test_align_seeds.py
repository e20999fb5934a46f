"""Paragraph alignment of the bilingual seed articles against the hand-made gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from newsloom.relate.align import align_paragraphs

pytestmark = pytest.mark.slow

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
_HAN = regex.compile(r"\p{Han}")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_LATIN = regex.compile(r"\p{Latin}")


def _lines_by_script(path: Path, script: regex.Pattern[str]) -> tuple[list[str], list[str]]:
    """Non-empty lines split into those mostly in ``script`` and those mostly Latin."""
    other, latin = [], []
    for line in path.read_text("utf-8").splitlines():
        line = line.strip()
        n_script, n_latin = len(script.findall(line)), len(_LATIN.findall(line))
        if n_script > n_latin:
            other.append(line)
        elif n_latin:
            latin.append(line)
    return other, latin


@pytest.mark.parametrize(("seed", "script"), [("000_", _HAN), ("003_", _CYRILLIC)])
def test_gold_paragraph_pairs_are_aligned(seed: str, script: regex.Pattern[str]) -> None:
    gold_path = SHARED / "gold" / "seeds.json"
    files = sorted((SHARED / "seeds").glob(f"{seed}*.txt"))
    if not gold_path.is_file() or not files:
        pytest.skip("shared seeds are absent")
    gold = json.loads(gold_path.read_text("utf-8"))["paragraph_alignment"][files[0].name]
    other, latin = _lines_by_script(files[0], script)

    from newsloom.embed import load_encoder

    beads = align_paragraphs(other, latin, load_encoder().encode)
    together = {(o, t) for b in beads for o in b.src for t in b.tgt}
    for prefix_a, prefix_b in gold:
        # Each gold pair is two line prefixes; either may be in the non-Latin script.
        a_in_other = any(line.startswith(prefix_a) for line in other)
        o_prefix, l_prefix = (prefix_a, prefix_b) if a_in_other else (prefix_b, prefix_a)
        o_idx = [i for i, line in enumerate(other) if line.startswith(o_prefix)]
        l_idx = [j for j, line in enumerate(latin) if line.startswith(l_prefix)]
        assert o_idx and l_idx, (o_prefix, l_prefix)
        assert (o_idx[0], l_idx[0]) in together, (o_prefix, l_prefix)
    # Site navigation and by-lines have no counterpart and stay out of the pairs.
    unaligned = [latin[t] for b in beads if not b.src for t in b.tgt]
    assert len(unaligned) >= 3
