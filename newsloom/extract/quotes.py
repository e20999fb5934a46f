"""Who said what: direct quotes in every quotation style and reported speech.

Rules, per paragraph, no parser:

* **direct**: a span between quotation marks (“…”, "…", «…», „…“, 「…」, 『…』; an
  opening mark left open runs to the end of the paragraph, the newswire habit for a
  quote that goes on) is a quote when a reporting cue stands beside it, in the
  text after it up to the sentence end (``," Ryabkov told reporters``, ``», — заявил
  он``, ``”她补充说``) or before it back to the previous quote or sentence start
  (``She said: "…"``, ``他说：“…”``). A long quotation with no cue (a whole
  quoted sentence) is kept and given the speaker of the quote before it; a short
  one with no cue is a title or a scare quote and is left out;
* **indirect**: a reporting verb outside quotation marks with ``SOURCE CUE (that)
  CONTENT``, ``CONTENT, SOURCE CUE``, ``according to SOURCE, CONTENT`` (``по словам``,
  ``据``); Chinese ``SOURCE表示/说/指出/认为/称/强调，CONTENT``.

The source is a span of text (the words before or after the cue up to a clause
boundary); the ``extract.quotes`` stage turns it into a mention: the PER (else ORG)
mention inside it, a pronoun or bare surname resolved to the most recent person
named before. Quotes across documents and languages are merged by
:func:`merge_quotes`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Literal

import numpy as np

from newsloom.model import Document, Quote, Relation
from newsloom.pipeline import stage
from newsloom.settings import Settings

QuoteKind = Literal["direct", "indirect"]
Embed = Callable[[list[str]], np.ndarray]

_PAIRS = {"“": "”", "«": "»", "„": "“", "「": "」", "『": "』", '"': '"', "‘": "’"}
_OPEN = re.compile("[" + re.escape("".join(k for k in _PAIRS if k != "‘")) + "]")

_EN_VERBS = (
    "said|says|say|told|tells|warned|warns|added|adds|stated|states|noted|notes|stressed|"
    "insisted|insists|argued|argues|explained|announced|declared|claimed|claims|replied|"
    "wrote|writes|continued|urged|reiterated|acknowledged|admitted|suggested|asserted|"
    "emphasized|emphasised|cautioned|recalled|complained|predicted|believes|believe|"
    "believed|thinks|think|reported|reports|confirmed|denied|pointed out|went on"
)
_CUES = {
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
_ACCORDING = {
    "en": re.compile(r"\baccording to\b", re.IGNORECASE),
    "fr": re.compile(r"\bselon\b", re.IGNORECASE),
    "ru": re.compile(r"(?<!\w)по (?:словам|мнению|данным)(?!\w)", re.IGNORECASE),
    "zh": re.compile(r"据|據"),
}
_PRONOUNS = re.compile(
    r"^(?:he|she|they|il|elle|он|она|они|他|她|他们|她们|他們|她們)$", re.IGNORECASE
)
_SENT_END = re.compile(r"[.!?。！？]+[\"”’»」』]?(?=\s|$)|[。！？]")
_CLAUSE = re.compile(r"[,;:，；：]|\s—\s|\s-\s|—")
_THAT = {"en": r"that", "fr": r"que|qu'|qu’", "ru": r"что"}
_CJK = re.compile(r"[\u3400-\u9fff]")


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


def _size(text: str) -> int:
    """Words, a Chinese character counting as half a word."""
    return len(text.split()) + len(_CJK.findall(text)) // 2


def _quotations(text: str) -> list[tuple[int, int]]:
    """Spans of quoted text (inside the marks); an unclosed opening mark runs to the end."""
    out: list[tuple[int, int]] = []
    i = 0
    while True:
        m = _OPEN.search(text, i)
        if not m:
            return out
        closer = _PAIRS[m[0]]
        j = text.find(closer, m.end())
        if m[0] == '"' and j < 0:
            return out
        end = j if j >= 0 else len(text)
        span = _strip(text, m.end(), end)
        if span:
            out.append(span)
        i = end + 1


def _strip(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The span without the spaces inside the marks (``« Personne … »``)."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if b > a else None


def _sentence_bounds(text: str, pos: int, spans: Sequence[tuple[int, int]] = ()) -> tuple[int, int]:
    for a, b in spans:
        if a <= pos < b:
            return a, b
    start = 0
    for m in _SENT_END.finditer(text, 0, pos):
        start = m.end()
    m = _SENT_END.search(text, pos)
    return start, m.end() if m else len(text)


def _trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The span without surrounding spaces and punctuation; None when nothing is left."""
    while a < b and (text[a].isspace() or unicodedata.category(text[a])[0] == "P"):
        a += 1
    while b > a and (text[b - 1].isspace() or unicodedata.category(text[b - 1])[0] == "P"):
        b -= 1
    return (a, b) if b > a else None


