"""Reported speech by rules, for languages without a parser (English: :mod:`quotes_en`).

A reporting verb outside quotation marks with ``SOURCE CUE (that) CONTENT``,
``CONTENT, SOURCE CUE``, ``according to SOURCE, CONTENT`` (``selon``, ``по словам``,
``据``); Chinese ``SOURCE表示/说/指出/认为/称/强调，CONTENT``. The source is a span of
text: the words before or after the cue up to a clause boundary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsloom.extract.quotes_direct import (
    CUES,
    Attribution,
    sentence_bounds,
    size,
    source_after,
    source_before,
    trim,
)

_ACCORDING = {
    "en": re.compile(r"\baccording to\b", re.IGNORECASE),
    "fr": re.compile(r"\bselon\b", re.IGNORECASE),
    "ru": re.compile(r"(?<!\w)по (?:словам|мнению|данным)(?!\w)", re.IGNORECASE),
    "zh": re.compile(r"据|據"),
}
_THAT = {"en": r"that", "fr": r"que|qu'|qu’", "ru": r"что"}


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a - 1 <= pos <= b for a, b in spans)


def reported(
    text: str,
    lang: str,
    quotes: list[tuple[int, int]],
    used: set[tuple[int, int]],
    sentences: Sequence[tuple[int, int]],
) -> list[Attribution]:
    """Reported speech: a cue outside quotation marks, not a direct quote's, with its
    source and content."""
    out: list[Attribution] = []
    taken = 0
    for m in CUES.get(lang, CUES["en"]).finditer(text):
        if m.start() < taken or _inside(m.start(), quotes) or m.span("cue") in used:
            continue
        s_start, s_end = sentence_bounds(text, m.start(), sentences)
        cue = m["cue"]
        if _ACCORDING[lang if lang in _ACCORDING else "en"].fullmatch(
            cue
        ) or cue.lower().startswith("по "):
            continue
        att = _content_after(text, lang, m, s_start, s_end) or _content_before(
            text, lang, m, s_start, s_end
        )
        if att and not any(a - 1 <= att.start and att.end <= b + 1 for a, b in quotes):
            out.append(att)
            taken = att.end
    for m in _ACCORDING.get(lang, _ACCORDING["en"]).finditer(text):
        if _inside(m.start(), quotes):
            continue
        att = _according(text, lang, m, sentences)
        if att:
            out.append(att)
    return out


def _content_after(
    text: str, lang: str, m: re.Match[str], s_start: int, s_end: int
) -> Attribution | None:
    """``SOURCE said (after the talks) that CONTENT``: content runs to the sentence end."""
    src = source_before(text, s_start, m.start(), lang)
    if src is None:
        return None
    if lang == "zh":
        start = m.end()
        while start < s_end and text[start] in ",，:： ":
            start += 1
        span = trim(text, start, s_end)
        if span and len(text[span[0] : span[1]]) >= 6 and text[start] not in '“「『"':
            wide = trim(text, s_start, m.start())
            return Attribution(span[0], span[1], "indirect", m["cue"], m.span("cue"), src, wide)
        return None
    that = _THAT.get(lang)
    rest = text[m.end() : s_end]
    tm = re.match(rf"(?:\s+[\w'’-]+){{0,8}}?\s*,?\s+(?:{that})\b\s*", rest) if that else None
    start = m.end() + tm.end() if tm else m.end()
    if not tm:
        lead = re.match(r"\s*(?:to\s+\w+|журналистам|reporters|him|her|them)?\s*[,:]?\s*", rest)
        start += lead.end() if lead else 0
        if start < s_end and text[start] in '"“«„':
            return None
    span = trim(text, start, s_end)
    if span is None or len(text[span[0] : span[1]].split()) < 4:
        return None
    wide = trim(text, s_start, m.start())
    return Attribution(span[0], span[1], "indirect", m["cue"], m.span("cue"), src, wide)


def _content_before(
    text: str, lang: str, m: re.Match[str], s_start: int, s_end: int
) -> Attribution | None:
    """``CONTENT, SOURCE said.`` / ``CONTENT, said SOURCE.``: the cue closes the sentence."""
    tail = text[m.end() : s_end]
    if size(tail) > 8 or lang == "zh":
        return None
    commas = [c.start() for c in re.finditer(r"[,，]", text[s_start : m.start()])]
    if not commas:
        return None
    cut = s_start + commas[-1]
    src = trim(text, cut + 1, m.start()) or source_after(text, m.end(), s_end, lang)
    span = trim(text, s_start, cut)
    if span is None or src is None or len(text[span[0] : span[1]].split()) < 4:
        return None
    if len(text[src[0] : src[1]].split()) > 10:
        return None
    return Attribution(span[0], span[1], "indirect", m["cue"], m.span("cue"), src)


def _according(
    text: str, lang: str, m: re.Match[str], sentences: Sequence[tuple[int, int]]
) -> Attribution | None:
    """``According to SOURCE, CONTENT`` and ``CONTENT, according to SOURCE``."""
    s_start, s_end = sentence_bounds(text, m.start(), sentences)
    comma = re.compile(r"[,，]").search(text, m.end(), s_end)
    if trim(text, s_start, m.start()) is None and comma:
        src = trim(text, m.end(), comma.start())
        span = trim(text, comma.end(), s_end)
    else:
        src = trim(text, m.end(), comma.start() if comma else s_end)
        span = trim(text, s_start, m.start())
    if not src or not span or (len(text[span[0] : span[1]].split()) < 4 and lang != "zh"):
        return None
    return Attribution(span[0], span[1], "indirect", m[0], m.span(), src)


# ---------------------------------------------------------------- speakers
