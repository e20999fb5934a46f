"""Align a text with its translation: paragraphs first, then sentences inside them.

The method is Bertalign's two-step search (Liu & Zhu 2022) with evidence the
encoder lacks. Step one finds an anchor path over 1-1 cosine similarities
(1-1, 1-0 and 0-1 beads; for long texts inside a band projected from a coarser
alignment of block averages, so the work stays near-linear). Step two searches
every bead type up to ``max_bead`` sentences in a narrow band around that path.
A bead scores the cosine of its two groups' vectors, less a k-nearest-neighbour
margin (how similar the segments are to anything) and Bertalign's neighbour
margin (how similar each group is to the segments beside the other), times a
length-ratio factor, plus Gale and Church's log-probability of the two lengths,
less a charge for members that match nothing, plus agreement of
numbers, names and punctuation (:mod:`newsloom.relate.align_evidence`). A
sentence left out (a caption, a "read more") costs ``skip``: it stays unaligned
when no bead earns more than that.

Group vectors are either encoded from the joined text ("encode", the full
computation) or approximated by the normalised sum of the members' vectors
("sum", the default: no encoder call beyond one per sentence; members weighted
by length).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Literal

import numpy as np

from newsloom.errors import ConfigError, InputError
from newsloom.model import Paragraph
from newsloom.relate import align_evidence as evidence
from newsloom.relate.align_dp import Band, BeadType, band_dot, search
from newsloom.settings import Settings

Embed = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class Bead:
    """Source and target indices aligned together, and the bead's score.

    One side is empty for a sentence left unaligned (a 1-0 or 0-1 bead).
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float


@dataclass(frozen=True)
class AlignSettings:
    """The ``[align]`` settings (see ``defaults.toml`` for what each does)."""

    max_bead: int = 6
    paragraph_max_bead: int = 4
    paragraph_skip: float = -0.05
    skip: float = -0.2
    window: int = 6
    groups: Literal["sum", "encode"] = "sum"
    sum_weight: float = 0.5
    margin: float = 0.15
    margin_k: int = 4
    neighbour_margin: float = 0.2
    member_floor: float = 0.1
    member_weight: float = 1.0
    length_exponent: float = 0.5
    length_weight: float = 0.01
    length_variance: float = 2.0
    number_weight: float = 0.1
    name_weight: float = 0.1
    punct_weight: float = 0.05
    first_pass_max_cells: int = 4_000_000
    ratio_min_similarity: float = 0.2

    @classmethod
    def from_settings(cls, settings: Settings | AlignSettings | None) -> AlignSettings:
        if settings is None:
            settings = Settings()
        if isinstance(settings, AlignSettings):
            return settings
        values = {f.name: settings.get("align", f.name) for f in fields(cls)}
        if values["groups"] not in ("sum", "encode"):
            raise ConfigError(
                "NL202", "align", key="align.groups", expected="'sum' or 'encode'",
                value=values["groups"],
            )  # fmt: skip
        return cls(**values)


