import json

import numpy as np
import pytest
import torch
from engine_helpers import tiny_trainer

from playground.core.analysis.inspection import inspect
from playground.core.model.model import GPT
from playground.core.storage.checkpoint import (
    MANIFEST,
    CheckpointError,
    load_checkpoint,
    save_checkpoint,
    trainer_from_checkpoint,
)


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

    monkeypatch.setattr("playground.core.storage.checkpoint.os.replace", crash)
    with pytest.raises(OSError):
        save_checkpoint(tmp_path, trainer)
    monkeypatch.undo()
    assert load_checkpoint(tmp_path).step == 10


def test_truncated_weights_refused(tmp_path, small_text):
    save_checkpoint(tmp_path, trained(small_text))
    weights = next(tmp_path.glob("weights-*.safetensors"))
    weights.write_bytes(weights.read_bytes()[:500])
    with pytest.raises(CheckpointError, match="damaged"):
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
    from playground.core.data.tokenizer import BPETokenizer
    from playground.core.model.config import GPTConfig
    from playground.core.training.settings import TrainSettings
    from playground.core.training.trainer import Trainer
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


# ---- checkpoints that lie or attack: one clear CheckpointError each, nothing read outside the folder ----

def saved(tmp_path, small_text) -> tuple:
    folder = tmp_path / "ckpt"
    save_checkpoint(folder, trained(small_text, steps=3))
    return folder, json.loads((folder / MANIFEST).read_text())