def _source_before(text: str, lo: int, cue_start: int, lang: str) -> tuple[int, int] | None:
    """The words before a cue back to a clause boundary: the speaker of ``X said``."""
    boundary = lo
    for m in _CLAUSE.finditer(text, lo, cue_start):
        boundary = m.end()
    span = _trim(text, boundary, cue_start)
    if span is None:
        return None
    words = text[span[0] : span[1]]
    limit = 40 if lang == "zh" else 12
    if (len(words) if lang == "zh" else len(words.split())) > limit:
        return None
    return span


def _source_after(text: str, cue_end: int, hi: int, lang: str) -> tuple[int, int] | None:
    """The words after a cue up to a clause boundary: ``said Ryabkov``, ``заявил он``."""
    m = _CLAUSE.search(text, cue_end, hi)
    end = m.start() if m else hi
    span = _trim(text, cue_end, end)
    if span is None or len(text[span[0] : span[1]].split()) > 12:
        return None
    return span


def _find_cue(text: str, lang: str, a: int, b: int) -> re.Match[str] | None:
    pattern = _CUES.get(lang, _CUES["en"])
    return pattern.search(text, a, b)


def find_attributions(
    text: str, lang: str, sentences: Sequence[tuple[int, int]] = ()
) -> list[Attribution]:
    """Direct and indirect quotes of one paragraph in language ``lang``.

    ``sentences`` are the paragraph's sentence spans (``Paragraph.sentences``); without
    them a full stop before a space ends a sentence.

    >>> [a.kind for a in find_attributions('"We will stay," she said.', "en")]
    ['direct']
    """
    cues = _CUES.get(lang, _CUES["en"])
    quotes = _quotations(text)
    out: list[Attribution] = []
    prev_end = 0
    for n, (qs, qe) in enumerate(quotes):
        nxt = quotes[n + 1][0] - 1 if n + 1 < len(quotes) else len(text)
        s_end = _sentence_bounds(text, qe, sentences)[1]
        after_hi = min(max(s_end, qe + 1), nxt)
        found: Attribution | None = None
        m = cues.search(text, qe + 1, after_hi) if qe < len(text) else None
        if m and _size(text[qe + 1 : m.start()]) <= 16:
            src = _source_before(text, qe + 1, m.start(), lang) or _source_after(
                text, m.end(), after_hi, lang
            )
            wide = _trim(text, qe + 1, m.start()) or _source_after(text, m.end(), after_hi, lang)
            found = Attribution(qs, qe, "direct", m["cue"], m.span("cue"), src, wide)
        if found is None:
            lo = max(prev_end, _sentence_bounds(text, qs - 1, sentences)[0] if qs > 1 else 0)
            before = list(cues.finditer(text, lo, qs - 1)) if qs > 1 else []
            if before:
                m = before[-1]
                src = _source_before(text, lo, m.start(), lang) or _source_after(
                    text, m.end(), qs - 1, lang
                )
                wide = _trim(text, lo, m.start())
                found = Attribution(qs, qe, "direct", m["cue"], m.span("cue"), src, wide)
        if found is None:
            content = text[qs:qe]
            whole = _size(content) >= 6 and (
                qs <= 1 or text[qs - 2 : qs - 1] in (":", "：") or _SENT_END.search(content)
            )
            if whole:
                found = Attribution(qs, qe, "direct")
        if found is not None and _size(text[qs:qe]) >= 2:
            out.append(found)
        prev_end = qe + 1
    used = {a.cue_span for a in out if a.cue_span}
    indirect = _indirect(text, lang, quotes, used, sentences)
    # A short quotation inside reported speech is part of it ("a "frank" tone").
    out = [
        a
        for a in out
        if _size(text[a.start : a.end]) >= 3
        and not any(b.start <= a.start and a.end <= b.end + 1 for b in indirect)
    ]
    return sorted(out + indirect, key=lambda a: a.start)


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a - 1 <= pos <= b for a, b in spans)


