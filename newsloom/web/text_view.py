"""Article text as the desk shows it: a document with its marks, two views side by side.

Text is cut into segments (plain strings with a CSS class and a tooltip);
the templates escape each segment, so nothing an article holds becomes markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from newsloom import service
from newsloom.model import Document
from newsloom.relate.parallel import ViewAlignment
from newsloom.settings import Settings
from newsloom.store import Store


@dataclass
class Segment:
    text: str
    cls: str = ""
    title: str = ""
    bead: int | None = None
    """The sentence bead an aligned sentence belongs to (the parallel viewer pairs by it)."""


def segments(text: str, spans: list[tuple[int, int, str, str]]) -> list[Segment]:
    """Cut ``text`` at every span edge; each piece carries the classes of the spans over it.

    ``spans`` are ``(start, end, css_class, tooltip)``; they may overlap (a name
    inside a quote), which is why the text is cut at every edge rather than nested.
    """
    edges = {0, len(text)}
    for start, end, _, _ in spans:
        edges.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    cuts = sorted(edges)
    out = []
    for a, b in pairwise(cuts):
        over = [(c, t) for s, e, c, t in spans if s <= a and b <= e]
        classes = " ".join(c for c, _ in over)
        out.append(Segment(text[a:b], classes, " · ".join(t for _, t in over if t)))
    return out


def document_page(store: Store, ref: str) -> dict[str, object]:
    """A document's metadata, relations and paragraphs with names, quotes and dates marked.

    Raises:
        NotFoundError: no document matches ``ref`` (NL304); NL305 when ambiguous.
    """
    doc = store.find(ref)
    names = {str(e["id"]): e for e in service.list_entities(store)}
    spans: dict[int, list[tuple[int, int, str, str]]] = {}
    for m in doc.mentions:
        entity = names.get(m.entity or "")
        label = f"{m.type}: {m.name}" + (f" ({entity['id']})" if entity else "")
        spans.setdefault(m.paragraph, []).append((m.start, m.end, f"ent ent-{m.type}", label))
    for q in doc.quotes:
        speaker = doc.mentions[q.speaker].name if q.speaker is not None else "unknown speaker"
        label = f"{q.kind} quote, {speaker}" + (f" ({q.cue})" if q.cue else "")
        spans.setdefault(q.paragraph, []).append((q.start, q.end, "qt", label))
    for t in doc.timexes:
        spans.setdefault(t.paragraph, []).append((t.start, t.end, "timex", f"date: {t.value}"))
    paragraphs = [
        {
            "index": i,
            "role": p.role,
            "lang": p.lang,
            "script": p.script,
            "boilerplate": p.boilerplate,
            "reason": p.reason,
            "segments": segments(p.text, spans.get(i, [])),
        }
        for i, p in enumerate(doc.paragraphs)
    ]
    relations = service.list_relations(store, doc.id)
    return {
        "doc": doc,
        "title": doc.meta.title or doc.source,
        "paragraphs": paragraphs,
        "relations": relations,
        "story": service.story_of_document(store, doc.id),
        "views": list(doc.views()),
        "counts": {
            "mentions": len(doc.mentions),
            "quotes": len(doc.quotes),
            "timexes": len(doc.timexes),
            "boilerplate": sum(p.boilerplate for p in doc.paragraphs),
        },
    }


@dataclass
class Side:
    """One paragraph of one side of a row: its text cut into sentences and gaps."""

    index: int
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Row:
    """One paragraph bead: the paragraphs of each side that match (either may be empty)."""

    a: list[Side]
    b: list[Side]
    score: float

    @property
    def unaligned(self) -> bool:
        return not self.a or not self.b


def _sentence_segments(
    doc: Document, par: int, beads: dict[tuple[int, int], tuple[int, float]]
) -> list[Segment]:
    """A paragraph as sentence segments: ``s`` + bead id when aligned, ``s unaligned`` when not."""
    p = doc.paragraphs[par]
    spans = p.sentences or [(0, len(p.text))]
    out: list[Segment] = []
    pos = 0
    for k, (start, end) in enumerate(spans):
        if start > pos:
            out.append(Segment(p.text[pos:start]))
        bead = beads.get((par, k))
        if bead is None:
            out.append(Segment(p.text[start:end], "s unaligned", "no counterpart"))
        else:
            number, score = bead
            label = f"pair {number + 1} · score {score:.2f}"
            out.append(Segment(p.text[start:end], "s al", label, number))
        pos = end
    if pos < len(p.text):
        out.append(Segment(p.text[pos:]))
    return out


def parallel_page(
    store: Store, settings: Settings, a_ref: str, b_ref: str | None, story_ref: str | None = None
) -> dict[str, object]:
    """Two language views aligned, as rows of paragraph beads whose sentences carry bead ids.

    ``story_ref`` names the story the reader came from (for the way back);
    without it, the story of the first document.

    Raises:
        NotFoundError: a reference or ``story_ref`` matches nothing (NL304).
        ConfigError: a document has no such language view (NL206), or one view only (NL205).
    """
    al: ViewAlignment = service.align(store, settings, a_ref, b_ref)
    doc_a, doc_b = store.get(al.a), store.get(al.b)
    beads: dict[str, dict[tuple[int, int], tuple[int, float]]] = {"a": {}, "b": {}}
    number = 0
    for pair in al.sentences:
        if not (pair.a and pair.b):
            continue
        for side, members in (("a", pair.a), ("b", pair.b)):
            for par, sent in members:
                beads[side][(par, sent)] = (number, pair.score)
        number += 1
    rows = [
        Row(
            [Side(i, _sentence_segments(doc_a, i, beads["a"])) for i in pair.a],
            [Side(j, _sentence_segments(doc_b, j, beads["b"])) for j in pair.b],
            pair.score,
        )
        for pair in al.paragraphs
    ]

    def unaligned(sides: list[Side]) -> int:
        return sum(seg.cls == "s unaligned" for side in sides for seg in side.segments)

    relation = next(
        (r for r in store.relations(al.a)
         if {(r.a, r.a_lang), (r.b, r.b_lang)} == {(al.a, al.a_lang), (al.b, al.b_lang)}),
        None,
    )  # fmt: skip
    return {
        "al": al,
        "doc_a": doc_a,
        "doc_b": doc_b,
        "rows": rows,
        "pairs": number,
        "unaligned_a": sum(unaligned(row.a) for row in rows),
        "unaligned_b": sum(unaligned(row.b) for row in rows),
        "relation": relation,
        "story": (
            service.show_story(store, story_ref)
            if story_ref
            else service.story_of_document(store, al.a)
        ),
    }
