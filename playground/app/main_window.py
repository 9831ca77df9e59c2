"""The main window: a shell that lays out the panels, the menus and the two background threads.

Every rule lives in the engine's `Session`; the panels subscribe to its changes through `SessionSignals`.
The window turns the user's commands into session calls, runs training in a `TrainingThread` and loads
files in a `CorpusLoader`, and shows every failure as a message.
"""
from __future__ import annotations

import time
from pathlib import Path

import torch
from PySide6.QtCore import QSettings, Qt, QThread, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (QFileDialog, QMainWindow, QMessageBox, QScrollArea, QSplitter, QTabWidget,
                               QVBoxLayout, QWidget)

from ..core.corpus import Corpus
from ..core.runs import RunStore
from ..core.session import DEFAULT_CORPUS, LoadedCorpus, Session, asset_path
from .app_settings import AppSettings
from .corpus_card import CorpusCard
from .corpus_loader import USER_ERRORS, CorpusLoader
from .explain_panel import ExplainPanel
from .message_bar import MessageBar
from .prompt_panel import PromptPanel
from .runs_panel import RunsPanel
from .session_signals import SessionSignals
from .settings_panel import SettingsPanel
from .tokens_panel import TokensPanel
from .training_panel import TrainingPanel
from .training_worker import TrainingThread


