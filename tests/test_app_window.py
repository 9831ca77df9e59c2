import os
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
from app_helpers import drop_files, grab, make_window, use_small_model
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from playground.core.session.loaded_corpus import DEFAULT_CORPUS

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path / "settings.ini")


def test_opens_ready_on_the_default_corpus(window, artifacts):
    card = window.corpus_card
    assert card.name_label.text() == "tinyshakespeare.txt"
    assert "65" in card.stats_label.text() and "1,115,394 characters" in card.stats_label.text()
    assert "␣" in card.vocab_label.text() and "⏎" in card.vocab_label.text()
    assert card.preview.toPlainText().startswith("First Citizen")
    assert window.training_panel.start_button.isEnabled()
    grab(window, artifacts / "app-fresh.png")


def test_dropping_a_file_loads_it(window, qtbot, small_file):
    drop_files(window, [small_file])
    qtbot.waitUntil(lambda: window.corpus_card.name_label.text() == "hamlet.txt", timeout=10000)
    assert window.session.data.corpus.name == "hamlet.txt"
    assert window.settings_panel.vocab_size == window.session.data.tokenizer.vocab_size


@pytest.mark.parametrize("target", ["prompt", "explain prompt", "sentence"])
def test_a_file_dropped_on_a_text_box_is_opened_not_typed_in(window, qtbot, small_file, target):
    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    box = {"prompt": window.prompt_panel.prompt_edit, "explain prompt": window.explain_panel.prompt,
           "sentence": window.tokens_panel.sentence}[target]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(small_file))])
    receiver = box.viewport() if hasattr(box, "viewport") else box  # where a real drag lands
    QApplication.sendEvent(receiver, QDragEnterEvent(QPoint(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
    QApplication.sendEvent(receiver, QDropEvent(QPointF(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
    qtbot.waitUntil(lambda: window.session.data.corpus.name == "hamlet.txt", timeout=10000)
    after = box.toPlainText() if hasattr(box, "toPlainText") else box.text()
    assert "file:" not in after and str(small_file) not in after, "the URL was not typed in"
    assert "file:" not in window.session.prompt


def _bad_files(tmp_path):
    png = tmp_path / "photo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("   \n\n  ")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    return {"binary": ([png], "PNG image"), "empty": ([empty], "is empty"), "blank": ([blank], "whitespace"),
            "fifo": ([fifo], "not a regular file"), "folder": ([folder], "is a folder"),
            "several": ([empty, blank], "one text file at a time")}


@pytest.mark.parametrize("case", ["binary", "empty", "blank", "fifo", "folder", "several"])
def test_bad_drops_show_a_message_and_keep_the_corpus(window, qtbot, tmp_path, case, artifacts):
    paths, phrase = _bad_files(tmp_path)[case]
    drop_files(window, paths)
    bar = window.message_bar
    qtbot.waitUntil(lambda: bar.isVisible() and phrase in bar.text.text(), timeout=10000)
    assert bar.kind == "error"
    assert window.session.data.corpus.name == "tinyshakespeare.txt"
    assert window.corpus_card.name_label.text() == "tinyshakespeare.txt"
    if case == "binary":
        assert "Still using “tinyshakespeare.txt”" in bar.text.text()
        grab(window, artifacts / "app-error.png")


def test_text_too_short_for_the_context_is_explained(window, qtbot, tmp_path):
    short = tmp_path / "short.txt"
    short.write_text("Just a few words.\n")
    drop_files(window, [short])
    qtbot.waitUntil(lambda: window.session.data.corpus.name == "short.txt", timeout=10000)
    window.training_actions.start()
    assert window.message_bar.kind == "error" and "too short" in window.message_bar.text.text()
    assert window.training is None


def test_sliders_update_the_readouts(window):
    p = window.settings_panel
    before = p.params_label.text()
    p.layers.setValue(8)
    assert p.params_label.text() != before
    assert p.arch_label.text().startswith("8 × [4-head attention")
    p.heads.setValue(6)
    assert p.d_model.value() % 6 == 0 and all(v % 6 == 0 for v in p.d_model.values())
    assert "6-head attention" in p.arch_label.text()
    assert p.model_config().d_model == p.d_model.value()


def test_train_pause_resume_stop_save_and_reopen(window, qtbot, tmp_path, artifacts):
    use_small_model(window, steps=10000)
    plot = window.training_panel.plot
    window.training_actions.start()
    qtbot.waitUntil(lambda: plot.point_count >= 150, timeout=60000)
    losses, _ = plot.latest()
    assert np.mean(losses[-20:]) < np.mean(losses[:5]) - 0.5
    window.training_actions.toggle_pause()
    qtbot.waitUntil(lambda: window.training.worker.controller.state == "paused", timeout=10000)
    assert window.training_panel.pause_button.text().endswith("Resume")
    # the last steps before the pause may still be on their way to the GUI thread: wait for them
    qtbot.waitUntil(lambda: plot.point_count == window.session.trainer.step, timeout=10000)
    paused_at = plot.point_count
    qtbot.wait(300)
    assert plot.point_count == paused_at
    qtbot.waitUntil(lambda: window.session.inspection_step == paused_at, timeout=10000)
    window.tabs.setCurrentWidget(window.prompt_panel)
    qtbot.waitUntil(lambda: f"step {paused_at:,}" in window.prompt_panel.model_label.text(), timeout=5000)
    window.tabs.setCurrentIndex(0)
    window.training_actions.toggle_pause()
    qtbot.waitUntil(lambda: plot.point_count > paused_at + 5, timeout=10000)
    grab(window, artifacts / "app-training.png")
    with qtbot.waitSignal(window.training_finished, timeout=10000) as finished:
        window.training_actions.stop()
        assert window.training_panel.status_label.text() == "Stopping…", "said at once"
    assert finished.args == ["stopped"]
    trained_step = window.session.trainer.step
    # stopped: the views show the weights that Save writes, and there is nothing left to wait for
    qtbot.waitUntil(lambda: window.session.inspection_step == trained_step, timeout=10000)
    window.tabs.setCurrentWidget(window.prompt_panel)
    qtbot.waitUntil(lambda: f"step {trained_step:,}" in window.prompt_panel.model_label.text(), timeout=10000)
    assert "ETA" not in window.training_panel.stats_label.text()
    window.tabs.setCurrentIndex(0)
    assert window.model_files.save_model_to(tmp_path / "model")
    window.training_actions.reset_model()
    assert window.session.trainer is None and plot.point_count == 0
    assert window.model_files.open_checkpoint(tmp_path / "model")
    assert window.session.trainer.step == trained_step
    assert plot.point_count == trained_step
    assert window.training_panel.start_button.text().endswith("Train more")


def test_divergence_shows_a_message_and_the_app_keeps_running(window, qtbot, monkeypatch):
    from dataclasses import replace
    use_small_model(window, steps=500)
    original = window.settings_panel.train_settings
    monkeypatch.setattr(window.settings_panel, "train_settings",
                        lambda: replace(original(), learning_rate=100, warmup_steps=0, grad_clip=1e9))
    with qtbot.waitSignal(window.training_finished, timeout=60000) as finished:
        window.training_actions.start()
    assert finished.args == ["failed"]
    assert window.message_bar.kind == "error" and "diverged" in window.message_bar.text.text()
    assert all(np.isfinite(p.detach().numpy()).all() for p in window.session.trainer.model.parameters())
    assert window.training_panel.start_button.isEnabled()


def test_changing_the_architecture_asks_before_discarding(window, qtbot):
    use_small_model(window, steps=20)
    with qtbot.waitSignal(window.training_finished, timeout=60000) as finished:
        window.training_actions.start()
    assert finished.args == ["finished"], window.message_bar.text.text()
    # the schedule the run got is drawn beside the loss: warm-up, then decay
    lrs = window.training_panel.plot.learning_rates
    assert lrs == pytest.approx(window.session.trainer.history.lrs) and len(lrs) == window.session.trainer.step
    assert lrs[0] < max(lrs) and lrs[-1] < max(lrs)
    # a finished run is kept in the run list with its model, so nothing would be lost ...
    [run] = window.runs_panel.runs
    assert run.has_checkpoint and window.session.saved_step == window.session.trainer.step
    window.session.saved_step = 0  # ... so pretend it was not, to see the question an unsaved model gets
    asked = []
    window.ask_discard_model = lambda: asked.append(1) or "cancel"
    window.settings_panel.layers.setValue(3)
    assert asked and window.settings_panel.layers.value() == 2 and window.session.trainer is not None
    window.ask_discard_model = lambda: asked.append(1) or "discard"
    window.settings_panel.layers.setValue(3)
    assert len(asked) == 2 and window.session.trainer is None


def test_closing_during_training_stops_the_thread_and_offers_to_save(window, qtbot):
    use_small_model(window, steps=100000)
    window.training_actions.start()
    qtbot.waitUntil(lambda: window.training_panel.plot.point_count > 5, timeout=30000)
    asked = []
    window.ask_save_before_quit = lambda: asked.append(1) or "discard"
    thread = window.training
    window.close()
    assert asked and not window.isVisible()
    assert thread.isFinished()


def test_the_window_has_the_app_icon(window):
    assert not window.windowIcon().isNull()
    assert window.windowIcon().pixmap(64, 64).toImage().pixelColor(32, 8).blue() > 100  # the icon's blue


def test_settings_persist_across_launches(qtbot, tmp_path):
    first = make_window(qtbot, tmp_path / "s.ini")
    first.settings_panel.layers.setValue(6)
    first.settings_panel.lr.setValue(1e-3)
    first.close()
    second = make_window(qtbot, tmp_path / "s.ini")
    assert second.settings_panel.layers.value() == 6
    assert second.settings_panel.lr.value() == pytest.approx(1e-3)


def test_recent_files_are_remembered(window, qtbot, small_file):
    drop_files(window, [small_file])
    qtbot.waitUntil(lambda: window.session.data.corpus.name == "hamlet.txt", timeout=10000)
    assert [a.text() for a in window.recent_menu.actions()] == ["&1 hamlet.txt"]  # &1: chosen with the key 1
    assert str(DEFAULT_CORPUS) not in window.app_settings.recent()


def test_a_live_plot_survives_seconds_of_updates(qtbot):
    """PySide6/pyqtgraph releases have broken live curves before (6.12.0 crashed within seconds)."""
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.show()
    curve = widget.plot([], [])
    ticks = []

    def update():
        ticks.append(1)
        x = np.arange(len(ticks) * 10)
        curve.setData(x, np.sin(x / 20.0) * len(ticks))

    timer = QTimer(interval=20, timeout=update)
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 150, timeout=20000)
    timer.stop()
    assert curve.xData is not None and len(curve.xData) >= 1500


def test_the_settings_column_fits_without_sideways_scrolling(window):
    from PySide6.QtWidgets import QScrollArea
    scroll = window.centralWidget().widget(0)
    assert isinstance(scroll, QScrollArea)
    window.resize(1320, 860)
    for _ in range(3):  # let the layouts settle: posted layout requests, then the scroll range update
        QApplication.sendPostedEvents()
        QApplication.processEvents()
    assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()
    assert scroll.horizontalScrollBar().maximum() == 0, "a label too wide for the column clips the sliders"


def test_every_tab_fits_a_1280x720_projector(window, qtbot, artifacts):
    """Classroom projectors and many laptops are 1280×720: the window (with room for a title bar) fits."""
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 680, hint
    window.resize(1280, 680)
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        qtbot.waitUntil(lambda: window.tabs.currentWidget().isVisible(), timeout=5000)
        assert window.size().width() == 1280 and window.size().height() == 680
        grab(window, artifacts / f"small-screen-tab{i + 1}.png")


@pytest.mark.parametrize("screen", [(1280, 720), (1366, 768), (1920, 1080)])
def test_the_window_opens_within_the_screen(screen):
    from PySide6.QtCore import QRect

    from playground.app.shell.app_settings import fitted_geometry
    available = QRect(0, 0, *screen)
    place = fitted_geometry(None, available)
    assert available.contains(place.adjusted(0, 0, 16, 40)), place  # its frame and title bar fit too
    off_screen = QRect(1500, 900, 1320, 860)  # saved on a larger monitor that is gone now
    assert available.contains(fitted_geometry(off_screen, available))
    inside = QRect(10, 10, 800, 600)
    assert fitted_geometry(inside, available) == inside  # a place that fits is kept


_PLACED = """
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from playground.app.shell.main_window import MainWindow
settings = QSettings(sys.argv[1], QSettings.IniFormat)
w = MainWindow(settings, load_default=False)
w.show()
app.processEvents()
g, a = w.frameGeometry(), w.screen().availableGeometry()
print(a.width(), a.height(), g.x(), g.y(), g.width(), g.height())
w.app_settings.store(w)
"""


@pytest.mark.parametrize("screen", [(1280, 720), (1366, 768)])
def test_the_real_window_opens_on_a_small_screen_and_a_saved_place_from_a_bigger_one_is_not_restored(
        tmp_path, screen):
    import json
    import subprocess
    import sys
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": screen[0], "height": screen[1],
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    settings = tmp_path / "s.ini"
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": 2560, "height": 1440,
                                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    # first on a large monitor, saved at 2560×1440's centre; then the laptop or the projector
    subprocess.run([sys.executable, "-c", _PLACED, str(settings)], check=True, capture_output=True, timeout=60,
                   env=dict(env, QT_QPA_PLATFORM=f"offscreen:configfile={big}"))
    out = subprocess.run([sys.executable, "-c", _PLACED, str(settings)], check=True, capture_output=True,
                         text=True, timeout=60, env=env).stdout.split()
    width, height, x, y, w, h = map(int, out[-6:])
    assert (width, height) == screen
    assert 0 <= x and x + w <= width and 0 <= y and y + h <= height, out
