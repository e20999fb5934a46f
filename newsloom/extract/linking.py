"""One entity per actor across documents, languages and scripts.

The linker reads every stored mention and groups those that name the same
actor, on four kinds of evidence:

1. **Aligned translations.** For each ``translation_of`` relation the two
   views are aligned sentence by sentence; in an aligned sentence pair,
   names of one type are paired (first those whose spellings already agree,
   then the rest by order when each side has one or two). The pair links
   those mentions, and the name pair (``Sherman`` = ``谢尔曼``) is stored
   with :meth:`Store.add_name_pairs` and reused for every document.
2. **Transliteration.** Latin and Cyrillic names are compared through one
   phonetic key (:mod:`newsloom.extract.translit`), so ``Sergei Ryabkov``,
   ``Sergey Ryabkov`` and ``Сергей Рябков`` are one name. Chinese renderings
   are tied to other scripts only through learned pairs, never a dictionary.
3. **String rules.** Inside a document a bare surname (``Sherman``) or an
   initialled name (``W. Sherman``) joins the one full name it fits; an
   acronym joins the one long name whose initials it spells (``OSCE``);
   across languages, place and organisation names whose keys are nearly
   equal are one (``Ukraine`` / ``Украина``).
4. **Context.** A bare surname in a document without the full name joins a
   person elsewhere only when the documents agree: same relation or story
   group, or enough other entities in common. Two different people who share
   a surname in unrelated stories stay apart.

All evidence goes into one union-find over *nodes*: a full name (or any
place or organisation name) is one node for the whole collection, a bare
surname is one node per document. Merges never cross types and are refused
when they would put two different given names or surnames in one person.
Evidence is applied in a fixed order over sorted inputs, and the whole
clustering is rebuilt from all stored mentions on each run (near-linear:
hash lookups, plus a pairwise key comparison within first-letter buckets),
so the result does not depend on the order documents were ingested in.

Example:
    >>> linker = EntityLinker(Settings())
    >>> entities = linker.link(store)  # also written with store.put_entities
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsloom.errors import ConfigError, NotFoundError
from newsloom.extract.names_forms import NameForm, acronym_of, looks_like_acronym, name_form
from newsloom.extract.translit import has_cyrillic, is_han, romanise, similarity
from newsloom.model import Document, Entity, Mention
from newsloom.settings import Settings
from newsloom.store.base import Store

Pair = tuple[str, str, str, str]
CountedPair = tuple[str, str, str, str, int]
MentionRef = tuple[str, int]
"""A mention as (document id, index into ``Document.mentions``)."""

# Given names or surnames this alike are variants of one name (Aleksandr / Alexander).
_SAME_NAME = 0.75
# Below this, a Latin and a Cyrillic name paired only by their order are not one name.
_LOOSE = 0.4
# Preference of languages for an entity's canonical name (its id is derived from it).
_ID_LANGS = ("en", "fr", "de", "es", "it", "nl", "pt", "pl", "tr", "ru")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class NameMention:
    """What the linker needs of a mention; the benchmark builds these from gold data."""

    doc: str
    index: int
    lang: str
    type: str
    name: str


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: str, b: str) -> str:
        """Join two sets; the smaller key (Latin before ``zh:``) becomes the root."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        keep, drop = sorted((ra, rb), key=lambda k: (k.startswith("zh:"), k))
        self.parent[drop] = keep
        return keep


class _Keys:
    """Name keys with the equivalences that learned name pairs add.

    Token keys are joined when a pair's names have the same number of tokens
    and one side is Chinese or both are one word (``谢尔曼`` = ``sherman``);
    whole-name keys are joined for every pair (``北约`` = ``nato``,
    ``欧安组织`` = ``organization for security ...``).
    """

    def __init__(self, pairs: Iterable[CountedPair]) -> None:
        self.tokens = _UnionFind()
        self.names = _UnionFind()
        kept = _mutual_best(pairs)
        forms = [(name_form(a, ""), name_form(b, "")) for _, a, _, b in kept]
        for fa, fb in forms:
            if len(fa.keys) == len(fb.keys) and (
                len(fa.keys) == 1 or is_han(fa.text) or is_han(fb.text)
            ):
                for ka, kb in zip(fa.keys, fb.keys, strict=True):
                    self.tokens.union(ka, kb)
        for fa, fb in forms:
            self.names.union(" ".join(self.canon(fa)), " ".join(self.canon(fb)))

    def canon(self, form: NameForm) -> list[str]:
        """Token keys after learned equivalences, initials in the middle dropped."""
        keys = [self.tokens.find(k) for k in form.keys]
        if len(keys) > 2:
            keys = [keys[0], *(k for k in keys[1:-1] if len(k) > 1), keys[-1]]
        return keys

    def node_key(self, form: NameForm, etype: str) -> tuple[str, list[str]]:
        """The name's class and its canonical tokens; a person is keyed by first and last."""
        keys = self.canon(form)
        if etype == "PER" and len(keys) > 2:
            keys = [keys[0], keys[-1]]
        return self.names.find(" ".join(keys)), keys


