"""Next-token candidates as horizontal bars, in %, with the tokens cut by top-k/top-p drawn as cut."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from ...core.words import number, translate
from ..widgets import glyphs
from ..widgets.look import look
from ..widgets.theme import ACCENT, CUT_COLOR

TOP_N = 15


class ProbabilityBars(pg.PlotWidget):
    token_clicked = Signal(int)
    why_requested = Signal(int)  # a bar right-clicked: explain why the model gives that token its probability

    def set_narrow(self, narrow: bool) -> None:
        """Two sets of bars side by side: the axis says less, so that it is not cut off."""
        self._narrow = narrow
        self.getPlotItem().setLabel("bottom", translate("probability_view", "probability (%)") if narrow else
                                    translate("probability_view", "probability of being the next token (%)"),
                                    **look.axis_title())

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("probability_bars")
        self.setMinimumHeight(90)
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(x=True, alpha=0.15)
        self.set_narrow(False)
        look.follow(self, lambda: self.set_narrow(self._narrow))
        look.tick_font(item.getAxis("left"), 9)
        item.invertY(True)
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.72, width=[], brushes=[])
        self.addItem(self.bars)
        self.labels: list[pg.TextItem] = []
        self.token_ids: list[int] = []
        self.shown_probs = np.zeros(0)
        self.kept = np.zeros(0, dtype=bool)
        self.scene().sigMouseClicked.connect(self._on_click)
        self.setToolTip(translate("probability_view", "Click a bar to append that token to the prompt; right-click "
                                                      "it to see why the model predicts it."))

    def bars_that_fit(self) -> int:
        """As many bars as stay readable (a label line each) in the height there is, up to TOP_N."""
        room = self.getPlotItem().vb.height() or self.height() - 50
        line = max(11, QFontMetrics(QApplication.font()).height() - 3)  # a label line each, at the zoom of the moment
        return int(max(2, min(TOP_N, room // line)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # a taller or shorter box shows more or fewer bars; only on a change of height (tick labels change
        # the width), and after the resize settles
        if event is None or event.size().height() != event.oldSize().height():  # pyqtgraph passes None
            QTimer.singleShot(0, self._refit)

    def _refit(self) -> None:
        shown = getattr(self, "_shown", None)
        if shown is not None and self.bars_that_fit() != len(self.token_ids):
            self.show_distribution(*shown)

    def show_distribution(self, probs: np.ndarray, kept: np.ndarray, token_texts: list[str]) -> None:
        """probs: (vocab,) before the cuts (sums to 1); kept: bool (vocab,) tokens surviving top-k/top-p."""
        self._shown = (probs, kept, token_texts)
        order = np.argsort(-probs)[:self.bars_that_fit()]
        self.token_ids = [int(i) for i in order]
        self.shown_probs = probs[order]
        self.kept = kept[order]
        percents = self.shown_probs * 100
        brushes = [pg.mkBrush(ACCENT if k else CUT_COLOR) for k in self.kept]
        y = np.arange(len(order))
        self.bars.setOpts(x0=np.zeros(len(order)), y=y, width=percents, brushes=brushes,
                          pens=[pg.mkPen(None)] * len(order))
        ticks = [(i, glyphs.label(token_texts[t])) for i, t in enumerate(self.token_ids)]
        self.getPlotItem().getAxis("left").setTicks([ticks, []])
        while len(self.labels) < len(order):  # text items are reused: creating them is the slow part
            label = pg.TextItem(anchor=(0, 0.5))
            self.addItem(label)
            self.labels.append(label)
        top = float(percents.max()) if len(percents) else 1.0
        for i, label in enumerate(self.labels):
            if i >= len(order):
                label.hide()
                continue
            kept_here = bool(self.kept[i])
            label.setText(f"{number(percents[i], 1)}%" + ("" if kept_here else "  " + translate("probability_view", "cut")),
                          color="#3c4452" if kept_here else "#8a93a3")
            label.setPos(percents[i] + top * 0.01, i)
            label.show()
        self.setXRange(0, max(top * 1.22, 1.0), padding=0)
        self.setYRange(-0.6, max(len(order), 5) - 0.4, padding=0)

    def _on_click(self, event) -> None:
        if event.button() not in (Qt.LeftButton, Qt.RightButton) or not self.token_ids:
            return
        point = self.getPlotItem().vb.mapSceneToView(event.scenePos())
        index = int(round(point.y()))
        if 0 <= index < len(self.token_ids) and point.x() >= 0:
            (self.token_clicked if event.button() == Qt.LeftButton else self.why_requested).emit(self.token_ids[index])

