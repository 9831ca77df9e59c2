"""The timeline: which steps are kept, that a kept step gives back that step's weights, that a budget
spills to the run's folder, and that a saved timeline opens again (and refuses what is not its own)."""
import torch
from engine_helpers import tiny_trainer

from playground.core.storage.timeline import Timeline, TimelineRecorder, log_spaced
from playground.core.training.controller import TrainingController
from playground.core.training.events import EvalEvent, StepEvent


def test_early_steps_are_dense_and_later_ones_sparse():
    kept = [s for s in range(1, 10001) if log_spaced(s)]
    assert kept[:8] == [1, 2, 3, 4, 5, 6, 7, 9]
    assert 35 <= len(kept) <= 45
    assert sum(s <= 100 for s in kept) > sum(s > 1000 for s in kept)


def run_with_timeline(text, timeline, steps=60):
    trainer = tiny_trainer(text, max_steps=steps, eval_interval=20)
    controller = TrainingController(trainer)
    truth = {}
    # a callback registered before the recorder sees the same weights: the truth to compare with
    controller.add_callback(lambda e: isinstance(e, (StepEvent, EvalEvent)) and
                            truth.__setitem__(trainer.step, trainer.snapshot()))
    controller.add_callback(TimelineRecorder(trainer, timeline))
    controller.run()
    return trainer, truth


def test_a_kept_step_gives_back_exactly_the_weights_of_that_step(small_text):
    timeline = Timeline()
    trainer, truth = run_with_timeline(small_text, timeline)
    assert {1, 2, 3, 20, 40, 60} <= set(timeline.steps)
    for step in timeline.steps:
        for name, tensor in timeline.weights(step).items():
            assert torch.equal(tensor, truth[step][name]), (step, name)
    assert not torch.equal(timeline.weights(1)["tok_emb.weight"], timeline.weights(60)["tok_emb.weight"])


def test_past_the_budget_snapshots_go_to_the_folder_in_16_bits_and_open_again(small_text, tmp_path):
    folder = tmp_path / "run" / "timeline"
    one = sum(t.numel() * 4 for t in tiny_trainer(small_text, max_steps=20).model.state_dict().values())
    timeline = Timeline(folder, budget_bytes=3 * one)
    trainer, truth = run_with_timeline(small_text, timeline)
    assert timeline.memory_bytes <= 3 * one
    on_disk = sorted(p.name for p in folder.iterdir())
    assert on_disk and all(name.startswith("step-") for name in on_disk)
    for step in timeline.steps:
        for name, tensor in timeline.weights(step).items():
            torch.testing.assert_close(tensor, truth[step][name], rtol=1e-2, atol=1e-3)
    timeline.save_all()
    (folder / "step-000000777.safetensors").write_text("not weights")  # foreign: skipped
    (folder / "notes.txt").write_text("x")
    shapes = {k: v.shape for k, v in trainer.model.state_dict().items()}
    reopened = Timeline.open(folder, shapes)
    assert reopened.steps == timeline.steps
    other = {k: torch.Size([1]) for k in shapes}
    assert Timeline.open(folder, other).steps == []  # another model's shape: nothing of it is used
