"""The questions and file pickers the window puts to the user, one function each (tests replace them)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

TEXT_FILTER = "Text files (*.txt *.md *.csv *.py *.tex *.json *.html);;All files (*)"


def ask_discard_model(parent: QWidget) -> str:
    """'save', 'discard' or 'cancel'."""
    box = QMessageBox(QMessageBox.Question, "Discard the trained model?",
                      "This change needs a new model, and the one you trained is not saved.", parent=parent)
    save = box.addButton("Save it first…", QMessageBox.AcceptRole)
    discard = box.addButton("Discard it", QMessageBox.DestructiveRole)
    box.addButton(QMessageBox.Cancel)
    box.exec()
    return "save" if box.clickedButton() is save else "discard" if box.clickedButton() is discard else "cancel"


def ask_save_before_quit(parent: QWidget) -> str:
    """'save', 'discard' or 'cancel'."""
    answer = QMessageBox.question(parent, "Save the trained model?",
                                  "The model you trained is not saved. Save it before quitting?",
                                  QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel)
    return {QMessageBox.Save: "save", QMessageBox.Discard: "discard"}.get(answer, "cancel")


def choose_text_file(parent: QWidget) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Open a text file", str(Path.home()), TEXT_FILTER)
    return Path(path) if path else None


def choose_model_folder(parent: QWidget) -> Path | None:
    path = QFileDialog.getExistingDirectory(parent, "Open a saved model folder", str(Path.home()))
    return Path(path) if path else None


def choose_save_folder(parent: QWidget, suggested_name: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, "Save model as a folder", str(Path.home() / suggested_name))
    return Path(path) if path else None


def dropped_text_file(mime: QMimeData) -> Path | str:
    """The one local file a drop carries, or a sentence saying why the drop cannot be used."""
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    if not paths:
        return "Only files on this computer can be dropped here."
    if len(paths) > 1:
        return f"{len(paths)} files were dropped: drop one text file at a time (or join them into one file first)."
    return paths[0]


class FileDrops(QObject):
    """Text boxes would take a dropped file as its URL typed in; in this app a dropped file means "open
    it", wherever it lands. Installed on every text box of the window."""

    def __init__(self, on_drop, parent=None):
        super().__init__(parent)
        self.on_drop = on_drop  # called with the QDropEvent

    def watch(self, widgets) -> None:
        for widget in widgets:
            widget.installEventFilter(self)
            if hasattr(widget, "viewport"):  # scroll areas receive drops on their viewport
                widget.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.DragEnter, QEvent.DragMove, QEvent.Drop) and event.mimeData().hasUrls():
            event.acceptProposedAction()
            if event.type() == QEvent.Drop:
                self.on_drop(event)
            return True
        return False
