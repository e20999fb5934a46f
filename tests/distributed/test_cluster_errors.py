"""Cluster addresses, settings and errors: what a user gets wrong, without starting workers."""

from __future__ import annotations

import pickle
import socket

import pytest

from newsloom.cli import main
from newsloom.distributed import ClusterAddress, connect, parse_address
from newsloom.distributed.runner import worker_settings
from newsloom.errors import ClusterError, ConfigError, InputError
from newsloom.settings import Settings


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("local:2", ClusterAddress(local_workers=2)),
        ("tcp://10.0.0.5:8786", ClusterAddress(scheduler="tcp://10.0.0.5:8786")),
        ("sched.example.org:8786", ClusterAddress(scheduler="tcp://sched.example.org:8786")),
        ("tls://[::1]:8786", ClusterAddress(scheduler="tls://[::1]:8786")),
    ],
)
def test_addresses_are_read(address, expected):
    assert parse_address(address) == expected


@pytest.mark.parametrize("address", ["local:0", "local:x", "http://h:8786", "h", "tcp://h:70000"])
def test_a_bad_address_is_nl270(address):
    with pytest.raises(ConfigError) as info:
        parse_address(address)
    assert info.value.code == "NL270" and address in str(info.value)


def test_cli_reports_a_bad_address_in_one_line(tmp_path, capsys):
    code = main(["ingest", "--db", str(tmp_path / "n.db"), "--cluster", "nowhere", "x.txt"])
    err = capsys.readouterr().err
    assert code == 2 and "NL270" in err and "Traceback" not in err


def test_no_scheduler_is_nl271():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = Settings({"cluster": {"connect_timeout_s": 1.0}})
    with pytest.raises(ClusterError) as info, connect(f"tcp://127.0.0.1:{port}", settings):
        pass
    assert info.value.code == "NL271" and info.value.exit_code == 3


def test_a_bad_cluster_setting_is_nl273():
    with pytest.raises(ConfigError) as info:
        worker_settings(Settings({"cluster": {"blas_threads": 0}}))
    assert info.value.code == "NL273"


def test_workers_get_their_blas_threads_unless_set():
    assert worker_settings(Settings()).get("embed", "threads") == 1
    assert worker_settings(Settings({"embed": {"threads": 3}})).get("embed", "threads") == 3


def test_an_input_error_survives_the_trip_from_a_worker():
    err = pickle.loads(pickle.dumps(InputError("NL107", "a.txt")))
    assert isinstance(err, InputError) and isinstance(err, ValueError)
    assert (err.code, err.where, str(err)) == ("NL107", "a.txt", str(InputError("NL107", "a.txt")))