def _mutual_best(pairs: Iterable[CountedPair]) -> list[Pair]:
    """Keep a pair only if neither name has a more frequent partner in the other language."""
    rows = list(pairs)
    best: dict[tuple[str, str, str], int] = defaultdict(int)
    for la, a, lb, b, n in rows:
        best[(la, a, lb)] = max(best[(la, a, lb)], n)
        best[(lb, b, la)] = max(best[(lb, b, la)], n)
    return sorted(
        {
            (la, a, lb, b)
            for la, a, lb, b, n in rows
            if n >= best[(la, a, lb)] and n >= best[(lb, b, la)]
        }
    )


@dataclass
class _Node:
    key: str
    type: str
    tokens: list[str]
    weak: bool
    """A bare surname (or initialled name): one node per document, resolved with care."""
    docs: set[str]
    mentions: list[int]


class EntityLinker:
    """Collection-level entity linking: learn name pairs, cluster mentions, store entities.

    Args:
        settings: reads ``extract.link_*`` (see ``defaults.toml``).

    Raises:
        ConfigError: a ``link_*`` setting out of range (NL171).
    """

    def __init__(self, settings: Settings) -> None:
        cfg = settings["extract"]
        self.settings = settings
        self.context_min = int(cfg["link_context_min"])
        self.fuzzy_min = float(cfg["link_fuzzy_min"])
        self.fuzzy_min_chars = int(cfg["link_fuzzy_min_chars"])
        self.order_max = int(cfg["link_order_max"])
        self.dominance = float(cfg["link_dominance"])
        self.type_majority = float(cfg["link_type_majority"])
        for key in ("link_fuzzy_min", "link_type_majority"):
            if not 0.0 < float(cfg[key]) <= 1.0:
                raise ConfigError(
                    "NL171", "settings", key=key, expected="between 0 and 1", value=cfg[key]
                )
        for key in ("link_context_min", "link_fuzzy_min_chars", "link_order_max", "link_dominance"):
            if int(cfg[key]) < 0:
                raise ConfigError(
                    "NL171", "settings", key=key, expected="0 or more", value=cfg[key]
                )
        self.links_: dict[str, list[str | None]] = {}
        """After :meth:`link`: per document, the entity id of each mention."""

    # -- the whole job ---------------------------------------------------------

    def link(self, store: Store, groups: Mapping[str, str] | None = None) -> list[Entity]:
        """Relink every stored mention; store name pairs and entities; return the entities.

        ``groups`` maps a document id to a story id where stories are known;
        documents joined by any relation are grouped in any case.
        """
        docs = sorted(store.iter_documents(), key=lambda d: d.id)
        mentions = [
            NameMention(d.id, k, m.lang, m.type, m.name)
            for d in docs
            for k, m in enumerate(d.mentions)
        ]
        by_id = {d.id: d for d in docs}
        relations = store.relations()
        fresh, aligned = self.learn_pairs(by_id, relations)
        stored = {p[:4]: p[4] for p in store.name_pairs()}
        extra = [p for p, n in sorted(fresh.items()) for _ in range(n - stored.get(p, 0))]
        if extra:
            store.add_name_pairs(extra)
        counts = dict(stored)
        for p, n in fresh.items():
            counts[p] = max(n, counts.get(p, 0))
        group_of = _relation_groups(relations, groups)
        labels = self.cluster(mentions, [(*p, n) for p, n in counts.items()], aligned, group_of)
        entities, ids = build_entities(mentions, labels)
        links: dict[str, list[str | None]] = {d.id: [None] * len(d.mentions) for d in docs}
        for m, entity_id in zip(mentions, ids, strict=True):
            links[m.doc][m.index] = entity_id
        links = {doc_id: row for doc_id, row in links.items() if row}
        store.put_entities(entities, links)
        self.links_ = links
        return entities

    # -- evidence 1: aligned translations --------------------------------------

    def learn_pairs(
        self, docs: Mapping[str, Document], relations: Iterable
    ) -> tuple[Counter[Pair], list[tuple[MentionRef, MentionRef]]]:
        """Name pairs from the aligned sentences of every translation, with the mention links.

        Returns a count per name pair (languages and names in a fixed order)
        and the pairs of mentions found in aligned sentences.
        """
        from newsloom.embed import load_encoder
        from newsloom.relate.parallel import align_views

        pairs: Counter[Pair] = Counter()
        aligned: list[tuple[MentionRef, MentionRef]] = []
        encoder = None
        for rel in sorted(relations, key=lambda r: r.key):
            if rel.type != "translation_of" or rel.a not in docs or rel.b not in docs:
                continue
            doc_a, doc_b = docs[rel.a], docs[rel.b]
            places_a = _mention_places(doc_a, rel.a_lang)
            places_b = _mention_places(doc_b, rel.b_lang)
            if not places_a or not places_b:
                continue
            if encoder is None:
                encoder = load_encoder(self.settings)
            al = align_views(doc_a, rel.a_lang, doc_b, rel.b_lang, encoder.encode, self.settings)
            for bead in al.sentences:
                side_a = [k for p, s in bead.a for k in places_a.get((p, s), [])]
                side_b = [k for p, s in bead.b for k in places_b.get((p, s), [])]
                if not side_a or not side_b:
                    continue
                for ks_a, ks_b in self._pair_names(doc_a, side_a, doc_b, side_b):
                    ma, mb = doc_a.mentions[ks_a[0]], doc_b.mentions[ks_b[0]]
                    fa, fb = name_form(ma.name, ma.type), name_form(mb.name, mb.type)
                    pairs[_ordered(ma.lang, fa.text, mb.lang, fb.text)] += 1
                    aligned.extend(((doc_a.id, i), (doc_b.id, j)) for i in ks_a for j in ks_b)
        return pairs, aligned

    def _pair_names(
        self, doc_a: Document, side_a: list[int], doc_b: Document, side_b: list[int]
    ) -> list[tuple[list[int], list[int]]]:
        """Pair the names of one aligned sentence pair: spelling first, then order."""
        out = []
        for etype in sorted({doc_a.mentions[k].type for k in side_a}):
            names_a = _distinct(doc_a.mentions, side_a, etype)
            names_b = _distinct(doc_b.mentions, side_b, etype)
            left_a, left_b = list(names_a), list(names_b)
            for a in names_a:
                match = [b for b in left_b if self._spelled_alike(a, b, etype)]
                if len(match) == 1:
                    out.append((names_a[a], names_b[match[0]]))
                    left_a.remove(a)
                    left_b.remove(match[0])
            if len(left_a) == len(left_b) and 0 < len(left_a) <= self.order_max:
                out.extend(
                    (names_a[a], names_b[b])
                    for a, b in zip(left_a, left_b, strict=True)
                    if self._plausible(a, b, etype)
                )
        return out

    def _spelled_alike(self, a: str, b: str, etype: str) -> bool:
        ka, kb = name_form(a, etype).keys, name_form(b, etype).keys
        if is_han(a) or is_han(b):
            return a == b
        if etype == "PER":
            return similarity(ka[-1], kb[-1]) >= self.fuzzy_min
        return similarity(" ".join(ka), " ".join(kb)) >= self.fuzzy_min

    @staticmethod
    def _plausible(a: str, b: str, etype: str) -> bool:
        """Latin and Cyrillic renderings of one name sound somewhat alike (Geneva, Женева)."""
        if is_han(a) or is_han(b):
            return True
        ka, kb = name_form(a, etype).keys, name_form(b, etype).keys
        return max(similarity(ka[-1], kb[-1]), similarity("".join(ka), "".join(kb))) >= _LOOSE

    # -- clustering ------------------------------------------------------------

    def cluster(
        self,
        mentions: Sequence[NameMention],
        pairs: Iterable[CountedPair] = (),
        aligned: Iterable[tuple[MentionRef, MentionRef]] = (),
        groups: Mapping[str, str] | None = None,
    ) -> list[int]:
        """A cluster number per mention (numbered in order of first mention).

        Args:
            mentions: every mention of the collection.
            pairs: learned name pairs with counts (``Store.name_pairs()`` rows).
            aligned: mentions paired in aligned sentences of translations.
            groups: document id -> group id (same story or relation component).
        """
        keys = _Keys(pairs)
        nodes: dict[str, _Node] = {}
        node_of: list[str] = []
        forms = [name_form(m.name, m.type) for m in mentions]
        types = self._vote_types(mentions, forms, keys)
        for i, (m, form, etype) in enumerate(zip(mentions, forms, types, strict=True)):
            key, tokens = keys.node_key(form, etype)
            weak = etype == "PER" and (" " not in key or len(tokens[0]) == 1)
            node_id = f"{etype}\t{m.doc}\t{key}" if weak else f"{etype}\t\t{key}"
            node = nodes.get(node_id)
            if node is None:
                node = nodes[node_id] = _Node(key, etype, tokens, weak, set(), [])
            node.docs.add(m.doc)
            node.mentions.append(i)
            node_of.append(node_id)
        same_person = _attach_in_documents(nodes, node_of, mentions)
        uf = _GuardedUnion(nodes, mentions)
        for a, b in same_person:
            uf.union(a, b)
        index = {(m.doc, m.index): i for i, m in enumerate(mentions)}
        for ra, rb in sorted(aligned):
            if ra in index and rb in index:
                uf.union(node_of[index[ra]], node_of[index[rb]])
        self._fuzzy_across_languages(nodes, mentions, uf)
        _acronyms(nodes, forms, uf)
        self._resolve_weak(nodes, node_of, mentions, uf, groups or {})
        numbers: dict[str, int] = {}
        return [numbers.setdefault(uf.find(n), len(numbers)) for n in node_of]

    def _vote_types(
        self, mentions: Sequence[NameMention], forms: Sequence[NameForm], keys: _Keys
    ) -> list[str]:
        """Each name takes the type most of its mentions have, when most agree.

        Taggers mistype some mentions of a name (a town tagged ORG in one
        sentence); the name's other mentions outvote them.
        """
        names = [keys.names.find(" ".join(keys.canon(f))) for f in forms]
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for name, m in zip(names, mentions, strict=True):
            votes[name][m.type] += 1
        winner = {}
        for name, counts in votes.items():
            (best, n), total = min(counts.items(), key=lambda kv: (-kv[1], kv[0])), counts.total()
            if n > self.type_majority * total:
                winner[name] = best
        return [winner.get(name, m.type) for name, m in zip(names, mentions, strict=True)]

    def _fuzzy_across_languages(
        self, nodes: dict[str, _Node], mentions: Sequence[NameMention], uf: _GuardedUnion
    ) -> None:
        """Join ORG/LOC names of different languages whose phonetic keys nearly agree."""
        buckets: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
        for node_id in sorted(nodes):
            node = nodes[node_id]
            if node.type == "PER" or "zh:" in node.key or len(node.key) < self.fuzzy_min_chars:
                continue
            for lang in sorted({mentions[i].lang for i in node.mentions}):
                buckets[(node.type, node.key[0])].append((node.key, lang, node_id))
        for entries in buckets.values():
            for i, (ka, la, na) in enumerate(entries):
                for kb, lb, nb in entries[i + 1 :]:
                    if (
                        la != lb
                        and na != nb
                        and abs(len(ka) - len(kb)) <= 2
                        and similarity(ka, kb) >= self.fuzzy_min
                    ):
                        uf.union(na, nb)

    def _resolve_weak(
        self,
        nodes: dict[str, _Node],
        node_of: list[str],
        mentions: Sequence[NameMention],
        uf: _GuardedUnion,
        groups: Mapping[str, str],
    ) -> None:
        """Join each bare surname to the one person its documents agree on, if any."""
        root = {n: uf.find(n) for n in nodes}
        doc_roots: dict[str, set[str]] = defaultdict(set)
        for m, n in zip(mentions, node_of, strict=True):
            doc_roots[m.doc].add(root[n])
        members: dict[str, list[str]] = defaultdict(list)
        for n in nodes:
            members[root[n]].append(n)
        by_surname: dict[str, set[str]] = defaultdict(set)
        for n, node in nodes.items():
            if node.type == "PER":
                by_surname[node.tokens[-1]].add(root[n])
        docs_of = {r: set().union(*(nodes[n].docs for n in ns)) for r, ns in members.items()}
        for n in sorted(nodes):
            node = nodes[n]
            first, last = node.tokens[0], node.tokens[-1]
            mixed = not node.weak and first.startswith("zh:") != last.startswith("zh:")
            if node.type != "PER" or not (node.weak or mixed):
                continue
            own = root[n]
            own_docs = docs_of[own]
            own_context = set().union(*(doc_roots[d] for d in own_docs)) - {own}
            own_groups = {groups.get(d, d) for d in own_docs}
            support: dict[str, int] = {}
            for cand in sorted(by_surname[last] - {own}):
                cand_docs = docs_of[cand]
                shared = own_context & set().union(*(doc_roots[d] for d in cand_docs))
                same_group = sum(groups.get(d, d) in own_groups for d in cand_docs)
                if same_group or len(shared - {cand}) >= self.context_min > 0:
                    support[cand] = same_group + len(shared - {cand})
            full = [c for c in support if any(not nodes[x].weak for x in members[c])]
            chosen = sorted(full or support, key=lambda c: (-support[c], c))
            if len(chosen) == 1 or (
                chosen and support[chosen[0]] >= self.dominance * support[chosen[1]]
            ):
                uf.union(n, chosen[0])


