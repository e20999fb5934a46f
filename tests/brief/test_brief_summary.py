"""LexRank and MMR on small vector sets whose answer is known."""

from __future__ import annotations

import numpy as np

from newsloom.brief.summary import Candidate, central_sentences, lexrank, mmr


def unit(rows: list[list[float]]) -> np.ndarray:
    v = np.asarray(rows, dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_lexrank_prefers_the_sentence_most_others_resemble():
    # A star: row 0 resembles rows 1-3, which do not resemble each other; row 4 stands alone.
    v = unit([[1, 1, 1, 0], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]])
    scores = lexrank(v, threshold=0.3, damping=0.85)
    assert abs(scores.sum() - 1) < 1e-6
    assert int(scores.argmax()) == 0 and int(scores.argmin()) == 4


def test_grouped_sentences_do_not_vote_for_each_other():
    # Rows 0-1 are one text saying the same thing twice; row 2 (another text) agrees with 0.
    v = unit([[1, 0], [1, 0.05], [1, 0.02], [0, 1]])
    scores = lexrank(v, 0.3, 0.85, groups=np.array([0, 0, 1, 2]))
    assert scores[2] == scores.max()


def test_mmr_skips_a_near_repeat():
    v = unit([[1, 0, 0], [1, 0.01, 0], [0, 1, 0]])
    assert mmr(v, np.array([1.0, 0.99, 0.5]), k=2, lam=0.5) == [0, 2]
    assert mmr(v, np.array([1.0, 0.99, 0.5]), k=2, lam=1.0) == [0, 1]


def test_central_sentences_count_only_votes_from_other_texts():
    # Text a repeats itself (rows 0, 1); text b says what row 2 of a says.
    v = unit([[1, 0, 0], [1, 0.02, 0], [0, 1, 0], [0.05, 1, 0]])
    cands = [
        Candidate("a", "en", 0, 0, "a0", v[0]),
        Candidate("a", "en", 0, 1, "a1", v[1]),
        Candidate("a", "en", 1, 0, "a2", v[2]),
        Candidate("b", "zh", 0, 0, "b0", v[3]),
    ]
    out = central_sentences(cands, k=2, threshold=0.3, damping=0.85, lam=0.5)
    # a2 and b0 vote for each other and lead; a0/a1's self-agreement earns nothing; b0 after
    # a2 would be a repeat, so MMR takes a0 second.
    assert out[0][0].text in {"a2", "b0"} and out[0][1] > 0.4
    assert out[1][0].text in {"a0", "a1"} and out[1][1] < 0.1
