import math
import threading

import pytest
import torch
from engine_helpers import tiny_trainer

from playground.core.training.controller import TrainingController
from playground.core.training.dataset import TokenDataset
from playground.core.training.events import EvalEvent, SampleEvent, SnapshotEvent, StateEvent, StepEvent
from playground.core.training.settings import TrainingError, TrainSettings


def test_loss_falls_on_a_small_text(small_text):
    trainer = tiny_trainer(small_text, max_steps=120)
    first = trainer.estimate_loss()[1]
    for _ in range(120):
        trainer.train_step()
    assert trainer.estimate_loss()[1] < first - 1.0


def test_reproducible_with_a_seed(small_text):
    a, b = tiny_trainer(small_text, seed=7), tiny_trainer(small_text, seed=7)
    assert [a.train_step() for _ in range(5)] == [b.train_step() for _ in range(5)]


def test_warmup_then_cosine_decay():
    s = TrainSettings(learning_rate=1.0, warmup_steps=10, max_steps=110, min_lr_ratio=0.1)
    assert s.lr_at(0) == pytest.approx(0.1) and s.lr_at(9) == pytest.approx(1.0)
    assert s.lr_at(60) == pytest.approx(0.55) and s.lr_at(110) == pytest.approx(0.1)


@pytest.mark.parametrize("steps", [50, 100])
def test_a_short_run_reaches_its_peak_and_decays(steps):
    s = TrainSettings(learning_rate=1e-3, max_steps=steps)  # the warm-up left to its default
    rates = [s.lr_at(i) for i in range(steps)]
    assert max(rates) == pytest.approx(1e-3)
    assert rates[-1] < 0.2e-3, "the cosine has decayed by the end of the run"


def test_a_warmup_as_long_as_the_run_is_refused_with_a_sentence():
    with pytest.raises(TrainingError, match="as long as the whole run"):
        TrainSettings(warmup_steps=100, max_steps=100)


@pytest.mark.parametrize("stopped_at", [3, 40, 60, 100])
def test_training_on_continues_the_schedule_without_a_jump(stopped_at):
    s = TrainSettings(learning_rate=1e-3, warmup_steps=10, max_steps=100)
    longer = s.continued(stopped_at, 300)
    before = s.lr_at(stopped_at - 1)
    after = [longer.lr_at(i) for i in range(stopped_at, 300)]
    # the first step after the restart is no bigger a change than a step of the original schedule
    biggest_step = max(abs(s.lr_at(i + 1) - s.lr_at(i)) for i in range(99))
    assert abs(after[0] - before) <= biggest_step + 1e-12
    if stopped_at < s.warmup:  # stopped while warming up: it warms up on to the peak, never past it
        assert max(after) == pytest.approx(1e-3)
    else:
        assert max(after) <= s.lr_at(stopped_at) + 1e-12
    assert after[-1] == pytest.approx(s.min_lr_ratio * 1e-3, rel=1e-2), "it still ends at the floor"


def test_text_too_short_for_the_context_names_the_file():
    with pytest.raises(TrainingError, match="“notes.txt” is too short for context length 64"):
        TokenDataset(torch.arange(100).numpy(), context_length=64, name="notes.txt")


@pytest.mark.parametrize("split_tokens", [33, 34])  # context + 1 and context + 2
def test_the_smallest_split_trains_and_its_last_token_is_a_target(split_tokens):
    ids = torch.arange(split_tokens * 2).numpy()  # val_fraction 0.5: both splits have split_tokens
    data = TokenDataset(ids, context_length=32, val_fraction=0.5)
    generator = torch.Generator().manual_seed(0)
    targets = set()
    for split in ("train", "val"):
        for _ in range(20):
            x, y = data.batch(split, 4, generator)
            assert x.shape == y.shape == (4, 32)
            targets |= set(y.flatten().tolist())
    assert split_tokens - 1 in targets and 2 * split_tokens - 1 in targets


def test_controller_emits_events_and_finishes(small_text):
    trainer = tiny_trainer(small_text, max_steps=40)
    # by steps only: on a loaded machine the clock-based evaluation (every 10 s) could add a point
    controller = TrainingController(trainer, snapshot_interval=20, snapshot_every_s=math.inf,
                                    eval_every_s=math.inf, sample_every_s=math.inf)
    events = []
    controller.add_callback(events.append)
    assert controller.run() == "finished"
    kinds = {type(e) for e in events}
    assert {StepEvent, EvalEvent, SampleEvent, SnapshotEvent, StateEvent} <= kinds
    steps = [e for e in events if isinstance(e, StepEvent)]
    assert [e.step for e in steps] == list(range(1, 41))
    # tokens/s is what a stopwatch says: tokens of the first 10 steps over the time they took
    tenth = steps[9]
    assert tenth.tokens_per_s == pytest.approx(10 * trainer.tokens_per_step / tenth.elapsed_s, rel=1e-6)
    assert isinstance(events[-1], StateEvent) and events[-1].state == "finished"
    assert trainer.history.val_steps == [20, 40]


