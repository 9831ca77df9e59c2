"""Explain mode's numbers, checked against the engine and direct computation."""
import math

import numpy as np
import pytest
import torch
from engine_helpers import tiny_trainer

from playground.core.analysis.explain import (
    EmbeddingMap,
    architecture,
    embedding_pca,
    logit_lens_grid,
    position_similarity,
    tensor_view,
    token_group,
)
from playground.core.analysis.inspection import inspect

VARIANTS = [dict(), dict(norm_placement="post", positional="sinusoidal", activation="gelu", tie_embeddings=False)]


def trained(small_text, steps=20, **config):
    trainer = tiny_trainer(small_text, **config)
    for _ in range(steps):
        trainer.train_step()
    model = trainer.model.eval()
    insp = inspect(model, trainer.tokenizer.encode("To be, or not to be"))
    return model, insp, trainer.tokenizer


@pytest.mark.parametrize("config", VARIANTS, ids=["pre-learned-relu", "post-sinusoidal-gelu"])
def test_every_diagram_piece_has_a_tensor_with_its_shape(small_text, config):
    model, insp, tok = trained(small_text, **config)
    keys = {n.key for n in architecture(model.config) if n.key} | {p for n in architecture(model.config)
                                                                      for p in n.parts}
    explanations = {}
    for key in keys:
        view = tensor_view(model, insp, tok, key, layer=1, head=1)
        assert np.isfinite(view.values).all(), key
        if view.kind == "heatmap":
            assert view.values.shape == (len(view.row_labels), len(view.col_labels)), key
            numbers = [int(n) for n in view.shape.split("=")[1].replace("(", "").replace(")", "").split("×")
                       if n.strip().isdigit()]
            assert numbers[0] == view.values.shape[0], (key, view.shape)
        # what a reader checks: a real sentence about this piece, not another piece's words again
        assert len(view.explanation.split()) >= 8, key
        explanations.setdefault(view.explanation, key)
        assert explanations[view.explanation] == key, f"{key} repeats {explanations[view.explanation]}'s text"


def test_diagram_follows_the_config():
    from playground.core.model.config import GPTConfig
    pre = [n.label for n in architecture(GPTConfig(vocab_size=65))]
    post = [n.label for n in architecture(GPTConfig(vocab_size=65, norm_placement="post", n_head=8))]
    assert pre.index("LayerNorm") < pre.index(next(l for l in pre if l.startswith("Masked")))
    assert "Final LayerNorm" in pre and "Final LayerNorm" not in post
    assert "Add & LayerNorm" in post and "8 heads" in " ".join(post)
    assert sum(l.startswith("Masked") for l in pre) == 1  # one block drawn, labelled × n_layer
    path = [n for n in architecture(GPTConfig(vocab_size=65)) if not n.measurement]
    assert path[0].label.startswith("Tokens") and path[-1].label.startswith("Softmax")
    assert [n.label for n in path][-3:-1] == ["Final LayerNorm", "Linear → 65 logits (tied weights)"], \
        "the final norm feeds the output layer directly: the residual norm is a reading, not a step"
    [measured] = [n for n in architecture(GPTConfig(vocab_size=65)) if n.measurement]
    assert measured.key == "residual_norms"
    norms = [n.key for n in path if n.label == "LayerNorm"]
    assert norms == ["ln1", "ln2"], "both LayerNorms of a pre-norm block open their tensors"


def test_the_second_layernorm_normalises_what_attention_left(small_text):
    model, insp, tok = trained(small_text)
    view = tensor_view(model, insp, tok, "ln2", layer=1, head=0)
    x = insp.trace["layers"][1]["after_attention"][0]
    with torch.no_grad():
        ln = model.blocks[1].ln2
        expected = torch.nn.functional.layer_norm(x.clone(), (x.shape[-1],), ln.weight, ln.bias)
    np.testing.assert_allclose(view.values, expected.detach().numpy(), atol=1e-5)


def test_scores_match_a_direct_computation_and_the_mask_and_softmax_hold(small_text):
    model, insp, tok = trained(small_text)
    T, dh = insp.n_tokens, model.config.d_head
    block = model.blocks[1]
    x = torch.from_numpy(insp.residual[1])[None]  # layer 2's input is layer 1's output
    with torch.no_grad():
        q, k, _ = block.attn.qkv(block.ln1(x)).split(model.config.d_model, dim=2)
    h = 1
    q, k = q[0, :, h * dh:(h + 1) * dh], k[0, :, h * dh:(h + 1) * dh]
    direct = (q @ k.T / math.sqrt(dh)).numpy()
    scores = tensor_view(model, insp, tok, "scores", layer=1, head=1).values
    np.testing.assert_allclose(scores, direct, rtol=1e-4, atol=1e-5)
    mask = tensor_view(model, insp, tok, "mask", layer=1).values
    assert np.array_equal(mask, np.tril(np.ones((T, T))))
    weights = tensor_view(model, insp, tok, "weights", layer=1, head=1).values
    np.testing.assert_allclose(weights.sum(axis=1), 1.0, atol=1e-5)
    assert (weights[mask == 0] == 0).all()
    # softmax of the masked scores, computed here, equals what the view shows
    masked = np.where(mask == 1, direct, -np.inf)
    expected = np.exp(masked - masked.max(1, keepdims=True))
    np.testing.assert_allclose(weights, expected / expected.sum(1, keepdims=True), atol=1e-5)


