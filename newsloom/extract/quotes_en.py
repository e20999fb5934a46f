"""English attributions read off spaCy's dependency parse: who (``nsubj``) said what (``ccomp``).

Only the sentences that could hold an attribution are parsed: those with a
reporting verb form (:data:`CUE_FORMS`, outside quotation marks), ``according to``
or a quotation mark. For each reporting verb in the parse:

* the **source** is the subtree of its subject (``nsubj``), appositions and
  relative pronouns included (``Flynn, a top Trump surrogate,`` / ``who``); a verb
  with no subject of its own (``…, saying that``; ``… and added that``) takes the
  subject of the verb it hangs from; ``according to X`` takes ``X``;
* the **content** is the subtree of its clausal complement (``ccomp``): ``said
  (that) CONTENT``, ``CONTENT, he said`` (the parser makes the fronted clause the
  complement too); for ``CONTENT, he said`` parsed as ``parataxis``, the clause it
  hangs from; for ``according to X``, the rest of the clause;
* a content inside quotation marks is a **direct** quote, and its content is the
  whole quotation (which may run over several sentences), joined with the
  quotation that continues it after the cue (``“A,” she said. “B.”``).

The parser is spaCy's (``en_core_web_sm``: shared tok2vec + parser), run with
numpy matrix products (:func:`newsloom.extract.ner_en.english`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from newsloom.extract.ner_en import english
from newsloom.extract.quotes_direct import Attribution, direct_quotes, quotations, size


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_IRREGULAR = {
    "say": "said", "tell": "told", "write": "wrote written", "think": "thought",
    "find": "found", "show": "shown showed", "know": "knew known", "feel": "felt",
    "tweet": "tweeted", "go": "went",
}  # fmt: skip
# Verbs that report what someone said, wrote, found or holds true.
_LEMMAS = _words(
    "say tell add note warn write explain announce declare state claim argue insist "
    "suggest acknowledge admit confirm deny report reply respond recall stress emphasize "
    "emphasise reiterate assert contend maintain allege complain concede predict promise "
    "pledge vow testify tweet mention indicate reveal disclose boast caution observe "
    "remark comment conclude agree repeat believe think find show estimate fear hope "
    "worry know feel suspect doubt continue point charge counter"
)
# Verbs of stance, demand and intent: what they report is their object or infinitive
# (``called for a moratorium``, ``cited his endorsements``, ``wants to cut taxes``).
_STANCE = _words(
    "call cite ask echo attack want plan support criticize criticise describe decline urge "
    "blast condemn question refuse accuse praise defend reject dismiss demand propose "
    "recommend endorse seek threaten welcome slam blame applaud hail tout highlight "
    "discuss outline identify label dub chant intend oppose favor favour invite encourage "
    "challenge dispute announce deny confirm acknowledge mention reveal promise pledge vow "
    "claim report predict estimate"
)


def _forms(lemma: str) -> set[str]:
    """The inflected forms of a regular verb, plus the irregular ones listed."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        third, past = lemma[:-1] + "ies", lemma[:-1] + "ied"
    else:
        past = stem + "ed"
    forms = {lemma, third, past, stem + "ing"}
    forms.update(_IRREGULAR.get(lemma, "").split())
    return forms


CUE_FORMS: frozenset[str] = frozenset(f for lemma in _LEMMAS | _STANCE for f in _forms(lemma))
_CUE_WORD = re.compile(r"[A-Za-z]+")
_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)
_QUOTE_MARK = re.compile('["“”«»„]|\x27\x27')
# Dependencies of a word used as a verb (the parse has no part-of-speech tags here).
_VERBAL = {"ROOT", "ccomp", "conj", "advcl", "xcomp", "relcl", "parataxis", "pcomp", "acl"}
_SUBJECT = {"nsubj"}
_INVERTED = {"dobj", "attr", "npadvmod", "nsubj", "appos", "oprd", "dative"}
# Children that carry what a verb of stance reports, and prepositions that belong to it.
_COMPLEMENTS = {"dobj", "xcomp", "oprd", "prep", "dative", "attr", "acomp"}
_PHRASAL = {"for", "on", "to", "against", "at"}
# Children of a verb that are not what it reports.
_NOT_CONTENT = {"nsubj", "nsubjpass", "punct", "aux", "auxpass", "neg", "advmod", "prep",
                "agent", "cc", "npadvmod", "prt", "mark", "dative"}  # fmt: skip
