"""What the search page shows: hits across languages, each passage with its marks.

:func:`newsloom.service.search` ranks and finds the offsets; this cuts each
passage into segments (the best sentence, the query's words) for the template
to escape and mark, and names the story each hit belongs to.
"""

from __future__ import annotations

from newsloom import service
from newsloom.settings import Settings
from newsloom.store import Store
from newsloom.web.text_view import segments

PAGE_SIZE = 20


def search_page(
    store: Store,
    settings: Settings,
    query: str,
    lang: str = "",
    since: str = "",
    until: str = "",
    offset: int = 0,
) -> dict[str, object]:
    """The hits for ``query`` (empty: just the form), one page of :data:`PAGE_SIZE`.

    Raises:
        ConfigError: a bad date, language or offset (NL231-NL234).
    """
    stories = service.list_stories(store)
    languages = sorted({lang for s in stories for lang in s["languages"]})  # type: ignore[union-attr]
    form = {"q": query, "lang": lang, "since": since, "until": until}
    if not query.strip():
        return {"form": form, "languages": languages, "hits": None, "offset": 0}
    rows = service.search(
        store, settings, query, lang=lang or None, since=since or None, until=until or None,
        limit=PAGE_SIZE + 1, offset=offset,
    )  # fmt: skip
    story_of = {d: s for s in stories for d in s["documents"]}  # type: ignore[union-attr]
    hits = []
    for row in rows[:PAGE_SIZE]:
        passage = str(row["passage"])
        start, end = row["sentence_span"]  # type: ignore[misc]
        spans = [(start, end, "best", "")]
        spans += [(a, b, "match", "") for a, b in row["highlights"]]  # type: ignore[union-attr]
        story = story_of.get(str(row["doc"]))
        hits.append({
            **row,
            "segments": segments(passage, spans),
            "story": {"id": story["id"], "title": story["title"]} if story else None,
        })  # fmt: skip
    return {
        "form": form,
        "languages": languages,
        "hits": hits,
        "hit_languages": sorted({str(h["lang"]) for h in hits if h["lang"]}),
        "offset": offset,
        "more": len(rows) > PAGE_SIZE,
        "page_size": PAGE_SIZE,
    }