def align(
    src: Sequence[str],
    tgt: Sequence[str],
    embed: Embed,
    settings: Settings | AlignSettings | None = None,
    *,
    char_ratio: float | None = None,
    src_vecs: np.ndarray | None = None,
    tgt_vecs: np.ndarray | None = None,
) -> list[Bead]:
    """Align two lists of segments (sentences or paragraphs), in order, into beads.

    Args:
        src, tgt: the segments; either may be empty.
        embed: texts -> L2-normalised rows (``load_encoder().encode``).
        settings: ``Settings`` (its ``[align]`` section) or ``AlignSettings``.
        char_ratio: source / target characters expected for a translation;
            by default measured on the segments that have a counterpart.
        src_vecs, tgt_vecs: the segments' vectors, when the caller has them.

    Returns:
        Beads in order, covering every index of both sides exactly once.

    Raises:
        InputError: a segment is not a string or ``embed`` returned the wrong shape.

    Example:
        >>> en = ["The council approved the budget.", "The mayor praised the vote."]
        >>> zh = ["市议会批准了预算。", "点击订阅新闻简报，每天收到体育赛事结果。",
        ...       "市长称赞了这次投票。"]
        >>> [(b.src, b.tgt) for b in align(en, zh, load_encoder().encode)]
        [((0,), (0,)), ((), (1,)), ((1,), (2,))]
    """
    cfg = AlignSettings.from_settings(settings)
    _check_texts(src, "source")
    _check_texts(tgt, "target")
    if not src or not tgt:
        return [Bead((i,), (), cfg.skip) for i in range(len(src))] + [
            Bead((), (j,), cfg.skip) for j in range(len(tgt))
        ]
    src_vecs = _vectors(src, embed, src_vecs, "source")
    tgt_vecs = _vectors(tgt, embed, tgt_vecs, "target")
    s = _Side(src, src_vecs, cfg, embed)
    t = _Side(tgt, tgt_vecs, cfg, embed)
    anchor = _anchor_path(src_vecs, tgt_vecs, cfg)
    band = Band.around(anchor, len(src), len(tgt), cfg.window)
    rows, cols = band.cells
    sims = band_dot(s.group(1), t.group(1), band)
    if cfg.margin:
        s.hub = _prefix(_top_mean(rows, cols, sims, s.n + 1, cfg.margin_k)[1:])
        t.hub = _prefix(_top_mean(cols, rows, sims, t.n + 1, cfg.margin_k)[1:])
    if char_ratio is None:
        # Measured on the segments that have a counterpart, so that clutter on one
        # side (captions, navigation) does not skew what a translation's length is.
        s_kept = _top_mean(rows, cols, sims, s.n + 1, 1)[1:] >= cfg.ratio_min_similarity
        t_kept = _top_mean(cols, rows, sims, t.n + 1, 1)[1:] >= cfg.ratio_min_similarity
        s_chars = sum(len(x) for x, kept in zip(src, s_kept, strict=True) if kept)
        t_chars = sum(len(x) for x, kept in zip(tgt, t_kept, strict=True) if kept)
        if not s_chars or not t_chars:
            s_chars, t_chars = sum(map(len, src)), sum(map(len, tgt))
        char_ratio = max(1, s_chars) / max(1, t_chars)
    types = [(a, b) for a in range(1, cfg.max_bead) for b in range(1, cfg.max_bead - a + 1)]
    scores = {ab: _bead_scores(s, t, ab, band, cfg, char_ratio) for ab in types}
    return [
        Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), score)
        for i0, i1, j0, j1, score in search(band, types, scores, s.skips, t.skips)
    ]


def align_sentences(
    src: Sequence[str],
    tgt: Sequence[str],
    embed: Embed,
    settings: Settings | AlignSettings | None = None,
    *,
    char_ratio: float | None = None,
) -> list[Bead]:
    """Align sentences: beads of up to ``max_bead`` sentences on the two sides together."""
    return align(src, tgt, embed, settings, char_ratio=char_ratio)


def align_paragraphs(
    src: Sequence[str],
    tgt: Sequence[str],
    embed: Embed,
    settings: Settings | AlignSettings | None = None,
    *,
    char_ratio: float | None = None,
    src_vecs: np.ndarray | None = None,
    tgt_vecs: np.ndarray | None = None,
) -> list[Bead]:
    """Align paragraphs: as sentences, with smaller beads and a cheaper skip.

    News pages carry whole paragraphs with no counterpart (captions, sign-up
    boxes, navigation), so leaving one out costs ``paragraph_skip``, not ``skip``.
    """
    cfg = AlignSettings.from_settings(settings)
    cfg = replace(
        cfg, max_bead=cfg.paragraph_max_bead, skip=cfg.paragraph_skip, window=min(cfg.window, 4)
    )
    return align(src, tgt, embed, cfg, char_ratio=char_ratio, src_vecs=src_vecs, tgt_vecs=tgt_vecs)


