"""One prompt, shown by every editor that edits it: the session holds the text; editors write to it and
follow it."""
from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QPlainTextEdit

from ...core.session.session import Session
from ..session_signals import SessionSignals


def bind_prompt_editor(editor: QPlainTextEdit, session: Session, signals: SessionSignals) -> None:
    editor.setPlainText(session.prompt)
    editor.textChanged.connect(lambda: session.set_prompt(editor.toPlainText()))

    def follow(text: str) -> None:
        if text == editor.toPlainText():
            return
        cursor_at = editor.textCursor().position()
        with QSignalBlocker(editor):
            editor.setPlainText(text)
        cursor = editor.textCursor()
        cursor.setPosition(min(cursor_at, len(text)))
        editor.setTextCursor(cursor)

    signals.prompt_changed.connect(follow)
