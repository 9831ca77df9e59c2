"""The training tab: controls, progress, live loss curves and the text the model writes now."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...core.analysis.baselines import Baselines
from ...core.analysis.verdict import bits_per_char, memorising_message, unsure_as, verdict
from ...core.model.config import format_duration
from ...core.training.events import History
from ...core.training.state import is_active
from ...core.words import QT_TRANSLATE_NOOP, integer, number, significant, translate
from ..plots.health_view import HealthStrip
from ..plots.loss_plot import LossPlot
from ..widgets import glyphs
from ..widgets.copy_marks import CopyMarks
from ..widgets.look import look

UNITS = [("nats", QT_TRANSLATE_NOOP("training_panel", "loss in nats per token")),
         ("bits", QT_TRANSLATE_NOOP("training_panel", "bits per character"))]
LR_SCALES = [0.25, 0.5, 1.0, 2.0, 4.0]
SAMPLE_TEMPERATURES = [0.5, 0.8, 1.0, 1.2, 1.5]


def lr_scale_label(scale: float) -> str:
    return translate("training_panel", "learning rate ×{scale}").format(scale=significant(scale))


def part_name(key: str) -> str:
    """"embeddings" or "layer 2" as the health and step reports name a part of the model."""
    if key == "embeddings":
        return translate("training_panel", "embeddings")
    return translate("training_panel", "layer {n}").format(n=key.split()[-1]) if key.startswith("layer") else key


class TrainingPanel(QWidget):
    keep_best_requested = Signal()  # stop (or, after a run, go back) to the best validation weights
    lr_scale_changed = Signal(float)  # the user's multiplier on the learning-rate schedule, mid-run
    sample_temperature_changed = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.baselines: Baselines | None = None
        self.token_word = "character"
        self.running = False
        self._last_progress: tuple | None = None
        self.kept: tuple[int, float] | None = None  # (step, validation loss) of weights put back
        self._last_step = 0
        self.start_button = QPushButton(translate("training_panel", "▶  Train"))
        self.start_button.setObjectName("start_button")
        self.start_button.setToolTip(translate("training_panel", "Start training (Space). Space again pauses and resumes."))
        self.start_button.setMinimumWidth(130)
        self.pause_button = QPushButton(translate("training_panel", "‖  Pause"))
        self.pause_button.setObjectName("pause_button")
        self.stop_button = QPushButton(translate("training_panel", "■  Stop"))
        self.stop_button.setObjectName("stop_button")
        self.stop_button.setToolTip(translate("training_panel", "Stop after the current step; the model trained so far is kept."))
        self.step_button = QPushButton(translate("training_panel", "+1  Step"))
        self.step_button.setObjectName("step_button")
        self.step_button.setToolTip(translate("training_panel", "While paused: one optimizer step, then see what it changed — the loss on its "
                                    "batch before and after, each layer's gradient and update size."))
        self.step_button.setEnabled(False)
        self.lr_scale = QComboBox()
        self.lr_scale.setObjectName("lr_scale_combo")
        for scale in LR_SCALES:
            self.lr_scale.addItem(lr_scale_label(scale), scale)
        self.lr_scale.setCurrentIndex(LR_SCALES.index(1.0))
        self.lr_scale.setToolTip(translate("training_panel", "Multiply the learning-rate schedule from the next step on, while training runs; "
                                 "the change is marked on the plot and kept in the run's schedule."))
        self.lr_scale.setEnabled(False)
        self.lr_scale.currentIndexChanged.connect(lambda _: self._on_lr_scale())
        self.reset_button = QPushButton(translate("training_panel", "⟲  Reset"))
        self.reset_button.setObjectName("reset_button")
        self.reset_button.setToolTip(translate("training_panel", "Discard the trained model and start again from random weights."))
        buttons = QHBoxLayout()
        for b in (self.start_button, self.pause_button, self.step_button, self.stop_button, self.reset_button):
            buttons.addWidget(b)
        buttons.addWidget(self.lr_scale)
        buttons.addStretch(1)
        self.status_label = QLabel(translate("training_panel", "Ready"))
        self.status_label.setObjectName("status_label")
        self.status_label.setStyleSheet("font-weight: 600;")
        buttons.addWidget(self.status_label)

        self.progress = QProgressBar()
        self.progress.setObjectName("train_progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(translate("training_panel", "step %v / %m"))
        self.stats_label = QLabel("—")
        self.stats_label.setObjectName("train_stats")
        # its text changes four times a second: a fixed size keeps that from re-laying out the whole tab
        self.stats_label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)

        self.plot = LossPlot()
        self.log_check = QCheckBox(translate("training_panel", "log scale"))
        self.log_check.setObjectName("log_scale_check")
        self.x_unit = QComboBox()
        self.x_unit.setObjectName("x_unit_combo")
        self.x_unit.addItems([translate("training_panel", "x: steps"), translate("training_panel", "x: tokens")])
        self.clear_ghosts_button = QPushButton(translate("training_panel", "Clear earlier runs"))
        self.clear_ghosts_button.setObjectName("clear_ghosts_button")
        self.clear_ghosts_button.setToolTip(translate("training_panel", "Earlier runs of this session stay as faint dashed curves until cleared."))
        options = QHBoxLayout()
        options.addWidget(QLabel(translate("training_panel", "Loss")))
        options.addStretch(1)
        self.baselines_check = QCheckBox(translate("training_panel", "baselines"))
        self.baselines_check.setObjectName("baselines_check")
        self.baselines_check.setChecked(True)
        self.baselines_check.setToolTip(translate("training_panel", "Dotted lines: the validation loss of guessing blindly (uniform), from how "
                                        "often each token occurs (unigram), and from the previous one or two tokens "
                                        "(bigram, trigram), counted on your text."))
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("unit_combo")
        for key, label in UNITS:
            self.unit_combo.addItem(translate("training_panel", label), key)
        self.unit_combo.setToolTip(translate("training_panel", "Bits per character compares runs with different tokenizers: a subword's loss "
                                   "covers several characters."))
        self.health_check = QCheckBox(translate("training_panel", "health"))
        self.health_check.setObjectName("health_check")
        self.health_check.setToolTip(translate("training_panel", "Show the gradient norm and each layer's update size over the steps."))
        options.addWidget(self.health_check)
        options.addWidget(self.baselines_check)
        options.addWidget(self.unit_combo)
        options.addWidget(self.log_check)
        options.addWidget(self.x_unit)
        options.addWidget(self.clear_ghosts_button)
        self.log_check.toggled.connect(self.plot.set_log_scale)
        self.x_unit.currentIndexChanged.connect(lambda i: self.plot.set_x_unit("tokens" if i else "step"))
        self.clear_ghosts_button.clicked.connect(self.plot.clear_ghosts)
        self.baselines_check.toggled.connect(self.plot.show_baselines)
        self.unit_combo.currentIndexChanged.connect(self._apply_unit)

        self.verdict_label = QLabel("")
        self.verdict_label.setObjectName("verdict_label")
        self.verdict_label.setWordWrap(True)
        self.memorising_box = QFrame()
        self.memorising_box.setObjectName("memorising_box")
        self.memorising_box.setStyleSheet("QFrame#memorising_box { background: #fff4e0; border-radius: 6px; }")
        self.memorising_label = QLabel()
        self.memorising_label.setObjectName("memorising_label")
        self.memorising_label.setWordWrap(True)
        self.keep_best_button = QPushButton(translate("training_panel", "Stop and keep the best weights"))
        self.keep_best_button.setObjectName("keep_best_button")
        self.keep_best_button.clicked.connect(self.keep_best_requested)
        row = QHBoxLayout(self.memorising_box)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.memorising_label, 1)
        row.addWidget(self.keep_best_button)
        self.memorising_box.hide()
        self.health = HealthStrip()
        self.health.hide()
        self.health_check.toggled.connect(self.health.setVisible)
        self.step_report = QLabel("")
        self.step_report.setObjectName("step_report")
        self.step_report.setWordWrap(True)
        self.step_report.hide()

        self.sample_box = QGroupBox(translate("training_panel", "What the model writes now"))
        self.sample_text = QPlainTextEdit()
        self.copy_marks = CopyMarks(self.sample_text)
        self.sample_text.setObjectName("sample_text")
        self.sample_text.setReadOnly(True)
        look.size(self.sample_text, 9.5, mono=True)
        self.sample_text.setPlaceholderText(translate("training_panel", "Samples appear here every few hundred steps while the model trains: "
                                            "watch gibberish turn into your text's style."))
        self.sample_temperature = QComboBox()
        self.sample_temperature.setObjectName("sample_temperature_combo")
        for t in SAMPLE_TEMPERATURES:
            self.sample_temperature.addItem(translate("training_panel", "temperature {t}").format(t=significant(t)), t)
        self.sample_temperature.setCurrentIndex(SAMPLE_TEMPERATURES.index(0.8))
        self.sample_temperature.setToolTip(translate("training_panel", "How adventurous the samples written while training are (below 1: "
                                           "safer, above 1: wilder); takes effect at the next sample, mid-run."))
        self.sample_temperature.currentIndexChanged.connect(
            lambda _: self.sample_temperature_changed.emit(self.sample_temperature.currentData()))
        sample_row = QHBoxLayout()
        sample_row.addStretch(1)
        sample_row.addWidget(self.sample_temperature)
        box = QVBoxLayout(self.sample_box)
        box.addLayout(sample_row)
        box.addWidget(self.sample_text)
        box.addWidget(self.copy_marks.label)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.stats_label)
        layout.addLayout(options)
        layout.addWidget(self.plot, 3)
        layout.addWidget(self.health)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.step_report)
        layout.addWidget(self.memorising_box)
        layout.addWidget(self.sample_box, 2)

    def tour_anchor(self) -> list[tuple[QWidget, QRect]]:
        """What the tour points at here: the loss plot."""
        return [(self.plot, self.plot.rect())]

    def show_progress(self, step: int, total: int, tokens_per_s: float, elapsed_s: float, loss: float,
                      eta: bool = True) -> None:
        self._last_progress = (step, total, tokens_per_s, elapsed_s, loss)
        self.progress.setRange(0, total)
        self.progress.setValue(step)
        remaining = (total - step) * (elapsed_s / step) if step else 0
        self.stats_label.setText(translate("training_panel", "loss {loss} · {speed} tokens/s · elapsed {elapsed}").format(
            loss=number(loss, 3), speed=integer(round(tokens_per_s)), elapsed=format_duration(elapsed_s))
            + (" · " + translate("training_panel", "ETA {remaining}").format(remaining=format_duration(remaining)) if eta else ""))

    def show_sample(self, step: int, text: str) -> None:
        self.sample_box.setTitle(translate("training_panel", "What the model writes now (step {step})").format(step=integer(step)))
        shown = glyphs.running(text)  # read-only: characters no font draws are spelled
        self.sample_text.setPlainText(shown)
        self.copy_marks.check(shown if shown == text else "", 0)

    # -- yardsticks --
    def set_yardsticks(self, baselines: Baselines | None, token_word: str, copy_index=None) -> None:
        """The loaded text's baselines (lines on the plot, the verdict) and its copy index (samples)."""
        self.baselines, self.token_word = baselines, token_word
        self.copy_marks.index = copy_index
        self.plot.set_baselines(baselines.items() if baselines else [])
        self._apply_unit()
        self._update_verdict()

    def _apply_unit(self, *_) -> None:
        bits = self.unit_combo.currentData() == "bits" and self.baselines is not None
        scale = bits_per_char(1.0, self.baselines.tokens_per_char) if bits else 1.0
        self.plot.set_unit(scale, translate("training_panel", "bits per character") if bits else translate("training_panel", "loss (nats per token)"))

    def show_kept_best(self, step: int, val: float) -> None:
        """The weights of an earlier evaluation were put back: the verdict, the status and the progress line
        speak of that step's model, as every other view does."""
        self.kept = (step, val)
        self.status_label.setText(translate("training_panel", "Kept the weights of step {step}").format(
            step=integer(step)))
        self.stats_label.setText(translate("training_panel", "the model is step {step}'s: validation loss {loss}")
                                 .format(step=integer(step), loss=number(val, 3)))
        self._update_verdict()

    def clear_sample(self) -> None:
        self.sample_box.setTitle(translate("training_panel", "What the model writes now"))
        self.sample_text.setPlainText("")
        self.copy_marks.check("", 0)

    def _update_verdict(self) -> None:
        steps, vals, _ = self.plot.evaluations
        if not vals:
            self.verdict_label.setText("")
            self.memorising_box.hide()
            return
        val = self.kept[1] if self.kept is not None else vals[-1]
        if self.baselines is not None:
            text = verdict(val, self.baselines, self.token_word)
            text += " " + translate("training_panel", "That is {bits} bits per character.").format(
                bits=number(bits_per_char(val, self.baselines.tokens_per_char)))
        else:
            text = unsure_as(val, self.token_word) + "."
        self.verdict_label.setText(text)
        since = self.plot.memorising_from
        if since is None or self.kept is not None:
            self.memorising_box.hide()
            return
        best_step, best_val = steps[since], vals[since]
        self.memorising_label.setText(memorising_message(best_step, best_val, val))
        self.keep_best_button.setText(translate("training_panel", "Stop and keep the best weights") if self.running
                                      else translate("training_panel", "Go back to the weights of step {step}").format(
                                          step=integer(best_step)))
        self.memorising_box.show()

    def _on_eval(self, event) -> None:
        self.plot.add_val(event.step, event.val_loss, event.train_loss)
        self._update_verdict()

    # -- what the window tells it --
    def show_state(self, state: str, can_start: bool, continues: bool, has_model: bool, steps: int) -> None:
        """Buttons and status for the training state: idle, running, paused or trained."""
        running = is_active(state)
        if running != self.running:
            self.running = running
            self._update_verdict()
        self.start_button.setEnabled(not running and can_start)
        self.reset_button.setEnabled(not running and has_model)
        self.start_button.setText(translate("training_panel", "▶  Train more") if state == "trained" and continues else
                                  translate("training_panel", "▶  Train"))
        self.pause_button.setEnabled(running)
        self.pause_button.setText(translate("training_panel", "▶  Resume") if state == "paused" else translate("training_panel", "‖  Pause"))
        self.step_button.setEnabled(state == "paused")
        self.lr_scale.setEnabled(running)
        self.stop_button.setEnabled(running)
        if running:
            self.status_label.setText(translate("training_panel", "Training…") if state == "running" else translate("training_panel", "Paused"))
        elif state == "idle":
            self.status_label.setText(translate("training_panel", "Ready to train"))
            self.progress.setRange(0, steps)
            self.progress.setValue(0)

    def show_outcome(self, state: str) -> None:
        self.plot.flush()
        self.status_label.setText({"finished": translate("training_panel", "Finished"),
                                   "stopped": translate("training_panel", "Stopped"),
                                   "failed": translate("training_panel", "Stopped: error")}.get(state, state))
        if self._last_progress:  # nothing is left to wait for: no ETA
            self.show_progress(*self._last_progress, eta=False)

    def show_stopping(self) -> None:
        """Said at once: the current step (or the final evaluation) may take a moment."""
        self.status_label.setText(translate("training_panel", "Stopping…"))
        self.stop_button.setEnabled(False)

    def start_run(self, ghost_label: str, tokens_per_step: int) -> None:
        """A new model: the last run's curve stays as a faint ghost, the plot starts empty."""
        self._last_progress = None
        self.kept = None
        self.clear_sample()
        self.plot.keep_as_ghost(ghost_label)
        self.plot.reset()
        self.plot.tokens_per_step = tokens_per_step
        self._update_verdict()

    def clear_run(self, ghost_label: str) -> None:
        """The model was discarded: nothing here may still speak of it."""
        self.plot.keep_as_ghost(ghost_label)
        self.plot.reset()
        self._last_progress, self.kept = None, None
        self._update_verdict()
        self.progress.setValue(0)
        self.stats_label.setText("—")
        self.clear_sample()

    def set_planned_steps(self, steps: int) -> None:
        """Before a run starts, the progress bar counts to the steps the slider asks for."""
        if not self.running and self._last_progress is None:
            self.progress.setRange(0, steps)
            self.progress.setValue(0)

    def show_pretrained(self, name: str) -> None:
        """A pretrained model has no curves to draw: say why, and what Train does with it."""
        self.clear_run("")
        self.verdict_label.setText(translate("training_panel", "“{name}” was trained elsewhere, on text that is not "
                                                               "here: its loss curves are not in its folder, so there "
                                                               "is nothing to plot. Press ▶ Train to train it further "
                                                               "on your text (fine-tuning); on a CPU, each step of a "
                                                               "model this size takes seconds.").format(name=name))

    def show_history(self, ghost_label: str, tokens_per_step: int, history: History) -> None:
        """An opened model's curves, as it was trained."""
        self.plot.keep_as_ghost(ghost_label)
        self.plot.tokens_per_step = tokens_per_step
        h = history
        self.plot.set_history(h.steps, h.losses, h.val_steps, h.val_losses, h.lrs, h.train_eval_losses)
        self._update_verdict()

    def follow(self, worker, run_length: int) -> None:
        """Subscribe to a training worker's signals for the length of one run."""
        self.kept = None
        self.plot.set_run_length(run_length)
        with QSignalBlocker(self.lr_scale):  # every run starts on its schedule as set
            self.lr_scale.setCurrentIndex(LR_SCALES.index(1.0))
        self._last_step = 0
        worker.steps.connect(self._on_steps)
        worker.health.connect(self._on_health)
        worker.step_report.connect(self.show_step_report)
        worker.evaluated.connect(self._on_eval)
        worker.sampled.connect(lambda e: self.show_sample(e.step, e.text))

    def _on_lr_scale(self) -> None:
        scale = self.lr_scale.currentData()
        self.plot.mark_event(self._last_step, lr_scale_label(scale))
        self.lr_scale_changed.emit(scale)

    def _on_health(self, events) -> None:
        for event in events:
            self.health.add(event)
        flags = self.health.current_flags()
        self.health_check.setText(translate("training_panel", "health") + (" ⚠" if flags else ""))
        self.health_check.setToolTip(" ".join(flags) if flags else
                                     translate("training_panel", "Show the gradient norm and each layer's update size over the steps."))

    def show_step_report(self, report) -> None:
        """What one step changed, in a line a learner can read."""
        layers = sorted(report.grad_norms, key=lambda k: (k != "embeddings", k))
        grads = ", ".join(f"{part_name(k)} {number(report.grad_norms[k], 3)}" for k in layers)
        updates = ", ".join(f"{part_name(k)} {report.update_ratios[k]:.1e}" for k in layers)
        self.step_report.setText(translate("training_panel", "<b>Step {step}</b>: the loss on its batch went {before} → {after}. "
                                           "Gradient norm by part: {grads}. Each part moved by (update ÷ weight): "
                                           "{updates}.").format(
            step=integer(report.step), before=number(report.loss_before, 4), after=number(report.loss_after, 4),
            grads=grads, updates=updates))
        self.step_report.show()

    def _on_steps(self, events) -> None:
        last = events[-1]
        self._last_step = last.step
        self.plot.add_steps([e.step for e in events], [e.loss for e in events], [e.lr for e in events])
        self.show_progress(last.step, last.max_steps, last.tokens_per_s, last.elapsed_s, last.loss)
