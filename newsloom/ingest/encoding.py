"""Bytes to text: find the encoding a news file was written in, and normalise the text.

Most certain first: a byte-order mark; a known binary signature; UTF-32 by its
NUL columns; then, when the bytes hold NULs or many control bytes, UTF-16
without a BOM if a byte order reads as writing, else binary; strict UTF-8
(valid non-ASCII UTF-8 almost never happens by accident, while pages that
declare GBK or Latin-1 yet are UTF-8 are common, so it goes before the
declaration); the page's own ``<meta charset>`` or XML declaration; then the
legacy code pages of ``ingest.legacy_encodings``, filtered by
charset-normalizer and decided by :func:`plausibility`, which stays right on
texts of a few lines where frequency statistics are thin."""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass

from charset_normalizer import from_bytes

from newsloom.errors import InputError
from newsloom.ingest.plausible import plausibility
from newsloom.ingest.sniff import control_share, magic

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Names a page may declare, mapped to the codec that reads it: the superset
# that browsers use for the same label (WHATWG encoding standard).
_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "ascii": "utf-8",
    "iso8859-1": "cp1252", "big5": "big5", "cp950": "big5", "big5hkscs": "big5",
}  # fmt: skip
# A family is read by several codecs in turn: the strict base codec first, then
# the supersets that add characters to it (or, for cp1252, the one that reads
# the five bytes it leaves undefined).
_FAMILY = {"big5": ("big5", "cp950", "big5hkscs"), "cp1252": ("cp1252", "iso8859-1")}
_DECLARED = re.compile(
    rb"""<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)|<meta[^>]*?charset\s*=\s*["']?([\w.:-]+)""",
    re.IGNORECASE,
)
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Bytes looked at for the binary checks.
_SAMPLE = 8192
# A decode whose plausibility is below this is not trusted as UTF-16 without a BOM.
_UTF16_MIN_PLAUSIBILITY = 0.7


@dataclass(frozen=True)
class Decoded:
    """Text as decoded, and the normalised codec name that decoded it."""

    text: str
    encoding: str


def codec_name(label: str) -> str | None:
    """The codec newsloom reads a declared label with, or None for an unknown label."""
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or XML declaration in the first 4 KB names."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    return codec_name((match.group(1) or match.group(2)).decode("ascii"))


def normalise(text: str) -> str:
    """Read-time normalisation only: BOM off, newlines to ``\\n``, control characters out.

    Tabs and newlines stay; everything else (whitespace, Unicode forms) is the
    cleaning stage's business.
    """
    text = text.removeprefix("\ufeff")
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", text))


def decode(
    data: bytes,
    where: str,
    *,
    legacy: Sequence[str],
    binary_ratio: float,
) -> Decoded:
    """Decode a non-empty byte string, or raise :class:`InputError` (NL102, NL103).

    Args:
        data: the whole file.
        where: the source name used in error messages.
        legacy: codec names to consider when the text is not Unicode.
        binary_ratio: share of control bytes above which data is called binary.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _strict(data, name, where)
    fmt = magic(data)
    if fmt:
        raise InputError("NL102", where, detail=fmt)
    wide = _utf32(data)
    if wide:
        return _strict(data, wide, where)
    sample = data[:_SAMPLE]
    share = control_share(sample)
    if share > binary_ratio or 0 in sample:
        found = _utf16(data, binary_ratio)
        if found:
            return found
        nuls = sample.count(0)
        detail = f"{nuls} NUL bytes" if nuls else f"{share:.0%} control bytes"
        raise InputError("NL102", where, detail=f"{detail} in the first 8 KB")
    found = _try(data, "utf-8") or _mostly_utf8(data)
    declared = declared_charset(data)
    if not found and declared:
        found = _try_family(data, declared)
    found = found or _legacy(data, legacy) or _utf16(data, binary_ratio)
    if found:
        return found
    raise InputError("NL103", where, detail="not UTF-8, and no candidate encoding reads it")


def _strict(data: bytes, name: str, where: str) -> Decoded:
    try:
        return Decoded(data.decode(name), name)
    except UnicodeDecodeError as exc:
        raise InputError("NL103", where, detail=f"invalid {name} at byte {exc.start}") from None


def _try(data: bytes, name: str) -> Decoded | None:
    try:
        return Decoded(data.decode(name), name)
    except UnicodeDecodeError:
        return None


def _try_family(data: bytes, name: str) -> Decoded | None:
    for codec in _FAMILY.get(name, (name,)):
        found = _try(data, codec)
        if found:
            return found
    return None


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a stray bad byte or a cut last character is still UTF-8.

    At least 20 valid multi-byte characters and one bad spot, or one per
    hundred of them: legacy double-byte text makes far more bad spots.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    ascii_bytes = len(data) - len(data.translate(None, bytes(range(128))))
    valid = len(text) - ascii_bytes - text.count("\ufffd")
    if valid >= 20 and bad <= max(1, valid // 100):
        return Decoded(text, "utf-8")
    return None


def _utf32(data: bytes) -> str | None:
    """UTF-32 without a BOM: every code point has a NUL high byte, so whole NUL columns."""
    if len(data) % 4 or not data:
        return None
    for name, zero in (("utf-32-le", 3), ("utf-32-be", 0)):
        if data[zero::4].count(0) == len(data) // 4 and _try(data, name):
            return name
    return None


def _utf16(data: bytes, binary_ratio: float) -> Decoded | None:
    """UTF-16 without a BOM: the byte order whose decode reads as writing, if any does.

    Text in Latin or Cyrillic has a NUL in every other byte, Chinese only a
    few (spaces, digits, U+xx00 characters), so NUL parity alone cannot
    decide; the wrong byte order or binary data decodes to rare ideographs,
    unassigned code points or control characters, which
    :func:`plausibility` and the control share reject.
    """
    if len(data) % 2 or len(data) < 4:
        return None
    best, score = None, _UTF16_MIN_PLAUSIBILITY
    for name in ("utf-16-le", "utf-16-be"):
        found = _try(data, name)
        if not found:
            continue
        controls = len(_CONTROL.findall(found.text[:_SAMPLE]))
        if controls > binary_ratio * len(found.text[:_SAMPLE]):
            continue
        value = plausibility(found.text)
        if value >= score:
            best, score = found, value
    return best


def _legacy(data: bytes, candidates: Sequence[str]) -> Decoded | None:
    """Pick among the legacy codecs that read ``data`` without error.

    charset-normalizer, isolated to those codecs, drops the decodes it finds
    messy; the survivors are ranked by :func:`plausibility` (its own order
    breaks ties), since on a few lines its coherence measure has too little
    text to separate confusable pairs like cp1251/KOI8-R or GBK/Big5.
    """
    decoded: dict[str, Decoded] = {}
    for label in candidates:
        name = codec_name(label)
        if name and name not in decoded:
            found = _try_family(data, name)
            if found:
                decoded[name] = found
    if len(decoded) <= 1:
        return next(iter(decoded.values()), None)
    ranked = [codec_name(m.encoding) for m in from_bytes(data, cp_isolation=list(decoded))]
    survivors = [name for name in ranked if name in decoded] or list(decoded)
    order = {name: i for i, name in enumerate(survivors)}
    best = max(survivors, key=lambda n: (round(plausibility(decoded[n].text), 3), -order[n]))
    return decoded[best]
