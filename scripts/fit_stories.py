"""Fit the story models and write ``newsloom/stories/weights.json``.

Everything is fitted on data read at run time from ``../shared/benchdata``
(nothing of it is copied into the repository):

1. Language means (the encoder's language bias): the mean document vector of
   each language over SemEval-2022 Task 8 news texts (text only, no labels).
2. The idf prior and the join model's evidence: chosen together from a small
   grid (``PRIORS`` x ``JOIN_SUBSETS`` in ``newsloom/stories/fitting.py``) by the
   held-out BCubed F1 of two-fold cross-validation by topic (odd / even topics)
   on ECB+ topics 1-22, the same folds as ``bench/stories_ecbplus.py``. Idf
   weights come from the collection itself (counts of the pieces seen so far),
   the prior adding that many pieces in which no key occurs; no counts are shipped.
   Candidates are compared as join models fitted without the online rounds of 3.
3. The join model (does a piece of writing belong to a story?): logistic
   regression on all of ECB+ topics 1-22 with the chosen prior and evidence,
   trained on the decisions the online clusterer faces: each document against
   the gold stories seen before it (``ROUNDS`` further rounds against the
   stories the clustering itself made are possible, off by default); its
   threshold is chosen for the best BCubed F1 of the online clustering on those
   same topics.
4. The related model (are two stories on neighbouring events?): logistic
   regression on pairs of ECB+ gold stories of topics 1-22 (the two sub-events
   of a topic related, stories of different topics not), on a fixed evidence
   subset, with the chosen prior; threshold for the best link F1 on those pairs.

The figures in ``bench/stories_ecbplus.py`` repeat steps 2-4 inside each of its
folds, so its held-out topics never influence what it scores.

Run:  .venv/bin/python scripts/fit_stories.py          (``means``: language means only)
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.stories_data import BENCHDATA, CACHE, ecb_documents  # noqa: E402
from newsloom.embed import load_encoder  # noqa: E402
from newsloom.settings import Settings  # noqa: E402
from newsloom.stories.features import Centring  # noqa: E402
from newsloom.stories.fitting import (  # noqa: E402
    RELATED_FEATURES,
    fit_join,
    fit_related,
    piece_profiles,
    select_join,
)
from newsloom.stories.model import StoryModels  # noqa: E402

SEMEVAL_TEXTS = BENCHDATA / "semeval2022-task8-newssim" / "text_samples_hfl" / "testing_set.csv"
PER_LANGUAGE = 100
_SENTENCE = re.compile(r"(?<=[.!?。！？])\s*")


def language_means() -> dict[str, np.ndarray]:
    """Mean document vector per language over news texts (labels unused), the bias to remove.

    Each mean is over a hundred unrelated news texts, so what is left of any one
    topic is small and the rest is the language's place in the encoder's space.
    (Means over Tatoeba's parallel sentences were tried first: they moved the seed
    cosines by under 0.05.) Languages with no news texts here fall back to the
    average of the others.
    """
    cache = CACHE / f"news_means_{PER_LANGUAGE}.npz"
    if cache.exists():
        return dict(np.load(cache))
    encoder = load_encoder(Settings())
    texts: dict[str, list[str]] = {}
    with open(SEMEVAL_TEXTS, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for side in "12":
                lang, text = row["lang" + side], row["text" + side]
                if text and len(texts.setdefault(lang, [])) < PER_LANGUAGE:
                    texts[lang].append(text)
    means = {}
    for lang, items in texts.items():
        rows = []
        for text in items:
            sentences = [s for s in _SENTENCE.split(text) if len(s) > 10][:8]
            if sentences:
                rows.append(np.asarray(encoder.encode(sentences)).mean(axis=0))
        means[lang] = np.mean(rows, axis=0).astype(np.float32)
    CACHE.mkdir(exist_ok=True)
    np.savez(cache, **means)
    return means


def main() -> None:
    centring = Centring(language_means())
    if sys.argv[1:] == ["means"]:
        return
    labelled = ecb_documents(range(1, 23))
    profiles = piece_profiles(labelled, centring)
    print("choosing the idf prior and the join model's evidence (2-fold CV by topic):")
    prior, features, table = select_join(labelled, centring, profiles, log=print)
    print(f"chosen: idf prior {prior:g}, join features {','.join(features)}")
    join = fit_join(labelled, centring, prior, features, profiles=profiles)
    join.meta["cv_bcubed_f1"] = round(table[(prior, features)], 4)
    related = fit_related(labelled, centring, prior, RELATED_FEATURES, profiles=profiles)
    models = StoryModels(join=join, related=related, centring=centring, idf_prior=prior)
    out = ROOT / "newsloom" / "stories" / "weights.json"
    out.write_text(json.dumps(models.to_json(), indent=1) + "\n", "utf-8")
    for name, model in (("join", join), ("related", related)):
        print(f"{name}: bias {model.bias:+.3f}, threshold {model.threshold:.3f}")
        rows = zip(model.features, model.weights, model.centres, strict=True)
        for feature, weight, centre in rows:
            print(f"  {feature:9s} weight {weight:+7.3f}  centre {centre:.3f}")
        print(f"  {model.meta}")


if __name__ == "__main__":
    main()