class MainWindow(QMainWindow):
    corpus_loaded = Signal(object)
    training_finished = Signal(str)

    def __init__(self, settings: QSettings | None = None, load_default: bool = True,
                 run_store: RunStore | None = None):
        super().__init__()
        # The GUI thread's own torch work (inspection) runs on one core: a second OpenMP team spinning
        # beside the training thread's would fight it for this laptop's few cores.
        torch.set_num_threads(1)
        self.setWindowTitle("Tiny GPT Playground")
        self.setWindowIcon(QIcon(str(asset_path("icon.svg"))))
        self.setAcceptDrops(True)
        self.app_settings = AppSettings(settings)
        self.run_store = run_store or RunStore()
        self.session = Session(self.run_store)
        self.signals = SessionSignals(self.session, self)
        self.loader: CorpusLoader | None = None
        self.training: TrainingThread | None = None
        self.last_open_error: str | None = None  # why the last model could not be opened
        self._retokenize_pending = False

        self.message_bar = MessageBar()
        self.corpus_card = CorpusCard()
        self.settings_panel = SettingsPanel(self.session.config, self.session.settings)
        self.training_panel = TrainingPanel()
        self.prompt_panel = PromptPanel(self.session, self.signals)
        self.explain_panel = ExplainPanel(self.session, self.signals)
        self.tokens_panel = TokensPanel(self.session, self.signals)
        self.runs_panel = RunsPanel(self.run_store)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("main_tabs")
        for panel, title in ((self.training_panel, "Training"), (self.prompt_panel, "Prompt && attention"),
                             (self.explain_panel, "Explain"), (self.tokens_panel, "Tokens"),
                             (self.runs_panel, "Runs")):
            self.tabs.addTab(panel, title)
        self._build_layout()
        self._build_menus()
        self._connect()
        self._restore_settings()
        self._show_training_state(self.session.training_state)
        if load_default:
            self.open_corpus(self.app_settings.last_corpus() or DEFAULT_CORPUS)

    @property
    def saved_step(self) -> int:
        return self.session.saved_step

    @saved_step.setter
    def saved_step(self, step: int) -> None:
        self.session.saved_step = step

    # ---------------------------------------------------------------- layout and wiring
    def _build_layout(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 4, 4, 8)
        left_layout.addWidget(self.corpus_card)
        left_layout.addWidget(self.settings_panel)
        left_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setMinimumWidth(330)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 8, 8, 8)
        right_layout.addWidget(self.message_bar)
        right_layout.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 900])
        self.setCentralWidget(splitter)
        self.resize(1320, 860)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = QAction("&Open text…", self, shortcut=QKeySequence.Open, triggered=self._choose_corpus)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.insertAction(self.recent_menu.menuAction(), self.open_action)
        file_menu.addSeparator()
        self.open_model_action = QAction("Open &model…", self, shortcut=QKeySequence("Ctrl+Shift+O"),
                                         triggered=self._choose_checkpoint)
        file_menu.addAction(self.open_model_action)
        file_menu.addAction(QAction("&Save model…", self, shortcut=QKeySequence.Save, triggered=self._choose_save))
        file_menu.addSeparator()
        file_menu.addAction(QAction("&Quit", self, shortcut=QKeySequence.Quit, triggered=self.close))
        train_menu = self.menuBar().addMenu("&Training")
        self.toggle_action = QAction("Start / pause", self, shortcut=QKeySequence(Qt.Key_Space),
                                     triggered=self.toggle_training)
        self.toggle_action.setShortcutContext(Qt.WindowShortcut)
        train_menu.addAction(self.toggle_action)
        self.addAction(self.toggle_action)
        train_menu.addAction(QAction("Stop", self, shortcut=QKeySequence("Ctrl+."), triggered=self.stop_training))
        train_menu.addAction(QAction("Reset model", self, triggered=self.reset_model))
        self._refresh_recent_menu()
        for i in range(self.tabs.count()):
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, lambda i=i: self.tabs.setCurrentIndex(i))

    def _connect(self) -> None:
        p, s = self.training_panel, self.signals
        p.start_button.clicked.connect(self.start_training)
        p.pause_button.clicked.connect(self.toggle_pause)
        p.stop_button.clicked.connect(self.stop_training)
        p.reset_button.clicked.connect(self.reset_model)
        self.corpus_card.tokenizer_changed.connect(lambda *_: self.retokenize())
        self.settings_panel.architecture_changed.connect(self._on_architecture_changed)
        self.settings_panel.changed.connect(lambda: self.app_settings.save_sliders(self.settings_panel.state()))
        self.settings_panel.config_shown.connect(self.explain_panel.set_config)
        self.explain_panel.set_config(self.settings_panel.model_config())
        self.runs_panel.open_requested.connect(self._open_run)
        self.runs_panel.message.connect(self.show_message)
        s.message.connect(self.show_message)
        s.training_state_changed.connect(self._show_training_state)
        s.corpus_changed.connect(lambda data, _: (self.corpus_card.show_corpus(data),
                                                  self.settings_panel.set_vocab_size(data.tokenizer.vocab_size)))

    def _show_training_state(self, state: str) -> None:
        session = self.session
        running = state in ("running", "paused")
        self.training_panel.show_state(state, session.data is not None,
                                       session.will_continue(self.settings_panel.model_config()),
                                       self.settings_panel.steps.value())
        self.training_panel.reset_button.setEnabled(not running and (session.trainer is not None
                                                                     or session.inspection_model is not None))
        self.settings_panel.set_locked(running)
        self.open_model_action.setEnabled(not running)

    # ---------------------------------------------------------------- data
    def open_corpus(self, path: Path) -> None:
        """Load a text file in the background; on failure the current corpus and model stay."""
        if self.loader is not None and self.loader.isRunning():
            self.show_message("Still loading the previous file; drop this one again in a moment.", "warning")
            return
        self._start_loader(Path(path))

    def retokenize(self, kind: str | None = None, vocab_size: int | None = None) -> None:
        """Cut the loaded text into tokens again with the tokenizer chosen in the data card."""
        if kind is not None:
            self.corpus_card.set_tokenizer_choice(kind, vocab_size or self.corpus_card.tokenizer_choice()[1])
        kind, vocab = self.corpus_card.tokenizer_choice()
        self.app_settings.save_tokenizer(kind, vocab)
        data = self.session.data
        if data is None:
            return
        if self.loader is not None and self.loader.isRunning():
            self._retokenize_pending = True  # picked up when the running load finishes
            return
        if (data.tokenizer.kind, data.requested_vocab) != (kind, vocab if kind == "bpe" else 0):
            self._start_loader(data.corpus)

    def _start_loader(self, source: Path | Corpus) -> None:
        self._retokenize_pending = False
        self.loader = CorpusLoader(source, *self.corpus_card.tokenizer_choice(), parent=self)
        self.loader.progress.connect(self.corpus_card.show_progress)
        self.loader.loaded.connect(self._on_corpus_loaded)
        self.loader.failed.connect(self._on_corpus_failed)
        self.loader.start()

    def _on_corpus_loaded(self, data: LoadedCorpus) -> None:
        self.corpus_card.hide_progress()
        same_text = self.session.data is not None and self.session.data.corpus is data.corpus
        self.session.use_corpus(data)
        path = data.corpus.path
        if path and path.resolve() != DEFAULT_CORPUS.resolve():
            self.app_settings.remember_recent(path)
            self._refresh_recent_menu()
        elif path:
            self.app_settings.forget_last_corpus()
        notes = list(data.corpus.notes) + ([data.vocab_note] if data.vocab_note else [])
        if notes:
            self.show_message(" ".join(notes), "warning")
        elif same_text:
            self.show_message(f"“{data.corpus.name}” is now {len(data.ids):,} tokens from a vocabulary of "
                              f"{data.tokenizer.vocab_size:,}. See the Tokens tab for how it splits.", "info")
        elif path != DEFAULT_CORPUS:
            self.show_message(f"Loaded “{data.corpus.name}”. Press Space or ▶ Train to train on it.", "info")
        self.corpus_loaded.emit(data)
        if self._retokenize_pending:
            self.retokenize()

    def _on_corpus_failed(self, message: str) -> None:
        self.corpus_card.hide_progress()
        data = self.session.data
        self.show_message(message + (f" Still using “{data.corpus.name}”." if data else ""), "error")
        if data is not None:  # the card shows the tokenizer actually in use
            self.corpus_card.set_tokenizer_choice(data.tokenizer.kind, data.requested_vocab or
                                                  self.corpus_card.tokenizer_choice()[1])

    def _choose_corpus(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a text file", str(Path.home()),
                                              "Text files (*.txt *.md *.csv *.py *.tex *.json *.html);;All files (*)")
        if path:
            self.open_corpus(Path(path))

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        if not paths:
            self.show_message("Only files on this computer can be dropped here.", "error")
        elif len(paths) > 1:
            self.show_message(f"{len(paths)} files were dropped: drop one text file at a time "
                              "(or join them into one file first).", "error")
        else:
            self.open_corpus(paths[0])

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.app_settings.recent()
        for path in recent:
            self.recent_menu.addAction(Path(path).name, lambda p=path: self.open_corpus(Path(p))).setToolTip(path)
        self.recent_menu.setEnabled(bool(recent))

    # ---------------------------------------------------------------- training
    def toggle_training(self) -> None:
        if self.session.training_state in ("running", "paused"):
            self.toggle_pause()
        else:
            self.start_training()

    def start_training(self) -> None:
        if self.training is not None:
            return
        session = self.session
        wanted = self.settings_panel.model_config()
        if session.data is not None and not session.will_continue(wanted) and not self._may_discard():
            return
        previous_run = session.run_number
        try:
            controller = session.begin_training(wanted, self.settings_panel.train_settings())
        except USER_ERRORS as e:
            self.show_message(str(e), "error")
            return
        if session.run_number != previous_run:  # a new model: the last run's curve becomes a ghost
            self.training_panel.start_run(f"run {previous_run}", session.trainer.tokens_per_step)
            self.runs_panel.reload()
        self.training = TrainingThread(controller, self)
        worker = self.training.worker
        self.training_panel.follow(worker)
        worker.snapshot.connect(lambda e: session.refresh_inspection_model(e.state_dict, e.step))
        worker.state_changed.connect(self._on_state)
        worker.done.connect(self._on_training_done)
        self.training.start()
        session.training_started()

    def toggle_pause(self) -> None:
        if self.training is None or not self.training.isRunning():
            return
        controller = self.training.worker.controller
        if controller.paused:
            controller.resume()
        else:
            controller.pause()
        self.session.set_training_state("paused" if controller.paused else "running")

    def stop_training(self) -> None:
        if self.training is not None and self.training.isRunning():
            self.training.worker.controller.stop()

    def reset_model(self) -> None:
        if self.session.training_state in ("running", "paused"):
            self.show_message("Stop training before resetting the model.", "warning")
            return
        if self.session.trainer is None and self.session.inspection_model is None:
            return
        self._may_discard(discard=True)

    def _on_state(self, event) -> None:
        if event.state == "failed":
            self.show_message(event.reason, "error")
        elif event.state in ("running", "paused"):
            self.session.set_training_state(event.state)

    def _on_training_done(self, state: str) -> None:
        self.training_panel.show_outcome(state)
        thread, self.training = self.training, None
        if thread is not None:
            thread.wait(2000)
            thread.deleteLater()
        self.session.training_ended()
        self.runs_panel.reload()
        self.training_finished.emit(state)

    def _on_architecture_changed(self) -> None:
        session = self.session
        if session.trainer is None or session.trainer.step == 0 or session.training_state in ("running", "paused") \
                or session.trainer.config == self.settings_panel.model_config():
            self._show_training_state(session.training_state)
        elif not self._may_discard(discard=True):
            self.settings_panel.set_from(session.trainer.config, self.settings_panel.train_settings())

    def _may_discard(self, discard: bool = False) -> bool:
        """The one discard sequence: ask (and save first) if the model is not saved, then — when `discard`
        — drop it, leaving its curve as a ghost. True when the model may go (or went)."""
        if self.session.has_unsaved_model:
            choice = self.ask_discard_model()
            if choice == "cancel" or (choice == "save" and not self._choose_save()):
                return False
        if discard:
            self.training_panel.clear_run(f"run {self.session.run_number}")
            self.session.discard_model()
        return True

    def ask_discard_model(self) -> str:
        """'save', 'discard' or 'cancel'. A method of its own so tests can answer it."""
        box = QMessageBox(QMessageBox.Question, "Discard the trained model?",
                          "This change needs a new model, and the one you trained is not saved.", parent=self)
        save = box.addButton("Save it first…", QMessageBox.AcceptRole)
        discard = box.addButton("Discard it", QMessageBox.DestructiveRole)
        box.addButton(QMessageBox.Cancel)
        box.exec()
        return "save" if box.clickedButton() is save else "discard" if box.clickedButton() is discard else "cancel"

    # ---------------------------------------------------------------- checkpoints
    def _choose_save(self) -> bool:
        if self.session.trainer is None:
            self.show_message("There is no trained model to save yet.", "warning")
            return False
        stem = Path(self.session.data.corpus.name).stem if self.session.data else "model"
        path, _ = QFileDialog.getSaveFileName(self, "Save model as a folder",
                                              str(Path.home() / f"{stem}-step{self.session.trainer.step}"))
        return self.save_model_to(Path(path)) if path else False

    def save_model_to(self, path: Path) -> bool:
        was_running = self.session.training_state == "running"
        if was_running:
            self.training.worker.controller.pause()
            self._wait_until_paused()
        try:
            self.session.save(path)
        except USER_ERRORS as e:
            self.show_message(f"The model could not be saved to “{path}”: {e}", "error")
            return False
        finally:
            if was_running and self.training is not None:
                self.training.worker.controller.resume()
        self.show_message(f"Saved the model (step {self.session.saved_step:,}) to {path}", "info")
        return True

    def _wait_until_paused(self, timeout_s: float = 5.0) -> None:
        """Block briefly until the worker sits between steps, so the weights are not mid-update."""
        deadline = time.monotonic() + timeout_s
        controller = self.training.worker.controller
        while controller.state != "paused" and self.training.isRunning() and time.monotonic() < deadline:
            QThread.msleep(5)

    def _choose_checkpoint(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Open a saved model folder", str(Path.home()))
        if path:
            self.open_checkpoint(Path(path))

    def _open_run(self, run) -> None:
        if not self.open_checkpoint(run.checkpoint_path, run.name) and self.last_open_error:
            self.runs_panel.mark_unopenable(run.id, self.last_open_error)

    def open_checkpoint(self, path: Path, label: str | None = None) -> bool:
        """Open a saved model; False (with a message, and the reason in `last_open_error`) when it cannot."""
        self.last_open_error = None
        if self.session.training_state in ("running", "paused"):
            self.show_message("Stop training before opening another model.", "warning")
            return False
        if not self._may_discard():
            return False
        try:
            checkpoint = self.session.open_checkpoint(path)
        except USER_ERRORS as e:
            self.last_open_error = str(e)
            self.show_message(str(e), "error")
            return False
        self.settings_panel.set_from(checkpoint.config, checkpoint.settings)
        self.training_panel.show_history(f"run {self.session.run_number}",
                                         checkpoint.settings.batch_size * checkpoint.config.context_length,
                                         checkpoint.history)
        note = "" if self.session.model_fits_corpus else \
            " The loaded text does not fit its vocabulary: open its own text to train it further."
        self.show_message(f"Opened “{label or path.name}” (step {checkpoint.step:,}).{note}", "info")
        self._show_training_state(self.session.training_state)
        return True

    # ---------------------------------------------------------------- messages, settings, quitting
    def show_message(self, text: str, kind: str = "info") -> None:
        self.message_bar.show_message(text, kind)

    def _restore_settings(self) -> None:
        geometry = self.app_settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if self.app_settings.sliders():
            self.settings_panel.restore(self.app_settings.sliders())
        tokenizer = self.app_settings.tokenizer()
        if tokenizer is not None:
            self.corpus_card.set_tokenizer_choice(*tokenizer)

    def ask_save_before_quit(self) -> str:
        """'save', 'discard' or 'cancel'. A method of its own so tests can answer it."""
        answer = QMessageBox.question(self, "Save the trained model?",
                                      "The model you trained is not saved. Save it before quitting?",
                                      QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel)
        return {QMessageBox.Save: "save", QMessageBox.Discard: "discard"}.get(answer, "cancel")

    def closeEvent(self, event) -> None:
        if self.session.has_unsaved_model:
            choice = self.ask_save_before_quit()
            if choice == "cancel" or (choice == "save" and not self._choose_save()):
                event.ignore()
                return
        if self.training is not None and self.training.isRunning():
            self.training.stop_and_wait(3000)
        if self.loader is not None:
            self.loader.wait(3000)
        self.prompt_panel.shutdown()
        self.app_settings.save_geometry(self.saveGeometry())
        self.app_settings.save_sliders(self.settings_panel.state())
        self.app_settings.sync()
        event.accept()