# What may stand beside a bare cue: its subject with its modifiers, adverbs, dates.
_BARE = {"nsubj", "compound", "amod", "det", "poss", "case", "appos", "advmod", "npadvmod",
         "prep", "pobj", "nummod", "aux", "prt", "punct", "cc", "conj", "acl", "relcl"}  # fmt: skip
# Words that continue a verb's phrase and belong to the cue (``pointed out``, ``went on``).
_PARTICLES = {"point": "out", "go": "on"}


def needs_parse(sentence: str) -> bool:
    """True for a sentence that could hold an attribution: a reporting verb form, or a quote."""
    if _QUOTE_MARK.search(sentence) or _ACCORDING.search(sentence):
        return True
    return any(w.lower() in CUE_FORMS for w in _CUE_WORD.findall(sentence))


def parse(texts: Sequence[str]) -> list[Any]:
    """spaCy ``Doc`` objects with a dependency parse for ``texts`` (tokenizer, tok2vec, parser)."""
    nlp = english()
    docs = [nlp.make_doc(t) for t in texts]
    for name in ("tok2vec", "parser"):
        docs = list(nlp.get_pipe(name).pipe(docs, batch_size=64))
    return docs


@dataclass(frozen=True)
class Found:
    """One attribution in a parsed sentence, as character offsets into the paragraph."""

    content: tuple[int, int] | None
    """None for a bare cue (``Clinton said.``): its content is the quotation beside it."""
    cue: str
    cue_span: tuple[int, int]
    source: tuple[int, int] | None
    head: tuple[int, int] | None
    """The source's head word (the subject itself, not its modifiers)."""


def _span(tokens: Sequence[Any], base: int) -> tuple[int, int]:
    first, last = tokens[0], tokens[-1]
    return base + first.idx, base + last.idx + len(last.text)


def _trimmed(doc: Any, lo: int, hi: int) -> list[Any]:
    """Tokens ``lo..hi`` (inclusive) without punctuation and conjunctions at either end."""
    while lo <= hi and (doc[lo].is_punct or doc[lo].dep_ == "cc"):
        lo += 1
    while hi >= lo and (doc[hi].is_punct or doc[hi].dep_ == "cc"):
        hi -= 1
    return list(doc[lo : hi + 1]) if lo <= hi else []


def _subject(verb: Any) -> Any | None:
    """The verb's subject, or that of the verb it hangs from (``…, saying that``).

    After a quotation (``“Full panic mode,” said Leslie Wimes``) the parser may take the
    quoted words for the subject and the speaker for an object: the speaker is then the
    noun after the verb.
    """
    node = verb
    for _ in range(3):
        subj = next((c for c in node.children if c.dep_ in _SUBJECT), None)
        if subj is not None and node is verb and _quoted_before(subj, verb):
            return next((c for c in verb.children if c.i > verb.i and c.dep_ in _INVERTED), None)
        if subj is not None:
            return subj
        if node.dep_ not in ("conj", "advcl", "xcomp", "ccomp") or node.head is node:
            return None
        node = node.head
    return None


def _quoted_before(subj: Any, verb: Any) -> bool:
    """The subject ends inside a quotation that closes before the verb."""
    between = verb.doc[subj.right_edge.i + 1 : verb.i]
    return subj.i < verb.i and any(t.text in ("”", '"', "''") for t in between)


def _source(subj: Any | None, base: int) -> tuple[int, int] | None:
    if subj is None:
        return None
    tokens = _trimmed(subj.doc, subj.left_edge.i, subj.right_edge.i)
    return _span(tokens, base) if tokens else None


