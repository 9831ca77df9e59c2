"""Portuguese (Brazil) and English: every string the window shows goes through Qt's translation system,
the translations are complete and current, numbers follow the locale, and the choice is the user's."""
import re
import shutil
import xml.etree.ElementTree as ET

import pyqtgraph as pg
import pytest
from app_helpers import make_window, train_synchronously
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QWidget,
)

from playground import translations
from playground.app.shell import language
from playground.core import words

TS = translations.ts_file("pt_BR")
# words that are English and never Portuguese: one of them in a shown string means a string was missed
ENGLISH = re.compile(r"\b(the|and|of|with|your|is|are|this|from|model|training|train|loss|step|steps|layer|layers|"
                     r"head|heads|text|open|save|click|press|when|what|which|not|yet|here|there|learning|rate|"
                     r"validation|baseline|baselines|characters?|weights?|before|after|every|each|runs?|show|shows)\b",
                     re.IGNORECASE)
# widgets that show the user's own text (Shakespeare is English) or the model's tokens, not our words
CONTENT = {"corpus_name", "corpus_preview", "corpus_vocab", "sample_text", "prompt_edit", "explain_prompt",
           "sentence_edit", "sentence_tokens", "preview_tokens", "compare_tokens", "vocab_table", "surprise_text",
           "surprise_own_text", "vocab_search", "tour_formula", "tour_tensor"}
ALLOWED = {"Tiny GPT Playground", "English"}  # names: the same in every language


def _messages():
    root = ET.parse(TS).getroot()
    for context in root.findall("context"):
        for m in context.findall("message"):
            yield context.find("name").text, m.find("source").text, m.find("translation")


def test_every_string_has_a_finished_portuguese_translation_with_the_same_placeholders():
    seen = 0
    for context, source, translation in _messages():
        seen += 1
        assert translation.get("type") is None, f"unfinished in {context}: {source!r}"
        text = translation.text or ""
        assert text.strip(), f"empty translation in {context}: {source!r}"
        assert sorted(re.findall(r"\{\w*\}", source)) == sorted(re.findall(r"\{\w*\}", text)), (source, text)
        assert source.count("&&") == text.count("&&")
    assert seen > 500


def test_the_translation_sources_are_current(tmp_path):
    """Running lupdate over the code changes nothing: no string was added or changed without its .ts entry."""
    fresh = tmp_path / TS.name
    shutil.copy(TS, fresh)
    translations.update(fresh)
    assert fresh.read_text(encoding="utf-8") == TS.read_text(encoding="utf-8"), \
        "strings changed in the code: run `python -m playground.translations update` and translate the new ones"


@pytest.fixture
def portuguese():
    before = QLocale()
    assert language.install("pt_BR") == "pt_BR"
    yield
    language.install("en")
    QLocale.setDefault(before)


def _plain(text: str) -> str:
    text = re.sub(r"`[^`]*`", " ", text or "")  # a command to type stays as it is
    return re.sub(r"<[^>]+>", " ", text).replace("&nbsp;", " ").replace("&amp;", "&").strip()


def _shown_strings(window) -> list[tuple[str, str]]:
    """(where, text) for every string a visible widget of the window shows, tooltips included."""
    found = []

    def add(where, text):
        text = _plain(text)
        if text and text not in ALLOWED:
            found.append((where, text))

    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window) or w.objectName() in CONTENT or \
                any(p.objectName() in CONTENT for p in _ancestors(w)):
            continue
        name = f"{type(w).__name__}#{w.objectName()}"
        add(name + " tooltip", w.toolTip())
        if isinstance(w, QLabel):
            add(name, w.text())
        elif isinstance(w, QAbstractButton):
            add(name, w.text())
        elif isinstance(w, QGroupBox):
            add(name, w.title())
        elif isinstance(w, (QLineEdit, QPlainTextEdit)):
            add(name + " placeholder", w.placeholderText())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(name + f" item {i}", w.itemText(i))
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(name + f" tab {i}", w.tabText(i))
        elif isinstance(w, QTableView):
            model = w.model()
            for c in range(model.columnCount()):
                add(name + f" column {c}", str(model.headerData(c, Qt.Horizontal) or ""))
        if isinstance(w, pg.PlotWidget):
            item = w.getPlotItem()
            for axis in ("left", "bottom", "right"):
                add(name + f" axis {axis}", item.getAxis(axis).labelText)
            if item.legend is not None:
                for _sample, label in item.legend.items:
                    add(name + " legend", label.text)
    return found


def _ancestors(w):
    p = w.parentWidget()
    while p is not None:
        yield p
        p = p.parentWidget()


def _menu_strings(window):
    found = []

    def walk(menu: QMenu, where: str):
        for action in menu.actions():
            if action.isSeparator() or menu is window.recent_menu:
                continue
            found.append((f"{where} ▸ {action.text()}", action.text().replace("&", "")))
            if action.menu() is not None:
                walk(action.menu(), where + " ▸ " + action.text())
    for action in window.menuBar().actions():
        found.append(("menu bar", action.text().replace("&", "")))
        walk(action.menu(), action.text())
    return found


def _english_left(strings):
    translated = {s.replace("&&", "&") for _, s, t in _messages() if t.text and t.text != s}
    sentences = {s for s in translated if len(s) >= 12}
    bad = []
    for where, text in strings:
        if ENGLISH.search(text) or text in translated or any(s in text for s in sentences):
            bad.append((where, text))
    return bad


