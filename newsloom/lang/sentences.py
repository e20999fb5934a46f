"""Sentence spans for every paragraph: rules per language, character offsets out.

Measured against the packaged splitters on news text (see bench/lang_speed.py):
blingfire is fast but splits after "Mr." and "Dr."; pysbd is right on English
but some hundred times slower; razdel is right on Russian and slower than these
rules.  So newsloom splits with its own rules, one pass of a regular expression
for candidate ends and a few vetoes:

* alphabetic languages: a terminal (``. ! ? …``) followed by space ends a
  sentence unless the next word starts in lower case, or the full stop closes
  an abbreviation (``Mr.``, ``Jan. 10``, ``т. е.``, ``г.`` after a name), an
  initial (``R.``, ``В.``) or a dotted acronym (``U.S.``);
* Chinese and Japanese: ``。！？；…`` and their ASCII forms end a sentence
  with no space needed; a closing quote or bracket after the terminal stays
  with its sentence;
* every language: a terminal inside a quotation does not end the sentence
  when the quotation itself ends without one (``"A. B," she said``): the quote
  is part of a reporting sentence, not a run of sentences.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import ClassVar

from newsloom.model import Document
from newsloom.pipeline import stage
from newsloom.settings import Settings

_CLOSERS = re.escape("\"'”’»」』）)]›")
_ALPHA_END = re.compile(rf"(?:\.\.\.|[.!?…])+[{_CLOSERS}]*(?=\s|$)")
_CJK_END = re.compile(
    rf"(?:[。！？!?；;…]+|\.{{3,}}|(?<=[\u3400-\u9fff\u3040-\u30ff])\.(?![0-9A-Za-z.]))[{_CLOSERS}]*"
)
_TERMINALS = set(".!?…。！？；;")
_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", "「": "」", "『": "』", "‹": "›", "《": "》"}
_CJK_LANGS = {"zh", "ja"}
_QUOTE_CHARS = re.compile(
    "[" + re.escape("".join(_QUOTE_PAIRS) + "".join(_QUOTE_PAIRS.values()) + '"') + "]"
)


def _words(text: str) -> set[str]:
    return set(text.split())


# Abbreviations that never end a sentence (titles before a name) ...
_NEVER_FINAL = {
    "en": _words(
        "mr mrs ms dr prof gen col lt sgt capt gov sen rep rev st mt ft hon pres adm maj cmdr vs cf"
    ),
    "ru": _words("г-н г-жа проф акад ген им ул пр пл просп д см т напр ср тов св ст т.е т.к т.н"),
    "*": _words("dr prof st nr hr fr sr sra srta mme mlle sig dott bzw vgl z ca inž ing mgr"),
}
# ... and those that may (they veto a split only before a digit or a lower-case word).
_MAYBE_FINAL = {
    "en": _words(
        "jan feb mar apr jun jul aug sep sept oct nov dec no nos vol p pp fig inc ltd co "
        "corp jr sr etc approx est dept univ al"
    ),
    "ru": _words(
        "г гг в вв др пр руб коп тыс млн млрд трлн км кв стр ч мин сек п н э янв февр авг "
        "сент окт нояб дек т.д т.п н.э"
    ),
    "*": _words("usw etc jh s nr art abs"),
}
_LAST_TOKEN = re.compile(r"(\S+)\s*$")
_ACRONYM = re.compile(r"^(?:\w\.)+\w$")
_NUMBER = re.compile(r"\d[\d.,]*$")


def split_sentences(text: str, lang: str | None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``; each slice is stripped of whitespace.

    Example:
        >>> t = "Mr. Li met U.S. envoys on Jan. 10. Talks failed."
        >>> [t[a:b] for a, b in split_sentences(t, "en")]
        ['Mr. Li met U.S. envoys on Jan. 10.', 'Talks failed.']
    """
    cjk = lang in _CJK_LANGS
    quotes = _open_clauses(text)
    cuts: list[int] = []
    for m in (_CJK_END if cjk else _ALPHA_END).finditer(text):
        if any(a < m.start() and m.end() <= b for a, b in quotes):
            continue
        if not cjk and _vetoed(text, m.start(), m.end(), lang or ""):
            continue
        cuts.append(m.end())
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        a, b = start, cut
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
        start = cut
    return spans


def _open_clauses(text: str) -> list[tuple[int, int]]:
    """Quotations (opening index, closing index) that do not end with a terminal.

    A terminal inside one of these belongs to a reporting sentence around the
    quote.  Quotes never closed in the paragraph are left out: news paragraphs
    often open a quotation that carries on into the next one.
    """
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int]] = []
    for found in _QUOTE_CHARS.finditer(text):
        i, ch = found.start(), found.group()
        if stack and ch == stack[-1][0]:
            _, start = stack.pop()
            before = text[start + 1 : i].rstrip()
            if before and before[-1] not in _TERMINALS:
                spans.append((start, i))
        elif ch in _QUOTE_PAIRS:
            stack.append((_QUOTE_PAIRS[ch], i))
        elif ch == '"' and (i == 0 or text[i - 1].isspace() or text[i - 1] in "([—-–:"):
            stack.append(('"', i))
    return spans


@lru_cache(maxsize=64)
def _abbreviations(lang: str) -> tuple[set[str], set[str]]:
    """(never final, maybe final) abbreviations of a language, the shared ones included."""
    never = _NEVER_FINAL.get(lang, set()) | _NEVER_FINAL["*"]
    return never, _MAYBE_FINAL.get(lang, set()) | _MAYBE_FINAL["*"]


def _vetoed(text: str, start: int, end: int, lang: str) -> bool:
    """True where an alphabetic-language candidate end is not a sentence end."""
    rest = text[end:].lstrip()
    if not rest:
        return False
    nxt = rest[0]
    if nxt.islower():
        return True
    if text[start:end] != ".":
        return False
    found = _LAST_TOKEN.search(text, max(0, start - 40), start)
    token = found.group(1).lstrip("([\"'“«„") if found else ""
    word = token.lower()
    if len(token) == 1 and token.isalpha() and token.isupper():
        return True  # an initial: "Wendy R. Sherman", "В. В. Путин"
    if _ACRONYM.match(token):
        return True  # "U.S. officials", "U.S. Deputy Secretary"
    never, maybe = _abbreviations(lang)
    if lang == "ru" and word in {"г", "гг"} and found:
        # "в 2022 г. Все ..." may end a sentence; "в г. Москве" (город) does not.
        previous = _LAST_TOKEN.search(text, max(0, found.start(1) - 40), found.start(1))
        if not (previous and _NUMBER.match(previous.group(1))):
            return True
    if found and len(word) <= 2:
        # Two-part abbreviations written with a space: "т. е.", "т. д.", "н. э."
        previous = _LAST_TOKEN.search(text, max(0, found.start(1) - 8), found.start(1))
        if previous and previous.group(1).endswith(".") and len(previous.group(1)) <= 3:
            pair = previous.group(1).lower() + word
            if pair in never or (pair in maybe and nxt.isdigit()):
                return True
    if word in never:
        return True
    return word in maybe and nxt.isdigit()


@stage
class SentenceSplitter:
    """``lang.sentences``: Paragraph.sentences for every paragraph, by its language."""

    name: ClassVar[str] = "lang.sentences"
    version: ClassVar[str] = "v1"
    requires: ClassVar[tuple[str, ...]] = ("lang.paragraphs",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        for p in doc.paragraphs:
            p.sentences = split_sentences(p.text, p.lang)
        return doc
