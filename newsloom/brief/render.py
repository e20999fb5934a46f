"""A briefing as Markdown: headline, summary, timeline, actors, who said what, sources,
related stories. Rendering only; every decision was made in :mod:`.briefing`."""

from __future__ import annotations

from newsloom.brief.briefing import Briefing, SummarySentence

KIND_LABELS = {
    "original": "original",
    "translation": "translation",
    "machine_translation": "machine translation",
    "duplicate": "duplicate",
    "unknown": "translation pair, direction unknown",
}


def _cell(value: object) -> str:
    """A table cell: no pipes or line breaks inside."""
    return " ".join(str(value if value not in (None, "") else "-").replace("|", "/").split())


def _summary_line(s: SummarySentence, lang: str) -> str:
    orig = s.original
    if s.rendering:
        kind = KIND_LABELS[str(s.rendering["kind"])]
        return (
            f"- {s.text}  \n  *written in {orig['lang']}, shown through the {kind} "
            f"`{s.rendering['document']}#{s.rendering['lang']}`; original: {orig['text']}*"
        )
    if s.lang != lang:
        return f"- [{s.lang}] {s.text}  \n  *no {lang} text of it in this story*"
    return f"- {s.text}"


def markdown(b: Briefing) -> str:
    """The briefing as one Markdown document."""
    out: list[str] = []
    tag = f" [{b.headline_lang}]" if b.headline_lang and b.headline_lang != b.lang else ""
    out.append(f"# {b.headline or '(untitled story)'}{tag}")
    span = f"{b.start or '?'} .. {b.end or '?'}"
    out.append(
        f"\nStory `{b.story}` · {span} · {len(b.documents)} documents · "
        f"languages: {', '.join(b.languages) or '-'}"
    )
    out.append("\n## Summary\n")
    out += [_summary_line(s, b.lang) for s in b.summary] or ["(no sentences to summarise)"]
    out.append("\n## Timeline\n")
    for e in b.timeline:
        tag = f" [{e['lang']}]" if e["lang"] and e["lang"] != b.lang else ""
        out.append(f"- **{e['date']}**{tag} {e['text']}")
    if not b.timeline:
        out.append("(no dated events)")
    out.append("\n## Actors\n")
    for a in b.actors:
        others = "; ".join(
            f"{lang}: {' / '.join(names)}" for lang, names in a.names.items() if lang != a.lang
        )
        tag = f" [{a.lang}]" if a.lang and a.lang != b.lang else ""
        extra = f" — {others}" if others else ""
        out.append(f"- **{a.name}**{tag} ({a.type}, in {a.writings} writings){extra}")
    if not b.actors:
        out.append("(no named actors)")
    out.append("\n## Who said what\n")
    for said in b.quotes:
        out.append(f"**{said.speaker}**\n")
        for q in said.quotes:
            tag = f" [{q['lang']}]" if q["lang"] != b.lang else ""
            mark = "“{}”" if q["kind"] == "direct" else "{} (reported)"
            out.append(f"- {mark.format(q['text'])}{tag}")
            if q["context"]:
                ctx = q["context"]
                kind = KIND_LABELS[str(ctx["kind"])]
                out.append(f"  *in the {kind} `{ctx['document']}#{ctx['lang']}`: {ctx['text']}*")
        out.append("")
    if not b.quotes:
        out.append("(no attributed quotes)\n")
    out.append("## Sources\n")
    out.append("| outlet | language | date | kind | document | title |")
    out.append("| --- | --- | --- | --- | --- | --- |")
    for s in b.sources:
        kind = KIND_LABELS[s.kind.kind] + (f" of `{s.kind.of}`" if s.kind.of else "")
        out.append(
            f"| {_cell(s.outlet)} | {s.lang} | {_cell(s.published)} | {kind} | "
            f"`{s.document}` {_cell(s.source)} | {_cell(s.title)} |"
        )
    out.append("\nWhy each kind:\n")
    for s in b.sources:
        out.append(f"- `{s.key}`: {'; '.join(s.kind.reasons)}")
    out.append("\n## Related stories\n")
    for r in b.related:
        tag = f" [{r['lang']}]" if r["lang"] and r["lang"] != b.lang else ""
        out.append(f"- {r['title'] or '(untitled)'}{tag} (`{r['story']}`, {r['score']:.2f})")
    if not b.related:
        out.append("(none)")
    return "\n".join(out) + "\n"
