"""Muon for the blocks' matrices: the orthogonalisation does what it claims, the optimizer's state travels
with a checkpoint, and a resumed run is the uninterrupted one."""
import pytest
import torch
from engine_helpers import tiny_trainer

from playground.core.storage.checkpoint import load_checkpoint, save_checkpoint, trainer_from_checkpoint
from playground.core.training.muon import MuonWithAdamW, newton_schulz
from playground.core.training.settings import TrainingError, TrainSettings


@pytest.mark.parametrize("shape", [(64, 64), (192, 64), (64, 256)])
def test_newton_schulz_gives_a_nearly_orthogonal_matrix_in_fp32(shape):
    torch.manual_seed(0)
    grad = torch.randn(*shape) @ torch.diag(torch.logspace(-2, 1, shape[1]))  # badly conditioned, as gradients are
    update = newton_schulz(grad, steps=5)
    assert update.dtype == torch.float32 and update.shape == grad.shape
    def spread(matrix):  # how unequal the directions are: the 90th over the 10th percentile singular value
        values = torch.linalg.svdvals(matrix)
        return float(values.quantile(0.9) / values.quantile(0.1)), float(values.median())
    before, _ = spread(grad)
    after, median = spread(update)
    assert after < before / 4 and 0.6 < median < 1.25  # directions made far more equal, at a scale of ~1
    u, _, vh = torch.linalg.svd(grad, full_matrices=False)
    assert torch.nn.functional.cosine_similarity((u @ vh).flatten(), update.flatten(), dim=0) > 0.85  # ≈ U·Vᵀ


def test_muon_takes_the_block_matrices_and_adamw_the_rest(small_text):
    trainer = tiny_trainer(small_text, optimizer="muon")
    assert isinstance(trainer.optimizer, MuonWithAdamW)
    muon, decayed, plain = trainer.optimizer.param_groups
    names = {id(p): n for n, p in trainer.model.named_parameters()}
    assert muon["muon"] and all(names[id(p)].startswith("blocks.") and p.dim() == 2 for p in muon["params"])
    assert {names[id(p)] for p in decayed["params"]} == {"tok_emb.weight", "pos_emb"}  # the tied head is tok_emb
    assert all(p.dim() == 1 for p in plain["params"]) and plain["weight_decay"] == 0.0


def test_an_unknown_optimizer_is_refused_with_a_sentence():
    with pytest.raises(TrainingError, match="optimizer must be one of adamw, muon"):
        TrainSettings(optimizer="sgd")


@pytest.mark.parametrize("dropout", [0.0, 0.1])
def test_a_muon_run_resumed_from_a_checkpoint_equals_the_uninterrupted_one(small_text, tmp_path, dropout):
    whole = tiny_trainer(small_text, optimizer="muon", max_steps=30, dropout=dropout)
    for _ in range(30):
        whole.train_step()
    first = tiny_trainer(small_text, optimizer="muon", max_steps=30, dropout=dropout)
    for _ in range(12):
        first.train_step()
    save_checkpoint(tmp_path / "c", first)
    checkpoint = load_checkpoint(tmp_path / "c")
    assert checkpoint.settings.optimizer == "muon"
    assert any("momentum_buffer" in values for values in checkpoint.optimizer_state["state"].values())
    resumed = trainer_from_checkpoint(checkpoint, first.dataset.train.numpy().tolist() + first.dataset.val.numpy().tolist())
    for _ in range(18):
        resumed.train_step()
    for (name, a), b in zip(whole.model.state_dict().items(), resumed.model.state_dict().values()):
        torch.testing.assert_close(a, b, atol=1e-6, rtol=0, msg=name)


def test_muon_learns_and_reports_update_ratios(small_text):
    trainer = tiny_trainer(small_text, optimizer="muon", max_steps=60)
    first = trainer.train_step()
    trainer.measure_updates = True
    for _ in range(59):
        trainer.train_step()
    assert trainer.history.losses[-1] < first - 0.5
    assert set(trainer.update_ratios) == {"embeddings", "layer 1", "layer 2"}
    assert all(1e-5 < r < 1e-1 for r in trainer.update_ratios.values())


def test_muon_is_the_default_and_settings_saved_before_the_choice_stay_adamw():
    assert TrainSettings().optimizer == "muon"
    old = TrainSettings(optimizer="adamw").to_dict()
    del old["optimizer"]  # a checkpoint or run record written before there was a choice holds AdamW's state
    assert TrainSettings.from_dict(old).optimizer == "adamw"
