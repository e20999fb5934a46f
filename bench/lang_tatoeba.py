"""Paragraph-language accuracy on Tatoeba (LASER v1 test set), per language.

Every sentence is run alone, as a one-paragraph document, through the
``lang.paragraphs`` stage with the default settings: the hard case, with no
neighbour to lean on.  Scores the non-English side of each pair whose language
is configured (cmn, yue and wuu all count as zh) and every English side;
configured-out languages (e.g. ukr, bul, ces) are listed apart, with what they
were called.  A second column runs the same sentences in context: each five
consecutive sentences of a side form one five-paragraph document, so a short
unsure line can lean on its neighbours as it would in an article.

Rules and weights are chosen on half 0 only (a fixed CRC-32 of the sentence
text, ``zlib.crc32(text) % 2``), so the overall figure is also given per half:
half 1 is the held-out score.

    .venv/bin/python bench/lang_tatoeba.py [--data DIR]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
import zlib
from collections import Counter
from importlib.metadata import version
from pathlib import Path

from newsloom.lang.detect import ParagraphLanguages
from newsloom.model import Document, Paragraph
from newsloom.settings import Settings

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchdata" / "tatoeba-laser"
# Tatoeba's ISO 639-3 codes to the ISO 639-1 code newsloom should answer.
TO_639_1 = {
    "ara": "ar",
    "bul": "bg",
    "ces": "cs",
    "cmn": "zh",
    "deu": "de",
    "fra": "fr",
    "ita": "it",
    "jpn": "ja",
    "kor": "ko",
    "nld": "nl",
    "pol": "pl",
    "por": "pt",
    "rus": "ru",
    "spa": "es",
    "tha": "th",
    "tur": "tr",
    "ukr": "uk",
    "wuu": "zh",
    "yue": "zh",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    folder = args.data / "data" / "tatoeba" / "v1"
    if not folder.is_dir():
        print(f"no Tatoeba data at {folder}", file=sys.stderr)
        return 1
    settings = Settings()
    configured = set(settings["lang"]["languages"])
    t0 = time.perf_counter()
    stage = ParagraphLanguages(settings)
    print(f"detector built in {time.perf_counter() - t0:.1f} s")

    def run(lines: list[str], size: int = 1) -> list[str | None]:
        docs = [
            Document(id="", source="", kind="text", encoding="utf-8",
                     paragraphs=[Paragraph(s) for s in lines[i : i + size]])
            for i in range(0, len(lines), size)
        ]  # fmt: skip
        return [p.lang for d in docs for p in stage(d).paragraphs]

    # side -> (language, right alone, right in context, sentences)
    rows: dict[str, list] = {}
    # half -> [right alone, right in context, sentences]
    halves = {0: [0, 0, 0], 1: [0, 0, 0]}
    other: list[str] = []
    n_sent = 0
    t0 = time.perf_counter()
    for side in sorted(folder.glob("tatoeba.*-eng.*")):
        code = side.suffix[1:]
        if code == "eng" or code not in TO_639_1:
            continue
        for path, name, want in (
            (side, code, TO_639_1[code]),
            (side.with_suffix(".eng"), "eng", "en"),
        ):
            lines = [s.strip() for s in path.read_text("utf-8").splitlines() if s.strip()]
            n_sent += len(lines)
            alone, context = run(lines), run(lines, 5)
            if want not in configured:
                top = ", ".join(f"{k}:{v}" for k, v in Counter(alone).most_common(3))
                other.append(f"  {code} ({want}, not configured): called {top}")
                continue
            row = rows.setdefault(name, [want, 0, 0, 0])
            row[1] += sum(g == want for g in alone)
            row[2] += sum(g == want for g in context)
            row[3] += len(lines)
            for line, a, c in zip(lines, alone, context, strict=True):
                half = halves[zlib.crc32(line.encode()) % 2]
                half[0] += a == want
                half[1] += c == want
                half[2] += 1
    seconds = time.perf_counter() - t0
    print(f"{'side':<6}{'lang':<6}{'alone':>9}{'context':>9}{'n':>7}")
    for name, (want, ok, ctx, n) in sorted(rows.items(), key=lambda kv: kv[0] == "eng"):
        print(f"{name:<6}{want:<6}{ok / n:>9.2%}{ctx / n:>9.2%}{n:>7}")
    ok, ctx, n = (sum(r[i] for r in rows.values()) for i in (1, 2, 3))
    print(f"overall (configured languages): alone {ok / n:.2%}, in context {ctx / n:.2%}, of {n}")
    for h, (a, c, m) in halves.items():
        print(f"  half {h}: alone {a / m:.2%}, in context {c / m:.2%}, of {m}")
    print("\n".join(other))
    print(
        f"{n_sent} sentences, twice, in {seconds:.1f} s; lingua "
        f"{version('lingua-language-detector')}, python {platform.python_version()}, "
        f"{platform.machine()}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