def _attach_in_documents(
    nodes: dict[str, _Node], node_of: list[str], mentions: Sequence[NameMention]
) -> list[tuple[str, str]]:
    """Inside one document, a bare surname or ``W. Sherman`` joins the full name it fits.

    Full names of one document with one surname and given names that cannot
    differ (``Wendy Sherman`` and ``温迪·谢尔曼`` on a bilingual page) are one
    person: they are returned as pairs to join, and a bare surname joins the
    first of them (Latin before Chinese). Two different given names leave it alone.
    """
    full_by_doc: dict[str, list[str]] = defaultdict(list)
    for n, node in sorted(nodes.items()):
        if node.type == "PER" and not node.weak:
            for doc in node.docs:
                full_by_doc[doc].append(n)
    same: list[tuple[str, str]] = []
    for _doc, fulls in sorted(full_by_doc.items()):
        for i, a in enumerate(fulls):
            same.extend(
                (a, b)
                for b in fulls[i + 1 :]
                if nodes[a].tokens[-1] == nodes[b].tokens[-1]
                and not _differ(nodes[a].tokens[0], nodes[b].tokens[0])
            )
    for _, node in sorted(nodes.items()):
        if not node.weak:
            continue
        doc = next(iter(node.docs))
        initial = node.tokens[0] if len(node.tokens) > 1 else None
        fits = sorted(
            (
                f
                for f in full_by_doc.get(doc, [])
                if nodes[f].tokens[-1] == node.tokens[-1]
                and (initial is None or _given_fits(initial, nodes[f].tokens[0]))
            ),
            key=lambda f: (nodes[f].tokens[0].startswith("zh:"), f),
        )
        if fits and all(not _differ(nodes[f].tokens[0], nodes[fits[0]].tokens[0]) for f in fits):
            target = fits[0]
            nodes[target].mentions.extend(node.mentions)
            for i in node.mentions:
                node_of[i] = target
            node.mentions = []
    for n in [n for n, node in nodes.items() if not node.mentions]:
        del nodes[n]
    return same


