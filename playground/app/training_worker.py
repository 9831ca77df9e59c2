"""Runs the engine's TrainingController in a QThread and forwards its events as Qt signals.

Step events arrive as fast as the model trains (hundreds a second for a tiny model); they are batched
and sent at most every `STEP_BATCH_S` seconds so the GUI repaints at screen rate, not step rate.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, QThread, Signal

from ..core.trainer import EvalEvent, SampleEvent, SnapshotEvent, StateEvent, StepEvent, TrainingController

STEP_BATCH_S = 0.05


class TrainingWorker(QObject):
    steps = Signal(list)          # list[StepEvent] since the last emission
    evaluated = Signal(object)    # EvalEvent
    sampled = Signal(object)      # SampleEvent
    snapshot = Signal(object)     # SnapshotEvent
    state_changed = Signal(object)  # StateEvent
    done = Signal(str)            # final state

    def __init__(self, controller: TrainingController):
        super().__init__()
        self.controller = controller
        self._pending: list[StepEvent] = []
        self._last_flush = 0.0
        controller.add_callback(self._on_event)

    def run(self) -> None:
        # whatever happens in the thread, the window hears how it ended: never stuck in "Training…"
        try:
            state = self.controller.run()
        except BaseException as e:  # noqa: BLE001 — a listener's or the engine's surprise, reported
            state = "failed"
            self.state_changed.emit(StateEvent("failed", f"Training stopped by an error: {type(e).__name__}: {e}"))
        try:
            self._flush()
        finally:
            self.done.emit(state)

    def _flush(self) -> None:
        if self._pending:
            self.steps.emit(self._pending)
            self._pending = []
        self._last_flush = time.monotonic()

    def _on_event(self, event) -> None:  # called in the training thread
        if isinstance(event, StepEvent):
            self._pending.append(event)
            if time.monotonic() - self._last_flush >= STEP_BATCH_S:
                self._flush()
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
