"""Cheap line-level facts the cleaning rules share: script, shape, a matching key.

The cleaning stages run before language detection, so they tell scripts apart
by code points alone, which is enough to know whether a line is Chinese,
Russian or written in Latin letters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsloom.hanzi import HAN
from newsloom.model import normalise_text

# End of a sentence in the supported scripts; a headline or a label rarely has one.
SENTENCE_END = re.compile(r"[.!;。！；…](?:[\"'”’»」』)）\]]*)\s*$")
_QUESTION_END = re.compile(r"[?？](?:[\"'”’»」』)）\]]*)\s*$")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def script_of(text: str) -> str | None:
    """``Hani``, ``Cyrl`` or ``Latn``: whichever script holds most letters, else None.

    A Chinese character counts twice: one carries about a word's worth.
    """
    counts = {
        "Hani": 2 * len(HAN.findall(text)),
        "Cyrl": len(_CYRILLIC.findall(text)),
        "Latn": len(_LATIN.findall(text)),
    }
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else None


def length(text: str) -> int:
    """A length comparable across scripts: a Chinese character counts as two letters."""
    return len(text) + len(HAN.findall(text))


def ends_sentence(text: str) -> bool:
    """True when the line ends like a sentence (full stop, exclamation, semicolon)."""
    return bool(SENTENCE_END.search(text.rstrip("*")))


def is_title_like(text: str, max_chars: int) -> bool:
    """A short line that does not end like a sentence: a title, heading or headline.

    A final question mark is allowed: headlines ask questions.
    """
    text = text.strip()
    if not text or length(text) > max_chars or ends_sentence(text):
        return False
    return not text.endswith((":", "：", ","))


def is_question(text: str) -> bool:
    return bool(_QUESTION_END.search(text.rstrip("*")))


@lru_cache(maxsize=8192)
def match_key(text: str) -> str:
    """The form two lines are compared in: NFKC, case-folded, punctuation and spaces dropped."""
    folded = unicodedata.normalize("NFKC", normalise_text(text)).casefold()
    return _NON_WORD.sub("", folded)


# Label words of page headers (Simplified form for Chinese), by the Metadata field they
# introduce: "Source: X", "责任编辑：X", "Источник: X".
# fmt: off
HEADER_LABELS: dict[str, tuple[str, ...]] = {
    "outlet": ("source", "来源", "出处", "稿源", "新闻来源", "источник"),
    "editor": ("editor", "编辑", "责任编辑", "责编", "编审", "редактор"),
    "published": (
        "time", "date", "published", "publication date", "时间", "发布时间", "发表时间",
        "日期", "发布日期", "дата", "опубликовано", "дата публикации", "время публикации",
    ),
    "authors": ("author", "authors", "writer", "reporter", "作者", "记者", "文", "автор", "авторы"),
    "translator": ("translator", "translation", "翻译", "译者", "编译", "переводчик", "перевод"),
}
# fmt: on
_LABEL_ALT = "|".join(
    sorted((re.escape(w) for ws in HEADER_LABELS.values() for w in ws), key=len, reverse=True)
)
LABEL_VALUE = re.compile(rf"(?:^|(?<=\s))({_LABEL_ALT})\s*[:：]\s*", re.IGNORECASE)


def is_label_line(form: str) -> bool:
    """A header line that starts with a known label and a colon ("来源：…", "Source: …")."""
    m = LABEL_VALUE.match(form)
    return m is not None and m.start() == 0
