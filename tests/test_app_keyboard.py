"""The classroom's keyboard: the first journey without a mouse (open a text, train, pause, stop, type a
prompt, generate, open the tour); Space never starts training where it means something else; every menu
action can be reached from the keyboard; every control a keyboard reaches has a name to read out."""
from pathlib import Path

import pytest
from app_helpers import make_window, use_small_model
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

pytestmark = pytest.mark.timeout(180)
CONTROLS = (QAbstractButton, QComboBox, QAbstractSlider, QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox,
            QTabBar, QAbstractItemView)


def _press(qtbot, window, key, modifiers=Qt.NoModifier):
    target = window.focusWidget() or window
    qtbot.keyClick(target, key, modifiers)


def test_the_first_journey_works_without_a_mouse(qtbot, tmp_path, small_file, monkeypatch):
    window = make_window(qtbot, tmp_path / "s.ini", load_default=False)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)  # shortcuts reach the active window
    # open a text: Ctrl+O opens the file dialog (answered here, as a user would with the keyboard)
    from playground.app.shell import dialogs
    monkeypatch.setattr(dialogs, "choose_text_file", lambda parent: Path(small_file))
    with qtbot.waitSignal(window.corpus_loaded, timeout=30000):
        _press(qtbot, window, Qt.Key_O, Qt.ControlModifier)
    use_small_model(window, steps=400)
    # train with Space (the focus is on the window, not in a text box), pause with Space, stop with Ctrl+.
    window.setFocus()
    _press(qtbot, window, Qt.Key_Space)
    qtbot.waitUntil(lambda: window.session.training_state == "running", timeout=10000)
    qtbot.waitUntil(lambda: window.session.trainer.step >= 3, timeout=30000)
    _press(qtbot, window, Qt.Key_Space)
    qtbot.waitUntil(lambda: window.session.training_state == "paused", timeout=10000)
    with qtbot.waitSignal(window.training_finished, timeout=30000):
        _press(qtbot, window, Qt.Key_Period, Qt.ControlModifier)
    # Ctrl+2: the Prompt tab, with the keyboard in the prompt; type, then Ctrl+Enter writes
    _press(qtbot, window, Qt.Key_2, Qt.ControlModifier)
    assert window.tabs.currentWidget() is window.prompt_panel
    assert window.focusWidget() is window.prompt_panel.prompt_edit
    window.prompt_panel.prompt_edit.selectAll()
    qtbot.keyClicks(window.prompt_panel.prompt_edit, "To be")
    assert window.session.prompt == "To be"
    qtbot.keyClick(window.prompt_panel.prompt_edit, Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: len(window.session.prompt) > len("To be"), timeout=20000)
    qtbot.waitUntil(lambda: window.prompt_panel.generate_button.isEnabled(), timeout=30000)
    # F1: the tour, and Escape or its buttons by Tab and Space from there
    _press(qtbot, window, Qt.Key_F1)
    qtbot.waitUntil(lambda: window.tour.card.isVisible(), timeout=5000)


def test_space_does_what_the_focused_control_does_and_never_starts_training(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    use_small_model(window, steps=50)
    tied = next(box for box in window.settings_panel.findChildren(QCheckBox) if box.isVisibleTo(window))
    for widget in (window.prompt_panel.prompt_edit, tied, window.training_panel.pause_button,
                   window.corpus_card.tokenizer_combo):
        window.tabs.setCurrentWidget(window.prompt_panel if widget is window.prompt_panel.prompt_edit
                                     else window.training_panel)
        widget.setFocus()
        was = tied.isChecked()
        qtbot.keyClick(widget, Qt.Key_Space)
        assert window.session.training_state != "running", type(widget).__name__
        if widget is tied:
            assert tied.isChecked() != was  # the checkbox got its Space
        if isinstance(widget, QComboBox):
            qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=2000)  # its list opened
            QApplication.activePopupWidget().close()
    window.tabs.setCurrentWidget(window.training_panel)
    window.tabs.tabBar().setFocus()  # the tabs have no use for Space: Start / pause
    with qtbot.waitSignal(window.training_finished, timeout=60000):
        qtbot.keyClick(window.tabs.tabBar(), Qt.Key_Space)


def test_every_menu_action_can_be_reached_from_the_keyboard(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini")
    missing = []

    def walk(menu: QMenu, where: str, top: bool):
        for action in menu.actions():
            if action.isSeparator():
                continue
            if action.menu() is not None:
                walk(action.menu(), f"{where} ▸ {action.text()}", top=False)
                continue
            # a shortcut in the top menus; in a submenu (recent files, languages, downloads) a numbered key
            if not (action.shortcut().toString() or (not top and "&" in action.text())):
                missing.append(f"{where} ▸ {action.text()}")
    for action in window.menuBar().actions():
        assert "&" in action.text(), action.text()  # Alt+letter opens it
        walk(action.menu(), action.text(), top=True)
    assert not missing, missing


@pytest.mark.parametrize("language", ["en", "pt_BR"])
def test_every_control_the_keyboard_reaches_has_a_name_to_read_out(qtbot, tmp_path, language):
    from app_helpers import train_synchronously

    from playground.app.shell import language as languages
    languages.install(language)
    try:
        window = make_window(qtbot, tmp_path / "s.ini")
        train_synchronously(window, steps=5, n_layer=1, n_head=2, d_model=16)
        nameless = []
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            qtbot.wait(10)
            for widget in window.findChildren(QWidget):
                if not isinstance(widget, CONTROLS) or widget.focusPolicy() == Qt.NoFocus \
                        or not widget.isVisibleTo(window) or isinstance(widget.parentWidget(), QAbstractSpinBox):
                    continue
                interface = QAccessible.queryAccessibleInterface(widget)
                if not (interface and interface.text(QAccessible.Name).strip()):
                    nameless.append(f"{window.tabs.tabText(index)}: {type(widget).__name__} "
                                    f"{widget.objectName() or widget.toolTip()[:40]}")
        assert not sorted(set(nameless)), sorted(set(nameless))
    finally:
        languages.install("en")


@pytest.mark.parametrize("language", ["en", "pt_BR"])
def test_each_menus_underlined_letters_are_its_own(qtbot, tmp_path, language):
    """Alt+F, then one letter: each letter in a menu picks one entry, in either language."""
    from playground.app.shell import language as languages
    languages.install(language)
    try:
        window = make_window(qtbot, tmp_path / "s.ini")
        clashes = []

        def letters(actions, where):
            seen = {}
            for action in actions:
                text = action.text().replace("&&", "")
                if "&" in text and not text.split("&", 1)[1][:1].isdigit():
                    letter = text.split("&", 1)[1][:1].lower()
                    if letter in seen:
                        clashes.append(f"{where}: {seen[letter]!r} and {text!r}")
                    seen[letter] = text
                if action.menu() is not None:
                    letters(action.menu().actions(), f"{where} ▸ {text}")
        letters(window.menuBar().actions(), "menu bar")
        assert not clashes, clashes
    finally:
        languages.install("en")