def _content(verb: Any, quoted: Sequence[tuple[int, int]], stance: bool) -> list[Any]:
    """The tokens of what the reporting verb reports, or [] if the parse shows none.

    ``quoted``: quotation spans as character offsets into the sentence.
    """
    doc = verb.doc
    comp = [c for c in verb.children if c.dep_ == "ccomp"]
    if comp:
        c = comp[0]
        hi = c.right_edge.i
        if c.i > verb.i:  # said (that) CONTENT: the rest of the sentence, up to another cue
            hi = _reach(doc, hi)
        lo = c.left_edge.i
        if doc[lo].lower_ == "that" and doc[lo].dep_ == "mark":
            lo += 1  # the complementiser is not what was said
        return _trimmed(doc, lo, hi)
    if verb.dep_ == "parataxis":
        head = verb.head
        if verb.left_edge.i > head.i:
            return _trimmed(doc, head.left_edge.i, verb.left_edge.i - 1)
        return _trimmed(doc, verb.right_edge.i + 1, head.right_edge.i)
    for child in verb.children:  # "Full panic mode," said X: a quoted phrase, not a clause
        if child.dep_ in _NOT_CONTENT:
            continue
        a, b = child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)
        if any(qa - 2 <= a and b <= qb + 2 for qa, qb in quoted):
            return _trimmed(doc, child.left_edge.i, child.right_edge.i)
    if _subject(verb) is None:
        return []
    if stance:
        return _complements(verb)
    # said MANY OF THE EXAMPLES … FAILED: a clause the parser took for an object.
    rest = _trimmed(doc, verb.i + 1, len(doc) - 1)
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    return rest if objects and len(rest) >= 6 else []


def _complements(verb: Any) -> list[Any]:
    """What follows a verb of stance in its phrase: its object, infinitive or phrase
    (``for a moratorium``, ``Clinton a “champion”``), before a coordinated clause."""
    doc = verb.doc
    kids = [c for c in verb.children if c.i > verb.i and c.dep_ in _COMPLEMENTS]
    if not kids:
        return []
    lo = kids[0].left_edge.i
    if kids[0].dep_ == "prep" and kids[0].lower_ in _PHRASAL:
        lo = kids[0].i + 1  # called for / called on / pointed to: the preposition is the cue's
    return _trimmed(doc, lo, max(k.right_edge.i for k in kids))


def _reach(doc: Any, hi: int) -> int:
    """The last token of a content that runs on after its clause: to the sentence end,
    stopping before a semicolon or another reporting verb (``…, and Y added that``)."""
    for tok in doc[hi + 1 :]:
        if tok.text == ";" or tok.lower_ == "according" or (
            tok.lower_ in CUE_FORMS and tok.dep_ in _VERBAL
        ):
            return hi
        if not (tok.is_punct or tok.dep_ == "cc"):
            hi = tok.i
    return hi


def _bare(verb: Any) -> bool:
    """A cue alone in its sentence with its subject: ``Clinton said.``, ``He added:``."""
    return all(t is verb or t.is_punct or t.dep_ in _BARE for t in verb.doc) and any(
        c.dep_ in _SUBJECT for c in verb.children
    )


def _according(word: Any, base: int) -> Found | None:
    """``according to SOURCE, CONTENT`` / ``CONTENT, according to SOURCE``."""
    to = next((c for c in word.children if c.lower_ == "to"), None)
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if obj is None:
        return None
    head, doc = word.head, word.doc
    if word.i < head.i:
        tokens = _trimmed(doc, word.right_edge.i + 1, head.right_edge.i)
    else:
        tokens = _trimmed(doc, head.left_edge.i, word.left_edge.i - 1)
    if len(tokens) < 3:
        return None
    cue = _span([word, to], base)
    return Found(_span(tokens, base), "according to", cue, _source(obj, base), _span([obj], base))


def attributions(doc: Any, base: int, quoted: Sequence[tuple[int, int]]) -> list[Found]:
    """The attributions of one parsed sentence starting at ``base`` in its paragraph.

    ``quoted`` are the paragraph's quotation spans: a reporting verb inside one is part
    of what someone else says, not a cue.
    """
    out: list[Found] = []
    inner = [(a - base, b - base) for a, b in quoted if a < base + len(doc.text) and b > base]
    for tok in doc:
        pos = base + tok.idx
        if any(a <= pos < b for a, b in quoted):
            continue
        low = tok.lower_
        if low == "according" and tok.dep_ == "prep":
            found = _according(tok, base)
            if found:
                out.append(found)
            continue
        if low not in CUE_FORMS or tok.dep_ not in _VERBAL:
            continue
        tokens = _content(tok, inner, _lemma(low) in _STANCE)
        if len(tokens) < 2 and not _bare(tok):
            continue
        cue_tokens = [tok]
        particle = _PARTICLES.get(_lemma(low))
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if particle and nxt is not None and nxt.lower_ == particle:
            cue_tokens.append(nxt)
        cue = _span(cue_tokens, base)
        subj = _subject(tok)
        head = _span([subj], base) if subj is not None else None
        words = doc.text[cue[0] - base : cue[1] - base]
        content = _span(tokens, base) if len(tokens) >= 2 else None
        out.append(Found(content, words, cue, _source(subj, base), head))
    return out


