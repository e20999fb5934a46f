"""Lines that recur across many documents of one source: menus, footers, slogans.

No single page shows that a line is clutter, but a line found in many pages of
the same outlet is.  :class:`RecurringLines` counts, per source key, in how
many documents each normalised line occurs; the counts are plain dicts so a
service can persist them and :meth:`RecurringLines.merge` them back later.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import PurePath

from newsloom.clean.lines import match_key
from newsloom.model import Document

_SOURCE_SUFFIX = re.compile(r"(?::\d+|#\d+)$")


def line_hash(line: str) -> str | None:
    """A 16-hex-digit hash of the line's matching form; None for a line of punctuation."""
    key = match_key(line)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16] if key else None


def line_hashes(lines: Iterable[str]) -> set[str]:
    """The distinct hashes of a document's lines, without lines of punctuation alone."""
    return {h for line in lines if (h := line_hash(line)) is not None}


def source_key(doc: Document) -> str:
    """Whose pages a document belongs to: its outlet when known, else its folder.

    >>> source_key(Document(id="x", source="feeds/a.jsonl:12", kind="text", encoding="utf-8"))
    'folder:feeds'
    """
    if doc.meta.outlet:
        return "outlet:" + match_key(doc.meta.outlet)
    path = _SOURCE_SUFFIX.sub("", doc.source)
    return "folder:" + (str(PurePath(path).parent) if path != "-" else "-")


class RecurringLines:
    """Per source key, the number of documents each normalised line occurs in.

    Args:
        min_docs: a line is recurring once it occurs in this many documents
            of one source (setting ``clean.recurring_min_docs``).

    >>> r = RecurringLines(min_docs=2)
    >>> r.add("outlet:x", ["Subscribe now", "A story"]); r.add("outlet:x", ["Subscribe now"])
    >>> r.is_recurring("outlet:x", "subscribe now!"), r.is_recurring("outlet:x", "A story")
    (True, False)
    """

    def __init__(self, min_docs: int) -> None:
        self.min_docs = min_docs
        self._counts: dict[str, dict[str, int]] = {}

    def add(self, source_key: str, lines: Iterable[str]) -> None:
        """Count one document's lines; a line repeated inside the document counts once."""
        self.add_hashes(source_key, line_hashes(lines))

    def add_hashes(self, source_key: str, hashes: set[str]) -> None:
        """Count one document's distinct line hashes (from :func:`line_hashes`)."""
        table = self._counts.setdefault(source_key, {})
        for digest in hashes:
            table[digest] = table.get(digest, 0) + 1

    def is_recurring(self, source_key: str, line: str) -> bool:
        digest = line_hash(line)
        return digest is not None and self._counts.get(source_key, {}).get(digest, 0) >= (
            self.min_docs
        )

    def counts(self) -> dict[str, dict[str, int]]:
        """A copy of the counts: source key -> line hash -> number of documents."""
        return {key: dict(table) for key, table in self._counts.items()}

    def merge(self, counts: Mapping[str, Mapping[str, int]]) -> None:
        """Add counts saved earlier (from :meth:`counts`) to these."""
        for key, table in counts.items():
            mine = self._counts.setdefault(key, {})
            for digest, n in table.items():
                mine[digest] = mine.get(digest, 0) + n