@dataclass
class DocumentAlignment:
    """Paragraph beads and sentence beads of two documents.

    Sentence indices are positions in each document's sentences taken in
    order (paragraph by paragraph); ``src_where[k]`` / ``tgt_where[k]`` give the
    (paragraph, sentence) of position ``k``.
    """

    paragraphs: list[Bead]
    sentences: list[Bead]
    src_where: list[tuple[int, int]]
    tgt_where: list[tuple[int, int]]


def align_documents(
    src: Sequence[Sequence[str]],
    tgt: Sequence[Sequence[str]],
    embed: Embed,
    settings: Settings | AlignSettings | None = None,
) -> DocumentAlignment:
    """Align two documents given as paragraphs of sentences: paragraphs, then sentences.

    Every sentence is encoded once; a paragraph's vector is the normalised sum
    of its sentences' (or, with ``groups = "encode"``, the paragraph encoded).
    Sentences are aligned only inside paragraph beads, which keeps a long
    document's search small and its errors local.
    """
    cfg = AlignSettings.from_settings(settings)
    src_flat = [s for par in src for s in par]
    tgt_flat = [s for par in tgt for s in par]
    _check_texts(src_flat, "source")
    _check_texts(tgt_flat, "target")
    src_where = [(p, k) for p, par in enumerate(src) for k in range(len(par))]
    tgt_where = [(p, k) for p, par in enumerate(tgt) for k in range(len(par))]
    src_vecs = _vectors(src_flat, embed, None, "source")
    tgt_vecs = _vectors(tgt_flat, embed, None, "target")
    src_starts = np.cumsum([0, *map(len, src)])
    tgt_starts = np.cumsum([0, *map(len, tgt)])

    def paragraph_vecs(vecs: np.ndarray, starts: np.ndarray) -> np.ndarray | None:
        if cfg.groups == "encode":
            return None
        prefix = np.vstack([np.zeros((1, vecs.shape[1]), np.float32), np.cumsum(vecs, axis=0)])
        return _normalise(prefix[starts[1:]] - prefix[starts[:-1]])

    src_texts = [" ".join(p) for p in src]
    tgt_texts = [" ".join(p) for p in tgt]
    par_beads = align_paragraphs(
        src_texts, tgt_texts, embed, cfg,
        src_vecs=paragraph_vecs(src_vecs, src_starts),
        tgt_vecs=paragraph_vecs(tgt_vecs, tgt_starts),
    )  # fmt: skip
    # One character ratio for every paragraph bead, measured on the aligned paragraphs.
    src_chars = sum(len(src_texts[p]) for b in par_beads if b.tgt for p in b.src)
    tgt_chars = sum(len(tgt_texts[p]) for b in par_beads if b.src for p in b.tgt)
    ratio = max(1, src_chars) / max(1, tgt_chars)
    sentences: list[Bead] = []
    for bead in par_beads:
        s_idx = [k for p in bead.src for k in range(src_starts[p], src_starts[p + 1])]
        t_idx = [k for p in bead.tgt for k in range(tgt_starts[p], tgt_starts[p + 1])]
        inner = align(
            [src_flat[k] for k in s_idx], [tgt_flat[k] for k in t_idx], embed, cfg,
            char_ratio=ratio, src_vecs=src_vecs[s_idx], tgt_vecs=tgt_vecs[t_idx],
        )  # fmt: skip
        sentences += [
            Bead(tuple(s_idx[k] for k in b.src), tuple(t_idx[k] for k in b.tgt), b.score)
            for b in inner
        ]
    return DocumentAlignment(par_beads, sentences, src_where, tgt_where)


def align_paragraph_objects(
    src: Sequence[Paragraph],
    tgt: Sequence[Paragraph],
    embed: Embed,
    settings: Settings | AlignSettings | None = None,
) -> DocumentAlignment:
    """:func:`align_documents` over model paragraphs (their sentence spans)."""
    return align_documents(
        [p.sentence_texts() for p in src], [p.sentence_texts() for p in tgt], embed, settings
    )


