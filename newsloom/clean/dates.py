"""Dates as pages write them, turned into ISO 8601 at the precision the page gives.

Numeric and Chinese dates are read with regular expressions (dateparser does
not know ``2022年1月12日``); English and Russian dates with month names go to
dateparser with the language restricted, so a stray word is never a date.
"""

from __future__ import annotations

import re
from datetime import datetime

import dateparser

from newsloom.clean.lines import script_of

_TIME = r"(?:[T\s,]*(?:at\s+|в\s+)?(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?"
_NUMERIC = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)" + _TIME)
_CHINESE = re.compile(
    r"(?<!\d)(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]" + _TIME.replace("T", "T日")
)
_CLOCK = r"(?:,?\s*(?:at\s+|à\s+|в\s+)?\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)?"
# A month written as a word, in any Latin-script language dateparser knows ("12 mars 2025",
# "March 13, 2025"); dateparser then decides whether the word is a month at all.
_MONTH_WORD = r"[^\W\d_]{3,12}\.?"
_NAMED = re.compile(
    rf"\b(?:\d{{1,2}}(?:er|\.)?\s+{_MONTH_WORD},?\s+\d{{4}}(?:\s*(?:г\.|года))?"
    rf"|{_MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}){_CLOCK}",
    re.IGNORECASE,
)
# Languages dateparser may read a month name in, by script; restricted so a stray word
# is never taken for a date.
_DATE_LANGUAGES = {
    "Cyrl": ["ru", "uk"],
    "Latn": ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "tr"],
}
_HAS_CLOCK = re.compile(r"\d{1,2}:\d{2}")


def _iso(year: int, month: int, day: int, clock: tuple[str | None, ...]) -> str | None:
    try:
        if clock[0] is None:
            return datetime(year, month, day).date().isoformat()
        hour, minute, second = (int(c or 0) for c in clock)
        return datetime(year, month, day, hour, minute, second).isoformat()
    except ValueError:
        return None


def find_date(text: str, year: int | None = None) -> tuple[str, tuple[int, int]] | None:
    """The first date in ``text`` as ISO 8601, with its span; None when there is none.

    ``year`` completes Chinese dates written without one (``1月10日``).

    >>> find_date("Time 2022-01-12 17:21:00")[0]
    '2022-01-12T17:21:00'
    """
    found: list[tuple[int, str, tuple[int, int]]] = []
    for m in _NUMERIC.finditer(text):
        iso = _iso(int(m[1]), int(m[2]), int(m[3]), (m[4], m[5], m[6]))
        if iso:
            found.append((m.start(), iso, m.span()))
            break
    for m in _CHINESE.finditer(text):
        y = int(m[1]) if m[1] else year
        iso = _iso(y, int(m[2]), int(m[3]), (m[4], m[5], m[6])) if y else None
        if iso:
            found.append((m.start(), iso, m.span()))
            break
    for m in _NAMED.finditer(text):
        languages = _DATE_LANGUAGES.get(script_of(m[0]) or "Latn", _DATE_LANGUAGES["Latn"])
        parsed = dateparser.parse(
            m[0], languages=languages, settings={"REQUIRE_PARTS": ["day", "month", "year"]}
        )
        if parsed:
            iso = parsed.isoformat() if _HAS_CLOCK.search(m[0]) else parsed.date().isoformat()
            found.append((m.start(), iso, m.span()))
            break
    if not found:
        return None
    _, iso, span = min(found)
    return iso, span


def iso_from_meta(value: str) -> str | None:
    """An HTML meta date (``2023-05-04T09:30:00+01:00``) as ISO 8601, offset kept."""
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return parsed.isoformat() if _HAS_CLOCK.search(value) else parsed.date().isoformat()
    except ValueError:
        found = find_date(value)
        return found[0] if found else None
