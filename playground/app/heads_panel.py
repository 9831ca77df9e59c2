"""The Heads tab: what each attention head of the user's model does, named from measurements, and
switches to break it — a head off, a layer skipped, the positional encoding dropped — with what that
changes in the next-token probabilities and the validation loss."""
from __future__ import annotations

import math

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.ablation import Ablation
from ..core.heads import EXPLANATIONS, KINDS
from ..core.session import Session
from . import glyphs
from .session_signals import SessionSignals

COLUMNS = ["Layer", "Head", "previous-token", "first-token", "self", "induction", "entropy (bits)", "what it does",
           "off"]
SCORE_TINT = (56, 103, 214)  # a score's cell deepens to the accent colour as it nears 1


class HeadsPanel(QWidget):
    head_clicked = Signal(int, int)  # layer, head (from 0): show its map

    def __init__(self, session: Session, signals: SessionSignals, parent=None):
        super().__init__(parent)
        self.session = session
        self.scores = None
        self._stale = True
        self.caption = QLabel("Train a model (or open one) to see what its heads do.")
        self.caption.setObjectName("heads_caption")
        self.caption.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("heads_table")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(7, QHeaderView.Stretch)
        self.table.cellDoubleClicked.connect(self._open_map)
        self.table.itemChanged.connect(self._on_item_changed)
        self.explanations = QLabel()
        self.explanations.setObjectName("heads_explanations")
        self.explanations.setWordWrap(True)
        self.layer_checks: list[QCheckBox] = []
        self.layers_row = QHBoxLayout()
        self.positions_check = QCheckBox("Drop the positional encoding")
        self.positions_check.setObjectName("positions_off_check")
        self.positions_check.toggled.connect(lambda on: self._apply(self.session.ablation.with_positions_off(on)))
        self.restore_button = QPushButton("Restore all")
        self.restore_button.setObjectName("restore_ablation")
        self.restore_button.clicked.connect(lambda: self._apply(Ablation()))
        self.effect = QLabel()
        self.effect.setObjectName("ablation_effect")
        self.effect.setWordWrap(True)
        switches = QHBoxLayout()
        switches.addWidget(QLabel("Switches:"))
        switches.addLayout(self.layers_row)
        switches.addWidget(self.positions_check)
        switches.addStretch(1)
        switches.addWidget(self.restore_button)
        hint = QLabel("Tick “off” to switch a head off (its output is zeroed before the output projection); "
                      "double-click a row to see the head's attention map.")
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.explanations)
        layout.addWidget(hint)
        layout.addLayout(switches)
        layout.addWidget(self.effect)
        signals.weights_changed.connect(self._weights_changed)
        signals.model_changed.connect(self._weights_changed)
        signals.prompt_changed.connect(lambda _: self._weights_changed())

    def _weights_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # measured when the tab is shown

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self.scores = self.session.head_scores()
        if self.scores is None:
            self.table.setRowCount(0)
            self.caption.setText("Train a model (or open one) to see what its heads do.")
            self.explanations.setText("")
            self.effect.setText("")
            return
        self.caption.setText(
            f"Model at step {self.session.inspection_step:,}, measured on the start of the validation text; "
            "induction on a random sequence repeated twice. Scores are the share of attention (0–1) a head puts "
            "on that place, averaged over positions.")
        self._fill_table()
        self._fill_switches()
        labels = sorted({row[-1] for row in self.scores.rows()}, key=lambda k: (k not in KINDS, k))
        self.explanations.setText("<br>".join(f"<b>{label}</b>: {EXPLANATIONS[label]}" for label in labels))
        self._show_effect()

    def _fill_table(self) -> None:
        ablation = self.session.ablation
        rows = self.scores.rows()
        with QSignalBlocker(self.table):
            self.table.setRowCount(len(rows))
            for r, (layer, head, *values, label) in enumerate(rows):
                cells = [str(layer), str(head)] + [f"{v:.2f}" for v in values] + [label]
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setTextAlignment(Qt.AlignCenter if c < 7 else Qt.AlignLeft | Qt.AlignVCenter)
                    if 2 <= c <= 5:
                        alpha = int(200 * min(max(values[c - 2], 0.0), 1.0))
                        item.setBackground(QColor(*SCORE_TINT, alpha))
                        if values[c - 2] > 0.6:
                            item.setForeground(QColor("white"))
                    if c == 7:
                        item.setToolTip(EXPLANATIONS[label])
                    self.table.setItem(r, c, item)
                off = QTableWidgetItem()
                off.setFlags(Qt.ItemIsUserCheckable | Qt.ItemIsEnabled)
                off.setCheckState(Qt.Checked if (layer - 1, head - 1) in ablation.heads_off else Qt.Unchecked)
                off.setData(Qt.UserRole, (layer - 1, head - 1))
                self.table.setItem(r, 8, off)

    def _fill_switches(self) -> None:
        layers = self.scores.shape[0]
        if len(self.layer_checks) != layers:
            for box in self.layer_checks:
                self.layers_row.removeWidget(box)
                box.deleteLater()
            self.layer_checks = []
            for layer in range(layers):
                box = QCheckBox(f"skip layer {layer + 1}")
                box.setObjectName(f"skip_layer_{layer + 1}")
                box.toggled.connect(lambda _on, i=layer: self._apply(self.session.ablation.toggled_layer(i)))
                self.layers_row.addWidget(box)
                self.layer_checks.append(box)
        ablation = self.session.ablation
        for layer, box in enumerate(self.layer_checks):
            with QSignalBlocker(box):
                box.setChecked(layer in ablation.layers_skipped)
        with QSignalBlocker(self.positions_check):
            self.positions_check.setChecked(ablation.positions_off)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 8:
            layer, head = item.data(Qt.UserRole)
            self._apply(self.session.ablation.toggled_head(layer, head))

    def switch_head(self, layer: int, head: int) -> None:
        """Toggle one head, as ticking its “off” box does."""
        self._apply(self.session.ablation.toggled_head(layer, head))

    def _apply(self, ablation: Ablation) -> None:
        self.session.set_ablation(ablation)  # every view redraws; this one re-measures

    def _show_effect(self) -> None:
        effect = self.session.ablation_effect() if not self.session.ablation.empty else None
        if effect is None:
            self.effect.setText("All switches on: the whole model. Switch something off to see what it was doing.")
            return
        order = effect.probs_before.argsort()[::-1][:5]
        token = self.session.tokenizer.token_text
        changes = " · ".join(f"‘{glyphs.shown(token(int(i)))}’ {effect.probs_before[i]:.0%} → {effect.probs_after[i]:.0%}"
                             for i in order)
        line = effect.line()
        if not math.isnan(effect.val_before):
            line = line.replace("val loss", "validation loss")
        self.effect.setText(f"<b>{line}</b><br>Next token after the prompt: {changes}")

    def _open_map(self, row: int, _column: int) -> None:
        layer, head = self.table.item(row, 8).data(Qt.UserRole)
        self.head_clicked.emit(layer, head)
