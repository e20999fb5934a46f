"""Ingest: any news file (text, HTML, JSON lines, RSS/Atom) into :class:`RawInput` objects.

One call, :func:`iter_inputs`, walks the paths, reads each file within the
size limit, finds its encoding (:mod:`.encoding`) and kind (:mod:`.sniff`) and
splits containers into articles (:mod:`.jsonl`, :mod:`.feed`).  A bad input is
yielded as an :class:`InputError` in its place rather than raised, so the
caller reports it and carries on with the rest.

>>> from newsloom.settings import Settings
>>> for item in iter_inputs(["articles/"], Settings()):  # doctest: +SKIP
...     print(item.source if isinstance(item, RawInput) else item)
articles/a.txt
[NL101] articles/empty.txt: file is empty
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from newsloom.errors import InputError
from newsloom.ingest.encoding import decode, normalise
from newsloom.ingest.feed import read_feed
from newsloom.ingest.files import STDIN, read_file, read_stream, walk
from newsloom.ingest.jsonl import read_jsonl
from newsloom.ingest.sniff import sniff_kind
from newsloom.model import RawInput
from newsloom.settings import Settings

__all__ = ["iter_inputs", "read_bytes"]


def iter_inputs(
    paths: Sequence[str], settings: Settings, stdin: BinaryIO | None = None
) -> Iterator[RawInput | InputError]:
    """Every article under ``paths``, or the error that rejected it, in path order.

    Args:
        paths: files, folders (walked recursively, sorted, hidden entries
            skipped) and ``-`` for ``stdin``.
        settings: read for the ``ingest`` section.
        stdin: the byte stream ``-`` reads; ``sys.stdin.buffer`` when None.

    Yields:
        A :class:`RawInput` per article (a file, a JSONL line, a feed item) and
        an :class:`InputError` (NL101-NL112) per rejected file, line or item.
    """
    max_mb = settings.get("ingest", "max_file_mb")
    for item in walk(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            if item == STDIN:
                data = read_stream(stdin or sys.stdin.buffer, max_mb)
            else:
                data = read_file(item, max_mb)
            yield from read_bytes(data, item, settings)
        except InputError as exc:
            yield exc


def read_bytes(data: bytes, source: str, settings: Settings) -> Iterator[RawInput | InputError]:
    """The articles in one file's bytes; ``source`` names it and gives its extension.

    Raises:
        InputError: when the whole file is rejected (empty, binary, undecodable).
    """
    ingest = settings["ingest"]
    if not data.strip():
        raise InputError("NL101", source)
    decoded = decode(
        data, source, legacy=ingest["legacy_encodings"], binary_ratio=ingest["binary_ratio"]
    )
    raw = decoded.text.removeprefix("\ufeff")
    if not raw.strip():
        raise InputError("NL101", source)
    ext = "" if source == STDIN else os.path.splitext(source)[1].lower()
    kind = sniff_kind(
        raw,
        ext,
        html_ext=ingest["html_ext"],
        jsonl_ext=ingest["jsonl_ext"],
        feed_ext=ingest["feed_ext"],
    )
    if kind == "jsonl":
        yield from read_jsonl(raw, source, decoded.encoding)
        return
    text = normalise(raw)
    if not text.strip():
        raise InputError("NL101", source)
    if kind == "feed":
        yield from read_feed(text, source, decoded.encoding)
    else:
        container = "stdin" if source == STDIN else "file"
        yield RawInput(source, kind, text, decoded.encoding, container=container)
