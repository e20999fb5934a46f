"""Which of two translated texts is the original, where the documents show it.

Rules, strongest first; the first that decides wins, and the relation's
evidence names it.  None decides: the direction is ``unknown``.

1. ``translation_note``: a "translated from / translated by / перевод с / 译自 /
   編譯" line (a short paragraph, or ``Metadata.translated_from`` /
   ``translator``).  A note naming the source language decides outright; a
   note without one marks the text in the note's own language as the
   translation (credits are written in the language of the version they
   credit).
2. ``outlet_language``: a document's home language from its URL's country
   domain (``.ru``, ``.cn`` ...) or from an outlet name written in a non-Latin
   script.  Decides when exactly one text is in its outlet's home language
   and the other is known not to be.  ``declared_lang`` is not used: on a
   bilingual page it names the site's edition (an English edition of a
   Chinese outlet declares ``en``), not where the text came from.
3. ``layout_order``, for two views of one page only (setting
   ``relate.layout_direction``).  Interleaved pages: the language that leads
   each aligned paragraph pair is the original (seed 000: Chinese leads,
   Chinese is the original).  Block pages: the first block is the
   translation and the original follows it (seeds 002, machine Chinese then
   the English original, and 003, English translation then the Russian
   original).  Three pages is thin evidence, so this rule comes last.

Machine-translation artefacts were measured and are not used: half-width
commas in Chinese, the obvious candidate, occur as often in the human-written
Chinese seeds (000, 004) as in the machine-translated one (002).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import numpy as np

from newsloom.lang.scripts import SCRIPT_LANGUAGES, dominant_script, script_counts
from newsloom.model import Document

# Words that name a language inside a note, per language code (lower case, stems).
LANGUAGE_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("english", "англ", "英文", "英语", "英語", "anglais", "englisch", "inglés"),
    "ru": ("russian", "русск", "俄文", "俄语", "俄語", "russe", "russisch", "ruso"),
    "zh": ("chinese", "китайск", "中文", "汉语", "漢語", "chinois", "chinesisch", "chino"),
    "de": ("german", "немецк", "德文", "德语", "德語", "allemand", "deutsch", "alemán"),
    "fr": ("french", "французск", "法文", "法语", "法語", "français", "französisch", "francés"),
    "es": ("spanish", "испанск", "西班牙文", "西班牙语", "espagnol", "spanisch", "español"),
    "uk": ("ukrainian", "украинск", "乌克兰文", "乌克兰语", "ukrainien", "ukrainisch"),
    "ja": ("japanese", "японск", "日文", "日语", "日語", "japonais", "japanisch"),
    "ar": ("arabic", "арабск", "阿拉伯文", "阿拉伯语", "arabe", "arabisch", "árabe"),
}
_NOTE = re.compile(
    r"\btranslat(?:ed|ion)\s+(?:from|by)\b|^\s*translator\b|"
    r"\bперев(?:од|ела?|ёл|едено)\s+(?:с|из)\b|^\s*перев(?:од|одчик)\b|"
    r"译自|譯自|编译|編譯|翻译[:：]|翻譯[:：]|译者|譯者|"
    r"\bübersetz(?:t|ung)\s+(?:aus|von)\b|\btradu(?:it|ction)\s+(?:de|par|du)\b|"
    r"\btraduc(?:ido|ción)\s+(?:del?|por)\b",
    re.IGNORECASE,
)
# A note is a credit line, not a sentence of the story that mentions a translation.
_NOTE_MAX_CHARS = 200
# Country-code domains whose sites publish in one language (mostly).
TLD_LANGUAGE: dict[str, str] = {
    "ru": "ru", "su": "ru", "cn": "zh", "tw": "zh", "hk": "zh", "jp": "ja", "kr": "ko",
    "de": "de", "at": "de", "fr": "fr", "es": "es", "it": "it", "pl": "pl", "nl": "nl",
    "tr": "tr", "br": "pt", "pt": "pt", "th": "th", "ua": "uk", "uk": "en", "us": "en",
    "au": "en", "ie": "en", "nz": "en",
}  # fmt: skip


@dataclass(frozen=True)
class Verdict:
    """The original's language (None: unknown), the rule that decided and why."""

    original: str | None
    rule: str | None = None
    detail: str | None = None


@dataclass(frozen=True)
class _Side:
    doc: Document
    lang: str


def named_language(text: str, among: tuple[str, ...]) -> str | None:
    """The one language of ``among`` that ``text`` names, else None."""
    low = text.lower()
    hits = [code for code in among if any(n in low for n in LANGUAGE_NAMES.get(code, ()))]
    return hits[0] if len(hits) == 1 else None


