"""Cross-lingual hybrid search: keyword (full-text) and semantic (sentence vectors), fused.

``tokens`` makes index terms, ``passages`` cuts documents into search units,
``names`` and ``query`` turn a query into groups of alternative phrases (names in
every spelling), ``hybrid`` ranks and fuses, ``results`` shows hits, ``engine``
runs one search, ``ann`` is the vector index file the SQLite store keeps.
Storage goes through the search methods of :class:`newsloom.store.base.Store`.
"""

from newsloom.search.engine import Searcher, ensure_indexed
from newsloom.search.filters import make_filters

__all__ = ["Searcher", "ensure_indexed", "make_filters"]
