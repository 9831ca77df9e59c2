"""The main window: data → model → training → prompt, following the user's path left to right.

It holds no model logic: it drives a `Session` from the engine, runs training in a `TrainingThread`
and loads files in a `CorpusLoader` thread, and turns every failure into a message in the window.
"""
from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import torch
from PySide6.QtCore import QByteArray, QSettings, Qt, QThread, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (QFileDialog, QMainWindow, QMessageBox, QScrollArea, QSplitter, QTabWidget,
                               QVBoxLayout, QWidget)

from ..core.checkpoint import CheckpointError
from ..core.config import ConfigError
from ..core.corpus import Corpus, CorpusError
from ..core.runs import RunStore, RunWriter
from ..core.session import DEFAULT_CORPUS, LoadedCorpus, Session, prepare_corpus, tokenize_corpus
from ..core.tokenizer import TokenizerError
from ..core.trainer import TrainingError, warm_up
from .corpus_card import CorpusCard
from .explain_panel import ExplainPanel
from .message_bar import MessageBar
from .prompt_panel import PromptPanel
from .settings_panel import ARCHITECTURE_KNOBS, SettingsPanel
from .runs_panel import RunsPanel
from .tokens_panel import TokensPanel
from .training_panel import TrainingPanel
from .training_worker import TrainingThread

USER_ERRORS = (CorpusError, ConfigError, TokenizerError, TrainingError, CheckpointError, ValueError, OSError)
MAX_RECENT = 8


