"""The tour's steps: in data-flow order, worded with the user's configuration, and showing the live
tensors of their model for the current prompt."""
import math

import numpy as np
import pytest
import torch
from engine_helpers import tiny_trainer

from playground.core.analysis.attribution import attribute
from playground.core.analysis.inspection import inspect
from playground.core.model.config import GPTConfig
from playground.core.teaching.tour import KEYS, PREVIEW_COLS, PREVIEW_ROWS, TRAIN_FIRST_STEPS, prompt_losses, tour_steps


def _steps(**config):
    return {s.key: s for s in tour_steps(GPTConfig(**config), "char")}


def test_the_steps_follow_the_data_in_order_and_each_says_where_to_look():
    steps = tour_steps(GPTConfig(), "char")
    assert [s.key for s in steps] == list(KEYS)
    assert KEYS.index("tokens") < KEYS.index("embeddings") < KEYS.index("positions") < KEYS.index("qkv") \
        < KEYS.index("scores") < KEYS.index("mask") < KEYS.index("softmax") < KEYS.index("heads") \
        < KEYS.index("feed_forward") < KEYS.index("residual") < KEYS.index("output") < KEYS.index("why") \
        < KEYS.index("loss") \
        < KEYS.index("generation")
    for s in steps:
        assert s.place in ("tokens", "diagram", "why", "loss", "generate")
        assert s.place != "diagram" or s.piece
        sentences = [x for x in s.body.replace("…", "").split(". ") if x.strip()]
        assert 2 <= len(sentences) <= 4, (s.key, s.body)


def test_the_words_use_the_users_own_numbers():
    steps = _steps(n_layer=3, n_head=8, d_model=256, context_length=96, vocab_size=77)
    assert "8 heads" in steps["qkv"].body and "d_k = 32" in steps["qkv"].body and "d_model 256" in steps["qkv"].body
    assert "√32 ≈ 5.66" in steps["scores"].body
    assert "77 rows" in steps["embeddings"].body
    assert "up to 96" in steps["positions"].body
    assert "3 blocks" in steps["residual"].body
    assert "256 → 1024 → 256" in steps["feed_forward"].body


def test_the_words_follow_the_architecture_options():
    assert "learned positions" in _steps(positional="learned")["positions"].body
    sinusoidal = _steps(positional="sinusoidal")["positions"]
    assert "sinusoidal" in sinusoidal.body and "sin(pos" in sinusoidal.formula
    assert "no positional encoding" in _steps(positional="none")["positions"].body
    assert "pre-norm" in _steps(norm_placement="pre")["residual"].body
    assert "post-norm" in _steps(norm_placement="post")["residual"].body
    assert "max(0" in _steps(activation="relu")["feed_forward"].formula
    assert "GELU" in _steps(activation="gelu")["feed_forward"].formula
    assert "without the causal mask" in _steps(causal=False)["mask"].body
    assert "−∞" in _steps(causal=True)["mask"].body
    subwords = {s.key: s for s in tour_steps(GPTConfig(), "bpe")}
    assert "subwords" in subwords["tokens"].body
    assert "single characters" in _steps()["tokens"].body


def test_without_a_model_no_tensor_is_invented_and_the_tour_offers_to_train():
    steps = tour_steps(GPTConfig(), "char")
    assert all(s.tensor is None for s in steps)
    offers = {s.key for s in steps if s.before_training}
    assert {"softmax", "loss"} <= offers
    assert str(TRAIN_FIRST_STEPS) in next(s for s in steps if s.key == "softmax").before_training


@pytest.fixture(scope="module")
def trained():
    text = "the cat sat on the mat. the dog sat on the log. " * 60
    trainer = tiny_trainer(text, max_steps=TRAIN_FIRST_STEPS, n_layer=2, n_head=2, d_model=32)
    for _ in range(20):
        trainer.train_step()
    return trainer


def test_with_a_model_every_step_shows_its_live_tensor_for_the_prompt(trained):
    model, tok = trained.model.eval(), trained.tokenizer
    ids = tok.encode("the cat sat")
    seen = inspect(model, ids)
    steps = {s.key: s for s in tour_steps(model.config, "char", "the cat sat", model, seen, tok, trained.step)}
    assert all(steps[k].tensor is not None for k in KEYS)
    assert steps["tokens"].tensor.values[0].tolist() == ids[:PREVIEW_COLS]
    # the embedding rows are the model's own table, looked up by the prompt's ids
    table = model.tok_emb.weight.detach().numpy()
    np.testing.assert_allclose(steps["embeddings"].tensor.values, table[ids][:PREVIEW_ROWS, :PREVIEW_COLS], rtol=1e-5, atol=1e-6)
    # attention weights: rows of the first head of layer 1, each summing to 1 over the keys shown in full
    weights = steps["softmax"].tensor.values
    np.testing.assert_allclose(weights[:, :len(ids)], seen.attention[0, 0][:PREVIEW_ROWS, :PREVIEW_COLS], atol=1e-6)
    assert steps["mask"].tensor.values[0, 1] == 0 and steps["mask"].tensor.values[1, 0] == 1
    # why this token: the likeliest token's score split over layers × (heads, FFN), as the Why tab shows it
    likeliest = attribute(model, seen, int(seen.probs.argmax()))
    np.testing.assert_allclose(steps["why"].tensor.values, np.concatenate([likeliest.heads, likeliest.ffn[:, None]],
                                                                          axis=1)[:PREVIEW_ROWS, :PREVIEW_COLS], atol=1e-6)
    # the model has trained only 20 steps: the tour still says so
    assert steps["softmax"].before_training


def test_the_loss_step_shows_the_surprise_at_each_real_next_token(trained):
    model, tok = trained.model.eval(), trained.tokenizer
    ids = tok.encode("the dog sat on")
    losses = prompt_losses(model, ids)
    with torch.no_grad():
        logits, _ = model(torch.tensor([ids]))
    probs = torch.softmax(logits[0], dim=-1)
    expected = [-math.log(float(probs[t, ids[t + 1]])) for t in range(len(ids) - 1)]
    np.testing.assert_allclose(losses, expected, rtol=1e-4)
    step = next(s for s in tour_steps(model.config, "char", "the dog sat on", model, inspect(model, ids), tok, 400)
                if s.key == "loss")
    np.testing.assert_allclose(step.tensor.values[0], expected[:PREVIEW_COLS], rtol=1e-4)
    assert step.before_training == ""  # 400 steps: past the offer