class _Side:
    """One side's group vectors, lengths and evidence bags, indexed by the group's end."""

    def __init__(self, texts: Sequence[str], vecs: np.ndarray, cfg: AlignSettings, embed: Embed):
        n = len(texts)
        self.n = n
        self.cfg = cfg
        self.single = vecs
        lengths = np.array([len(t) for t in texts], dtype=np.float64)
        self.skips = np.full(n + 1, cfg.skip)
        self._len_sum = np.concatenate([[0.0], np.cumsum(lengths)])
        # Members weigh by length ** sum_weight: a short tail ("Then he left.") should
        # not pull a merged group's vector as far as the long sentence it follows.
        weighted = vecs * np.maximum(lengths, 1.0)[:, None] ** cfg.sum_weight
        self._vec_sum = np.vstack([np.zeros((1, vecs.shape[1])), np.cumsum(weighted, axis=0)])
        self._bags = [
            np.vstack([np.zeros((1, b.shape[1]), np.float32), np.cumsum(b, axis=0)])
            for b in evidence.bags(texts)
        ]
        self._totals = [bag.sum(axis=1) for bag in self._bags]
        self._texts = texts
        self._embed = embed
        self._groups: dict[int, np.ndarray] = {}
        self._neighbours: dict[int, np.ndarray] = {}
        self.hub = np.zeros(n + 1)

    def group(self, size: int) -> np.ndarray:
        """Row ``i``: the vector of segments ``i-size..i-1`` (zeros where ``i < size``)."""
        if size not in self._groups:
            out = np.zeros((self.n + 1, self.single.shape[1]), dtype=np.float32)
            if size == 1:
                out[1:] = self.single
            elif self.cfg.groups == "encode" and size <= self.n:
                joined = [" ".join(self._texts[i - size : i]) for i in range(size, self.n + 1)]
                out[size:] = _vectors(joined, self._embed, None, "joined")
            elif size <= self.n:
                out[size:] = _normalise(self._vec_sum[size:] - self._vec_sum[:-size])
            self._groups[size] = out
        return self._groups[size]

    def hubness(self, size: int, ends: np.ndarray) -> np.ndarray:
        """Mean over the group of its members' ``margin_k`` best similarities in the band."""
        return (self.hub[ends] - self.hub[np.maximum(ends - size, 0)]) / size

    def lengths(self, size: int, ends: np.ndarray) -> np.ndarray:
        return self._len_sum[ends] - self._len_sum[np.maximum(ends - size, 0)]

    def tokens(self, kind: int, size: int, ends: np.ndarray) -> np.ndarray:
        """How many tokens of a kind the groups ending at ``ends`` hold."""
        total = self._totals[kind]
        return total[ends] - total[np.maximum(ends - size, 0)]

    def bag(self, kind: int, size: int, ends: np.ndarray) -> np.ndarray:
        prefix = self._bags[kind]
        return prefix[ends] - prefix[np.maximum(ends - size, 0)]

    def neighbour(self, shift: int) -> np.ndarray:
        """Row ``i``: the single vector of segment ``i - shift`` (zeros outside the text)."""
        if shift not in self._neighbours:
            out = np.zeros((self.n + 1, self.single.shape[1]), dtype=np.float32)
            lo, hi = max(0, shift), min(self.n + 1, self.n + shift)
            if lo < hi:
                out[lo:hi] = self.single[lo - shift : hi - shift]
            self._neighbours[shift] = out
        return self._neighbours[shift]


