"""Stage ``clean.metadata``: read the header lines a page carries as plain text.

Scraped text keeps the page header as lines: a title (one per language on
bilingual pages), label blocks ("Source / Editor / Time", "来源：", "Источник"),
bare values (an outlet line, an editor's name, a date), bylines, translator
and editor notes, "本文转自【新华社】".  This stage reads them into
:class:`Metadata` and gives those paragraphs ``role`` "title" or "header", so
they are not counted as article text.

It reads the head of the page, then the head of each later block in another
script (a translation printed after its original opens with its own title and
byline), stopping at the first line it cannot explain; elsewhere it reads only
whole label lines and "(记者：X)" notes.  The first zone's values win, and the
container's or the HTML's values win over all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

from newsloom.clean.dates import find_date
from newsloom.clean.lines import (
    HEADER_LABELS,
    LABEL_VALUE,
    ends_sentence,
    is_label_line,
    is_title_like,
    length,
    match_key,
    script_of,
)
from newsloom.clean.parse import HTML_CLUTTER
from newsloom.hanzi import to_simplified as simplified
from newsloom.model import Document, Metadata
from newsloom.pipeline import stage
from newsloom.settings import Settings

_LABEL_FIELD = {match_key(w): f for f, words in HEADER_LABELS.items() for w in words}
_PAREN_LABEL = re.compile(
    r"[(（]\s*(记者|作者|责任编辑|编辑|责编)\s*[:：]\s*([^()（）]{1,40})[)）]"
)
# A capitalised word, or an initial with its full stop ("Wendy R. Sherman").
_NAME_WORD = r"[A-ZА-ЯЁ](?:\.|[\w'’-]*[\w'’])?"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
_PERSON = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}$")
_BYLINE = re.compile(r"^(?:by|par|von|por|door|przez|автор[:\s]|作者\s)\s*(.+)$", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:,|&|;|、|，|\band\b|\bet\b|\bи\b|\bund\b|\by\b)\s*")
_PARENS = re.compile(r"\s*[(（][^()（）]*[)）]")
# Sentence ends inside a header line ("By A. Translated from Russian by B."), not initials.
_PART_SPLIT = re.compile(r"(?<=[a-zа-яё]{2})\.\s+(?=[A-ZА-ЯЁ])")
_PUBLISHED_IN = re.compile(
    r"^(?:originally\s+)?published\s+in\s+(?P<outlet>[^()]+?)\s*(?:\((?P<country>[^)]*)\))?"
    r"\s*(?:on\s+(?P<date>.+))?$",
    re.IGNORECASE,
)
_ON_DATE = re.compile(r"^(?:\([^)]*\)\s*)?on\s+(.+)$", re.IGNORECASE)
_TRANSLATED = re.compile(
    rf"[Tt]ranslated(?:\s+from(?P<lang>(?:\s+[A-Za-z]+)*?))?\s+by\s+(?P<name>{_NAME})"
)
_TRANSLATED_LABEL = re.compile(
    r"^(?:перевод|translated|translation|翻译|译)\s*(?:с|from|自)\s*(?P<lang>\w+?)\s*[:：]\s*"
    r"(?P<name>.+)$",
    re.IGNORECASE,
)
_EDITED = re.compile(rf"\b[Ee]dited\s+by\s+(?P<name>{_NAME})")
_CREDIT_LINE = re.compile(r"^(?:translated|translation|edited)\b", re.IGNORECASE)
_REPRINTED = re.compile(
    r"^本文(?:转自|转载自|来自|来源于|来源|源自)\s*[:：]?\s*[【\[「《]?([^】\]」》;；,，。]+)"
)
_CJK_NAMES = re.compile(r"^[\u4e00-\u9fff·]{2,5}(?:[ \u3000、，,]+[\u4e00-\u9fff·]{2,5})+$")
_OUTLET_WORDS = re.compile(
    r"\b(?:online|news|daily|times|post|agency|press|network|media|herald|journal|gazette|"
    r"tribune|telegraph|guardian|review|weekly|monitor|observer|radio|tv|television|"
    r"broadcasting|channel|wire|magazine|\w+\.(?:com|net|org|ru|cn))\b"
    r"|(?:网|报|社|台|新闻|日报|晚报|时报|周报|电视台|通讯社)$"
    r"|\b(?:газета|агентство|новости|радио|телеканал)\b",
    re.IGNORECASE,
)
# "© 2025 Northern Meridian. All rights reserved." names the outlet.
_COPYRIGHT_OWNER = re.compile(r"©\s*(?:\d{4}\s*)?([^,©.|;]+?)\s*(?:,\s*\d{4})?\s*(?:[.,;|]|$)")
# "English translation", "Перевод на английский", "英文版": a label before a translation.
_TRANSLATION_LABEL = re.compile(
    r"^(?:\w+\s+(?:translation|version)|translation|перевод(?:\s+на\s+\w+(?:\s+язык)?)?|"
    r"\w+\s+(?:перевод|версия)|[\u4e00-\u9fff]{1,3}(?:版|译文|翻译)|译文)$",
    re.IGNORECASE,
)
# Language names as "translated from" notes give them, to ISO 639-1 codes.
_LANGUAGE_NAMES = {
    "en": ("english", "английского", "английский", "英语", "英文"),
    "ru": ("russian", "русского", "русский", "俄语", "俄文"),
    "zh": ("chinese", "китайского", "китайский", "中文", "汉语"),
    "fr": ("french", "французского", "французский", "法语", "法文"),
    "de": ("german", "немецкого", "немецкий", "德语", "德文"),
    "es": ("spanish", "испанского", "испанский", "西班牙语"),
    "it": ("italian", "итальянского", "意大利语"),
    "ja": ("japanese", "японского", "日语", "日文"),
    "ar": ("arabic", "арабского", "阿拉伯语"),
    "uk": ("ukrainian", "украинского", "乌克兰语"),
}
_LANGUAGE_CODE = {name: code for code, names in _LANGUAGE_NAMES.items() for name in names}
_DATELINE_SEP = re.compile(r"^[\s—–\-|·•,:]+|[\s—–\-|·•,:]+$")
# Small words a proper name may hold in lower case, and words no name is made of.
_JOINERS = frozenset(["of", "the", "and", "for", "de", "la", "van", "von", "der", "al", "bin"])
_FUNCTION_WORDS = frozenset(
    ["to", "in", "on", "at", "is", "are", "was", "with", "a", "an", "as", "by", "from", "not"]
)
# Past this many lines a head zone has no more header lines.
_HEAD_MAX_LINES = 12
_VALUE_MAX_CHARS = 80
# How many lines after an HTML page's title may still be its byline or date.
_HTML_HEADER_REACH = 6


@dataclass
class _Zone:
    """What one head zone said, before it is merged into the document's Metadata."""

    titles: list[int] = field(default_factory=list)
    headers: list[int] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    authors: list[str] = field(default_factory=list)
    fallback_authors: list[str] = field(default_factory=list)

    def put(self, name: str, value: str | None) -> None:
        if value and name not in self.values:
            self.values[name] = value


