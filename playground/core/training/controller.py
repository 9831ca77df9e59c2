"""The controller runs a Trainer step by step and can be paused, resumed and stopped between steps; it tells
listeners what happens through plain callbacks (the Qt worker forwards them as signals; the CLI draws a progress bar).
"""
from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

import torch

from ..files.durable import DiskWriteError
from ..words import integer, number, translate
from .events import EvalEvent, HealthEvent, SampleEvent, SnapshotEvent, StateEvent, StepEvent, TrainingEvent
from .settings import default_threads
from .trainer import Trainer

HEALTH_EVERY = 10  # steps between gradient-norm / update-ratio measurements (they cost two passes over the weights)


class TrainingController:
    """Runs a Trainer step by step in the calling thread; pause/resume/stop from any thread take effect
    between steps. Listeners added with `add_callback` receive every TrainingEvent."""

    def __init__(self, trainer: Trainer, snapshot_interval: int = 100, snapshot_every_s: float = 3.0,
                 eval_every_s: float = 10.0, sample_every_s: float = 20.0):
        self.trainer = trainer
        # By steps and by time: on a slow or busy machine 100 steps can take a minute, and the views, the
        # validation curve and the samples must not fall that far behind what the model is now.
        self.snapshot_interval, self.snapshot_every_s = snapshot_interval, snapshot_every_s
        self.eval_every_s, self.sample_every_s = eval_every_s, sample_every_s
        self._last = {"snapshot": 0.0, "eval": 0.0, "sample": 0.0}
        self._callbacks: list[Callable[[TrainingEvent], None]] = []
        self._running = threading.Event()
        self._running.set()
        self._stop = threading.Event()
        self.keep_best = False  # at the end, put back the weights of the lowest validation loss
        self._one_step = False
        self.sample_temperature = 0.8  # of the samples written while training; the user may change it mid-run
        self.state = "idle"

    def add_callback(self, callback: Callable[[TrainingEvent], None]) -> None:
        self._callbacks.append(callback)

    def _emit(self, event: TrainingEvent) -> None:
        for callback in self._callbacks:
            callback(event)

    def _set_state(self, state: str, reason: str = "") -> None:
        self.state = state
        self._emit(StateEvent(state, reason))

    # -- commands, safe from any thread --
    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def stop(self, keep_best: bool | None = None) -> None:
        """Stop after the current step; with keep_best, the weights of the best evaluation are put back."""
        if keep_best is not None:
            self.keep_best = keep_best
        self._stop.set()
        self._running.set()  # wake a paused loop so it can see the stop

    def step_once(self) -> None:
        """While paused: one optimizer step, reported (StepReport), then paused again."""
        if self.paused and not self._stop.is_set():
            self._one_step = True
            self._running.set()

    def set_lr_scale(self, scale: float) -> None:
        """A multiplier on the learning-rate schedule from the next step on (safe from any thread)."""
        self.trainer.lr_scale = float(scale)

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def run(self) -> str:
        """Train until max_steps, a stop, or a failure. Returns the final state."""
        t = self.trainer
        # set here, in the thread that trains: OpenMP thread counts are per calling thread
        torch.set_num_threads(t.settings.threads or default_threads())
        self._set_state("running")
        now = time.monotonic()
        self._last = {"snapshot": now, "eval": now, "sample": now}
        recent: deque[float] = deque(maxlen=20)  # (tokens, seconds) of recent steps for a steady tokens/s
        try:
            while t.step < t.settings.max_steps:
                if not self._running.is_set():
                    self._snapshot()  # the views show the model as it is while paused
                    self._set_state("paused")
                    self._running.wait()
                    if not self._stop.is_set() and not self._one_step:  # a single step stays "paused"
                        self._set_state("running")
                if self._stop.is_set():
                    self._on_stop()
                    self._set_state("stopped", " ".join(filter(None, [
                        translate("trainer", "Stopped by the user."), self._kept_words()])))
                    return self.state
                started = time.perf_counter()
                one_step, self._one_step = self._one_step, False
                t.measure_updates = one_step or (t.step + 1) % HEALTH_EVERY == 0
                report = t.inspect_one_step() if one_step else None
                loss = report.loss_before if report else t.train_step()
                if not math.isfinite(loss) or (report and not math.isfinite(report.loss_after)):
                    self._set_state("failed", translate("trainer", "The loss became {loss} at step {step}: training "
                                                                   "diverged. The last good weights are kept. Lower "
                                                                   "the learning rate and train again.")
                                    .format(loss=loss, step=integer(t.step + 1)))
                    self._emit(SnapshotEvent(t.step, t.snapshot()))
                    return self.state
                seconds = time.perf_counter() - started
                t.elapsed_s += seconds
                recent.append(seconds)
                tokens_per_s = t.tokens_per_step * len(recent) / sum(recent)
                self._emit(StepEvent(t.step, t.settings.max_steps, loss, t.history.lrs[-1], tokens_per_s,
                                     t.elapsed_s))
                if t.measure_updates:
                    self._emit(HealthEvent(t.step, t.last_grad_norm, 0 < t.settings.grad_clip < t.last_grad_norm,
                                           dict(t.update_ratios)))
                    t.measure_updates = False
                self._after_step()
                if report is not None:
                    self._emit(report)
                    self._running.clear()  # back to paused after the one step
        except DiskWriteError as e:  # a save during training (a run record's checkpoint) failed
            self._fail(translate("trainer", "Training stopped: {why}").format(why=e))
            return self.state
        except Exception as e:  # noqa: BLE001 — a listener or the model failed: report, never kill the host app
            self._fail(translate("trainer", "Training stopped by an error: {kind}: {why}").format(
                kind=type(e).__name__, why=e))
            return self.state
        if self.keep_best and t.best_step is not None and t.best_step != t.step:
            self._restore_best_if_wanted()
            self._snapshot()
        self._set_state("finished", " ".join(filter(None, [
            translate("trainer", "Finished {steps} steps.").format(steps=integer(t.step)), self._kept_words()])))
        return self.state

    def _kept_words(self) -> str:
        t = self.trainer
        if t.weights_step is None:
            return ""
        return translate("trainer", "Kept the weights of step {step}, the best validation loss ({loss}).").format(
            step=integer(t.weights_step), loss=number(t.best_val, 3))

    def _fail(self, reason: str) -> None:
        """The run failed: say so to every listener, even if one of them fails again while hearing it (a
        record that cannot save on a full disk must not turn one error into two tracebacks)."""
        self.state = "failed"
        for callback in self._callbacks:
            try:
                callback(StateEvent("failed", reason))
            except Exception:  # noqa: BLE001 — the first failure is the one to report
                continue

    def _after_step(self) -> None:
        t, s = self.trainer, self.trainer.settings
        last = t.step == s.max_steps
        now = time.monotonic()
        if t.step % s.eval_interval == 0 or last or now - self._last["eval"] >= self.eval_every_s:
            self._evaluate()
        if t.step % s.sample_interval == 0 or last or now - self._last["sample"] >= self.sample_every_s:
            self._sample()
        if t.step % self.snapshot_interval == 0 or last \
                or now - self._last["snapshot"] >= self.snapshot_every_s:
            self._snapshot()

    def _evaluate(self) -> None:
        t = self.trainer
        if t.history.val_steps and t.history.val_steps[-1] == t.step:
            return
        started = time.perf_counter()
        train_loss, val_loss = t.estimate_loss()
        t.elapsed_s += time.perf_counter() - started
        t.record_evaluation(train_loss, val_loss)
        self._last["eval"] = time.monotonic()
        self._emit(EvalEvent(t.step, train_loss, val_loss, t.elapsed_s))

    def _sample(self) -> None:
        t = self.trainer
        self._last["sample"] = time.monotonic()
        # after "keep the best weights" the model writing is that step's, and the sample says so
        step = t.step if t.weights_step is None else t.weights_step
        self._emit(SampleEvent(step, t.sample(t.settings.sample_tokens, self.sample_temperature)))

    def _snapshot(self) -> None:
        self._last["snapshot"] = time.monotonic()
        t = self.trainer
        # the best evaluation's weights, put back, are that step's model, not this one's
        self._emit(SnapshotEvent(t.step if t.weights_step is None else t.weights_step, t.snapshot()))

    def _on_stop(self) -> None:
        """Stopped by the user: what it wrote and the weights the views show are those of this step."""
        if self.trainer.step > 0:
            self._evaluate()
            self._restore_best_if_wanted()
            self._sample()
            self._snapshot()

    def _restore_best_if_wanted(self) -> None:
        t = self.trainer
        if self.keep_best and t.best_step is not None and t.best_step != t.step:
            t.restore_best()