@lru_cache(maxsize=1)
def _lemma_of() -> dict[str, str]:
    return {f: lemma for lemma in _LEMMAS for f in _forms(lemma)}


def _lemma(form: str) -> str:
    return _lemma_of().get(form, form)


# ---------------------------------------------------------------- paragraphs


def parse_sentences(
    texts: Sequence[str], sentences: Sequence[Sequence[tuple[int, int]]]
) -> list[list[tuple[int, Any]]]:
    """Per paragraph, ``(start, parse)`` of each sentence :func:`needs_parse` selects.

    All the selected sentences of the paragraphs are parsed in one batch.
    """
    wanted = [
        (i, a, text[a:b])
        for i, (text, spans) in enumerate(zip(texts, sentences, strict=True))
        for a, b in (spans or [(0, len(text))])
        if needs_parse(text[a:b])
    ]
    out: list[list[tuple[int, Any]]] = [[] for _ in texts]
    for (i, a, _), doc in zip(wanted, parse([w[2] for w in wanted]), strict=True):
        out[i].append((a, doc))
    return out


def paragraph_attributions(
    text: str, sentences: Sequence[tuple[int, int]], parsed: Sequence[tuple[int, Any]]
) -> list[Attribution]:
    """The attributions of one English paragraph from the parses of its sentences.

    A reporting verb's content inside quotation marks makes the whole quotation a
    direct quote; a bare cue (``Clinton said.``) takes the quotation beside it; a
    quotation left without a verb takes the cue the direct-quote rules find beside it,
    or continues the quote before it (``“A,” she said. “B.”``). Two layouts need no
    verb: a speaker's label (``WALLACE: …``, ``Pat Caddell: …``) and a quotation signed
    with a dash (``“…” ― Sonya Herridge``).
    """
    quotes = quotations(text)
    label = _labelled(text)
    quoted = [*quotes, (label.start, label.end)] if label else quotes
    out: list[Attribution] = [label] if label else []
    claimed: dict[tuple[int, int], Attribution] = {}
    for f in (f for base, doc in parsed for f in attributions(doc, base, quoted)):
        q = _beside(text, f, quotes) if f.content is None else _covering(f.content, quotes)
        if q is not None:
            if q not in claimed:
                claimed[q] = Attribution(*q, "direct", f.cue, f.cue_span, f.source, None, f.head)
                out.append(claimed[q])
            continue
        if f.content is None or f.source is None:
            continue  # reported speech with no one reporting it: a parse gone wrong
        start, end = f.content
        end = max([end, *(qe for qs, qe in quotes if start <= qs < end)])
        out.append(Attribution(start, end, "indirect", f.cue, f.cue_span, f.source, None, f.head))
    for att in direct_quotes(text, "en", sentences, quotes):
        if (att.start, att.end) in claimed:
            continue
        signed = _signed(text, att)
        previous = max(
            (a for a in out if a.cue_span and a.cue_span[1] <= att.start),
            key=lambda a: a.cue_span[1] if a.cue_span else 0,
            default=None,
        )
        if signed is not None:
            att = signed
        elif att.cue is None and previous is not None and _continues(text, previous, att):
            att = replace(previous, start=att.start, end=att.end, kind="direct")
        elif att.cue_span is not None:
            att = _with_parsed_source(att, parsed)
        out.append(att)
    out = [a for a in out if not any(_nested(a, b) for b in out if b is not a)]
    indirect = [a for a in out if a.kind == "indirect"]
    # A short quotation inside reported speech is part of it ("a "frank" tone").
    out = [
        a
        for a in out
        if a.kind == "indirect"
        or (
            size(text[a.start : a.end]) >= 3
            and not any(b.start <= a.start and a.end <= b.end + 1 for b in indirect)
        )
    ]
    return sorted(out, key=lambda a: a.start)