@stage
class MetadataReader:
    """Read title, outlet, date, authors, editor and translator from the header lines."""

    name: ClassVar[str] = "clean.metadata"
    version: ClassVar[str] = "v1"
    requires: ClassVar[tuple[str, ...]] = ("clean.boilerplate",)

    def __init__(self, settings: Settings) -> None:
        self.title_max_chars: int = settings["clean"]["title_max_chars"]

    def __call__(self, doc: Document) -> Document:
        paras = doc.paragraphs
        cands = [i for i, p in enumerate(paras) if not p.boilerplate]
        texts = {i: paras[i].text.strip() for i in cands}
        forms = {i: simplified(texts[i]) for i in cands}
        owners = {
            match_key(m[1]): m[1].strip()
            for p in paras
            if p.reason == "copyright" and (m := _COPYRIGHT_OWNER.search(p.text))
        }
        zones = [_Zone()]
        used = self._read_head(doc, cands, texts, forms, owners, zones[0])
        for start in self._block_starts(cands, texts, used):
            zone = _Zone()
            self._read_head(doc, cands[start:], texts, forms, owners, zone)
            if zone.titles:
                zones.append(zone)
        zones.append(self._read_anywhere(cands, texts, forms, zones))
        if doc.kind == "html":
            zones.append(_html_header_lines(doc, zones))
        if owners:
            zones[-1].put("outlet", next(iter(owners.values())))
        for zone in zones:
            for i in zone.titles:
                paras[i].role = "title"
            for i in zone.headers:
                paras[i].role = "header"
        _merge(doc.meta, zones, [paras[i].text for z in zones for i in z.titles])
        return doc

    def _title_like(self, text: str) -> bool:
        return is_title_like(text, self.title_max_chars)

    def _read_head(
        self,
        doc: Document,
        cands: list[int],
        texts: dict[int, str],
        forms: dict[int, str],
        owners: dict[str, str],
        zone: _Zone,
    ) -> int:
        """Walk the first lines: header lines, title(s), header lines, until body text.

        Returns how many of ``cands`` it used.
        """
        known_title = match_key(doc.meta.title) if doc.meta.title else None
        k = 0
        last_bare: str | None = None
        while k < len(cands) and k < _HEAD_MAX_LINES + len(zone.titles) + len(zone.headers):
            i = cands[k]
            text, form = texts[i], forms[i]
            nxt = texts[cands[k + 1]] if k + 1 < len(cands) else None
            if not zone.titles and match_key(text) in owners:
                # The outlet's name on top, as its copyright notice spells it.
                zone.put("outlet", text)
                zone.headers.append(i)
                k, last_bare = k + 1, "outlet"
                continue
            used = _header_line(text, form, nxt, zone)
            if used:
                zone.headers.extend(cands[k : k + used])
                k, last_bare = k + used, None
                continue
            bare = _bare_value(text, last_bare) if zone.titles or zone.headers else None
            if bare is None and not zone.titles:
                if self._title_like(text) and (
                    known_title is None or match_key(text) == known_title or k == 0
                ):
                    k += self._take_titles(cands[k:], texts, zone)
                    continue
                return k
            if bare is None:
                return k
            for name, value in bare:
                if name == "authors":
                    zone.fallback_authors.extend(_split_names(value, cjk=True)[0])
                else:
                    zone.put(name, value)
            zone.headers.append(i)
            last_bare = bare[-1][0]
            k += 1
        return k

    def _take_titles(self, cands: list[int], texts: dict[int, str], zone: _Zone) -> int:
        """The title, and on a bilingual page the same title in another script after it."""
        zone.titles.append(cands[0])
        second = texts[cands[1]] if len(cands) > 1 else ""
        if (
            self._title_like(second)
            and not is_label_line(simplified(second))
            and not _BYLINE.match(second)
            and find_date(second) is None
        ):
            first = script_of(texts[cands[0]])
            if script_of(texts[cands[1]]) not in (first, None):
                zone.titles.append(cands[1])
                return 2
        return 1

    def _block_starts(self, cands: list[int], texts: dict[int, str], after: int) -> list[int]:
        """Where later blocks in another script open (a translation after its original).

        A block opens with a title-like line in a new script, after a run of
        paragraphs in another script and before paragraphs in its own.
        """
        scripts = [script_of(texts[i]) for i in cands]
        starts = []
        for k in range(max(after, 2), len(cands) - 2):
            here = scripts[k]
            if (
                here
                and scripts[k - 1] != here
                and scripts[k - 2] == scripts[k - 1]
                and scripts[k + 1] == scripts[k + 2] == here
                and self._title_like(texts[cands[k]])
            ):
                starts.append(k)
        return starts

    def _read_anywhere(
        self, cands: list[int], texts: dict[int, str], forms: dict[int, str], zones: list[_Zone]
    ) -> _Zone:
        """Whole label lines and notes anywhere: "责任编辑：X", "(记者：X)", "本文转自【X】"."""
        zone = _Zone()
        taken = {i for z in zones for i in (*z.titles, *z.headers)}
        for i in cands:
            if i in taken:
                continue
            text, form = texts[i], forms[i]
            if length(text) <= 2 * _VALUE_MAX_CHARS and (
                _REPRINTED.match(form) or is_label_line(form) or _TRANSLATED_LABEL.match(form)
            ):
                if _header_part(text, form, zone):
                    zone.headers.append(i)
                continue
            for m in _PAREN_LABEL.finditer(form):
                field_name = _LABEL_FIELD[match_key(m[1])]
                value = _original(text, form, m.span(2))
                if field_name == "authors":
                    zone.fallback_authors.extend(_split_names(value, cjk=True)[0])
                else:
                    zone.put(field_name, value.strip())
                if m.span() == (0, len(form)):
                    zone.headers.append(i)
        return zone


