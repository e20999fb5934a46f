"""What the story list and a story page show, gathered from :mod:`newsloom.service`.

Each function returns a plain dict for one template. Text from articles is
passed through as data; the templates escape it.
"""

from __future__ import annotations

from newsloom import service
from newsloom.errors import NotFoundError
from newsloom.model import Document
from newsloom.settings import Settings
from newsloom.store import Store
from newsloom.web.charts import sparkline, timeline_chart

LANG_NAMES = {
    "ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fr": "French",
    "it": "Italian", "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "pl": "Polish",
    "pt": "Portuguese", "ru": "Russian", "th": "Thai", "tr": "Turkish", "zh": "Chinese",
}  # fmt: skip
"""Names for the language badges' tooltips; a code not listed shows as itself."""

TYPE_NAMES = {"PER": "People", "ORG": "Organisations", "LOC": "Places"}


def pick_lang(asked: str | None, available: list[str]) -> str:
    """The reader's language if the story has it, else English, else the story's first."""
    if asked and asked in available:
        return asked
    if "en" in available or not available:
        return "en"
    return available[0]


def story_title(story: dict[str, object], lang: str) -> str:
    titles: dict[str, str] = story.get("titles") or {}  # type: ignore[assignment]
    return titles.get(lang) or str(story.get("title") or story["id"])


def doc_title(doc: Document, lang: str | None = None) -> str:
    """A document's title in ``lang`` when it has one, else its title, else its source."""
    return (lang and doc.meta.titles.get(lang)) or doc.meta.title or doc.source


def story_list(store: Store) -> list[dict[str, object]]:
    """The stories, largest first, each with its titles, span and a sparkline of coverage."""
    stories = service.list_stories(store)
    published = {s.id: s.published for s in store.summaries()}
    titles = {str(s["id"]): str(s["title"] or s["id"]) for s in stories}
    rows = []
    for story in stories:
        docs: list[str] = story["documents"]  # type: ignore[assignment]
        # The title the story page opens with (its default language), the others under it.
        title = story_title(story, pick_lang(None, story["languages"]))  # type: ignore[arg-type]
        others = {
            lang: text
            for lang, text in story["titles"].items()  # type: ignore[union-attr]
            if text != title
        }
        rows.append({
            "id": story["id"], "title": title, "other_titles": others,
            "languages": story["languages"], "outlets": story["outlets"],
            "start": story["start"], "end": story["end"], "size": story["size"],
            "documents": len(docs), "keywords": story["keywords"],
            "spark": sparkline(published.get(d) for d in docs),
            "related": [
                {"id": r["story"], "title": titles.get(str(r["story"]), r["story"]),
                 "score": r["score"]}
                for r in story["related"]  # type: ignore[union-attr]
            ],
        })  # fmt: skip
    return rows


def story_page(store: Store, settings: Settings, ref: str, lang: str | None) -> dict[str, object]:
    """The story page: the briefing in the reader's language, plus the story's sources.

    The briefing (:func:`newsloom.service.brief`) decides what is shown; this adds
    the story row's counts, a chart of its timeline, and the pairs of texts the
    parallel viewer can open.

    Raises:
        NotFoundError: no story matches ``ref`` (NL240).
    """
    try:
        story = service.show_story(store, ref)
    except NotFoundError as exc:
        if exc.code != "NL304":
            raise
        raise NotFoundError("NL240", None, ref=ref) from None
    lang = pick_lang(lang, story["languages"])  # type: ignore[arg-type]
    briefing = service.brief(store, settings, str(story["id"]), lang).to_json()
    events: list[dict[str, object]] = briefing["timeline"]  # type: ignore[assignment]
    for i, event in enumerate(events):
        event["index"] = i
        texts: dict[str, str] = event["texts"]  # type: ignore[assignment]
        event["others"] = {k: v for k, v in texts.items() if v != event["text"]}
    sources: list[dict[str, object]] = briefing["sources"]  # type: ignore[assignment]
    view_titles = {f"{r['document']}#{r['lang']}": r["title"] for r in sources}
    for row in sources:
        # The text this one copies or translates, split for links to it and to the viewer.
        row["of_doc"], _, row["of_lang"] = str(row["of"] or "").rpartition("#")
        row["of_title"] = view_titles.get(str(row["of"]))
    for actor in briefing["actors"]:  # type: ignore[union-attr]
        # The name in each other language, once: how the actor is written elsewhere.
        firsts = [names[0] for names in actor["names"].values() if names]
        actor["aka"] = list(dict.fromkeys(n for n in firsts if n != actor["name"]))
    groups = [
        {"type": t, "label": label, "actors": [a for a in briefing["actors"] if a["type"] == t]}
        for t, label in TYPE_NAMES.items()
    ]  # type: ignore[union-attr, index]
    docs = [store.get(d) for d in story["documents"]]  # type: ignore[union-attr]
    return {
        "story": story,
        "brief": briefing,
        "title": briefing["headline"]["text"] or story["title"],  # type: ignore[index]
        "lang": lang,
        "events": events,
        "chart": timeline_chart(events),
        "actor_groups": [g for g in groups if g["actors"]],
        "sources": sources,
        "titles": {d.id: doc_title(d) for d in docs},
        "views": [
            {
                "value": f"{row['document']}:{row['lang']}",
                "label": f"{str(row['title'] or row['outlet'] or row['source'])[:60]} · "
                f"{row['lang']}",
            }
            for row in sources
        ],
        "pair": _default_pair(sources),
    }


def _default_pair(sources: list[dict[str, object]]) -> tuple[str, str] | None:
    """The pair the viewer form starts on: the first translation and its original."""
    for row in sources:
        if row["of"] and row["kind"] != "duplicate":
            return f"{row['of_doc']}:{row['of_lang']}", f"{row['document']}:{row['lang']}"
    views = [f"{row['document']}:{row['lang']}" for row in sources]
    return (views[0], views[1]) if len(views) > 1 else None
