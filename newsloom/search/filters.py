"""Checking a search request at the boundary: dates, languages, limits and settings.

Every mistake is a one-line :class:`ConfigError` naming the option and the fix,
raised before anything is searched.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from newsloom.errors import ConfigError
from newsloom.store.base import SearchFilters


def day(value: str | None, option: str) -> str | None:
    """``YYYY-MM-DD`` (a date-time's day is taken), or ConfigError NL231."""
    if value is None or not value.strip():
        return None
    text = value.strip()[:10]
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ConfigError("NL231", option, value=value) from None


def languages(value: str | Sequence[str] | None, known: Sequence[str]) -> tuple[str, ...]:
    """``"en,zh"`` or ``["en", "zh"]`` as a tuple of known codes, or ConfigError NL234."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else list(value)
    out = tuple(dict.fromkeys(v.strip().lower() for v in items if v.strip()))
    for lang in out:
        if lang not in known:
            raise ConfigError("NL234", "--lang", lang=lang, known=", ".join(known))
    return out


def make_filters(
    *,
    lang: str | Sequence[str] | None,
    since: str | None,
    until: str | None,
    outlet: str | None,
    doc_ids: Collection[str] | None,
    known_languages: Sequence[str],
) -> SearchFilters:
    """The store's filters from a request's options, each checked."""
    first, last = day(since, "--since"), day(until, "--until")
    if first and last and first > last:
        raise ConfigError("NL232", None, since=first, until=last)
    return SearchFilters(
        langs=languages(lang, known_languages),
        since=first,
        until=last,
        outlet=outlet.strip() if outlet and outlet.strip() else None,
        doc_ids=None if doc_ids is None else frozenset(doc_ids),
    )


def check_page(limit: int, offset: int) -> None:
    if limit < 1 or limit > 1000:
        raise ConfigError("NL233", "--limit", name="--limit", expected="1..1000", value=limit)
    if offset < 0:
        raise ConfigError("NL233", "--offset", name="--offset", expected=">= 0", value=offset)


def check_settings(conf: dict[str, Any]) -> None:
    """The [search] settings that have a range beyond their type."""
    rules = {
        "candidates": (1, 10_000),
        "rrf_k": (0, 10_000),
        "keyword_weight": (0.0, 100.0),
        "semantic_weight": (0.0, 100.0),
        "coverage_power": (0.0, 10.0),
        "min_cosine": (-1.0, 1.0),
        "max_keyword_rows": (1, 10_000_000),
        "context_sentences": (0, 20),
        "query_threads": (1, 256),
    }
    for key, (low, high) in rules.items():
        if not low <= conf[key] <= high:
            raise ConfigError(
                "NL235", None, key=key, expected=f"between {low} and {high}", value=conf[key]
            )
