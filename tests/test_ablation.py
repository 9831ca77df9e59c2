"""Switches at inference, and the training variants that teach by failing."""
import numpy as np
import pytest
import torch
from engine_helpers import tiny_trainer

from playground.core.analysis.ablation import Ablation, ablated, fixed_validation_batch, measure_ablation
from playground.core.analysis.inspection import inspect


@pytest.fixture(scope="module")
def trained(small_text_module):
    trainer = tiny_trainer(small_text_module, max_steps=80)
    for _ in range(80):
        trainer.train_step()
    return trainer


@pytest.fixture(scope="module")
def small_text_module():
    from conftest import SMALL_TEXT
    return SMALL_TEXT


def test_a_head_switched_off_changes_the_probabilities_and_switching_it_back_restores_them_exactly(trained):
    model, tok = trained.model, trained.tokenizer
    prompt = tok.encode_prompt("To be, or not to be, that is the").ids
    batch = fixed_validation_batch(trained.dataset.val.numpy(), 32)
    before = inspect(model, prompt).probs
    effect = measure_ablation(model, Ablation(frozenset({(1, 0)})), prompt, batch)
    assert np.abs(effect.probs_after - effect.probs_before).max() > 1e-3
    assert effect.val_after != effect.val_before
    assert effect.line().startswith("without layer 2 head 1: val loss ")
    np.testing.assert_array_equal(inspect(model, prompt).probs, before)  # nothing stays switched off
    # the head's output is what goes: its slice of the concatenated heads is zero
    with ablated(model, Ablation(frozenset({(0, 1)}))):
        seen = inspect(model, prompt)
        concat_in = seen.trace["layers"][0]["heads_out"]
    assert seen is not None and concat_in.shape[1] == 2


def test_skipping_a_layer_and_dropping_positions_change_the_model_and_come_back(trained):
    model, tok = trained.model, trained.tokenizer
    prompt = tok.encode_prompt("Whether 'tis nobler in the mind").ids
    reference = inspect(model, prompt).probs
    for ablation in (Ablation(layers_skipped=frozenset({0})), Ablation(positions_off=True)):
        with ablated(model, ablation):
            changed = inspect(model, prompt).probs
        assert np.abs(changed - reference).max() > 1e-3, ablation.describe()
        np.testing.assert_array_equal(inspect(model, prompt).probs, reference)
    # a skipped layer leaves the residual stream exactly as it came in
    with ablated(model, Ablation(layers_skipped=frozenset({1}))):
        residual = inspect(model, prompt).residual
    np.testing.assert_array_equal(residual[2], residual[1])


@pytest.mark.timeout(120)
def test_without_the_causal_mask_training_loss_collapses_far_below_the_masked_models():
    """The unmasked model reads the answer from the next position: its training loss falls towards zero
    (here 0.19 against 2.50 after 600 steps), which is exactly why a decoder needs the mask."""
    from playground.core.session.loaded_corpus import DEFAULT_CORPUS
    text = DEFAULT_CORPUS.read_text(encoding="utf-8")[:100000]
    losses = {}
    for causal in (True, False):
        trainer = tiny_trainer(text, max_steps=600, causal=causal, learning_rate=1e-2, d_model=32,
                               context_length=16, batch_size=16, warmup_steps=10)
        for _ in range(600):
            trainer.train_step()
        losses[causal] = trainer.estimate_loss()[0]
    assert losses[False] < 0.3 * losses[True], losses


def test_no_positional_encoding_is_a_bag_of_tokens(small_text_module):
    trainer = tiny_trainer(small_text_module, max_steps=2, warmup_steps=0, positional="none")
    model = trainer.model
    ids = trainer.tokenizer.encode_prompt("abc").ids
    with torch.no_grad():
        a, _ = model(torch.tensor([ids]))
    # with no positions and a causal mask, the first position sees only itself: same token, same output
    with torch.no_grad():
        b, _ = model(torch.tensor([[ids[0]]]))
    torch.testing.assert_close(a[0, 0], b[0, 0])
    assert not any(name == "pos_emb" for name, _ in model.named_parameters())
