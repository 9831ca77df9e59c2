"""The Heads tab: what each attention head of the user's model does, named from measurements, and
switches to break it — a head off, a layer skipped, the positional encoding dropped — with what that
changes in the next-token probabilities and the validation loss."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.analysis.ablation import Ablation
from ...core.analysis.heads import EXPLANATIONS, KINDS
from ...core.session.session import Session
from ...core.words import QT_TRANSLATE_NOOP, integer, number, translate
from ..session_signals import SessionSignals
from ..widgets import glyphs
from ..widgets.look import look
from ..widgets.shown_view import RefreshedWhenShown
from ..widgets.tables import row_table

COLUMNS = [QT_TRANSLATE_NOOP("heads_panel", "Layer"), QT_TRANSLATE_NOOP("heads_panel", "Head"),
           QT_TRANSLATE_NOOP("heads_panel", "previous-token"), QT_TRANSLATE_NOOP("heads_panel", "first-token"),
           QT_TRANSLATE_NOOP("heads_panel", "self"), QT_TRANSLATE_NOOP("heads_panel", "induction"),
           QT_TRANSLATE_NOOP("heads_panel", "entropy (bits)"), QT_TRANSLATE_NOOP("heads_panel", "what it does"),
           QT_TRANSLATE_NOOP("heads_panel", "off")]
LAYER_SWITCHES_PER_LINE = 6
SCORE_TINT = (56, 103, 214)  # a score's cell deepens to the accent colour as it nears 1


class HeadHistory(pg.GraphicsLayoutWidget):
    """One small chart per kind of head over the training steps the timeline kept, one line per head:
    when a previous-token or an induction head forms."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("head_history")
        self.setMinimumHeight(150)
        self.plots = {}
        for column, kind in enumerate(KINDS):
            plot = self.addPlot(row=0, col=column, title=translate("heads", kind))
            plot.setYRange(0, 1, padding=0.02)
            plot.setMouseEnabled(x=False, y=False)
            plot.showGrid(x=True, y=True, alpha=0.15)
            plot.getAxis("bottom").setLabel(translate("heads_panel", "step"))
            self.plots[kind] = plot
        self.curves: dict[tuple[str, int, int], pg.PlotDataItem] = {}
        look.follow(self, lambda: [curve.setPen(pg.mkPen(look.series(head), width=1.6, style=look.dash(layer)))
                                   for (_, layer, head), curve in self.curves.items()])

    def show_history(self, steps: list[int], history: list) -> None:
        """history[i]: the HeadScores at steps[i]."""
        if not history:
            for curve in self.curves.values():
                curve.setData([], [])
            return
        layers, heads = history[0].shape
        if any(layer >= layers or head >= heads for _, layer, head in self.curves):  # a model of another shape
            for (kind, _, _), curve in self.curves.items():
                self.plots[kind].removeItem(curve)
            self.curves = {}
        for kind, plot in self.plots.items():
            for layer in range(layers):
                for head in range(heads):
                    key = (kind, layer, head)
                    if key not in self.curves:
                        # a colour per head, a dash per layer: told apart without colour too
                        pen = pg.mkPen(look.series(head), width=1.6, style=look.dash(layer))
                        self.curves[key] = plot.plot([], [], pen=pen, name=translate("heads_panel", "layer {layer} head {head}").format(
                            layer=layer + 1, head=head + 1))
                    values = [float(h.score(kind)[layer, head]) for h in history]
                    self.curves[key].setData(steps, values)


