"""Kinds, JSON lines, feeds, folders and stdin, each from files written here."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsloom.errors import InputError
from newsloom.ingest import iter_inputs
from newsloom.model import RawInput
from newsloom.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Bridge opens</title></head>
<body><h1>Bridge opens</h1><p>The new bridge opened on Monday after three years of work.</p>
</body></html>
"""
RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>River Town Courier</title>
  <link>https://courier.example/</link>
  <language>en</language>
  <item>
    <title>Bridge opens after three years</title>
    <link>https://courier.example/bridge</link>
    <pubDate>Tue, 03 Jun 2025 09:30:00 +0300</pubDate>
    <dc:creator>Anna Fields</dc:creator>
    <description>&lt;p&gt;The bridge opened on &lt;b&gt;Monday&lt;/b&gt;.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Market day moves</title>
    <link>https://courier.example/market</link>
    <description>The weekly market moves to Saturday from next month.</description>
  </item>
</channel>
</rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh">
  <title>河城日报</title>
  <id>urn:example:river</id>
  <updated>2025-06-04T08:00:00Z</updated>
  <entry>
    <title>新桥通车</title>
    <id>urn:example:river:1</id>
    <link href="https://river.example/1"/>
    <published>2025-06-04T08:00:00+08:00</published>
    <author><name>李明</name></author>
    <author><name>王芳</name></author>
    <content type="html">&lt;p&gt;新桥今天正式通车，市民排队过桥。&lt;/p&gt;</content>
  </entry>
