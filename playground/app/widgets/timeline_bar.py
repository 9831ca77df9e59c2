"""The timeline: a slider over the steps whose weights were kept, with play/pause. Scrubbing shows every
view — probabilities, attention, explain views, surprise, heads — as the model was at that step. At the
right end it follows "now" while training; anywhere else it holds the views in the past."""
from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from ...core.session.session import Session
from ...core.words import integer, translate
from ..session_signals import SessionSignals

PLAY_MS = 350  # one kept step every 0.35 s: slow enough to see a head form


class TimelineBar(QWidget):
    step_viewed = Signal(object)  # the step the views show, or None for "now"

    def __init__(self, session: Session, signals: SessionSignals, parent=None):
        super().__init__(parent)
        self.setObjectName("timeline_bar")
        self.session = session
        self.steps: list[int] = []
        self.play_button = QPushButton("▶")
        self.play_button.setObjectName("timeline_play")
        self.play_button.setToolTip(translate("timeline_bar", "Play the model's training from the first kept step (again to pause)."))
        self.play_button.setFixedWidth(36)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setObjectName("timeline_slider")
        self.slider.setAccessibleName(translate("timeline_bar", "Timeline: the step every view shows"))
        self.slider.setToolTip(translate("timeline_bar", "Drag to see every view as the model was at an earlier step; at the right end the "
                               "views follow the model as it trains."))
        self.now_button = QPushButton(translate("timeline_bar", "Now"))
        self.now_button.setObjectName("timeline_now")
        self.now_button.setToolTip(translate("timeline_bar", "Back to the model as it is now."))
        self.label = QLabel()
        self.label.setObjectName("timeline_label")
        self.label.setMinimumWidth(170)
        title = QLabel(translate("timeline_bar", "Timeline"))
        title.setObjectName("muted")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(title)
        layout.addWidget(self.play_button)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.label)
        layout.addWidget(self.now_button)
        self._player = QTimer(self, interval=PLAY_MS, timeout=self._advance)
        self.slider.valueChanged.connect(self._on_slider)
        self.play_button.clicked.connect(self.toggle_play)
        self.now_button.clicked.connect(lambda: self.slider.setValue(self.slider.maximum()))
        signals.weights_changed.connect(self.refresh)
        signals.timeline_changed.connect(self.refresh)
        self.refresh()

    @property
    def held(self) -> bool:
        """Whether the user holds the views at an earlier step."""
        return self.session.viewed_step is not None

    def refresh(self) -> None:
        """New snapshots arrived (or a new timeline): extend the slider; follow now unless held."""
        timeline = self.session.timeline
        self.steps = timeline.steps if timeline is not None else []
        self.setVisible(len(self.steps) >= 2)
        if not self.steps:
            return
        with QSignalBlocker(self.slider):
            self.slider.setRange(0, len(self.steps) - 1)
            if self.held:
                self.slider.setValue(self.steps.index(self.session.viewed_step)
                                     if self.session.viewed_step in self.steps else self.slider.value())
            else:
                self.slider.setValue(len(self.steps) - 1)
        self._say()

    def _on_slider(self, index: int) -> None:
        at_end = index >= len(self.steps) - 1
        step = None if at_end else self.steps[index]
        self.session.view_step(step)
        self._say()
        self.step_viewed.emit(step)

    def view(self, step: int | None) -> None:
        """Show the views at the kept step nearest `step` (None: now), as dragging the slider does."""
        index = len(self.steps) - 1 if step is None else min(range(len(self.steps)),
                                                              key=lambda i: abs(self.steps[i] - step))
        if index == self.slider.value():
            self._on_slider(index)
        else:
            self.slider.setValue(index)

    def toggle_play(self) -> None:
        if self._player.isActive():
            self._player.stop()
            self.play_button.setText("▶")
            return
        if self.slider.value() >= len(self.steps) - 1:
            self.slider.setValue(0)
        self.play_button.setText("‖")
        self._player.start()

    def _advance(self) -> None:
        if self.slider.value() >= len(self.steps) - 1:
            self.toggle_play()
            return
        self.slider.setValue(self.slider.value() + 1)

    def _say(self) -> None:
        if not self.steps:
            return
        if self.held:
            self.label.setText(translate("timeline_bar", "step {step} · held (now {now})").format(
                step=integer(self.session.viewed_step), now=integer(self.steps[-1])))
        else:
            self.label.setText(translate("timeline_bar", "step {step} · now").format(step=integer(self.session.inspection_step)))
        self.now_button.setEnabled(self.held)
