import pytest

from playground.core.model.config import ConfigError, GPTConfig
from playground.core.model.model import GPT


def test_heads_must_divide_d_model():
    with pytest.raises(ConfigError) as e:
        GPTConfig(d_model=130, n_head=4)
    assert "divide evenly among 4 heads" in str(e.value) and "128" in str(e.value)


@pytest.mark.parametrize("kwargs, phrase", [
    ({"n_layer": 0}, "Layers must be"), ({"n_layer": 49}, "Layers must be"),  # gpt2-xl has 48
    ({"n_head": 33, "d_model": 330}, "Heads must be"), ({"d_model": 4, "n_head": 1}, "d_model must be"),
    ({"context_length": 5000}, "Context length"), ({"dropout": 1.5}, "Dropout"),
    ({"activation": "swish"}, "activation must be"), ({"norm_placement": "middle"}, "norm_placement"),
])
def test_out_of_range_settings_explained(kwargs, phrase):
    with pytest.raises(ConfigError, match=phrase):
        GPTConfig(**kwargs)


def test_every_problem_is_listed():
    with pytest.raises(ConfigError) as e:
        GPTConfig(n_layer=0, dropout=2.0)
    assert len(e.value.problems) == 2


@pytest.mark.parametrize("kwargs", [
    {}, {"tie_embeddings": False}, {"positional": "sinusoidal"}, {"norm_placement": "post"},
    {"n_layer": 2, "n_head": 3, "d_model": 48, "activation": "relu", "vocab_size": 100},
])
def test_parameter_count_known_before_allocation(kwargs):
    config = GPTConfig(**kwargs)
    assert config.n_params() == sum(p.numel() for p in GPT(config).parameters())


def test_memory_estimate_grows_with_size():
    small, big = GPTConfig(), GPTConfig(n_layer=8, d_model=256)
    assert 0 < small.estimate_training_memory(12) < big.estimate_training_memory(12)
    assert small.estimate_training_memory(12) < small.estimate_training_memory(64)


def test_describe():
    assert GPTConfig(n_layer=4, n_head=8).describe() == "4 × [8-head attention → FFN 512] · d_model 128 · context 64"