def _html_header_lines(doc: Document, zones: list[_Zone]) -> _Zone:
    """Byline and date lines near an HTML title that trafilatura left out of the article.

    They were marked ``html_clutter``; they are the page header, so they become
    unmarked ``header`` paragraphs (still not content).
    """
    zone = _Zone()
    titles = [i for z in zones for i in z.titles]
    if not titles:
        return zone
    start = titles[0] + 1
    for i in range(start, min(start + _HTML_HEADER_REACH, len(doc.paragraphs))):
        p = doc.paragraphs[i]
        if p.reason != HTML_CLUTTER:
            continue
        bare = _bare_value(p.text, None)
        if bare and bare[0][0] in ("published", "outlet"):
            for name, value in bare:
                zone.put(name, value)
        elif not _header_part(p.text, simplified(p.text), zone):
            continue
        p.boilerplate, p.reason, p.role = False, None, "header"
    return zone


def _header_line(text: str, form: str, nxt: str | None, zone: _Zone) -> int:
    """Read a header line (or a label and its value on the next line): lines used, or 0."""
    key = match_key(form)
    if key in _LABEL_FIELD and nxt is not None and length(nxt) <= _VALUE_MAX_CHARS:
        return 2 if _put_value(zone, _LABEL_FIELD[key], nxt) else 0
    if length(text) > 2 * _VALUE_MAX_CHARS:
        return 0
    m = _PUBLISHED_IN.match(text)
    if m:
        zone.put("outlet", m["outlet"].strip())
        date_text, used = m["date"], 1
        if date_text is None and nxt is not None:
            on = _ON_DATE.match(nxt)
            if on:
                date_text, used = on[1], 2
        date = find_date(date_text) if date_text else None
        if date:
            zone.put("published", date[0])
        return used
    if _TRANSLATION_LABEL.match(text):
        return 1
    parts = _PART_SPLIT.split(text)
    if len(parts) > 1:
        trial = _Zone()
        if all(_header_part(p, simplified(p), trial) for p in parts):
            return 1 if all(_header_part(p, simplified(p), zone) for p in parts) else 0
        return 0
    return 1 if _header_part(text, form, zone) else 0


