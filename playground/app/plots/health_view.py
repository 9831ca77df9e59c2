"""Training health: the gradient norm (clipping marked) and each layer's update/weight ratio over the
steps, with a plain-language flag when something looks off."""
from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...core.analysis.verdict import HEALTHY_UPDATE_RATIO, health_flags
from ...core.training.events import HealthEvent
from ...core.words import translate
from ..widgets.look import look

RECENT = 10  # measurements the flags look at


class HealthStrip(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("health_strip")
        self.events: list[HealthEvent] = []
        self.grad_plot = pg.PlotWidget()
        self.grad_plot.setObjectName("grad_norm_plot")
        self.grad_plot.setMouseEnabled(x=False, y=False)
        self.grad_curve = self.grad_plot.plot([], [])
        self.clipped_points = pg.ScatterPlotItem(size=7, symbol="x", pen=None)
        self.grad_plot.addItem(self.clipped_points)
        self.ratio_plot = pg.PlotWidget()
        self.ratio_plot.setObjectName("update_ratio_plot")
        self.ratio_plot.setLogMode(y=True)
        self.ratio_plot.setMouseEnabled(x=False, y=False)
        # five decades, fixed: whole-decade labels that never crowd, and room for both warnings
        self.ratio_plot.setYRange(-5, 0, padding=0)
        self.ratio_plot.addItem(pg.InfiniteLine(angle=0, pos=math.log10(HEALTHY_UPDATE_RATIO),
                                                pen=pg.mkPen("#6b7280", style=pg.QtCore.Qt.DotLine)))
        self.ratio_legend = self.ratio_plot.addLegend(offset=(-5, 5), labelTextSize="8pt")
        self.ratio_curves: dict[str, pg.PlotDataItem] = {}
        for plot in (self.grad_plot, self.ratio_plot):
            plot.setMinimumHeight(110)
            plot.getPlotItem().showGrid(x=True, y=True, alpha=0.15)
        look.follow(self, self._apply_look)
        self.flags = QLabel("")
        self.flags.setObjectName("health_flags")
        self.flags.setWordWrap(True)
        plots = QHBoxLayout()
        plots.addWidget(self.grad_plot)
        plots.addWidget(self.ratio_plot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(plots)
        layout.addWidget(self.flags)

    def _apply_look(self) -> None:
        self.grad_plot.setTitle(translate("health_view", "gradient norm (crosses: clipped)"), size=look.points(9))
        self.ratio_plot.setTitle(translate("health_view", "update / weight per layer (log; dotted: 1e-3, typical)"),
                                 size=look.points(9))
        self.grad_curve.setPen(pg.mkPen(look.train_colour(), width=1.5))
        self.clipped_points.setBrush(pg.mkBrush(look.val_colour()))
        self.clipped_points.setPen(pg.mkPen(look.val_colour(), width=2))
        for i, name in enumerate(sorted(self.ratio_curves, key=lambda k: (k != "embeddings", k))):
            self.ratio_curves[name].setPen(look.pen(i, width=1.4))

    def reset(self) -> None:
        self.events = []
        self._redraw()

    def add(self, event: HealthEvent) -> None:
        self.events.append(event)
        if self.isVisible():
            self._redraw()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._redraw()

    def current_flags(self) -> list[str]:
        recent = self.events[-RECENT:]
        return health_flags([e.update_ratios for e in recent], [e.clipped for e in recent])

    def _redraw(self) -> None:
        steps = [e.step for e in self.events]
        self.grad_curve.setData(steps, [e.grad_norm for e in self.events])
        clipped = [e for e in self.events if e.clipped]
        self.clipped_points.setData([e.step for e in clipped], [e.grad_norm for e in clipped])
        names = sorted({k for e in self.events for k in e.update_ratios}, key=lambda k: (k != "embeddings", k))
        for i, name in enumerate(names):
            if name not in self.ratio_curves:
                self.ratio_curves[name] = self.ratio_plot.plot([], [], pen=look.pen(i, width=1.4), name=name)
            points = [(e.step, e.update_ratios[name]) for e in self.events if e.update_ratios.get(name, 0) > 0]
            self.ratio_curves[name].setData([p[0] for p in points], [p[1] for p in points])
        for name in set(self.ratio_curves) - set(names):
            self.ratio_curves[name].setData([], [])
        flags = self.current_flags()
        self.flags.setText(" ".join(flags) if flags else
                           (translate("health_view", "No warning signs: the gradient is rarely clipped and update sizes are within 100× of "
                                      "the usual 1e-3 of the weights.") if self.events else ""))
