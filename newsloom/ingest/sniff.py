"""What a file is: binary or text, and which kind of text (plain, HTML, JSONL, feed).

The extension proposes, the content decides: people save feeds as ``.xml``,
pages as ``.txt`` and JSON lines as anything, so a cheap look at the start of
the content confirms or overrides what the name says.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from itertools import islice
from typing import Literal

Kind = Literal["text", "html", "jsonl", "feed"]

# File signatures of the binary formats people drop into a news folder by mistake.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"\x1f\x8b", "gzip data"),
    (b"PK\x03\x04", "zip archive"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "executable"),
)
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D} | {0x7F}
_PROLOG = re.compile(
    r"\A(?:\s+|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL | re.IGNORECASE
)
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF|RDF)[\s>/]")
_HTML_PAGE = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*(?:<!DOCTYPE\s+html|<html[\s>])", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(r"<(?:[a-zA-Z][\w:-]*)(?:\s[^<>]*)?/?>|</[a-zA-Z][\w:-]*\s*>")
# Lines looked at when testing whether a plain file is JSON lines.
_JSONL_PROBE = 50


def magic(data: bytes) -> str | None:
    """The binary format ``data`` starts with, if it is a known one."""
    for signature, name in _MAGIC:
        if data.startswith(signature):
            return name
    return None


def control_share(sample: bytes) -> float:
    """Share of bytes that plain text in any ASCII-compatible encoding never holds."""
    if not sample:
        return 0.0
    return sum(1 for b in sample if b in _CONTROL_BYTES) / len(sample)


def is_feed(text: str) -> bool:
    """True when the root element is ``<rss>``, ``<feed>`` (Atom) or ``<rdf:RDF>`` (RSS 1.0)."""
    prolog = _PROLOG.match(text[:8192])
    return bool(_FEED_ROOT.match(text, prolog.end() if prolog else 0))


def is_html_page(text: str) -> bool:
    """True when the text starts as a whole HTML document does."""
    return bool(_HTML_PAGE.match(text[:8192]))


def has_markup(text: str) -> bool:
    """True when the text holds at least one HTML/XML tag."""
    return bool(_TAG.search(text))


def is_jsonl(text: str) -> bool:
    """True when every non-empty line (of the first 50) parses as a JSON object."""
    lines = list(islice((line for line in io.StringIO(text) if line.strip()), _JSONL_PROBE))
    if not lines:
        return False
    for line in lines:
        if not line.lstrip().startswith("{"):
            return False
        try:
            if not isinstance(json.loads(line), dict):
                return False
        except (json.JSONDecodeError, RecursionError):
            return False
    return True


def sniff_kind(
    text: str,
    ext: str,
    *,
    html_ext: Sequence[str],
    jsonl_ext: Sequence[str],
    feed_ext: Sequence[str],
) -> Kind:
    """The kind of a decoded file from its extension (lower-case, with dot) and content.

    A JSONL extension is trusted (its bad lines are reported one by one); a
    feed extension other than ``.xml`` is trusted too (a broken feed is a
    malformed feed); an ``.xml`` that is no feed is markup; an HTML extension
    with no tag at all is plain text; any other file is sniffed.
    """
    if ext in jsonl_ext:
        return "jsonl"
    if is_feed(text):
        return "feed"
    if ext in feed_ext:
        return "html" if ext == ".xml" else "feed"
    if ext in html_ext:
        return "html" if has_markup(text) else "text"
    if is_jsonl(text):
        return "jsonl"
    if is_html_page(text):
        return "html"
    return "text"
