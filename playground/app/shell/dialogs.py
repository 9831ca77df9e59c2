"""The questions and file pickers the window puts to the user, one function each (tests replace them)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ...core.words import QT_TRANSLATE_NOOP, translate

TEXT_FILTER = QT_TRANSLATE_NOOP("dialogs", "Text files (*.txt *.md *.csv *.py *.tex *.json *.html);;All files (*)")


def ask_discard_model(parent: QWidget) -> str:
    """'save', 'discard' or 'cancel'."""
    box = QMessageBox(QMessageBox.Question, translate("dialogs", "Discard the trained model?"),
                      translate("dialogs", "This change needs a new model, and the one you trained is not saved."), parent=parent)
    save = box.addButton(translate("dialogs", "Save it first…"), QMessageBox.AcceptRole)
    discard = box.addButton(translate("dialogs", "Discard it"), QMessageBox.DestructiveRole)
    box.addButton(QMessageBox.Cancel)
    box.exec()
    return "save" if box.clickedButton() is save else "discard" if box.clickedButton() is discard else "cancel"


def ask_save_before_quit(parent: QWidget) -> str:
    """'save', 'discard' or 'cancel'."""
    answer = QMessageBox.question(parent, translate("dialogs", "Save the trained model?"),
                                  translate("dialogs", "The model you trained is not saved. Save it before quitting?"),
                                  QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel)
    return {QMessageBox.Save: "save", QMessageBox.Discard: "discard"}.get(answer, "cancel")


def choose_text_file(parent: QWidget) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, translate("dialogs", "Open a text file"), str(Path.home()),
                                          translate("dialogs", TEXT_FILTER))
    return Path(path) if path else None


def choose_model_folder(parent: QWidget) -> Path | None:
    path = QFileDialog.getExistingDirectory(parent, translate("dialogs", "Open a saved model folder"), str(Path.home()))
    return Path(path) if path else None


def choose_pretrained_folder(parent: QWidget) -> Path | None:
    path = QFileDialog.getExistingDirectory(parent, translate("dialogs", "Open a GPT-2 folder (config.json, "
                                                                         "model.safetensors, tokenizer)"), str(Path.home()))
    return Path(path) if path else None


def choose_export_folder(parent: QWidget, suggested_name: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, translate("dialogs", "Export for Hugging Face as a folder"),
                                          str(Path.home() / suggested_name))
    return Path(path) if path else None


def choose_report_file(parent: QWidget, suggested_name: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, translate("dialogs", "Export a report (one HTML file)"),
                                          str(Path.home() / suggested_name), translate("dialogs", "Web page (*.html)"))
    if not path:
        return None
    return Path(path) if path.lower().endswith((".html", ".htm")) else Path(path + ".html")


def choose_save_folder(parent: QWidget, suggested_name: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, translate("dialogs", "Save model as a folder"), str(Path.home() / suggested_name))
    return Path(path) if path else None


def dropped_text_file(mime: QMimeData) -> Path | str:
    """The one local file a drop carries, or a sentence saying why the drop cannot be used."""
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    if not paths:
        return translate("dialogs", "Only files on this computer can be dropped here.")
    if len(paths) > 1:
        return translate("dialogs", "{n} files were dropped: drop one text file at a time (or join them into one file "
                         "first).").format(n=len(paths))
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


LESSON_FILTER = QT_TRANSLATE_NOOP("dialogs", "Lessons (*.gptlesson);;All files (*)")


def choose_lesson_to_save(parent: QWidget, suggested_name: str) -> tuple[Path, tuple[str, ...]] | None:
    """Where to save a lesson and what the class may not change; None if the user cancels."""
    box = QDialog(parent)
    box.setWindowTitle(translate("dialogs", "Save lesson"))
    text = QLabel(translate("dialogs", "A lesson holds the text, the settings, the trained model, the prompt and "
                                       "where the tour stands, in one file to hand to a class."))
    text.setWordWrap(True)
    lock_architecture = QCheckBox(translate("dialogs", "Lock the architecture (layers, heads, d_model, context, "
                                                       "options) for the class"))
    lock_architecture.setObjectName("lock_architecture_check")
    lock_tokenizer = QCheckBox(translate("dialogs", "Lock the tokenizer"))
    lock_tokenizer.setObjectName("lock_tokenizer_check")
    buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
    buttons.accepted.connect(box.accept)
    buttons.rejected.connect(box.reject)
    layout = QVBoxLayout(box)
    for w in (text, lock_architecture, lock_tokenizer, buttons):
        layout.addWidget(w)
    if box.exec() != QDialog.Accepted:
        return None
    path, _ = QFileDialog.getSaveFileName(parent, translate("dialogs", "Save lesson"),
                                          str(Path.home() / f"{suggested_name}.gptlesson"),
                                          translate("dialogs", LESSON_FILTER))
    if not path:
        return None
    path = Path(path) if path.endswith(".gptlesson") else Path(path + ".gptlesson")
    locks = tuple(name for name, box_ in (("architecture", lock_architecture), ("tokenizer", lock_tokenizer))
                  if box_.isChecked())
    return path, locks


def choose_lesson_to_open(parent: QWidget) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, translate("dialogs", "Open lesson"), str(Path.home()),
                                          translate("dialogs", LESSON_FILTER))
    return Path(path) if path else None
