"""The window's menus and keyboard shortcuts, each action wired to what it asks for."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut

from ...core.storage.pretrained import DOWNLOADABLE
from ...core.words import translate
from . import language


def _action(window, text: str, triggered, shortcut=None) -> QAction:
    action = QAction(text, window, triggered=triggered)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    return action


def build_menus(window) -> None:
    """The File, Training, View and Help menus; the actions others reach for are kept on the window."""
    w, files, lessons, training = window, window.model_files, window.lessons, window.training_actions
    file_menu = w.menuBar().addMenu(translate("main_window", "&File"))
    w.open_action = _action(w, translate("main_window", "&Open text…"), w.choose_corpus, QKeySequence.Open)
    w.recent_menu = file_menu.addMenu(translate("main_window", "Open &Recent"))
    file_menu.insertAction(w.recent_menu.menuAction(), w.open_action)
    file_menu.addSeparator()
    w.open_model_action = _action(w, translate("main_window", "Open &model…"), files.choose_checkpoint, "Ctrl+Shift+O")
    file_menu.addAction(w.open_model_action)
    w.open_pretrained_action = _action(w, translate("main_window", "Open &pretrained model (GPT-2)…"),
                                       files.choose_pretrained, "Ctrl+Shift+P")
    file_menu.addAction(w.open_pretrained_action)
    download_menu = file_menu.addMenu(translate("main_window", "&Download a pretrained model"))
    for name in DOWNLOADABLE:
        download_menu.addAction(name, lambda name=name: files.download_pretrained(name))
    file_menu.addAction(_action(w, translate("main_window", "&Save model…"), files.choose_save, QKeySequence.Save))
    w.export_action = _action(w, translate("main_window", "&Export for Hugging Face…"), files.choose_export, "Ctrl+Shift+E")
    file_menu.addAction(w.export_action)
    file_menu.addSeparator()
    w.open_lesson_action = _action(w, translate("main_window", "Open &lesson…"), lessons.choose_open)
    file_menu.addAction(w.open_lesson_action)
    file_menu.addAction(_action(w, translate("main_window", "Save l&esson…"), lessons.choose_save))
    file_menu.addSeparator()
    file_menu.addAction(_action(w, translate("main_window", "&Quit"), w.close, QKeySequence.Quit))

    train_menu = w.menuBar().addMenu(translate("main_window", "&Training"))
    w.toggle_action = _action(w, translate("main_window", "Start / pause"), training.toggle, QKeySequence(Qt.Key_Space))
    w.toggle_action.setShortcutContext(Qt.WindowShortcut)
    train_menu.addAction(w.toggle_action)
    w.addAction(w.toggle_action)
    train_menu.addAction(_action(w, translate("main_window", "Stop"), training.stop, "Ctrl+."))
    train_menu.addAction(_action(w, translate("main_window", "Reset model"), training.reset_model))

    view_menu = w.menuBar().addMenu(translate("main_window", "&View"))
    w.language_menu = view_menu.addMenu(translate("main_window", "&Language"))
    w.language_actions = QActionGroup(w)
    chosen = w.app_settings.language()
    for key, name in language.CHOICES:
        action = QAction(translate("language", name), w, checkable=True, checked=key == chosen)
        action.setData(key)
        action.triggered.connect(lambda _on, key=key: w.choose_language(key))
        w.language_actions.addAction(action)
        w.language_menu.addAction(action)

    help_menu = w.menuBar().addMenu(translate("main_window", "&Help"))
    w.tour_action = _action(w, translate("main_window", "&Tour of the Transformer…"), lambda: w.tour.start(), "F1")
    help_menu.addAction(w.tour_action)
    for i in range(w.tabs.count()):
        QShortcut(QKeySequence(f"Ctrl+{i + 1}"), w, lambda i=i: w.tabs.setCurrentIndex(i))
