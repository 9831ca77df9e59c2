"""A second model beside the first, on the same prompt: its next-token bars and the attention map of the head
chosen in the Prompt tab (the learner's model and GPT-2, or two runs). The session inspects it; this draws."""
from __future__ import annotations

import torch
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ..core.sampling import SamplingSettings, next_token_distribution
from ..core.session import Session
from ..core.words import translate
from .attention_view import AVERAGE, AttentionHeatmap, map_title
from .probability_view import ProbabilityBars


class ComparePane(QWidget):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.setObjectName("compare_pane")
        self.session = session
        self.inspection = None
        self.title = QLabel()
        self.title.setObjectName("compare_title")
        self.title.setWordWrap(True)
        self.close_button = QPushButton(translate("compare_pane", "Stop comparing"))
        self.close_button.setObjectName("compare_close")
        self.close_button.clicked.connect(self.session.close_comparison)
        self.bars = ProbabilityBars()
        self.bars.setObjectName("compare_bars")
        self.map = AttentionHeatmap()
        self.map.setObjectName("compare_map")
        self.map.setMinimumHeight(120)
        self.map.hover_label.setWordWrap(True)  # a narrow column: the read-out wraps rather than clips
        self.note = QLabel(" ")
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.bars, 2)
        layout.addWidget(self.map, 3)
        layout.addWidget(self.note)
        layout.addWidget(self.close_button)
        self.hide()

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
        self.note.setText(" " if (shown_layer, shown_head) == (layer, head) else translate(
            "compare_pane", "It has {layers} layers × {heads} heads: the nearest head is shown.").format(
            layers=layers, heads=heads))
