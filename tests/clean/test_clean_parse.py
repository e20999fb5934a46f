"""Parsing: text lines become paragraphs; HTML keeps every visible line, clutter marked."""

from __future__ import annotations

import pytest

from newsloom.clean.boilerplate import Boilerplate
from newsloom.clean.metadata import MetadataReader
from newsloom.clean.parse import Parser
from newsloom.errors import InputError
from newsloom.model import RawInput, content_id
from newsloom.settings import Settings

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><title>Harbour bridge reopens | Coastline Courier</title>
<meta property="og:title" content="Harbour bridge reopens after two years">
<meta name="author" content="Mara Quill">
<meta property="article:published_time" content="2023-05-04T09:30:00+01:00">
<meta property="og:site_name" content="Coastline Courier">
<link rel="canonical" href="https://courier.example/bridge">
<script>var tracking = "not text";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Harbour bridge reopens after two years</h1>
<p class="byline">By Mara Quill</p><p class="date">4 May 2023</p>
<p>The old harbour bridge opened to traffic again on Thursday morning, two years after
engineers closed it over corroded cables &amp; worn joints.</p>
<p>Local shop owners said the closure had cut their trade by nearly a third, and several
welcomed the first cars with <b>coffee</b> and music.</p>
<p>The council expects about twelve thousand vehicles a day to use the crossing once the
summer season begins.</p>
</article>
<footer><p>&copy; 2023 Coastline Courier. All rights reserved.</p><a href="/privacy">Privacy</a>
</footer></body></html>"""


def test_plain_text_lines() -> None:
    content = "\ufeffA title line  \n\n   First paragraph of the story.\r\n\n\nSecond one.\n"
    doc = Parser(Settings())(
        RawInput(
            "news/a.txt",
            "text",
            content,
            "utf-8",
            hints={"outlet": "Coastline Courier", "authors": ["Mara Quill"]},
        )
    )
    assert [p.text for p in doc.paragraphs] == [
        "A title line",
        "First paragraph of the story.",
        "Second one.",
    ]
    assert doc.id == content_id(content)
    assert (doc.source, doc.kind, doc.encoding) == ("news/a.txt", "text", "utf-8")
    assert (doc.meta.outlet, doc.meta.authors) == ("Coastline Courier", ["Mara Quill"])


def test_html_page_main_text_nav_and_metadata() -> None:
    settings = Settings()
    doc = Parser(settings)(RawInput("news/bridge.html", "html", PAGE, "utf-8"))
    doc = MetadataReader(settings)(Boilerplate(settings)(doc))
    texts = [p.text for p in doc.paragraphs]
    assert texts[:4] == ["Home", "World", "Sport", "Harbour bridge reopens after two years"]
    assert not any("tracking" in t or "<" in t for t in texts)
    body = [p for p in doc.paragraphs if p.is_content]
    assert len(body) == 3
    assert body[0].text.endswith("corroded cables & worn joints.")
    assert "with coffee and music" in body[1].text
    clutter = {p.text: p.reason for p in doc.paragraphs if p.boilerplate}
    assert clutter == {
        "Home": "html_clutter",
        "World": "html_clutter",
        "Sport": "html_clutter",
        "© 2023 Coastline Courier. All rights reserved.": "copyright",
        "Privacy": "html_clutter",
    }
    assert doc.paragraphs[3].role == "title"
    head = [(p.text, p.role, p.boilerplate) for p in doc.paragraphs[4:6]]
    assert head == [("By Mara Quill", "header", False), ("4 May 2023", "header", False)]
    m = doc.meta
    assert (m.title, m.outlet, m.authors) == (
        "Harbour bridge reopens after two years",
        "Coastline Courier",
        ["Mara Quill"],
    )
    assert (m.published, m.url, m.declared_lang) == (
        "2023-05-04T09:30:00+01:00",
        "https://courier.example/bridge",
        "en",
    )


def test_html_without_article_leaves_lines_to_the_rules() -> None:
    page = "<html><body><ul><li>Home</li><li>Read more</li></ul></body></html>"
    settings = Settings()
    doc = Boilerplate(settings)(Parser(settings)(RawInput("a.html", "html", page, "utf-8")))
    assert [(p.text, p.reason) for p in doc.paragraphs] == [
        ("Home", None),
        ("Read more", "read_more"),
    ]


def test_unparsable_html_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"\[NL120\] empty.html: cannot parse the HTML"):
        Parser(Settings())(RawInput("empty.html", "html", "   ", "utf-8"))
