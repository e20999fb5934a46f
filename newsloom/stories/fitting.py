"""Fitting and scoring the story models on labelled documents (ECB+ in practice).

The join model is trained on the decisions the online clusterer really faces:
documents come one at a time, and each is compared with the stories (gold ones,
here) built from the documents before it; its threshold is the one that gives
the online clustering its best BCubed F1. Used by ``scripts/fit_stories.py`` and
the benchmarks, so the figures come from the same code as the shipped weights.
"""

from __future__ import annotations

import random
from collections import defaultdict

import numpy as np

from newsloom.model import Document
from newsloom.settings import Settings
from newsloom.stories.cluster import Clustering
from newsloom.stories.features import Centring, IdfTable, Profile, pair_features, piece_profile
from newsloom.stories.model import LinkModel, StoryModels

Labelled = list[tuple[str, Document]]
CANDIDATES = 10


def bcubed(gold: dict[str, str], found: dict[str, str]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 of ``found`` against ``gold`` (item -> cluster)."""
    by_gold, by_found = defaultdict(set), defaultdict(set)
    for item, label in gold.items():
        by_gold[label].add(item)
        by_found[found[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        mine, truth = by_found[found[item]], by_gold[gold[item]]
        both = len(mine & truth)
        precision += both / len(mine)
        recall += both / len(truth)
    p, r = precision / len(gold), recall / len(gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def shuffled(labelled: Labelled, seed: int = 13) -> Labelled:
    """A fixed arbitrary ingest order (the sets come sorted by event, which would help)."""
    items = list(labelled)
    random.Random(seed).shuffle(items)
    return items


def join_rows(
    items: list[tuple[str, Profile]], background: IdfTable
) -> tuple[list[list[float | None]], list[int]]:
    """Each item against the nearest gold stories formed by the items before it."""
    idf = IdfTable(background)
    stories: dict[str, Profile] = {}
    rows, labels = [], []
    for label, profile in items:
        vector = profile.unit_vector()
        if stories and vector is not None:
            names = list(stories)
            matrix = np.vstack([stories[n].unit_vector() for n in names])
            for i in np.argsort(-(matrix @ vector))[:CANDIDATES]:
                rows.append(pair_features(profile, stories[names[i]], idf))
                labels.append(int(names[i] == label))
        stories.setdefault(label, Profile()).add(profile)
        idf.add(profile)
    return rows, labels


def cluster(
    labelled: Labelled, models: StoryModels, profiles: dict[str, Profile] | None = None
) -> Clustering:
    """Run the online clustering over documents in the given order (each its own piece)."""
    clustering = Clustering(models, Settings())
    for _label, doc in labelled:
        clustering.add([doc], profiles.get(doc.id) if profiles else None)
    return clustering


def score(labelled: Labelled, clustering: Clustering) -> tuple[float, float, float]:
    gold = {doc.id: label for label, doc in labelled}
    return bcubed(gold, {d: clustering.doc_story[d] for d in gold})


def background(docs: list[Document], centring: Centring) -> IdfTable:
    """Key counts over unlabelled documents, the background of every idf."""
    table = IdfTable()
    for doc in docs:
        table.add(piece_profile([doc], centring))
    return table


def fit_join(labelled: Labelled, centring: Centring, back: IdfTable, l2: float = 1.0) -> LinkModel:
    """Fit the join model's weights, then its threshold for the best BCubed F1."""
    order = shuffled(labelled)
    profiles = {doc.id: piece_profile([doc], centring) for _l, doc in order}
    rows, labels = join_rows([(label, profiles[doc.id]) for label, doc in order], back)
    model = LinkModel.fit(rows, labels, l2=l2)
    best = (-1.0, 0.5)
    for threshold in np.arange(0.1, 0.91, 0.05):
        model.threshold = float(threshold)
        placeholder = LinkModel(model.weights, model.centres, -1e9, threshold=1.0)
        models = StoryModels(model, placeholder, centring, back)
        f1 = score(order, cluster(order, models, profiles))[2]
        best = max(best, (f1, float(threshold)))
    model.threshold = best[1]
    model.meta = {"train_bcubed_f1": round(best[0], 4), "pairs": len(rows), "l2": l2}
    return model


def story_profiles(labelled: Labelled, centring: Centring) -> dict[str, Profile]:
    out: dict[str, Profile] = {}
    for label, doc in labelled:
        out.setdefault(label, Profile()).add(piece_profile([doc], centring))
    return out


def related_rows(
    labelled: Labelled, centring: Centring, back: IdfTable
) -> tuple[list[list[float | None]], list[int], list[tuple[str, str]]]:
    """Pairs of gold stories; two sub-events of one topic (``T/a``, ``T/b``) are related."""
    stories = story_profiles(labelled, centring)
    idf = IdfTable(back)
    for _l, doc in labelled:
        idf.add(piece_profile([doc], centring))
    names = sorted(stories)
    rows, labels, pairs = [], [], []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            rows.append(pair_features(stories[a], stories[b], idf))
            labels.append(int(a.split("/")[0] == b.split("/")[0]))
            pairs.append((a, b))
    return rows, labels, pairs


def fit_related(labelled: Labelled, centring: Centring, back: IdfTable) -> LinkModel:
    """Fit the related model on gold story pairs; threshold for the best F1 of the links."""
    rows, labels, _pairs = related_rows(labelled, centring, back)
    model = LinkModel.fit(rows, labels, l2=1.0)
    probs = [model.probability(r) for r in rows]
    best = (-1.0, 0.5)
    for threshold in np.arange(0.1, 0.91, 0.05):
        tp = sum(p >= threshold and t for p, t in zip(probs, labels, strict=True))
        fp = sum(p >= threshold and not t for p, t in zip(probs, labels, strict=True))
        fn = sum(p < threshold and t for p, t in zip(probs, labels, strict=True))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        best = max(best, (f1, float(threshold)))
    model.threshold = best[1]
    model.meta = {"train_link_f1": round(best[0], 4), "pairs": len(rows)}
    return model