def _indirect(
    text: str,
    lang: str,
    quotes: list[tuple[int, int]],
    used: set[tuple[int, int]],
    sentences: Sequence[tuple[int, int]],
) -> list[Attribution]:
    """Reported speech: a cue outside quotation marks, not a direct quote's, with its
    source and content."""
    out: list[Attribution] = []
    taken = 0
    for m in _CUES.get(lang, _CUES["en"]).finditer(text):
        if m.start() < taken or _inside(m.start(), quotes) or m.span("cue") in used:
            continue
        s_start, s_end = _sentence_bounds(text, m.start(), sentences)
        cue = m["cue"]
        if _ACCORDING[lang if lang in _ACCORDING else "en"].fullmatch(
            cue
        ) or cue.lower().startswith("по "):
            continue
        att = _content_after(text, lang, m, s_start, s_end) or _content_before(
            text, lang, m, s_start, s_end
        )
        if att and not any(a - 1 <= att.start and att.end <= b + 1 for a, b in quotes):
            out.append(att)
            taken = att.end
    for m in _ACCORDING.get(lang, _ACCORDING["en"]).finditer(text):
        if _inside(m.start(), quotes):
            continue
        att = _according(text, lang, m, sentences)
        if att:
            out.append(att)
    return out


def _content_after(
    text: str, lang: str, m: re.Match[str], s_start: int, s_end: int
) -> Attribution | None:
    """``SOURCE said (after the talks) that CONTENT``: content runs to the sentence end."""
    src = _source_before(text, s_start, m.start(), lang)
    if src is None:
        return None
    if lang == "zh":
        start = m.end()
        while start < s_end and text[start] in ",，:： ":
            start += 1
        span = _trim(text, start, s_end)
        if span and len(text[span[0] : span[1]]) >= 6 and text[start] not in '“「『"':
            wide = _trim(text, s_start, m.start())
            return Attribution(span[0], span[1], "indirect", m["cue"], m.span("cue"), src, wide)
        return None
    that = _THAT.get(lang)
    rest = text[m.end() : s_end]
    tm = re.match(rf"(?:\s+[\w'’-]+){{0,8}}?\s*,?\s+(?:{that})\b\s*", rest) if that else None
    start = m.end() + tm.end() if tm else m.end()
    if not tm:
        lead = re.match(r"\s*(?:to\s+\w+|журналистам|reporters|him|her|them)?\s*[,:]?\s*", rest)
        start += lead.end() if lead else 0
        if start < s_end and text[start] in '"“«„':
            return None
    span = _trim(text, start, s_end)
    if span is None or len(text[span[0] : span[1]].split()) < 4:
        return None
    wide = _trim(text, s_start, m.start())
    return Attribution(span[0], span[1], "indirect", m["cue"], m.span("cue"), src, wide)


def _content_before(
    text: str, lang: str, m: re.Match[str], s_start: int, s_end: int
) -> Attribution | None:
    """``CONTENT, SOURCE said.`` / ``CONTENT, said SOURCE.``: the cue closes the sentence."""
    tail = text[m.end() : s_end]
    if _size(tail) > 8 or lang == "zh":
        return None
    commas = [c.start() for c in re.finditer(r"[,，]", text[s_start : m.start()])]
    if not commas:
        return None
    cut = s_start + commas[-1]
    src = _trim(text, cut + 1, m.start()) or _source_after(text, m.end(), s_end, lang)
    span = _trim(text, s_start, cut)
    if span is None or src is None or len(text[span[0] : span[1]].split()) < 4:
        return None
    if len(text[src[0] : src[1]].split()) > 10:
        return None
    return Attribution(span[0], span[1], "indirect", m["cue"], m.span("cue"), src)


def _according(
    text: str, lang: str, m: re.Match[str], sentences: Sequence[tuple[int, int]]
) -> Attribution | None:
    """``According to SOURCE, CONTENT`` and ``CONTENT, according to SOURCE``."""
    s_start, s_end = _sentence_bounds(text, m.start(), sentences)
    comma = re.compile(r"[,，]").search(text, m.end(), s_end)
    if _trim(text, s_start, m.start()) is None and comma:
        src = _trim(text, m.end(), comma.start())
        span = _trim(text, comma.end(), s_end)
    else:
        src = _trim(text, m.end(), comma.start() if comma else s_end)
        span = _trim(text, s_start, m.start())
    if not src or not span or (len(text[span[0] : span[1]].split()) < 4 and lang != "zh"):
        return None
    return Attribution(span[0], span[1], "indirect", m[0], m.span(), src)


