"""The language of every paragraph, and Simplified vs Traditional for Chinese.

The script decides first (Han without kana is Chinese, Cyrillic is one of the
configured Cyrillic languages, ...), so the statistical detector, lingua, is
asked only to tell apart languages that share a script, and only among the
configured ones: in all-language mode it is slow and wrong on short lines.
Among the Latin-script languages each function word of a language ("the",
"l'", "não") raises lingua's odds for it: a short sentence has too few letters
for n-grams, but its function words rarely lie.
A short line lingua is unsure about takes the language of its nearest sure
neighbour in the same script, when lingua finds that language possible at all;
a line without letters (a date, a number) takes its neighbours' language when
they agree.

Example:
    >>> LanguageDetector(["en", "ru", "zh"]).detect(["Hello there, friends.", "你好"])
    ['en', 'zh']
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import ne
from typing import ClassVar

from lingua import IsoCode639_1, LanguageDetectorBuilder

from newsloom.errors import ConfigError, ModelError
from newsloom.hanzi import converter, to_simplified
from newsloom.lang.scripts import SCRIPT_LANGUAGES, dominant_script, script_counts
from newsloom.model import Document
from newsloom.pipeline import stage
from newsloom.settings import Settings

_NON_LATIN = {code for codes in SCRIPT_LANGUAGES.values() for code in codes}

# The commonest short words of the Latin-script languages, elisions ("l'", "dell'")
# and English contraction endings ("n't", "'m") included.  A short sentence
# gives lingua's n-grams little to go on ("I drink her beer." looks Dutch to
# them), but its function words rarely lie: each one found multiplies a
# language's odds by e**word_weight (see _weigh_words).  In a long paragraph
# they name the language as surely as lingua does, for a fraction of the time.
# A language without a list here keeps its script group on lingua alone.
_FUNCTION_WORDS: dict[str, str] = {
    "en": "'m 're 've 'll 'd n't the a an and of to in is are was were be been am i "
    "i'm i've i'll i'd you you're your he she it it's its we they them their this that "
    "these those what who why how where when which there here not no do does did don't "
    "doesn't didn't isn't aren't wasn't can't won't couldn't wouldn't shouldn't "
    "haven't let's have has had will would can could should my me his her our with for "
    "from at by on about very just all but if or so as up out than then too yet some "
    "any one",
    "de": "der die das den dem des und ist sind war waren bin bist ich du er sie es "
    "wir ihr ein eine einen einem einer nicht kein keine zu mit auf für von bei nach "
    "aus sich auch noch schon nur sehr wie was wer wo warum wann hat habe hast haben "
    "wird werden kann können muss will mein meine dein deine sein seine ihm ihn uns "
    "euch dass oder aber doch mir dir hier da im am zum zur vom ins gern gerne",
    "fr": "le la les l' un une des du de d' et est sont suis es était je j' tu il "
    "elle on nous vous ils elles ce c' cette ces qui que qu' quoi ne n' pas plus au "
    "aux à avec pour dans sur par mais ou où très ai as a avons avez ont me m' te t' "
    "se s' lui leur mon ma mes ton ta son sa ses notre votre y en ça bien fait faire "
    "être avoir",
    "es": "el la los las lo un una unos unas y a de del al que en es son está están "
    "estoy soy eres fue era yo tú usted él ella nosotros ellos ellas me te se le les "
    "mi mis tu tus su sus no sí muy más pero por para con sin como qué cómo dónde "
    "cuándo quién porque hay ha he has han tengo tiene tienes este esta esto "
    "eso ese esa aquí ahora también nunca siempre todo todos",
    "it": "il lo la i gli le un una uno un' l' di del della dello dei degli delle "
    "dell' a al alla allo ai agli alle all' da dal dalla in nel nella nell' su sul "
    "sulla con per tra fra e è che non si mi ti ci vi ne io tu lui lei noi voi loro "
    "sono sei siamo siete era ho hai ha abbiamo avete hanno questo questa quello "
    "quella molto anche ma perché cosa come dove quando chi più già sempre mai tutto "
    "mio mia tuo tua suo sua",
    "pt": "o a os as um uma uns umas de do da dos das em no na nos nas ao à aos às e "
    "é são está estão estou sou era foi eu tu você vocês ele ela eles elas nós me te "
    "se lhe meu minha meus seu sua teu tua não sim muito mais mas por para com sem "
    "como que quê onde quando quem porque há tem tenho têm isso isto este esta esse "
    "essa aqui agora também nunca sempre tudo todos",
    "nl": "de het een en van in is zijn was waren ben bent ik je jij u hij zij ze wij "
    "we jullie niet geen dat dit die deze wat wie waar waarom wanneer hoe op voor met "
    "aan uit bij naar om over ook nog al maar of er hier daar heb hebt heeft hebben "
    "had kan kun wil moet zal mijn jouw ons onze hem erg heel veel",
    "pl": "i w z na do nie się jest są był była było to ten ta te co jak że czy ale "
    "tak ja ty on ona ono my wy oni one mnie mi ciebie cię jej mu nam was im mój moja "
    "moje twój twoja jego jestem jesteś jesteśmy mam masz ma mamy o od po przez dla "
    "bardzo już jeszcze tu tam gdzie kiedy dlaczego kto",
    "tr": "bir ve bu şu o ben sen biz siz onlar mı mi mu mü ne neden nasıl nerede kim "
    "için ile gibi çok daha değil var yok ama ya da de ki her şey benim senin onun "
    "bana sana ona beni seni onu",
}
# A word with its apostrophes: "l'homme", "dell'anno", "don't", "un'idea".
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*'?")


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


def chinese_script(text: str, sample_chars: int = 400) -> str | None:
    """``Hant``, ``Hans``, or None when the text has no character that tells them apart.

    Counts the characters OpenCC's ``t2s`` would change (Traditional-only forms)
    against those ``s2t`` would change (Simplified-only forms).
    """
    sample = text[:sample_chars]
    trad = _changed(sample, converter("t2s").convert(sample))
    simp = _changed(sample, converter("s2t").convert(sample))
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
        word_weight: log-odds each function word of a language adds to lingua's
            confidence in it; 0 leaves lingua alone.
    """

    def __init__(
        self,
        languages: Iterable[str],
        short_chars: int = 20,
        unsure_confidence: float = 0.8,
        max_chars: int = 300,
        long_chars: int = 120,
        word_weight: float = 1.0,
    ) -> None:
        self.languages = check_languages(languages)
        self.short_chars = short_chars
        self.unsure_confidence = unsure_confidence
        self.max_chars = max_chars
        self.long_chars = long_chars
        self.word_weight = word_weight
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
                    g.lang = _by_function_words(_tokens(self._sample(texts[i])), self._words[codes])
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
            index = self._words.get(codes) if self.word_weight else None
            for i, text, values in zip(idx, sample, results, strict=True):
                conf = {v.language.iso_code_639_1.name.lower(): v.value for v in values}
                if index is not None:
                    conf = _weigh_words(conf, _tokens(text), index, self.word_weight)
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


