"""The counting yardsticks and the plain words about a loss, checked against sums done here by hand."""
import math
from collections import Counter

import numpy as np
import pytest

from playground.core.analysis.baselines import ngram_baselines
from playground.core.analysis.verdict import (
    bits_per_char,
    memorising_since,
    perplexity,
    size_advice,
    verdict,
)
from playground.core.data.split import split_point
from playground.core.model.config import GPTConfig


def witten_bell_by_hand(train: list[int], val: list[int], V: int) -> tuple[float, float, float]:
    """Unigram (add-one), bigram and trigram Witten-Bell cross-entropy, written out with dictionaries."""
    uni = Counter(train)
    p1 = lambda w: (uni[w] + 1) / (len(train) + V)

    def level(n, lower):
        grams = Counter(tuple(train[i:i + n]) for i in range(len(train) - n + 1))
        totals, kinds = Counter(), Counter()
        for g, c in grams.items():
            totals[g[:-1]] += c
            kinds[g[:-1]] += 1

        def p(h, w):
            if totals[h] == 0:
                return lower(h[1:], w)
            return (grams[h + (w,)] + kinds[h] * lower(h[1:], w)) / (totals[h] + kinds[h])
        return p

    p2 = level(2, lambda h, w: p1(w))
    p3 = level(3, p2)
    positions = range(2, len(val))
    mean = lambda f: -sum(math.log(f(i)) for i in positions) / len(positions)
    return (mean(lambda i: p1(val[i])), mean(lambda i: p2((val[i - 1],), val[i])),
            mean(lambda i: p3((val[i - 2], val[i - 1]), val[i])))


def test_uniform_is_exactly_log_v_and_the_rest_match_a_count_by_hand():
    rng = np.random.default_rng(0)
    ids = rng.integers(0, 7, size=400)
    ids[::5] = 3  # some structure, so the orders differ
    b = ngram_baselines(ids, vocab_size=9)
    assert b.uniform == math.log(9)
    cut = split_point(len(ids))
    expected = witten_bell_by_hand(ids[:cut].tolist(), ids[cut:].tolist(), 9)
    assert (b.unigram, b.bigram, b.trigram) == pytest.approx(expected, rel=1e-9)


def test_a_text_that_alternates_two_characters_is_almost_free_for_the_bigram():
    ids = np.array([0, 1] * 500)
    b = ngram_baselines(ids, vocab_size=2)
    assert b.unigram == pytest.approx(math.log(2), abs=0.01)
    assert b.bigram < 0.02 and b.trigram < 0.02
    assert list(b.bigram_guess) == [1, 0]


def test_bits_per_character_and_perplexity():
    assert bits_per_char(math.log(2), 1.0) == pytest.approx(1.0)
    assert bits_per_char(4.5, 0.5) == pytest.approx(4.5 * 0.5 / math.log(2))
    assert perplexity(math.log(6.8)) == pytest.approx(6.8)


@pytest.mark.parametrize("val, words", [
    (4.3, "no better than a blind guess among all 65 characters"),
    (3.8, "better than a blind guess (4.17), still worse than counting how often each character occurs (3.35)"),
    (3.0, "still worse than guessing from the previous character alone (2.49)"),
    (2.2, "better than guessing from the previous character (2.49), not yet as good as the last two characters"),
    (1.92, "better than the trigram guess (2.10) — the model uses more than the last two characters"),
])
def test_the_verdict_names_the_best_baseline_the_model_beats(val, words):
    from playground.core.analysis.baselines import Baselines
    b = Baselines(uniform=math.log(65), unigram=3.35, bigram=2.49, trigram=2.10, vocab_size=65)
    said = verdict(val, b, "character")
    assert words in said
    assert f"as unsure as choosing among {math.exp(val):.1f} characters" in said


def test_memorising_is_said_only_when_validation_rises_while_training_falls():
    falling = [3.0, 2.5, 2.2, 2.0, 1.9]
    assert memorising_since(falling, falling) is None
    val = [3.0, 2.4, 2.1, 2.15, 2.2, 2.3]
    train = [3.0, 2.3, 1.9, 1.6, 1.3, 1.0]
    assert memorising_since(val, train) == 2
    assert memorising_since(val[:5], train[:5]) is None  # two evaluations above the best: could be noise
    assert memorising_since(val, [3.0, 2.3, 1.9, 2.0, 2.1, 2.2]) is None  # both rising: not memorising


def test_a_small_text_and_a_big_model_get_advice_and_the_advice_is_quiet_once_taken():
    big = GPTConfig(vocab_size=60, n_layer=4, n_head=4, d_model=128, context_length=64)
    advice = size_advice("notes.txt", 11_000, big, max_steps=1000, batch_size=24, dropout=0.0)
    assert advice is not None and "memorise" in advice.message
    assert (advice.n_layer, advice.d_model, advice.dropout) == (2, 64, 0.2)
    assert advice.max_steps == 1000  # fewer steps left the smaller model worse than the bigram guess
    assert "Suggested: 2 layers, d_model 64" in advice.message and "dropout 0.2" in advice.message
    taken = GPTConfig(vocab_size=60, n_layer=2, n_head=4, d_model=64, context_length=64)
    assert size_advice("notes.txt", 11_000, taken, advice.max_steps, 24, dropout=0.2) is None
    # already small: only what would change is suggested, never the architecture in use
    only_dropout = size_advice("notes.txt", 11_000, taken, 1000, 24, dropout=0.0)
    assert only_dropout is not None and only_dropout.message.endswith("Suggested: dropout 0.2.")
    # a lesson locked the architecture: dropout only
    locked = size_advice("notes.txt", 11_000, big, 1000, 24, dropout=0.0, keep_architecture=True)
    assert (locked.n_layer, locked.d_model) == (4, 128) and "layers" not in locked.message.split("Suggested")[1]
    # the bundled Shakespeare (1 M training tokens) with the default recipe: nothing to say
    assert size_advice("tinyshakespeare.txt", 1_003_855, big, max_steps=500, batch_size=24, dropout=0.0) is None