# ---------------------------------------------------------------- speakers


def _speaker(doc: Document, index: int, att: Attribution, previous: int | None) -> int | None:
    """The mention that speaks.

    The last PER (else ORG) mention in the source words; else the first PER mention
    in the wider stretch (a name before its apposition); else, for a pronoun, the
    speaker of the previous quote or the most recent person named before; else a
    bare surname of a person named before.
    """
    if att.source is None:
        return None
    p = doc.paragraphs[index]

    def inside(span: tuple[int, int] | None) -> list[int]:
        if span is None:
            return []
        return [
            k
            for k, mn in enumerate(doc.mentions)
            if mn.paragraph == index and mn.start < span[1] and span[0] < mn.end
        ]

    narrow, wide = inside(att.source), inside(att.context)
    for kind in ("PER", "ORG"):
        hits = [k for k in narrow if doc.mentions[k].type == kind]
        if hits:
            return _full_name(doc, hits[-1]) if kind == "PER" else hits[-1]
    for kind in ("PER", "ORG"):
        hits = [k for k in wide if doc.mentions[k].type == kind]
        if hits:
            return _full_name(doc, hits[0]) if kind == "PER" else hits[0]
    words = p.text[att.source[0] : att.source[1]]
    tokens = [w.strip(",.") for w in words.split()] or [words]
    if any(_PRONOUNS.match(w) for w in tokens[-2:]) or (
        p.lang == "zh" and re.search(r"他|她", words)
    ):
        return previous if previous is not None else _latest_person(doc, index, att.start)
    if att.context is not None:
        tokens += [w.strip(",.") for w in p.text[att.context[0] : att.context[1]].split()]
    return _surname(doc, index, att.start, tokens)


def _surname(doc: Document, index: int, pos: int, tokens: list[str]) -> int | None:
    """A surname the tagger missed (``Elling said``): the latest person it ends the name of."""
    best: int | None = None
    lang = doc.paragraphs[index].lang
    for k, mn in enumerate(doc.mentions):
        if mn.type != "PER" or mn.lang != lang or (mn.paragraph, mn.start) >= (index, pos):
            continue
        if re.split(r"[\s·]", mn.name.strip())[-1] in tokens:
            best = k
    return _full_name(doc, best) if best is not None else None


def _latest_person(doc: Document, index: int, pos: int) -> int | None:
    """The last PER mention before ``pos`` in paragraph ``index`` or an earlier paragraph
    of the same language."""
    lang = doc.paragraphs[index].lang
    best: int | None = None
    for k, mn in enumerate(doc.mentions):
        if mn.type != "PER" or doc.paragraphs[mn.paragraph].lang != lang:
            continue
        before = mn.paragraph < index or (mn.paragraph == index and mn.start < pos)
        if before and (
            best is None
            or (mn.paragraph, mn.start) > (doc.mentions[best].paragraph, doc.mentions[best].start)
        ):
            best = k
    return _full_name(doc, best) if best is not None else None


def _full_name(doc: Document, k: int) -> int:
    """A bare surname's earlier full-name mention (``Ryabkov`` → ``Sergey Ryabkov``)."""
    mn = doc.mentions[k]
    if mn.entity or " " in mn.name.strip() or "·" in mn.name:
        return k
    for j in range(k):
        other = doc.mentions[j]
        if other.type == "PER" and other.lang == mn.lang and other.name != mn.name:
            tail = re.split(r"[\s·]", other.name.strip())[-1]
            if tail == mn.name:
                return j
    return k


def quotes_of(doc: Document) -> list[Quote]:
    """The quotes of a document's content paragraphs, speakers resolved to mentions."""
    out: list[Quote] = []
    # Per language: the last speaker and the paragraph of that quote.
    last: dict[str, tuple[int | None, int]] = {}
    for i, p in enumerate(doc.paragraphs):
        if not p.is_content or not p.lang:
            continue
        for att in find_attributions(p.text, p.lang, p.sentences):
            previous, where = last.get(p.lang, (None, -1))
            # A pronoun follows the speaker of the paragraph's previous quote; across
            # paragraphs, the person named last.
            speaker = (
                _speaker(doc, i, att, previous if where == i else None) if att.cue else previous
            )
            if att.cue is not None and (speaker is not None or att.source is not None):
                last[p.lang] = (speaker, i)
            out.append(Quote(i, att.start, att.end, att.kind, p.lang, att.cue, speaker))
    return out