def _tokens(text: str) -> list[str]:
    """Lower-cased words, plus the elided head of "l'homme" (``l'``) and the
    contraction ending of "don't" (``n't``) or "I'm" (``'m``) as words of their own."""
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    parts = [w.split("'") for w in words if "'" in w]
    words += [p[0] + "'" for p in parts]
    words += ["n't" if p[-1] == "t" else "'" + p[-1] for p in parts]
    return words


def _hits(tokens: list[str], index: dict[str, list[str]]) -> dict[str, int]:
    hits: dict[str, int] = {}
    for word in tokens:
        for code in index.get(word, ()):
            hits[code] = hits.get(code, 0) + 1
    return hits


def _weigh_words(
    conf: dict[str, float], tokens: list[str], index: dict[str, list[str]], weight: float
) -> dict[str, float]:
    """lingua's confidences with ``weight`` added to a language's log-odds per function word.

    A language lingua ruled out (confidence 0, e.g. by a letter it never
    writes) stays out.  The result is normalised again, so it still reads as
    a confidence for the unsure-line rule.
    """
    hits = _hits(tokens, index)
    if not hits:
        return conf
    scores = {
        lang: math.log(value) + weight * hits.get(lang, 0)
        for lang, value in conf.items()
        if value > 0.0
    }
    top = max(scores.values())
    odds = {lang: math.exp(score - top) for lang, score in scores.items()}
    total = sum(odds.values())
    return {lang: odds.get(lang, 0.0) / total for lang in conf}


def _by_function_words(words: list[str], index: dict[str, list[str]]) -> str | None:
    """The language whose function words fill the text, when no other comes near.

    Needs at least 6 hits making a fifth of the words and 2.5 times the
    runner-up's (words both languages use, "in", "was", count for both);
    anything less close is left to lingua.  On Tatoeba's Latin-script
    sentences of 12 words or more it answers 1,670 and is never wrong.
    """
    if len(words) < 12:
        return None
    hits = _hits(words, index)
    if not hits:
        return None
    best = max(hits, key=hits.__getitem__)
    top = hits.pop(best)
    runner_up = max(hits.values(), default=0)
    if top >= max(6, 0.2 * len(words)) and top >= 2.5 * runner_up:
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
    version: ClassVar[str] = "v2"
    requires: ClassVar[tuple[str, ...]] = ()

    def __init__(self, settings: Settings) -> None:
        cfg = settings["lang"]
        self.detector = LanguageDetector(
            cfg["languages"],
            short_chars=cfg["short_chars"],
            unsure_confidence=cfg["unsure_confidence"],
            max_chars=cfg["detect_max_chars"],
            word_weight=cfg["word_weight"],
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
