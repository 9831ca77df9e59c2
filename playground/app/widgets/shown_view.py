"""A view whose redraw is real work (a model pass, a measurement): done at once while it is on screen,
else once when it is next shown — never for a tab nobody is looking at."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget


class RefreshedWhenShown(QWidget):
    _stale = True

    def refresh(self) -> None:
        raise NotImplementedError

    def refresh_when_shown(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
