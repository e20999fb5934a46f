"""Aligned text pairs as a user sees them, and as a parallel corpus (TMX 1.4, TSV, JSONL).

The aligner (:mod:`newsloom.relate.align`) works on lists of strings; this
module feeds it two language views and turns its beads back into paragraph
and sentence texts with their places in the documents.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from newsloom import __version__
from newsloom.model import Document
from newsloom.relate.align import align_documents
from newsloom.settings import Settings

Embed = Callable[[list[str]], np.ndarray]


@dataclass
class AlignedPair:
    """One bead with its texts: ``a``/``b`` are empty lists for a line left unaligned.

    ``a``/``b`` hold paragraph indices in a paragraph bead and
    ``[paragraph, sentence]`` pairs in a sentence bead.
    """

    a: list[Any]
    b: list[Any]
    a_text: str
    b_text: str
    score: float


@dataclass
class ViewAlignment:
    """Two language views aligned paragraph by paragraph and sentence by sentence.

    Paragraph indices are the documents' own; sentence indices are
    ``[paragraph, sentence]`` pairs, so any of them can be shown in place.
    """

    a: str
    a_lang: str
    b: str
    b_lang: str
    paragraphs: list[AlignedPair] = field(default_factory=list)
    sentences: list[AlignedPair] = field(default_factory=list)


def align_views(
    doc_a: Document, lang_a: str, doc_b: Document, lang_b: str, embed: Embed, settings: Settings
) -> ViewAlignment:
    """Align view ``lang_a`` of ``doc_a`` with view ``lang_b`` of ``doc_b`` (may be one doc)."""
    idx_a = doc_a.views().get(lang_a, [])
    idx_b = doc_b.views().get(lang_b, [])
    src = [doc_a.paragraphs[i].sentence_texts() for i in idx_a]
    tgt = [doc_b.paragraphs[i].sentence_texts() for i in idx_b]
    out = ViewAlignment(doc_a.id, lang_a, doc_b.id, lang_b)
    if not src or not tgt:
        return out
    result = align_documents(src, tgt, embed, settings)
    sep_a, sep_b = _joiner(lang_a), _joiner(lang_b)
    for bead in result.paragraphs:
        out.paragraphs.append(
            AlignedPair(
                [idx_a[i] for i in bead.src],
                [idx_b[j] for j in bead.tgt],
                "\n".join(doc_a.paragraphs[idx_a[i]].text for i in bead.src),
                "\n".join(doc_b.paragraphs[idx_b[j]].text for j in bead.tgt),
                float(bead.score),
            )
        )
    for bead in result.sentences:
        where_a = [result.src_where[k] for k in bead.src]
        where_b = [result.tgt_where[k] for k in bead.tgt]
        out.sentences.append(
            AlignedPair(
                [[idx_a[p], s] for p, s in where_a],
                [[idx_b[p], s] for p, s in where_b],
                sep_a.join(src[p][s] for p, s in where_a),
                sep_b.join(tgt[p][s] for p, s in where_b),
                float(bead.score),
            )
        )
    return out


def _joiner(lang: str) -> str:
    """How two sentences of one bead are joined: no space in Chinese and Japanese."""
    return "" if lang in ("zh", "ja") else " "


def sentence_pairs(alignment: ViewAlignment) -> Iterable[AlignedPair]:
    """The beads with text on both sides: the parallel corpus's rows."""
    return (p for p in alignment.sentences if p.a and p.b)


def write_tmx(alignments: Iterable[ViewAlignment], out: TextIO) -> int:
    """TMX 1.4 with one ``<tu>`` per aligned sentence pair; returns the number written."""
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n')
    out.write(
        f'  <header creationtool="newsloom" creationtoolversion="{__version__}"'
        ' segtype="sentence" o-tmf="newsloom" adminlang="en" srclang="*all*"'
        ' datatype="plaintext"/>\n  <body>\n'
    )
    n = 0
    for al in alignments:
        for pair in sentence_pairs(al):
            out.write(f'    <tu><prop type="x-score">{pair.score:.4f}</prop>')
            out.write(f'<prop type="x-documents">{escape(al.a)} {escape(al.b)}</prop>\n')
            for lang, text in ((al.a_lang, pair.a_text), (al.b_lang, pair.b_text)):
                seg = escape(text)
                out.write(f"      <tuv xml:lang={quoteattr(lang)}><seg>{seg}</seg></tuv>\n")
            out.write("    </tu>\n")
            n += 1
    out.write("  </body>\n</tmx>\n")
    return n


def write_tsv(alignments: Iterable[ViewAlignment], out: TextIO) -> int:
    """Tab-separated: a_lang, b_lang, a_text, b_text, score, a_doc, b_doc (tabs and
    newlines inside texts become spaces)."""
    out.write("a_lang\tb_lang\ta_text\tb_text\tscore\ta_doc\tb_doc\n")
    n = 0
    for al in alignments:
        for pair in sentence_pairs(al):
            cells = [al.a_lang, al.b_lang, pair.a_text, pair.b_text, f"{pair.score:.4f}", al.a,
                     al.b]
            out.write("\t".join(" ".join(c.split()) for c in cells) + "\n")
            n += 1
    return n


def write_jsonl(alignments: Iterable[ViewAlignment], out: TextIO) -> int:
    """One JSON object per aligned sentence pair."""
    n = 0
    for al in alignments:
        for pair in sentence_pairs(al):
            row = {
                "a": {"doc": al.a, "lang": al.a_lang, "text": pair.a_text, "sentences": pair.a},
                "b": {"doc": al.b, "lang": al.b_lang, "text": pair.b_text, "sentences": pair.b},
                "score": round(pair.score, 4),
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


WRITERS: dict[str, Callable[[Iterable[ViewAlignment], TextIO], int]] = {
    "tmx": write_tmx,
    "tsv": write_tsv,
    "jsonl": write_jsonl,
}
