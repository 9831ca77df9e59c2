"""The Explain tab: every piece of the Transformer, live, on the user's own model and prompt.

Architecture: the diagram (drawn from the sliders' config) beside the tensor of the piece clicked.
What it learned: the logit lens, the token embedding map (PCA) and the position similarity matrix.
Only the visible view is redrawn; the others catch up when shown.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRect, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.analysis.explain import (
    PIECES,
    EmbeddingMap,
    embedding_pca,
    logit_lens_grid,
    position_similarity,
    tensor_view,
    token_group,
)
from ...core.model.config import GPTConfig
from ...core.model.sampling import TEMPERATURES
from ...core.session.session import Session
from ...core.words import QT_TRANSLATE_NOOP, integer, number, translate
from ..plots.architecture_diagram import ArchitectureDiagram
from ..plots.matrix_plot import CellLabels, MatrixPlot
from ..session_signals import SessionSignals
from ..widgets import glyphs
from ..widgets.look import look
from ..widgets.prompt_editor import bind_prompt_editor
from ..widgets.theme import ACCENT
from ..widgets.value_slider import ValueSlider

GROUPS = ("lower vowel", "upper vowel", "lower consonant", "upper consonant", "digit", "punctuation", "whitespace",
          "other")  # each its colour and its marker on the embedding map
MAX_MAP_LABELS = 160


class BarsPlot(pg.PlotWidget):
    """Top-k values as horizontal bars with their tokens (logits, probabilities)."""
    hovered = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.values, self.labels, self.value_name = np.zeros(0), [], ""
        self.scene().sigMouseMoved.connect(self._on_mouse)
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.invertY(True)
        look.tick_font(item.getAxis("left"), 9)
        item.getAxis("bottom").enableAutoSIPrefix(False)  # never "(x0.001)": the unit is in the title
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.7, width=[], brush=ACCENT)
        self.addItem(self.bars)

    def show_bars(self, values: np.ndarray, labels: list[str], axis_title: str, percent: bool = False) -> None:
        """`percent`: the values are probabilities, shown in % as everywhere else in the app."""
        values = np.asarray(values, dtype=np.float64) * (100.0 if percent else 1.0)
        n = len(values)
        self.values, self.labels, self.value_name = values, labels, axis_title
        lo = min(0.0, float(values.min())) if n else 0.0
        self.bars.setOpts(x0=np.full(n, lo), y=np.arange(n), width=values - lo, brush=ACCENT)
        self.getPlotItem().getAxis("left").setTicks([[(i, t) for i, t in enumerate(labels)], []])
        self.getPlotItem().setLabel("bottom", axis_title)
        self.setYRange(-0.6, n - 0.4, padding=0)
        self.setXRange(lo, float(values.max()) if n else 1.0, padding=0.04)

    def _on_mouse(self, pos) -> None:
        row = int(round(self.getPlotItem().vb.mapSceneToView(pos).y()))
        if 0 <= row < len(self.values):
            self.hovered.emit(f"#{row + 1} ‘{self.labels[row]}’: {self.value_name} {number(self.values[row], 3)}")


class TensorPane(QWidget):
    """Title, shape, explanation and the tensor itself, with layer/head pickers where they apply."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("tensor_title")
        self.title.setStyleSheet("color: #1a365d;")
        look.size(self.title, 13, bold=True)
        self.title.setWordWrap(True)  # "… · layer 2 · head 3" is long in Portuguese: wrap, never widen the window
        self.shape = QLabel()
        self.shape.setObjectName("tensor_shape")
        look.size(self.shape, 10, mono=True)
        self.explanation = QLabel()
        self.explanation.setObjectName("tensor_explanation")
        self.explanation.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        self.layer = QComboBox()
        self.layer.setObjectName("explain_layer")
        self.layer.setAccessibleName(translate("explain_panel", "Layer"))
        self.head = QComboBox()
        self.head.setObjectName("explain_head")
        self.head.setAccessibleName(translate("explain_panel", "Head"))
        for combo in (self.layer, self.head):  # filled later: sized to what they hold then, not when empty
            combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.temperature = ValueSlider(translate("explain_panel", "Temperature"), TEMPERATURES, 1.0,
                                       fmt=lambda v: number(v, 1))
        self.temperature.setObjectName("explain_temperature")
        self.matrix = MatrixPlot()
        self.bars = BarsPlot()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.matrix)
        self.stack.addWidget(self.bars)
        self.message = QLabel()
        self.message.setObjectName("muted")
        self.message.setAlignment(Qt.AlignCenter)
        self.message.setWordWrap(True)
        self.stack.addWidget(self.message)
        self.bars_hover = QLabel(" ")
        look.size(self.bars_hover, 9, mono=True)
        self.bars.hovered.connect(self.bars_hover.setText)
        pickers = QHBoxLayout()
        self.layer_label, self.head_label = QLabel(translate("explain_panel", "Layer")), QLabel(translate("explain_panel", "Head"))
        for w in (self.layer_label, self.layer, self.head_label, self.head):
            pickers.addWidget(w)
        pickers.addWidget(self.temperature, 1)
        pickers.addStretch(1)
        head_row = QHBoxLayout()
        head_row.addWidget(self.title)
        head_row.addStretch(1)
        head_row.addWidget(self.shape)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addLayout(head_row)
        layout.addWidget(self.explanation)
        layout.addLayout(pickers)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.bars_hover)

    def set_ranges(self, n_layer: int, n_head: int) -> None:
        for combo, n, prefix in ((self.layer, n_layer, translate("explain_panel", "layer {n}")),
                                 (self.head, n_head, translate("explain_panel", "head {n}"))):
            if combo.count() != n:
                keep = combo.currentIndex()
                with QSignalBlocker(combo):
                    combo.clear()
                    combo.addItems([prefix.format(n=i + 1) for i in range(n)])
                    combo.setCurrentIndex(min(max(keep, 0), n - 1))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def show_piece(self, piece, with_temperature: bool) -> None:
        """A piece's title, explanation and the pickers it needs, before (or without) its numbers."""
        for widget in (self.layer, self.layer_label):
            widget.setVisible(piece.per_layer)
        for widget in (self.head, self.head_label):
            widget.setVisible(piece.per_head)
        self.temperature.setVisible(with_temperature)
        self.title.setText(piece.title)
        self.explanation.setText(piece.explanation)

    def show_empty(self, text: str) -> None:
        self.shape.setText("")
        self.note.setText("")
        self.show_message(text)

    def show_view(self, view, value_name: str, axis_titles: tuple, levels=None, bar_axis: str = "",
                  percent: bool = False) -> None:
        """Draw one TensorView: bars for a vector, a labelled heatmap for a matrix."""
        self.title.setText(view.title)
        self.shape.setText(view.shape)
        self.note.setText(view.note)
        if view.kind == "bars":
            self.bars.show_bars(view.values, view.row_labels, bar_axis, percent)
            self.stack.setCurrentWidget(self.bars)
            self.bars_hover.setText(translate("explain_panel", "Point at a bar for its exact value."))
            self.bars_hover.show()
        else:
            self.matrix.value_name = value_name
            self.matrix.show_matrix(view.values, view.row_labels, view.col_labels, view.signed, levels, *axis_titles)
            self.stack.setCurrentWidget(self.matrix)
            self.bars_hover.hide()


