"""Attention maps: one head large with token labels, a colour bar and hover read-out, and every
layer × head as small multiples (like BertViz's model view) — click one to enlarge it."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...core.data.tokenizer import show_whitespace
from ...core.words import number, translate
from ..widgets import glyphs
from ..widgets.look import look
from .matrix_plot import LABEL_PX, MatrixPlot

AVERAGE = -1
GRID_CELL_PX = 40  # below this a small map stops showing its diagonal: the grid scrolls instead
GRID_HEADER_PX = 22


def layer_name(layer: int) -> str:
    return translate("attention_view", "layer {n}").format(n=layer + 1)


def head_name(head: int) -> str:
    return translate("attention_view", "head {n}").format(n=head + 1)


def map_title(layer: int, head: int) -> str:
    return translate("attention_view", "layer {layer} · {head}").format(
        layer=layer + 1, head=translate("attention_view", "mean of heads") if head == AVERAGE else head_name(head))


class AttentionHeatmap(MatrixPlot):
    """One T×T map: rows are queries, columns keys; the empty upper triangle is the causal mask."""

    def __init__(self, parent=None):
        super().__init__(translate("attention_view", "attention weight"), parent, column_label_px=LABEL_PX,
                         colorbar_label=translate("attention_view", "attention weight"))
        self.view.setObjectName("attention_heatmap")
        self.hover_label.setObjectName("attention_hover")
        self.view.getPlotItem().setAspectLocked(True)
        self.tokens: list[str] = []
        self.offset = 0

    @property
    def weights(self) -> np.ndarray:
        return self.values

    def show_map(self, weights: np.ndarray, tokens: list[str], title: str, offset: int = 0) -> None:
        self.tokens, self.offset = tokens, offset
        labels = [glyphs.label(t) for t in tokens]
        # short axis titles: the box's title says rows are queries and columns keys, and on a 1280×720
        # projector the map may be barely 100 px tall
        self.show_matrix(weights, labels, labels, signed=False, levels=(0.0, 1.0),
                         row_title=translate("attention_view", "query"), col_title=translate("attention_view", "key (attended to)"))
        # which head this is goes on the read-out line, not a plot title: a title costs the map 20 px
        self.hover_label.setText(translate("attention_view", "{title} · hover a cell to read its weight").format(title=title))

    def describe(self, row: int, col: int) -> str:
        q, k = self.tokens[row], self.tokens[col]
        return translate("attention_view", "query ‘{query}’ (pos {q}) → key ‘{key}’ (pos {k}): {weight}").format(
            query=show_whitespace(q), q=row + self.offset, key=show_whitespace(k), k=col + self.offset,
            weight=number(self.values[row, col]))


class AttentionGrid(pg.GraphicsLayoutWidget):
    """All layers × heads at once; each cell is clickable."""
    cell_clicked = Signal(int, int)  # layer, head (AVERAGE for the per-layer mean column)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("attention_grid")
        self.cells: dict[tuple[int, int], pg.ImageItem] = {}
        self.shape = (0, 0)
        self.off: set[tuple[int, int]] = set()
        self._shown: tuple | None = None
        look.changed.connect(self._restyle)

    def _restyle(self) -> None:
        """Another palette or zoom: labels and maps drawn again."""
        self.shape = (0, 0)
        if self._shown is not None:
            self.show_all(*self._shown)

    def show_all(self, attention: np.ndarray, off: set[tuple[int, int]] = frozenset()) -> None:
        """attention: (layers, heads, T, T). Adds a per-layer 'mean' column. `off`: heads switched off,
        framed in red."""
        self._shown = (attention, off)
        layers, heads = attention.shape[:2]
        if self.shape != (layers, heads):
            self._build(layers, heads)
        self.off = set(off)
        for (layer, head), image in self.cells.items():
            switched_off = (layer, head) in self.off
            image.getViewBox().setBorder(pg.mkPen("#e03131", width=3, style=Qt.DashLine) if switched_off else None)
            image.getViewBox().setToolTip(self.cell_titles[(layer, head)] + (
                "\n" + translate("attention_view", "(switched off in the Heads tab)") if switched_off else ""))
        for (layer, head), image in self.cells.items():
            data = attention[layer].mean(axis=0) if head == AVERAGE else attention[layer, head]
            image.setImage(data, levels=(0.0, 1.0), autoLevels=False)

    def _build(self, layers: int, heads: int) -> None:
        self.clear()
        self.setMinimumHeight(GRID_HEADER_PX + layers * (GRID_CELL_PX + 3))
        self.cells = {}
        self.cell_titles: dict[tuple[int, int], str] = {}
        self.shape = (layers, heads)
        self.labels: list[str] = []  # what the row and column labels say (tests read them)
        columns = list(range(heads)) + [AVERAGE]
        for column, head in enumerate(columns):
            text = translate("attention_view", "mean") if head == AVERAGE else head_name(head)
            self.addLabel(text, row=0, col=column + 1, size=look.points(8), color="#4a5568")
            self.labels.append(text)
        for layer in range(layers):
            self.addLabel(layer_name(layer), row=layer + 1, col=0, angle=-90, size=look.points(8), color="#4a5568")
            self.labels.append(layer_name(layer))
            for column, head in enumerate(columns):
                title = map_title(layer, head)
                self.cell_titles[(layer, head)] = title
                view = self.addViewBox(row=layer + 1, col=column + 1, invertY=True, lockAspect=True,
                                       enableMouse=False)
                image = pg.ImageItem(axisOrder="row-major")
                image.setColorMap(look.unsigned_map())
                view.addItem(image)
                view.setMenuEnabled(False)
                image.mouseClickEvent = lambda ev, l=layer, h=head: self._clicked(ev, l, h)
                self.cells[(layer, head)] = image
                view.setToolTip(title)
        self.ci.layout.setSpacing(3)

    def _clicked(self, event, layer: int, head: int) -> None:
        if event.button() == Qt.LeftButton:
            event.accept()
            self.cell_clicked.emit(layer, head)


class AttentionView(QWidget):
    """Layer/head pickers above a large map, beside the grid of every head."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.layer_combo = QComboBox()
        self.layer_combo.setObjectName("layer_combo")
        self.layer_combo.setAccessibleName(translate("attention_view", "Layer"))
        self.head_combo = QComboBox()
        self.head_combo.setObjectName("head_combo")
        self.head_combo.setAccessibleName(translate("attention_view", "Head"))
        self.heatmap = AttentionHeatmap()
        self.grid = AttentionGrid()
        self.grid.setMinimumWidth(240)
        # many layers on a small screen: the grid keeps readable cells and scrolls
        self.grid_scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.NoFrame,
                                       horizontalScrollBarPolicy=Qt.ScrollBarAlwaysOff)
        self.grid_scroll.setWidget(self.grid)
        self.grid_caption = QLabel(translate("attention_view", "All layers (rows) × heads (columns) · click one to "
                                                               "enlarge"))
        self.grid_caption.setWordWrap(True)  # a longer language must not widen the window
        self.grid_caption.setObjectName("muted")
        self.pickers = pickers = QHBoxLayout()
        pickers.addWidget(QLabel(translate("attention_view", "Layer")))
        pickers.addWidget(self.layer_combo)
        pickers.addWidget(QLabel(translate("attention_view", "Head")))
        pickers.addWidget(self.head_combo)
        pickers.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(pickers)
        left.addWidget(self.heatmap, 1)
        right = QVBoxLayout()
        right.addWidget(self.grid_caption)
        right.addWidget(self.grid_scroll, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self.heatmap.setMinimumHeight(150)
        self.attention = np.zeros((0, 0, 0, 0))
        self.tokens: list[str] = []
        self.offset = 0
        self.layer_combo.currentIndexChanged.connect(self._redraw_heatmap)
        self.head_combo.currentIndexChanged.connect(self._redraw_heatmap)
        self.grid.cell_clicked.connect(self.select)

    def add_to_pickers(self, widget: QWidget) -> None:
        """A control that belongs on the pickers' line (it costs the maps no height)."""
        self.pickers.addWidget(widget)

    def set_shape(self, layers: int, heads: int) -> None:
        if self.layer_combo.count() == layers and self.head_combo.count() == heads + 1:
            return
        for combo, items in ((self.layer_combo, [f"{i + 1}" for i in range(layers)]),
                             (self.head_combo, [f"{i + 1}" for i in range(heads)] + [translate("attention_view", "mean of heads")])):
            with QSignalBlocker(combo):
                current = combo.currentIndex()
                combo.clear()
                combo.addItems(items)
                combo.setCurrentIndex(min(max(current, 0), len(items) - 1))

    def show_attention(self, attention: np.ndarray, tokens: list[str], offset: int = 0,
                       with_grid: bool = True, off: set[tuple[int, int]] = frozenset()) -> None:
        self.attention, self.tokens, self.offset = attention, tokens, offset
        self.set_shape(attention.shape[0], attention.shape[1])
        self._redraw_heatmap()
        if with_grid:
            self.grid.show_all(attention, off)

    def select(self, layer: int, head: int) -> None:
        self.layer_combo.setCurrentIndex(layer)
        self.head_combo.setCurrentIndex(self.head_combo.count() - 1 if head == AVERAGE else head)

    def selected(self) -> tuple[int, int]:
        head = self.head_combo.currentIndex()
        return self.layer_combo.currentIndex(), AVERAGE if head == self.head_combo.count() - 1 else head

    def current_map(self) -> np.ndarray:
        layer, head = self.selected()
        return self.attention[layer].mean(axis=0) if head == AVERAGE else self.attention[layer, head]

    def _redraw_heatmap(self, *_) -> None:
        if self.attention.size == 0 or self.layer_combo.currentIndex() < 0:
            return
        layer, head = self.selected()
        title = map_title(layer, head)
        self.heatmap.show_map(self.current_map(), self.tokens, title, self.offset)