def _notes(doc: Document) -> list[tuple[str, str | None]]:
    """(note text, language it is written in) for every translation note of a document."""
    notes = [
        (p.text, p.lang)
        for p in doc.paragraphs
        if len(p.text) <= _NOTE_MAX_CHARS and _NOTE.search(p.text)
    ]
    if doc.meta.translated_from:
        notes.append((doc.meta.translated_from, None))
    if doc.meta.translator and not notes:
        langs = doc.languages
        notes.append((doc.meta.translator, langs[0] if len(langs) == 1 else None))
    return notes


def _by_note(a: _Side, b: _Side) -> Verdict | None:
    langs = (a.lang, b.lang)
    sources: set[str] = set()
    translated: set[str] = set()  # languages marked as the translation's
    docs = [a.doc] if a.doc is b.doc else [a.doc, b.doc]
    for doc in docs:
        for text, written_in in _notes(doc):
            source = named_language(text, langs)
            if source is not None and source != written_in:
                sources.add(source)
            elif written_in in langs and any(s.doc is doc and s.lang == written_in for s in (a, b)):
                translated.add(written_in)
    if len(sources) == 1:
        return Verdict(sources.pop(), "translation_note", "note names the source language")
    if not sources and len(translated) == 1:
        lang = translated.pop()
        other = b.lang if lang == a.lang else a.lang
        return Verdict(other, "translation_note", f"translation credit written in {lang}")
    return None


def home_language(doc: Document, among: tuple[str, ...]) -> str | None:
    """The language a document's outlet publishes in, where its URL or name shows it."""
    if doc.meta.url:
        host = urlsplit(doc.meta.url).hostname or ""
        lang = TLD_LANGUAGE.get(host.rsplit(".", 1)[-1])
        if lang:
            return lang
    if doc.meta.outlet:
        script = dominant_script(script_counts(doc.meta.outlet))
        candidates = [c for c in SCRIPT_LANGUAGES.get(script or "", ()) if c in among]
        if len(candidates) == 1:
            return candidates[0]
    return None


def _by_outlet(a: _Side, b: _Side) -> Verdict | None:
    langs = (a.lang, b.lang)
    homes = [home_language(s.doc, langs) for s in (a, b)]
    if homes[0] is None or homes[1] is None:
        return None
    at_home = [home == s.lang for home, s in zip(homes, (a, b), strict=True)]
    if at_home[0] == at_home[1]:
        return None
    original = a if at_home[0] else b
    return Verdict(original.lang, "outlet_language", f"outlet publishes in {original.lang}")


def _paragraph_vector(vectors: np.ndarray | None) -> np.ndarray | None:
    if vectors is None or not len(vectors):
        return None
    mean = vectors.astype(np.float32).mean(axis=0)
    return mean / (np.linalg.norm(mean) or 1.0)


def _by_layout(doc: Document, langs: tuple[str, str], min_cos: float) -> Verdict | None:
    views = doc.views()
    if doc.layout == "blocks":
        first = min(langs, key=lambda lang: views[lang][0])
        other = langs[1] if first == langs[0] else langs[0]
        return Verdict(other, "layout_order", f"block page: the {first} block comes first")
    if doc.layout != "interleaved":
        return None
    content = [p for p in doc.paragraphs if p.is_content and p.lang in langs]
    leads = {lang: 0 for lang in langs}
    for p, q in itertools.pairwise(content):
        u, v = _paragraph_vector(p.vectors), _paragraph_vector(q.vectors)
        if p.lang != q.lang and u is not None and v is not None and float(u @ v) >= min_cos:
            leads[p.lang] += 1  # type: ignore[index]
    lead, n = max(leads.items(), key=lambda kv: kv[1])
    if n < 2 or n < 2 * (sum(leads.values()) - n):
        return None
    return Verdict(lead, "layout_order", f"interleaved page: {lead} leads {n} paragraph pairs")


def decide(
    a_doc: Document, a_lang: str, b_doc: Document, b_lang: str, *, layout: bool, min_cos: float
) -> Verdict:
    """Which language of the pair is the original's, by the first rule that decides."""
    a, b = _Side(a_doc, a_lang), _Side(b_doc, b_lang)
    verdict = _by_note(a, b) or _by_outlet(a, b)
    if verdict is None and layout and a_doc.id == b_doc.id:
        verdict = _by_layout(a_doc, (a_lang, b_lang), min_cos)
    return verdict or Verdict(None)