class HeadsPanel(RefreshedWhenShown):
    head_clicked = Signal(int, int)  # layer, head (from 0): show its map

    def __init__(self, session: Session, signals: SessionSignals, parent=None):
        super().__init__(parent)
        self.session = session
        self.scores = None
        self.caption = QLabel(translate("heads_panel", "Train a model (or open one) to see what its heads do."))
        self.caption.setObjectName("heads_caption")
        self.caption.setWordWrap(True)
        self.table = row_table("heads_table", translate("heads_panel", "Every head and what it does"),
                               [translate("heads_panel", c) for c in COLUMNS])
        self.setFocusProxy(self.table)  # Ctrl+<n> puts the keyboard here
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(7, QHeaderView.Stretch)
        self.table.cellDoubleClicked.connect(self._open_map)
        self.table.itemChanged.connect(self._on_item_changed)
        self.explanations = QLabel()
        self.explanations.setObjectName("heads_explanations")
        self.explanations.setWordWrap(True)
        self.layer_checks: list[QCheckBox] = []
        self.layers_row = QGridLayout()  # up to LAYER_SWITCHES_PER_LINE "skip layer" boxes per line
        self.layers_row.setHorizontalSpacing(10)
        self.layers_row.setVerticalSpacing(0)
        self.positions_check = QCheckBox(translate("heads_panel", "Drop the positional encoding"))
        self.positions_check.setObjectName("positions_off_check")
        self.positions_check.toggled.connect(lambda on: self._apply(self.session.ablation.with_positions_off(on)))
        self.restore_button = QPushButton(translate("heads_panel", "Restore all"))
        self.restore_button.setObjectName("restore_ablation")
        self.restore_button.clicked.connect(lambda: self._apply(Ablation()))
        self.effect = QLabel()
        self.effect.setObjectName("ablation_effect")
        self.effect.setWordWrap(True)
        self.history = HeadHistory()
        self.history_caption = QLabel(translate("heads_panel", "How each head's scores changed through training (colour: head; line style: "
                                      "layer — solid 1, dashed 2, dotted 3, dash-dot 4)."))
        self.history_caption.setObjectName("muted")
        self.history_caption.setWordWrap(True)
        self._history_steps: list[int] = []
        self._history: list = []
        self._measure_timer = QTimer(self, interval=0, timeout=self._measure_next)
        # two lines: with many layers (or longer words in another language) one line would widen the window
        layer_line, other_line = QHBoxLayout(), QHBoxLayout()
        layer_line.addWidget(QLabel(translate("heads_panel", "Switches:")))
        layer_line.addLayout(self.layers_row)
        layer_line.addStretch(1)
        other_line.addWidget(self.positions_check)
        other_line.addStretch(1)
        other_line.addWidget(self.restore_button)
        switches = QVBoxLayout()
        switches.setSpacing(2)
        switches.addLayout(layer_line)
        switches.addLayout(other_line)
        hint = QLabel(translate("heads_panel", "Tick “off” to switch a head off (its output is zeroed before the output projection); "
                      "double-click a row to see the head's attention map."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.explanations)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.history_caption)
        bottom_layout.addWidget(self.history, 1)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(splitter, 1)
        layout.addWidget(hint)
        layout.addLayout(switches)
        layout.addWidget(self.effect)
        signals.weights_changed.connect(self.refresh_when_shown)
        signals.model_changed.connect(self.refresh_when_shown)
        signals.prompt_changed.connect(lambda _: self.refresh_when_shown())

    def refresh(self) -> None:
        self._stale = False
        self.scores = self.session.head_scores()
        if self.scores is None:
            self.table.setRowCount(0)
            self.caption.setText(translate("heads_panel", "Train a model (or open one) to see what its heads do."))
            self.explanations.setText("")
            self.effect.setText("")
            return
        self.caption.setText(
            translate("heads_panel", "Model at step {step}, measured on the start of the validation text; induction on a "
                      "random sequence repeated twice. Scores are the share of attention (0–1) a head puts on that "
                      "place, averaged over positions.").format(step=integer(self.session.inspection_step)))
        self._fill_table()
        self._fill_switches()
        labels = sorted({row[-1] for row in self.scores.rows()}, key=lambda k: (k not in KINDS, k))
        self.explanations.setText("<br>".join(f"<b>{translate('heads', label)}</b>: "
                                              f"{translate('heads', EXPLANATIONS[label])}" for label in labels))
        self._show_effect()
        self._measure_timer.start()  # the history, one kept step per tick: the window never waits

    def _measure_next(self) -> None:
        timeline = self.session.timeline
        steps = timeline.steps if timeline is not None else []
        done = set(self._history_steps)
        if self._history_steps and not set(self._history_steps) <= set(steps):  # another model's timeline
            self._history_steps, self._history, done = [], [], set()
        todo = [s for s in steps if s not in done]
        if not todo:
            self._measure_timer.stop()
            return
        scores = self.session.head_scores_at(todo[0])
        if scores is not None:
            self._history_steps.append(todo[0])
            self._history.append(scores)
            order = sorted(range(len(self._history_steps)), key=self._history_steps.__getitem__)
            self._history_steps = [self._history_steps[i] for i in order]
            self._history = [self._history[i] for i in order]
        else:
            self._measure_timer.stop()
            return
        if len(todo) == 1 or len(self._history) % 8 == 0:
            self.history.show_history(self._history_steps, self._history)

    def _fill_table(self) -> None:
        ablation = self.session.ablation
        rows = self.scores.rows()
        with QSignalBlocker(self.table):
            self.table.setRowCount(len(rows))
            for r, (layer, head, *values, label) in enumerate(rows):
                cells = [str(layer), str(head)] + [number(v) for v in values] + [translate("heads", label)]
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setTextAlignment(Qt.AlignCenter if c < 7 else Qt.AlignLeft | Qt.AlignVCenter)
                    if 2 <= c <= 5:
                        alpha = int(200 * min(max(values[c - 2], 0.0), 1.0))
                        item.setBackground(QColor(*SCORE_TINT, alpha))
                        if values[c - 2] > 0.6:
                            item.setForeground(QColor("white"))
                    if c == 7:
                        item.setToolTip(translate("heads", EXPLANATIONS[label]))
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
                box = QCheckBox(translate("heads_panel", "skip layer {n}").format(n=layer + 1))
                box.setObjectName(f"skip_layer_{layer + 1}")
                box.toggled.connect(lambda _on, i=layer: self._apply(self.session.ablation.toggled_layer(i)))
                self.layers_row.addWidget(box, layer // LAYER_SWITCHES_PER_LINE, layer % LAYER_SWITCHES_PER_LINE)
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
            self.effect.setText(translate("heads_panel", "All switches on: the whole model. Switch something off to see what it was doing."))
            return
        order = effect.probs_before.argsort()[::-1][:5]
        token = self.session.tokenizer.token_text
        changes = " · ".join(f"‘{glyphs.shown(token(int(i)))}’ {number(100 * effect.probs_before[i], 0)}% → "
                             f"{number(100 * effect.probs_after[i], 0)}%" for i in order)
        self.effect.setText(f"<b>{effect.line(spelled_out=True)}</b><br>" + translate("heads_panel", "Next token after the prompt: {changes}").format(
            changes=changes))

    def _open_map(self, row: int, _column: int) -> None:
        layer, head = self.table.item(row, 8).data(Qt.UserRole)
        self.head_clicked.emit(layer, head)
