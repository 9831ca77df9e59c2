"""One look for the whole app: Fusion with a light palette, an accent colour, readable plots."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from .look import look

ACCENT = "#3867d6"
FOCUS_COLOR = "#f08c00"  # where the keyboard is: an outline no other state uses, seen from the back of a room
GHOST_COLOR = (120, 120, 120, 90)
CUT_COLOR = "#c9ced6"
BASELINE_COLOR = "#6b7280"  # the counting baselines: quiet dotted lines the curves are read against
MEMORISING_BRUSH = (232, 89, 12, 45)  # the train/validation gap once the model memorises
COPY_BG = "#fde68a"  # stretches of generated text copied verbatim from the training text
ERROR_BG, ERROR_FG = "#fdecea", "#8a1c12"
INFO_BG, INFO_FG = "#e7f0fd", "#1c3f8a"
WARN_BG, WARN_FG = "#fff4e0", "#7a4b00"
MONO_FAMILY = "DejaVu Sans Mono"

STYLESHEET = f"""
QMainWindow {{ background: #f4f6f9; }}
QGroupBox {{ font-weight: 600; border: 1px solid #d9dee7; border-radius: 8px; margin-top: 14px;
             background: white; padding: 10px 8px 8px 8px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: #2d3748; }}
QPushButton {{ padding: 5px 12px; border-radius: 6px; border: 1px solid #c4cbd6; background: #ffffff; }}
QPushButton:hover {{ background: #eef2f8; }}
QPushButton:disabled {{ color: #a0a7b4; background: #f4f5f7; }}
QPushButton#start_button {{ background: {ACCENT}; color: white; border: 1px solid {ACCENT}; font-weight: 600; }}
QPushButton#start_button:disabled {{ background: #9db3e8; border-color: #9db3e8; }}
QTabWidget::pane {{ border: 1px solid #d9dee7; border-radius: 8px; background: white; top: -1px; }}
QTabBar::tab {{ padding: 7px 16px; margin-right: 2px; border: 1px solid #d9dee7; border-bottom: none;
               border-top-left-radius: 6px; border-top-right-radius: 6px; background: #e9edf3; }}
QTabBar::tab:selected {{ background: white; font-weight: 600; }}
QProgressBar {{ border: 1px solid #c4cbd6; border-radius: 5px; text-align: center; background: #f0f2f5;
               min-height: 18px; }}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 4px; }}
QLabel#arch_label {{ color: #1a365d; font-weight: 600; }}
QLabel#muted {{ color: #66707f; }}
QLabel#model_step {{ color: #1a365d; font-weight: 600; background: #e7f0fd; border-radius: 6px; padding: 2px 8px; }}
QPlainTextEdit, QLineEdit {{ border: 1px solid #d0d6e0; border-radius: 6px; background: #fbfcfd; }}
QPushButton:focus, QComboBox:focus, QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QSpinBox:focus,
QTableView:focus, QTableWidget:focus {{ border: 2px solid {FOCUS_COLOR}; }}
QCheckBox:focus, QRadioButton:focus {{ color: {FOCUS_COLOR}; text-decoration: underline; }}
QSlider:focus {{ border: 2px solid {FOCUS_COLOR}; border-radius: 4px; }}
QTabBar::tab:focus {{ border: 2px solid {FOCUS_COLOR}; }}
"""


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = QPalette()
    palette.setColor(QPalette.Window, QColor("#f4f6f9"))
    palette.setColor(QPalette.Base, QColor("white"))
    palette.setColor(QPalette.AlternateBase, QColor("#f4f6f9"))
    palette.setColor(QPalette.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.HighlightedText, QColor("white"))
    palette.setColor(QPalette.ToolTipBase, QColor("#1f2937"))
    palette.setColor(QPalette.ToolTipText, QColor("white"))
    app.setPalette(palette)
    font = app.font()
    font.setPointSizeF(max(font.pointSizeF(), 9.5))
    app.setFont(font)
    look.remember_base_font(app)
    app.setStyleSheet(STYLESHEET)
    pg.setConfigOptions(background="w", foreground="#3c4452", antialias=True, imageAxisOrder="row-major")


def mono_font(size: float = 10) -> QFont:
    """A monospaced font of `size` points at the current zoom (for painting; widgets use `look.size`)."""
    return look.font(size, mono=True)