def _given_fits(initial: str, given: str) -> bool:
    return given.startswith(initial) or (initial.startswith("zh:") != given.startswith("zh:"))


def _acronyms(nodes: dict[str, _Node], forms: Sequence[NameForm], uf: _GuardedUnion) -> None:
    """An acronym joins the one long name (same type and script) whose initials it spells."""
    longs: dict[tuple[str, bool, str], set[str]] = defaultdict(set)
    shorts: list[tuple[str, bool, str, str]] = []
    for n in sorted(nodes):
        node = nodes[n]
        if node.type == "PER":
            continue
        for form in sorted({forms[i] for i in node.mentions}, key=lambda f: f.text):
            cyr = has_cyrillic(form.text)
            if looks_like_acronym(form):
                shorts.append((node.type, cyr, form.tokens[0].replace(".", "").upper(), n))
            for acronym in acronym_of(form):
                longs[(node.type, cyr, acronym)].add(n)
    for etype, cyr, acronym, n in shorts:
        found = longs.get((etype, cyr, acronym), set())
        if len(found) == 1:
            uf.union(n, next(iter(found)))


class _GuardedUnion(_UnionFind):
    """Union-find over nodes that refuses to put two different actors in one set.

    A person: two different given names or surnames. A place or organisation: two
    unrelated names written side by side in one text of one language (``Marenia``
    and ``Arvena`` in the same English article are two places, whatever a
    mis-paired translation says); names that contain one another (``Lunava``,
    ``Lunava River``), spell each other's initials (``IRBC``) or are spelled alike
    may still join.
    """

    def __init__(self, nodes: dict[str, _Node], mentions: Sequence[NameMention]) -> None:
        super().__init__()
        self.nodes = nodes
        self.people: dict[str, set[tuple[str, str]]] = {
            n: {(node.tokens[0], node.tokens[-1])}
            if len(node.tokens) > 1
            else {("", node.tokens[-1])}
            for n, node in nodes.items()
            if node.type == "PER"
        }
        self.texts: dict[str, dict[tuple[str, str], set[str]]] = {}
        for n, node in nodes.items():
            if node.type != "PER":
                places = self.texts[n] = {}
                for i in node.mentions:
                    places.setdefault((mentions[i].doc, mentions[i].lang), set()).add(node.key)

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or self.nodes[a].type != self.nodes[b].type:
            return ra
        pa, pb = self.people.get(ra, set()), self.people.get(rb, set())
        if any(_conflict(x, y) for x in pa for y in pb):
            return ra
        ta, tb = self.texts.get(ra, {}), self.texts.get(rb, {})
        for text in ta.keys() & tb.keys():
            if any(_unrelated(x, y) for x in ta[text] for y in tb[text]):
                return ra
        keep = super().union(ra, rb)
        if pa or pb:
            self.people[keep] = pa | pb
        if ta or tb:
            merged = {text: set(keys) for text, keys in ta.items()}
            for text, keys in tb.items():
                merged.setdefault(text, set()).update(keys)
            self.texts[keep] = merged
        return keep