</feed>
"""


def run(paths: list[str], stdin: io.BytesIO | None = None) -> list[RawInput | InputError]:
    return list(iter_inputs(paths, Settings(), stdin=stdin))


def only_inputs(items: list[RawInput | InputError]) -> list[RawInput]:
    errors = [i for i in items if isinstance(i, InputError)]
    assert not errors, errors
    return [i for i in items if isinstance(i, RawInput)]


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("plain.txt", "A plain article.\n\nSecond paragraph.", "text"),
        ("page.txt", PAGE, "html"),
        ("page.html", PAGE, "html"),
        ("notes.html", "No markup here at all, only words.", "text"),
        ("data.xml", '<?xml version="1.0"?><report><p>Figures</p></report>', "html"),
        ("noext", PAGE, "html"),
        ("mentions-tags.txt", "Use <b> for bold, the memo said.", "text"),
    ],
)
def test_kind_is_sniffed(tmp_path: Path, name: str, content: str, kind: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    [raw] = only_inputs(run([str(path)]))
    assert raw.kind == kind
    assert raw.container == "file"
    assert raw.source == str(path)


@pytest.mark.parametrize("name", ["feed.xml", "feed.txt", "feed.rss"])
def test_a_feed_is_sniffed_whatever_its_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(RSS, encoding="utf-8")
    items = only_inputs(run([str(path)]))
    assert [i.container for i in items] == ["feed", "feed"]


def test_json_lines_are_sniffed_in_a_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    lines = [{"text": "First story."}, {"html": "<p>Second story.</p>"}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    items = only_inputs(run([str(path)]))
    assert [(i.source, i.kind, i.container) for i in items] == [
        (f"{path}:1", "text", "jsonl"),
        (f"{path}:2", "html", "jsonl"),
    ]


def test_jsonl_fields_become_hints(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    line = {
        "text": "Снег выпал в Москве.\r\nДороги замело.",
        "title": "Снег",
        "url": "https://news.example/snow",
        "published": "2025-01-12T07:00:00+03:00",
        "source": "Городская газета",
        "lang": "ru",
        "authors": ["Иван Петров", " "],
    }
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    [raw] = only_inputs(run([str(path)]))
    assert raw.content == "Снег выпал в Москве.\nДороги замело."
    assert raw.encoding == "utf-8"
    assert raw.hints == {
        "title": "Снег",
        "url": "https://news.example/snow",
        "published": "2025-01-12T07:00:00+03:00",
        "outlet": "Городская газета",
        "declared_lang": "ru",
        "authors": ["Иван Петров"],
    }


def test_jsonl_authors_may_be_one_string(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"text": "Story.", "authors": "Anna Fields"}), encoding="utf-8")
    [raw] = only_inputs(run([str(path)]))
    assert raw.hints["authors"] == ["Anna Fields"]


@pytest.mark.parametrize(
    ("bad_line", "code"),
    [
        ('{"text": "unterminated', "NL105"),
        ('["a list", "not an object"]', "NL105"),
        ('{"title": "only a title"}', "NL106"),
        ('{"text": "   "}', "NL106"),
        ('{"text": 42}', "NL111"),
        ('{"text": "ok", "authors": [1, 2]}', "NL111"),
        ('{"text": "ok", "title": ["x"]}', "NL111"),
    ],
)
def test_one_malformed_jsonl_line_is_reported_and_the_rest_carry_on(
    tmp_path: Path, bad_line: str, code: str
) -> None:
    path = tmp_path / "batch.jsonl"
    good = [json.dumps({"text": f"Story number {n}."}) for n in range(4)]
    path.write_text("\n".join([*good[:2], bad_line, "", *good[2:]]) + "\n", encoding="utf-8")
    items = run([str(path)])
    inputs = [i for i in items if isinstance(i, RawInput)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(inputs) == 4
    assert [e.code for e in errors] == [code]
    assert errors[0].where == f"{path}:3"
    assert f"{path}:3" in str(errors[0])
    assert [i.source for i in inputs] == [f"{path}:{n}" for n in (1, 2, 5, 6)]


def test_rss_items_carry_hints(tmp_path: Path) -> None:
    path = tmp_path / "courier.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = only_inputs(run([str(path)]))
    assert first.source == f"{path}#1"
    assert first.kind == "html"
    assert "<b>Monday</b>" in first.content
    assert first.hints == {
        "title": "Bridge opens after three years",
        "url": "https://courier.example/bridge",
        "published": "2025-06-03T09:30:00+03:00",
        "outlet": "River Town Courier",
        "authors": ["Anna Fields"],
        "declared_lang": "en",
    }
    assert second.source == f"{path}#2"
    assert second.kind == "text"
    assert second.content == "The weekly market moves to Saturday from next month."
    assert "published" not in second.hints


def test_atom_entries_carry_hints(tmp_path: Path) -> None:
    path = tmp_path / "river.atom"
    path.write_text(ATOM, encoding="utf-8")
    [entry] = only_inputs(run([str(path)]))
    assert entry.kind == "html"
    assert "新桥今天正式通车" in entry.content
    assert entry.hints["title"] == "新桥通车"
    assert entry.hints["url"] == "https://river.example/1"
    assert entry.hints["published"] == "2025-06-04T08:00:00+08:00"
    assert entry.hints["outlet"] == "河城日报"
    assert entry.hints["authors"] == ["李明", "王芳"]


def test_a_legacy_encoded_feed_is_decoded_by_its_declaration(tmp_path: Path) -> None:
    rss = RSS.replace('encoding="utf-8"', 'encoding="windows-1251"').replace(
        "River Town Courier", "Речной курьер"
    )
    path = tmp_path / "courier.xml"
    path.write_bytes(rss.encode("cp1251"))
    items = only_inputs(run([str(path)]))
    assert items[0].encoding == "cp1251"
    assert items[0].hints["outlet"] == "Речной курьер"


def test_folders_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/z.txt", "a/deep/m.txt", "c.txt", ".hidden.txt", ".git/x.txt"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Story in {rel}.", encoding="utf-8")
    items = only_inputs(run([str(tmp_path)]))
    names = [Path(i.source).relative_to(tmp_path).as_posix() for i in items]
    assert names == ["a/deep/m.txt", "a/z.txt", "b.txt", "c.txt"]


def test_stdin_is_read_and_sniffed() -> None:
    [raw] = only_inputs(run(["-"], stdin=io.BytesIO(PAGE.encode("utf-16"))))
    assert (raw.source, raw.kind, raw.container, raw.encoding) == ("-", "html", "stdin", "utf-16")

    lines = io.BytesIO(b'{"text": "one"}\n{"text": "two"}\n')
    assert [i.source for i in only_inputs(run(["-"], stdin=lines))] == ["-:1", "-:2"]


def test_the_seeds_decode_as_utf8() -> None:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds absent")
    items = only_inputs(run([str(SEEDS)]))
    assert len(items) == 5
    for raw in items:
        assert raw.encoding == "utf-8"
        assert raw.kind == "text"
        assert raw.content == (SEEDS / Path(raw.source).name).read_text("utf-8").replace(
            "\r\n", "\n"
        )


def test_a_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("A story.", encoding="utf-8")
    (tmp_path / "news" / "again").symlink_to(tmp_path / "news")
    items = only_inputs(run([str(tmp_path / "news")]))
    assert [Path(i.source).name for i in items] == ["a.txt"]
