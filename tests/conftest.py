"""Shared fixtures: the demo corpus and the seeds, each ingested once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.service import Ingestor
from newsloom.settings import Settings
from newsloom.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _ingest(path: Path, source: Path) -> Path:
    store = open_store(path)
    report = Ingestor(store, Settings()).ingest([str(source)])
    store.close()
    assert report.ok, report.errors
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A store holding the demo corpus, built with the default pipeline."""
    return _ingest(tmp_path_factory.mktemp("demo") / "demo.db", ROOT / "demo" / "corpus")


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> Path:
    """A store holding the five seed articles (skips when ../shared is absent)."""
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    return _ingest(tmp_path_factory.mktemp("seeds") / "seeds.db", seeds)
