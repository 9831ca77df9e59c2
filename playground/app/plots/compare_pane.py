"""A second model beside the first, on the same prompt: its next-token bars and the attention map of the head
chosen in the Prompt tab (the learner's model and GPT-2, or two runs). The session inspects it; this draws."""
from __future__ import annotations

import torch
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.model.sampling import SamplingSettings, next_token_distribution
from ...core.session.session import Session
from ...core.words import translate
from .attention_view import AVERAGE, AttentionHeatmap, map_title
from .probability_view import ProbabilityBars


class ComparePane(QObject):
    """Two parts the Prompt tab places where each belongs: the bars beside its own bars, the map beside its
    own map (stacked in one column, a 1280×720 screen left the map a few pixels high)."""

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.inspection = None
        self.title = QLabel()
        self.title.setObjectName("compare_title")
        self.title.setWordWrap(True)
        self.close_button = QPushButton("✕")
        self.close_button.setToolTip(translate("compare_pane", "Stop comparing"))
        self.close_button.setAccessibleName(translate("compare_pane", "Stop comparing"))
        self.close_button.setFixedWidth(32)
        self.close_button.setObjectName("compare_close")
        self.close_button.clicked.connect(self.session.close_comparison)
        self.bars = ProbabilityBars()
        self.bars.setObjectName("compare_bars")
        self.bars.set_narrow(True)
        self.map = AttentionHeatmap()
        self.map.setObjectName("compare_map")
        self.map.setMinimumHeight(120)
        self.map.hover_label.setWordWrap(True)  # a narrow column: the read-out wraps rather than clips
        self.note = QLabel(" ")
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        self.bars_part = QGroupBox()
        self.bars_part.setObjectName("compare_bars_box")
        header = QHBoxLayout()  # one line for the name and the way out
        header.addWidget(self.title, 1)
        header.addWidget(self.close_button)
        bars_layout = QVBoxLayout(self.bars_part)
        bars_layout.addLayout(header)
        bars_layout.addWidget(self.bars, 1)
        self.map_part = QWidget()
        self.map_part.setObjectName("compare_map_part")
        map_layout = QVBoxLayout(self.map_part)
        map_layout.setContentsMargins(0, 0, 0, 0)
        map_layout.addWidget(self.map, 1)
        map_layout.addWidget(self.note)
        self.note.hide()
        self.hide()

    def isVisible(self) -> bool:
        return self.map_part.isVisible()

    def show(self) -> None:
        self.bars_part.show()
        self.map_part.show()

    def hide(self) -> None:
        self.bars_part.hide()
        self.map_part.hide()

    def refresh(self, settings: SamplingSettings, layer: int, head: int) -> None:
        """Redraw for the current prompt, sampling settings and chosen head (hidden without a comparison)."""
        if self.session.comparison is None:
            self.inspection = None
            self.hide()
            return
        self.show()
        name = self.session.comparison_name
        self.inspection = result = self.session.comparison_inspection()
        if result is None:
            self.title.setText(translate("compare_pane", "“{name}” knows no token of this prompt.").format(name=name))
            self.map.clear()
            return
        tokenizer = self.session.comparison.tokenizer
        self.title.setText(translate("compare_pane", "Beside it: “{name}”, {n} tokens of this prompt").format(
            name=name, n=result.n_tokens))
        dist = next_token_distribution(torch.from_numpy(result.logits), settings)
        self.bars.show_distribution(dist.probs.numpy(), dist.kept.numpy().copy(),
                                    [tokenizer.token_text(i) for i in range(len(result.logits))])
        layers, heads = result.attention.shape[:2]
        shown_layer, shown_head = min(layer, layers - 1), head if head == AVERAGE else min(head, heads - 1)
        weights = result.attention[shown_layer].mean(axis=0) if shown_head == AVERAGE else \
            result.attention[shown_layer, shown_head]
        self.map.show_map(weights, [tokenizer.token_text(i) for i in result.token_ids],
                          map_title(shown_layer, shown_head))
        nearest = (shown_layer, shown_head) != (layer, head)
        self.note.setText(translate("compare_pane", "It has {layers} layers × {heads} heads: the nearest head is "
                                                    "shown.").format(layers=layers, heads=heads) if nearest else "")
        self.note.setVisible(nearest)