def _walk(qtbot, window) -> list[tuple[str, str]]:
    strings = _menu_strings(window) + [("window title", window.windowTitle())]
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        QApplication.processEvents()  # the tab's pending layouts and refreshes
        strings += _shown_strings(window)
    for i in range(window.explain_panel.views.count()):
        window.tabs.setCurrentWidget(window.explain_panel)
        window.explain_panel.views.setCurrentIndex(i)
        QApplication.processEvents()  # the tab's pending layouts and refreshes
        strings += _shown_strings(window)
    for i in range(len(window.tour.host.tour_steps())):
        window.tour.go(i)
        QApplication.processEvents()  # the tab's pending layouts and refreshes
        strings += [(f"tour step {i + 1}: " + w, t) for w, t in _shown_strings(window)]
    window.tour.close()
    return strings


@pytest.mark.timeout(240)
def test_in_portuguese_no_english_is_left_in_any_tab_menu_or_tour_step(qtbot, tmp_path, portuguese):
    window = make_window(qtbot, tmp_path / "settings.ini")
    qtbot.waitUntil(lambda: window.training_panel.baselines is not None, timeout=60000)
    before = _walk(qtbot, window)  # no model yet: every empty state and hint
    train_synchronously(window, steps=30)
    window.prompt_panel.prompt_edit.setPlainText("ROMEO:\nBut soft")
    window.heads_panel.switch_head(0, 1)  # the switches' report, the red frames' tooltip
    window.training_panel.show_sample(30, "sample")
    after = _walk(qtbot, window)
    assert len(before) > 300 and len(after) > 300
    assert sorted(set(_english_left(before + after))) == []
    # the Portuguese really is there, not just the absence of English
    shown = " ".join(t for _, t in after).lower()
    for word in ("Treinar", "cabeças de atenção", "Camadas", "Taxa de aprendizado", "Incorporação de tokens",
                 "Codificação posicional", "Pontuações QKᵀ/√d_k", "Máscara causal"):
        assert word.lower() in shown, word


def test_the_check_finds_a_string_left_in_english(qtbot, tmp_path, portuguese):
    """The walk above can fail: a label set without translate() is caught."""
    window = make_window(qtbot, tmp_path / "settings.ini", load_default=False)
    window.training_panel.status_label.setText("Ready to train")
    window.tabs.setCurrentWidget(window.training_panel)
    QApplication.processEvents()
    assert [t for _, t in _english_left(_shown_strings(window))] == ["Ready to train"]


def test_numbers_follow_the_locale(qtbot, tmp_path, portuguese):
    assert words.number(1234.567, 2) == "1.234,57"
    assert words.integer(1115394) == "1.115.394"
    window = make_window(qtbot, tmp_path / "settings.ini")
    stats = window.corpus_card.stats_label.text()
    assert "1.115.394 caracteres" in stats and "1,1 MB" in stats
    qtbot.waitUntil(lambda: window.training_panel.baselines is not None, timeout=60000)
    assert "uniforme 4,17" in window.corpus_card.baselines_label.text()


def test_english_is_english_and_the_system_locale_decides_by_default(qtbot, tmp_path):
    assert language.resolve("system", QLocale(QLocale.Portuguese, QLocale.Brazil)) == "pt_BR"
    assert language.resolve("system", QLocale(QLocale.Portuguese, QLocale.Portugal)) == "pt_BR"
    assert language.resolve("system", QLocale(QLocale.German, QLocale.Germany)) == "en"
    assert language.resolve("en", QLocale(QLocale.Portuguese, QLocale.Brazil)) == "en"
    assert language.install("en") == "en"
    window = make_window(qtbot, tmp_path / "settings.ini", load_default=False)
    assert window.training_panel.start_button.text() == "▶  Train"
    assert words.number(1234.5, 1) == "1,234.5"


def test_the_language_choice_is_remembered_and_a_restart_is_offered(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "settings.ini", load_default=False)
    checked = [a.data() for a in window.language_actions.actions() if a.isChecked()]
    assert checked == ["system"]
    pt = next(a for a in window.language_actions.actions() if a.data() == "pt_BR")
    pt.trigger()
    assert window.app_settings.language() == "pt_BR"
    assert window.message_bar.isVisible() and window.message_bar.action_button.isVisible()
    restarted = []
    window.restart = lambda: restarted.append(True)  # the real one closes the app and starts it again
    window.message_bar._action = window.restart
    window.message_bar.action_button.click()
    assert restarted == [True]
    again = make_window(qtbot, tmp_path / "settings.ini", load_default=False)
    assert [a.data() for a in again.language_actions.actions() if a.isChecked()] == ["pt_BR"]


def test_the_file_dialog_speaks_portuguese_too(qtbot, portuguese):
    """Qt's own catalogue leaves two of its file dialog's labels in English; ours carries them."""
    from PySide6.QtWidgets import QFileDialog
    dialog = QFileDialog(None, "x")
    dialog.setOption(QFileDialog.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "&Procurar em:" in labels and "Arquivos do &tipo:" in labels, labels
    assert not _english_left([("file dialog", t.replace("&", "")) for t in labels])
