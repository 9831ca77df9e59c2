import math

import numpy as np
import pytest
import torch

from playground.core.config import GPTConfig
from playground.core.inspection import inspect, logit_lens
from playground.core.model import GPT, sinusoidal_encoding
from playground.core.sampling import SamplingSettings, generate, next_token_distribution

VARIANTS = [{}, {"positional": "sinusoidal"}, {"activation": "relu"}, {"norm_placement": "post"},
            {"tie_embeddings": False}]


def model_for(**kwargs) -> GPT:
    torch.manual_seed(0)
    return GPT(GPTConfig(vocab_size=20, context_length=16, n_layer=2, n_head=2, d_model=16, **kwargs)).eval()


@pytest.mark.parametrize("variant", VARIANTS)
def test_fused_and_explicit_attention_agree(variant):
    model = model_for(**variant)
    idx = torch.randint(0, 20, (1, 12))
    with torch.no_grad():
        fast, _ = model(idx)
        traced, _ = model.forward_traced(idx)
    torch.testing.assert_close(fast, traced, atol=1e-5, rtol=1e-4)


def test_inspection_attention_is_causal_and_normalised():
    model = model_for()
    result = inspect(model, [1, 2, 3, 4, 5, 6, 7])
    att = result.attention
    assert att.shape == (2, 2, 7, 7)
    np.testing.assert_allclose(att.sum(-1), 1.0, atol=1e-5)
    assert np.all(np.triu(att, k=1) == 0)
    assert result.probs.shape == (20,) and math.isclose(result.probs.sum(), 1.0, rel_tol=1e-5)
    assert result.residual.shape == (3, 7, 16)


def test_scores_match_a_direct_computation():
    model = model_for()
    result = inspect(model, [3, 1, 4, 1, 5])
    layer = result.trace["layers"][0]
    q, k = layer["q"][0, 1], layer["k"][0, 1]  # head 1
    direct = (q @ k.T) / math.sqrt(model.config.d_head)
    torch.testing.assert_close(layer["scores"][0, 1], direct)


@pytest.mark.parametrize("variant", [{}, {"norm_placement": "post"}])
def test_logit_lens_last_layer_is_the_prediction(variant):
    model = model_for(**variant)
    result = inspect(model, [2, 7, 1, 8])
    lens = logit_lens(model, result)
    assert lens.shape == (3, 4, 20)
    np.testing.assert_allclose(lens[-1, -1], result.probs, atol=1e-6)


def test_long_prompt_is_cropped_visibly():
    model = model_for()
    result = inspect(model, list(range(20)) + [1, 2, 3])
    assert result.n_tokens == 16 and result.cropped == 7
    assert result.token_ids == (list(range(20)) + [1, 2, 3])[7:]
    assert inspect(model, []) is None


def test_sinusoidal_encoding_follows_the_paper():
    pe = sinusoidal_encoding(10, 8)
    assert torch.isclose(pe[3, 0], torch.tensor(math.sin(3.0)))
    assert torch.isclose(pe[3, 3], torch.tensor(math.cos(3 / 10000 ** (2 / 8))))


def test_cached_generation_matches_recomputing_every_step():
    model = model_for()
    prompt = [1, 2, 3]
    cached = list(generate(model, prompt, 30, SamplingSettings(greedy=True)))  # slides past context 16
    ids = list(prompt)
    with torch.no_grad():
        for _ in range(30):
            logits, _ = model(torch.tensor([ids[-16:]]))
            ids.append(int(logits[0, -1].argmax()))
    assert cached == ids[3:]


def test_generation_can_be_stopped():
    model = model_for()
    calls = []
    out = list(generate(model, [1], 50, SamplingSettings(), should_stop=lambda: calls.append(1) or len(calls) > 5))
    assert len(out) == 5


def test_sampling_cuts_are_reported_not_hidden():
    logits = torch.tensor([4.0, 3.0, 2.0, 1.0, 0.0])
    dist = next_token_distribution(logits, SamplingSettings(temperature=1.0, top_k=2))
    assert dist.kept.tolist() == [True, True, False, False, False]
    assert math.isclose(float(dist.probs.sum()), 1.0, rel_tol=1e-6)
    assert math.isclose(float(dist.sampled.sum()), 1.0, rel_tol=1e-6) and float(dist.sampled[2]) == 0
    nucleus = next_token_distribution(logits, SamplingSettings(temperature=1.0, top_p=0.5))
    assert nucleus.kept.tolist() == [True, False, False, False, False]  # the top token holds ~64%
    hot = next_token_distribution(logits, SamplingSettings(temperature=2.0)).probs[0]
    cold = next_token_distribution(logits, SamplingSettings(temperature=0.1)).probs[0]
    assert cold > 0.99 and hot < 0.5


@pytest.mark.parametrize("bad", [{"temperature": 0}, {"top_k": -1}, {"top_p": 0.0}, {"top_p": 1.5}])
def test_bad_sampling_settings_explained(bad):
    with pytest.raises(ValueError, match="must be"):
        SamplingSettings(**bad)