class CorpusLoader(QThread):
    """Reads, decodes and tokenizes a file off the GUI thread (or only re-tokenizes a loaded text)."""
    progress = Signal(float, str)
    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, source: Path | Corpus, tokenizer_kind: str = "char", vocab_size: int = 512, parent=None):
        super().__init__(parent)
        self.source, self.tokenizer_kind, self.vocab_size = source, tokenizer_kind, vocab_size

    def run(self) -> None:
        report = lambda f, what: self.progress.emit(f, what)  # noqa: E731
        name = self.source.name
        try:
            if isinstance(self.source, Corpus):
                data = tokenize_corpus(self.source, self.tokenizer_kind, self.vocab_size, report)
            else:
                data = prepare_corpus(self.source, self.tokenizer_kind, self.vocab_size, report)
            data.stats  # counted here, off the GUI thread
            warm_up()  # so that pressing Train does not stall the window on first-use imports
            self.loaded.emit(data)
        except USER_ERRORS as e:
            self.failed.emit(str(e))
        except Exception as e:  # never let a surprise kill the app: report it
            self.failed.emit(f"“{name}” could not be loaded ({type(e).__name__}: {e}).")


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
        self.setAcceptDrops(True)
        self.qsettings = settings or QSettings("TinyGPTPlayground", "TinyGPTPlayground")
        self.session = Session()
        self.run_store = run_store or RunStore()
        self.run_writer: RunWriter | None = None
        self.last_open_error: str | None = None  # why the last model could not be opened
        self.loader: CorpusLoader | None = None
        self.training: TrainingThread | None = None
        self.saved_step = 0
        self.run_number = 0
        self._model_fits_corpus = True
        self._retokenize_pending = False

        self.message_bar = MessageBar()
        self.corpus_card = CorpusCard()
        self.settings_panel = SettingsPanel(self.session.config, self.session.settings)
        self.training_panel = TrainingPanel()
        self.prompt_panel = PromptPanel(self.session)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("main_tabs")
        self.tabs.addTab(self.training_panel, "Training")
        self.tabs.addTab(self.prompt_panel, "Prompt && attention")
        self.explain_panel = ExplainPanel(self.session)
        self.tabs.addTab(self.explain_panel, "Explain")
        self.tokens_panel = TokensPanel(self.session)
        self.tabs.addTab(self.tokens_panel, "Tokens")
        self.runs_panel = RunsPanel(self.run_store)
        self.tabs.addTab(self.runs_panel, "Runs")
        self._build_layout()
        self._build_menus()
        self._connect()
        self._restore_settings()
        self._update_controls("idle")
        if load_default:
            last = self.qsettings.value("last_corpus", "", str)
            self.open_corpus(Path(last) if last and Path(last).is_file() else DEFAULT_CORPUS)

    # ---------------------------------------------------------------- layout
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
        self.save_action = QAction("&Save model…", self, shortcut=QKeySequence.Save, triggered=self._choose_save)
        file_menu.addAction(self.open_model_action)
        file_menu.addAction(self.save_action)
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
        p = self.training_panel
        p.start_button.clicked.connect(self.start_training)
        p.pause_button.clicked.connect(self.toggle_pause)
        p.stop_button.clicked.connect(self.stop_training)
        p.reset_button.clicked.connect(self.reset_model)
        self.corpus_card.tokenizer_changed.connect(lambda *_: self.retokenize())
        self.settings_panel.architecture_changed.connect(self._on_architecture_changed)
        self.settings_panel.changed.connect(self._save_slider_state)
        self.settings_panel.config_shown.connect(self.explain_panel.set_config)
        self.runs_panel.open_requested.connect(self._open_run)
        self.runs_panel.message.connect(self.show_message)
        self.explain_panel.set_config(self.settings_panel.model_config())
        self.prompt_panel.inspected.connect(self.explain_panel.update_inspection)
        self.prompt_panel.inspection_cleared.connect(lambda: self.explain_panel.update_inspection(None))
        # one prompt, two editors: typing in either updates the other (and so every view)
        self.explain_panel.prompt.setPlainText(self.prompt_panel.prompt_edit.toPlainText())
        self.explain_panel.prompt.textChanged.connect(self._prompt_from_explain)
        self.prompt_panel.prompt_edit.textChanged.connect(self._prompt_to_explain)

    def _prompt_from_explain(self) -> None:
        text = self.explain_panel.prompt.toPlainText()
        if text != self.prompt_panel.prompt_edit.toPlainText():
            self.prompt_panel.prompt_edit.setPlainText(text)

    def _prompt_to_explain(self) -> None:
        text = self.prompt_panel.prompt_edit.toPlainText()
        editor = self.explain_panel.prompt
        if text != editor.toPlainText():
            editor.blockSignals(True)
            cursor_at = editor.textCursor().position()
            editor.setPlainText(text)
            cursor = editor.textCursor()
            cursor.setPosition(min(cursor_at, len(text)))
            editor.setTextCursor(cursor)
            editor.blockSignals(False)

    # ---------------------------------------------------------------- data
    def open_corpus(self, path: Path) -> None:
        """Load a text file in the background; on failure the current corpus and model stay."""
        path = Path(path)
        if self.loader is not None and self.loader.isRunning():
            self.show_message("Still loading the previous file; drop this one again in a moment.", "warning")
            return
        self._start_loader(path)

    def retokenize(self, kind: str | None = None, vocab_size: int | None = None) -> None:
        """Cut the loaded text into tokens again with the tokenizer chosen in the data card."""
        if kind is not None:
            self.corpus_card.set_tokenizer_choice(kind, vocab_size or self.corpus_card.tokenizer_choice()[1])
        self.qsettings.setValue("tokenizer", json.dumps(self.corpus_card.tokenizer_choice()))
        if self.session.data is None:
            return
        if self.loader is not None and self.loader.isRunning():
            self._retokenize_pending = True  # picked up when the running load finishes
            return
        if (self.session.data.tokenizer.kind, self.session.data.requested_vocab) == self._wanted_tokenizer_key():
            return
        self._start_loader(self.session.data.corpus)

    def _wanted_tokenizer_key(self) -> tuple[str, int]:
        kind, vocab = self.corpus_card.tokenizer_choice()
        return kind, vocab if kind == "bpe" else 0

    def _start_loader(self, source: Path | Corpus) -> None:
        self._retokenize_pending = False
        self.loader = CorpusLoader(source, *self.corpus_card.tokenizer_choice(), parent=self)
        self.loader.progress.connect(self.corpus_card.show_progress)
        self.loader.loaded.connect(self._on_corpus_loaded)
        self.loader.failed.connect(self._on_corpus_failed)
        self.loader.start()

    def _on_corpus_loaded(self, data: LoadedCorpus) -> None:
        self.corpus_card.hide_progress()
        had_model = self.session.trainer is not None or self.session.inspection_model is not None
        previous = self.session.data
        self.session.use_corpus(data)
        self.corpus_card.show_corpus(data)
        self.settings_panel.set_vocab_size(data.tokenizer.vocab_size)  # the panel describes the next model
        same_text = previous is not None and previous.corpus is data.corpus
        self._model_fits_corpus = not had_model or (
            same_text and self._model_fits_corpus and self.session.model_tokenizer is not None
            and self.session.model_tokenizer.to_dict() == data.tokenizer.to_dict())
        if data.corpus.path and data.corpus.path.resolve() != DEFAULT_CORPUS.resolve():
            self._remember_recent(data.corpus.path)
        elif data.corpus.path:
            self.qsettings.setValue("last_corpus", "")
        notes = list(data.corpus.notes) + ([data.vocab_note] if data.vocab_note else [])
        if notes:
            self.show_message(" ".join(notes), "warning")
        elif same_text:
            self.show_message(f"“{data.corpus.name}” is now {len(data.ids):,} tokens from a vocabulary of "
                              f"{data.tokenizer.vocab_size:,}. See the Tokens tab for how it splits.", "info")
        elif data.corpus.path != DEFAULT_CORPUS:
            self.show_message(f"Loaded “{data.corpus.name}”. Press Space or ▶ Train to train on it.", "info")
        self._update_controls(self._training_state())
        self.tokens_panel.refresh()
        self.corpus_loaded.emit(data)
        if self._retokenize_pending:
            self.retokenize()

    def _on_corpus_failed(self, message: str) -> None:
        self.corpus_card.hide_progress()
        kept = f" Still using “{self.session.data.corpus.name}”." if self.session.data else ""
        self.show_message(message + kept, "error")
        if self.session.data is not None:  # the card shows the tokenizer actually in use
            t = self.session.data.tokenizer
            self.corpus_card.set_tokenizer_choice(t.kind, self.session.data.requested_vocab or
                                                  self.corpus_card.tokenizer_choice()[1])

    def _choose_corpus(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a text file", str(Path.home()),
                                              "Text files (*.txt *.md *.csv *.py *.tex *.json *.html);;All files (*)")
        if path:
            self.open_corpus(Path(path))

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

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

    def _remember_recent(self, path: Path) -> None:
        recent = [p for p in self._recent() if p != str(path)]
        recent.insert(0, str(path))
        self.qsettings.setValue("recent", json.dumps(recent[:MAX_RECENT]))
        self.qsettings.setValue("last_corpus", str(path))
        self._refresh_recent_menu()

    def _recent(self) -> list[str]:
        try:
            value = json.loads(self.qsettings.value("recent", "[]", str))
            return [str(p) for p in value] if isinstance(value, list) else []
        except (json.JSONDecodeError, TypeError):
            return []

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self._recent():
            self.recent_menu.addAction(Path(path).name, lambda p=path: self.open_corpus(Path(p))).setToolTip(path)
        self.recent_menu.setEnabled(bool(self._recent()))

    # ---------------------------------------------------------------- training
    def _training_state(self) -> str:
        if self.training is not None and self.training.isRunning():
            return "paused" if self.training.worker.controller.paused else "running"
        return "trained" if self.session.trainer is not None and self.session.trainer.step > 0 else "idle"

    def toggle_training(self) -> None:
        state = self._training_state()
        if state in ("running", "paused"):
            self.toggle_pause()
        else:
            self.start_training()

    def start_training(self) -> None:
        if self.training is not None and self.training.isRunning():
            return
        if self.session.data is None:
            self.show_message("Load a text first: drop a file on the window or use File ▸ Open.", "error")
            return
        trainer = self.session.trainer
        wanted = self.settings_panel.model_config()
        continuing = (trainer is not None and trainer.step > 0 and self._model_fits_corpus
                      and trainer.config == wanted)
        try:
            if continuing:
                controller = self.session.continue_training(self.settings_panel.steps.value())
            else:
                if trainer is not None and trainer.step > 0 and not self._confirm_discard_or_cancel():
                    return
                self.training_panel.plot.keep_as_ghost(f"run {self.run_number}")
                wanted = replace(wanted, vocab_size=self.session.data.tokenizer.vocab_size)
                self.session.new_trainer(wanted, self.settings_panel.train_settings())
                self.saved_step = 0
                self.run_number += 1
                self._model_fits_corpus = True
                self.training_panel.plot.reset()
                self.training_panel.plot.tokens_per_step = self.session.trainer.tokens_per_step
                controller = self.session.controller
                self.run_writer = self._new_run_record()
        except USER_ERRORS as e:
            self.show_message(str(e), "error")
            return
        if self.run_writer is not None and self.run_writer.trainer is self.session.trainer:
            controller.add_callback(self.run_writer)
        self.training = TrainingThread(controller, self)
        w = self.training.worker
        w.steps.connect(self._on_steps)
        w.evaluated.connect(self._on_eval)
        w.sampled.connect(lambda e: self.training_panel.show_sample(e.step, e.text))
        w.snapshot.connect(self._on_snapshot)
        w.state_changed.connect(self._on_state)
        w.done.connect(self._on_training_done)
        self.training.start()
        self.prompt_panel.set_model_available(True)
        self._update_controls("running")

    def _open_run(self, run) -> None:
        if not self.open_checkpoint(run.checkpoint_path, run.name) and self.last_open_error:
            self.runs_panel.mark_unopenable(run.id, self.last_open_error)

    def _new_run_record(self) -> RunWriter | None:
        """Every run is kept in the run list; a full or read-only disk costs the record, never the run."""
        try:
            writer = self.run_store.create(self.session.trainer, self.session.data.corpus.name,
                                           name=f"{Path(self.session.data.corpus.name).stem} · run {self.run_number}")
        except OSError as e:
            self.show_message(f"This run is not kept in the run list: {self.run_store.root} cannot be written "
                              f"({e.strerror or e}). Training goes on.", "warning")
            return None
        self.runs_panel.reload()
        return writer

    def toggle_pause(self) -> None:
        if self.training is None or not self.training.isRunning():
            return
        controller = self.training.worker.controller
        if controller.paused:
            controller.resume()
            self._update_controls("running")
        else:
            controller.pause()
            self._update_controls("paused")

    def stop_training(self) -> None:
        if self.training is not None and self.training.isRunning():
            self.training.worker.controller.stop()

    def reset_model(self) -> None:
        if self._training_state() in ("running", "paused"):
            self.show_message("Stop training before resetting the model.", "warning")
            return
        if self.session.trainer is None and self.session.inspection_model is None:
            return
        if not self._confirm_discard_or_cancel():
            return
        self.training_panel.plot.keep_as_ghost(f"run {self.run_number}")
        self.training_panel.plot.reset()
        self.session.discard_model()
        self.prompt_panel.set_model_available(False)
        self.training_panel.progress.setValue(0)
        self.training_panel.stats_label.setText("—")
        self._update_controls("idle")

    def _on_steps(self, events) -> None:
        last = events[-1]
        self.training_panel.plot.add_steps([e.step for e in events], [e.loss for e in events],
                                           [e.lr for e in events])
        self.training_panel.show_progress(last.step, last.max_steps, last.tokens_per_s, last.elapsed_s, last.loss)

    def _on_eval(self, event) -> None:
        self.training_panel.plot.add_val(event.step, event.val_loss)

    def _on_snapshot(self, event) -> None:
        self.session.refresh_inspection_model(event.state_dict, event.step)
        self.prompt_panel.model_updated()

    def _on_state(self, event) -> None:
        if event.state == "failed":
            self.show_message(event.reason, "error")
        elif event.state in ("running", "paused"):
            self._update_controls(event.state)

    def _on_training_done(self, state: str) -> None:
        self.training_panel.status_label.setText({"finished": "Finished", "stopped": "Stopped",
                                                  "failed": "Stopped: error"}.get(state, state))
        thread, self.training = self.training, None
        if thread is not None:
            thread.wait(2000)
            thread.deleteLater()
        self._update_controls("trained" if self.session.trainer and self.session.trainer.step else "idle")
        writer = self.run_writer
        if writer is not None and writer.save_error is not None:
            self.show_message(f"The trained model could not be kept in the run list: {writer.save_error} "
                              "It is still here: save it elsewhere with File ▸ Save model (Ctrl+S).", "error")
        elif writer is not None and writer.trainer is self.session.trainer and writer.record.has_checkpoint:
            self.saved_step = self.session.trainer.step  # kept in the run list: quitting loses nothing
        self.runs_panel.reload()
        self.training_finished.emit(state)

    def _update_controls(self, state: str) -> None:
        p = self.training_panel
        running = state in ("running", "paused")
        p.start_button.setEnabled(not running and self.session.data is not None)
        p.start_button.setText("▶  Train more" if state == "trained" and self._model_fits_corpus and
                               self.session.trainer is not None and
                               self.session.trainer.config == self.settings_panel.model_config() else "▶  Train")
        p.pause_button.setEnabled(running)
        p.pause_button.setText("▶  Resume" if state == "paused" else "‖  Pause")
        p.stop_button.setEnabled(running)
        p.reset_button.setEnabled(not running and (self.session.trainer is not None
                                                   or self.session.inspection_model is not None))
        for name in ARCHITECTURE_KNOBS:
            getattr(self.settings_panel, name).setEnabled(not running)
        self.settings_panel.dropout.setEnabled(not running)
        self.settings_panel.batch.setEnabled(not running)
        self.open_action.setEnabled(True)
        self.open_model_action.setEnabled(not running)
        if state in ("running", "paused"):
            p.status_label.setText("Training…" if state == "running" else "Paused")
        elif state == "idle":
            p.status_label.setText("Ready to train")
            p.progress.setRange(0, self.settings_panel.steps.value())
            p.progress.setValue(0)

    # ---------------------------------------------------------------- architecture changes
    def _on_architecture_changed(self) -> None:
        trainer = self.session.trainer
        if trainer is None or trainer.step == 0 or self._training_state() in ("running", "paused"):
            self._update_controls(self._training_state())
            return
        if trainer.config == self.settings_panel.model_config():
            self._update_controls(self._training_state())
            return
        if self._confirm_discard_or_cancel():
            self.training_panel.plot.keep_as_ghost(f"run {self.run_number}")
            self.training_panel.plot.reset()
            self.session.discard_model()
            self.prompt_panel.set_model_available(False)
            self._update_controls("idle")
        else:
            self.settings_panel.set_from(trainer.config, self.settings_panel.train_settings())

    def _confirm_discard_or_cancel(self) -> bool:
        """True when the current model may go (saved first if the user asked)."""
        trainer = self.session.trainer
        if trainer is None or trainer.step == self.saved_step:
            return True
        choice = self.ask_discard_model()
        if choice == "save":
            return self._choose_save()
        return choice == "discard"

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
        name = f"{Path(self.session.data.corpus.name).stem if self.session.data else 'model'}-step{self.session.trainer.step}"
        path, _ = QFileDialog.getSaveFileName(self, "Save model as a folder", str(Path.home() / name))
        return self.save_model_to(Path(path)) if path else False

    def save_model_to(self, path: Path) -> bool:
        was_running = self._training_state() == "running"
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
        self.saved_step = self.session.trainer.step
        self.show_message(f"Saved the model (step {self.saved_step:,}) to {path}", "info")
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

    def open_checkpoint(self, path: Path, label: str | None = None) -> bool:
        if self._training_state() in ("running", "paused"):
            self.show_message("Stop training before opening another model.", "warning")
            return False
        if not self._confirm_discard_or_cancel():
            return False
        self.last_open_error = None
        try:
            checkpoint = self.session.open_checkpoint(path)
        except USER_ERRORS as e:
            self.last_open_error = str(e)
            self.show_message(str(e), "error")
            return False
        self.saved_step = checkpoint.step
        self.settings_panel.set_from(checkpoint.config, checkpoint.settings)
        self._model_fits_corpus = self.session.trainer is not None
        plot = self.training_panel.plot
        plot.keep_as_ghost(f"run {self.run_number}")
        plot.tokens_per_step = checkpoint.settings.batch_size * checkpoint.config.context_length
        h = checkpoint.history
        plot.set_history(h.steps, h.losses, h.val_steps, h.val_losses, h.lrs)
        self.prompt_panel.set_model_available(True)
        note = "" if self._model_fits_corpus else \
            " The loaded text does not fit its vocabulary: open its own text to train it further."
        self.show_message(f"Opened “{label or path.name}” (step {checkpoint.step:,}).{note}", "info")
        self._update_controls("trained" if self.session.trainer else "idle")
        return True

    # ---------------------------------------------------------------- messages & settings
    def show_message(self, text: str, kind: str = "info") -> None:
        self.message_bar.show_message(text, kind)

    def _save_slider_state(self) -> None:
        self.qsettings.setValue("sliders", json.dumps(self.settings_panel.state()))

    def _restore_settings(self) -> None:
        geometry = self.qsettings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        try:
            state = json.loads(self.qsettings.value("sliders", "{}", str))
        except (json.JSONDecodeError, TypeError):
            state = {}
        if isinstance(state, dict) and state:
            self.settings_panel.restore(state)
        try:
            kind, vocab = json.loads(self.qsettings.value("tokenizer", "[]", str))
            self.corpus_card.set_tokenizer_choice(str(kind), int(vocab))
        except (json.JSONDecodeError, TypeError, ValueError):
            pass  # first start, or a damaged settings file: characters

    def ask_save_before_quit(self) -> str:
        """'save', 'discard' or 'cancel'. A method of its own so tests can answer it."""
        answer = QMessageBox.question(self, "Save the trained model?",
                                      "The model you trained is not saved. Save it before quitting?",
                                      QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel)
        return {QMessageBox.Save: "save", QMessageBox.Discard: "discard"}.get(answer, "cancel")

    def closeEvent(self, event) -> None:
        trainer = self.session.trainer
        if trainer is not None and trainer.step > self.saved_step:
            choice = self.ask_save_before_quit()
            if choice == "cancel":
                event.ignore()
                return
            if choice == "save" and not self._choose_save():
                event.ignore()
                return
        if self.training is not None and self.training.isRunning():
            self.training.stop_and_wait(3000)
        if self.loader is not None:
            self.loader.wait(3000)
        self.prompt_panel.shutdown()
        self.qsettings.setValue("geometry", self.saveGeometry())
        self._save_slider_state()
        self.qsettings.sync()
        event.accept()
