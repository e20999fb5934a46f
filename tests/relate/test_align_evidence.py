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
     ("3.5", "3.5"), ("2022", "2022"), ("007", "7"), ("12,345,678", "12345678"),
     ("１２", "12"), ("٣٥", "35")],
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


def test_neighbour_margin_charges_the_similarity_to_the_neighbours() -> None:
    """A 1-1 bead loses the mean similarity of each side to the other's neighbours."""
    from dataclasses import replace

    from newsloom.relate.align import _bead_scores, _Side

    rng = np.random.default_rng(2)
    src, tgt = rng.normal(size=(5, 8)), rng.normal(size=(6, 8))
    src /= np.linalg.norm(src, axis=1, keepdims=True)
    tgt /= np.linalg.norm(tgt, axis=1, keepdims=True)
    plain = AlignSettings(margin=0, neighbour_margin=0, length_exponent=0, member_weight=0,
                          number_weight=0, name_weight=0, punct_weight=0)  # fmt: skip
    band = Band.full(5, 6)
    rows, cols = band.cells

    def scores(cfg: AlignSettings) -> np.ndarray:
        s = _Side(["x"] * 5, src.astype(np.float32), cfg, lambda texts: np.zeros(0))
        t = _Side(["y"] * 6, tgt.astype(np.float32), cfg, lambda texts: np.zeros(0))
        return _bead_scores(s, t, (1, 1), band, cfg, 1.0)

    charged = scores(plain) - scores(replace(plain, neighbour_margin=0.5))

    def at(i: int, j: int) -> float:
        return float(charged[(rows == i) & (cols == j)][0])

    # Bead src[2]-tgt[3] ends at (3, 4); neighbours tgt[2], tgt[4] and src[1], src[3].
    near_t = (src[2] @ tgt[2] + src[2] @ tgt[4]) / 2
    near_s = (src[1] @ tgt[3] + src[3] @ tgt[3]) / 2
    assert at(3, 4) == pytest.approx(0.5 * (near_t + near_s) / 2, abs=1e-5)
    # At the start of both texts only the following segments are neighbours.
    assert at(1, 1) == pytest.approx(0.5 * (src[0] @ tgt[1] + src[1] @ tgt[0]) / 2, abs=1e-5)


def test_summed_group_vectors_weigh_members_by_length() -> None:
    """With sum_weight 0.5 a 4-character tail moves a 100-character sentence's group little."""
    from newsloom.relate.align import _Side

    vecs = np.eye(2, dtype=np.float32)
    side = _Side(["a" * 100, "b" * 4], vecs, AlignSettings(sum_weight=0.5), lambda t: np.zeros(0))
    np.testing.assert_allclose(side.group(2)[2], np.array([10, 2]) / np.hypot(10, 2), rtol=1e-6)
    equal = _Side(["a" * 100, "b" * 4], vecs, AlignSettings(sum_weight=0), lambda t: np.zeros(0))
    np.testing.assert_allclose(equal.group(2)[2], [2**-0.5, 2**-0.5], rtol=1e-6)


@pytest.mark.parametrize("x", [0.0, 0.3, 1.0, 2.5, 6.0, 20.0])
def test_log_normal_tail_matches_erfc(x: float) -> None:
    import math

    from newsloom.relate.align import _log_normal_tail

    expected = math.log(math.erfc(x / math.sqrt(2)))
    assert float(_log_normal_tail(np.array([x]))[0]) == pytest.approx(expected, rel=1e-6, abs=1e-7)


def test_log_normal_tail_does_not_underflow() -> None:
    from newsloom.relate.align import _log_normal_tail

    far = _log_normal_tail(np.array([60.0, 80.0]))
    assert np.isfinite(far).all() and far[1] < far[0] < -1000
