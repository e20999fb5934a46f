"""The demo corpus is self-consistent: what EXPECTED.json claims can be found in the files.

These checks need no newsloom reader: they decode each file with the encoding
EXPECTED.json declares and split it into lines the plainest way (text lines,
leaf HTML blocks, JSONL fields, feed items), so a broken gold file shows up
here and not as a mysterious low score in a later feature's test.
"""

from __future__ import annotations

import importlib.util
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from functools import cache
from pathlib import Path

import lxml.html
import opencc
import pytest

DEMO = Path(__file__).resolve().parents[1] / "demo"
CORPUS = DEMO / "corpus"
EXPECTED = json.loads((DEMO / "EXPECTED.json").read_text(encoding="utf-8"))
DOCS: dict[str, dict] = EXPECTED["documents"]

BLOCKS = {"div", "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "td", "blockquote"}
JSONL_FIELDS = {"text", "title", "url", "published", "source", "lang"}
SCRIPTS = {
    "Han": re.compile(r"[\u3400-\u9fff]"),
    "Cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "Latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
}
LANG_SCRIPT = {"zh": "Han", "ru": "Cyrillic", "en": "Latin", "fr": "Latin"}


def decoded(name: str) -> str:
    return (CORPUS / name).read_bytes().decode(EXPECTED["files"][name]["encoding"])


def html_lines(markup: str) -> list[str]:
    """The text of each innermost block element of the body, whitespace collapsed."""
    root = lxml.html.fromstring(markup)
    body = root.find("body")
    lines = []
    for el in (body if body is not None else root).iter():
        if not isinstance(el.tag, str) or el.tag not in BLOCKS:
            continue
        if any(isinstance(d.tag, str) and d.tag in BLOCKS for d in el.iterdescendants()):
            continue
        text = " ".join(el.text_content().split())
        if text:
            lines.append(text)
    return lines


def text_lines(text: str) -> list[str]:
    return [s for s in (line.strip() for line in text.splitlines()) if s]


def jsonl_records(name: str) -> list[dict]:
    return [json.loads(line) for line in decoded(name).splitlines() if line.strip()]


def feed_items(name: str) -> list[ET.Element]:
    return ET.fromstring(decoded(name).encode("utf-8")).findall("./channel/item")


@cache
def lines_of(ref: str) -> tuple[str, ...]:
    """The lines of one document: a file, ``FILE:LINE`` or ``FILE#N`` (both counted from 1)."""
    if m := re.fullmatch(r"(.+\.jsonl):(\d+)", ref):
        rec = jsonl_records(m[1])[int(m[2]) - 1]
        return (rec["title"], *text_lines(rec["text"]))
    if m := re.fullmatch(r"(.+\.(?:rss|xml))#(\d+)", ref):
        item = feed_items(m[1])[int(m[2]) - 1]
        return (item.findtext("title") or "", *html_lines(item.findtext("description") or ""))
    if EXPECTED["files"][ref]["format"] == "html":
        return tuple(html_lines(decoded(ref)))
    return tuple(text_lines(decoded(ref)))


def doc_of(ref: str) -> str:
    """The document part of a reference that may carry a ``#LANG`` suffix."""
    doc, _, lang = ref.rpartition("#")
    if doc and lang in LANG_SCRIPT:
        assert lang in DOCS[doc]["languages"], f"{ref}: {lang} is not a language of {doc}"
        return doc
    assert ref in DOCS, f"{ref} is not a document in EXPECTED.json"
    return ref


def script_of(text: str) -> str:
    counts = {name: len(rx.findall(text)) for name, rx in SCRIPTS.items()}
    return max(counts, key=lambda k: counts[k])


def matching(ref: str, prefix: str) -> list[str]:
    return [line for line in lines_of(ref) if line.startswith(prefix)]


def test_files_listed_are_the_corpus() -> None:
    assert set(EXPECTED["files"]) == {p.name for p in CORPUS.iterdir()}


@pytest.mark.parametrize("name", sorted(EXPECTED["files"]))
def test_file_decodes_strictly_in_its_declared_encoding(name: str) -> None:
    raw = (CORPUS / name).read_bytes()
    encoding = EXPECTED["files"][name]["encoding"]
    raw.decode(encoding)  # strict: raises on any byte the encoding does not define
    assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    if not encoding.startswith("utf-8"):
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")  # the file really exercises encoding detection


def test_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_demo", DEMO / "make_demo.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.write(tmp_path)
    assert {p.name for p in written} == set(EXPECTED["files"])
    for path in written:
        assert path.read_bytes() == (CORPUS / path.name).read_bytes(), path.name
        assert module.corpus()[path.name][0] == EXPECTED["files"][path.name]["encoding"]


def test_containers_hold_exactly_the_listed_documents() -> None:
    refs = set()
    for name, info in EXPECTED["files"].items():
        if info["format"] == "jsonl":
            for i, rec in enumerate(jsonl_records(name), 1):
                assert set(rec) == JSONL_FIELDS and all(isinstance(v, str) for v in rec.values())
                refs.add(f"{name}:{i}")
        elif info["format"] == "rss":
            items = feed_items(name)
            assert items and all(it.findtext("description") for it in items)
            refs.update(f"{name}#{i}" for i in range(1, len(items) + 1))
        else:
            refs.add(name)
    assert refs == set(DOCS)


@pytest.mark.parametrize("ref", sorted(DOCS))
def test_document_facts_fit_the_text(ref: str) -> None:
    doc = DOCS[ref]
    text = "\n".join(lines_of(ref))
    letters = {name: len(rx.findall(text)) for name, rx in SCRIPTS.items()}
    declared = {LANG_SCRIPT[lang] for lang in doc["languages"]}
    for name, n in letters.items():
        share = n / sum(letters.values())
        assert (share > 0.1) == (name in declared), f"{ref}: {name} share {share:.2f}"
    datetime.fromisoformat(doc["published"])
    for lang, title in doc["title"].items():
        assert lang in LANG_SCRIPT and any(title in line for line in lines_of(ref)), title


@pytest.mark.parametrize("ref", sorted(r for r, d in DOCS.items() if "zh" in d["languages"]))
def test_chinese_script_is_as_declared(ref: str) -> None:
    han = [line for line in lines_of(ref) if script_of(line) == "Han"]
    t2s = opencc.OpenCC("t2s")
    changed = sum(a != b for line in han for a, b in zip(line, t2s.convert(line), strict=True))
    total = sum(len(SCRIPTS["Han"].findall(line)) for line in han)
    if DOCS[ref]["script"] == "Hant":
        assert changed / total > 0.2
    else:
        assert changed == 0


def test_relations_and_stories_refer_to_documents() -> None:
    for rel in EXPECTED["relations"]:
        assert rel["type"] in {"duplicate", "translation_of"}
        assert doc_of(rel["a"]) and doc_of(rel["b"]) and rel["a"] != rel["b"]
    members = [m for story in EXPECTED["stories"] for m in story["members"]]
    assert sorted(members) == sorted(DOCS), "every document belongs to exactly one story"
    for story in EXPECTED["stories"]:
        assert story.get("related_to", 0) in range(len(EXPECTED["stories"]))
    for event in EXPECTED["events"]:
        datetime.fromisoformat(event["date"])
        for ref in event["documents"] + event.get("month_only", []):
            doc_of(ref)


@pytest.mark.parametrize("ref", sorted(EXPECTED["boilerplate_lines"]))
def test_boilerplate_prefix_matches_exactly_one_line(ref: str) -> None:
    for prefix in EXPECTED["boilerplate_lines"][ref]:
        assert len(matching(doc_of(ref), prefix)) == 1, f"{ref}: {prefix!r}"


def alignment_cases() -> list[tuple[str, str, list[list[str]]]]:
    cases = []
    for ref, pairs in EXPECTED["paragraph_alignment"].items():
        langs = DOCS[ref]["languages"]
        cases.append((f"{ref}#{langs[0]}", f"{ref}#{langs[1]}", pairs))
    cases += [(d["a"], d["b"], d["pairs"]) for d in EXPECTED["document_alignment"]]
    return cases


@pytest.mark.parametrize(("a", "b", "pairs"), alignment_cases())
def test_alignment_prefixes_match_one_line_in_the_right_language(
    a: str, b: str, pairs: list[list[str]]
) -> None:
    for side, ref in enumerate((a, b)):
        lang = ref.rpartition("#")[2]
        lines = [matching(doc_of(ref), pair[side]) for pair in pairs]
        for pair, found in zip(pairs, lines, strict=True):
            assert len(found) == 1, f"{ref}: {pair[side]!r} matches {len(found)} lines"
            assert script_of(found[0]) == LANG_SCRIPT[lang], found[0]
        if a.partition("#")[0] == b.partition("#")[0]:
            assert len({line[0] for line in lines}) == len(pairs)


def test_quotes_are_in_their_documents() -> None:
    speakers = {e["id"] for e in EXPECTED["entities"] if e["type"] == "PER"}
    starts = {q["starts"] for q in EXPECTED["quotes"]}
    for q in EXPECTED["quotes"]:
        assert q["speaker"] in speakers and q["kind"] in {"direct", "indirect"}
        text = "\n".join(lines_of(doc_of(q["document"])))
        assert text.count(q["starts"]) >= 1, f"{q['document']}: {q['starts']!r}"
        assert script_of(q["starts"]) == LANG_SCRIPT[q["lang"]]
        assert q.get("same_as", q["starts"]) in starts


def test_every_entity_appears_in_each_script_it_names() -> None:
    corpus = "\n".join(line for ref in DOCS for line in lines_of(ref))
    for entity in EXPECTED["entities"]:
        by_script: dict[str, list[str]] = {}
        for name in entity["names"]:
            by_script.setdefault(script_of(name), []).append(name)
        for script, names in by_script.items():
            assert any(n in corpus for n in names), f"{entity['id']}: no {script} name in corpus"
