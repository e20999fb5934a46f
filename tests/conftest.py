"""Shared fixtures: the demo corpus ingested once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.service import Ingestor
from newsloom.settings import Settings
from newsloom.store import open_store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A store holding the demo corpus, built with the default pipeline."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(path)
    report = Ingestor(store, Settings()).ingest([str(ROOT / "demo" / "corpus")])
    store.close()
    assert report.ok, report.errors
    return path