@pytest.mark.timeout(30)
def test_pause_resume_stop_take_effect_within_a_step(small_text):
    trainer = tiny_trainer(small_text, max_steps=100_000)
    controller = TrainingController(trainer)
    paused, stopped = threading.Event(), threading.Event()
    states = []

    def on_event(event):
        if isinstance(event, StateEvent):
            states.append(event.state)
            if event.state == "paused":
                paused.set()
        if isinstance(event, StepEvent) and event.step == 5:
            controller.pause()

    controller.add_callback(on_event)
    thread = threading.Thread(target=lambda: (controller.run(), stopped.set()))
    thread.start()
    assert paused.wait(10)
    assert trainer.step == 5  # the pause landed right after the step that asked for it
    controller.resume()
    controller.stop()
    assert stopped.wait(10)
    thread.join(5)
    assert states[:2] == ["running", "paused"] and states[-1] == "stopped"
    assert trainer.step <= 6


def test_divergence_stops_with_a_reason_and_keeps_good_weights(small_text):
    trainer = tiny_trainer(small_text, learning_rate=100, warmup_steps=0, grad_clip=1e9, max_steps=500)
    controller = TrainingController(trainer)
    states = []
    controller.add_callback(lambda e: isinstance(e, StateEvent) and states.append(e))
    assert controller.run() == "failed"
    assert "diverged" in states[-1].reason and "learning rate" in states[-1].reason
    # the weights kept are the last good ones: the model still predicts, and resaving works
    from playground.core.analysis.inspection import inspect
    probs = inspect(trainer.model, trainer.tokenizer.encode("To be")).probs
    assert math.isclose(float(probs.sum()), 1.0, rel_tol=1e-4) and all(math.isfinite(p) for p in probs)


def test_an_exception_in_a_listener_fails_cleanly(small_text):
    trainer = tiny_trainer(small_text)
    controller = TrainingController(trainer)
    states = []

    def on_event(event):
        if isinstance(event, StateEvent):
            states.append(event)
        elif isinstance(event, StepEvent) and event.step == 3:
            raise RuntimeError("listener broke")

    controller.add_callback(on_event)
    assert controller.run() == "failed"
    assert "listener broke" in states[-1].reason


def test_precision_auto_follows_the_cpu(monkeypatch):
    from playground.core.training import settings as settings_module
    from playground.core.training.settings import resolve_precision

    monkeypatch.setattr(settings_module, "cpu_has_native_bf16", lambda: True)
    assert resolve_precision("auto", torch.device("cpu")) == "bf16"
    monkeypatch.setattr(settings_module, "cpu_has_native_bf16", lambda: False)
    assert resolve_precision("auto", torch.device("cpu")) == "fp32"
    assert resolve_precision("fp32", torch.device("cpu")) == "fp32"
    with pytest.raises(TrainingError, match="Precision"):
        TrainSettings(precision="fp8")


@pytest.mark.parametrize("precision", ["fp32", "bf16"])  # both paths on every machine, whatever auto picks
def test_each_precision_learns_and_keeps_fp32_weights(small_text, precision):
    trainer = tiny_trainer(small_text, precision=precision, max_steps=60, learning_rate=1e-2)
    assert trainer.precision == precision
    first = trainer.train_step()
    for _ in range(59):
        last = trainer.train_step()
    assert last < first - 0.5, f"{precision} training learns"
    assert all(p.dtype == torch.float32 for p in trainer.model.parameters()), "weights stay fp32"
    train_loss, val_loss = trainer.estimate_loss()
    assert math.isfinite(val_loss) and abs(train_loss - last) < 0.5


