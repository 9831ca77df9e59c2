import json

import numpy as np
import pytest
import torch

from engine_helpers import tiny_trainer
from playground.core.checkpoint import (MANIFEST, CheckpointError, load_checkpoint, save_checkpoint,
                                        trainer_from_checkpoint)
from playground.core.inspection import inspect


def trained(small_text, steps=10, **kw):
    trainer = tiny_trainer(small_text, **kw)
    for _ in range(steps):
        trainer.train_step()
    return trainer


@pytest.mark.parametrize("variant", [{}, {"tie_embeddings": False, "positional": "sinusoidal"}])
def test_save_load_gives_identical_probabilities(tmp_path, small_text, variant):
    trainer = trained(small_text, **variant)
    save_checkpoint(tmp_path / "ckpt", trainer, "hamlet.txt")
    loaded = load_checkpoint(tmp_path / "ckpt")
    ids = trainer.tokenizer.encode("To be, or not")
    np.testing.assert_array_equal(inspect(loaded.model, ids).probs, inspect(trainer.model, ids).probs)
    assert loaded.step == 10 and loaded.corpus_name == "hamlet.txt"
    assert loaded.history.losses == trainer.history.losses
    assert loaded.tokenizer.to_dict() == trainer.tokenizer.to_dict()
    if trainer.config.tie_embeddings:
        assert loaded.model.lm_head.weight is loaded.model.tok_emb.weight


@pytest.mark.parametrize("dropout", [0.0, 0.2])
def test_resume_continues_exactly(tmp_path, small_text, dropout):
    """Stop at step 3, save, load in a fresh trainer, train to 8: the same weights as one run to 8."""
    settings = dict(seed=3, dropout=dropout, precision="fp32", max_steps=8)
    straight = trained(small_text, steps=8, **settings)
    first_leg = trained(small_text, steps=3, **settings)
    save_checkpoint(tmp_path / "ckpt", first_leg)
    torch.manual_seed(999)  # whatever else ran in between must not matter
    ids = first_leg.tokenizer.encode_corpus(small_text)
    again = trainer_from_checkpoint(load_checkpoint(tmp_path / "ckpt"), ids)
    for _ in range(5):
        again.train_step()
    assert again.step == 8 and again.history.losses[:3] == first_leg.history.losses
    assert again.history.losses == pytest.approx(straight.history.losses, abs=1e-5)
    for a, b in zip(straight.model.parameters(), again.model.parameters()):
        torch.testing.assert_close(a, b, atol=1e-5, rtol=0)


def test_saving_twice_keeps_one_weights_file(tmp_path, small_text):
    trainer = trained(small_text)
    save_checkpoint(tmp_path, trainer)
    trainer.train_step()
    save_checkpoint(tmp_path, trainer)
    assert len(list(tmp_path.glob("weights-*.safetensors"))) == 1
    assert load_checkpoint(tmp_path).step == 11


def test_crash_mid_save_leaves_the_last_good_checkpoint(tmp_path, small_text, monkeypatch):
    trainer = trained(small_text)
    save_checkpoint(tmp_path, trainer)
    trainer.train_step()

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("playground.core.checkpoint.os.replace", crash)
    with pytest.raises(OSError):
        save_checkpoint(tmp_path, trainer)
    monkeypatch.undo()
    assert load_checkpoint(tmp_path).step == 10


def test_truncated_weights_refused(tmp_path, small_text):
    save_checkpoint(tmp_path, trained(small_text))
    weights = next(tmp_path.glob("weights-*.safetensors"))
    weights.write_bytes(weights.read_bytes()[:500])
    with pytest.raises(CheckpointError, match="damaged or truncated"):
        load_checkpoint(tmp_path)


def test_corrupted_manifest_refused(tmp_path, small_text):
    save_checkpoint(tmp_path, trained(small_text))
    (tmp_path / MANIFEST).write_text('{"format": "tiny-gpt-playground/1", "config": {')
    with pytest.raises(CheckpointError, match="damaged"):
        load_checkpoint(tmp_path)


def test_mismatched_config_refused(tmp_path, small_text):
    save_checkpoint(tmp_path, trained(small_text))
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    manifest["config"]["d_model"] = 64
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(CheckpointError, match="do not match"):
        load_checkpoint(tmp_path)


def test_not_a_checkpoint(tmp_path):
    with pytest.raises(CheckpointError, match="not a checkpoint"):
        load_checkpoint(tmp_path)


def test_bpe_model_saves_reloads_with_identical_probabilities(tmp_path, small_text):
    from playground.core.config import GPTConfig
    from playground.core.tokenizer import BPETokenizer
    from playground.core.trainer import Trainer, TrainSettings
    tok = BPETokenizer.train(small_text + "Ünïcödé 🙂\n", 300)
    config = GPTConfig(vocab_size=tok.vocab_size, n_layer=1, n_head=2, d_model=32, context_length=16)
    trainer = Trainer(config, TrainSettings(batch_size=4, max_steps=5), tok, tok.encode_corpus(small_text))
    for _ in range(5):
        trainer.train_step()
    save_checkpoint(tmp_path, trainer)
    loaded = load_checkpoint(tmp_path)
    ids = loaded.tokenizer.encode("To be, or not 🙂")
    assert loaded.tokenizer.decode(ids) == "To be, or not 🙂"
    np.testing.assert_array_equal(inspect(loaded.model, ids).probs, inspect(trainer.model, ids).probs)


def test_damaged_tokenizer_in_checkpoint_refused(tmp_path, small_text):
    save_checkpoint(tmp_path, trained(small_text))
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    manifest["tokenizer"] = {"kind": "bpe", "hf_json": "{broken"}
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(CheckpointError, match="tokenizer is damaged"):
        load_checkpoint(tmp_path)
