"""The window's menus and keyboard shortcuts, each action wired to what it asks for."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

from ...core.storage.pretrained import DOWNLOADABLE
from ...core.words import translate
from . import language

# where Space already means something: typing, ticking a checkbox, pressing the focused button, opening a list
SPACE_OWNERS = (QAbstractButton, QComboBox, QAbstractItemView, QAbstractSpinBox, QLineEdit, QTextEdit, QPlainTextEdit)


class SpaceStaysWithTheFocus(QObject):
    """Space is the window's Start / pause, except in a widget that has a use for it: there it does what
    it always does, and training never starts by surprise."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.ShortcutOverride and event.key() == Qt.Key_Space \
                and event.modifiers() == Qt.NoModifier and isinstance(watched, SPACE_OWNERS):
            event.accept()  # the key goes to the widget, not to the shortcut
            return True
        return False


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
    for i, name in enumerate(DOWNLOADABLE, start=1):  # &1, &2: chosen from the keyboard once the menu is open
        download_menu.addAction(f"&{i} {name}", lambda name=name: files.download_pretrained(name))
    file_menu.addAction(_action(w, translate("main_window", "&Save model…"), files.choose_save, QKeySequence.Save))
    w.export_action = _action(w, translate("main_window", "&Export for Hugging Face…"), files.choose_export, "Ctrl+Shift+E")
    file_menu.addAction(w.export_action)
    w.report_action = _action(w, translate("main_window", "Export report as &HTML…"), files.choose_report, "Ctrl+Shift+H")
    file_menu.addAction(w.report_action)
    file_menu.addSeparator()
    w.open_lesson_action = _action(w, translate("main_window", "Open &lesson…"), lessons.choose_open, "Ctrl+L")
    file_menu.addAction(w.open_lesson_action)
    file_menu.addAction(_action(w, translate("main_window", "Sa&ve lesson…"), lessons.choose_save, "Ctrl+Shift+L"))
    file_menu.addSeparator()
    file_menu.addAction(_action(w, translate("main_window", "&Quit"), w.close, "Ctrl+Q"))  # every platform: a key shown

    train_menu = w.menuBar().addMenu(translate("main_window", "&Training"))
    w.toggle_action = _action(w, translate("main_window", "Start / pause"), training.toggle, QKeySequence(Qt.Key_Space))
    w.toggle_action.setShortcutContext(Qt.WindowShortcut)
    w.space_guard = SpaceStaysWithTheFocus(w)
    QApplication.instance().installEventFilter(w.space_guard)
    train_menu.addAction(w.toggle_action)
    w.addAction(w.toggle_action)
    train_menu.addAction(_action(w, translate("main_window", "Stop"), training.stop, "Ctrl+."))
    train_menu.addAction(_action(w, translate("main_window", "Reset model"), training.reset_model, "Ctrl+Shift+R"))

    view_menu = w.menuBar().addMenu(translate("main_window", "&View"))
    for text, keys, steps in ((translate("main_window", "Zoom &in"), ("Ctrl+=", "Ctrl++"), 1),
                              (translate("main_window", "Zoom &out"), ("Ctrl+-",), -1),
                              (translate("main_window", "&Actual size"), ("Ctrl+0",), 0)):
        action = _action(w, text, lambda _=False, steps=steps: w.zoom(steps))
        action.setShortcuts([QKeySequence(k) for k in keys])
        view_menu.addAction(action)
    w.sidebar_action = _action(w, translate("main_window", "&Settings sidebar"), w.show_sidebar, "Ctrl+B")
    w.sidebar_action.setCheckable(True)
    w.sidebar_action.setChecked(True)
    view_menu.addAction(w.sidebar_action)
    w.colour_blind_action = _action(w, translate("main_window", "&Colour-blind-safe colours"), w.use_colour_blind_safe,
                                    "Ctrl+Shift+K")
    w.colour_blind_action.setCheckable(True)
    w.colour_blind_action.setChecked(w.app_settings.colour_blind())
    view_menu.addAction(w.colour_blind_action)
    view_menu.addSeparator()
    w.language_menu = view_menu.addMenu(translate("main_window", "&Language"))
    w.language_actions = QActionGroup(w)
    chosen = w.app_settings.language()
    for i, (key, name) in enumerate(language.CHOICES, start=1):
        action = QAction(f"&{i} " + translate("language", name), w, checkable=True, checked=key == chosen)
        action.setData(key)
        action.triggered.connect(lambda _on, key=key: w.choose_language(key))
        w.language_actions.addAction(action)
        w.language_menu.addAction(action)

    help_menu = w.menuBar().addMenu(translate("main_window", "&Help"))
    w.tour_action = _action(w, translate("main_window", "&Tour of the Transformer…"), lambda: w.tour.start(), "F1")
    help_menu.addAction(w.tour_action)
    for i in range(w.tabs.count()):  # a tab, with the keyboard in its first field (the prompt, say)
        QShortcut(QKeySequence(f"Ctrl+{i + 1}"), w, lambda i=i: (w.tabs.setCurrentIndex(i), w.tabs.currentWidget().setFocus()))
