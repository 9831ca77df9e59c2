"""The training tab: controls, progress, live loss curves and the text the model writes now."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.config import format_duration
from ..core.trainer import History
from . import glyphs
from .loss_plot import LossPlot
from .theme import mono_font


class TrainingPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.start_button = QPushButton("▶  Train")
        self.start_button.setObjectName("start_button")
        self.start_button.setToolTip("Start training (Space). Space again pauses and resumes.")
        self.start_button.setMinimumWidth(130)
        self.pause_button = QPushButton("‖  Pause")
        self.pause_button.setObjectName("pause_button")
        self.stop_button = QPushButton("■  Stop")
        self.stop_button.setObjectName("stop_button")
        self.stop_button.setToolTip("Stop after the current step; the model trained so far is kept.")
        self.reset_button = QPushButton("⟲  Reset")
        self.reset_button.setObjectName("reset_button")
        self.reset_button.setToolTip("Discard the trained model and start again from random weights.")
        buttons = QHBoxLayout()
        for b in (self.start_button, self.pause_button, self.stop_button, self.reset_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.status_label = QLabel("Ready")
        self.status_label.setObjectName("status_label")
        self.status_label.setStyleSheet("font-weight: 600;")
        buttons.addWidget(self.status_label)

        self.progress = QProgressBar()
        self.progress.setObjectName("train_progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("step %v / %m")
        self.stats_label = QLabel("—")
        self.stats_label.setObjectName("train_stats")

        self.plot = LossPlot()
        self.log_check = QCheckBox("log scale")
        self.log_check.setObjectName("log_scale_check")
        self.x_unit = QComboBox()
        self.x_unit.setObjectName("x_unit_combo")
        self.x_unit.addItems(["x: steps", "x: tokens"])
        self.clear_ghosts_button = QPushButton("Clear earlier runs")
        self.clear_ghosts_button.setObjectName("clear_ghosts_button")
        self.clear_ghosts_button.setToolTip("Earlier runs of this session stay as faint dashed curves until cleared.")
        options = QHBoxLayout()
        options.addWidget(QLabel("Loss"))
        options.addStretch(1)
        options.addWidget(self.log_check)
        options.addWidget(self.x_unit)
        options.addWidget(self.clear_ghosts_button)
        self.log_check.toggled.connect(self.plot.set_log_scale)
        self.x_unit.currentIndexChanged.connect(lambda i: self.plot.set_x_unit("tokens" if i else "step"))
        self.clear_ghosts_button.clicked.connect(self.plot.clear_ghosts)

        self.sample_box = QGroupBox("What the model writes now")
        self.sample_text = QPlainTextEdit()
        self.sample_text.setObjectName("sample_text")
        self.sample_text.setReadOnly(True)
        self.sample_text.setFont(mono_font(9.5))
        self.sample_text.setPlaceholderText("Samples appear here every few hundred steps while the model trains: "
                                            "watch gibberish turn into your text's style.")
        box = QVBoxLayout(self.sample_box)
        box.addWidget(self.sample_text)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.stats_label)
        layout.addLayout(options)
        layout.addWidget(self.plot, 3)
        layout.addWidget(self.sample_box, 2)

    def show_progress(self, step: int, total: int, tokens_per_s: float, elapsed_s: float, loss: float,
                      eta: bool = True) -> None:
        self._last_progress = (step, total, tokens_per_s, elapsed_s, loss)
        self.progress.setRange(0, total)
        self.progress.setValue(step)
        remaining = (total - step) * (elapsed_s / step) if step else 0
        self.stats_label.setText(f"loss {loss:.3f} · {tokens_per_s:,.0f} tokens/s · elapsed "
                                 f"{format_duration(elapsed_s)}" + (f" · ETA {format_duration(remaining)}" if eta else ""))

    def show_sample(self, step: int, text: str) -> None:
        self.sample_box.setTitle(f"What the model writes now (step {step:,})")
        self.sample_text.setPlainText(glyphs.visible(text))  # read-only: characters no font draws are spelled

    # -- what the window tells it --
    def show_state(self, state: str, can_start: bool, continues: bool, has_model: bool, steps: int) -> None:
        """Buttons and status for the training state: idle, running, paused or trained."""
        running = state in ("running", "paused")
        self.start_button.setEnabled(not running and can_start)
        self.reset_button.setEnabled(not running and has_model)
        self.start_button.setText("▶  Train more" if state == "trained" and continues else "▶  Train")
        self.pause_button.setEnabled(running)
        self.pause_button.setText("▶  Resume" if state == "paused" else "‖  Pause")
        self.stop_button.setEnabled(running)
        if running:
            self.status_label.setText("Training…" if state == "running" else "Paused")
        elif state == "idle":
            self.status_label.setText("Ready to train")
            self.progress.setRange(0, steps)
            self.progress.setValue(0)

    def show_outcome(self, state: str) -> None:
        self.plot.flush()
        self.status_label.setText({"finished": "Finished", "stopped": "Stopped",
                                   "failed": "Stopped: error"}.get(state, state))
        if getattr(self, "_last_progress", None):  # nothing is left to wait for: no ETA
            self.show_progress(*self._last_progress, eta=False)

    def show_stopping(self) -> None:
        """Said at once: the current step (or the final evaluation) may take a moment."""
        self.status_label.setText("Stopping…")
        self.stop_button.setEnabled(False)

    def start_run(self, ghost_label: str, tokens_per_step: int) -> None:
        """A new model: the last run's curve stays as a faint ghost, the plot starts empty."""
        self._last_progress = None
        self.plot.keep_as_ghost(ghost_label)
        self.plot.reset()
        self.plot.tokens_per_step = tokens_per_step

    def clear_run(self, ghost_label: str) -> None:
        self.plot.keep_as_ghost(ghost_label)
        self.plot.reset()
        self.progress.setValue(0)
        self.stats_label.setText("—")

    def show_history(self, ghost_label: str, tokens_per_step: int, history: History) -> None:
        """An opened model's curves, as it was trained."""
        self.plot.keep_as_ghost(ghost_label)
        self.plot.tokens_per_step = tokens_per_step
        h = history
        self.plot.set_history(h.steps, h.losses, h.val_steps, h.val_losses, h.lrs)

    def follow(self, worker, run_length: int) -> None:
        """Subscribe to a training worker's signals for the length of one run."""
        self.plot.set_run_length(run_length)
        worker.steps.connect(self._on_steps)
        worker.evaluated.connect(lambda e: self.plot.add_val(e.step, e.val_loss))
        worker.sampled.connect(lambda e: self.show_sample(e.step, e.text))

    def _on_steps(self, events) -> None:
        last = events[-1]
        self.plot.add_steps([e.step for e in events], [e.loss for e in events], [e.lr for e in events])
        self.show_progress(last.step, last.max_steps, last.tokens_per_s, last.elapsed_s, last.loss)
