"""Raw input to a :class:`Document`: one paragraph per line, every line kept.

Plain text: each non-empty line is a paragraph.  HTML: trafilatura finds the
main text and the page metadata, but it drops what it thinks is clutter, and
newsloom never silently drops a line; so the page's full visible text is read
too, block by block in page order, and the lines trafilatura left out are kept
as boilerplate with reason ``html_clutter``.
"""

from __future__ import annotations

import dataclasses

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from newsloom.clean.dates import iso_from_meta
from newsloom.clean.lines import match_key
from newsloom.errors import InputError
from newsloom.model import Document, Metadata, Paragraph, RawInput, content_id, normalise_text
from newsloom.settings import Settings

HTML_CLUTTER = "html_clutter"

# Elements whose boundaries end a line of visible text.
# fmt: off
_BLOCK = frozenset([
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "td", "th", "tr", "ul",
])
# fmt: on
# Elements whose text is never visible.
_INVISIBLE = frozenset(
    ["head", "script", "style", "noscript", "template", "svg", "iframe", "object"]
)
# A page line this long that occurs inside the main text is main text, even where
# trafilatura split or joined lines differently.
_MIN_SUBSTRING_KEY = 25
_ZERO_WIDTH = "\ufeff\u200b\u200c\u200d\u2060"


class Parser:
    """Build a :class:`Document` from a :class:`RawInput` (text or HTML)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, raw: RawInput) -> Document:
        doc = Document(
            id=content_id(raw.content),
            source=raw.source,
            kind=raw.kind,
            encoding=raw.encoding,
            meta=_metadata_from_hints(raw.hints),
        )
        if raw.kind == "html":
            doc.paragraphs = _parse_html(raw, doc.meta)
        else:
            doc.paragraphs = [Paragraph(text=line) for line in text_lines(raw.content)]
        return doc


def text_lines(content: str) -> list[str]:
    """The non-empty lines of a text, stripped of outer and zero-width spaces."""
    out = []
    for line in content.splitlines():
        line = line.strip().strip(_ZERO_WIDTH).strip()
        if line:
            out.append(line)
    return out


def _metadata_from_hints(hints: dict[str, object]) -> Metadata:
    """Metadata the container gave, under Metadata field names; unknown keys are ignored."""
    meta = Metadata()
    names = {f.name for f in dataclasses.fields(Metadata)}
    for key, value in hints.items():
        if key not in names or value in (None, "", [], {}):
            continue
        if key == "authors" and isinstance(value, str):
            value = [value]
        setattr(meta, key, value)
    return meta


def _parse_html(raw: RawInput, meta: Metadata) -> list[Paragraph]:
    try:
        parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)
        root = lxml_html.document_fromstring(raw.content.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError("NL120", raw.source, detail=exc) from None
    _fill_page_metadata(root, raw.content, meta)
    lines = page_lines(root)
    extracted = trafilatura.bare_extraction(
        raw.content, with_metadata=False, include_comments=False, include_tables=True
    )
    main_text = getattr(extracted, "text", None) or ""
    if not main_text.strip():
        # trafilatura found no article: leave every line to the boilerplate rules.
        return [Paragraph(text=line) for line in lines]
    main_keys = {match_key(line.lstrip("-* ")) for line in main_text.splitlines()}
    main_keys.discard("")
    blob = match_key(main_text)
    title_key = match_key(meta.title) if meta.title else None
    paragraphs = []
    for line in lines:
        key = match_key(line)
        is_main = key in main_keys or (len(key) >= _MIN_SUBSTRING_KEY and key in blob)
        if not is_main and title_key and key == title_key:
            is_main, title_key = True, None  # the page's own title line, once
        paragraphs.append(
            Paragraph(text=line)
            if is_main
            else Paragraph(text=line, boilerplate=True, reason=HTML_CLUTTER)
        )
    return paragraphs


def page_lines(root: etree._Element) -> list[str]:
    """The visible text of a page, one line per block element, in page order."""
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = normalise_text("".join(buf)).strip(_ZERO_WIDTH)
        buf.clear()
        if text:
            lines.append(text)

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _INVISIBLE or not tag:
                walker.skip_subtree()
                continue
            if tag in _BLOCK:
                flush()
            if el.text:
                buf.append(el.text)
        else:
            if tag in _BLOCK:
                flush()
            if el.tail and el is not root:
                buf.append(el.tail)
    flush()
    return lines


def _fill_page_metadata(root: etree._Element, content: str, meta: Metadata) -> None:
    """Fill the fields the container left empty from the page's own metadata."""
    found = trafilatura.extract_metadata(root)
    if meta.title is None and found.title:
        meta.title = normalise_text(found.title)
    if not meta.authors and found.author:
        meta.authors = [a.strip() for a in found.author.split(";") if a.strip()]
    if meta.outlet is None and found.sitename:
        meta.outlet = normalise_text(found.sitename)
    if meta.url is None and found.url:
        meta.url = found.url
    if meta.published is None:
        stamps = root.xpath(
            "//meta[@property='article:published_time' or @itemprop='datePublished'"
            " or @name='pubdate' or @name='publishdate']/@content"
        )
        meta.published = next((iso for iso in map(iso_from_meta, stamps) if iso), None) or (
            iso_from_meta(found.date) if found.date else None
        )
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if meta.declared_lang is None and lang:
        meta.declared_lang = lang.split("-")[0].split("_")[0].lower() or None
