"""The language of every paragraph, and Simplified vs Traditional for Chinese.

The script decides first (Han without kana is Chinese, Cyrillic is one of the
configured Cyrillic languages, ...), so the statistical detector, lingua, is
asked only to tell apart languages that share a script, and only among the
configured ones: in all-language mode it is slow and wrong on short lines.
A short line lingua is unsure about takes the language of its nearest sure
neighbour in the same script, when lingua finds that language possible at all;
a line without letters (a date, a number) takes its neighbours' language when
they agree.

Example:
    >>> LanguageDetector(["en", "ru", "zh"]).detect(["Hello there, friends.", "你好"])
    ['en', 'zh']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import ne
from typing import ClassVar

from lingua import IsoCode639_1, LanguageDetectorBuilder

from newsloom.errors import ConfigError, ModelError
from newsloom.lang.scripts import SCRIPT_LANGUAGES, dominant_script, script_counts
from newsloom.model import Document
from newsloom.pipeline import stage
from newsloom.settings import Settings

_NON_LATIN = {code for codes in SCRIPT_LANGUAGES.values() for code in codes}

# The commonest short words of the Latin-script languages: in a long paragraph
# they name the language as surely as lingua does, for a fraction of the time.
# A language without a list here keeps its script group on lingua alone.
_FUNCTION_WORDS: dict[str, str] = {
    "en": "the and of to in is that with was for it on are has have this by from be were which "
    "said will would their its not but been a an",
    "de": "der die und das ist nicht mit den von sich des auf ein eine dem auch wird wurde "
    "im in zu für werden sind hat",
    "fr": "le la les et de des est un une du dans que pour pas qui sur au avec ce sont été aux "
    "il elle ont sa son en",
    "es": "el la los las y de que del en por un una con es para se al como más fue su lo sus "
    "ha han a",
    "it": "il la di che è della per gli un una non sono dei nel alla anche con del delle le si "
    "ha ad al a in",
    "pt": "o a os as que de do da em um uma não com para dos das é no na foi ao se pelo pela",
    "nl": "de het een van en in is dat op niet zijn voor met ook wordt werd naar bij te die er",
    "pl": "i w nie na się z że do jest to o jak przez od ale po był jej jego oraz",
    "tr": "ve bir bu için ile da de olarak çok daha gibi ama olan en değil ise",
}
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=8)
def _lingua(codes: tuple[str, ...], low_accuracy: bool):
    """One lingua detector per language set and mode, built once per process.

    Building loads the n-gram models (seconds); lingua keeps loaded models in a
    process-wide cache, so the low- and high-accuracy detectors share them.
    """
    try:
        builder = LanguageDetectorBuilder.from_iso_codes_639_1(
            *(getattr(IsoCode639_1, c.upper()) for c in codes)
        ).with_preloaded_language_models()
        if low_accuracy:
            builder = builder.with_low_accuracy_mode()
        return builder.build()
    except Exception as exc:  # lingua raises plain exceptions from Rust
        raise ModelError("NL401", name="lingua " + ",".join(codes), detail=exc) from exc


@lru_cache(maxsize=2)
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional Chinese to Simplified (OpenCC ``t2s``); other text passes unchanged."""
    return _opencc("t2s").convert(text)


def chinese_script(text: str, sample_chars: int = 400) -> str | None:
    """``Hant``, ``Hans``, or None when the text has no character that tells them apart.

    Counts the characters OpenCC's ``t2s`` would change (Traditional-only forms)
    against those ``s2t`` would change (Simplified-only forms).
    """
    sample = text[:sample_chars]
    trad = _changed(sample, _opencc("t2s").convert(sample))
    simp = _changed(sample, _opencc("s2t").convert(sample))
    if trad == simp:
        return None
    return "Hant" if trad > simp else "Hans"


def _changed(a: str, b: str) -> int:
    if len(a) == len(b):
        return sum(map(ne, a, b))
    return len(set(a) ^ set(b))