def _unrelated(a: str, b: str) -> bool:
    """Two place or organisation keys that cannot name one thing in one text."""
    ta, tb = set(a.split()), set(b.split())
    if ta <= tb or tb <= ta or similarity(a, b) >= _SAME_NAME:
        return False
    short, long = sorted((a, b), key=len)
    if " " not in short:
        initials = "".join(w[0] for w in long.split() if w)
        letters = iter(initials)
        if len(short) >= 2 and all(ch in letters for ch in short):
            return False
    return True


def _conflict(x: tuple[str, str], y: tuple[str, str]) -> bool:
    """Two (given, surname) keys that cannot be one person's names."""
    return _differ(x[1], y[1]) or (bool(x[0]) and bool(y[0]) and _differ(x[0], y[0]))


def _differ(a: str, b: str) -> bool:
    if a.startswith("zh:") != b.startswith("zh:"):
        return False
    if len(a) == 1 or len(b) == 1:
        return a[:1] != b[:1]
    return similarity(a, b) < _SAME_NAME


def _ordered(la: str, a: str, lb: str, b: str) -> Pair:
    return (la, a, lb, b) if (la, a) <= (lb, b) else (lb, b, la, a)


def _distinct(mentions: list[Mention], ks: list[int], etype: str) -> dict[str, list[int]]:
    """Names of one type in order of first appearance, each with its mention indices."""
    out: dict[str, list[int]] = {}
    for k in sorted(ks, key=lambda k: (mentions[k].paragraph, mentions[k].start)):
        if mentions[k].type == etype:
            out.setdefault(mentions[k].name, []).append(k)
    return out