def _header_part(text: str, form: str, zone: _Zone) -> bool:
    """Read one self-contained header statement: labels, reprint note, byline, credits."""
    text = text.strip().rstrip(".")
    m = _TRANSLATED_LABEL.match(text)
    if m:
        zone.put("translated_from", _LANGUAGE_CODE.get(m["lang"].casefold()))
        return _put_value(zone, "translator", m["name"])
    labelled = list(LABEL_VALUE.finditer(form))
    if labelled and labelled[0].start() == 0:
        kept = False
        for m, after in zip(labelled, [*labelled[1:], None], strict=True):
            end = after.start() if after else len(form)
            value = _original(text, form, (m.end(), end)).strip(" ;；,，|")
            kept = _put_value(zone, _LABEL_FIELD[match_key(m[1])], value) or kept
        return kept
    m = _REPRINTED.match(form)
    if m:
        zone.put("outlet", _original(text, form, m.span(1)).strip())
        return True
    m = _BYLINE.match(text)
    if m:
        names, outlet = _split_names(_PARENS.sub("", m[1]))
        zone.authors.extend(names)
        zone.put("outlet", outlet)
        return bool(names)
    if _CREDIT_LINE.match(text):
        translated, edited = _TRANSLATED.search(text), _EDITED.search(text)
        if translated:
            zone.put("translator", translated["name"].rstrip("."))
            lang = (translated["lang"] or "").strip().casefold()
            zone.put("translated_from", _LANGUAGE_CODE.get(lang))
        if edited:
            zone.put("editor", edited["name"].rstrip("."))
        return bool(translated or edited)
    return False