def test_weighted_sum_concat_and_projection_agree(small_text):
    model, insp, tok = trained(small_text)
    dh = model.config.d_head
    weights = tensor_view(model, insp, tok, "weights", layer=0, head=1).values
    v = tensor_view(model, insp, tok, "v", layer=0, head=1).values
    heads_out = tensor_view(model, insp, tok, "heads_out", layer=0, head=1).values
    np.testing.assert_allclose(heads_out, weights @ v, atol=1e-5)
    concat = tensor_view(model, insp, tok, "concat", layer=0).values
    np.testing.assert_allclose(concat[:, dh:2 * dh], heads_out, atol=1e-6)
    projected = model.blocks[0].attn.proj(torch.from_numpy(concat)).detach().numpy()
    np.testing.assert_allclose(tensor_view(model, insp, tok, "attn_out", layer=0).values, projected, atol=1e-5)


@pytest.mark.parametrize("activation", ["relu", "gelu"])
def test_feed_forward_counts_units_that_are_off(small_text, activation):
    model, insp, tok = trained(small_text, activation=activation)
    view = tensor_view(model, insp, tok, "ffn_hidden", layer=0)
    h = view.values
    assert h.shape[1] == 4 * model.config.d_model
    expected = (h == 0).mean() if activation == "relu" else (np.abs(h) < 0.01).mean()
    assert view.extra["off_fraction"] == pytest.approx(expected)
    assert f"{expected:.0%}" in view.note
    if activation == "relu":
        assert (h >= 0).all() and expected > 0.1


def test_residual_norms_and_probabilities(small_text):
    model, insp, tok = trained(small_text)
    norms = tensor_view(model, insp, tok, "residual_norms").values
    np.testing.assert_allclose(norms[-1], np.linalg.norm(insp.residual[-1], axis=-1), rtol=1e-5)
    assert norms.shape == (model.config.n_layer + 1, insp.n_tokens)
    probs = tensor_view(model, insp, tok, "probs").extra["all"]
    np.testing.assert_allclose(probs, insp.probs, atol=1e-5)
    hot = tensor_view(model, insp, tok, "probs", temperature=0.5).extra["all"]
    assert hot.max() > probs.max() and hot.sum() == pytest.approx(1.0)
    bars = tensor_view(model, insp, tok, "logits")
    assert list(bars.values) == sorted(bars.values, reverse=True) and len(bars.values) == 20


def test_sinusoidal_positions_are_the_papers_waves(small_text):
    model, insp, tok = trained(small_text, steps=1, positional="sinusoidal")
    pe = tensor_view(model, insp, tok, "pos_emb").values
    assert pe.shape == (model.config.context_length, model.config.d_model)
    positions = np.arange(pe.shape[0])
    np.testing.assert_allclose(pe[:, 0], np.sin(positions), atol=1e-5)
    np.testing.assert_allclose(pe[:, 1], np.cos(positions), atol=1e-5)


def test_logit_lens_last_row_is_the_models_prediction(small_text):
    model, insp, tok = trained(small_text, steps=40)
    grid = logit_lens_grid(model, insp)
    assert grid.top_ids.shape == (model.config.n_layer + 1, insp.n_tokens)
    assert grid.top_ids[-1, -1] == insp.probs.argmax()
    assert grid.top_probs[-1, -1] == pytest.approx(insp.probs.max(), rel=1e-4)
    assert ((grid.top_probs > 0) & (grid.top_probs <= 1)).all()


def test_embedding_map_has_one_point_per_token_and_keeps_its_orientation(small_text):
    model, _, tok = trained(small_text)
    first = embedding_pca(model)
    assert first.points.shape == (tok.vocab_size, 2)
    assert 0 < first.explained[1] <= first.explained[0] < 1
    # an axis's sign is arbitrary: the next frame follows the previous frame's orientation
    flipped = EmbeddingMap(-first.points, first.explained, -first.components)
    np.testing.assert_allclose(embedding_pca(model, previous=flipped).points, -first.points, atol=1e-9)
    np.testing.assert_allclose(embedding_pca(model, previous=first).points, first.points, atol=1e-9)


def test_position_similarity_is_a_cosine_matrix(small_text):
    model, _, _ = trained(small_text, steps=5)
    sim = position_similarity(model)
    n = model.config.context_length
    assert sim.shape == (n, n)
    np.testing.assert_allclose(np.diag(sim), 1.0, atol=1e-6)
    np.testing.assert_allclose(sim, sim.T, atol=1e-9)


def test_token_groups():
    assert [token_group(t) for t in ("a", "B", "k", "7", ",", " ", "\n", " the")] == \
        ["lower vowel", "upper consonant", "lower consonant", "digit", "punctuation", "whitespace",
         "whitespace", "lower consonant"]
