"""RSS and Atom feed files: each item becomes one input, the feed's fields its hints.

feedparser reads RSS 0.9x/1.0/2.0 and Atom alike.  An item's full content is
preferred over its summary; it is HTML when it holds markup.  The feed's title
is the outlet; dates become ISO 8601 with the offset the feed gave.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser

from newsloom.errors import InputError
from newsloom.ingest.encoding import normalise
from newsloom.ingest.sniff import has_markup
from newsloom.model import RawInput

# The encoding declared in an XML prolog; the text is already decoded, so it must go.
_XML_ENCODING = re.compile(r"""(\A\s*<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")


def read_feed(text: str, source: str, encoding: str) -> Iterator[RawInput | InputError]:
    """One :class:`RawInput` per item (``source#N``), then an NL108 error if the XML is broken.

    A broken feed still yields the items feedparser's lenient parser salvaged,
    and one error says the rest may be missing.
    """
    parsed = feedparser.parse(_XML_ENCODING.sub(r"\1", text, count=1))
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, feedparser.CharacterEncodingOverride):
        problem = None  # the text is decoded already; a leftover declaration is harmless
    if not parsed.get("version") and not parsed.entries:
        yield InputError(
            "NL108", source, detail=_describe(problem) if problem else "not RSS or Atom"
        )
        return
    outlet = _clean(parsed.feed.get("title"))
    lang = _clean(parsed.feed.get("language"))
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#{number}"
        content = _content(entry)
        if not content.strip():
            if not problem:  # in a broken feed, the NL108 below covers cut-off items
                yield InputError("NL112", where)
            continue
        hints: dict[str, object] = {
            "title": _clean(entry.get("title")),
            "url": _clean(entry.get("link")),
            "published": _date(entry),
            "outlet": outlet,
            "authors": _authors(entry, outlet),
            "declared_lang": _clean(entry.get("language")) or lang,
        }
        kind = "html" if has_markup(content) else "text"
        yield RawInput(
            where,
            kind,
            content,
            encoding,
            container="feed",
            hints={k: v for k, v in hints.items() if v},
        )
    if problem:
        yield InputError(
            "NL108", source, detail=f"{_describe(problem)}; items after it may be lost"
        )
    elif not parsed.entries:
        yield InputError("NL108", source, detail="the feed has no items")


def _describe(problem: Exception) -> str:
    line = getattr(problem, "getLineNumber", None)
    message = getattr(problem, "getMessage", None)
    text = message() if callable(message) else str(problem)
    return f"{text} at line {line()}" if callable(line) else text


def _clean(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _content(entry: Any) -> str:
    for part in entry.get("content") or ():
        value = part.get("value")
        if isinstance(value, str) and value.strip():
            return normalise(value)
    summary = entry.get("summary")
    return normalise(summary) if isinstance(summary, str) else ""


def _authors(entry: Any, outlet: str | None) -> list[str]:
    """The item's authors; a credit to the feed's own outlet names no person."""
    names: list[str] = []
    for author in entry.get("authors") or ():
        name = _clean(author.get("name"))
        if name and name != outlet and name not in names:
            names.append(name)
    return names


def _date(entry: Any) -> str | None:
    """ISO 8601, keeping the feed's own offset when its date string can be read directly."""
    for key in ("published", "updated"):
        raw = _clean(entry.get(key))
        if not raw:
            continue
        try:
            return parsedate_to_datetime(raw).isoformat()
        except (TypeError, ValueError, IndexError):
            pass
        try:
            stamp = datetime.fromisoformat(raw)
        except ValueError:
            pass
        else:
            return raw if len(raw) == 10 else stamp.isoformat()
        parsed = entry.get(f"{key}_parsed")
        if isinstance(parsed, time.struct_time):
            return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    return None
