"""How the relation stage grows with the pile: 1k, 3k and 10k generated documents.

The documents are synthetic but shaped like a news pile: stories of 8-15
sentences, a third of them translated (vectors = the original's plus noise,
wording from another vocabulary), some re-posted with small edits, some
contained in a longer version, some bilingual pages, and sister articles on
the same story (close mean vectors, different sentences) as the hard
negatives.  Vectors are random (no encoder: this measures the relation stage
alone).  Documents arrive in batches of 100, each batch stored and then
related against everything before it, as an ingest does.

Each size runs in its own process, so peak memory (max RSS) is that size's
own.  Printed per size: wall and CPU time of the relation calls, CPU time
per document and its ratio to the first size (1.0 = linear; CPU time, since
wall time on a shared machine measures the neighbours), peak RSS, relations
found, and relations between sister articles (false positives, must be 0).

    .venv/bin/python bench/relations_scale.py [--sizes 1000 3000 10000]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import subprocess
import sys
import time
from collections import Counter

import numpy as np

from newsloom.model import Document, Paragraph
from newsloom.relate.relations import RelationFinder
from newsloom.settings import Settings
from newsloom.store.sqlite import SQLiteStore

DIM = 512
BATCH = 100
ALPHABET = {
    "en": "abcdefghijklmnopqrstuvwxyz",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщыьэюя",
    "zh": "".join(chr(c) for c in range(0x4E00, 0x4E00 + 3000)),
}


class Generator:
    """Stories, their sentence vectors and their documents, from one seeded RNG."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.np = np.random.default_rng(seed)
        self.vocab = {
            lang: [
                "".join(self.rng.choice(letters) for _ in range(self.rng.randint(1, 2)))
                if lang == "zh"
                else "".join(self.rng.choice(letters) for _ in range(self.rng.randint(2, 9)))
                for _ in range(6000)
            ]
            for lang, letters in ALPHABET.items()
        }
        self.weights = [1 / (r + 10) for r in range(6000)]  # Zipf-like word frequencies

    def unit(self, rows: np.ndarray) -> np.ndarray:
        return (rows / np.linalg.norm(rows, axis=-1, keepdims=True)).astype(np.float32)

    def sentence(self, lang: str) -> str:
        words = self.rng.choices(self.vocab[lang], self.weights, k=self.rng.randint(10, 25))
        return ("" if lang == "zh" else " ").join(words) + ("。" if lang == "zh" else ".")

    def story(self, topic: np.ndarray, n: int) -> np.ndarray:
        """Sentence vectors about one topic: close to each other, each its own."""
        return self.unit(0.6 * topic + 0.8 * self.unit(self.np.normal(size=(n, DIM))))

    def translate(self, vectors: np.ndarray) -> np.ndarray:
        return self.unit(vectors + 0.35 * self.unit(self.np.normal(size=vectors.shape)))

    def document(self, doc_id: str, views: list[tuple[str, list[str], np.ndarray]]) -> Document:
        """Paragraphs of 1-3 sentences; two views are interleaved paragraph by paragraph."""
        per_view = []
        for lang, sentences, vectors in views:
            paragraphs, i = [], 0
            while i < len(sentences):
                k = self.rng.randint(1, 3)
                chunk = sentences[i : i + k]
                sep = "" if lang == "zh" else " "
                text, spans = "", []
                for s in chunk:
                    start = len(text) + (len(sep) if text else 0)
                    text = f"{text}{sep}{s}" if text else s
                    spans.append((start, start + len(s)))
                p = Paragraph(text=text, lang=lang, sentences=spans, vectors=vectors[i : i + k])
                paragraphs.append(p)
                i += k
            per_view.append(paragraphs)
        if len(per_view) == 2:
            ordered = [p for pair in zip(*per_view, strict=False) for p in pair]
            longer = max(per_view, key=len)
            ordered += longer[min(len(v) for v in per_view) :]
        else:
            ordered = per_view[0]
        langs = [lang for lang, _, _ in views]
        return Document(doc_id, f"{doc_id}.txt", "text", "utf-8", ordered, languages=langs,
                        layout="interleaved" if len(views) == 2 else "monolingual")  # fmt: skip

    def pile(self, size: int) -> list[Document]:
        docs: list[Document] = []
        story = 0
        while len(docs) < size:
            story += 1
            topic = self.unit(self.np.normal(size=DIM))
            n = self.rng.randint(8, 15)
            en = [self.sentence("en") for _ in range(n)]
            vectors = self.story(topic, n)
            r = self.rng.random()
            if r < 0.1:  # a bilingual page, Chinese translation interleaved
                zh = [self.sentence("zh") for _ in range(n)]
                docs.append(self.document(f"s{story}", [("zh", zh, self.translate(vectors)),
                                                        ("en", en, vectors)]))  # fmt: skip
            else:
                docs.append(self.document(f"s{story}", [("en", en, vectors)]))
            if self.rng.random() < 0.3:
                ru = [self.sentence("ru") for _ in range(n)]
                docs.append(self.document(f"s{story}ru", [("ru", ru, self.translate(vectors))]))
            if self.rng.random() < 0.1:
                copy = list(en)
                copy[0] = self.sentence("en")
                docs.append(self.document(f"s{story}copy", [("en", copy, vectors)]))
            if self.rng.random() < 0.05:
                extra = [self.sentence("en") for _ in range(n)]
                longer = np.vstack([vectors, self.story(topic, n)])
                docs.append(self.document(f"s{story}long", [("en", en + extra, longer)]))
            if self.rng.random() < 0.3:
                lang = self.rng.choice(["en", "ru"])
                m = self.rng.randint(6, 14)
                sister = [self.sentence(lang) for _ in range(m)]
                docs.append(self.document(f"s{story}sis", [(lang, sister, self.story(topic, m))]))
        return docs[:size]


def run(size: int) -> dict[str, object]:
    docs = Generator(seed=size).pile(size)
    store = SQLiteStore(":memory:")
    finder = RelationFinder(Settings())
    took, cpu, kinds, sisters = 0.0, 0.0, Counter(), 0
    for i in range(0, len(docs), BATCH):
        batch = docs[i : i + BATCH]
        for doc in batch:
            store.add(doc)
        start, start_cpu = time.perf_counter(), time.process_time()
        found = finder.find(batch, store)
        took += time.perf_counter() - start
        cpu += time.process_time() - start_cpu
        kinds.update(r.type for r in found)
        sisters += sum(r.a.endswith("sis") or r.b.endswith("sis") for r in found)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"size": size, "seconds": took, "cpu": cpu, "peak_mb": peak_mb,
            "relations": dict(kinds), "sister_relations": sisters}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run(args.one)))
        return 0
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, {platform.machine()}, "
          f"batch {BATCH}")  # fmt: skip
    base = None
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size)],
                             capture_output=True, text=True, check=True)  # fmt: skip
        result = json.loads(out.stdout.strip().splitlines()[-1])
        per_doc = result["cpu"] / size * 1000
        base = base or per_doc
        print(f"{size:>6} docs  wall {result['seconds']:6.1f}s  cpu {result['cpu']:6.1f}s  "
              f"{per_doc:6.2f} cpu-ms/doc (x{per_doc / base:.2f} of the first size)  "
              f"peak {result['peak_mb']:6.1f} MB  relations {result['relations']}  "
              f"between sister articles (must be 0): {result['sister_relations']}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