def _bead_scores(
    s: _Side, t: _Side, ab: BeadType, band: Band, cfg: AlignSettings, char_ratio: float
) -> np.ndarray:
    """Score of an ``(a, b)`` bead ending at each band cell."""
    a, b = ab
    rows, cols = band.cells
    gs, gt = s.group(a), t.group(b)
    score = band_dot(gs, gt, band).astype(np.float64)
    if cfg.margin:
        # Less the groups' usual similarity to anything (their k best in the band):
        # a sentence that resembles everything gets no free credit.
        score -= cfg.margin * (s.hubness(a, rows) + t.hubness(b, cols)) / 2
    if cfg.neighbour_margin:
        # Bertalign's margin: less each group's similarity to the segments just
        # outside the other side's group. A 1-1 bead whose neighbour also matches
        # then loses to the bead that takes the neighbour in.
        near_t = _mean_of_two(
            band_dot(gs, t.neighbour(b + 1), band), cols > b,
            band_dot(gs, t.neighbour(0), band), cols < t.n,
        )  # fmt: skip
        near_s = _mean_of_two(
            band_dot(s.neighbour(a + 1), gt, band), rows > a,
            band_dot(s.neighbour(0), gt, band), rows < s.n,
        )  # fmt: skip
        score -= cfg.neighbour_margin * (near_t + near_s) / 2
    if cfg.length_exponent:
        ls = s.lengths(a, rows)
        lt = t.lengths(b, cols) * char_ratio
        ratio = np.minimum(ls, lt) / np.maximum(np.maximum(ls, lt), 1e-9)
        score *= np.log2(1 + ratio) ** cfg.length_exponent
    if cfg.length_weight:
        # Gale & Church's length model: the target's length, scaled by the texts'
        # character ratio, is normal around the source's with variance proportional
        # to the length; the bead gains the log of the two-sided tail probability.
        ls = s.lengths(a, rows)
        lt = t.lengths(b, cols) * char_ratio
        delta = np.abs(lt - ls) / np.sqrt(np.maximum((ls + lt) / 2, 1) * cfg.length_variance)
        score += cfg.length_weight * _log_normal_tail(delta)
    if cfg.member_weight:
        # A member that matches nothing on the other side (a caption merged into a
        # neighbour's bead) hardly moves the group's vector: charge it directly.
        for k in range(a if a > 1 else 0):
            sim = band_dot(s.neighbour(k + 1), gt, band)
            score += cfg.member_weight * np.minimum(sim - cfg.member_floor, 0)
        for k in range(b if b > 1 else 0):
            sim = band_dot(gs, t.neighbour(k + 1), band)
            score += cfg.member_weight * np.minimum(sim - cfg.member_floor, 0)
    for kind, weight, penalise in (
        (0, cfg.number_weight, True),
        (1, cfg.name_weight, False),
        (2, cfg.punct_weight, True),
    ):
        if not weight:
            continue
        # Only cells where both groups hold tokens need the bags compared; where one
        # side has some and the other none, nothing is shared.
        n_s, n_t = s.tokens(kind, a, rows), t.tokens(kind, b, cols)
        agree = np.where(n_s + n_t > 0, -1.0 if penalise else 0.0, 0.0)
        both = np.flatnonzero((n_s > 0) & (n_t > 0))
        if len(both):
            bag_s, bag_t = s.bag(kind, a, rows[both]), t.bag(kind, b, cols[both])
            agree[both] = evidence.agreement(bag_s, bag_t, penalise)
        score += weight * agree
    return score


def _anchor_path(src: np.ndarray, tgt: np.ndarray, cfg: AlignSettings) -> list[tuple[int, int]]:
    """States of the best 1-1 / 1-0 / 0-1 path: the anchors the full search stays near.

    Over ``first_pass_max_cells`` cells the texts are first aligned as blocks of
    two (recursively), and the path is searched only near the block path.
    """
    n, m = len(src), len(tgt)
    if (n + 1) * (m + 1) <= cfg.first_pass_max_cells or min(n, m) < 8:
        band = Band.full(n, m)
    else:
        coarse = _anchor_path(_blocks(src), _blocks(tgt), cfg)
        band = _project(coarse, n, m)
    g_s = np.vstack([np.zeros((1, src.shape[1]), dtype=np.float32), src])
    g_t = np.vstack([np.zeros((1, tgt.shape[1]), dtype=np.float32), tgt])
    skip_s, skip_t = np.full(n + 1, cfg.skip), np.full(m + 1, cfg.skip)
    beads = search(band, [(1, 1)], {(1, 1): band_dot(g_s, g_t, band)}, skip_s, skip_t)
    return [(0, 0)] + [(i1, j1) for _, i1, _, j1, _ in beads]