def _mention_places(doc: Document, lang: str) -> dict[tuple[int, int], list[int]]:
    """(paragraph, sentence) -> indices of the view's mentions that start in that sentence."""
    view = set(doc.views().get(lang, []))
    out: dict[tuple[int, int], list[int]] = defaultdict(list)
    for k, m in enumerate(doc.mentions):
        if m.paragraph not in view:
            continue
        spans = doc.paragraphs[m.paragraph].sentences
        s = next((i for i, (a, b) in enumerate(spans) if a <= m.start < b), 0)
        out[(m.paragraph, s)].append(k)
    return dict(out)


def _relation_groups(relations: Iterable, stories: Mapping[str, str] | None) -> dict[str, str]:
    """Document -> group: documents joined by a relation or a shared story are one group."""
    uf = _UnionFind()
    for rel in relations:
        uf.union("d:" + rel.a, "d:" + rel.b)
    for doc, story in (stories or {}).items():
        uf.union("d:" + doc, "s:" + story)
    return {key[2:]: uf.find(key) for key in list(uf.parent) if key.startswith("d:")}


# -- entities --------------------------------------------------------------------


def build_entities(
    mentions: Sequence[NameMention], labels: Sequence[int]
) -> tuple[list[Entity], list[str]]:
    """Entities from clustered mentions, and the entity id of each mention.

    An id is the type plus a slug of the canonical name (the most frequent
    full name in the first language of ``_ID_LANGS`` that has one), so it
    survives relinking; two entities with one canonical name get ``-2``,
    ``-3`` in order of size.
    """
    groups: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        groups[label].append(i)
    drafts = []
    for label, members in groups.items():
        names: dict[str, Counter[str]] = defaultdict(Counter)
        for i in members:
            names[mentions[i].lang][mentions[i].name] += 1
        ordered = {
            lang: [n for n, _ in sorted(c.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))]
            for lang, c in sorted(names.items())
        }
        etype = min(
            Counter(mentions[i].type for i in members).items(), key=lambda kv: (-kv[1], kv[0])
        )[0]
        drafts.append((label, members, etype, ordered, _canonical(names)))
    drafts.sort(
        key=lambda d: (-len(d[1]), d[4], min((mentions[i].doc, mentions[i].index) for i in d[1]))
    )
    taken: Counter[str] = Counter()
    ids = [""] * len(mentions)
    entities = []
    for _, members, etype, ordered, canonical in drafts:
        base = f"{etype.lower()}-{_slug(canonical)}"
        taken[base] += 1
        entity_id = base if taken[base] == 1 else f"{base}-{taken[base]}"
        for i in members:
            ids[i] = entity_id
        entities.append(Entity(entity_id, etype, ordered, len(members)))
    return entities, ids


