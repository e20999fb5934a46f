"""Story clustering on ECB+ topics 1-22: BCubed F1 on held-out topics, and related links.

Each topic holds two sub-events (the ``ecb`` and ``ecbplus`` documents); a gold
story is one sub-event. Two-fold cross-validation by topic (odd / even topics):
the join and related models are fitted on one half and the clustering is run
over all documents of the other half together, in a fixed shuffled order. Within
each fold, the idf prior and the join model's evidence are chosen as
``scripts/fit_stories.py`` chooses them (two-fold cross-validation by topic), but
on the fold's training topics only, so the held-out topics influence nothing that
is scored. The language means are the shipped ones (SemEval text, no labels); idf
counts come from the clustered documents themselves, as they arrive. Related
links: precision = links between the two sub-events of one topic / all links;
recall = topics whose two sub-events got linked.

``--fixed`` skips the choice and uses the shipped prior and evidence (quicker, but
those were chosen on all 22 topics, held-out ones included: not a held-out figure).

Run:  .venv/bin/python bench/stories_ecbplus.py
"""

from __future__ import annotations

import platform
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.stories_data import ECB, ecb_documents
from newsloom.stories.fitting import (
    RELATED_FEATURES,
    cluster,
    fit_join,
    fit_related,
    piece_profiles,
    score,
    select_join,
    topic_folds,
)
from newsloom.stories.model import StoryModels, load_models


def link_scores(labelled, clustering) -> tuple[int, int, int, int]:
    """(correct links, links, topics linked, topics) for the clustering's related links."""
    gold = {doc.id: label for label, doc in labelled}
    majority = {}
    for story_id, story in clustering.stories.items():
        labels = Counter(gold[m] for m in story.members)
        majority[story_id] = labels.most_common(1)[0][0]
    correct, linked = 0, set()
    for a, b in clustering.links:
        la, lb = majority[a], majority[b]
        if la != lb and la.split("/")[0] == lb.split("/")[0]:
            correct += 1
            linked.add(la.split("/")[0])
    topics = {label.split("/")[0] for label in gold.values()}
    return correct, len(clustering.links), len(linked), len(topics)


def main() -> None:
    if not ECB.exists():
        print(f"skipped: {ECB} not found")
        return
    fixed = "--fixed" in sys.argv[1:]
    shipped = load_models()
    centring = shipped.centring
    labelled = ecb_documents(range(1, 23))
    topics = sorted({int(label.split("/")[0]) for label, _d in labelled})
    print(f"ECB+ topics 1-22: {len(labelled)} documents, {len(topics)} topics")
    profiles = piece_profiles(labelled, centring)
    totals = Counter()
    for fold, (train, test) in enumerate(topic_folds(labelled)):
        test_topics = {int(label.split("/")[0]) for label, _d in test}
        start = time.process_time()
        if fixed:
            prior, features = shipped.idf_prior, shipped.join.features
        else:
            prior, features, _table = select_join(train, centring, profiles)
        join = fit_join(train, centring, prior, features, profiles=profiles)
        related = fit_related(train, centring, prior, RELATED_FEATURES, profiles=profiles)
        models = StoryModels(join, related, centring, prior)
        clustering = cluster(test, models, profiles)
        clustering.link(list(clustering.stories))
        p, r, f1 = score(test, clustering)
        correct, links, linked, n_topics = link_scores(test, clustering)
        cpu = time.process_time() - start
        print(
            f"fold {fold}: held-out topics {sorted(test_topics)}: BCubed P {p:.3f} R {r:.3f} "
            f"F1 {f1:.3f}; stories {len(clustering.stories)} (gold {2 * len(test_topics)}); "
            f"links {links}, correct {correct}, topics linked {linked}/{n_topics}; "
            f"threshold {join.threshold:.2f}; idf prior {prior:g}; "
            f"join features {','.join(features)}; cpu {cpu:.0f} s"
        )
        totals.update(
            {
                "p": p * len(test),
                "r": r * len(test),
                "f1": f1 * len(test),
                "n": len(test),
                "correct": correct,
                "links": links,
                "linked": linked,
                "topics": n_topics,
            }
        )
    n = totals["n"]
    print(
        f"held-out mean (weighted by documents): BCubed P {totals['p'] / n:.3f} "
        f"R {totals['r'] / n:.3f} F1 {totals['f1'] / n:.3f}; related links precision "
        f"{totals['correct'] / max(1, totals['links']):.3f}, recall "
        f"{totals['linked'] / totals['topics']:.3f}"
    )
    print(f"python {platform.python_version()}, {platform.machine()}")


if __name__ == "__main__":
    main()
