"""API fixtures: a read-only client over the demo store, and apps over private copies of it."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsloom.api.app import create_app
from newsloom.settings import Settings


@pytest.fixture(scope="session")
def client(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """Reads only, over a copy: search writes its vector index file beside the store."""
    db = tmp_path_factory.mktemp("api-read") / "demo.db"
    shutil.copyfile(demo_db, db)
    with TestClient(create_app(db, Settings())) as c:
        yield c


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Callable[[], Path]:
    """A private copy of the demo store, for tests that write."""

    def make() -> Path:
        target = tmp_path / "demo-copy.db"
        shutil.copyfile(demo_db, target)
        return target

    return make
