"""A throwaway PostgreSQL server with pgvector for the PostgreSQL store tests.

The binaries come from the ``pgserver`` wheel (PostgreSQL 16 with pgvector built in;
Debian's packages lack pgvector). PostgreSQL refuses to run as root, so under root (here
and in CI) initdb and the server run as the ``postgres`` system user, in a data folder
that user owns. One server per session on a free local port; one fresh database per test.
Every test here is skipped when no server can be started.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

psycopg = pytest.importorskip("psycopg")
pytest.importorskip("pgvector")


def _bin_dir() -> Path | None:
    spec = importlib.util.find_spec("pgserver")
    if spec is None or not spec.submodule_search_locations:
        return None
    found = Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"
    return found if (found / "postgres").exists() else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """initdb + pg_ctl in a temporary folder; ``database()`` hands out fresh databases."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.as_user: list[str] = []
        owner = None
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                pytest.skip("running as root and there is no 'postgres' user to run PostgreSQL")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.home = Path(tempfile.mkdtemp(prefix="nlpg-"))  # short: it holds the socket
        if owner is not None:
            os.chown(self.home, owner.pw_uid, owner.pw_gid)
        self.data = self.home / "data"
        self.log = self.home / "log"
        self.port = _free_port()
        self._names = itertools.count()

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run(
            [*self.as_user, str(self.bin / tool), *args],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--encoding=UTF8", "--no-sync")  # fmt: skip
        options = (
            f"-p {self.port} -k {self.home} -c listen_addresses=127.0.0.1"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options,
                  "-w", "-t", "60", "start")  # fmt: skip

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.home, ignore_errors=True)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def database(self) -> str:
        """A new empty database; its URL."""
        name = f"t{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.skip("no PostgreSQL binaries (install the pgserver wheel, a dev dependency)")
    cluster = Cluster(bin_dir)
    try:
        cluster.start()
    except (OSError, subprocess.SubprocessError) as exc:
        log = cluster.log.read_text(errors="replace")[-500:] if cluster.log.exists() else ""
        shutil.rmtree(cluster.home, ignore_errors=True)
        pytest.skip(f"cannot start PostgreSQL: {exc} {log}")
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """The URL of a fresh, empty database, dropped after the test."""
    url = pg_cluster.database()
    yield url
    pg_cluster.drop(url)