def _put_value(zone: _Zone, name: str, value: str) -> bool:
    """Keep a labelled value if it looks like one (a name or a date, not a sentence)."""
    value = value.strip()
    if not value or length(value) > _VALUE_MAX_CHARS:
        return False
    if name == "published":
        date = find_date(value)
        zone.put(name, date[0] if date else None)
        return date is not None
    if ends_sentence(value) and len(value.split()) > 3:
        return False
    if name == "authors":
        names, _ = _split_names(value, cjk=True)
        zone.authors.extend(names)
        return bool(names)
    zone.put(name, value.rstrip("."))
    return True


def _bare_value(text: str, previous: str | None) -> list[tuple[str, str]] | None:
    """What a bare line in a header holds: a date (maybe with its outlet), an outlet,
    an editor or author names; None for anything else."""
    if length(text) > _VALUE_MAX_CHARS or ends_sentence(text):
        return None
    date = find_date(text)
    if date:
        a, b = date[1]
        before, after = text[:a].strip(), text[b:].strip(" :：|-–—()（）,")
        if length(after) > 12:
            return None
        outlet = _DATELINE_SEP.sub("", before)
        if not outlet or (len(outlet.split()) <= 2 and length(outlet) <= 12):
            return [("published", date[0])]  # "Updated 2025-03-12", "发布时间 …"
        if _DATELINE_SEP.search(before) and len(outlet.split()) <= 6:
            return [("outlet", outlet), ("published", date[0])]  # "Courier — 12 mars 2025"
        return None
    if _CJK_NAMES.match(text):
        return [("authors", text)]
    if _OUTLET_WORDS.search(text) and len(text.split()) <= 6 and _proper(text):
        return [("outlet", text)]
    if _PERSON.match(text) and _proper(text):
        # An outlet line then a person: the "Source / Editor" block without its labels.
        return [("editor" if previous == "outlet" else "authors", text)]
    return None


def _proper(text: str) -> bool:
    """A proper name's shape: every word capitalised but the small joining words."""
    if script_of(text) == "Hani":
        return length(text) <= 24
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    small = [w for w in words if not w[0].isupper()]
    return (
        bool(words)
        and all(w.lower() in _JOINERS for w in small)
        and not any(w.lower() in _FUNCTION_WORDS for w in words if w[0].isupper())
    )


def _split_names(text: str, cjk: bool = False) -> tuple[list[str], str | None]:
    """The names in a byline, and an outlet named beside them ("By A, Riverline Review").

    Names are empty unless every part is a person's name or an outlet.
    """
    text = text.strip().rstrip(".。;；")
    if cjk and script_of(text) == "Hani":
        return [n for n in re.split(r"[\s\u3000、，,]+", text) if n], None
    names, outlet = [], None
    for part in (p.strip() for p in _NAME_SPLIT.split(text) if p.strip()):
        if _OUTLET_WORDS.search(part) and _proper(part) and outlet is None:
            outlet = part
        elif _PERSON.match(part) or re.fullmatch(_NAME_WORD, part):
            names.append(part)
        else:
            return [], None
    return names, outlet


def _original(text: str, form: str, span: tuple[int, int]) -> str:
    """The original characters of a span found in the Simplified form (same length)."""
    source = text if len(text) == len(form) else form
    return source[span[0] : span[1]]


def _merge(meta: Metadata, zones: list[_Zone], titles: list[str]) -> None:
    """Fill the fields that are still empty, earlier zones first; the container's stay."""
    if meta.title is None and titles:
        meta.title = titles[0]
    for name in ("outlet", "published", "editor", "translator", "translated_from"):
        if getattr(meta, name) is None:
            setattr(meta, name, next((z.values[name] for z in zones if name in z.values), None))
    if not meta.authors:
        for zone in zones:
            authors = zone.authors or zone.fallback_authors
            if authors:
                meta.authors = list(dict.fromkeys(authors))
                break
