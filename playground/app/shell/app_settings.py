"""What the app remembers between launches: recent files, the last text, the sliders, the tokenizer
choice and the window's geometry. A damaged settings file falls back to defaults, never to an error."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication

MAX_RECENT = 8
PREFERRED_SIZE = QSize(1320, 860)
FRAME = QSize(16, 40)  # room for the window manager's borders and title bar, unknown before the window shows


def fitted_geometry(saved: QRect | None, available: QRect, preferred: QSize = PREFERRED_SIZE) -> QRect:
    """Where the window opens: a saved place if it lies wholly on the available screen, else the preferred
    size shrunk to the screen (a 1280×720 projector, a 1366×768 laptop) and centred on it."""
    if saved is not None and saved.isValid() and available.contains(saved):
        return QRect(saved)
    size = preferred.boundedTo(available.size() - FRAME)  # the inside of the window
    outside = size + FRAME
    # `move` places the frame's corner, `resize` the inside: centre the whole framed window
    top_left = available.topLeft() + QPoint((available.width() - outside.width()) // 2,
                                            (available.height() - outside.height()) // 2)
    return QRect(top_left, size)

class AppSettings:
    def __init__(self, qsettings: QSettings | None = None):
        self.qsettings = qsettings or QSettings("TinyGPTPlayground", "TinyGPTPlayground")

    def _json(self, key: str, default):
        try:
            value = json.loads(self.qsettings.value(key, json.dumps(default), str))
        except (json.JSONDecodeError, TypeError):
            return default
        return value if isinstance(value, type(default)) else default

    # -- texts --
    def recent(self) -> list[str]:
        return [str(p) for p in self._json("recent", [])]

    def remember_recent(self, path: Path) -> None:
        recent = [p for p in self.recent() if p != str(path)]
        recent.insert(0, str(path))
        self.qsettings.setValue("recent", json.dumps(recent[:MAX_RECENT]))
        self.qsettings.setValue("last_corpus", str(path))

    def forget_last_corpus(self) -> None:
        self.qsettings.setValue("last_corpus", "")

    def last_corpus(self) -> Path | None:
        last = self.qsettings.value("last_corpus", "", str)
        return Path(last) if last and Path(last).is_file() else None

    # -- model and tokenizer choices --
    def sliders(self) -> dict:
        return self._json("sliders", {})

    def save_sliders(self, state: dict) -> None:
        self.qsettings.setValue("sliders", json.dumps(state))

    def tokenizer(self) -> tuple[str, int] | None:
        value = self._json("tokenizer", [])
        try:
            kind, vocab = value
            return str(kind), int(vocab)
        except (TypeError, ValueError):
            return None  # first start, or a damaged settings file: characters

    def save_tokenizer(self, kind: str, vocab: int) -> None:
        self.qsettings.setValue("tokenizer", json.dumps([kind, vocab]))

    # -- language and tour --
    def language(self) -> str:
        value = self.qsettings.value("language", "system", str)
        return value if value in ("system", "en", "pt_BR") else "system"

    def save_language(self, choice: str) -> None:
        self.qsettings.setValue("language", choice)

    def colour_blind(self) -> bool:
        return str(self.qsettings.value("colour_blind", "false")).lower() == "true"

    def save_colour_blind(self, on: bool) -> None:
        self.qsettings.setValue("colour_blind", "true" if on else "false")

    def zoom(self) -> float:
        """The projector zoom, 0.8 to 2 (a file may say anything: anything else is 1)."""
        try:
            value = float(self.qsettings.value("zoom", 1.0))
        except (TypeError, ValueError):
            return 1.0
        return value if 0.8 <= value <= 2.0 else 1.0

    def save_zoom(self, zoom: float) -> None:
        self.qsettings.setValue("zoom", zoom)

    def tour_step(self) -> int:
        try:
            return max(0, int(self.qsettings.value("tour_step", 0)))
        except (TypeError, ValueError):
            return 0

    def save_tour_step(self, index: int) -> None:
        self.qsettings.setValue("tour_step", int(index))

    def tour_offered(self) -> bool:
        return self.qsettings.value("tour_offered", "false", str) == "true"

    def mark_tour_offered(self) -> None:
        self.qsettings.setValue("tour_offered", "true")

    # -- window --
    def geometry(self) -> QByteArray | None:
        geometry = self.qsettings.value("geometry")
        return geometry if isinstance(geometry, QByteArray) else None

    def save_geometry(self, geometry: QByteArray) -> None:
        self.qsettings.setValue("geometry", geometry)

    def sync(self) -> None:
        self.qsettings.sync()

    # -- the window as a whole --
    def restore(self, window) -> None:
        """Geometry (when it fits the screen the window is on now), sliders and tokenizer choice as the user
        left them."""
        screen = window.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else QRect(0, 0, 1320, 860)
        restored = (geometry := self.geometry()) is not None and window.restoreGeometry(geometry)
        place = fitted_geometry(window.geometry() if restored else None, available)
        window.resize(place.size())
        window.move(place.topLeft())
        if sliders := self.sliders():
            window.settings_panel.restore(sliders)
        if (tokenizer := self.tokenizer()) is not None:
            window.corpus_card.set_tokenizer_choice(*tokenizer)

    def store(self, window) -> None:
        self.save_geometry(window.saveGeometry())
        self.save_sliders(window.settings_panel.state())
        self.sync()