def check_languages(codes: Iterable[str]) -> tuple[str, ...]:
    """Validate ISO 639-1 codes against what lingua knows; raise ConfigError (NL130)."""
    out = tuple(dict.fromkeys(c.lower() for c in codes))
    for code in out:
        if not hasattr(IsoCode639_1, code.upper()) or len(code) != 2:
            raise ConfigError("NL130", "lang.languages", lang=code)
    if not out:
        raise ConfigError(
            "NL202", "lang.languages", key="lang.languages", expected="a non-empty list", value=[]
        )
    return out


@dataclass
class _Guess:
    lang: str | None
    script: str | None
    sure: bool
    confidence: dict[str, float] = field(default_factory=dict)


class LanguageDetector:
    """Tells the language of paragraphs among a fixed set of languages.

    Args:
        languages: ISO 639-1 codes to choose among.
        short_chars: below this many letters an unsure guess may follow a neighbour.
        unsure_confidence: lingua confidence under which a short line is unsure.
        max_chars: lingua reads at most this many characters of a paragraph; more
            adds time, not accuracy.
        long_chars: from this many characters on lingua's low-accuracy mode
            (trigrams only, several times faster) is about as right as the full one.
    """

    def __init__(
        self,
        languages: Iterable[str],
        short_chars: int = 20,
        unsure_confidence: float = 0.8,
        max_chars: int = 300,
        long_chars: int = 120,
    ) -> None:
        self.languages = check_languages(languages)
        self.short_chars = short_chars
        self.unsure_confidence = unsure_confidence
        self.max_chars = max_chars
        self.long_chars = long_chars
        # Fewer texts than this go to lingua one by one: its thread pool costs more.
        self.parallel_min = 8
        langs = set(self.languages)
        self._by_script: dict[str, tuple[str, ...]] = {
            script: tuple(c for c in codes if c in langs)
            for script, codes in SCRIPT_LANGUAGES.items()
        }
        # Han without kana is Chinese whenever Chinese is configured.
        if "zh" in langs:
            self._by_script["Hani"] = ("zh",)
        self._by_script["Latn"] = tuple(c for c in self.languages if c not in _NON_LATIN)
        self._words: dict[tuple[str, ...], dict[str, list[str]]] = {}
        for codes in self._by_script.values():
            if len(codes) > 1:
                _lingua(codes, False)
                _lingua(codes, True)
                if all(c in _FUNCTION_WORDS for c in codes):
                    index: dict[str, list[str]] = {}
                    for code in codes:
                        for word in set(_FUNCTION_WORDS[code].split()):
                            index.setdefault(word, []).append(code)
                    self._words[codes] = index

    def language_of(self, text: str) -> str | None:
        """The language of one text on its own, without neighbours to lean on."""
        return self.detect([text])[0]

    def detect(self, texts: Sequence[str]) -> list[str | None]:
        """The language of each text, read in order as the paragraphs of one document."""
        guesses = [self._by_script_guess(t) for t in texts]
        self._ask_lingua(texts, guesses)
        self._lean_on_neighbours(guesses)
        return [g.lang for g in guesses]

    def _by_script_guess(self, text: str) -> _Guess:
        counts = script_counts(text)
        script = dominant_script(counts)
        if script is None:
            return _Guess(None, None, sure=False)
        codes = self._by_script.get(script, ())
        if len(codes) == 1:
            return _Guess(codes[0], script, sure=True)
        # Several candidates: lingua decides below; none: the script is not configured.
        sure = not codes or sum(counts.values()) >= self.short_chars
        return _Guess(None, script, sure=sure)

    def _ask_lingua(self, texts: Sequence[str], guesses: list[_Guess]) -> None:
        batches: dict[tuple[tuple[str, ...], bool], list[int]] = {}
        for i, g in enumerate(guesses):
            codes = self._by_script.get(g.script or "", ())
            if g.lang is None and len(codes) > 1:
                long = len(texts[i]) >= self.long_chars
                if long and codes in self._words:
                    g.lang = _by_function_words(self._sample(texts[i]), self._words[codes])
                    if g.lang:
                        continue
                batches.setdefault((codes, long), []).append(i)
        for (codes, long), idx in batches.items():
            detector = _lingua(codes, long)
            sample = [self._sample(texts[i]) for i in idx]
            if len(sample) < self.parallel_min:
                results = [detector.compute_language_confidence_values(t) for t in sample]
            else:
                results = detector.compute_language_confidence_values_in_parallel(sample)
            for i, values in zip(idx, results, strict=True):
                conf = {v.language.iso_code_639_1.name.lower(): v.value for v in values}
                g = guesses[i]
                g.lang = max(conf, key=conf.__getitem__) if conf else None
                g.confidence = conf
                g.sure = g.sure or (g.lang is not None and conf[g.lang] >= self.unsure_confidence)

    def _sample(self, text: str) -> str:
        if len(text) <= self.max_chars:
            return text
        cut = text.rfind(" ", self.max_chars // 2, self.max_chars)
        return text[: cut if cut > 0 else self.max_chars]

    def _lean_on_neighbours(self, guesses: list[_Guess]) -> None:
        n = len(guesses)
        for i, g in enumerate(guesses):
            if g.sure or g.script is None:
                continue
            options = [
                guesses[j].lang
                for j in (_nearest(guesses, i, -1, g.script), _nearest(guesses, i, 1, g.script))
                if j is not None
            ]
            options = [lang for lang in options if lang and g.confidence.get(lang, 0.0) > 0.0]
            if options:
                g.lang = max(options, key=lambda lang: g.confidence[lang])
        for i, g in enumerate(guesses):
            if g.script is not None:
                continue
            around = {
                guesses[j].lang
                for j in (_nearest_known(guesses, i, -1, n), _nearest_known(guesses, i, 1, n))
                if j is not None
            }
            if len(around) == 1:
                g.lang = around.pop()


def _by_function_words(text: str, index: dict[str, list[str]]) -> str | None:
    """The language whose function words fill the text, when no other comes near.

    Needs at least 6 hits making a fifth of the words and three times the
    runner-up's; anything less close is left to lingua.
    """
    words = _WORD.findall(text.lower())
    if len(words) < 12:
        return None
    hits: Counter[str] = Counter()
    for word in words:
        for code in index.get(word, ()):
            hits[code] += 1
    ranked = hits.most_common(2)
    if not ranked:
        return None
    best, top = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if top >= max(6, 0.2 * len(words)) and top >= 3 * runner_up:
        return best
    return None


def _nearest(guesses: list[_Guess], i: int, step: int, script: str) -> int | None:
    j = i + step
    while 0 <= j < len(guesses):
        if guesses[j].script == script and guesses[j].sure and guesses[j].lang:
            return j
        j += step
    return None


def _nearest_known(guesses: list[_Guess], i: int, step: int, n: int) -> int | None:
    j = i + step
    while 0 <= j < n:
        if guesses[j].script is not None and guesses[j].lang:
            return j
        j += step
    return None


@stage
class ParagraphLanguages:
    """``lang.paragraphs``: Paragraph.lang for every paragraph; script and simplified for zh."""

    name: ClassVar[str] = "lang.paragraphs"
    version: ClassVar[str] = "v1"
    requires: ClassVar[tuple[str, ...]] = ()

    def __init__(self, settings: Settings) -> None:
        cfg = settings["lang"]
        self.detector = LanguageDetector(
            cfg["languages"],
            short_chars=cfg["short_chars"],
            unsure_confidence=cfg["unsure_confidence"],
            max_chars=cfg["detect_max_chars"],
        )

    def __call__(self, doc: Document) -> Document:
        langs = self.detector.detect([p.text for p in doc.paragraphs])
        for p, lang in zip(doc.paragraphs, langs, strict=True):
            p.lang, p.script, p.simplified = lang, None, None
        chinese = [p for p in doc.paragraphs if p.lang == "zh"]
        scripts = [chinese_script(p.text) for p in chinese]
        told = [s for s in scripts if s]
        fallback = max(sorted(set(told)), key=told.count) if told else "Hans"
        for p, script in zip(chinese, scripts, strict=True):
            p.script = script or fallback
            if p.script == "Hant":
                p.simplified = to_simplified(p.text)
        return doc
