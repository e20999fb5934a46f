"""Use cases. The CLI, the HTTP API and the web desk only call these.

Functions here take a :class:`Store` and :class:`Settings` and return plain
data (dataclasses, dicts ready for JSON); they print nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass, field
from typing import BinaryIO, Protocol, TextIO

from newsloom.brief.briefing import Briefing, build_briefing
from newsloom.clean.boilerplate import Boilerplate
from newsloom.clean.parse import Parser
from newsloom.clean.recurring import RecurringLines, line_hashes, source_key
from newsloom.embed import load_encoder
from newsloom.embed.memo import MemoEncoder
from newsloom.errors import ConfigError, InputError, NewsloomError, NotFoundError
from newsloom.extract.linking import EntityLinker, entity_json, entity_mentions, find_entity
from newsloom.extract.quotes import merge_quotes
from newsloom.extract.timeline import timeline as build_timeline
from newsloom.ingest import iter_inputs
from newsloom.model import Document, RawInput, content_id
from newsloom.pipeline import DEFAULT_STAGES, Pipeline, StageTimes
from newsloom.relate.parallel import WRITERS, ViewAlignment, align_views
from newsloom.relate.relations import RelationFinder
from newsloom.search import Searcher, make_filters
from newsloom.settings import Settings
from newsloom.store import Store
from newsloom.stories.cluster import StoryClusterer

Progress = Callable[[int], None]


_READ_ENCODERS: dict[int, MemoEncoder] = {}


def read_encoder(settings: Settings) -> MemoEncoder:
    """The encoder of read-side use cases (align, quotes, timeline, brief): the process's
    encoder behind one :class:`MemoEncoder`, so page views share remembered vectors."""
    encoder = load_encoder(settings)
    memo = _READ_ENCODERS.get(id(encoder))
    if memo is None or memo.encoder is not encoder:
        memo = _READ_ENCODERS[id(encoder)] = MemoEncoder(encoder)
    return memo


@dataclass
class IngestReport:
    """What an ingest did: counts, the ids stored, and one error per rejected input."""

    added: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    errors: list[NewsloomError] = field(default_factory=list)
    relations: int = 0
    entities: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "added": len(self.added),
            "existing": len(self.existing),
            "failed": len(self.errors),
            "relations": self.relations,
            "entities": self.entities,
            "documents": self.added + self.existing,
            "errors": [e.to_json() for e in self.errors],
        }


@dataclass
class Parsed:
    """A parsed document and all that its stages need from the rest of the collection.

    That is only the recurring-line counts of the boilerplate stage: per line hash of
    this document, how many documents of its source (stored ones and the current batch)
    hold the line. Carrying them with the document lets a Dask worker run the stages
    without reading the store, and makes the result independent of where and in which
    order documents run.
    """

    doc: Document
    source_key: str
    line_counts: dict[str, int]


def run_documents(pipeline: Pipeline, items: Sequence[Parsed]) -> list[Document | InputError]:
    """The per-document part of an ingest: the stages over parsed documents, in order.

    The one implementation of it: :class:`Ingestor` calls it in process, a Dask worker
    (:mod:`newsloom.distributed.worker`) on its share of a batch. All ``items`` belong
    to one batch (their counts are one snapshot). An input error takes its document's place.
    """
    boilerplate = next((s for s in pipeline.stages if isinstance(s, Boilerplate)), None)
    if boilerplate is not None:
        tables: dict[str, dict[str, int]] = {}
        for item in items:
            tables.setdefault(item.source_key, {}).update(item.line_counts)
        boilerplate.recurring = RecurringLines(boilerplate.recurring.min_docs)
        boilerplate.recurring.merge(tables)
    results: list[Document | InputError] = []
    for item in items:
        try:
            results.append(pipeline.run(item.doc))
        except InputError as exc:
            results.append(exc)
    return results


class StageRunner(Protocol):
    """Runs :func:`run_documents` somewhere else (:class:`newsloom.distributed.DaskRunner`).

    Yields the results in input order, a chunk at a time, so the client stores the
    first documents while the workers still run the others.
    """

    def __call__(
        self, items: list[Parsed], times: StageTimes | None
    ) -> Iterator[list[Document | InputError]]: ...


class Ingestor:
    """Runs the per-document pipeline over inputs and stores the results.

    Built once (the stages load their models here) and reused: the CLI builds
    one per command, the API one per process. With a ``runner`` the stages run on
    Dask workers and load their models there; this side reads, parses, stores,
    and does the collection-wide steps (recurring-line counts, relations, stories,
    entity linking), which need every document seen so far.

    Set ``times`` to a :class:`StageTimes` to time every step (stages, wherever they
    run, and this side's parse, store, relations, stories, linking).
    """

    batch_size = 256
    """Inputs read ahead, so the recurring-line counts see a batch of the same outlet."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        stages: Iterable[str] = DEFAULT_STAGES,
        runner: StageRunner | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.runner = runner
        names = list(stages)
        self.pipeline = Pipeline(settings, names) if runner is None else None
        self.parser = self.pipeline.parser if self.pipeline else Parser(settings)
        self.times: StageTimes | None = None
        self._line_counts: dict[str, dict[str, int]] = {}
        """Per source key, line hash -> documents holding it: the store's, then this run's."""
        self.relations = RelationFinder(settings) if "embed.sentences" in names else None
        self.linker = EntityLinker(settings) if "extract.entities" in names else None
        self.stories = StoryClusterer(settings) if "embed.sentences" in names else None

    def _timed(self, name: str) -> AbstractContextManager[None]:
        return nullcontext() if self.times is None else self.times.measure(name)

    def ingest(
        self,
        paths: Sequence[str],
        stdin: BinaryIO | None = None,
        progress: Progress | None = None,
    ) -> IngestReport:
        report = IngestReport()
        batch: list[RawInput] = []
        for item in iter_inputs(paths, self.settings, stdin=stdin):
            if isinstance(item, InputError):
                report.errors.append(item)
                if progress:
                    progress(1)
                continue
            batch.append(item)
            if len(batch) >= self.batch_size:
                self._run(batch, report, progress)
                batch = []
        self._run(batch, report, progress)
        self._finish(report)
        return report

    def ingest_raw(self, raws: Iterable[RawInput]) -> IngestReport:
        """Ingest inputs that did not come from files (the HTTP API's uploads)."""
        report = IngestReport()
        self._run(list(raws), report, None)
        self._finish(report)
        return report

    def _finish(self, report: IngestReport) -> None:
        """Collection-wide steps that need every new document stored: entity linking."""
        if self.linker is not None and report.added:
            with self._timed("entities.link"):
                report.entities = len(self.linker.link(self.store))

    def _prepare(
        self, batch: list[RawInput], report: IngestReport, tick: Callable[[], None]
    ) -> list[Parsed]:
        """Parse what is not stored yet and give each document its recurring-line counts."""
        parsed: list[Document] = []
        for raw in batch:
            doc_id = content_id(raw.content)
            if self.store.has(doc_id):
                self.store.add_source(doc_id, raw.source)
                report.existing.append(doc_id)
                tick()
                continue
            try:
                parsed.append(self.parser(raw))
            except InputError as exc:
                report.errors.append(exc)
                tick()
        # The counts must see the whole batch before any document is judged. Keys come
        # before the stages (metadata sets outlets); paragraph texts do not change in the
        # stages, so the line hashes serve the counts and the store alike.
        keys = [source_key(doc) for doc in parsed]
        hashes = [line_hashes(p.text for p in doc.paragraphs) for doc in parsed]
        for key, doc_hashes in zip(keys, hashes, strict=True):
            table = self._line_counts.get(key)
            if table is None:
                table = self._line_counts[key] = dict(self.store.line_counts(key))
            for digest in doc_hashes:
                table[digest] = table.get(digest, 0) + 1
        return [
            Parsed(doc, key, {h: self._line_counts[key][h] for h in doc_hashes})
            for doc, key, doc_hashes in zip(parsed, keys, hashes, strict=True)
        ]

    def _results(self, items: list[Parsed]) -> Iterator[Document | InputError]:
        if self.runner is not None:
            for chunk in self.runner(items, self.times):
                yield from chunk
            return
        assert self.pipeline is not None
        self.pipeline.times = self.times
        yield from run_documents(self.pipeline, items)

    def _run(self, batch: list[RawInput], report: IngestReport, progress: Progress | None) -> None:
        def tick() -> None:
            if progress:
                progress(1)

        with self._timed("parse"):
            items = self._prepare(batch, report, tick)
        stored: list[Document] = []
        try:
            for item, doc in zip(items, self._results(items), strict=True):
                if isinstance(doc, InputError):
                    report.errors.append(doc)
                else:
                    with self._timed("store"):
                        added = self.store.add(doc, lines=(item.source_key, set(item.line_counts)))
                    if added:
                        report.added.append(doc.id)
                        stored.append(doc)
                    else:
                        report.existing.append(doc.id)
                tick()
        finally:
            # Relations need the batch stored: a batch's documents are candidates for each
            # other. Also when the stages failed part-way (a lost cluster): a re-run skips
            # what is stored, so what is stored must have its relations and story.
            if self.relations is not None and stored:
                with self._timed("relations"):
                    report.relations += len(self.relations.find(stored, self.store))
            # Stories after relations: a translation or copy joins its original's story.
            if self.stories is not None and stored:
                with self._timed("stories"):
                    self.stories.assign(stored, self.store)


def document_json(doc: Document) -> dict[str, object]:
    """The JSON shape of ``newsloom show --json`` and of the API's document resource."""
    meta = asdict(doc.meta)
    return {
        "id": doc.id,
        "source": doc.source,
        "kind": doc.kind,
        "encoding": doc.encoding,
        "title": doc.meta.title,
        "titles": doc.meta.titles,
        "outlet": doc.meta.outlet,
        "published": doc.meta.published,
        "authors": doc.meta.authors,
        "editor": meta["editor"],
        "translator": meta["translator"],
        "url": meta["url"],
        "languages": doc.languages,
        "script": doc.script,
        "layout": doc.layout,
        "views": doc.views(),
        "stages": doc.stages,
        "paragraphs": [
            {
                "index": i,
                "text": p.text,
                "lang": p.lang,
                "script": p.script,
                "role": p.role,
                "boilerplate": p.boilerplate,
                "reason": p.reason,
                "sentences": [list(s) for s in p.sentences],
            }
            for i, p in enumerate(doc.paragraphs)
        ],
        "mentions": [asdict(m) for m in doc.mentions],
        "quotes": [asdict(q) for q in doc.quotes],
        "timexes": [asdict(t) for t in doc.timexes],
    }


def list_documents(store: Store, limit: int | None = None, offset: int = 0) -> list[dict]:
    return [asdict(s) for s in store.summaries(limit=limit, offset=offset)]


def show_document(store: Store, ref: str) -> dict[str, object]:
    return document_json(store.find(ref))


def list_relations(store: Store, doc_ref: str | None = None) -> list[dict[str, object]]:
    """Relations with each side named by document id, language, source and title."""
    doc_id = store.find(doc_ref).id if doc_ref else None
    summaries = {s.id: s for s in store.summaries()}

    def side(doc_id: str, lang: str) -> dict[str, object]:
        s = summaries[doc_id]
        return {"id": doc_id, "lang": lang, "source": s.source, "title": s.title}

    return [
        {
            "a": side(r.a, r.a_lang),
            "b": side(r.b, r.b_lang),
            "type": r.type,
            "score": round(r.score, 4),
            "direction": r.direction,
            "evidence": r.evidence,
        }
        for r in store.relations(doc_id)
    ]


def resolve_view(store: Store, ref: str) -> tuple[Document, str | None]:
    """``REF`` or ``REF:LANG`` -> the document and the language asked for, if any.

    Sources may hold colons themselves (``wire.jsonl:3``), so the whole string
    is tried as a reference first.
    """
    try:
        return store.find(ref), None
    except NotFoundError:
        head, sep, lang = ref.rpartition(":")
        if not sep or not lang.isalpha() or len(lang) > 3:
            raise
    doc = store.find(head)
    if lang not in doc.views():
        raise ConfigError("NL206", head, lang=lang, have=", ".join(doc.views()) or "none")
    return doc, lang


def align(store: Store, settings: Settings, a_ref: str, b_ref: str | None = None) -> ViewAlignment:
    """Align two language views: of one bilingual document, or of two documents."""
    doc_a, lang_a = resolve_view(store, a_ref)
    if b_ref is None:
        doc_b = doc_a
        langs = list(doc_a.views())
        lang_a = lang_a or langs[0]
        others = [lang for lang in langs if lang != lang_a]
        if not others:
            raise ConfigError("NL205", a_ref, lang=lang_a)
        lang_b: str | None = others[0]
    else:
        doc_b, lang_b = resolve_view(store, b_ref)
        lang_a = lang_a or next(iter(doc_a.views()))
        if lang_b is None:
            views = list(doc_b.views())
            lang_b = next((lang for lang in views if lang != lang_a), views[0])
    assert lang_b is not None
    return align_views(doc_a, lang_a, doc_b, lang_b, read_encoder(settings).encode, settings)


def alignment_json(al: ViewAlignment) -> dict[str, object]:
    def pairs(items: list) -> list[dict[str, object]]:
        return [
            {"a": p.a, "b": p.b, "a_text": p.a_text, "b_text": p.b_text,
             "score": round(p.score, 4)}
            for p in items
        ]

    return {
        "a": {"id": al.a, "lang": al.a_lang},
        "b": {"id": al.b, "lang": al.b_lang},
        "paragraphs": pairs(al.paragraphs),
        "sentences": pairs(al.sentences),
    }


def export_parallel(store: Store, settings: Settings, fmt: str, out: TextIO) -> int:
    """Write every aligned translation pair as a parallel corpus; returns the pairs written."""
    embed = read_encoder(settings).encode
    alignments = (
        align_views(store.get(r.a), r.a_lang, store.get(r.b), r.b_lang, embed, settings)
        for r in store.relations()
        if r.type == "translation_of"
    )
    return WRITERS[fmt](alignments, out)


def list_entities(store: Store, with_mentions: bool = False) -> list[dict[str, object]]:
    """Entities, most mentioned first: id, type, names per language, mention count."""
    out = []
    for entity in store.entities():
        row = entity_json(entity)
        if with_mentions:
            row["mentions_in"] = entity_mentions(store, entity.id)
        out.append(row)
    return out


def _documents(store: Store, doc_ids: Iterable[str] | None) -> list[Document]:
    if doc_ids is None:
        return list(store.iter_documents())
    return [store.get(doc_id) for doc_id in doc_ids]


def quotes(
    store: Store, settings: Settings, doc_ids: Iterable[str] | None = None, lang: str = "en"
) -> list[dict[str, object]]:
    """Who said what, a quote and its translations merged into one with its renderings."""
    docs = _documents(store, doc_ids)
    groups = merge_quotes(docs, store.relations(), read_encoder(settings).encode)
    return [g.to_json(lang) for g in groups]


def timeline(
    store: Store, settings: Settings, doc_ids: Iterable[str] | None = None, lang: str = "en"
) -> list[dict[str, object]]:
    """Dated events ordered by date, the same event in several languages merged."""
    docs = _documents(store, doc_ids)
    return [e.to_json() for e in build_timeline(docs, read_encoder(settings).encode, lang=lang)]


def list_stories(store: Store, ids: Collection[str] | None = None) -> list[dict[str, object]]:
    """Stories, largest first: titles per language, languages, span, members, related.

    ``ids`` reads only those stories (a page about one story need not read them all).
    """
    rows = store.story_rows(ids)
    for row in rows:
        row["documents"] = row.pop("members")
        titles = row["titles"]
        row["title"] = titles.get("en") or next(iter(titles.values()), None)
    return rows


def resolve_story(store: Store, ref: str) -> str:
    """A story id from an id, a unique id prefix, a merged-away id, or a member document."""
    merged = {old: new for old, new, _ in store.story_merges()}
    while ref in merged:
        ref = merged[ref]
    matches = sorted(set(store.story_ids(ref)) | set(store.story_ids("s-" + ref))) if ref else []
    if ref in matches:
        return ref
    if len(matches) == 1:
        return matches[0]
    story = store.story_of(store.find(ref).id)
    if story is None:
        raise NotFoundError("NL304", ref=ref)
    return story


def show_story(store: Store, ref: str) -> dict[str, object]:
    return list_stories(store, [resolve_story(store, ref)])[0]


def story_of_document(store: Store, doc_id: str) -> dict[str, object] | None:
    """The story a document belongs to, if the clusterer has placed it."""
    story = store.story_of(doc_id)
    return None if story is None else list_stories(store, [story])[0]


def story_documents(store: Store, ref: str) -> list[str]:
    """The member document ids of a story named as :func:`resolve_story` accepts."""
    return store.story_members(resolve_story(store, ref))


def brief(store: Store, settings: Settings, story_ref: str, lang: str = "en") -> Briefing:
    """The briefing of a story (named as :func:`resolve_story` accepts) for a reader of ``lang``.

    Returns a :class:`newsloom.brief.briefing.Briefing` (``.to_json()``; Markdown by
    :func:`newsloom.brief.render.markdown`).

    Raises:
        NotFoundError: no story matches ``story_ref`` (NL240).
        ConfigError: ``lang`` is not a language code (NL241), a ``[brief]`` setting is out of
            range (NL242).
    """
    if not (lang.isascii() and lang.isalpha() and 2 <= len(lang) <= 3):
        raise ConfigError("NL241", "--lang", lang=lang)
    try:
        story_id = resolve_story(store, story_ref)
    except NotFoundError as exc:
        if exc.code != "NL304":
            raise
        raise NotFoundError("NL240", None, ref=story_ref) from None
    return build_briefing(store, settings, story_id, lang.lower(), read_encoder(settings).encode)


def recluster(store: Store, settings: Settings) -> dict[str, object]:
    """Rebuild all stories from scratch; report how far that moved from the online result."""
    return StoryClusterer(settings).recluster(store).to_json()


def search(
    store: Store,
    settings: Settings,
    query: str,
    *,
    lang: str | Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    entity: str | None = None,
    story: str | None = None,
    limit: int = 10,
    offset: int = 0,
) -> list[dict[str, object]]:
    """Hybrid keyword + semantic search across languages (newsloom/search/), JSON-ready rows.

    Each row names where the hit is (``doc``, ``lang``, ``paragraph``, ``sentence``,
    ``source``, title, outlet, date) and shows it (``text``, ``passage`` with
    ``sentence_span`` and ``highlights`` as offsets into it), with each side's rank.
    ``lang`` is one code, ``"en,zh"`` or a list; ``since``/``until`` are publication
    days (``YYYY-MM-DD``, inclusive); ``entity`` an entity id or name; ``story`` a
    story id, id prefix or member document.

    Raises:
        ConfigError: empty query (NL230), bad date (NL231, NL232), limit/offset (NL233),
            unknown language (NL234), bad [search] setting (NL235).
        NotFoundError: no such entity (NL170) or story (NL240).
    """
    doc_ids: set[str] | None = None
    if entity:
        doc_ids = set(store.entity_documents(find_entity(store, entity).id))
    if story:
        try:
            members = set(story_documents(store, story))
        except NotFoundError as exc:
            if exc.code != "NL304":
                raise
            raise NotFoundError("NL240", None, ref=story) from None
        doc_ids = members if doc_ids is None else doc_ids & members
    filters = make_filters(
        lang=lang, since=since, until=until, outlet=outlet, doc_ids=doc_ids,
        known_languages=settings["lang"]["languages"],
    )  # fmt: skip
    return Searcher(store, settings).search(query, filters, limit=limit, offset=offset)