def _nested(a: Attribution, b: Attribution) -> bool:
    """``a``'s cue lies in what ``b`` reports, so ``a`` is part of it (of two such, the
    shorter is the part: ``Police have said X, according to their lawyers``)."""

    def inside(x: Attribution, y: Attribution) -> bool:
        return x.cue_span is not None and y.start <= x.cue_span[0] and x.cue_span[1] <= y.end

    if not inside(a, b):
        return False
    return not inside(b, a) or (a.end - a.start, a.start) < (b.end - b.start, b.start)


def _covering(
    content: tuple[int, int], quotes: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    """The quotation a content lies in (its marks and a comma aside)."""
    return next((q for q in quotes if q[0] - 2 <= content[0] and content[1] <= q[1] + 2), None)


_BEFORE_CUE = re.compile(r"[\s\"”’»,.!?—–-]*")
_AFTER_CUE = re.compile(r"[\s:,\"“«—–-]*")


def _beside(text: str, f: Found, quotes: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation a bare cue belongs to: just before its sentence, or just after it."""
    first = min(f.cue_span[0], f.source[0] if f.source else f.cue_span[0])
    for q in quotes:
        if q[1] <= first and _BEFORE_CUE.fullmatch(text, q[1], first):
            return q
        if q[0] >= f.cue_span[1] and _AFTER_CUE.fullmatch(text, f.cue_span[1], q[0]):
            return q
    return None


# A speaker's label: a name (capitalised words, or capitals) and a colon opening a paragraph.
_LABEL = re.compile(r"(?P<name>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)\s*:\s+(?=\S)")
_NOT_LABELS = _words(
    "update note editor editor's photo photos video watch related read source sources "
    "credit caption breaking exclusive correction clarification warning disclaimer "
    "advertisement sponsored image images listen follow subscribe"
)


def _labelled(text: str) -> Attribution | None:
    """``WALLACE: Let's start…`` / ``Pat Caddell: Democrat Voters Worried…``."""
    m = _LABEL.match(text)
    if m is None or m["name"].split()[0].lower().strip(".") in _NOT_LABELS:
        return None
    if len(text) - m.end() < 12:
        return None
    name = m.span("name")
    last = list(re.finditer(r"\S+", m["name"]))[-1]
    head = (name[0] + last.start(), name[0] + last.end())
    return Attribution(m.end(), len(text.rstrip()), "direct", ":", (name[1], name[1] + 1),
                       name, None, head)  # fmt: skip


_SIGNATURE = re.compile(r"[\s\"”’»]*[―—–]\s*(?P<name>(?:[A-Z][\w.'’-]*\s*){1,4}?)[\s.]*$")


def _signed(text: str, att: Attribution) -> Attribution | None:
    """A quotation signed with a dash and a name at the paragraph's end."""
    m = _SIGNATURE.match(text, att.end)
    if m is None:
        return None
    name = (m.start("name"), m.start("name") + len(m["name"].rstrip()))
    dash = m.start("name") - 1
    return Attribution(att.start, att.end, "direct", "―", (dash, dash + 1), name, None, name)


def _continues(text: str, previous: Attribution, att: Attribution) -> bool:
    """A quotation right after the cue of the quote before it: ``“A,” she said. “B.”``."""
    if previous.cue_span is None or not previous.end < previous.cue_span[0] < att.start:
        return False
    return len(text[previous.cue_span[1] : att.start].split()) <= 12


def _with_parsed_source(att: Attribution, parsed: Sequence[tuple[int, Any]]) -> Attribution:
    """The rules' cue with the subject the parse gives it, where the parse has one."""
    assert att.cue_span is not None
    for base, doc in parsed:
        if not base <= att.cue_span[0] < base + len(doc.text):
            continue
        tok = next((t for t in doc if base + t.idx == att.cue_span[0]), None)
        subj = _subject(tok) if tok is not None else None
        if subj is not None:
            return replace(att, source=_source(subj, base), head=_span([subj], base))
    return att
