"""Numbers, names and punctuation as alignment evidence, and the DP core on plain arrays."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from newsloom.relate import align_evidence as ev
from newsloom.relate.align import AlignSettings, _anchor_path
from newsloom.relate.align_dp import Band, band_dot, search


@pytest.mark.parametrize(
    ("token", "expected"),
    [("1,000", "1000"), ("1.000", "1000"), ("1\u00a0000", "1000"), ("3,5", "3.5"),
     ("3.5", "3.5"), ("2022", "2022"), ("007", "7"), ("12,345,678", "12345678")],
)  # fmt: skip
def test_numbers_have_one_spelling(token: str, expected: str) -> None:
    assert ev.normalise_number(token) == expected


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("三十五", 35), ("十二", 12), ("一千二百", 1200), ("二〇二二", 2022), ("三万", 30_000)],
)
def test_chinese_numerals(numeral: str, value: int) -> None:
    assert ev.chinese_numeral(numeral) == value


def test_numbers_meet_across_scripts() -> None:
    assert ev.numbers("会谈持续了十二个小时，共有1,500人参加。") == ["1500", "12"]
    assert sorted(ev.numbers("The talks lasted 12 hours and 1500 people came.")) == ["12", "1500"]
    # A lone 一 is a word, not a number.
    assert ev.numbers("他一个人走了。") == []


def test_names_fold_scripts_and_skip_the_first_word() -> None:
    assert ev.names("北约秘书长说NATO不会让步") == ["nato"]
    assert ev.names("Генсек НАТО заявил") == ["nato"]
    assert ev.names("Yesterday Ryabkov said") == ["ryab"]
    assert ev.names("Вчера Рябков сказал") == ["ryab"]


def test_agreement_rewards_shared_and_punishes_missing() -> None:
    num_a, _, punct_a = ev.bags(["Он спросил: сколько стоит 300 рублей?"])
    num_b, _, punct_b = ev.bags(["He asked: how much is 300 roubles?"])
    num_c, _, _ = ev.bags(["He paid."])
    assert ev.agreement(num_a, num_b, True)[0] == pytest.approx(1.0)
    assert ev.agreement(num_a, num_c, True)[0] == pytest.approx(-1.0)
    assert ev.agreement(punct_a, punct_b, True)[0] == pytest.approx(1.0)
    assert ev.agreement(num_c, num_c, True)[0] == 0.0  # no evidence either way


def test_search_follows_the_best_scores_and_skips_an_insertion() -> None:
    # Target 2 is an insertion: the diagonal of 1-1 scores is shifted after it.
    n, m = 4, 5
    band = Band.full(n, m)
    rows, cols = band.cells
    good = {(1, 1), (2, 2), (3, 4), (4, 5)}
    ones = np.array([0.9 if (r, c) in good else 0.0 for r, c in zip(rows, cols, strict=True)])
    types = [(1, 1), (1, 2), (2, 1)]
    scores = {(1, 1): ones, (1, 2): np.zeros_like(ones), (2, 1): np.zeros_like(ones)}
    beads = [
        (i0, i1, j0, j1)
        for i0, i1, j0, j1, _ in search(
            band, types, scores, np.full(n + 1, -0.1), np.full(m + 1, -0.1)
        )
    ]
    assert beads == [(0, 1, 0, 1), (1, 2, 1, 2), (2, 2, 2, 3), (2, 3, 3, 4), (3, 4, 4, 5)]


def test_band_dot_matches_the_full_product() -> None:
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(30, 8)), rng.normal(size=(41, 8))
    band = Band.around([(i, min(40, i + i // 3)) for i in range(30)], 29, 40, 3)
    rows, cols = band.cells
    np.testing.assert_allclose(band_dot(a, b, band, chunk=7), (a @ b.T)[rows, cols], rtol=1e-5)


def test_coarse_to_fine_anchor_path_equals_the_full_one() -> None:
    """The near-linear first pass finds the same path as the quadratic one."""
    rng = np.random.default_rng(1)
    src = rng.normal(size=(300, 32))
    keep = [j for j in range(300) if j % 37 != 5]  # some sentences lost in translation
    tgt = src[keep] + 0.6 * rng.normal(size=(len(keep), 32))
    extra = rng.normal(size=(10, 32))  # and some clutter inserted
    tgt = np.vstack([tgt[:100], extra, tgt[100:]])

    def unit(x: np.ndarray) -> np.ndarray:
        return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)

    def matched(max_cells: int) -> set[tuple[int, int]]:
        """The 1-1 steps of the path (the order of adjacent skips is a tie)."""
        path = _anchor_path(unit(src), unit(tgt), AlignSettings(first_pass_max_cells=max_cells))
        return {q for p, q in pairwise(path) if q[0] - p[0] == 1 and q[1] - p[1] == 1}

    full = matched(10**9)
    assert len(full) > 250
    assert matched(5_000) == full


def test_defaults_toml_and_dataclass_agree() -> None:
    from newsloom.settings import Settings

    assert AlignSettings.from_settings(Settings()) == AlignSettings()
