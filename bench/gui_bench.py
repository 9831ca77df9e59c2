"""Shared set-up for the scripts that drive the real window offscreen (the GUI benches and
docs/render_screenshots.py): offscreen Qt, run records kept out of the user's data folder, the project
on the import path, a window on the default corpus, an event-loop wait and a percentile helper.
Import it before PySide6."""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
os.environ.setdefault("TINYGPT_DATA_DIR", tempfile.mkdtemp(prefix="tinygpt-offscreen-"))
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def wait(condition, timeout_s: float = 600, poll_ms: int = 5) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError
        # a real event loop (QTest.qWait keeps the GIL while it sleeps and starves the training thread)
        loop = QEventLoop()
        QTimer.singleShot(poll_ms, loop.quit)
        loop.exec()


def open_window():
    """(app, window): the themed main window with fresh settings, the default corpus loaded, and every
    'save or discard?' question answered 'discard'."""
    from playground.app.shell.main_window import MainWindow
    from playground.app.widgets.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    window = MainWindow(QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.IniFormat))
    window.ask_save_before_quit = lambda: "discard"
    window.ask_discard_model = lambda: "discard"
    window.show()
    wait(lambda: window.session.data is not None)
    return app, window


def window_for_screenshots(width: int, height: int):
    """(app, window) at this size, once the Training tab's baselines are drawn."""
    app, window = open_window()
    window.resize(width, height)
    wait(lambda: window.training_panel.baselines is not None)
    return app, window


def train_in_window(window, steps: int | None = None) -> None:
    """Press Train (for `steps` steps, if given) and wait for the run to end."""
    if steps is not None:
        window.settings_panel.steps.setValue(steps)
    window.training_actions.start()
    wait(lambda: window.training is None)
