"""Where the workers are: read a cluster address, then start or reach the scheduler."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from distributed import Client, LocalCluster

from newsloom.errors import ClusterError, ConfigError
from newsloom.settings import Settings

_LOCAL = re.compile(r"^local:(\d+)$")
_REMOTE = re.compile(r"^(?:(tcp|tls|ws|wss)://)?(\[[0-9a-fA-F:.]+\]|[\w.-]+):(\d{1,5})$")


@dataclass(frozen=True)
class ClusterAddress:
    """A scheduler to reach (``scheduler``) or a local cluster of ``local_workers`` processes."""

    scheduler: str | None = None
    local_workers: int = 0


def parse_address(address: str) -> ClusterAddress:
    """``tcp://HOST:PORT`` (also tls, ws, wss; bare ``HOST:PORT`` means tcp) or ``local:N``.

    >>> parse_address("local:2")
    ClusterAddress(scheduler=None, local_workers=2)
    >>> parse_address("10.0.0.5:8786").scheduler
    'tcp://10.0.0.5:8786'

    Raises:
        ConfigError: anything else, or N < 1, or a port over 65535 (NL270).
    """
    text = address.strip()
    if m := _LOCAL.match(text):
        workers = int(m[1])
        if workers < 1:
            raise ConfigError("NL270", None, address=address, detail="local:N needs N >= 1")
        return ClusterAddress(local_workers=workers)
    if m := _REMOTE.match(text):
        if not 0 < int(m[3]) < 65536:
            raise ConfigError("NL270", None, address=address, detail=f"port {m[3]} is out of range")
        return ClusterAddress(scheduler=f"{m[1] or 'tcp'}://{m[2]}:{m[3]}")
    raise ConfigError("NL270", None, address=address, detail="not a scheduler address")


def cluster_setting(settings: Settings, key: str, low: float) -> float:
    """A numeric ``[cluster]`` setting, checked to be at least ``low`` (NL273)."""
    value = settings.get("cluster", key)
    if value < low:
        raise ConfigError("NL273", None, key=key, expected=f"at least {low}", value=value)
    return value


@contextmanager
def connect(address: str, settings: Settings) -> Iterator[Client]:
    """A ``distributed.Client`` on the cluster at ``address``, closed (with a local cluster) after.

    ``local:N`` starts N worker processes of one thread each (a worker runs one document
    at a time whatever its threads; see :mod:`newsloom.distributed.worker`). A remote
    scheduler must have at least one worker within ``cluster.connect_timeout_s``.

    Raises:
        ConfigError: a bad address (NL270) or ``[cluster]`` setting (NL273).
        ClusterError: no scheduler, or no worker, answered in time (NL271).
    """
    spec = parse_address(address)
    timeout = cluster_setting(settings, "connect_timeout_s", 0.001)
    cluster = None
    try:
        if spec.local_workers:
            cluster = LocalCluster(
                n_workers=spec.local_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster, timeout=timeout)
        else:
            client = Client(spec.scheduler, timeout=timeout)
            client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ClusterError("NL271", None, address=address, detail=detail) from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
