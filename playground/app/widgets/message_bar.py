"""A non-modal message strip: errors stay until dismissed, information fades after a few seconds."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton

from ...core.words import translate
from .theme import ERROR_BG, ERROR_FG, INFO_BG, INFO_FG, WARN_BG, WARN_FG

_STYLES = {"error": (ERROR_BG, ERROR_FG, "⚠"), "warning": (WARN_BG, WARN_FG, "⚠"), "info": (INFO_BG, INFO_FG, "ℹ")}


class MessageBar(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("message_bar")
        self.icon = QLabel()
        self.text = QLabel()
        self.text.setObjectName("message_text")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(translate("message_bar", "Dismiss"))
        close.clicked.connect(self.hide)
        self.action_button = QPushButton()  # an offer that goes with the message ("Take the tour")
        self.action_button.setObjectName("message_action")
        self.action_button.hide()
        self.action_button.clicked.connect(self._act)
        self._action = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(close)
        self._timer = QTimer(self, singleShot=True, timeout=self.hide)
        self.kind = ""
        self.hide()

    def show_message(self, text: str, kind: str = "info", timeout_ms: int | None = None,
                     action: tuple[str, callable] | None = None) -> None:
        """`action`: a button (label, callback) beside the text; clicking it also dismisses the message."""
        self._action = action[1] if action else None
        self.action_button.setText(action[0] if action else "")
        self.action_button.setVisible(action is not None)
        bg, fg, icon = _STYLES[kind]
        self.kind = kind
        self.setStyleSheet(f"QFrame#message_bar {{ background: {bg}; border: 1px solid {fg}33; border-radius: 6px; }}"
                           f"QLabel {{ color: {fg}; }}")
        self.icon.setText(icon)
        self.text.setText(text)
        self.show()
        self._timer.stop()
        if timeout_ms is None:
            timeout_ms = 0 if kind == "error" else 8000
        if timeout_ms:
            self._timer.start(timeout_ms)

    def _act(self) -> None:
        action, self._action = self._action, None
        self.hide()
        if action is not None:
            action()
