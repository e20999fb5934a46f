"""FastUSEEncoder gives the package's vectors, whatever the batch, and a usable space."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from newsloom.embed import FastUSEEncoder, USEEncoder, load_encoder
from newsloom.errors import ConfigError
from newsloom.settings import Settings

pytestmark = pytest.mark.slow

SUBJECTS = {
    "en": ["The port authority", "A spokeswoman for the ministry", "Local fishermen", "The mayor"],
    "ru": ["Администрация порта", "Представитель министерства", "Местные рыбаки", "Мэр города"],
    "de": ["Die Hafenbehörde", "Eine Sprecherin des Ministeriums", "Örtliche Fischer"],
    "fr": ["L'autorité portuaire", "Une porte-parole du ministère", "Les pêcheurs locaux"],
    "zh": ["港务局", "外交部发言人", "當地漁民", "市長"],
}
PREDICATES = {
    "en": ["said on Monday that the ferry will resume in 2025.", "rejected the plan (again)!",
           "expects 3,500 visitors, up 12% from last year."],
    "ru": ["заявил в понедельник, что паром возобновит работу в 2025 году.",
           "снова отклонил план!", "ожидает 3500 посетителей — на 12% больше, чем год назад."],
    "de": ["sagte am Montag, die Fähre fahre 2025 wieder.", "lehnte den Plan erneut ab.",
           "erwartet 3.500 Besucher, 12 % mehr als im Vorjahr."],
    "fr": ["a déclaré lundi que le ferry reprendra en 2025.", "a de nouveau rejeté le projet.",
           "attend 3 500 visiteurs, soit 12 % de plus que l'an dernier."],
    "zh": ["周一表示，渡轮将于2025年恢复运营。", "再次否決了該計劃！",
           "预计将有3500名游客，比去年增加12%。"],
}  # fmt: skip
EXTRAS = ["", "   ", "😀🎉 great news", "OK.", "Tuesday", "2024-05-06", "ＣＯＶＩＤ－１９", "«Да»"]


def news_sentences() -> list[str]:
    """About 200 sentences of 1-60 words in five languages, plus edge cases."""
    pairs = (itertools.product(SUBJECTS[lang], PREDICATES[lang]) for lang in SUBJECTS)
    out = [f"{s} {p}" for s, p in itertools.chain.from_iterable(pairs)]
    rng = random.Random(3)
    for _ in range(200 - len(out) - len(EXTRAS)):
        lang = rng.choice(list(SUBJECTS))
        joiner = "" if lang == "zh" else " "
        out.append(joiner.join(rng.choice(PREDICATES[lang]) for _ in range(rng.randint(1, 6))))
    return out + EXTRAS


@pytest.fixture(scope="module")
def fast() -> FastUSEEncoder:
    return FastUSEEncoder()


def test_vectors_match_the_package(fast: FastUSEEncoder) -> None:
    texts = news_sentences()
    got = fast.encode(texts)
    want = USEEncoder().encode(texts)
    assert got.shape == (len(texts), 512) and got.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert float((got * want).sum(axis=1).min()) >= 0.999


def test_batching_and_order_do_not_change_vectors(fast: FastUSEEncoder) -> None:
    texts = news_sentences()
    order = np.random.default_rng(5).permutation(len(texts))
    shuffled = fast.encode([texts[i] for i in order])
    small_batches = FastUSEEncoder(batch_tokens=50, projection_cache=False).encode(texts)
    base = fast.encode(texts)
    np.testing.assert_allclose(shuffled, base[order], atol=1e-5)
    np.testing.assert_allclose(small_batches, base, atol=1e-5)
    np.testing.assert_array_equal(fast.encode(texts), base)  # deterministic


def test_translations_score_above_an_unrelated_sentence(fast: FastUSEEncoder) -> None:
    en, ru, zh, other = fast.encode([
        "The bridge across the river will close for repairs next week.",
        "Мост через реку на следующей неделе закроют на ремонт.",
        "跨河大桥下周将关闭维修。",
        "Chocolate cake tastes best with cold milk.",
    ])  # fmt: skip
    unrelated = max(float(v @ other) for v in (en, ru, zh))
    for a, b in ((en, ru), (en, zh), (ru, zh)):
        assert float(a @ b) > unrelated + 0.2


def test_traditional_chinese_is_encoded_as_simplified(fast: FastUSEEncoder) -> None:
    trad, simp = fast.encode(["這座橋將關閉維修。", "这座桥将关闭维修。"])
    assert float(trad @ simp) > 0.9999


def test_empty_input_gives_no_rows(fast: FastUSEEncoder) -> None:
    assert fast.encode([]).shape == (0, 512)


def test_load_encoder_follows_settings() -> None:
    assert isinstance(load_encoder(), FastUSEEncoder)
    assert load_encoder() is load_encoder()
    ref = load_encoder(Settings({"embed": {"encoder": "reference"}}))
    assert isinstance(ref, USEEncoder)
    with pytest.raises(ConfigError, match="NL403"):
        load_encoder(Settings({"embed": {"encoder": "onnx"}}))
    with pytest.raises(ConfigError, match=r"NL202.*embed\.batch_tokens"):
        load_encoder(Settings({"embed": {"batch_tokens": 0}}))
