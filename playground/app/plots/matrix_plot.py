"""A labelled heatmap for any matrix: token labels on the rows, numbers on hover, a colour bar.

Signed tensors (embeddings, Q/K/V, scores) get a diverging colour scale centred on zero so that sign
reads at a glance; non-negative ones (attention weights, norms, probabilities) get viridis.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core.words import significant, translate
from ..widgets.look import look
from ..widgets.theme import mono_font

LABEL_PX = 13  # room one row label needs
COLUMN_LABEL_PX = 34


class MatrixPlot(QWidget):
    cell_clicked = Signal(int, int)         # row, column
    cell_double_clicked = Signal(int, int)

    def __init__(self, value_name: str = "value", parent=None, column_label_px: int = COLUMN_LABEL_PX,
                 colorbar_label: str = ""):
        super().__init__(parent)
        self.value_name = value_name
        self.column_label_px = column_label_px
        self.view = pg.PlotWidget()
        item = self.view.getPlotItem()
        item.invertY(True)
        item.setMenuEnabled(False)
        for axis in ("left", "bottom"):
            look.tick_font(item.getAxis(axis), 8)
        self.image = pg.ImageItem(axisOrder="row-major")
        item.addItem(self.image)
        self.signed = False
        # the title goes on the numbers' axis, fitted to the bar's height (`_fit_colorbar_label`)
        self.colorbar = pg.ColorBarItem(values=(0, 1), colorMap=look.unsigned_map(), width=14, interactive=False)
        self.colorbar.setImageItem(self.image, insert_in=item)
        look.tick_font(self.colorbar.axis, 8)  # its ticks too follow the zoom (and thin out when crowded)
        self.colorbar_label = colorbar_label
        item.vb.sigResized.connect(self._fit_colorbar_label)
        item.layout.setContentsMargins(2, 12, 2, 2)  # room for the colour bar's top label (1.0) above the bar
        self.hover_label = QLabel(" ")
        look.size(self.hover_label, 9, mono=True)
        self.hover_label.setObjectName("matrix_hover")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hover_label)
        self.values = np.zeros((0, 0))
        look.follow(self, self._apply_colours)
        self.row_labels: list[str] = []
        self.col_labels: list[str] = []
        self._ticks_key: dict[str, tuple] = {}
        self.view.scene().sigMouseMoved.connect(self._on_mouse)
        self.view.scene().sigMouseClicked.connect(self._on_click)
        item.vb.sigRangeChanged.connect(self._update_ticks)
        item.vb.sigResized.connect(self._update_ticks)

    def show_matrix(self, values: np.ndarray, row_labels: list[str], col_labels: list[str], signed: bool,
                    levels: tuple[float, float] | None = None, row_title: str = "", col_title: str = "") -> None:
        values = np.asarray(values, dtype=np.float32)
        self.values, self.row_labels, self.col_labels = values, row_labels, col_labels
        if levels is None:
            if signed:
                top = float(np.abs(values).max()) if values.size else 1.0
                levels = (-top or -1.0, top or 1.0)
            else:
                lo, hi = (float(values.min()), float(values.max())) if values.size else (0.0, 1.0)
                levels = (lo, hi if hi > lo else lo + 1.0)
        self.signed = signed
        self._apply_colours()
        self.image.setImage(values, levels=levels, autoLevels=False)
        self.colorbar.setLevels(levels)
        self._fit_colorbar_label()
        rows, cols = values.shape
        self.image.setRect(0, 0, cols, rows)
        item = self.view.getPlotItem()
        self._titles = (row_title, col_title)
        self._apply_titles()
        # wide enough for the longest row label ("embedding", "layer 12"): pyqtgraph hides ticks that do not fit
        metrics = QFontMetrics(item.getAxis("left").style.get("tickFont") or self.font())
        widest = max((metrics.horizontalAdvance(label) for label in row_labels[:512]), default=0)
        item.getAxis("left").setWidth(widest + 14 + (metrics.height() + 8 if row_title else 0))
        item.vb.setRange(xRange=(0, max(cols, 1)), yRange=(0, max(rows, 1)), padding=0.01)
        self._ticks_key = {}
        self._update_ticks()

    def _fit_colorbar_label(self, *_) -> None:
        """The colour bar's title only where it fits beside the bar (a short map at a big zoom has no room):
        cut off, it would read as nonsense; the hover line still names the value."""
        room = self.view.getPlotItem().vb.height()
        # a short bar shows only its two ends: six crowded numbers would print over each other
        line = QFontMetrics(look.font(8, mono=True)).height()
        lo, hi = self.colorbar.levels()
        self.colorbar.axis.setTicks(None if room >= 6 * line else [[(lo, significant(lo)), (hi, significant(hi))], []])
        if not self.colorbar_label:
            return
        fits = QFontMetrics(look.title_font()).horizontalAdvance(self.colorbar_label) + 8 <= room
        self.colorbar.axis.setLabel(self.colorbar_label if fits else "", **look.axis_title())

    def _apply_colours(self) -> None:
        """The palette and the zoom of the moment."""
        colormap = look.signed_map() if self.signed else look.unsigned_map()
        self.image.setColorMap(colormap)
        self.colorbar.setColorMap(colormap)
        self._apply_titles()

    def _apply_titles(self) -> None:
        item = self.view.getPlotItem()
        row_title, col_title = getattr(self, "_titles", ("", ""))
        item.setLabel("left", row_title, **look.axis_title())
        item.setLabel("bottom", col_title, **look.axis_title())
        self._fit_colorbar_label()

    def _update_ticks(self, *_) -> None:
        vb = self.view.getPlotItem().vb
        (x0, x1), (y0, y1) = vb.viewRange()
        for axis, labels, span, pixels, room in (("bottom", self.col_labels, x1 - x0, vb.width(),
                                                  self._label_room(self.col_labels, self.column_label_px, across=True)),
                                                 ("left", self.row_labels, y1 - y0, vb.height(),
                                                  self._label_room(self.row_labels, LABEL_PX, across=False))):
            per_cell = pixels / max(span, 1e-6)
            every = max(1, int(np.ceil(room / max(per_cell, 1e-6))))
            key = (id(labels), len(labels), every)
            if self._ticks_key.get(axis) != key:  # laying out tick text is the slow part: only on change
                self._ticks_key[axis] = key
                ticks = [(i + 0.5, label) for i, label in enumerate(labels) if i % every == 0]
                self.view.getPlotItem().getAxis(axis).setTicks([ticks, []])

    def _label_room(self, labels: list[str], most: int, across: bool) -> int:
        """Pixels one label needs, from the axis font: short labels (single characters) all fit where
        long ones would collide — label every cell that has room."""
        metrics = QFontMetrics(self.view.getPlotItem().getAxis("bottom").style.get("tickFont") or self.font())
        if not across:
            return min(most, metrics.height())
        widest = max((metrics.horizontalAdvance(label) for label in labels[:512]), default=0)
        return min(most, widest + 4)

    def describe(self, row: int, col: int) -> str:
        r = self.row_labels[row] if row < len(self.row_labels) else str(row)
        c = self.col_labels[col] if col < len(self.col_labels) else str(col)
        return translate("matrix_plot", "row ‘{row}’ · column ‘{column}’: {name} {value}").format(
            row=r, column=c, name=self.value_name, value=significant(self.values[row, col]))

    def clear(self) -> None:
        """Nothing to show (an empty image crashes pyqtgraph's painting: it is cleared instead)."""
        self.values, self.row_labels, self.col_labels = np.zeros((0, 0)), [], []
        self.image.clear()

    def cell_at(self, scene_pos) -> tuple[int, int] | None:
        point = self.view.getPlotItem().vb.mapSceneToView(scene_pos)
        row, col = int(np.floor(point.y())), int(np.floor(point.x()))
        return (row, col) if 0 <= row < self.values.shape[0] and 0 <= col < self.values.shape[1] else None

    def _on_click(self, event) -> None:
        if not self.values.size or (cell := self.cell_at(event.scenePos())) is None:
            return
        (self.cell_double_clicked if event.double() else self.cell_clicked).emit(*cell)

    def _on_mouse(self, pos) -> None:
        if not self.values.size:
            return
        point = self.view.getPlotItem().vb.mapSceneToView(pos)
        row, col = int(np.floor(point.y())), int(np.floor(point.x()))
        if 0 <= row < self.values.shape[0] and 0 <= col < self.values.shape[1]:
            self.hover_label.setText(self.describe(row, col))


class CellLabels(pg.GraphicsObject):
    """Text in every cell of a grid, painted in one pass at screen size (hundreds of TextItems would
    each lay themselves out and repaint separately: ten times slower on a 5 × 64 logit lens)."""

    def __init__(self):
        super().__init__()
        self.cells: list[tuple[float, float, str, bool]] = []  # column, row, text, dark text?
        self.rows = self.cols = 0

    def set_cells(self, texts: list[list[str]], dark: np.ndarray) -> None:
        self.prepareGeometryChange()
        self.rows, self.cols = len(texts), len(texts[0]) if texts else 0
        self.cells = [(c, r, texts[r][c], bool(dark[r, c])) for r in range(self.rows) for c in range(self.cols)]
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, max(self.cols, 1), max(self.rows, 1))

    def paint(self, painter, *_):
        transform = painter.transform()
        cell_w = abs(transform.m11())
        if not self.cells or cell_w < 6:  # too small to read: the hover read-out still tells
            return
        painter.save()
        painter.resetTransform()
        painter.setFont(mono_font(8))  # at the current zoom
        dark, light = QColor("#101418"), QColor("#ffffff")
        cell_h = abs(transform.m22())
        for c, r, text, is_dark in self.cells:
            centre = transform.map(pg.Point(c + 0.5, r + 0.5))
            painter.setPen(dark if is_dark else light)
            painter.drawText(QRectF(centre.x() - cell_w / 2, centre.y() - cell_h / 2, cell_w, cell_h),
                             Qt.AlignCenter, text)
        painter.restore()
