"""Why this token? For a candidate next token of the prompt: how much each head and feed-forward layer
pushed its logit (a layers × (heads + FFN) map, signed: up and down), and through a chosen head, which
earlier tokens mattered. The numbers are the engine's (`core.attribution`); this only draws them."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from ...core.analysis.attribution import AttributionError, attribute, source_contributions
from ...core.session.session import Session
from ...core.words import number, translate
from ..plots.matrix_plot import MatrixPlot
from ..session_signals import SessionSignals
from ..widgets import glyphs
from ..widgets.look import look
from ..widgets.shown_view import RefreshedWhenShown
from ..widgets.theme import ACCENT

CANDIDATES = 10


def signed(value: float) -> str:
    """+0,25 / −0,17: a push with its direction, in the user's number format."""
    return ("+" if value >= 0 else "−") + number(abs(value), 2)


class WhyPanel(RefreshedWhenShown):
    head_requested = Signal(int, int)  # layer, head (from 0): open its attention map
    layer_requested = Signal(int)      # layer (from 0): open its feed-forward layer in the Explain tab

    def __init__(self, session: Session, signals: SessionSignals, parent=None):
        super().__init__(parent)
        self.session = session
        self.attribution = None
        self.inspection = None
        self.chosen_head: tuple[int, int] | None = None
        self.caption = QLabel(translate("why_panel", "Train a model (or open one) to see why it predicts a token."))
        self.caption.setObjectName("why_caption")
        self.caption.setWordWrap(True)
        self.candidate = QComboBox()
        self.candidate.setObjectName("why_candidate")
        self.candidate.setAccessibleName(translate("why_panel", "The next token to explain"))
        self.setFocusProxy(self.candidate)  # Ctrl+<n> puts the keyboard here
        self.candidate.setToolTip(translate("why_panel", "The next token to explain: the model's likeliest ones for "
                                                         "the prompt (the Prompt tab's bars)."))
        self.candidate.currentIndexChanged.connect(lambda _: self._explain())
        self.candidate.activated.connect(lambda _: setattr(self, "picked", self.candidate.currentData()))
        self.picked: int | None = None  # a candidate the user chose: kept while the prompt changes
        self.grid = MatrixPlot(translate("why_panel", "push on the logit"),
                               colorbar_label=translate("why_panel", "push on the logit"))
        self.grid.setObjectName("why_grid")
        self.grid.setMinimumHeight(150)
        self.grid.cell_clicked.connect(self._choose_cell)
        self.grid.cell_double_clicked.connect(self._open_cell)
        self.sources = pg.PlotWidget()
        self.sources.setObjectName("why_sources")
        self.sources.setMinimumHeight(120)
        item = self.sources.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        look.tick_font(item.getAxis("bottom"), 9)
        item.getAxis("bottom").enableAutoSIPrefix(False)
        item.getAxis("left").enableAutoSIPrefix(False)
        self.source_bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush=ACCENT)
        self.sources.addItem(self.source_bars)
        self.sources_title = QLabel()
        self.sources_title.setObjectName("why_sources_title")
        self.sources_title.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("why_summary")
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("why_panel", "Why does the model predict")))
        top.addWidget(self.candidate, 1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.sources_title)
        lower_layout.addWidget(self.sources, 1)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.grid)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        signals.weights_changed.connect(self.refresh_when_shown)
        signals.model_changed.connect(self.refresh_when_shown)
        signals.prompt_changed.connect(lambda _: self.refresh_when_shown())

    # ---------------------------------------------------------------- what the session says
    def refresh(self) -> None:
        self._stale = False
        shared = self.session.prompt_inspection()
        self.inspection = shared.inspection if shared is not None else None
        tokenizer = self.session.tokenizer
        self.candidate.blockSignals(True)
        self.candidate.clear()
        if self.inspection is not None:
            listed = [int(t) for t in np.argsort(-self.inspection.probs)[:CANDIDATES]]
            if self.picked is not None and self.picked not in listed and 0 <= self.picked < len(self.inspection.probs):
                listed.append(self.picked)  # a less likely bar the user asked about
            for token in listed:
                text = glyphs.label(tokenizer.token_text(int(token)))
                self.candidate.addItem(f"‘{text}’  {number(100 * self.inspection.probs[token], 1)} %", int(token))
            found = self.candidate.findData(self.picked)
            self.candidate.setCurrentIndex(found if found >= 0 else 0)
        self.candidate.blockSignals(False)
        self._explain()

    def tour_anchor(self) -> list[tuple[QWidget, QRect]]:
        """What the tour points at here: the map of every part's push."""
        return [(self.grid, self.grid.rect())]

    def choose_token(self, token_id: int) -> None:
        """Explain this candidate (a bar of the Prompt tab, say), and keep it while the prompt changes."""
        self.picked = token_id
        self.refresh()

    def _explain(self) -> None:
        model, inspection = self.session.inspection_model, self.inspection
        if model is None or inspection is None or self.candidate.currentData() is None:
            self.attribution = None
            self.caption.show()
            self.summary.setText("")
            self.grid.clear()
            self.source_bars.setOpts(x=[], height=[])
            return
        self.caption.hide()
        try:
            with self.session.ablation_applied():
                self.attribution = attribute(model, inspection, int(self.candidate.currentData()))
        except AttributionError as e:
            self.attribution = None
            self.summary.setText(str(e))
            return
        a = self.attribution
        L, H = a.heads.shape
        rows = [translate("why_panel", "layer {n}").format(n=i + 1) for i in range(L)]
        cols = [translate("why_panel", "head {n}").format(n=h + 1) for h in range(H)] + [translate("why_panel", "FFN")]
        self.grid.show_matrix(a.grid, rows, cols, signed=True)
        tops = " · ".join(f"{name} {signed(value)}" for name, value in a.top(4))
        self.summary.setText(translate("why_panel", "Cells above 0 on the colour bar pushed this token's logit up, those "
                                                    "below 0 pushed it down. Biggest "
                                                    "pushes: {tops}. With the embedding ({embedding}) and the "
                                                    "biases ({rest}) they add up to its logit, {logit}. Click a "
                                                    "head for the earlier tokens it drew on; double-click for its "
                                                    "attention map.").format(
            tops=tops, embedding=signed(a.token_embedding + a.position_embedding), rest=signed(a.rest),
            logit=number(a.logit, 2)))
        up, _ = a.strongest_heads()
        self._show_sources(*(self.chosen_head if self.chosen_head and self.chosen_head[0] < L
                             and self.chosen_head[1] < H else up))

    def _choose_cell(self, row: int, col: int) -> None:
        if self.attribution is not None and col < self.attribution.heads.shape[1]:
            self.chosen_head = (row, col)
            self._show_sources(row, col)

    def _open_cell(self, row: int, col: int) -> None:
        if self.attribution is None:
            return
        if col < self.attribution.heads.shape[1]:
            self.head_requested.emit(row, col)
        else:
            self.layer_requested.emit(row)

    def _show_sources(self, layer: int, head: int) -> None:
        with self.session.ablation_applied():
            values = source_contributions(self.session.inspection_model, self.inspection, self.attribution, layer, head)
        self.source_values = values
        tokens = [glyphs.label(self.session.tokenizer.token_text(i)) for i in self.inspection.token_ids]
        self.source_bars.setOpts(x=np.arange(len(values)), height=values,
                                 brushes=[pg.mkBrush("#c0392b" if v >= 0 else "#2c6fbb") for v in values])
        self.sources.getPlotItem().getAxis("bottom").setTicks([[(i, t) for i, t in enumerate(tokens)], []])
        self.sources.getPlotItem().setXRange(-0.6, len(values) - 0.4, padding=0)
        self.sources_title.setText(translate("why_panel", "Through layer {layer} head {head} (its push: {push}): "
                                                          "how much each earlier token of the prompt, by attention "
                                                          "weight × its value, pushed the token.").format(
            layer=layer + 1, head=head + 1, push=signed(self.attribution.heads[layer, head])))
