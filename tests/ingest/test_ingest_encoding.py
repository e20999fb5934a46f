"""Every supported encoding round-trips through iter_inputs and is named correctly."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.ingest import iter_inputs
from newsloom.ingest.encoding import normalise
from newsloom.model import RawInput
from newsloom.settings import Settings

RUSSIAN = (
    "Вчера вечером над городом прошла сильная гроза.\n"
    "Жители остались дома, а мэр пообещал починить крыши к пятнице."
)
RUSSIAN_SHORT = "Мэр открыл новый мост."
SIMPLIFIED = "昨天晚上城里下了一场大雨。\n居民们都待在家里，市长说周五前修好屋顶。"
TRADITIONAL = "昨天晚上城裡下了一場大雨。\n居民們都待在家裡，市長說週五前修好屋頂。"
SIMPLIFIED_SHORT = "市长开通了新桥。"
TRADITIONAL_SHORT = "市長開通了新橋。"
FRENCH = "Le maire a inauguré le nouveau pont hier après-midi, « enfin » disent les élèves."
GERMAN = "Der Bürgermeister eröffnete gestern die neue Brücke über den Fluss."

CASES = [
    (RUSSIAN, "cp1251", "cp1251"),
    (RUSSIAN, "koi8-r", "koi8-r"),
    (RUSSIAN_SHORT, "cp1251", "cp1251"),
    (RUSSIAN_SHORT, "koi8-r", "koi8-r"),
    (SIMPLIFIED, "gb18030", "gb18030"),
    (SIMPLIFIED, "gbk", "gb18030"),
    (SIMPLIFIED_SHORT, "gbk", "gb18030"),
    (TRADITIONAL, "big5", "big5"),
    (TRADITIONAL_SHORT, "big5", "big5"),
    (FRENCH, "cp1252", "cp1252"),
    (GERMAN, "latin-1", "cp1252"),
    (RUSSIAN, "utf-8", "utf-8"),
    (SIMPLIFIED, "utf-8-sig", "utf-8-sig"),
    (RUSSIAN, "utf-16", "utf-16"),
    (TRADITIONAL, "utf-16", "utf-16"),
    (RUSSIAN, "utf-16-le", "utf-16-le"),
    (RUSSIAN, "utf-16-be", "utf-16-be"),
    (SIMPLIFIED, "utf-16-le", "utf-16-le"),
    (SIMPLIFIED, "utf-16-be", "utf-16-be"),
    (FRENCH, "utf-16-le", "utf-16-le"),
    (SIMPLIFIED, "utf-32", "utf-32"),
    (RUSSIAN, "utf-32-le", "utf-32-le"),
    (TRADITIONAL, "utf-32-be", "utf-32-be"),
]


def read_one(path: Path) -> RawInput:
    items = list(iter_inputs([str(path)], Settings()))
    assert len(items) == 1, items
    assert isinstance(items[0], RawInput), items[0]
    return items[0]


@pytest.mark.parametrize(("text", "codec", "expected"), CASES)
def test_encoding_round_trips_and_is_named(
    tmp_path: Path, text: str, codec: str, expected: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(codec))
    raw = read_one(path)
    assert raw.content == text
    assert raw.encoding == expected


def test_windows_line_endings_and_control_characters_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    lines = RUSSIAN.split("\n")
    data = f"{lines[0]}\r\n{lines[1]}\x07\rИтог:\t\x1bнет".encode("cp1251")
    path.write_bytes(data)
    assert read_one(path).content == f"{lines[0]}\n{lines[1]}\nИтог:\tнет"


def test_normalise_keeps_tabs_and_newlines_and_drops_the_rest() -> None:
    assert normalise("\ufeffa\r\nb\u2028c\x00d\x85e\tf\x9f") == "a\nb\ncd\ne\tf"


def test_meta_charset_is_used_for_a_legacy_page(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1251"><title>Мост</title></head>'
        "<body><p>Мэр открыл мост.</p></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1251"))
    raw = read_one(path)
    assert raw.kind == "html"
    assert raw.encoding == "cp1251"
    assert "Мэр открыл мост." in raw.content


def test_valid_utf8_wins_over_a_wrong_meta_charset(tmp_path: Path) -> None:
    page = '<html><head><meta charset="gbk"></head><body><p>北京今天下雪了。</p></body></html>'
    path = tmp_path / "mislabelled.html"
    path.write_bytes(page.encode("utf-8"))
    raw = read_one(path)
    assert raw.encoding == "utf-8"
    assert "北京今天下雪了。" in raw.content


def test_utf8_with_one_cut_character_stays_utf8(tmp_path: Path) -> None:
    data = (SIMPLIFIED * 3).encode("utf-8") + "桥".encode()[:2]
    path = tmp_path / "cut.txt"
    path.write_bytes(data)
    raw = read_one(path)
    assert raw.encoding == "utf-8"
    assert raw.content.startswith(SIMPLIFIED)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_chinese_utf16_without_any_nul_byte(tmp_path: Path, codec: str) -> None:
    text = "市长说新桥明年通车"
    data = text.encode(codec)
    assert 0 not in data
    path = tmp_path / "wide.txt"
    path.write_bytes(data)
    raw = read_one(path)
    assert raw.content == text
    assert raw.encoding == codec
