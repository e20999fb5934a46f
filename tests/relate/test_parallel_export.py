"""`newsloom align` and `newsloom export parallel` on the demo corpus."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from lxml import etree

from newsloom.cli import main

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "demo" / "EXPECTED.json").read_text("utf-8"))
DEMO = ROOT / "demo" / "corpus"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_align_a_bilingual_document_pairs_every_gold_paragraph(demo_db, capsys):
    name = "03_global_rivers_herald_bilingual.txt"
    code, out, err = run(capsys, "align", str(DEMO / name), "--db", str(demo_db), "--json")
    assert code == 0, err
    result = json.loads(out)
    assert {result["a"]["lang"], result["b"]["lang"]} == {"zh", "en"}
    zh_side = "a" if result["a"]["lang"] == "zh" else "b"
    en_side = "b" if zh_side == "a" else "a"
    pairs = [(p[f"{zh_side}_text"], p[f"{en_side}_text"]) for p in result["paragraphs"]]
    gold = GOLD["paragraph_alignment"][name]
    for zh_prefix, en_prefix in gold:
        assert any(
            any(line.startswith(zh_prefix) for line in zh.split("\n"))
            and any(line.startswith(en_prefix) for line in en.split("\n"))
            for zh, en in pairs
        ), (zh_prefix, en_prefix)
    # Sentence pairs carry [paragraph, sentence] places and scores.
    assert all(len(place) == 2 for p in result["sentences"] for place in p["a"] + p["b"])


def test_align_two_documents_with_languages_named(demo_db, capsys):
    a = str(DEMO / "01_northern_meridian_tarvik_deal.html") + ":en"
    b = str(DEMO / "02_tarvik_deal_ru_translation.txt") + ":ru"
    code, out, _ = run(capsys, "align", a, b, "--db", str(demo_db), "--json")
    assert code == 0
    result = json.loads(out)
    aligned = [p for p in result["sentences"] if p["a"] and p["b"]]
    assert len(aligned) >= 10 and all(p["score"] > 0.3 for p in aligned)
    code, _, err = run(capsys, "align", str(DEMO / "06_east_bank_news_hans.txt"), "--db",
                       str(demo_db))
    assert code == 2 and "NL205" in err
    code, _, err = run(capsys, "align", a.replace(":en", ":ko"), "--db", str(demo_db))
    assert code == 2 and "NL206" in err


def test_export_parallel_tmx_is_tmx_14_with_language_codes(demo_db, tmp_path, capsys):
    out = tmp_path / "corpus.tmx"
    code, _, err = run(capsys, "export", "parallel", "--format", "tmx", "-o", str(out),
                       "--db", str(demo_db))
    assert code == 0, err
    tree = etree.parse(str(out))
    root = tree.getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for attr in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang",
                 "srclang", "datatype"):
        assert header.get(attr), attr
    units = root.findall("body/tu")
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    pairs = {tuple(sorted(t.get(xml_lang) for t in tu.findall("tuv"))) for tu in units}
    assert pairs == {("en", "zh"), ("en", "ru")}
    assert all(tuv.findtext("seg").strip() for tu in units for tuv in tu.findall("tuv"))
    n = int(err.split()[0])
    assert n == len(units) >= 60


def test_export_parallel_tsv_and_jsonl_hold_the_same_pairs(demo_db, tmp_path, capsys):
    tsv, jsonl = tmp_path / "c.tsv", tmp_path / "c.jsonl"
    run(capsys, "export", "parallel", "--format", "tsv", "-o", str(tsv), "--db", str(demo_db))
    run(capsys, "export", "parallel", "--format", "jsonl", "-o", str(jsonl), "--db",
        str(demo_db))
    with tsv.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    lines = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines()]
    assert len(rows) == len(lines) > 0
    assert [(r["a_lang"], r["b_lang"]) for r in rows] == [
        (x["a"]["lang"], x["b"]["lang"]) for x in lines
    ]