@stage
class QuoteStage:
    """``extract.quotes``: fill ``Document.quotes`` from the text and the mentions."""

    name: ClassVar[str] = "extract.quotes"
    version: ClassVar[str] = "1"
    requires: ClassVar[tuple[str, ...]] = ("extract.entities",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        doc.quotes = quotes_of(doc)
        return doc


# ---------------------------------------------------------------- across documents


@dataclass
class Rendering:
    """One language's wording of a quote, in one document."""

    lang: str
    text: str
    document: str
    paragraph: int
    start: int
    end: int
    kind: QuoteKind

    def to_json(self) -> dict[str, object]:
        return {
            "lang": self.lang,
            "text": self.text,
            "document": self.document,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class QuoteGroup:
    """One quote with all its renderings: translations and copies across documents."""

    speaker: str | None
    """The speaker's entity id when linked, else the speaker's name."""
    renderings: list[Rendering] = field(default_factory=list)

    def main(self, lang: str = "en") -> Rendering:
        """The rendering to show: one in ``lang`` if any, else the first."""
        return next((r for r in self.renderings if r.lang == lang), self.renderings[0])

    def to_json(self, lang: str = "en") -> dict[str, object]:
        main = self.main(lang)
        return {
            "speaker": self.speaker,
            "text": main.text,
            "lang": main.lang,
            "document": main.document,
            "kind": main.kind,
            "renderings": [r.to_json() for r in self.renderings],
        }


def speaker_key(doc: Document, quote: Quote) -> str | None:
    """Who a quote is by, comparable across documents: entity id, else the lower-cased name."""
    if quote.speaker is None or quote.speaker >= len(doc.mentions):
        return None
    mn = doc.mentions[quote.speaker]
    return mn.entity or unicodedata.normalize("NFKC", mn.name).casefold()


def _script(key: str | None) -> str:
    if key is None:
        return "?"
    if _CJK.search(key):
        return "Hani"
    return "Cyrl" if re.search(r"[а-яё]", key) else "Latn"


def merge_quotes(
    docs: Sequence[Document],
    relations: Sequence[Relation] = (),
    embed: Embed | None = None,
    min_cos: float = 0.6,
) -> list[QuoteGroup]:
    """Group the quotes of ``docs`` so that a quote and its translations are one.

    Two quotes are one when their texts' cosine (``embed``: the multilingual sentence
    encoder) reaches ``min_cos`` and their speakers agree: the same entity id or name;
    or names in different scripts (not comparable before linking) when the documents
    are one document, or related by ``relations`` (translation, duplicate, contains).
    Without ``embed`` only identical texts by one speaker are merged.

    Returns:
        The groups, in document order of their first rendering.
    """
    items: list[tuple[Document, Quote, str, str | None]] = []
    for doc in docs:
        for q in doc.quotes:
            text = doc.paragraphs[q.paragraph].text[q.start : q.end]
            items.append((doc, q, text, speaker_key(doc, q)))
    if not items:
        return []
    related = {(r.a, r.b) for r in relations} | {(r.b, r.a) for r in relations}
    if embed is not None:
        vectors = np.asarray(embed([t for _, _, t, _ in items]), dtype=np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True).clip(1e-9)
        sims = vectors @ vectors.T
    else:
        norm = [" ".join(t.casefold().split()) for _, _, t, _ in items]
        sims = np.array([[float(a == b) for b in norm] for a in norm], dtype=np.float32)
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (di, qi, _, ki) in enumerate(items):
        for j in range(i + 1, len(items)):
            dj, qj, _, kj = items[j]
            if sims[i, j] < min_cos or (di.id == dj.id and qi.lang == qj.lang):
                continue
            same = ki is not None and ki == kj
            comparable = _script(ki) == _script(kj) and ki is not None
            linked = di.id == dj.id or (di.id, dj.id) in related
            if same or (not comparable and linked):
                parent[root(j)] = root(i)
    groups: dict[int, QuoteGroup] = {}
    for i, (doc, q, text, key) in enumerate(items):
        group = groups.setdefault(root(i), QuoteGroup(key))
        if group.speaker is None or (_script(group.speaker) != "Latn" and _script(key) == "Latn"):
            group.speaker = key or group.speaker
        group.renderings.append(
            Rendering(q.lang, text, doc.id, q.paragraph, q.start, q.end, q.kind)
        )
    return list(groups.values())
