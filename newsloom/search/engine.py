"""One search, end to end: catch up the index, parse, rank both ways, fuse, show.

Example:
    >>> searcher = Searcher(store, Settings())
    >>> rows = searcher.search("Рябков", SearchFilters(langs=("en", "zh")), limit=5)
    >>> rows[0]["doc"], rows[0]["lang"], rows[0]["paragraph"], rows[0]["sentence"]
    ('f6caa646a5a8fad8', 'en', 12, 0)
"""

from __future__ import annotations

import numpy as np

from newsloom.embed import Encoder, load_encoder
from newsloom.errors import ConfigError
from newsloom.search.filters import check_page, check_settings
from newsloom.search.hybrid import fuse, keyword_hits, semantic_hits
from newsloom.search.passages import INDEX_VERSION, document_passages
from newsloom.search.query import is_empty, parse
from newsloom.search.results import result_rows
from newsloom.settings import Settings
from newsloom.store.base import SearchFilters, Store


def ensure_indexed(store: Store, batch: int = 200) -> int:
    """Index the stored documents the search index lacks (stores from before search, or
    indexed by an older tokenisation); returns how many. A no-op costs two counts."""
    done = 0
    while ids := store.unindexed_documents(INDEX_VERSION, batch):
        for doc_id in ids:
            store.index_passages(doc_id, document_passages(store.get(doc_id)), INDEX_VERSION)
        done += len(ids)
    return done


class Searcher:
    """Hybrid search over one store. Build once and reuse: the encoder loads on first use."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.conf = settings["search"]
        check_settings(self.conf)
        self._indexed = False
        self._encoder: Encoder | None = None

    def vector(self, text: str) -> np.ndarray:
        """The query's unit vector (the encoder of ``embed`` with ``query_threads``)."""
        if self._encoder is None:
            embed = dict(self.settings["embed"], threads=self.conf["query_threads"])
            self._encoder = load_encoder(Settings({"embed": embed}))
        return self._encoder.encode([text])[0]

    def search(
        self, text: str, filters: SearchFilters, limit: int = 10, offset: int = 0
    ) -> list[dict[str, object]]:
        """Rows for the hits ranked ``offset + 1`` .. ``offset + limit``, best first.

        Raises:
            ConfigError: empty query (NL230), bad limit or offset (NL233), bad
                ``[search]`` setting (NL235).
        """
        if is_empty(text or ""):
            raise ConfigError("NL230", None)
        check_page(limit, offset)
        if not self._indexed:
            ensure_indexed(self.store)
            self._indexed = True
        conf = self.conf
        lookup = self.store.name_expansions if conf["expand_names"] else None
        query = parse(text.strip(), self.settings["lang"]["languages"], lookup)
        count = max(conf["candidates"], offset + limit)
        keyword = (
            keyword_hits(self.store, query, filters, count, conf["max_keyword_rows"])
            if conf["keyword_weight"] > 0
            else []
        )
        vector = self.vector(text.strip()) if conf["semantic_weight"] > 0 else None
        semantic = (
            semantic_hits(self.store, vector, filters, count, conf["min_cosine"])
            if vector is not None
            else []
        )
        fused = fuse(keyword, semantic, conf["rrf_k"], conf["keyword_weight"],
                     conf["semantic_weight"], conf["coverage_power"])  # fmt: skip
        return result_rows(
            self.store, fused[offset : offset + limit], query, vector,
            conf["context_sentences"], offset + 1,
        )  # fmt: skip
