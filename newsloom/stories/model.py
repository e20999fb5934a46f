"""The decision model: a logistic regression over a handful of named pieces of evidence.

Simple enough to explain (one weight per feature, printed by ``scripts/fit_stories.py``)
and fitted, not guessed. Missing evidence is neutral: each feature is measured
from a *centre* (half-way between its mean on matching and on non-matching
pairs), and a feature that is missing contributes nothing.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np

from newsloom.errors import ModelError
from newsloom.stories.features import FEATURES, Centring

Row = list[float | None]
Evidence = dict[str, float | None]


def design(rows: list[Row], centres: list[float]) -> np.ndarray:
    """Rows of evidence as a matrix: each value less its centre, a missing one as 0."""
    out = np.zeros((len(rows), len(centres)), dtype=np.float64)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                out[i, j] = value - centres[j]
    return out


@dataclass
class LinkModel:
    """P(link | evidence) = sigmoid(bias + sum of weight * (feature - centre))."""

    weights: list[float]
    centres: list[float]
    bias: float
    threshold: float = 0.5
    features: tuple[str, ...] = FEATURES
    """The names of the evidence it weighs (a subset of :data:`FEATURES`), in weight order."""
    meta: dict[str, object] = field(default_factory=dict)

    def row(self, evidence: Evidence) -> Row:
        return [evidence[name] for name in self.features]

    def logit(self, evidence: Evidence) -> float:
        x = design([self.row(evidence)], self.centres)[0]
        return float(self.bias + x @ np.asarray(self.weights))

    def probability(self, evidence: Evidence) -> float:
        return 1.0 / (1.0 + math.exp(-self.logit(evidence)))

    @classmethod
    def fit(
        cls,
        evidence: list[Evidence],
        labels: list[int],
        features: tuple[str, ...] = FEATURES,
        l2: float = 1.0,
    ) -> LinkModel:
        """Newton's method on the L2-penalised log-likelihood (the bias is not penalised)."""
        rows = [[e[name] for name in features] for e in evidence]
        y = np.asarray(labels, dtype=np.float64)
        centres = []
        for j in range(len(rows[0])):
            pos = [r[j] for r, t in zip(rows, labels, strict=True) if t and r[j] is not None]
            neg = [r[j] for r, t in zip(rows, labels, strict=True) if not t and r[j] is not None]
            mid = 0.5 * (float(np.mean(pos)) + float(np.mean(neg))) if pos and neg else 0.0
            centres.append(mid)
        x = np.hstack([np.ones((len(rows), 1)), design(rows, centres)])
        beta = np.zeros(x.shape[1])
        penalty = np.full(x.shape[1], l2)
        penalty[0] = 0.0
        for _ in range(50):
            p = 1.0 / (1.0 + np.exp(-(x @ beta)))
            grad = x.T @ (p - y) + penalty * beta
            hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(len(beta))
            step = np.linalg.solve(hess, grad)
            beta -= step
            if float(np.abs(step).max()) < 1e-8:
                break
        return cls(
            weights=[float(b) for b in beta[1:]],
            centres=centres,
            bias=float(beta[0]),
            features=tuple(features),
        )

    def to_json(self) -> dict[str, object]:
        return {
            "features": list(self.features),
            "weights": [round(w, 6) for w in self.weights],
            "centres": [round(c, 6) for c in self.centres],
            "bias": round(self.bias, 6),
            "threshold": round(self.threshold, 6),
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, data: dict) -> LinkModel:
        return cls(
            weights=list(data["weights"]),
            centres=list(data["centres"]),
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            features=tuple(data["features"]),
            meta=dict(data.get("meta", {})),
        )


@dataclass
class StoryModels:
    """Everything fitted: joining, linking related stories, language means, the idf prior."""

    join: LinkModel
    related: LinkModel
    centring: Centring
    idf_prior: float
    """Pieces without any key added to the collection's counts (see :class:`IdfTable`)."""

    def to_json(self) -> dict[str, object]:
        return {
            "join": self.join.to_json(),
            "related": self.related.to_json(),
            "idf_prior": self.idf_prior,
            "language_means": {
                lang: [round(float(v), 5) for v in vec] for lang, vec in self.centring.means.items()
            },
        }

    @classmethod
    def from_json(cls, data: dict) -> StoryModels:
        means = {
            lang: np.asarray(vec, dtype=np.float32) for lang, vec in data["language_means"].items()
        }
        return cls(
            join=LinkModel.from_json(data["join"]),
            related=LinkModel.from_json(data["related"]),
            centring=Centring(means),
            idf_prior=float(data["idf_prior"]),
        )


@cache
def load_models() -> StoryModels:
    """The fitted models shipped in ``newsloom/stories/weights.json``."""
    try:
        text = resources.files("newsloom.stories").joinpath("weights.json").read_text("utf-8")
        models = StoryModels.from_json(json.loads(text))
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError("NL401", name="newsloom/stories/weights.json", detail=exc) from None
    if not set(models.join.features + models.related.features) <= set(FEATURES):
        raise ModelError(
            "NL401",
            name="newsloom/stories/weights.json",
            detail="fitted on other features; run scripts/fit_stories.py",
        )
    return models
