"""Stream the parallel-corpus export: the service writes to a file object, the client reads.

:func:`newsloom.service.export_parallel` writes to a ``TextIO`` as it aligns
each translation, so it runs in its own thread writing into a bounded queue
and the response yields what arrives. A client that goes away stops the writer
at its next write instead of leaving it aligning the whole store.
"""

from __future__ import annotations

import io
import logging
import queue
import threading
from collections.abc import Iterator

from newsloom import service
from newsloom.settings import Settings
from newsloom.store import open_store

log = logging.getLogger("newsloom.api")

MEDIA_TYPES = {
    "tmx": "application/x-tmx+xml",
    "tsv": "text/tab-separated-values",
    "jsonl": "application/x-ndjson",
}

_DONE = object()


class _Cancelled(Exception):
    """The client went away: the writer thread stops at its next write."""


class _QueueWriter(io.TextIOBase):
    def __init__(self, out: queue.Queue, cancelled: threading.Event) -> None:
        self._out = out
        self._cancelled = cancelled

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        while True:
            if self._cancelled.is_set():
                raise _Cancelled
            try:
                self._out.put(text, timeout=0.5)
                return len(text)
            except queue.Full:
                continue


def stream_parallel(db: str, settings: Settings, fmt: str, lock: threading.Lock) -> Iterator[bytes]:
    """UTF-8 chunks of the export; runs :func:`service.export_parallel` in a thread.

    The writer thread opens its own store (a connection serves one thread of work
    at a time) and holds the model lock throughout, as the aligner embeds text.
    """
    chunks: queue.Queue = queue.Queue(maxsize=64)
    cancelled = threading.Event()

    def run() -> None:
        try:
            with lock:
                store = open_store(db)
                try:
                    service.export_parallel(store, settings, fmt, _QueueWriter(chunks, cancelled))
                finally:
                    store.close()
        except _Cancelled:
            return
        except Exception:
            log.exception("parallel export failed")
        _put(chunks, _DONE, cancelled)

    threading.Thread(target=run, name="newsloom-export", daemon=True).start()
    try:
        while (item := chunks.get()) is not _DONE:
            yield item.encode("utf-8")
    finally:
        cancelled.set()


def _put(chunks: queue.Queue, item: object, cancelled: threading.Event) -> None:
    while not cancelled.is_set():
        try:
            chunks.put(item, timeout=0.5)
            return
        except queue.Full:
            continue