def _blocks(vecs: np.ndarray) -> np.ndarray:
    """Normalised sums of consecutive pairs of rows."""
    if len(vecs) % 2:
        vecs = np.vstack([vecs, np.zeros((1, vecs.shape[1]), dtype=vecs.dtype)])
    return _normalise(vecs[0::2] + vecs[1::2])


def _project(coarse: list[tuple[int, int]], n: int, m: int, pad: int = 4) -> Band:
    """A fine band covering a path found on blocks of two, with ``pad`` columns each side."""
    rows = np.arange(n + 1) // 2
    c_rows = np.array([p[0] for p in coarse])
    c_cols = np.array([p[1] for p in coarse])
    n_c = int(c_rows.max()) + 1
    lo_c = np.full(n_c, np.iinfo(np.int64).max)
    hi_c = np.zeros(n_c, dtype=np.int64)
    np.minimum.at(lo_c, c_rows, c_cols)
    np.maximum.at(hi_c, c_rows, c_cols)
    # A block boundary need not fall where the path turns: take the neighbouring
    # coarse rows' columns too.
    lo = np.clip(lo_c[np.maximum(rows - 1, 0)] * 2 - pad, 0, m)
    hi = np.clip(hi_c[np.minimum(rows + 1, n_c - 1)] * 2 + 1 + pad, 0, m)
    lo[0], hi[-1] = 0, m
    return Band(lo, hi)


def _log_normal_tail(x: np.ndarray) -> np.ndarray:
    """``log P(|Z| >= x)`` for a standard normal ``Z`` and ``x >= 0``, without underflow.

    That is ``log erfc(x / sqrt 2)``, from the Chebyshev fit of Numerical Recipes'
    ``erfcc`` (relative error below 1.2e-7), taken in the log domain.
    """
    z = np.asarray(x, dtype=np.float64) / np.sqrt(2)
    t = 1 / (1 + 0.5 * z)
    poly = 0.0
    for c in (0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806,
              0.09678418, 0.37409196, 1.00002368, -1.26551223):  # fmt: skip
        poly = poly * t + c
    return np.log(t) - z * z + poly


def _mean_of_two(
    left: np.ndarray, has_left: np.ndarray, right: np.ndarray, has_right: np.ndarray
) -> np.ndarray:
    """Mean of the values that exist (a group at the text's edge has one neighbour)."""
    total = np.where(has_left, left, 0.0) + np.where(has_right, right, 0.0)
    return total / np.maximum(has_left.astype(int) + has_right, 1)


def _prefix(x: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(x)])


def _top_mean(keys: np.ndarray, others: np.ndarray, vals: np.ndarray, size: int, k: int):
    """Per key (a row or a column of the band), the mean of its ``k`` largest values."""
    first = np.full(size, np.iinfo(np.int64).max)
    np.minimum.at(first, keys, others)
    pos = others - first[keys]
    table = np.full((size, int(pos.max()) + 1), -np.inf)
    table[keys, pos] = vals
    k = min(k, table.shape[1])
    top = -np.partition(-table, k - 1, axis=1)[:, :k]
    top[~np.isfinite(top)] = np.nan
    out = np.nanmean(top, axis=1)
    return np.nan_to_num(out)


def _normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.maximum(norms, 1e-12)).astype(np.float32)


def _check_texts(texts: Sequence[object], side: str) -> None:
    for k, text in enumerate(texts):
        if not isinstance(text, str):
            raise InputError("NL140", f"{side} segment {k}", detail=f"not text: {text!r:.40}")


def _vectors(texts: Sequence[str], embed: Embed, given: np.ndarray | None, side: str) -> np.ndarray:
    vecs = embed(list(texts)) if given is None else given
    vecs = np.asarray(vecs, dtype=np.float32)
    if vecs.ndim != 2 or len(vecs) != len(texts):
        raise InputError("NL141", side, rows=len(texts), shape=getattr(vecs, "shape", None))
    return vecs
