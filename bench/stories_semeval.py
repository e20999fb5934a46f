"""Pair similarity on SemEval-2022 Task 8 (multilingual news similarity) pairs with text.

Pearson r against the gold Overall score (1 = very similar ... 4 = very dissimilar,
so the sign is flipped) for: the encoder's cosine of the two documents alone; the
shipped join model's logit (fitted on ECB+, nothing fitted here); and a linear
regression over the join model's features, fitted by 5-fold cross-validation.
Pairs: the first 400 real training pairs that come with text (see stories_data.py).
Idf weights count keys over all the documents of those pairs (the collection the
pairs are drawn from; text only, no scores), plus the shipped idf prior.

Run:  .venv/bin/python bench/stories_semeval.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.stories_data import SEMEVAL, semeval_documents
from newsloom.stories.features import pair_features, piece_profile
from newsloom.stories.idf import IdfTable
from newsloom.stories.model import design, load_models

PAIRS = 400


def main() -> None:
    if not SEMEVAL.exists():
        print(f"skipped: {SEMEVAL} not found")
        return
    models = load_models()
    pairs = semeval_documents(PAIRS)
    gold = np.array([-score for _a, _b, score in pairs])
    profiles = [
        (piece_profile([a], models.centring), piece_profile([b], models.centring))
        for a, b, _score in pairs
    ]
    idf = IdfTable(models.idf_prior)
    for pa, pb in profiles:
        idf.add(pa)
        idf.add(pb)
    cosine, logit, rows = [], [], []
    for (a, b, _score), (pa, pb) in zip(pairs, profiles, strict=True):
        va, vb = a.view_vector(a.languages[0]), b.view_vector(b.languages[0])
        cosine.append(float(va @ vb))
        features = pair_features(pa, pb, idf)
        logit.append(models.join.logit(features))
        rows.append(models.join.row(features))
    x = np.hstack([np.ones((len(rows), 1)), design(rows, models.join.centres)])
    predicted = np.zeros(len(rows))
    folds = np.arange(len(rows)) % 5
    for fold in range(5):
        train, test = folds != fold, folds == fold
        beta, *_ = np.linalg.lstsq(x[train], gold[train], rcond=None)
        predicted[test] = x[test] @ beta
    cross = sum(a.languages[0] != b.languages[0] for a, b, _s in pairs)
    print(f"SemEval-2022 Task 8, {len(pairs)} train pairs with text ({cross} cross-language)")
    for name, values in (
        ("encoder cosine", cosine),
        ("join model logit (ECB+ fit)", logit),
        ("linear on features, 5-fold CV", predicted),
    ):
        print(f"  {name:32s} Pearson r {np.corrcoef(values, gold)[0, 1]:.3f}")


if __name__ == "__main__":
    main()
