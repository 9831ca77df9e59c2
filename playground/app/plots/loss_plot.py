"""Live loss curves: raw and smoothed training loss, validation loss, earlier runs as faint ghosts, and
the learning rate the schedule gave each step as a faint curve on its own axis (right)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QGraphicsItem

from ...core.analysis.verdict import memorising_since
from ...core.words import integer, number, translate
from ..widgets.look import look
from ..widgets.theme import BASELINE_COLOR, GHOST_COLOR, MEMORISING_BRUSH

SMOOTHING = 0.9  # exponential moving average, debiased as TensorBoard does
# at most 2 redraws a second: on a 2-core laptop every millisecond spent painting is taken from training
REDRAW_MS = 500


class LossPlot(pg.PlotWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("loss_plot")
        self.setMinimumHeight(170)  # a 1280×720 projector also shows the message, the timeline and the verdict
        item = self.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.15)
        item.setLabel("left", translate("loss_plot", "loss (nats per token)"))
        item.setLabel("bottom", translate("loss_plot", "step"))
        self.legend = item.addLegend(offset=(-10, 10), labelTextSize="9pt")
        self.raw = self.plot([], [], name=translate("loss_plot", "train (raw)"))
        self.smooth = self.plot([], [], name=translate("loss_plot", "train (smoothed)"))
        # validation: dashed, with round markers — told from training by more than its colour
        self.val = self.plot([], [], symbol="o", symbolSize=6, symbolPen=None, name=translate("loss_plot", "validation"))
        self.best = pg.ScatterPlotItem(symbol="star", size=16, pen=pg.mkPen("w"))
        self.best.setZValue(5)
        self.addItem(self.best)
        self.legend.addItem(self.best, translate("loss_plot", "best validation"))
        # the gap between training and validation loss once the model memorises, shaded
        self._gap_val = pg.PlotCurveItem()
        self._gap_train = pg.PlotCurveItem()
        self.gap = pg.FillBetweenItem(self._gap_val, self._gap_train, brush=pg.mkBrush(*MEMORISING_BRUSH))
        self.addItem(self.gap)
        self.step_marker = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#1a365d", width=1.5,
                                                                                  style=Qt.DashLine),
                                           label=translate("loss_plot", "views at step"), labelOpts={"position": 0.95, "color": "#1a365d"})
        self.addItem(self.step_marker, ignoreBounds=True)
        self.step_marker.hide()
        self.baseline_lines: list[pg.InfiniteLine] = []
        self._baselines: list[tuple[str, float]] = []
        self.baselines_visible = True
        self.scale, self.unit_label = 1.0, translate("loss_plot", "loss (nats per token)")
        self._lr_colour = look.lr_colour()
        for curve in (self.raw, self.smooth):
            curve.setClipToView(True)
            curve.setDownsampling(auto=True, method="peak")
        # the learning rate: its own y axis on the right, sharing the x axis (pyqtgraph's MultiplePlotAxes)
        item.showAxis("right")
        self.lr_box = pg.ViewBox()
        item.scene().addItem(self.lr_box)
        right = item.getAxis("right")
        right.linkToView(self.lr_box)
        self.lr_box.setXLink(item)
        self.lr_box.setMouseEnabled(x=False, y=False)
        self.lr_curve = pg.PlotCurveItem()
        self.lr_box.addItem(self.lr_curve)
        self.legend.addItem(self.lr_curve, translate("loss_plot", "learning rate (right axis)"))
        item.vb.sigResized.connect(self._sync_lr_box)
        item.vb.sigResized.connect(self._fit_axis_titles)
        # The axes change only when the ranges do: the x range is the run's length from its start and the
        # y range moves only when the curves leave it, so a redraw repaints curves, not re-laid-out axes.
        item.vb.disableAutoRange()
        for name in ("left", "bottom", "right"):
            item.getAxis(name).setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.run_length = 0
        self.marked_step: int | None = None
        self.event_lines: list[pg.InfiniteLine] = []
        self.ghosts: list[pg.PlotDataItem] = []
        self.tokens_per_step = 1
        self.x_unit = "step"
        self._steps: list[int] = []
        self._losses: list[float] = []
        self._smoothed: list[float] = []
        self._ema = 0.0
        self._val_steps: list[int] = []
        self._val_losses: list[float] = []
        self._train_eval: list[float] = []
        self._lrs: list[float] = []
        self._redraw_timer = QTimer(self, singleShot=True, interval=REDRAW_MS, timeout=self._redraw)
        self.hover = pg.TextItem(color="#1f2937", anchor=(0, 1), fill=pg.mkBrush(255, 255, 255, 220))
        self.hover.setZValue(10)
        self.addItem(self.hover, ignoreBounds=True)
        self.hover.hide()
        self.scene().sigMouseMoved.connect(self._on_mouse)
        self.empty_hint = pg.TextItem(translate("loss_plot", "Press ▶ Train (Space): the loss curves draw themselves here."),
                                      color="#8a93a3", anchor=(0.5, 0.5))
        self.addItem(self.empty_hint, ignoreBounds=True)
        self.empty_hint.setPos(0.5, 0.5)
        self._fit_ranges()  # before any curve: a frame of the run's length around the hint
        look.follow(self, self._apply_look)

    # -- data --
    def _sync_lr_box(self) -> None:
        vb = self.getPlotItem().vb
        self.lr_box.setGeometry(vb.sceneBoundingRect())
        self.lr_box.linkedViewChanged(vb, self.lr_box.XAxis)

    def add_steps(self, steps: list[int], losses: list[float], lrs: list[float] | None = None) -> None:
        for loss in losses:
            # debiasing: without it the curve would start from 0 and lag the first few hundred steps
            self._ema = SMOOTHING * self._ema + (1 - SMOOTHING) * loss
            self._smoothed.append(self._ema / (1 - SMOOTHING ** (len(self._smoothed) + 1)))
        self._steps += steps
        self._losses += losses
        if lrs is not None and len(self._lrs) == len(self._steps) - len(steps):
            self._lrs += lrs
        if not self._redraw_timer.isActive():  # new points wait for the next redraw, at a bounded rate
            self._redraw_timer.start()

    def add_val(self, step: int, loss: float, train_loss: float | None = None) -> None:
        self._val_steps.append(step)
        self._val_losses.append(loss)
        self._train_eval.append(loss if train_loss is None else train_loss)
        if not self._redraw_timer.isActive():
            self._redraw_timer.start()

    def set_history(self, steps, losses, val_steps, val_losses, lrs=None, train_eval=None) -> None:
        self.reset()
        self.add_steps(list(steps), list(losses), list(lrs) if lrs and len(lrs) == len(steps) else None)
        train_eval = train_eval if train_eval and len(train_eval) == len(val_losses) else val_losses
        for s, v, t in zip(val_steps, val_losses, train_eval):
            self._val_steps.append(s)
            self._val_losses.append(v)
            self._train_eval.append(t)
        self._redraw()

    def reset(self) -> None:
        for line in self.event_lines:
            self.removeItem(line)
        self.event_lines = []
        self._ema = 0.0
        self._y_range = None
        self._steps, self._losses, self._smoothed, self._lrs = [], [], [], []
        self._val_steps, self._val_losses, self._train_eval = [], [], []
        self._val_drawn = None
        self._redraw()

    def _apply_look(self) -> None:
        """The palette and zoom of the moment: training solid, validation dashed with markers, the learning
        rate dotted on its own axis."""
        train, val, lr = look.train_colour(), look.val_colour(), look.lr_colour()
        raw = QColor(train)
        raw.setAlpha(70)
        self.raw.setPen(pg.mkPen(raw, width=1))
        self.smooth.setPen(pg.mkPen(train, width=2.2))
        self.val.setPen(pg.mkPen(val, width=2.2, style=Qt.DashLine))
        self.val.setSymbolBrush(val)
        self.best.setBrush(pg.mkBrush(val))
        self.lr_curve.setPen(pg.mkPen(lr, width=1.2, style=Qt.DotLine))
        right = self.getPlotItem().getAxis("right")
        right.setTextPen(pg.mkPen(lr))
        self._lr_colour = lr
        self._fit_axis_titles()

    def _fit_axis_titles(self, *_) -> None:
        """The side axes' titles run along the plot's height: on a short plot (a projector at 150 %) a title
        that would be cut is left out — the unit is in the menu above the plot, the learning rate in the legend."""
        item = self.getPlotItem()
        room = item.vb.height()
        for side, text in (("left", self.unit_label), ("right", translate("loss_plot", "learning rate"))):
            axis = item.getAxis(side)
            fits = QFontMetrics(look.title_font()).horizontalAdvance(text) + 10 <= room
            colour = {"color": self._lr_colour} if side == "right" else {}
            axis.setLabel(text if fits else "", **colour, **look.axis_title())

    def keep_as_ghost(self, label: str) -> None:
        """Leave the current run faintly visible for comparison with the next one."""
        if not self._steps:
            return
        ghost = self.plot(self._x(self._steps), self._y(self._smoothed),
                          pen=pg.mkPen(GHOST_COLOR, width=1.5, style=Qt.DashLine))
        ghost.setToolTip(label)
        ghost.steps = np.array(self._steps)
        ghost.losses = np.array(self._smoothed)
        self.ghosts.append(ghost)

    def clear_ghosts(self) -> None:
        for ghost in self.ghosts:
            self.removeItem(ghost)
        self.ghosts = []

    def mark_event(self, step: int, text: str) -> None:
        """A change made during the run (a new learning-rate multiplier), as a labelled vertical line."""
        line = pg.InfiniteLine(pos=float(self._x([step])[0]), angle=90, movable=False,
                               pen=pg.mkPen("#2f9e44", width=1, style=Qt.DotLine),
                               label=text, labelOpts={"position": 0.85, "color": "#2f9e44", "rotateAxis": (1, 0)})
        line.event_step = step
        self.addItem(line, ignoreBounds=True)
        self.event_lines.append(line)

    def mark_step(self, step: int | None) -> None:
        """The step the timeline holds the views at (None: now, no mark)."""
        self.marked_step = step
        self.step_marker.setVisible(step is not None)
        if step is not None:
            self.step_marker.setPos(float(self._x([step])[0]))
            self.step_marker.label.setFormat(translate("loss_plot", "views at step {step}").format(step=integer(step)))

    # -- yardsticks and units --
    def set_baselines(self, items: list[tuple[str, float]]) -> None:
        """The counting baselines, as labelled horizontal lines (nats per token)."""
        for line in self.baseline_lines:
            self.removeItem(line)
        self._baselines = list(items)
        self.baseline_lines = []
        for name, value in items:
            line = pg.InfiniteLine(angle=0, movable=False, pen=pg.mkPen(BASELINE_COLOR, width=1, style=Qt.DotLine),
                                   label=translate("baselines", name), labelOpts={"position": 0.02, "color": BASELINE_COLOR,
                                                          "anchors": [(0, 1), (0, 1)]})
            line.setToolTip(translate("loss_plot", "{name} baseline: {value} nats per token").format(
                name=translate("baselines", name), value=number(value, 3)))
            line.baseline = (name, value)
            self.addItem(line, ignoreBounds=True)
            self.baseline_lines.append(line)
        self._place_baselines()
        if not self._steps and not self.ghosts:
            self._fit_ranges()  # the empty frame reaches just above the blind guess

    def show_baselines(self, on: bool) -> None:
        self.baselines_visible = on
        self._y_range = None
        self._place_baselines()
        self._redraw()

    def _place_baselines(self) -> None:
        for line in self.baseline_lines:
            name, value = line.baseline
            line.setPos(self._y(value))
            line.label.setFormat(f"{translate('baselines', name)} {number(self._y(value))}")
            line.setVisible(self.baselines_visible)

    def set_unit(self, scale: float, label: str) -> None:
        """Show every loss times `scale` (1 for nats per token; tokens per character ÷ ln 2 for bits per
        character, a unit that compares across tokenizers)."""
        self.scale, self.unit_label = scale, label
        self._fit_axis_titles()
        for ghost in self.ghosts:
            ghost.setData(self._x(ghost.steps), self._y(ghost.losses))
        self._y_range = None
        self._place_baselines()
        self._redraw()

    def _y(self, values):
        return np.asarray(values, dtype=float) * self.scale if not np.isscalar(values) else values * self.scale

    @property
    def evaluations(self) -> tuple[list[int], list[float], list[float]]:
        """(steps, validation losses, training losses) of the evaluations shown, in nats per token."""
        return list(self._val_steps), list(self._val_losses), list(self._train_eval)

    @property
    def best_point(self) -> tuple[int, float] | None:
        """(step, validation loss) of the best evaluation, as marked."""
        if not self._val_losses:
            return None
        i = int(np.argmin(self._val_losses))
        return self._val_steps[i], self._val_losses[i]

    @property
    def memorising_from(self) -> int | None:
        """Index of the evaluation after which the gap is shaded (None: not memorising)."""
        return memorising_since(self._val_losses, self._train_eval)

    # -- view options --
    def set_log_scale(self, on: bool) -> None:
        self.getPlotItem().setLogMode(y=on)
        self._y_range = None
        self._redraw()

    def set_run_length(self, steps: int) -> None:
        """The x axis spans the whole run from its start: the curve grows across it like a progress bar."""
        self.run_length = steps
        self._fit_ranges()

    def set_x_unit(self, unit: str) -> None:
        self.x_unit = unit
        self.getPlotItem().setLabel("bottom", translate("loss_plot", "tokens seen") if unit == "tokens" else
                                    translate("loss_plot", "step"), **look.axis_title())
        for ghost in self.ghosts:
            ghost.setData(self._x(ghost.steps), ghost.losses)
        self._redraw()

    def _x(self, steps):
        steps = np.asarray(steps, dtype=float)
        return steps * self.tokens_per_step if self.x_unit == "tokens" else steps

    def flush(self) -> None:
        """Draw what has arrived now (the run ended, or a test reads the curves)."""
        self._redraw_timer.stop()
        self._redraw()

    def _redraw(self) -> None:
        if not self.isVisible() and self._steps:
            self._stale = True  # hidden behind another tab: drawn when shown
            return
        self._stale = False
        self.empty_hint.setVisible(not self._steps and not self.ghosts)
        self.raw.setData(self._x(self._steps), self._y(self._losses))
        self.smooth.setData(self._x(self._steps), self._y(self._smoothed))
        # the validation points change only at evaluations: redrawing them (and the star, and the shaded
        # gap) four times a second would repaint for nothing
        drawn = (len(self._val_losses), self.scale, self.x_unit)
        if drawn != getattr(self, "_val_drawn", None):
            self._val_drawn = drawn
            self.val.setData(self._x(self._val_steps), self._y(self._val_losses))
            best = self.best_point
            self.best.setData([self._x([best[0]])[0]], [self._y(best[1])]) if best else self.best.setData([], [])
            since = self.memorising_from
            x = self._x(self._val_steps[since:]) if since is not None else []
            self._gap_val.setData(x, self._y(self._val_losses[since:]) if since is not None else [])
            self._gap_train.setData(x, self._y(self._train_eval[since:]) if since is not None else [])
        self._fit_ranges()
        has_lr = len(self._lrs) == len(self._steps) and bool(self._lrs)
        self.lr_curve.setData(self._x(self._steps) if has_lr else [], np.asarray(self._lrs if has_lr else [], dtype=float))
        if has_lr and max(self._lrs) * 1.05 != getattr(self, "_lr_top", None):
            self._lr_top = max(self._lrs) * 1.05
            self.lr_box.setYRange(0, self._lr_top, padding=0)

    def _fit_ranges(self) -> None:
        item = self.getPlotItem()
        if not self._steps and not self.ghosts:
            # nothing trained yet: the run's steps across, 0 to just above the blind guess up, the hint centred
            right = float(self._x([self.run_length or 1000])[0])
            top = max([float(self._y(v)) for _, v in self._baselines] + [4.0]) * 1.15
            self._x_range, self._y_range = (0.0, right), None
            item.vb.setRange(xRange=(0.0, right), yRange=(0.0, top), padding=0)
            self.empty_hint.setPos(right / 2, top * 0.3)  # below the legend and the baseline labels
            return
        steps = self._steps + [int(g.steps[-1]) for g in self.ghosts if len(g.steps)]
        last = max([self.run_length] + steps[-1:] + [max(steps, default=0)])
        if not last:
            return
        x_range = (0.0, float(self._x([last])[0]))
        if x_range != getattr(self, "_x_range", None):
            self._x_range = x_range
            item.vb.setXRange(*x_range, padding=0.02)
        values = np.concatenate([self._y(self._losses), self._y(self._val_losses)]
                                + [self._y(g.losses) for g in self.ghosts])
        values = values[np.isfinite(values) & (values > 0)]
        if not values.size:
            return
        if item.ctrl.logYCheck.isChecked():
            values = np.log10(values)
        lo, hi = float(values.min()), float(values.max())
        current = getattr(self, "_y_range", None)
        # move only when the curves leave the range or fill less than half of it
        if current is None or lo < current[0] or hi > current[1] or (hi - lo) < 0.5 * (current[1] - current[0]):
            pad = 0.06 * max(hi - lo, 1e-3)
            # a baseline's label sits above its line: room for it when the line is near the top
            top_pad = 2.5 * pad if self.baselines_visible and self._baselines else pad
            self._y_range = (lo - pad, hi + top_pad)
            item.vb.setYRange(*self._y_range, padding=0)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self._redraw()

    @property
    def point_count(self) -> int:
        return len(self._steps)

    @property
    def learning_rates(self) -> list[float]:
        return list(self._lrs)

    def latest(self) -> tuple[list[float], list[float]]:
        return list(self._losses), list(self._val_losses)

    def _on_mouse(self, pos) -> None:
        if not self._steps or not self.sceneBoundingRect().contains(pos):
            self.hover.hide()
            return
        x = self.getPlotItem().vb.mapSceneToView(pos).x()
        steps = self._x(self._steps)
        i = int(np.clip(np.searchsorted(steps, x), 0, len(steps) - 1))
        step = self._steps[i]
        text = translate("loss_plot", "step {step} · {tokens} tokens\ntrain {loss} (smoothed)").format(
            step=integer(step), tokens=integer(step * self.tokens_per_step), loss=number(self._y(self._smoothed[i]), 3))
        if len(self._lrs) == len(self._steps):
            text += "\n" + translate("loss_plot", "learning rate {lr}").format(lr=f"{self._lrs[i]:.2e}")
        if self._val_steps:
            j = int(np.argmin(np.abs(np.array(self._val_steps) - step)))
            text += "\n" + translate("loss_plot", "val {loss} at step {step}").format(
                loss=number(self._y(self._val_losses[j]), 3), step=integer(self._val_steps[j]))
        self.hover.setText(text)
        y = self.getPlotItem().vb.mapSceneToView(pos).y()
        self.hover.setPos(x, y)
        self.hover.show()
