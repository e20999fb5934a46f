"""A document's languages, how they are laid out, and its title in each.

Shares are counted in Latin-letter equivalents (see :mod:`newsloom.lang.scripts`)
so a Chinese half is not outweighed threefold by its English translation.  The
layout follows from how often the language changes between consecutive content
paragraphs: a translation printed paragraph by paragraph switches at almost
every step ("interleaved"), one printed after the original switches once or
twice ("blocks").
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from typing import ClassVar

from newsloom.lang.scripts import script_counts, weighted_size
from newsloom.model import Document, Layout, Paragraph
from newsloom.pipeline import stage
from newsloom.settings import Settings


def language_shares(paragraphs: list[Paragraph]) -> dict[str, float]:
    """Each language's share of the content text, largest first (weighted by script)."""
    sizes: Counter[str] = Counter()
    for p in paragraphs:
        if p.is_content and p.lang:
            sizes[p.lang] += weighted_size(script_counts(p.text))
    total = sum(sizes.values())
    if not total:
        return {}
    return {lang: size / total for lang, size in sorted(sizes.items(), key=lambda kv: -kv[1])}


def document_languages(paragraphs: list[Paragraph], min_share: float) -> list[str]:
    """The largest language, then every other one holding at least ``min_share``."""
    shares = language_shares(paragraphs)
    return [lang for i, (lang, share) in enumerate(shares.items()) if i == 0 or share >= min_share]


def layout_of(paragraphs: list[Paragraph], languages: list[str], switch_ratio: float) -> Layout:
    """``monolingual``, ``interleaved`` or ``blocks`` from the language switches.

    Only content paragraphs in the document's languages count, so a number line
    or a stray foreign name does not make a switch.
    """
    if len(languages) < 2:
        return "monolingual"
    seq = [p.lang for p in paragraphs if p.is_content and p.lang in languages]
    if len(seq) < 2:
        return "monolingual"
    switches = sum(a != b for a, b in pairwise(seq))
    return "interleaved" if switches >= switch_ratio * (len(seq) - 1) else "blocks"


@stage
class DocumentLayout:
    """``lang.layout``: Document.languages, Document.layout and Metadata.titles."""

    name: ClassVar[str] = "lang.layout"
    version: ClassVar[str] = "v1"
    requires: ClassVar[tuple[str, ...]] = ("lang.paragraphs",)

    def __init__(self, settings: Settings) -> None:
        cfg = settings["lang"]
        self.min_share: float = cfg["second_language_share"]
        self.switch_ratio: float = cfg["interleaved_switch_ratio"]

    def __call__(self, doc: Document) -> Document:
        doc.languages = document_languages(doc.paragraphs, self.min_share)
        doc.layout = layout_of(doc.paragraphs, doc.languages, self.switch_ratio)
        for p in doc.paragraphs:
            if p.role == "title" and p.lang and p.text.strip():
                doc.meta.titles.setdefault(p.lang, p.text.strip())
        if not doc.meta.title and doc.meta.titles:
            first = next((lang for lang in doc.languages if lang in doc.meta.titles), None)
            doc.meta.title = doc.meta.titles[first or next(iter(doc.meta.titles))]
        return doc
