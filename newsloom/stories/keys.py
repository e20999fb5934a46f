"""Keys a text is matched on across documents: names, numbers, words and dates.

Names are matched across scripts by a cheap key: the first five letters of a
capitalised word, Cyrillic transliterated, diacritics dropped (``Marenia``,
``Марении``, ``Marénie`` -> ``maren``), and by the extraction stage's mentions:
a mention's normalised name, romanised (``m:sergei ryabkov``), or as written
in Chinese (``m:谢尔盖``). Words carry their language (lexical overlap only
means something within one language). Dates come from the time stage and are
keyed at the day, month and year (``d:``, ``m:``, ``y:``), so two stories that
mention the same year but different days still share something.
"""

from __future__ import annotations

import re
import unicodedata

from newsloom.extract.translit import is_han, romanise
from newsloom.model import Document

KEY_LETTERS = 5
"""Letters a name key keeps: long enough to tell names apart, short enough to drop case endings."""

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(),  # noqa: SIM905
        strict=True,
    )
)
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_UPPER_START = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁ]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_YEAR = re.compile(r"(?:1[89]|2[01])\d\d")


def fold(word: str) -> str:
    """Lower case, Cyrillic transliterated, diacritics dropped: one spelling across scripts."""
    low = word.lower()
    low = "".join(_CYRILLIC.get(ch, ch) for ch in low).replace("-", "")
    return "".join(ch for ch in unicodedata.normalize("NFKD", low) if not unicodedata.combining(ch))


def name_keys(text: str) -> set[str]:
    """Keys of capitalised words that do not open a sentence (those are names, mostly)."""
    return set(name_forms(text))


def name_forms(text: str) -> dict[str, str]:
    """Name key -> the word as first written, for the names :func:`name_keys` finds."""
    keys: dict[str, str] = {}
    for match in _WORD.finditer(text):
        word = match.group()
        if len(word) < 3 or not _UPPER_START.match(word):
            continue
        before = text[: match.start()].rstrip()
        if not before or before[-1] in '.!?:"“«»”':
            continue
        key = fold(word)[:KEY_LETTERS]
        if len(key) >= 3 and key.isascii():
            keys.setdefault(key, word)
    return keys


def number_keys(text: str) -> set[str]:
    """Numbers of two digits or more, thousands separators dropped ("1,000" = "1000")."""
    out = set()
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"[.,](?=\d{3}\b)", "", match.group())
        if len(digits.replace(".", "").replace(",", "")) >= 2:
            out.add(digits)
    return out


def word_keys(text: str, lang: str) -> set[str]:
    """Word stems of one language view (first five letters; Chinese: character bigrams)."""
    if lang in ("zh", "ja"):
        chars = "".join(_HAN.findall(text))
        return {f"{lang}:{chars[i : i + 2]}" for i in range(len(chars) - 1)}
    return {
        f"{lang}:{fold(m.group())[:KEY_LETTERS]}"
        for m in _WORD.finditer(text)
        if len(m.group()) >= 4
    }


def _name_keys(name: str) -> set[str]:
    """Keys of one normalised name: the whole name, and each word of a Latin one."""
    name = name.strip()
    if not name:
        return set()
    if is_han(name):
        return {"m:" + name}
    words = [fold(w) for w in _WORD.findall(romanise(name))]
    words = [w for w in words if len(w) >= 2 and w.isascii()]
    if not words:
        return set()
    return {"m:" + " ".join(words)} | {"m:" + w for w in words if len(w) >= 3}


def lead_paragraphs(doc: Document, sentences: int) -> set[int]:
    """Title paragraphs and, per language view, the paragraphs of its first sentences."""
    out = {i for i, p in enumerate(doc.paragraphs) if p.role == "title"}
    for indices in doc.views().values():
        seen = 0
        for i in indices:
            if seen >= sentences:
                break
            out.add(i)
            seen += max(1, len(doc.paragraphs[i].sentences))
    return out


def mention_keys(doc: Document, only: set[int] | None = None) -> set[str]:
    """The extraction stage's names (in paragraphs ``only``, when given).

    Whole names tell ``Tara Reid`` from ``Tara Lipinski``; single words let a
    bare surname meet its full name. Chinese names stay as written (their
    renderings of foreign names are not phonetic enough to romanise).
    """
    out: set[str] = set()
    for mention in doc.mentions:
        if only is None or mention.paragraph in only:
            out |= _name_keys(mention.name)
    return out


def date_keys(doc: Document) -> set[str]:
    """Days, months and years the text mentions (from the time stage), at each precision."""
    out: set[str] = set()
    for timex in doc.timexes:
        value = timex.value
        if not _YEAR.fullmatch(value[:4]):
            continue
        out.add("y:" + value[:4])
        if len(value) >= 7 and value[4] == "-" and value[5:7].isdigit():
            out.add("m:" + value[:7])
        if len(value) == 10 and value[7] == "-":
            out.add("d:" + value)
    return out