TIED_LENS_NOTE = QT_TRANSLATE_NOOP("explain_panel", "Why the first row predicts the token it reads: with tied embeddings the output layer is the "
                  "embedding table itself, and before any block has written into it, a token's vector scores "
                  "highest against its own row. The blocks are what move the prediction to the next token.")


class ExplainPanel(QWidget):
    rendered = Signal(str)  # the view just drawn ("architecture", "lens", "embeddings", "positions")

    def __init__(self, session: Session, signals: SessionSignals, parent=None):
        super().__init__(parent)
        self.session = session
        self.config: GPTConfig | None = None
        self.piece = "weights"
        self.inspection = None
        self.current_view = None            # the TensorView shown (tests read its numbers)
        self.lens = None
        self.embedding_map: EmbeddingMap | None = None
        self.similarity = None
        self._dirty = True
        self._drawn_for: dict[str, tuple] = {}  # view → (weights version, text) it was last drawn from

        self.prompt = QPlainTextEdit()
        self.prompt.setObjectName("explain_prompt")
        self.prompt.setAccessibleName(translate("explain_panel", "Prompt"))
        self.setFocusProxy(self.prompt)  # Ctrl+<n> puts the keyboard here
        look.size(self.prompt, 11, mono=True)
        self.prompt.setMaximumHeight(48)
        self.prompt.setPlaceholderText(translate("explain_panel", "The prompt the views follow (the same as in the Prompt tab)"))
        self.status = QLabel()
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)

        self.diagram = ArchitectureDiagram()
        self.diagram_scroll = diagram_scroll = QScrollArea()
        diagram_scroll.setWidget(self.diagram)
        diagram_scroll.setWidgetResizable(True)
        diagram_scroll.setMinimumWidth(300)
        diagram_scroll.setFrameShape(QScrollArea.NoFrame)
        self.pane = TensorPane()
        architecture_tab = QSplitter(Qt.Horizontal)
        architecture_tab.addWidget(diagram_scroll)
        architecture_tab.addWidget(self.pane)
        architecture_tab.setSizes([340, 640])

        self.lens_plot = MatrixPlot(translate("explain_panel", "probability of the predicted token"))
        self.lens_labels = CellLabels()
        self.lens_plot.view.addItem(self.lens_labels)
        self.lens_note = QLabel()
        self.lens_note.setObjectName("muted")
        self.lens_note.setWordWrap(True)
        # a second model opened with "Compare with…" (Prompt tab): its lens below, in its own tokens
        self.compare_lens_title = QLabel()
        self.compare_lens_title.setObjectName("compare_lens_title")
        self.compare_lens_plot = MatrixPlot(translate("explain_panel", "probability of the predicted token"))
        self.compare_lens_labels = CellLabels()
        self.compare_lens_plot.view.addItem(self.compare_lens_labels)
        self.compare_lens = None
        self.lens_title = QLabel()
        self.lens_title.setObjectName("lens_title")
        self.lenses = lenses = QSplitter(Qt.Vertical)
        for title, plot in ((self.lens_title, self.lens_plot), (self.compare_lens_title, self.compare_lens_plot)):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(title)
            box_layout.addWidget(plot, 1)
            lenses.addWidget(box)
        self.compare_lens_box = lenses.widget(1)
        self.compare_lens_box.hide()
        self.lens_title.hide()
        lens_tab = self._described(lenses, translate("explain_panel", "Logit lens: what the model would predict at each position "
                                   "(column) if it stopped after each layer (row) — the final norm and unembedding "
                                   "applied early. Colour is the probability of the token written in the cell; the last "
                                   "row is the model's real prediction."))
        lens_tab.layout().addWidget(self.lens_note)
        self.map_plot = pg.PlotWidget()
        self.map_plot.setObjectName("embedding_map")
        self.map_scatter = pg.ScatterPlotItem(size=9, pen=pg.mkPen("w", width=0.5), hoverable=True,
                                              hoverSize=13, tip=self._map_tip)
        self.map_plot.addItem(self.map_scatter)
        legend = self.map_plot.getPlotItem().addLegend(offset=(-10, -10), brush=pg.mkBrush(255, 255, 255, 215),
                                                       pen=pg.mkPen("#d9dee7"))
        legend.setZValue(10)
        for axis in ("bottom", "left"):
            self.map_plot.getPlotItem().getAxis(axis).enableAutoSIPrefix(False)
        self.map_labels: list[pg.TextItem] = []
        map_tab = self._described(self.map_plot, translate("explain_panel", "Token embeddings projected onto their two main directions "
                                  "(PCA). Tokens the model treats alike sit close together: during training, vowels, "
                                  "digits, punctuation and capitals drift into groups."))
        self.positions_plot = MatrixPlot(translate("explain_panel", "cosine similarity"))
        positions_tab = self._described(self.positions_plot, translate("explain_panel", "Cosine similarity between the position "
                                        "vectors: row i, column j compares position i with position j. Learned "
                                        "positions usually grow a bright band near the diagonal (nearby positions "
                                        "look alike); sinusoidal ones show the paper's smooth stripes."))
        self.views = QTabWidget()
        self.views.setObjectName("explain_views")
        self.views.addTab(architecture_tab, translate("explain_panel", "Architecture"))
        self.views.addTab(lens_tab, translate("explain_panel", "Logit lens"))
        self.views.addTab(map_tab, translate("explain_panel", "Embedding map"))
        self.views.addTab(positions_tab, translate("explain_panel", "Positions"))
        self._renderers = {architecture_tab: self._render_architecture, lens_tab: self._render_lens,
                           map_tab: self._render_embeddings, positions_tab: self._render_positions}

        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(translate("explain_panel", "Prompt")))
        row.addWidget(self.prompt, 1)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.views, 1)

        self.diagram.piece_selected.connect(self.select_piece)
        self.pane.layer.currentIndexChanged.connect(lambda _: self._render_architecture())
        self.pane.head.currentIndexChanged.connect(lambda _: self._render_architecture())
        self.pane.temperature.valueChanged.connect(lambda _: self._render_architecture())
        self.views.currentChanged.connect(lambda _: self.render())
        bind_prompt_editor(self.prompt, session, signals)
        for signal in (signals.prompt_changed, signals.weights_changed, signals.model_changed,
                       signals.corpus_changed):
            signal.connect(self._inputs_changed)
        look.changed.connect(self._look_changed)

    def _look_changed(self) -> None:
        """Another palette or zoom: every view is drawn again, the weights' own ones too."""
        self._drawn_for.clear()
        self._inputs_changed()

    def _map_tip(self, x: float, y: float, data) -> str:
        tokenizer = self.session.tokenizer
        if tokenizer is None or data is None or int(data) >= tokenizer.vocab_size:
            return ""
        text = glyphs.label(tokenizer.token_text(int(data)))
        return translate("explain_panel", "‘{text}’ (token #{id}, {group})").format(
            text=text, id=int(data), group=translate("explain", token_group(tokenizer.token_text(int(data))))) + \
            f"\nPC1 {number(x, 3)}, PC2 {number(y, 3)}"

    @staticmethod
    def _described(widget: QWidget, text: str) -> QWidget:
        box = QWidget()
        label = QLabel(text)
        label.setWordWrap(True)
        label.setObjectName("muted")
        layout = QVBoxLayout(box)
        layout.addWidget(label)
        layout.addWidget(widget, 1)
        return box

    # ---------------------------------------------------------------- inputs
    def set_config(self, config: GPTConfig) -> None:
        """The sliders changed: redraw the diagram for the model they describe."""
        self.config = config
        self.diagram.set_config(config)
        self._update_status()

    def _inputs_changed(self, *_) -> None:
        """The prompt, the weights or the model changed: redraw now if shown, else when shown."""
        self._dirty = True
        if self.isVisible():
            self.render()

    def reveal_piece(self, key: str) -> None:
        """Scroll the diagram so that a piece is in sight (a short screen shows only part of it)."""
        rect = self.diagram.rect_of(key)
        self.diagram_scroll.ensureVisible(int(rect.center().x()), int(rect.center().y()),
                                          int(rect.width() / 2) + 10, int(rect.height() / 2) + 20)

    def tour_anchor(self, key: str) -> list[tuple[QWidget, QRect]]:
        """The diagram's piece `key`, scrolled into sight and cut to the part of it that is visible."""
        self.reveal_piece(key)
        viewport = self.diagram_scroll.viewport()
        piece = self.diagram.rect_of(key).toAlignedRect()
        visible = QRect(self.diagram.mapFrom(viewport, viewport.rect().topLeft()), viewport.rect().size())
        return [(self.diagram, piece.intersected(visible))]

    def show_piece(self, key: str, layer: int | None = None) -> None:
        """The architecture view, with the piece `key` (of `layer`, from 0) selected and explained."""
        self.views.setCurrentIndex(0)
        if layer is not None and 0 <= layer < self.pane.layer.count():
            self.pane.layer.setCurrentIndex(layer)
        self.select_piece(key)

    def select_piece(self, key: str) -> None:
        self.piece = key
        self.diagram.select(key)
        self._render_architecture()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self.render()

    # ---------------------------------------------------------------- drawing
    def render(self) -> None:
        self._dirty = False
        shared = self.session.prompt_inspection()  # computed once per prompt and weights, for every view
        self.inspection = shared.inspection if shared is not None else None
        self._update_status()
        self._renderers[self.views.currentWidget()]()

    def _model(self):
        model = self.session.inspection_model
        return (model, self.session.tokenizer) if model is not None else (None, None)

    def _update_status(self) -> None:
        model, _ = self._model()
        if model is None:
            self.status.setText(translate("explain_panel", "No model yet: the diagram shows the model the sliders describe. Press ▶ Train and "
                                "every piece fills with live numbers."))
        elif self.config is not None and _shape(self.config) != _shape(model.config):
            self.status.setText(translate("explain_panel", "The diagram shows the sliders' model; the numbers come from the "
                                          "trained one ({model}).").format(model=model.config.describe()))
        else:
            self.status.setText(translate("explain_panel", "Live tensors of your model at step {step}. Click any box or chip in "
                                          "the diagram.").format(step=integer(self.session.inspection_step)))

    def _render_architecture(self) -> None:
        model, tokenizer = self._model()
        pane = self.pane
        piece = PIECES[self.piece]
        pane.show_piece(piece, with_temperature=self.piece == "probs")
        self.current_view = None
        if model is None or self.inspection is None:
            pane.show_empty(translate("explain_panel", "Train a model (▶ Train) and type a prompt: this piece's tensor appears here."))
            self.rendered.emit("architecture")
            return
        pane.set_ranges(model.config.n_layer, model.config.n_head)
        try:
            view = tensor_view(model, self.inspection, tokenizer, self.piece, pane.layer.currentIndex(),
                               pane.head.currentIndex(), pane.temperature.value())
        except (KeyError, IndexError):
            pane.show_message(translate("explain_panel", "The trained model has no such piece (it was built with other options). "
                              "Train a new model to see it."))
            self.rendered.emit("architecture")
            return
        self.current_view = view
        pane.show_view(view, piece.title.split(" ")[0].lower(), _axis_titles(self.piece),
                       levels=(0.0, 1.0) if self.piece in ("weights", "mask") else None,
                       bar_axis=translate("explain_panel", "probability (%)") if self.piece == "probs" else
                       translate("explain_panel", "logit (score before softmax)"), percent=self.piece == "probs")
        self.rendered.emit("architecture")

    def _render_lens(self) -> None:
        model, tokenizer = self._model()
        if model is None or self.inspection is None:
            self.lens = None
            self.rendered.emit("lens")
            return
        self.lens = self._draw_lens(self.lens_plot, self.lens_labels, model, tokenizer, self.inspection)
        self.lens_note.setText(translate("explain_panel", TIED_LENS_NOTE) if model.config.tie_embeddings else "")
        other, seen = self.session.comparison, self.session.comparison_inspection()
        comparing = other is not None and seen is not None
        self.compare_lens = self._draw_lens(self.compare_lens_plot, self.compare_lens_labels, other.model,
                                            other.tokenizer, seen) if comparing else None
        self.lens_title.setText(translate("explain_panel", "Your model") if comparing else "")
        self.compare_lens_title.setText(translate("explain_panel", "{name}, on the same prompt in its own tokens").format(
            name=self.session.comparison_name) if comparing else "")
        self.lens_title.setVisible(comparing)
        if comparing and not self.compare_lens_box.isVisible():  # room by rows: a 12-layer GPT-2 needs the more
            rows = (model.config.n_layer + 6, other.model.config.n_layer + 6)  # + the axes' room
            self.lenses.setSizes([int(1000 * r / sum(rows)) for r in rows])
        self.compare_lens_box.setVisible(comparing)
        self.rendered.emit("lens")

    def _draw_lens(self, plot: MatrixPlot, labels: CellLabels, model, tokenizer, inspection):
        grid = logit_lens_grid(model, inspection)
        tokens = [glyphs.label(tokenizer.token_text(i)) for i in inspection.token_ids]
        plot.show_matrix(grid.top_probs, grid.row_labels, tokens, signed=False, levels=(0.0, 1.0),
                         row_title=translate("explain_panel", "stopped after"),
                         col_title=translate("explain_panel", "prompt position (predicting the next token)"))
        texts = [[glyphs.label(tokenizer.token_text(int(i))) for i in row] for row in grid.top_ids]
        plot.describe = lambda r, c: translate("explain_panel", "{row}, after ‘{token}’: predicts ‘{guess}’ with "
                                                                "{percent}%").format(
            row=grid.row_labels[r], token=tokens[c], guess=texts[r][c], percent=number(100 * grid.top_probs[r, c], 0))
        labels.set_cells(texts, grid.top_probs > 0.6)
        return grid

    def _weights_unchanged(self, view: str, data=None) -> bool:
        """The embedding map and position similarity depend on the weights, not the prompt: a keystroke
        need not recompute them. (`data`, compared by identity: a view that also follows the loaded text.)"""
        drawn = self._drawn_for.get(view)
        if drawn is not None and drawn[0] == self.session.weights_version and drawn[1] is data:
            return True
        self._drawn_for[view] = (self.session.weights_version, data)
        return False

    def _render_embeddings(self) -> None:
        model, tokenizer = self._model()
        # the labels follow the loaded text's token frequencies, so a new text redraws the map too
        if model is None or self._weights_unchanged("embeddings", self.session.data):
            self.rendered.emit("embeddings")
            return
        self.embedding_map = emb = embedding_pca(model, self.embedding_map)
        texts = [tokenizer.token_text(i) for i in range(model.config.vocab_size)]  # the model's rows
        kinds = [GROUPS.index(token_group(t)) for t in texts]
        self.map_scatter.setData(pos=emb.points, brush=[pg.mkBrush(look.series(k)) for k in kinds],
                                 symbol=[look.symbol(k) for k in kinds], data=list(range(len(texts))))
        legend = self.map_plot.getPlotItem().legend
        legend.clear()  # drawn again: the palette may have changed
        for k in sorted(set(kinds)):
            legend.addItem(pg.ScatterPlotItem(size=9, brush=pg.mkBrush(look.series(k)), symbol=look.symbol(k), pen=None),
                           translate("explain", GROUPS[k]))
        # label every character; for big BPE vocabularies the most frequent tokens only
        if self.session.data is not None and self.session.data.tokenizer.vocab_size == tokenizer.vocab_size:
            order = [i for i, _ in self.session.data.stats.most_frequent(MAX_MAP_LABELS)]
        else:
            order = list(range(min(MAX_MAP_LABELS, len(texts))))
        while len(self.map_labels) < len(order):
            label = pg.TextItem(anchor=(0.5, 1.1))
            look.size(label, 9, mono=True)
            self.map_plot.addItem(label)
            self.map_labels.append(label)
        for k, label in enumerate(self.map_labels):
            if k >= len(order):
                label.hide()
                continue
            i = order[k]
            label.setText(glyphs.label(texts[i]), color="#1f2937")
            label.setPos(*emb.points[i])
            label.show()
        item = self.map_plot.getPlotItem()
        item.setLabel("bottom", translate("explain_panel", "PC 1 ({percent}% of the variance)").format(
            percent=number(100 * emb.explained[0], 0)))
        item.setLabel("left", f"PC 2 ({number(100 * emb.explained[1], 0)}%)")
        self.rendered.emit("embeddings")

    def _render_positions(self) -> None:
        model, _ = self._model()
        if model is None or self._weights_unchanged("positions"):
            self.rendered.emit("positions")
            return
        self.similarity = sim = position_similarity(model)
        labels = [str(i) for i in range(len(sim))]
        self.positions_plot.show_matrix(sim, labels, labels, signed=True, levels=(-1.0, 1.0),
                                        row_title=translate("explain_panel", "position"), col_title=translate("explain_panel", "position"))
        self.rendered.emit("positions")