@pytest.mark.parametrize("change, phrase", [
    (lambda m: m.update(step=None), "step must be a whole number"),
    (lambda m: m.update(step=-5), "step must be a whole number"),
    (lambda m: m.update(step=10 ** 15), "step must be a whole number"),
    (lambda m: m.update(history=[1, 2]), "history"),
    (lambda m: m["history"].update(losses="x"), "losses is not a list"),
    (lambda m: m["config"].update(dropout="0.5"), "Dropout must be a number"),
    (lambda m: m["train_settings"].update(seed=1e40), "seed must be a whole number"),
    (lambda m: m["train_settings"].update(batch_size=None), "batch_size must be a whole number"),
    (lambda m: m.update(config="x"), "not a table"),
    (lambda m: m.update(elapsed_s="soon"), "elapsed_s"),
    (lambda m: m.update(optimizer_param_groups=[{"lr": "fast"}]), "optimizer_param_groups"),
    (lambda m: m.update(weights_file="../../../etc/passwd"), "not a plain file inside"),
    (lambda m: m.update(weights_file="/etc/passwd"), "not a plain file inside"),
])
def test_a_lying_manifest_is_one_clear_error(tmp_path, small_text, change, phrase):
    folder, manifest = saved(tmp_path, small_text)
    change(manifest)
    (folder / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(CheckpointError, match=phrase):
        load_checkpoint(folder)


def test_weights_outside_the_folder_are_never_loaded(tmp_path, small_text):
    folder, manifest = saved(tmp_path, small_text)
    weights = folder / manifest["weights_file"]
    outside = tmp_path / "elsewhere.safetensors"
    outside.write_bytes(weights.read_bytes())  # valid weights, right checksum, but not in the checkpoint
    manifest["weights_file"] = "../elsewhere.safetensors"
    (folder / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(CheckpointError, match="not a plain file inside"):
        load_checkpoint(folder)
    weights.unlink()
    weights.symlink_to(outside)  # a link in the folder pointing out of it is refused too
    manifest["weights_file"] = weights.name
    (folder / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(CheckpointError, match="not a plain file inside"):
        load_checkpoint(folder)


def test_a_huge_weights_file_is_refused_before_it_is_read(tmp_path, small_text, monkeypatch):
    folder, manifest = saved(tmp_path, small_text)
    weights = folder / manifest["weights_file"]
    with open(weights, "r+b") as f:
        f.truncate(8 << 30)  # 8 GB, sparse: hashing it would take many seconds
    hashed = []
    monkeypatch.setattr("playground.core.storage.checkpoint._sha256", lambda p: hashed.append(p) or "0" * 64)
    with pytest.raises(CheckpointError, match="damaged"):
        load_checkpoint(folder)
    assert not hashed, "the size was checked before hashing"


def test_a_huge_config_with_tiny_weights_allocates_nothing(tmp_path, small_text, monkeypatch):
    folder, manifest = saved(tmp_path, small_text)
    manifest["config"].update(n_layer=12, d_model=1024, n_head=16, context_length=1024)
    (folder / MANIFEST).write_text(json.dumps(manifest))
    built = []
    original_init = GPT.__init__
    monkeypatch.setattr(GPT, "__init__", lambda self, config: (built.append(torch.empty(0).device.type),
                                                                original_init(self, config))[1])
    with pytest.raises(CheckpointError, match="do not match"):
        load_checkpoint(folder)
    assert "cpu" not in built, "no real model was built for a config the weights do not match"


def test_non_finite_weights_are_refused_with_a_message(tmp_path, small_text):
    trainer = trained(small_text, steps=2)
    with torch.no_grad():
        trainer.model.tok_emb.weight[0, 0] = float("nan")
    save_checkpoint(tmp_path / "nan", trainer)
    with pytest.raises(CheckpointError, match="NaN or infinite"):
        load_checkpoint(tmp_path / "nan")


def test_a_manifest_that_is_a_fifo_or_a_link_is_refused_at_once(tmp_path, small_text):
    import os
    folder, _ = saved(tmp_path, small_text)
    (folder / MANIFEST).unlink()
    os.mkfifo(folder / MANIFEST)
    with pytest.raises(CheckpointError, match="not a plain file"):
        load_checkpoint(folder)
    (folder / MANIFEST).unlink()
    (folder / MANIFEST).symlink_to("/dev/zero")
    with pytest.raises(CheckpointError, match="link"):
        load_checkpoint(folder)


@pytest.mark.parametrize("where", ["manifest", "weights"])
def test_pickle_payloads_never_execute(tmp_path, small_text, where):
    import pickle

    class Boom:
        def __reduce__(self):
            return (open, (str(tmp_path / "PWNED"), "w"))

    folder, manifest = saved(tmp_path, small_text)
    payload = pickle.dumps(Boom())
    target = folder / (MANIFEST if where == "manifest" else manifest["weights_file"])
    target.write_bytes(payload)
    with pytest.raises(CheckpointError):
        load_checkpoint(folder)
    assert not (tmp_path / "PWNED").exists()


def test_saving_follows_the_umask_and_cleans_what_a_crash_left(tmp_path, small_text):
    import os
    import stat
    trainer = trained(small_text, steps=2)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "weights-deadbeef0000.safetensors").write_bytes(b"left by a crash")
    (tmp_path / "c" / f"{MANIFEST}abc.tmp").write_text("{")
    save_checkpoint(tmp_path / "c", trainer)
    names = sorted(p.name for p in (tmp_path / "c").iterdir())
    assert len(names) == 2 and MANIFEST in names, names
    mask = os.umask(0)
    os.umask(mask)
    for p in (tmp_path / "c").iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~mask, p.name


def test_a_full_disk_names_the_folder_and_keeps_the_last_checkpoint(tmp_path, small_text, monkeypatch):

    from playground.core.files.durable import DiskWriteError
    trainer = trained(small_text, steps=2)
    save_checkpoint(tmp_path / "c", trainer)
    trainer.train_step()

    from safetensors import SafetensorError

    def full(*args, **kwargs):
        raise SafetensorError("Error while serializing: I/O error: No space left on device (os error 28)")  # as safetensors does

    monkeypatch.setattr("playground.core.files.durable.save_file", full)
    with pytest.raises(DiskWriteError, match="disk is full") as caught:
        save_checkpoint(tmp_path / "c", trainer)
    assert str(tmp_path / "c") in str(caught.value) and "needs about" in str(caught.value)
    monkeypatch.undo()
    assert load_checkpoint(tmp_path / "c").step == 2
