import math
import threading

import pytest
import torch

from engine_helpers import tiny_trainer
from playground.core.trainer import (EvalEvent, SampleEvent, SnapshotEvent, StateEvent, StepEvent,
                                     TokenDataset, TrainingController, TrainingError, TrainSettings)


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


def test_text_too_short_for_the_context():
    with pytest.raises(TrainingError, match="too short for context length 64"):
        TokenDataset(torch.arange(100).numpy(), context_length=64)


def test_controller_emits_events_and_finishes(small_text):
    trainer = tiny_trainer(small_text, max_steps=40)
    controller = TrainingController(trainer, snapshot_interval=20)
    events = []
    controller.add_callback(events.append)
    assert controller.run() == "finished"
    kinds = {type(e) for e in events}
    assert {StepEvent, EvalEvent, SampleEvent, SnapshotEvent, StateEvent} <= kinds
    steps = [e for e in events if isinstance(e, StepEvent)]
    assert [e.step for e in steps] == list(range(1, 41)) and all(e.tokens_per_s > 0 for e in steps)
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
    assert all(torch.isfinite(p).all() for p in trainer.model.parameters())
    assert all(math.isfinite(x) for x in trainer.history.losses)


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


def test_precision_auto_follows_the_cpu_and_bf16_trains_fp32_weights(small_text, monkeypatch):
    import torch

    from playground.core import trainer as trainer_module
    from playground.core.trainer import TrainingError, TrainSettings, resolve_precision

    monkeypatch.setattr(trainer_module, "cpu_has_native_bf16", lambda: True)
    assert resolve_precision("auto", torch.device("cpu")) == "bf16"
    monkeypatch.setattr(trainer_module, "cpu_has_native_bf16", lambda: False)
    assert resolve_precision("auto", torch.device("cpu")) == "fp32"
    assert resolve_precision("fp32", torch.device("cpu")) == "fp32"
    with pytest.raises(TrainingError, match="Precision"):
        TrainSettings(precision="fp8")
    trainer = tiny_trainer(small_text, precision="bf16", max_steps=60, learning_rate=1e-2)
    assert trainer.precision == "bf16"
    first = trainer.train_step()
    for _ in range(59):
        last = trainer.train_step()
    assert last < first - 0.5, "bf16 mixed precision still learns"
    assert all(p.dtype == torch.float32 for p in trainer.model.parameters()), "weights stay fp32"
    train_loss, val_loss = trainer.estimate_loss()
    assert abs(train_loss - last) < 0.5 and val_loss == val_loss
