"""Story clustering on ECB+ topics 1-22: BCubed F1 on held-out topics, and related links.

Each topic holds two sub-events (the ``ecb`` and ``ecbplus`` documents); a gold
story is one sub-event. Two-fold cross-validation by topic (odd / even topics):
the join and related models are fitted on one half and the clustering is run
over all documents of the other half together, in a fixed shuffled order. The
language means and the background key counts are the shipped ones (text only,
no labels). Related links: precision = links between the two sub-events of one
topic / all links; recall = topics whose two sub-events got linked.

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
from newsloom.stories.fitting import cluster, fit_join, fit_related, score, shuffled
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
    shipped = load_models()
    labelled = ecb_documents(range(1, 23))
    topics = sorted({int(label.split("/")[0]) for label, _d in labelled})
    print(f"ECB+ topics 1-22: {len(labelled)} documents, {len(topics)} topics")
    totals = Counter()
    for fold in (0, 1):
        test_topics = {t for i, t in enumerate(topics) if i % 2 == fold}
        train = [x for x in labelled if int(x[0].split("/")[0]) not in test_topics]
        test = shuffled([x for x in labelled if int(x[0].split("/")[0]) in test_topics])
        start = time.process_time()
        join = fit_join(train, shipped.centring, shipped.background)
        related = fit_related(train, shipped.centring, shipped.background)
        models = StoryModels(join, related, shipped.centring, shipped.background)
        clustering = cluster(test, models)
        clustering.link(list(clustering.stories))
        p, r, f1 = score(test, clustering)
        correct, links, linked, n_topics = link_scores(test, clustering)
        cpu = time.process_time() - start
        print(
            f"fold {fold}: held-out topics {sorted(test_topics)}: BCubed P {p:.3f} R {r:.3f} "
            f"F1 {f1:.3f}; stories {len(clustering.stories)} (gold {2 * len(test_topics)}); "
            f"links {links}, correct {correct}, topics linked {linked}/{n_topics}; "
            f"threshold {join.threshold:.2f}; cpu {cpu:.0f} s"
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
