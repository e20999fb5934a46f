"""Web desk fixtures: the app served by uvicorn on a loopback port, and a headless Chromium.

The browser tests skip when Python playwright or a Chromium binary is missing;
the page tests (``TestClient``) need neither.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from newsloom.api.app import create_app
from newsloom.service import Ingestor
from newsloom.settings import Settings
from newsloom.store import open_store

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class LiveServer:
    """An app served by uvicorn in a background thread, on a free loopback port."""

    def __init__(self, db: Path) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            create_app(db, Settings()), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}"
        self.added: list[str] = []

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def copy_store(source: Path, target: Path) -> Path:
    """A consistent copy of a SQLite store (the backup API, so a WAL is taken along)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


@pytest.fixture(scope="module")
def serve_with(demo_db: Path, tmp_path_factory) -> Callable[[list[Path]], LiveServer]:
    """``serve_with(files)``: a server over a copy of the demo store with ``files`` ingested.

    The server's ``added`` lists the ids of the documents the files became.
    """

    def make(files: list[Path]) -> LiveServer:
        db = copy_store(demo_db, tmp_path_factory.mktemp("desk") / "copy.db")
        store = open_store(db)
        try:
            report = Ingestor(store, Settings()).ingest([str(f) for f in files])
        finally:
            store.close()
        assert report.ok and report.added, report.errors
        server = LiveServer(db)
        server.added = report.added
        return server

    return make


@pytest.fixture(scope="session")
def pages(demo_db: Path) -> Iterator[TestClient]:
    """In-process client over the demo store, for the page tests without a browser."""
    with TestClient(create_app(demo_db, Settings())) as client:
        yield client


@pytest.fixture(scope="session")
def live(demo_db: Path) -> Iterator[LiveServer]:
    """The desk over the demo store, served on a loopback port."""
    with LiveServer(demo_db) as server:
        yield server


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """A headless Chromium driven by playwright; skips when either is missing."""
    sync_api = pytest.importorskip("playwright.sync_api")
    binary = os.environ.get("NEWSLOOM_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(binary).is_file():
        pytest.skip(f"no Chromium at {binary}")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=binary, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def dialogs() -> list[str]:
    """Messages of the dialogs the page opened: an alert means an article's script ran."""
    return []


@pytest.fixture
def page(chromium, dialogs: list[str]) -> Iterator[object]:
    """A fresh page in its own context; dialogs are recorded and dismissed."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Callable[[str], Path]:
    """Where screenshots go: ``$NEWSLOOM_ARTIFACTS`` or ``tests/artifacts/``."""
    folder = Path(os.environ.get("NEWSLOOM_ARTIFACTS") or ROOT / "tests" / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return lambda name: folder / name
