"""A labelled slider over a list of allowed values (linear, log-scale or snapped to multiples).

superqt's labelled sliders show the raw slider position; our knobs live on value lists (a log-scale
learning rate, d_model snapped to a multiple of the heads), so the label shows the mapped value.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget


class ValueSlider(QWidget):
    valueChanged = Signal(object)

    def __init__(self, title: str, values: Sequence, value, fmt: Callable[[object], str] = str,
                 tooltip: str = "", parent=None):
        super().__init__(parent)
        self._values, self._fmt = list(values), fmt
        self.title = QLabel(title)
        self.value_label = QLabel()
        self.value_label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.value_label.setMinimumWidth(64)
        self.value_label.setStyleSheet("font-weight: 600; color: #1a365d;")
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, len(self._values) - 1)
        self.slider.setPageStep(1)
        self.slider.setAccessibleName(title)  # what a screen reader (and a keyboard user's focus) names it
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.value_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(1)
        layout.addLayout(head)
        layout.addWidget(self.slider)
        if tooltip:
            for w in (self, self.title, self.slider, self.value_label):
                w.setToolTip(tooltip)
        self.slider.valueChanged.connect(self._on_index)
        self.setValue(value)

    def values(self) -> list:
        return list(self._values)

    def value(self):
        return self._values[self.slider.value()]

    def setValue(self, value) -> None:
        """Select the allowed value nearest to `value`."""
        index = min(range(len(self._values)), key=lambda i: abs(self._values[i] - value))
        if index == self.slider.value():
            self._on_index(index, emit=False)
        else:
            self.slider.setValue(index)

    def setValues(self, values: Sequence, keep) -> None:
        """Replace the allowed values, keeping the nearest to `keep`, without emitting twice."""
        with QSignalBlocker(self.slider):
            self._values = list(values)
            self.slider.setRange(0, len(self._values) - 1)
        self.setValue(keep)

    def _on_index(self, index: int, emit: bool = True) -> None:
        self.value_label.setText(self._fmt(self._values[index]))
        if emit:
            self.valueChanged.emit(self._values[index])

    def show_beyond(self, value) -> None:
        """Say a value the slider cannot reach (a pretrained model's 24 layers), the knob at its nearest stop."""
        self.value_label.setText(self._fmt(value))
