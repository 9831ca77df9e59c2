"""Start the app: one QApplication, the theme, the main window on the default corpus."""
from __future__ import annotations

import os
import sys
import time

_STARTED = time.perf_counter()


def launch(argv: list[str] | None = None) -> int:
    # pyqtgraph would otherwise look for PyQt5 first
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ..widgets.theme import apply_theme
    from . import language
    from .app_settings import AppSettings
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Tiny GPT Playground")
    app.setOrganizationName("TinyGPTPlayground")
    apply_theme(app)
    # before any widget exists: every label is created in the chosen language
    language.install(AppSettings().language())
    window = MainWindow()
    window.show()
    window.offer_tour_once()
    if os.environ.get("PLAYGROUND_REPORT_LAUNCH"):
        QTimer.singleShot(0, lambda: print(f"window shown after {time.perf_counter() - _STARTED:.2f} s",
                                           flush=True))
    if os.environ.get("PLAYGROUND_QUIT_AFTER_SHOWN"):
        QTimer.singleShot(0, window.close)
    code = app.exec()
    if window.restart_requested:  # another language: start again, the same way this process started
        os.execv(sys.executable, [sys.executable, *sys.argv])
    return code
