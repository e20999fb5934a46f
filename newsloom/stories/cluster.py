"""Online story clustering: each piece of writing joins the best story or starts one.

:class:`Clustering` is the algorithm over in-memory state (it knows no store):
candidates come from the ANN index, the fitted join model decides, and a story
that grows close enough to another is merged into the older one (the merge is
recorded). :class:`StoryClusterer` runs it against a store: ``assign`` after each
ingest batch, ``recluster`` to rebuild everything and say how far it moved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from newsloom.model import Document
from newsloom.settings import Settings
from newsloom.stories.features import Profile, gap_days, pair_features, piece_profile
from newsloom.stories.idf import IdfTable
from newsloom.stories.index import StoryIndex
from newsloom.stories.keys import name_forms
from newsloom.stories.model import StoryModels, load_models

VECTOR_DIM = 512


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Story:
    """A story: its members, the sums the model compares, and what it is shown with."""

    id: str
    profile: Profile = field(default_factory=Profile)
    members: list[str] = field(default_factory=list)
    titles: dict[str, list[str]] = field(default_factory=dict)
    """Language -> member titles in that language, in the order they came."""
    outlets: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)
    """Name words as written (for keywords), one count per piece."""
    created: str = field(default_factory=_now)
    updated: str = field(default_factory=_now)

    def absorb(self, docs: list[Document], profile: Profile | None) -> None:
        """Add documents; ``profile`` is None for copies of a piece already counted."""
        for doc in docs:
            if doc.id not in self.members:
                self.members.append(doc.id)
            for lang in doc.views():
                self.languages[lang] += 1
                title = doc.meta.titles.get(lang) or (
                    doc.meta.title if lang == doc.languages[0] else None
                )
                if title and title not in self.titles.setdefault(lang, []):
                    self.titles[lang].append(title)
            if doc.meta.outlet:
                self.outlets[doc.meta.outlet] += 1
        if profile is not None:
            self.profile.add(profile)
            seen: dict[str, str] = {}
            for doc in docs:
                for lang in doc.views():
                    for key, word in name_forms(doc.view_text(lang)).items():
                        seen.setdefault(key, word)
            self.forms.update(seen.values())
        self.updated = _now()

    def take(self, other: Story) -> None:
        """Fold a story that turned out to be this one into it."""
        self.members += [m for m in other.members if m not in self.members]
        for lang, titles in other.titles.items():
            mine = self.titles.setdefault(lang, [])
            mine += [t for t in titles if t not in mine]
        self.outlets.update(other.outlets)
        self.languages.update(other.languages)
        self.forms.update(other.forms)
        self.profile.add(other.profile)
        self.updated = _now()


ChangeKind = Literal["created", "joined", "merged", "linked"]


@dataclass(frozen=True)
class StoryChange:
    """One thing an assignment did: a story created, a document joined, a merge, a link."""

    kind: ChangeKind
    story_id: str
    doc_id: str | None = None
    other: str | None = None
    """For a merge, the story merged away; for a link, the linked story."""
    score: float | None = None


class Clustering:
    """Stories over pieces of writing, in memory; the order pieces come in is the ingest order."""

    def __init__(self, models: StoryModels, settings: Settings) -> None:
        conf = settings["stories"]
        self.models = models
        self.candidates: int = conf["candidates"]
        self.merge_margin: float = conf["merge_margin"]
        self.index_dtype: str = conf["index_dtype"]
        self.max_gap: int = conf["max_gap_days"]
        self.stories: dict[str, Story] = {}
        self.doc_story: dict[str, str] = {}
        self.links: dict[tuple[str, str], float] = {}
        self.merges: list[tuple[str, str, str]] = []
        self.idf = IdfTable(models.idf_prior)
        self.index = StoryIndex(VECTOR_DIM, dtype=self.index_dtype)

    # -- state ----------------------------------------------------------------

    def load(self, stories: Iterable[Story], links: dict[tuple[str, str], float]) -> None:
        """Take stories read back from a store."""
        for story in stories:
            self.stories[story.id] = story
            for member in story.members:
                self.doc_story[member] = story.id
            self.idf.add(story.profile)
            vector = story.profile.unit_vector()
            if vector is not None:
                self.index.put(story.id, vector)
        self.links.update(links)

    # -- scoring --------------------------------------------------------------

    def join_probability(self, a: Profile, b: Profile) -> float:
        return self.models.join.probability(pair_features(a, b, self.idf))

    def _best(self, profile: Profile, exclude: str | None = None) -> tuple[str | None, float]:
        vector = profile.unit_vector()
        if vector is None:
            return None, 0.0
        best, best_p = None, 0.0
        for story_id, _cos in self.index.search(vector, self.candidates + 1):
            if story_id == exclude:
                continue
            gap = gap_days(profile, self.stories[story_id].profile)
            if gap is not None and gap > self.max_gap:
                continue
            p = self.join_probability(profile, self.stories[story_id].profile)
            if p > best_p:
                best, best_p = story_id, p
        return best, best_p

    # -- the algorithm --------------------------------------------------------

    def add(
        self, docs: list[Document], profile: Profile | None = None, partners: Iterable[str] = ()
    ) -> list[StoryChange]:
        """Place one piece of writing (``docs``: a document and its copies or translations).

        A piece one of whose documents already has a story joins it (a translation
        joins its original's story; ``partners`` are ids of stored documents the piece
        is a copy or translation of); otherwise the join model picks the best of the
        nearest stories, or the piece starts its own.
        """
        new = [d for d in docs if d.id not in self.doc_story]
        if not new:
            return []
        ids = [d.id for d in docs] + list(partners)
        known = [self.doc_story[i] for i in ids if i in self.doc_story]
        changes: list[StoryChange] = []
        if known:
            story_id = known[0]
            self.stories[story_id].absorb(new, None)
            for doc in new:
                self.doc_story[doc.id] = story_id
                changes.append(StoryChange("joined", story_id, doc.id))
            return changes
        profile = profile or piece_profile(new, self.models.centring)
        story_id, p = self._best(profile)
        if story_id is None or p < self.models.join.threshold:
            story_id = "s-" + new[0].id
            self.stories[story_id] = Story(story_id)
            changes.append(StoryChange("created", story_id, new[0].id, score=p))
        story = self.stories[story_id]
        story.absorb(new, profile)
        self.idf.add(profile)
        for doc in new:
            self.doc_story[doc.id] = story_id
            changes.append(StoryChange("joined", story_id, doc.id, score=p))
        changes += self._refresh(story_id)
        return changes

    def _refresh(self, story_id: str) -> list[StoryChange]:
        """Re-index a story that changed, merging it with a story it has become one with.

        The older story (created first) keeps its id.
        """
        story = self.stories[story_id]
        other, p = self._best(story.profile, exclude=story_id)
        if other is not None and p >= min(0.99, self.models.join.threshold + self.merge_margin):
            order = {s: i for i, s in enumerate(self.stories)}  # dicts keep creation order
            into, gone = sorted((story_id, other), key=lambda s: order[s])
            self.merge(gone, into)
            return [StoryChange("merged", into, other=gone, score=p)]
        vector = story.profile.unit_vector()
        if vector is not None:
            self.index.put(story_id, vector)
        return []

    def merge(self, gone: str, into: str) -> None:
        """Fold story ``gone`` into ``into``; the merge is recorded and links move over."""
        self.stories[into].take(self.stories.pop(gone))
        self.index.remove(gone)
        for member in self.stories[into].members:
            self.doc_story[member] = into
        for (a, b), score in list(self.links.items()):
            if gone in (a, b):
                del self.links[(a, b)]
                rest = b if a == gone else a
                if rest != into:
                    key = (min(into, rest), max(into, rest))
                    self.links[key] = max(score, self.links.get(key, 0.0))
        self.merges.append((gone, into, _now()))
        vector = self.stories[into].profile.unit_vector()
        if vector is not None:
            self.index.put(into, vector)

    def link(self, story_ids: Iterable[str]) -> list[StoryChange]:
        """Link each story to its neighbours on related events (scored, never merged)."""
        changes = []
        for story_id in story_ids:
            story = self.stories.get(story_id)
            vector = story.profile.unit_vector() if story else None
            if story is None or vector is None:
                continue
            for other, _cos in self.index.search(vector, self.candidates + 1):
                if other == story_id:
                    continue
                theirs = self.stories[other].profile
                score = self.models.related.probability(
                    pair_features(story.profile, theirs, self.idf)
                )
                gap = gap_days(story.profile, theirs)
                if gap is not None and gap > self.max_gap:
                    # Evidence of one story, told at another time: a neighbouring event.
                    score = max(score, self.join_probability(story.profile, theirs))
                key = (min(story_id, other), max(story_id, other))
                if score >= self.models.related.threshold:
                    if self.links.get(key) != round(score, 4):
                        changes.append(StoryChange("linked", key[0], other=key[1], score=score))
                    self.links[key] = round(score, 4)
                else:
                    self.links.pop(key, None)
        return changes


def pieces(docs: list[Document], groups: list[tuple[str, str]]) -> list[list[Document]]:
    """Documents grouped into pieces of writing by duplicate/contains/translation relations.

    Pieces come in the order of their first document; ``groups`` are pairs of
    related document ids (either may lie outside ``docs``: it then only joins
    its partners' story).
    """
    parent: dict[str, str] = {d.id: d.id for d in docs}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in groups:
        if a in parent and b in parent:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[rb] = ra
    out: dict[str, list[Document]] = {}
    for doc in docs:
        out.setdefault(root(doc.id), []).append(doc)
    return list(out.values())


def load(settings: Settings) -> Clustering:
    return Clustering(load_models(), settings)


@dataclass
class ReclusterReport:
    """How far a rebuild from scratch moved away from the online stories."""

    documents: int
    stories_before: int
    stories_after: int
    moved: int
    """Documents whose story id changed."""
    precision: float
    recall: float
    f1: float
    """BCubed of the rebuilt stories against the online ones (1.0: no difference)."""

    def to_json(self) -> dict[str, object]:
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in self.__dict__.items()}


class StoryClusterer:
    """Stories in a store: ``assign`` after each ingest batch, ``recluster`` on demand.

    The store must offer ``load_stories()`` and ``save_stories(...)`` (see
    :mod:`newsloom.store.stories_sql`) besides the base protocol.
    """

    def __init__(self, settings: Settings, models: StoryModels | None = None) -> None:
        self.settings = settings
        self.models = models or load_models()
        self._state: Clustering | None = None

    def _loaded(self, store) -> Clustering:
        if self._state is None:
            self._state = Clustering(self.models, self.settings)
            self._state.load(*store.load_stories())
        return self._state

    def assign(self, new_docs: list[Document], store) -> list[StoryChange]:
        """Place newly stored documents (after relations were found) and save the result."""
        state = self._loaded(store)
        relations = {d.id: store.relations(d.id) for d in new_docs}
        pairs = [(r.a, r.b) for rels in relations.values() for r in rels]
        changes: list[StoryChange] = []
        merges_before = len(state.merges)
        for piece in pieces(new_docs, pairs):
            ids = {d.id for d in piece}
            partners = [x for r in pairs if ids & set(r) for x in r if x not in ids]
            changes += state.add(piece, partners=partners)
        touched = {c.story_id for c in changes if c.story_id in state.stories}
        changes += state.link(touched)
        new_merges = state.merges[merges_before:]
        self._save(store, state, touched, [gone for gone, _into, _at in new_merges], new_merges)
        return changes

    def _save(
        self,
        store,
        state: Clustering,
        touched: set[str],
        removed: list[str],
        merges: list[tuple[str, str, str]],
    ) -> None:
        from newsloom.stories.titles import keywords, titles

        rows = [
            (state.stories[s], titles(state.stories[s]), keywords(state.stories[s], state.idf))
            for s in sorted(touched)
            if s in state.stories
        ]
        store.save_stories(rows, removed, merges, state.links)

    def recluster(self, store) -> ReclusterReport:
        """Rebuild every story from scratch (documents in publication order) and save it.

        Rebuilt stories keep the id of the old story they share most documents with
        (old ids are handed out once, largest overlap first); an old story that
        no rebuilt story takes over is recorded as merged into the one that took
        most of its documents.
        """
        from newsloom.stories.fitting import bcubed

        old = self._loaded(store)
        docs = sorted(store.iter_documents(), key=lambda d: (d.meta.published or "~", d.id))
        fresh = Clustering(self.models, self.settings)
        pairs = [(r.a, r.b) for r in store.relations()]
        for piece in pieces(docs, pairs):
            fresh.add(piece)
        before = dict(old.doc_story)
        overlap = Counter(
            (new_id, before[doc]) for doc, new_id in fresh.doc_story.items() if doc in before
        )
        rename: dict[str, str] = {}
        taken: set[str] = set()
        for (new_id, old_id), _n in sorted(overlap.items(), key=lambda x: (-x[1], x[0])):
            if new_id not in rename and old_id not in taken:
                rename[new_id], _ = old_id, taken.add(old_id)
        renamed = Clustering(self.models, self.settings)
        for new_id, story in fresh.stories.items():
            story.id = rename.get(new_id, new_id)
        renamed.load(fresh.stories.values(), {})
        renamed.link(list(renamed.stories))
        merges = []
        for old_id in sorted(set(old.stories) - set(renamed.stories)):
            heirs = Counter(
                renamed.doc_story[m] for m in old.stories[old_id].members if m in renamed.doc_story
            )
            if heirs:
                merges.append((old_id, heirs.most_common(1)[0][0], _now()))
        gone = sorted(set(old.stories) - set(renamed.stories))
        self._save(store, renamed, set(renamed.stories), gone, merges)
        self._state = renamed
        common = {d: before[d] for d in renamed.doc_story if d in before}
        p, r, f1 = bcubed(common, renamed.doc_story) if common else (1.0, 1.0, 1.0)
        return ReclusterReport(
            documents=len(renamed.doc_story),
            stories_before=len(old.stories),
            stories_after=len(renamed.stories),
            moved=sum(before.get(d) != s for d, s in renamed.doc_story.items() if d in before),
            precision=p,
            recall=r,
            f1=f1,
        )
