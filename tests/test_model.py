import math

import numpy as np
import pytest
import torch

from playground.core.analysis.inspection import inspect, logit_lens
from playground.core.model.config import GPTConfig
from playground.core.model.model import GPT, sinusoidal_encoding

# the default is ReLU: GELU must be named to be covered
VARIANTS = [{}, {"positional": "sinusoidal"}, {"activation": "gelu"}, {"norm_placement": "post"},
            {"tie_embeddings": False}, {"activation": "gelu", "norm_placement": "post", "positional": "sinusoidal"}]


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




def test_a_new_model_starts_as_gpt2_does():
    """GPT-2's initialisation: N(0, 0.02) matrices and embeddings, residual-stream projections scaled by
    1/√(2·layers), zero biases, unit norm gains — and so a first loss near ln(vocabulary): no token favoured."""
    torch.manual_seed(0)
    config = GPTConfig(vocab_size=65, n_layer=8, d_model=256, n_head=4, context_length=64, tie_embeddings=False)
    model = GPT(config)
    residual = 0.02 / math.sqrt(2 * config.n_layer)
    for block in model.blocks:
        assert block.attn.qkv.weight.std().item() == pytest.approx(0.02, rel=0.05)
        assert block.ffn.fc.weight.std().item() == pytest.approx(0.02, rel=0.05)
        assert block.attn.proj.weight.std().item() == pytest.approx(residual, rel=0.05)
        assert block.ffn.out.weight.std().item() == pytest.approx(residual, rel=0.05)
        assert torch.all(block.ln1.weight == 1) and torch.all(block.ln1.bias == 0)
        assert torch.all(block.attn.qkv.bias == 0) and torch.all(block.ffn.out.bias == 0)
    assert model.tok_emb.weight.std().item() == pytest.approx(0.02, rel=0.05)
    assert model.pos_emb.std().item() == pytest.approx(0.02, rel=0.05)
    assert model.lm_head.weight.std().item() == pytest.approx(0.02, rel=0.05)
    idx = torch.randint(65, (4, 64))
    _, loss = model(idx, idx)
    assert loss.item() == pytest.approx(math.log(65), abs=0.05)