@pytest.mark.timeout(120)
def test_a_nan_on_one_process_stops_every_process(tmp_path):
    """Under DDP the ranks agree on a non-finite loss before backward(): none is left waiting forever."""
    import json
    import multiprocessing
    import socket

    import ddp_helpers

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=ddp_helpers.train_with_nan_on_one_rank,
                                 args=(rank, 2, port, str(tmp_path), 1, 3)) for rank in range(2)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(90)
    hung = [p for p in processes if p.is_alive()]
    for p in hung:
        p.kill()
    assert not hung, "a rank was left waiting in the all-reduce"
    results = [json.loads((tmp_path / f"rank{r}.json").read_text()) for r in range(2)]
    assert [r["state"] for r in results] == ["failed", "failed"]
    assert [r["step"] for r in results] == [3, 3] and all("diverged" in r["reason"] for r in results)


def test_the_schedule_a_run_got_is_recorded_step_by_step(small_text):
    trainer = tiny_trainer(small_text, max_steps=20, warmup_steps=4, learning_rate=1e-3)
    planned = trainer.settings
    for _ in range(12):
        trainer.train_step()
    trainer.settings = trainer.settings.continued(trainer.step, 40)
    for _ in range(28):
        trainer.train_step()
    lrs = trainer.history.lrs
    assert len(lrs) == 40 and lrs[3] == pytest.approx(1e-3)
    jumps = [abs(b - a) for a, b in zip(lrs, lrs[1:])]
    steepest_planned = max(abs(planned.lr_at(i + 1) - planned.lr_at(i)) for i in range(4, 19))
    assert max(jumps[11:]) <= steepest_planned + 1e-12, "continuing made no jump"


def run_and_stop_at(trainer, step: int, **controller_options) -> list:
    controller = TrainingController(trainer, **controller_options)
    events = []
    controller.add_callback(events.append)
    controller.add_callback(lambda e: isinstance(e, StepEvent) and e.step == step and controller.stop())
    assert controller.run() == "stopped"
    return events


def test_stop_sends_the_weights_a_sample_and_a_validation_point_of_that_step(small_text):
    trainer = tiny_trainer(small_text, max_steps=500, eval_interval=100, sample_interval=250)
    events = run_and_stop_at(trainer, 99)
    snapshots = [e for e in events if isinstance(e, SnapshotEvent)]
    assert snapshots[-1].step == 99, "the views get the model as it was stopped, not step 0"
    for name, value in snapshots[-1].state_dict.items():
        torch.testing.assert_close(value, trainer.model.state_dict()[name])
    assert [e.step for e in events if isinstance(e, SampleEvent)][-1] == 99
    assert trainer.history.val_steps[-1] == 99


def test_pause_sends_the_current_weights(small_text):
    trainer = tiny_trainer(small_text, max_steps=500)
    controller = TrainingController(trainer)
    events = []
    controller.add_callback(events.append)

    def on_event(event):
        if isinstance(event, StepEvent) and event.step == 7:
            controller.pause()
        elif isinstance(event, StateEvent) and event.state == "paused":
            controller.stop()

    controller.add_callback(on_event)
    controller.run()
    before_pause = next(i for i, e in enumerate(events) if isinstance(e, StateEvent) and e.state == "paused")
    assert isinstance(events[before_pause - 1], SnapshotEvent) and events[before_pause - 1].step == 7


def test_slow_steps_still_get_snapshots_evaluations_and_samples_by_time(small_text):
    """On a busy machine 100 steps can take a minute: weights, validation and samples follow the clock too."""
    trainer = tiny_trainer(small_text, max_steps=500, eval_interval=1000, sample_interval=1000)
    events = run_and_stop_at(trainer, 6, snapshot_interval=1000, snapshot_every_s=0.0, eval_every_s=0.0,
                             sample_every_s=0.0)
    for kind in (SnapshotEvent, EvalEvent, SampleEvent):
        assert {e.step for e in events if isinstance(e, kind)} >= {1, 2, 3, 4, 5, 6}, kind.__name__


def memorising_trainer(max_steps: int = 200):
    """3,000 characters and a 4-head model: it learns the training text by heart within ~100 steps."""
    from playground.core.session.loaded_corpus import DEFAULT_CORPUS
    text = DEFAULT_CORPUS.read_text(encoding="utf-8")[:3000]
    return tiny_trainer(text, n_layer=2, n_head=4, d_model=64, context_length=32, max_steps=max_steps,
                        eval_interval=25, learning_rate=3e-3, eval_batches=4, batch_size=32, warmup_steps=20)


