"""Building and driving the real main window in tests."""
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from playground.app.shell.main_window import MainWindow
from playground.app.widgets.theme import apply_theme
from playground.core.model.config import GPTConfig
from playground.core.training.settings import TrainSettings

_themed = False


def make_window(qtbot, settings_path: Path, load_default: bool = True) -> MainWindow:
    global _themed
    if not _themed:
        apply_theme(QApplication.instance())
        _themed = True
    window = MainWindow(QSettings(str(settings_path), QSettings.IniFormat), load_default=load_default)
    window.ask_save_before_quit = lambda: "discard"
    window.ask_discard_model = lambda: "discard"
    qtbot.addWidget(window)
    window.show()
    # the offscreen screen is 800×600, and the window now opens within its screen: tests see the window
    # at its preferred size, as on a desktop monitor (the 1280×720 tests resize it themselves)
    window.resize(1320, 860)
    if load_default:
        qtbot.waitUntil(lambda: window.session.data is not None, timeout=30000)
    return window


def drop_files(window, paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(200, 200), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)


def use_small_model(window, steps: int = 60) -> None:
    """Sliders for a model that trains in a few seconds."""
    p = window.settings_panel
    p.layers.setValue(2)
    p.heads.setValue(2)
    p.d_model.setValue(32)
    p.context.setValue(32)
    p.batch.setValue(8)
    p.steps.setValue(steps)


def train_synchronously(window, steps: int = 40, **config) -> None:
    """A small trained model in the session, without the training thread (for prompt tests)."""
    shape = {"n_layer": 2, "n_head": 2, "d_model": 32, "context_length": 32}
    shape.update(config)
    session = window.session
    trainer = session.new_trainer(session.model_config(**shape),
                                  TrainSettings(batch_size=16, learning_rate=1e-2, warmup_steps=min(5, steps - 1), max_steps=steps))
    for _ in range(steps):
        trainer.train_step()
    session.refresh_inspection_model(trainer.snapshot(), trainer.step)
    window.session.saved_step = trainer.step
    window.prompt_panel.set_model_available(True)


def grab(widget, path: Path) -> None:
    QApplication.processEvents()
    widget.grab().save(str(path))



__all__ = ["make_window", "drop_files", "use_small_model", "train_synchronously", "grab", "GPTConfig"]
