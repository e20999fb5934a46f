"""JSON lines: one article per line, its fields becoming metadata hints.

A line is an object with ``text`` or ``html`` (text wins when both are there:
it is the article already extracted) and optional ``title``, ``url``,
``published``, ``source`` (the outlet), ``lang`` and ``authors`` (a list of
names or one string).  A bad line is reported as ``path:LINE`` and the other
lines carry on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from newsloom.errors import InputError
from newsloom.ingest.encoding import normalise
from newsloom.model import RawInput

# JSONL field -> RawInput hint (a Metadata field name), for the optional string fields.
_STRING_FIELDS = {
    "title": "title",
    "url": "url",
    "published": "published",
    "source": "outlet",
    "lang": "declared_lang",
}


def read_jsonl(text: str, source: str, encoding: str) -> Iterator[RawInput | InputError]:
    """One :class:`RawInput` per good line, one :class:`InputError` per bad one."""
    seen = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen = True
        where = f"{source}:{number}"
        try:
            yield _article(line, where, encoding)
        except InputError as exc:
            yield exc
    if not seen:
        yield InputError("NL101", source)


def _article(line: str, where: str, encoding: str) -> RawInput:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError("NL105", where, detail=f"{exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise InputError("NL105", where, detail="nested too deeply") from None
    if not isinstance(obj, dict):
        raise InputError("NL105", where, detail=f"expected an object, got {type(obj).__name__}")
    for name in ("text", "html", *_STRING_FIELDS):
        if obj.get(name) is not None and not isinstance(obj[name], str):
            raise InputError("NL111", where, field=name, expected="a string")
    hints: dict[str, object] = {
        hint: obj[name].strip()
        for name, hint in _STRING_FIELDS.items()
        if isinstance(obj.get(name), str) and obj[name].strip()
    }
    authors = obj.get("authors")
    if isinstance(authors, str):
        authors = [authors]
    if authors is not None:
        if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
            raise InputError("NL111", where, field="authors", expected="a list of strings")
        if any(a.strip() for a in authors):
            hints["authors"] = [a.strip() for a in authors if a.strip()]
    for kind in ("text", "html"):
        content = normalise(obj.get(kind) or "")
        if content.strip():
            return RawInput(where, kind, content, encoding, container="jsonl", hints=hints)
    raise InputError("NL106", where)
