"""Runs the engine's TrainingController in a QThread and forwards its events as Qt signals; the runner
keeps one run at a time in step with the session.

Step events arrive as fast as the model trains (hundreds a second for a tiny model); they are batched
and sent at most every `STEP_BATCH_S` seconds so the GUI repaints at screen rate, not step rate.
"""
from __future__ import annotations

import contextlib
import time

from PySide6.QtCore import QObject, QThread, Signal

from ...core.model.config import GPTConfig
from ...core.session.session import Session
from ...core.training.controller import TrainingController
from ...core.training.events import (
    EvalEvent,
    HealthEvent,
    SampleEvent,
    SnapshotEvent,
    StateEvent,
    StepEvent,
    StepReport,
)
from ...core.training.settings import TrainSettings
from ...core.training.state import is_active
from ...core.words import translate

STEP_BATCH_S = 0.25  # 4 updates a second: each wakes the GUI thread, which shares the cores with training


class TrainingWorker(QObject):
    steps = Signal(list)          # list[StepEvent] since the last emission
    health = Signal(list)         # list[HealthEvent] since the last emission (every few steps)
    step_report = Signal(object)  # StepReport: what one step (the Step button) changed
    evaluated = Signal(object)    # EvalEvent
    sampled = Signal(object)      # SampleEvent
    snapshot = Signal(object)     # SnapshotEvent
    state_changed = Signal(object)  # StateEvent
    done = Signal(str)            # final state

    def __init__(self, controller: TrainingController):
        super().__init__()
        self.controller = controller
        self._pending: list[StepEvent] = []
        self._pending_health: list[HealthEvent] = []
        self._last_flush = 0.0
        controller.add_callback(self._on_event)

    def run(self) -> None:
        # whatever happens in the thread, the window hears how it ended: never stuck in "Training…"
        try:
            state = self.controller.run()
        except BaseException as e:  # noqa: BLE001 — a listener's or the engine's surprise, reported
            state = "failed"
            reason = translate("training_worker", "Training stopped by an error: {error}").format(
                error=f"{type(e).__name__}: {e}")
            self.state_changed.emit(StateEvent("failed", reason))
        try:
            self._flush()
        finally:
            self.done.emit(state)

    def _flush(self) -> None:
        if self._pending:
            self.steps.emit(self._pending)
            self._pending = []
        if self._pending_health:
            self.health.emit(self._pending_health)
            self._pending_health = []
        self._last_flush = time.monotonic()

    def _on_event(self, event) -> None:  # called in the training thread
        if isinstance(event, StepEvent):
            self._pending.append(event)
            if time.monotonic() - self._last_flush >= STEP_BATCH_S:
                self._flush()
            return
        if isinstance(event, HealthEvent):  # frequent: travels with the steps, at their bounded rate
            self._pending_health.append(event)
            return
        self._flush()  # keep order: steps before the eval/sample/state that follows them
        if isinstance(event, EvalEvent):
            self.evaluated.emit(event)
        elif isinstance(event, SampleEvent):
            self.sampled.emit(event)
        elif isinstance(event, SnapshotEvent):
            self.snapshot.emit(event)
        elif isinstance(event, StateEvent):
            self.state_changed.emit(event)
        elif isinstance(event, StepReport):
            self.step_report.emit(event)


class TrainingThread(QThread):
    """A QThread that owns one TrainingWorker for the length of one run."""

    def __init__(self, controller: TrainingController, parent=None):
        super().__init__(parent)
        self.worker = TrainingWorker(controller)

    def run(self) -> None:
        self.worker.run()

    def stop_and_wait(self, timeout_ms: int = 5000) -> bool:
        self.worker.controller.stop()
        return self.wait(timeout_ms)


class TrainingRunner(QObject):
    """One run at a time in a TrainingThread, kept in step with the session: start (continuing or a new
    model, as the session decides), pause/resume, stop, and a pause for saving."""
    finished = Signal(str)          # the run's final state, after the thread is gone
    failed = Signal(str)            # why a run stopped with an error

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.thread: TrainingThread | None = None
        self.sample_temperature = 0.8

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.isRunning()

    @property
    def controller(self) -> TrainingController | None:
        return self.thread.worker.controller if self.thread is not None else None

    def start(self, wanted: GPTConfig, settings: TrainSettings) -> tuple[TrainingWorker, bool]:
        """Start what "Train" means now; (the worker, whether it is a new model). Raises the engine's
        user errors, changing nothing."""
        session = self.session
        previous_run = session.run_number
        controller = session.begin_training(wanted, settings)
        controller.sample_temperature = self.sample_temperature
        self.thread = TrainingThread(controller, self)
        worker = self.thread.worker
        worker.snapshot.connect(lambda e: session.refresh_inspection_model(e.state_dict, e.step))
        worker.state_changed.connect(self._on_state)
        worker.done.connect(self._on_done)
        self.thread.start()
        session.training_started()
        return worker, session.run_number != previous_run

    def toggle_pause(self) -> None:
        controller = self.controller
        if not self.running:
            return
        controller.resume() if controller.paused else controller.pause()
        self.session.set_training_state("paused" if controller.paused else "running")

    def step_once(self) -> None:
        if self.running and self.controller.paused:
            self.controller.step_once()

    def set_lr_scale(self, scale: float) -> None:
        if self.running:
            self.controller.set_lr_scale(scale)

    def set_sample_temperature(self, temperature: float) -> None:
        self.sample_temperature = temperature
        if self.running:
            self.controller.sample_temperature = temperature

    def stop(self, keep_best: bool = False) -> None:
        if self.running:
            self.controller.stop(keep_best=keep_best)

    def stop_and_wait(self, timeout_ms: int) -> None:
        if self.running:
            self.thread.stop_and_wait(timeout_ms)

    @contextlib.contextmanager
    def paused_between_steps(self, timeout_s: float = 5.0):
        """While this holds, the worker sits between steps: the weights are not mid-update."""
        was_running = self.running and not self.controller.paused
        if was_running:
            self.controller.pause()
            deadline = time.monotonic() + timeout_s
            while self.controller.state != "paused" and self.running and time.monotonic() < deadline:
                QThread.msleep(5)
        try:
            yield
        finally:
            if was_running and self.thread is not None:
                self.controller.resume()

    def _on_state(self, event: StateEvent) -> None:
        if event.state == "failed":
            self.failed.emit(event.reason)
        elif is_active(event.state):
            self.session.set_training_state(event.state)

    def _on_done(self, state: str) -> None:
        thread, self.thread = self.thread, None
        if thread is not None:
            thread.wait(2000)
            thread.deleteLater()
        self.session.training_ended()
        self.finished.emit(state)