@pytest.mark.timeout(120)
def test_a_tiny_text_trained_long_is_called_memorising_and_the_best_weights_come_back():
    from playground.core.analysis.verdict import memorising_message, memorising_since
    trainer = memorising_trainer()
    controller = TrainingController(trainer)
    controller.keep_best = True
    snapshots = {}
    controller.add_callback(lambda e: isinstance(e, EvalEvent) and snapshots.setdefault(e.step, trainer.snapshot()))
    reasons = []
    controller.add_callback(lambda e: isinstance(e, StateEvent) and reasons.append(e.reason))
    assert controller.run() == "finished"
    h = trainer.history
    best = memorising_since(h.val_losses, h.train_eval_losses)
    assert best is not None, (h.val_losses, h.train_eval_losses)
    assert "memorising the training text" in memorising_message(h.val_steps[best], h.val_losses[best],
                                                                 h.val_losses[-1])
    assert trainer.best_step == h.val_steps[best] < trainer.step
    # the weights now are those of the best evaluation, and measure its validation loss again
    assert trainer.weights_step == trainer.best_step
    for name, tensor in trainer.snapshot().items():
        assert torch.equal(tensor, snapshots[trainer.best_step][name]), name
    assert trainer.estimate_loss()[1] == pytest.approx(h.val_losses[best], abs=1e-6)
    assert f"Kept the weights of step {trainer.best_step:,}" in reasons[-1]


@pytest.mark.timeout(60)
def test_step_while_paused_does_exactly_one_step_and_reports_it(small_text):
    from playground.core.training.events import StepReport
    trainer = tiny_trainer(small_text, max_steps=500)
    controller = TrainingController(trainer)
    reports, states = [], []
    controller.add_callback(lambda e: isinstance(e, StepReport) and reports.append(e))
    controller.add_callback(lambda e: isinstance(e, StateEvent) and states.append(e.state))
    thread = threading.Thread(target=controller.run)
    controller.pause()
    thread.start()
    wait_for(lambda: controller.state == "paused")
    paused_at = trainer.step
    controller.step_once()
    wait_for(lambda: len(reports) == 1 and controller.state == "paused")
    assert trainer.step == paused_at + 1
    [report] = reports
    assert report.step == paused_at + 1 and report.loss_after < report.loss_before
    assert set(report.grad_norms) == {"embeddings", "layer 1", "layer 2"} == set(report.update_ratios)
    assert all(1e-6 < r < 1 for r in report.update_ratios.values())
    assert "running" not in states[states.index("paused"):]  # one step never looks like a resumed run
    controller.stop()
    thread.join(10)


@pytest.mark.timeout(60)
def test_a_learning_rate_change_mid_run_shows_in_the_recorded_schedule(small_text):
    from playground.core.training.events import HealthEvent
    trainer = tiny_trainer(small_text, max_steps=60, warmup_steps=0, min_lr_ratio=1.0)
    controller = TrainingController(trainer)
    health = []
    controller.add_callback(lambda e: isinstance(e, StepEvent) and e.step == 30 and controller.set_lr_scale(2.0))
    controller.add_callback(lambda e: isinstance(e, HealthEvent) and health.append(e))
    controller.run()
    lrs = trainer.history.lrs
    assert lrs[29] == pytest.approx(trainer.settings.learning_rate)
    assert lrs[30] == pytest.approx(2 * trainer.settings.learning_rate)
    assert [h.step for h in health] == [10, 20, 30, 40, 50, 60]
    assert all(h.grad_norm > 0 and len(h.update_ratios) == 3 for h in health)


def wait_for(condition, timeout_s: float = 20.0) -> None:
    import time
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@pytest.mark.parametrize("field, value, phrase", [("grad_clip", -1.0, "Gradient clipping"),
                                                  ("weight_decay", -0.1, "Weight decay")])
def test_negative_clipping_or_decay_is_refused_with_a_sentence(field, value, phrase):
    with pytest.raises(TrainingError, match=phrase):
        TrainSettings(**{field: value})
    with pytest.raises(TrainingError, match=phrase):  # a settings file may hold them too
        TrainSettings.from_dict({field: value})


def test_grad_clip_zero_means_no_clipping_and_the_model_still_learns(small_text):
    off = tiny_trainer(small_text, max_steps=30, grad_clip=0.0)
    loose = tiny_trainer(small_text, max_steps=30, grad_clip=1e6)  # a norm never reached: the same as off
    first = off.train_step()
    loose.train_step()
    for _ in range(29):
        off.train_step()
        loose.train_step()
    assert off.history.losses[-1] < first - 0.3, "with clipping off the gradients still move the weights"
    for a, b in zip(off.model.parameters(), loose.model.parameters()):
        torch.testing.assert_close(a, b)
