"""Paths to bytes: walk folders in a stable order and read files within the size limit.

The size is checked with ``stat`` before a byte is read, so an oversized file
costs nothing; the read itself stops one byte past the limit in case the file
grew in between.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from newsloom.errors import InputError

STDIN = "-"
_MB = 1024 * 1024


def walk(paths: Sequence[str]) -> Iterator[str | InputError]:
    """Each file named or found under a named folder, in order; NL109 for a missing path.

    Folders are walked recursively in sorted name order, skipping hidden
    entries (a leading dot: ``.git``, editor swap files); a folder reached
    twice through symbolic links is walked once, so a link loop ends.  A path
    named explicitly is used even when hidden: the user asked for it.
    """
    for path in paths:
        if path == STDIN:
            yield path
        elif os.path.isdir(path):
            yield from _walk_folder(path, set())
        elif os.path.exists(path):
            yield path
        else:
            yield InputError("NL109", path)


def _walk_folder(folder: str, seen: set[str]) -> Iterator[str | InputError]:
    real = os.path.realpath(folder)
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield InputError("NL110", folder, detail=exc.strerror or exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk_folder(entry.path, seen)
        else:
            yield entry.path


def read_file(path: str, max_mb: float) -> bytes:
    """The whole file, or :class:`InputError` when missing, too large, not a file or unreadable."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError("NL109", path) from None
    except OSError as exc:
        raise InputError("NL110", path, detail=exc.strerror or exc) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError("NL110", path, detail="not a regular file")
    limit = int(max_mb * _MB)
    if info.st_size > limit:
        raise _too_large(path, info.st_size, max_mb)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError("NL110", path, detail=exc.strerror or exc) from None
    if len(data) > limit:
        raise _too_large(path, len(data), max_mb)
    return data


def read_stream(stream: BinaryIO, max_mb: float) -> bytes:
    """Everything on a byte stream (stdin), up to the size limit."""
    limit = int(max_mb * _MB)
    try:
        data = stream.read(limit + 1)
        if len(data) <= limit:
            return data
        size = len(data)
        while chunk := stream.read(_MB):  # count the rest, keeping none of it
            size += len(chunk)
    except OSError as exc:
        raise InputError("NL110", STDIN, detail=exc.strerror or exc) from None
    raise _too_large(STDIN, size, max_mb)


def _too_large(path: str, size: int, max_mb: float) -> InputError:
    return InputError("NL104", path, size=f"{size / _MB:.1f}", limit=f"{max_mb:g}")
