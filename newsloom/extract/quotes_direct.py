"""Direct speech: quotation spans in every style and the reporting cue beside them.

Also the pieces every quote rule shares: :class:`Attribution` (what a rule finds,
as offsets into one paragraph), the reporting cues per language and the sentence
and clause helpers.

A span between quotation marks (“…”, "…", «…», „…“, 「…」, 『…』; an opening mark left
open runs to the end of the paragraph, the newswire habit for a quote that goes on)
is a quote when a reporting cue stands beside it, in the text after it up to the
sentence end (``," Ryabkov told reporters``, ``», — заявил он``, ``”她补充说``) or
before it back to the previous quote or sentence start (``She said: "…"``,
``他说：“…”``). A long quotation with no cue (a whole quoted sentence) is kept, for
the stage to give it the speaker of the quote before it; a short one with no cue is
a title or a scare quote and is left out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

QuoteKind = Literal["direct", "indirect"]

PAIRS = {"“": "”", "«": "»", "„": "“", "「": "」", "『": "』", '"': '"', "‘": "’", "''": "''"}
# Two apostrophes are the plain-text form of a double quotation mark in some wire copy.
_OPEN = re.compile("''|[" + re.escape("".join(k for k in PAIRS if len(k) == 1 and k != "‘")) + "]")

_EN_VERBS = (
    "said|says|say|told|tells|warned|warns|added|adds|stated|states|noted|notes|stressed|"
    "insisted|insists|argued|argues|explained|announced|declared|claimed|claims|replied|"
    "wrote|writes|continued|urged|reiterated|acknowledged|admitted|suggested|asserted|"
    "emphasized|emphasised|cautioned|recalled|complained|predicted|believes|believe|"
    "believed|thinks|think|reported|reports|confirmed|denied|pointed out|went on"
)
CUES = {
    "en": re.compile(rf"\b(?P<cue>{_EN_VERBS})\b", re.IGNORECASE),
    "fr": re.compile(
        r"\b(?P<cue>a (?:déclaré|dit|affirmé|ajouté|souligné|estimé|assuré|prévenu|expliqué)|"
        r"déclare|dit|affirme|ajoute|souligne|estime|explique|selon)\b",
        re.IGNORECASE,
    ),
    "ru": re.compile(
        r"(?<!\w)(?P<cue>(?:заявил|сказал|отметил|подчеркнул|сообщил|добавил|пояснил|"
        r"предупредил|указал|признал|заверил|уточнил|напомнил|рассказал)(?:а|и)?|"
        r"считает|считают|убежден[аы]?|уверен[аы]?|по (?:его |её |ее |их )?словам)(?!\w)",
        re.IGNORECASE,
    ),
    "zh": re.compile(
        r"(?P<cue>表示|指出|认为|認為|强调|強調|警告说|警告說|补充说|補充說|告诉记者|告訴記者|"
        r"对记者说|對記者說|介绍说|介紹說|宣布|透露|坦言|直言|回应称|回應稱|"
        r"(?<![小据據虽雖听聽再演游遊])(?:说|說)(?![明法服])|(?<![名号號简簡声聲宣堪])(?:称|稱)(?![为為之号號]))"
    ),
}
SENT_END = re.compile(r"[.!?。！？]+[\"”’»」』]?(?=\s|$)|[。！？]")
CLAUSE = re.compile(r"[,;:，；：]|\s—\s|\s-\s|—")
CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Attribution:
    """One quote found in a paragraph: content, cue and source as offsets into the text."""

    start: int
    end: int
    kind: QuoteKind
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    source: tuple[int, int] | None = None
    """The words naming the speaker (a name, a pronoun, "a source"), or None."""
    context: tuple[int, int] | None = None
    """The wider stretch on the cue's side of the sentence, where a name may stand
    before an apposition (``Irina Volkova, Marenia's lead negotiator, said``)."""
    head: tuple[int, int] | None = None
    """The source's head word where a parse gives it (``Flynn`` in ``Flynn, a top Trump
    surrogate,``), else None."""


def size(text: str) -> int:
    """Words, a Chinese character counting as half a word."""
    return len(text.split()) + len(CJK.findall(text)) // 2


def quotations(text: str) -> list[tuple[int, int]]:
    """Spans of quoted text (inside the marks); an unclosed opening mark runs to the end."""
    out: list[tuple[int, int]] = []
    i = 0
    while True:
        m = _OPEN.search(text, i)
        if not m:
            return out
        closer = PAIRS[m[0]]
        j = text.find(closer, m.end())
        if m[0] in ('"', "''") and j < 0:
            return out
        end = j if j >= 0 else len(text)
        span = _strip(text, m.end(), end)
        if span:
            out.append(span)
        i = end + len(closer)


def _strip(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The span without the spaces inside the marks (``« Personne … »``)."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if b > a else None


def sentence_bounds(text: str, pos: int, spans: Sequence[tuple[int, int]] = ()) -> tuple[int, int]:
    for a, b in spans:
        if a <= pos < b:
            return a, b
    start = 0
    for m in SENT_END.finditer(text, 0, pos):
        start = m.end()
    m = SENT_END.search(text, pos)
    return start, m.end() if m else len(text)


def trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The span without surrounding spaces and punctuation; None when nothing is left."""
    while a < b and (text[a].isspace() or unicodedata.category(text[a])[0] == "P"):
        a += 1
    while b > a and (text[b - 1].isspace() or unicodedata.category(text[b - 1])[0] == "P"):
        b -= 1
    return (a, b) if b > a else None


def source_before(text: str, lo: int, cue_start: int, lang: str) -> tuple[int, int] | None:
    """The words before a cue back to a clause boundary: the speaker of ``X said``."""
    boundary = lo
    for m in CLAUSE.finditer(text, lo, cue_start):
        boundary = m.end()
    span = trim(text, boundary, cue_start)
    if span is None:
        return None
    words = text[span[0] : span[1]]
    limit = 40 if lang == "zh" else 12
    if (len(words) if lang == "zh" else len(words.split())) > limit:
        return None
    return span


def source_after(text: str, cue_end: int, hi: int, lang: str) -> tuple[int, int] | None:
    """The words after a cue up to a clause boundary: ``said Ryabkov``, ``заявил он``."""
    m = CLAUSE.search(text, cue_end, hi)
    end = m.start() if m else hi
    span = trim(text, cue_end, end)
    if span is None or len(text[span[0] : span[1]].split()) > 12:
        return None
    return span


def direct_quotes(
    text: str, lang: str, sentences: Sequence[tuple[int, int]], quotes: list[tuple[int, int]]
) -> list[Attribution]:
    """The quotations of a paragraph that are quotes, each with the cue beside it if any."""
    cues = CUES.get(lang, CUES["en"])
    out: list[Attribution] = []
    prev_end = 0
    for n, (qs, qe) in enumerate(quotes):
        nxt = quotes[n + 1][0] - 1 if n + 1 < len(quotes) else len(text)
        s_end = sentence_bounds(text, qe, sentences)[1]
        after_hi = min(max(s_end, qe + 1), nxt)
        found: Attribution | None = None
        m = cues.search(text, qe + 1, after_hi) if qe < len(text) else None
        if m and size(text[qe + 1 : m.start()]) <= 16:
            src = source_before(text, qe + 1, m.start(), lang) or source_after(
                text, m.end(), after_hi, lang
            )
            wide = trim(text, qe + 1, m.start()) or source_after(text, m.end(), after_hi, lang)
            found = Attribution(qs, qe, "direct", m["cue"], m.span("cue"), src, wide)
        if found is None:
            lo = max(prev_end, sentence_bounds(text, qs - 1, sentences)[0] if qs > 1 else 0)
            before = list(cues.finditer(text, lo, qs - 1)) if qs > 1 else []
            if before:
                m = before[-1]
                src = source_before(text, lo, m.start(), lang) or source_after(
                    text, m.end(), qs - 1, lang
                )
                wide = trim(text, lo, m.start())
                found = Attribution(qs, qe, "direct", m["cue"], m.span("cue"), src, wide)
        if found is None:
            content = text[qs:qe]
            whole = size(content) >= 6 and (
                qs <= 1 or text[qs - 2 : qs - 1] in (":", "：") or SENT_END.search(content)
            )
            if whole:
                found = Attribution(qs, qe, "direct")
        if found is not None and size(text[qs:qe]) >= 2:
            out.append(found)
        prev_end = qe + 1
    return out
