"""Head scores on attention patterns built by hand, and on a real model."""
import numpy as np
import pytest
import torch

from playground.core.config import GPTConfig
from playground.core.heads import (
    HeadScores,
    induction_scores,
    measure_heads,
    pattern_scores,
    repeated_random_tokens,
)
from playground.core.model import GPT

T = 8


def one_hot_rows(keys: list[int]) -> np.ndarray:
    a = np.zeros((T, T))
    for query, key in enumerate(keys):
        a[query, key] = 1.0
    return a


def uniform_causal() -> np.ndarray:
    a = np.tril(np.ones((T, T)))
    return a / a.sum(axis=1, keepdims=True)


def test_pure_patterns_score_one_on_their_own_kind_and_zero_elsewhere():
    previous = one_hot_rows([0] + list(range(T - 1)))
    first = one_hot_rows([0] * T)
    own = one_hot_rows(list(range(T)))
    attention = np.stack([previous, first, own, uniform_causal()])[None]  # 1 layer, 4 heads
    prev, fst, slf, entropy = pattern_scores(attention)
    np.testing.assert_allclose(prev[0], [1, 1 / (T - 1), 0, np.mean([1 / (i + 1) for i in range(1, T)])])
    np.testing.assert_allclose(fst[0, :2], [1 / (T - 1), 1])
    np.testing.assert_allclose(slf[0, :3], [0, 0, 1])
    np.testing.assert_allclose(entropy[0, :3], [0, 0, 0], atol=1e-12)
    np.testing.assert_allclose(entropy[0, 3], np.mean([np.log2(i + 1) for i in range(1, T)]))
    scores = HeadScores(prev, fst, slf, np.zeros_like(prev), entropy, float(np.mean(np.log2(np.arange(2, T + 1)))))
    assert [scores.label(0, h) for h in range(4)] == ["previous-token", "first-token", "self", "spread out"]


def test_an_induction_pattern_scores_one():
    period = T // 2
    # second copy: query i looks at i - period + 1, the token after the first occurrence of token i
    keys = list(range(period)) + [i - period + 1 for i in range(period, T)]
    a = one_hot_rows(keys)[None, None]
    assert induction_scores(a, period)[0, 0] == pytest.approx(1.0)
    assert induction_scores(one_hot_rows(list(range(T)))[None, None], period)[0, 0] == 0.0


def test_the_repeated_sequence_repeats():
    seq = repeated_random_tokens(50, 16, seed=3)
    assert seq[:16] == seq[16:] and len(set(seq[:16])) > 8


def test_a_real_model_gets_a_row_per_head_in_the_cli_order():
    torch.manual_seed(0)
    model = GPT(GPTConfig(vocab_size=20, n_layer=2, n_head=3, d_model=24, context_length=16))
    scores = measure_heads(model, list(range(16)))
    rows = scores.rows()
    assert [(r[0], r[1]) for r in rows] == [(layer, head) for layer in (1, 2) for head in (1, 2, 3)]
    for row in rows:
        assert all(0.0 <= v <= 1.0 + 1e-9 for v in row[2:6])
    header = scores.table().splitlines()[0].split()
    assert header[:4] == ["layer", "head", "previous-token", "first-token"]
    assert header[4:7] == ["self", "induction", "entropy"] and header[-1] == "label"