def _shape(config: GPTConfig) -> tuple:
    return (config.n_layer, config.n_head, config.d_model, config.context_length, config.positional,
            config.activation, config.norm_placement, config.tie_embeddings)


def _axis_titles(key: str) -> tuple[str, str]:
    rows, columns = _AXES.get(key, ("prompt token", "dimension of d_model"))
    return translate("explain_panel", rows), translate("explain_panel", columns)


_AXES = {
    **dict.fromkeys(("scores", "mask", "weights"), (QT_TRANSLATE_NOOP("explain_panel", "query (position predicting)"),
                                                  QT_TRANSLATE_NOOP("explain_panel", "key (position attended to)"))),
    "pos_emb": (QT_TRANSLATE_NOOP("explain_panel", "position"), QT_TRANSLATE_NOOP("explain_panel", "dimension of d_model")),
    "residual_norms": (QT_TRANSLATE_NOOP("explain_panel", "stage"), QT_TRANSLATE_NOOP("explain_panel", "prompt token")),
    **dict.fromkeys(("q", "k", "v", "heads_out"), (QT_TRANSLATE_NOOP("explain_panel", "prompt token"),
                                                   QT_TRANSLATE_NOOP("explain_panel", "dimension of d_head"))),
    "ffn_hidden": (QT_TRANSLATE_NOOP("explain_panel", "prompt token"), QT_TRANSLATE_NOOP("explain_panel", "hidden unit")),
}
