"""The API's exclusive side: one writer connection and the process's one encoder, one at a time.

Building an :class:`Ingestor` loads every stage's model (seconds, hundreds of MB),
so it is built once, on the first ingest, and kept. Its store is the process's only
writer connection. Search runs on that connection too: it writes (it indexes
documents stored before search existed) and keeps a vector index in memory per
connection, so one connection means one index, which the ingests keep current.

The lock (the app's model lock) keeps two requests from interleaving batches (the
recurring-line counts and the story state the ingestor holds assume one writer)
and any two users of the encoder, which is not thread-safe, apart.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterable, Mapping

from newsloom import service
from newsloom.errors import InputError
from newsloom.ingest import read_bytes
from newsloom.ingest.jsonl import read_jsonl
from newsloom.model import RawInput
from newsloom.settings import Settings
from newsloom.store import Store, open_store


class Writer:
    """Ingest uploads or JSON articles, rebuild stories, search: serialised by ``lock``."""

    def __init__(self, db: str, settings: Settings, lock: threading.Lock) -> None:
        self.db = db
        self.settings = settings
        self._lock = lock
        self._store: Store | None = None
        self._ingestor: service.Ingestor | None = None

    def _opened(self) -> Store:
        if self._store is None:
            self._store = open_store(self.db)
        return self._store

    def ingest_files(self, files: Iterable[tuple[str, bytes]]) -> service.IngestReport:
        """Each ``(name, bytes)`` read as the CLI reads a file of that name."""
        items: list[RawInput | InputError] = []
        for name, data in files:
            try:
                items.extend(read_bytes(data, name, self.settings))
            except InputError as exc:
                items.append(exc)
        return self._ingest(items)

    def ingest_articles(self, articles: Iterable[Mapping[str, object]]) -> service.IngestReport:
        """Articles shaped like JSONL lines; sources read ``api-<request>:<n>``."""
        text = "\n".join(json.dumps(a, ensure_ascii=False) for a in articles)
        source = f"api-{uuid.uuid4().hex[:8]}"
        return self._ingest(list(read_jsonl(text, source, "utf-8")))

    def _ingest(self, items: list[RawInput | InputError]) -> service.IngestReport:
        raws = [i for i in items if isinstance(i, RawInput)]
        rejected = [i for i in items if isinstance(i, InputError)]
        report = service.IngestReport()
        if raws:
            with self._lock:
                if self._ingestor is None:
                    self._ingestor = service.Ingestor(self._opened(), self.settings)
                report = self._ingestor.ingest_raw(raws)
        report.errors[:0] = rejected
        return report

    def recluster(self) -> dict[str, object]:
        """Rebuild all stories; through the ingestor's clusterer once it exists, so the story
        state it keeps in memory stays current (without one, no models need loading)."""
        with self._lock:
            ingestor = self._ingestor
            if ingestor is not None and ingestor.stories is not None:
                return ingestor.stories.recluster(ingestor.store).to_json()
            return service.recluster(self._opened(), self.settings)

    def search(self, query: str, **options: object) -> list[dict[str, object]]:
        """:func:`newsloom.service.search` on the writer connection."""
        with self._lock:
            return service.search(self._opened(), self.settings, query, **options)

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
            self._store = self._ingestor = None
