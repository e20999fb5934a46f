"""`newsloom serve`: a real uvicorn process over a store, and its refusals."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time

import httpx

from newsloom.cli import main


def test_serve_refuses_a_memory_store(capsys):
    assert main(["serve", "--db", ":memory:"]) == 2
    assert "NL254" in capsys.readouterr().err


def test_serve_answers_over_http_with_a_token(demo_db, tmp_path):
    db = tmp_path / "demo.db"
    shutil.copyfile(demo_db, db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "newsloom.cli", "serve", "--db", str(db), "--port", str(port),
           "--token", "t0k"]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                health = httpx.get(f"{base}/api/health", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        assert health.json()["documents"] == 16 and health.json()["write_token"] is True
        refused = httpx.post(f"{base}/api/recluster", timeout=10)
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "NL251"
        assert httpx.get(f"{base}/openapi.json", timeout=10).json()["info"]["title"] == "newsloom"
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    assert "serving" in proc.stderr.read().decode()