def _canonical(names: Mapping[str, Counter[str]]) -> str:
    for lang in (*_ID_LANGS, *sorted(names)):
        if lang in names:
            counts = names[lang]
            return max(counts, key=lambda n: (len(n.split()) > 1, counts[n], len(n), n))
    return ""


def _slug(name: str) -> str:
    slug = _SLUG.sub("-", romanise(name).lower()).strip("-")
    if slug and not is_han(slug):
        return slug[:60]
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]


def entity_json(entity: Entity) -> dict[str, object]:
    """The entity as ``newsloom entities --json`` prints it."""
    return {
        "id": entity.id,
        "type": entity.type,
        "names": entity.names,
        "mentions": entity.mentions,
    }


def find_entity(store: Store, ref: str) -> Entity:
    """An entity by id or by any of its names (case-insensitive); NotFoundError if none."""
    entities = store.entities()
    for e in entities:
        if e.id == ref:
            return e
    low = ref.casefold()
    for e in entities:
        if any(low == n.casefold() for names in e.names.values() for n in names):
            return e
    raise NotFoundError("NL170", None, ref=ref)


def entity_mentions(store: Store, ref: str) -> list[dict[str, object]]:
    """Every mention of an entity: document, language, the text as written, and where."""
    entity = find_entity(store, ref)
    out: list[dict[str, object]] = []
    for doc in store.iter_documents():
        for m in doc.mentions:
            if m.entity == entity.id:
                out.append({
                    "doc": doc.id, "lang": m.lang,
                    "text": doc.paragraphs[m.paragraph].text[m.start : m.end],
                    "name": m.name, "paragraph": m.paragraph, "start": m.start, "end": m.end,
                })  # fmt: skip
    return out
