"""The window's side of the guided tour (the `TourHost` the tour walks): which tab each step lives on and
what the spotlight covers there, asked of the panels' own tour anchors."""
from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from ...core.teaching.tour import TourStep


class WindowTourHost:
    def __init__(self, window):
        self.window = window

    def tour_steps(self) -> list[TourStep]:
        w = self.window
        return w.session.tour_steps(w.settings_panel.model_config())

    def _panel(self, step: TourStep):
        w = self.window
        return {"tokens": w.tokens_panel, "loss": w.training_panel, "generate": w.prompt_panel,
                "why": w.why_panel}.get(step.place, w.explain_panel)

    def show_place(self, step: TourStep) -> None:
        panel = self._panel(step)
        self.window.tabs.setCurrentWidget(panel)
        if panel is self.window.explain_panel:
            panel.show_piece(step.piece)

    def anchors(self, step: TourStep) -> list[tuple[QWidget, QRect]]:
        panel = self._panel(step)
        return panel.tour_anchor(step.piece) if panel is self.window.explain_panel else panel.tour_anchor()

    def keep_clear(self, step: TourStep) -> list[tuple[QWidget, QRect]]:
        """In the Explain tab, the text beside the diagram says what the step is about."""
        pane = self.window.explain_panel.pane
        return [(pane, pane.rect())] if step.place == "diagram" else []

    def train_for(self, steps: int) -> None:
        self.window.training_actions.train_for(steps)

    def model_trained(self) -> bool:
        return self.window.session.inspection_step > 0

    def saved_step(self) -> int:
        return self.window.app_settings.tour_step()

    def save_step(self, index: int) -> None:
        self.window.app_settings.save_tour_step(index)
