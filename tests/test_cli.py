"""The command line, run in-process through ``main(argv)`` and, for kills, as a process."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsloom.cli import main
from newsloom.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
DEMO = ROOT / "demo" / "corpus"
sys.path.insert(0, str(ROOT / "bench"))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_corpus_ingests_and_lists(tmp_path, capsys):
    db = str(tmp_path / "n.db")
    code, out, err = run(capsys, "ingest", str(DEMO), "--db", db)
    assert code == 0, err
    assert out.startswith("16 new, 0 already stored, 0 rejected")
    code, out, _ = run(capsys, "docs", "--db", db, "--json")
    rows = json.loads(out)
    assert len(rows) == 16
    layouts = {Path(r["source"]).name: r["layout"] for r in rows}
    assert layouts["03_global_rivers_herald_bilingual.txt"] == "interleaved"
    assert layouts["08_hydropolitics_ru_en.txt"] == "blocks"
    code, out, _ = run(capsys, "show", str(DEMO / "05_arvena_round_hant.txt"), "--db", db, "--json")
    doc = json.loads(out)
    assert doc["script"] == "Hant" and doc["languages"] == ["zh"]
    assert {"id", "source", "title", "outlet", "published", "authors", "languages", "layout",
            "paragraphs"} <= set(doc)
    assert all({"text", "lang", "boilerplate"} <= set(p) for p in doc["paragraphs"])
    for m in doc["mentions"]:  # offsets point into their paragraph
        assert doc["paragraphs"][m["paragraph"]]["text"][m["start"] : m["end"]]
    assert any(m["type"] == "PER" for m in doc["mentions"])

    # Relations: exactly those in the demo's EXPECTED.json (a duplicate has no sides).
    code, out, _ = run(capsys, "relations", "--db", db, "--json")
    found = set()
    for r in json.loads(out):
        a = (Path(r["a"]["source"]).name, r["a"]["lang"])
        b = (Path(r["b"]["source"]).name, r["b"]["lang"])
        found.add((r["type"], *((a, b) if r["type"] != "duplicate" else sorted([a, b]))))
    expected = set()
    gold = json.loads((ROOT / "demo" / "EXPECTED.json").read_text("utf-8"))
    for r in gold["relations"]:
        sides = []
        for ref in (r["a"], r["b"]):
            name, _, lang = ref.partition("#")
            sides.append((name, lang or gold["documents"][name]["languages"][0]))
        a, b = sides
        expected.add((r["type"], *((a, b) if r["type"] != "duplicate" else sorted([a, b]))))
    assert found == expected


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not there")
def test_seeds_twice_store_five_documents(tmp_path, capsys):
    db = str(tmp_path / "n.db")
    assert run(capsys, "ingest", str(SEEDS), "--db", db)[0] == 0
    code, out, _ = run(capsys, "ingest", str(SEEDS), "--db", db, "--json")
    report = json.loads(out)
    assert code == 0
    assert (report["added"], report["existing"], report["failed"]) == (0, 5, 0)
    assert open_store(db).count() == 5


def test_bad_inputs_are_one_line_each_and_the_rest_is_stored(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Dam talks resume\n\nNegotiators met again on Tuesday to discuss the river.\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "lines.jsonl").write_text(
        '{"text": "The river rose by a metre overnight, officials said on Monday."}\n'
        "{not json\n",
        encoding="utf-8",
    )
    with open(folder / "huge.txt", "wb") as f:
        f.truncate(50 * 1024 * 1024)
    db = str(tmp_path / "n.db")
    code, out, err = run(capsys, "ingest", str(folder), "--db", db)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 4, err
    assert all(line.startswith("newsloom: [NL1") for line in lines)
    for name in ("empty.txt", "image.txt", "lines.jsonl:2", "huge.txt"):
        assert sum(name in line for line in lines) == 1, (name, err)
    assert "Traceback" not in err
    assert out.startswith("2 new, 0 already stored, 4 rejected")


def test_errors_as_json_and_exit_codes(tmp_path, capsys):
    db = str(tmp_path / "n.db")
    code, out, _ = run(capsys, "show", "nothing", "--db", db, "--json")
    assert code == 2
    body = json.loads(out)
    assert body["ok"] is False and body["errors"][0]["code"] == "NL304"
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 100)
    code, _, err = run(capsys, "docs", "--db", str(junk))
    assert code == 3 and err.count("\n") == 1 and "NL303" in err
    code, _, err = run(capsys, "ingest", str(tmp_path / "missing.txt"), "--db", db)
    assert code == 1 and "NL109" in err and "missing.txt" in err


def test_stdin_is_read_with_a_dash(tmp_path, capsys, monkeypatch):
    import io

    text = "Паводок на Лунаве\n\nВода поднялась на метр за ночь, сообщили в понедельник.\n"
    fake = io.TextIOWrapper(io.BytesIO(text.encode("koi8-r")))
    monkeypatch.setattr(sys, "stdin", fake)
    db = str(tmp_path / "n.db")
    code, _, err = run(capsys, "ingest", "-", "--db", db)
    assert code == 0, err
    code, out, _ = run(capsys, "show", "-", "--db", db, "--json")
    assert json.loads(out)["languages"] == ["ru"]


def test_config_shows_effective_settings(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("NEWSLOOM_CLEAN__RECURRING_MIN_DOCS", "5")
    code, out, _ = run(capsys, "config", "--json", "--db", str(tmp_path / "n.db"))
    assert code == 0 and json.loads(out)["clean"]["recurring_min_docs"] == 5
    monkeypatch.setenv("NEWSLOOM_CLEAN__NO_SUCH_KEY", "1")
    code, _, err = run(capsys, "config", "--db", str(tmp_path / "n.db"))
    assert code == 2 and "clean.no_such_key" in err


@pytest.mark.slow
def test_a_killed_ingest_leaves_whole_documents_and_resumes(tmp_path):
    from synth import write_corpus

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 60)
    db = tmp_path / "n.db"
    cmd = [sys.executable, "-m", "newsloom.cli", "ingest", str(corpus), "--db", str(db)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    while proc.poll() is None and stored < 5:
        time.sleep(0.2)
        if db.exists():
            try:
                con = sqlite3.connect(db, timeout=5)
                stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
                con.close()
            except sqlite3.OperationalError:
                stored = 0
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    before = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 5 <= before < 60
    empty = con.execute(
        "SELECT count(*) FROM documents d WHERE NOT EXISTS"
        " (SELECT 1 FROM paragraphs p WHERE p.doc_id = d.id)"
    ).fetchone()[0]
    assert empty == 0
    con.close()
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{60 - before} new, {before} already stored, 0 rejected")
