"""Each kind of bad input yields exactly one coded error naming the file, and no traceback."""

from __future__ import annotations

import gzip
import io
import os
import random
import zlib
from pathlib import Path

import pytest

from newsloom.errors import InputError
from newsloom.ingest import files, iter_inputs
from newsloom.model import RawInput
from newsloom.settings import Settings


def png_bytes() -> bytes:
    """A real 1x1 PNG, built here."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def random_bytes(n: int) -> bytes:
    rng = random.Random(7)
    return bytes(rng.randrange(256) for _ in range(n))


def one_error(path: Path, settings: Settings | None = None) -> InputError:
    items = list(iter_inputs([str(path)], settings or Settings()))
    assert len(items) == 1, items
    [error] = items
    assert isinstance(error, InputError), error
    assert str(path) in str(error)
    assert "\n" not in str(error)
    return error


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "NL101"),
        ("blank.txt", b"  \n\t\r\n  ", "NL101"),
        ("blank16.txt", " \n \n".encode("utf-16"), "NL101"),
        ("image.png", png_bytes(), "NL102"),
        ("image.txt", png_bytes(), "NL102"),
        ("story.txt.gz", gzip.compress(b"A story that was zipped." * 20), "NL102"),
        ("noise.bin", random_bytes(4096), "NL102"),
        ("control.txt", b"ab\x01\x02\x03\x04cd\x05\x06\x07\x08" * 50, "NL102"),
        ("broken-bom.txt", b"\xef\xbb\xbfgood start \xff\xfe bad end", "NL103"),
        ("broken.rss", b"<rss version='2.0'><channel><title>x</title>\n<item <<<", "NL108"),
        ("notxml.atom", b"Just a sentence, not a feed.", "NL108"),
        ("empty.jsonl", b"\n\n   \n", "NL101"),
    ],
)
def test_bad_file_yields_one_error(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert one_error(path).code == code


def test_text_no_candidate_encoding_reads_is_undecodable(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes("Цена: 100 рублей.".encode("cp1251") + b"\x98\x98")
    settings = Settings({"ingest": {"legacy_encodings": ["cp1251"]}})
    error = one_error(path, settings)
    assert error.code == "NL103"


def test_missing_path(tmp_path: Path) -> None:
    error = one_error(tmp_path / "nowhere.txt")
    assert error.code == "NL109"


def test_oversized_file_is_rejected_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the oversized file was opened")

    monkeypatch.setattr(files, "open", no_reading, raising=False)
    error = one_error(path)
    assert error.code == "NL104"
    assert "50.0 MB" in str(error) and "20 MB" in str(error)


def test_size_limit_follows_the_setting(tmp_path: Path) -> None:
    path = tmp_path / "medium.txt"
    path.write_text("word " * 300_000, encoding="utf-8")
    assert one_error(path, Settings({"ingest": {"max_file_mb": 1}})).code == "NL104"
    assert isinstance(next(iter_inputs([str(path)], Settings())), RawInput)


def test_oversized_stdin_is_rejected() -> None:
    stream = io.BytesIO(b"x" * (2 * 1024 * 1024))
    settings = Settings({"ingest": {"max_file_mb": 1}})
    [error] = iter_inputs(["-"], settings, stdin=stream)
    assert isinstance(error, InputError)
    assert error.code == "NL104"
    assert str(error).startswith("[NL104] -: file is 2.0 MB")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("A locked story.", encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "open", denied, raising=False)
    error = one_error(path)
    assert error.code == "NL110"
    assert "Permission denied" in str(error)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_by_permissions(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("A locked story.", encoding="utf-8")
    path.chmod(0)
    assert one_error(path).code == "NL110"


def test_truncated_feed_keeps_salvaged_items_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "cut.rss"
    path.write_text(
        "<rss version='2.0'><channel><title>Courier</title>"
        "<item><title>One</title><description>First story.</description></item>"
        "<item><title>Two</title><descr",
        encoding="utf-8",
    )
    items = list(iter_inputs([str(path)], Settings()))
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.code for e in errors] == ["NL108"]
    assert errors[0].where == str(path)
    assert any(isinstance(i, RawInput) and i.content == "First story." for i in items)


def test_feed_item_without_content(tmp_path: Path) -> None:
    path = tmp_path / "titles.rss"
    path.write_text(
        "<rss version='2.0'><channel><title>Courier</title>"
        "<item><title>Only a headline</title><link>https://c.example/1</link></item>"
        "<item><title>Full</title><description>A whole story.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    items = list(iter_inputs([str(path)], Settings()))
    assert isinstance(items[0], InputError)
    assert items[0].code == "NL112"
    assert items[0].where == f"{path}#1"
    assert isinstance(items[1], RawInput) and items[1].source == f"{path}#2"


def test_errors_carry_on_to_the_next_path(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text("A good story.", encoding="utf-8")
    items = list(iter_inputs([str(tmp_path / "missing"), str(tmp_path)], Settings()))
    assert [type(i).__name__ for i in items] == ["InputError", "InputError", "RawInput"]
    assert [i.code for i in items[:2]] == ["NL109", "NL101"]
