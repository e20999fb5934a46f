"""jieba's part-of-speech tagger with its hidden Markov model decoded in numpy.

jieba's ``posseg`` runs its HMM (256 states: a word position B/M/E/S times a
part of speech) over every run of characters its dictionary does not explain,
which is where transliterated and unknown names are found. Its Viterbi decoder is
pure Python and takes about two thirds of the time of Chinese names
(:mod:`newsloom.extract.ner_zh`). :func:`viterbi` is the same decoder over arrays:
the same candidate states at each character, the same sums in the same order
(float64), and the same tie-breaking (the larger state wins, as Python's ``max``
over ``(score, state)`` tuples does), so the words and tags are jieba's.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import numpy as np

MIN_FLOAT = -3.14e100  # jieba's score of an emission its model never saw


class _Model:
    """jieba's HMM tables as arrays, states sorted so that a larger index is a larger state."""

    def __init__(self) -> None:
        from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

        self.states = sorted(trans_P)
        index = {s: i for i, s in enumerate(self.states)}
        n = len(self.states)
        self.start = np.array([start_P[s] for s in self.states])
        self.trans = np.full((n, n), -np.inf)
        self.follows = np.zeros((n, n), dtype=bool)
        for s, nexts in trans_P.items():
            for t, p in nexts.items():
                self.trans[index[s], index[t]] = p
                self.follows[index[s], index[t]] = True
        self.has_next = self.follows.any(axis=1)
        self.everything = np.ones(n, dtype=bool)
        self._emit_p = emit_P
        self._char_states = char_state_tab_P
        self._index = index

    @lru_cache(maxsize=8192)  # noqa: B019 (one model per process)
    def emit(self, ch: str) -> np.ndarray:
        return np.array([self._emit_p[s].get(ch, MIN_FLOAT) for s in self.states])

    @lru_cache(maxsize=8192)  # noqa: B019
    def allowed(self, ch: str) -> np.ndarray:
        states = self._char_states.get(ch)
        if states is None:
            return self.everything
        mask = np.zeros(len(self.states), dtype=bool)
        mask[[self._index[s] for s in states]] = True
        return mask


@lru_cache(maxsize=1)
def _model() -> _Model:
    return _Model()


def viterbi(text: str) -> list[tuple[str, str]]:
    """The best (position, tag) state of each character of ``text``, as jieba's decoder finds it."""
    m = _model()
    cols = np.flatnonzero(m.allowed(text[0]))
    v = m.start[cols] + m.emit(text[0])[cols]
    back: list[tuple[np.ndarray, np.ndarray]] = []
    for ch in text[1:]:
        keep = m.has_next[cols]
        prev, v_prev = cols[keep], v[keep]
        expect = m.follows[prev].any(axis=0)
        active = m.allowed(ch) & expect
        if not active.any():
            active = expect if expect.any() else m.everything
        cols = np.flatnonzero(active)
        scores = (v_prev[:, None] + m.trans[prev[:, None], cols]) + m.emit(ch)[cols]
        best = len(prev) - 1 - scores[::-1].argmax(axis=0)  # ties: the larger state
        v = scores[best, np.arange(len(cols))]
        back.append((cols, prev[best]))
    k = len(cols) - 1 - int(v[::-1].argmax())
    state = int(cols[k])
    route = [state]
    for cols_t, from_t in reversed(back):
        state = int(from_t[np.searchsorted(cols_t, state)])
        route.append(state)
    route.reverse()
    return [m.states[s] for s in route]


@lru_cache(maxsize=1)
def tagger() -> Any:
    """A ``jieba.posseg`` tokenizer sharing jieba's dictionary, with :func:`viterbi` inside."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.initialize()
    base = jieba.posseg.dt

    class _Tagger(jieba.posseg.POSTokenizer):  # type: ignore[misc]
        def __init__(self) -> None:  # share the loaded dictionary and tag table
            self.tokenizer = base.tokenizer
            self.word_tag_tab = base.word_tag_tab

        def _POSTokenizer__cut(self, sentence: str) -> Iterator[Any]:
            """jieba's ``POSTokenizer.__cut`` with the array decoder."""
            pos_list = viterbi(sentence)
            begin, nexti = 0, 0
            for i, char in enumerate(sentence):
                pos = pos_list[i][0]
                if pos == "B":
                    begin = i
                elif pos == "E":
                    yield jieba.posseg.pair(sentence[begin : i + 1], pos_list[i][1])
                    nexti = i + 1
                elif pos == "S":
                    yield jieba.posseg.pair(char, pos_list[i][1])
                    nexti = i + 1
            if nexti < len(sentence):
                yield jieba.posseg.pair(sentence[nexti:], pos_list[nexti][1])

    return _Tagger()
