"""The main window: a shell that lays out the panels, the menus and the two background threads.

Every rule lives in the engine's `Session`; the panels subscribe to its changes through `SessionSignals`.
The window turns the user's commands into session calls, runs training in a `TrainingThread` and loads
files in a `CorpusLoader`, and shows every failure as a message.
"""
from __future__ import annotations

from pathlib import Path

import torch
from PySide6.QtCore import QRect, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.export import ExportError, export_model
from ..core.lesson import missing_text_message
from ..core.loaded_corpus import DEFAULT_CORPUS, asset_path
from ..core.pretrained import DOWNLOADABLE, describe_pretrained, fine_tune_estimate, is_pretrained_folder
from ..core.runs import RunStore, default_runs_dir
from ..core.session import Session
from ..core.training_state import is_active
from ..core.verdict import token_word, variant_note
from ..core.words import integer, number, translate
from . import dialogs, language
from .app_settings import AppSettings
from .corpus_card import CorpusCard
from .corpus_loader import USER_ERRORS, LessonReader, ModelDownloader, TextOpener
from .explain_panel import ExplainPanel
from .heads_panel import HeadsPanel
from .message_bar import MessageBar
from .prompt_panel import PromptPanel
from .runs_panel import RunsPanel
from .session_signals import SessionSignals
from .settings_panel import SettingsPanel
from .surprise_panel import SurprisePanel
from .timeline_bar import TimelineBar
from .tokens_panel import TokensPanel
from .tour_panel import TourGuide
from .training_panel import TrainingPanel
from .training_worker import TrainingRunner, TrainingThread
from .why_panel import WhyPanel


def run_label(number_of_run: int) -> str:
    return translate("main_window", "run {n}").format(n=number_of_run)


class MainWindow(QMainWindow):
    corpus_loaded = Signal(object)
    training_finished = Signal(str)
    lesson_opened = Signal(object)

    def __init__(self, settings: QSettings | None = None, load_default: bool = True,
                 run_store: RunStore | None = None):
        super().__init__()
        # The GUI thread's own torch work (inspection) runs on one core: a second OpenMP team spinning
        # beside the training thread's would fight it for this laptop's few cores.
        torch.set_num_threads(1)
        self.setWindowTitle(translate("main_window", "Tiny GPT Playground"))
        self.setWindowIcon(QIcon(str(asset_path("icon.svg"))))
        self.setAcceptDrops(True)
        self.app_settings = AppSettings(settings)
        self.run_store = run_store or RunStore()
        self.session = Session(self.run_store)
        self.signals = SessionSignals(self.session, self)
        self.runner = TrainingRunner(self.session, self)
        self.last_open_error: str | None = None  # why the last model could not be opened
        self.restart_requested = False  # the user asked to start again (another language)
        self.lesson_name: str | None = None
        self.lesson_reader: LessonReader | None = None
        self.downloader: ModelDownloader | None = None

        self.message_bar = MessageBar()
        self.corpus_card = CorpusCard()
        self.settings_panel = SettingsPanel(self.session.config, self.session.settings)
        self.training_panel = TrainingPanel()
        self.prompt_panel = PromptPanel(self.session, self.signals)
        self.explain_panel = ExplainPanel(self.session, self.signals)
        self.tokens_panel = TokensPanel(self.session, self.signals)
        self.surprise_panel = SurprisePanel(self.session, self.signals)
        self.heads_panel = HeadsPanel(self.session, self.signals)
        self.timeline_bar = TimelineBar(self.session, self.signals)
        self.runs_panel = RunsPanel(self.run_store)
        self.why_panel = WhyPanel(self.session, self.signals)
        self.opener = TextOpener(self.session, self.app_settings, self.corpus_card, self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("main_tabs")
        for panel, title in ((self.training_panel, translate("main_window", "Training")),
                             (self.prompt_panel, translate("main_window", "Prompt && attention")),
                             (self.explain_panel, translate("main_window", "Explain")), (self.surprise_panel, translate("main_window", "Surprise")),
                             (self.heads_panel, translate("main_window", "Heads")), (self.tokens_panel, translate("main_window", "Tokens")),
                             (self.runs_panel, translate("main_window", "Runs")),
                             (self.why_panel, translate("main_window", "Why this token?"))):
            self.tabs.addTab(panel, title)
        self._build_layout()
        self.file_drops = dialogs.FileDrops(self.dropEvent, self)
        self.file_drops.watch(self.findChildren(QPlainTextEdit) + self.findChildren(QLineEdit))
        self.tour = TourGuide(self)
        self._build_menus()
        self._connect()
        self.app_settings.restore(self)
        self._show_training_state(self.session.training_state)
        if load_default:
            self.open_corpus(self.app_settings.last_corpus() or DEFAULT_CORPUS)

    @property
    def training(self) -> TrainingThread | None:
        return self.runner.thread

    # ---------------------------------------------------------------- layout and wiring
    def _build_layout(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 4, 4, 8)
        for widget in (self.corpus_card, self.settings_panel):
            left_layout.addWidget(widget)
        left_layout.addStretch(1)
        scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.NoFrame, minimumWidth=330)
        scroll.setWidget(left)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 8, 8, 8)
        right_layout.addWidget(self.message_bar)
        right_layout.addWidget(self.timeline_bar)
        right_layout.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 900])
        self.setCentralWidget(splitter)
        self.resize(1320, 860)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(translate("main_window", "&File"))
        self.open_action = QAction(translate("main_window", "&Open text…"), self, shortcut=QKeySequence.Open, triggered=self._choose_corpus)
        self.recent_menu = file_menu.addMenu(translate("main_window", "Open &Recent"))
        file_menu.insertAction(self.recent_menu.menuAction(), self.open_action)
        file_menu.addSeparator()
        self.open_model_action = QAction(translate("main_window", "Open &model…"), self, shortcut=QKeySequence("Ctrl+Shift+O"),
                                         triggered=self._choose_checkpoint)
        file_menu.addAction(self.open_model_action)
        self.open_pretrained_action = QAction(translate("main_window", "Open &pretrained model (GPT-2)…"), self,
                                              shortcut=QKeySequence("Ctrl+Shift+P"), triggered=self._choose_pretrained)
        file_menu.addAction(self.open_pretrained_action)
        download_menu = file_menu.addMenu(translate("main_window", "&Download a pretrained model"))
        for name in DOWNLOADABLE:
            download_menu.addAction(name, lambda name=name: self.download_pretrained(name))
        file_menu.addAction(QAction(translate("main_window", "&Save model…"), self, shortcut=QKeySequence.Save, triggered=self._choose_save))
        self.export_action = QAction(translate("main_window", "&Export for Hugging Face…"), self,
                                     shortcut=QKeySequence("Ctrl+Shift+E"), triggered=self._choose_export)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        self.open_lesson_action = QAction(translate("main_window", "Open &lesson…"), self, triggered=self._choose_lesson)
        file_menu.addAction(self.open_lesson_action)
        file_menu.addAction(QAction(translate("main_window", "Save l&esson…"), self, triggered=self._choose_lesson_save))
        file_menu.addSeparator()
        file_menu.addAction(QAction(translate("main_window", "&Quit"), self, shortcut=QKeySequence.Quit, triggered=self.close))
        train_menu = self.menuBar().addMenu(translate("main_window", "&Training"))
        self.toggle_action = QAction(translate("main_window", "Start / pause"), self, shortcut=QKeySequence(Qt.Key_Space),
                                     triggered=self.toggle_training)
        self.toggle_action.setShortcutContext(Qt.WindowShortcut)
        train_menu.addAction(self.toggle_action)
        self.addAction(self.toggle_action)
        train_menu.addAction(QAction(translate("main_window", "Stop"), self, shortcut=QKeySequence("Ctrl+."), triggered=self.stop_training))
        train_menu.addAction(QAction(translate("main_window", "Reset model"), self, triggered=self.reset_model))
        view_menu = self.menuBar().addMenu(translate("main_window", "&View"))
        self.language_menu = view_menu.addMenu(translate("main_window", "&Language"))
        self.language_actions = QActionGroup(self)
        chosen = self.app_settings.language()
        for key, name in language.CHOICES:
            action = QAction(translate("language", name), self, checkable=True, checked=key == chosen)
            action.setData(key)
            action.triggered.connect(lambda _on, key=key: self.choose_language(key))
            self.language_actions.addAction(action)
            self.language_menu.addAction(action)
        help_menu = self.menuBar().addMenu(translate("main_window", "&Help"))
        self.tour_action = QAction(translate("main_window", "&Tour of the Transformer…"), self, shortcut=QKeySequence("F1"),
                                   triggered=lambda: self.tour.start())
        help_menu.addAction(self.tour_action)
        self._refresh_recent_menu()
        for i in range(self.tabs.count()):
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, lambda i=i: self.tabs.setCurrentIndex(i))

    def _connect(self) -> None:
        p, s = self.training_panel, self.signals
        p.start_button.clicked.connect(self.start_training)
        p.pause_button.clicked.connect(self.toggle_pause)
        p.stop_button.clicked.connect(self.stop_training)
        p.reset_button.clicked.connect(self.reset_model)
        p.step_button.clicked.connect(self.runner.step_once)
        p.lr_scale_changed.connect(self.runner.set_lr_scale)
        p.sample_temperature_changed.connect(self.runner.set_sample_temperature)
        self.corpus_card.tokenizer_changed.connect(lambda *_: self.retokenize())
        self.settings_panel.architecture_changed.connect(self._on_architecture_changed)
        self.settings_panel.changed.connect(lambda: self.app_settings.save_sliders(self.settings_panel.state()))
        self.settings_panel.config_shown.connect(self.explain_panel.set_config)
        self.explain_panel.set_config(self.settings_panel.model_config())
        self.runs_panel.open_requested.connect(self._open_run)
        self.runs_panel.message.connect(self.show_message)
        s.message.connect(self.show_message)
        self.opener.message.connect(self.show_message)
        self.opener.loaded.connect(lambda data: (self._refresh_recent_menu(), self.corpus_loaded.emit(data)))
        self.runner.failed.connect(lambda reason: self.show_message(reason, "error"))
        self.runner.finished.connect(self._on_training_done)
        s.training_state_changed.connect(self._show_training_state)
        s.corpus_changed.connect(lambda data, _: (self.corpus_card.show_corpus(data),
                                                  self.settings_panel.set_vocab_size(data.tokenizer.vocab_size),
                                                  self._show_yardsticks(data)))
        s.yardsticks_ready.connect(self._show_yardsticks)
        s.model_changed.connect(lambda: self.session.data is not None and self._show_yardsticks(self.session.data))
        self.settings_panel.changed.connect(self._advise_on_size)
        self.settings_panel.changed.connect(lambda: self.training_panel.set_planned_steps(self.settings_panel.steps.value()))
        self.settings_panel.architecture_changed.connect(self._advise_on_size)
        self.corpus_card.advice_accepted.connect(self.use_advice)
        p.keep_best_requested.connect(self.keep_best_weights)
        self.heads_panel.head_clicked.connect(self.show_head)
        self.why_panel.head_requested.connect(self.show_head)
        self.prompt_panel.compare_button.clicked.connect(self._choose_comparison)
        self.timeline_bar.step_viewed.connect(self.training_panel.plot.mark_step)

    # ---------------------------------------------------------------- the tour and the language
    def session_tour_steps(self):
        return self.session.tour_steps(self.settings_panel.model_config())

    def show_tour_place(self, step) -> None:
        """Bring the step's place into view: its tab, and in the Explain tab its piece of the diagram."""
        if step.place == "tokens":
            self.tabs.setCurrentWidget(self.tokens_panel)
        elif step.place == "loss":
            self.tabs.setCurrentWidget(self.training_panel)
        elif step.place == "generate":
            self.tabs.setCurrentWidget(self.prompt_panel)
        else:
            self.tabs.setCurrentWidget(self.explain_panel)
            self.explain_panel.views.setCurrentIndex(0)
            self.explain_panel.select_piece(step.piece)

    def tour_target_rect(self, step) -> QRect:
        """Where the spotlight goes, in the window's coordinates."""
        def rect_of(widget, inner: QRect | None = None) -> QRect:
            r = inner if inner is not None else widget.rect()
            return QRect(widget.mapTo(self, r.topLeft()), r.size())
        if step.place == "tokens":
            return rect_of(self.tokens_panel.sentence_tokens)
        if step.place == "loss":
            return rect_of(self.training_panel.plot)
        if step.place == "generate":
            return rect_of(self.prompt_panel.bars).united(rect_of(self.prompt_panel.generate_button))
        diagram = self.explain_panel.diagram
        self.explain_panel.reveal_piece(step.piece)
        return rect_of(diagram, diagram.rect_of(step.piece).toAlignedRect()).intersected(
            rect_of(self.explain_panel.diagram_scroll.viewport()))

    def train_for(self, steps: int) -> None:
        """The tour's offer: train this many (more) steps now."""
        if self.runner.running:
            return
        self.settings_panel.steps.setValue(steps)
        self.start_training()

    def offer_tour_once(self) -> None:
        """On the first launch, say that the tour exists (once; Help ▸ Tour opens it any time)."""
        if self.app_settings.tour_offered():
            return
        self.app_settings.mark_tour_offered()
        self.message_bar.show_message(translate("main_window", "New here? A short tour walks through every idea of the Transformer on "
                                                "your own model (Help ▸ Tour, F1)."), "info", timeout_ms=0,
                                      action=(translate("main_window", "Take the tour"), lambda: self.tour.start(0)))

    def choose_language(self, choice: str) -> None:
        if choice == self.app_settings.language():
            return
        self.app_settings.save_language(choice)
        self.app_settings.sync()
        self.message_bar.show_message(translate("main_window", "The language changes when the app starts again. Your settings are kept; "
                                                "save a model you want to keep before restarting."), "info",
                                      timeout_ms=0, action=(translate("main_window", "Restart now"), self.restart))

    def restart(self) -> None:
        """Close as the user would (asking to save an unsaved model); the launcher then starts again."""
        self.restart_requested = True
        if not self.close():
            self.restart_requested = False

    def show_head(self, layer: int, head: int) -> None:
        self.tabs.setCurrentWidget(self.prompt_panel)
        self.prompt_panel.attention.select(layer, head)

    def _show_yardsticks(self, data) -> None:
        """The loaded text's baselines and copy index, or that they are still being counted."""
        ready = data.yardsticks_ready
        word = token_word(data.tokenizer.kind)
        self.corpus_card.show_baselines(data.baselines if ready else None)
        # the plot shows the model's curves: baselines in another tokenizer's units would mislead
        same_units = self.session.trainer is None or self.session.model_fits_corpus
        self.training_panel.set_yardsticks(data.baselines if ready and same_units else None, word,
                                           data.copy_index if ready else None)
        self.prompt_panel.copy_marks.index = data.copy_index if ready else None
        self._advise_on_size()

    def _advise_on_size(self) -> None:
        self.corpus_card.show_advice(self.session.size_advice(self.settings_panel.model_config(),
                                                              self.settings_panel.train_settings(),
                                                              bool(self.settings_panel.lesson_lock)))

    def _show_training_state(self, state: str) -> None:
        session, running = self.session, is_active(state)
        self.training_panel.show_state(state, session.data is not None,
                                       session.will_continue(self.settings_panel.model_config()),
                                       session.inspection_model is not None, self.settings_panel.steps.value())
        self.settings_panel.set_locked(running)
        self.open_model_action.setEnabled(not running)

    # ---------------------------------------------------------------- data
    def open_corpus(self, path: Path) -> None:
        self.opener.open(path)

    def retokenize(self, kind: str | None = None, vocab_size: int | None = None) -> None:
        if kind is not None:
            self.corpus_card.set_tokenizer_choice(kind, vocab_size or self.corpus_card.tokenizer_choice()[1])
        self.opener.retokenize()

    def _choose_corpus(self) -> None:
        if path := dialogs.choose_text_file(self):
            self.open_corpus(path)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, event) -> None:
        event.acceptProposedAction()
        dropped = dialogs.dropped_text_file(event.mimeData())
        if isinstance(dropped, Path) and dropped.is_dir() and (
                is_pretrained_folder(dropped) or (dropped / "checkpoint.json").is_file()):
            self.open_checkpoint(dropped)  # a model folder: a GPT-2 from Hugging Face, or a saved model
        else:
            self.open_corpus(dropped) if isinstance(dropped, Path) else self.show_message(dropped, "error")

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.app_settings.recent():
            self.recent_menu.addAction(Path(path).name, lambda p=path: self.open_corpus(Path(p))).setToolTip(path)
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    # ---------------------------------------------------------------- training
    def toggle_training(self) -> None:
        if is_active(self.session.training_state):
            self.toggle_pause()
        else:
            self.start_training()

    def start_training(self) -> None:
        wanted = self.settings_panel.model_config()
        if self.runner.running or (self.session.data is not None and not self.session.will_continue(wanted)
                                   and not self._may_discard()):
            return
        ghost = run_label(self.session.run_number)
        try:
            worker, new_model = self.runner.start(wanted, self.settings_panel.train_settings())
        except USER_ERRORS as e:
            self.show_message(str(e), "error")
            return
        if new_model:  # the last run's curve becomes a ghost
            self.training_panel.start_run(ghost, self.session.trainer.tokens_per_step)
            self.runs_panel.reload()
        self.training_panel.follow(worker, self.session.trainer.settings.max_steps)

    def toggle_pause(self) -> None:
        self.runner.toggle_pause()

    def stop_training(self) -> None:
        if self.runner.running:
            self.training_panel.show_stopping()
            self.runner.stop()

    def keep_best_weights(self) -> None:
        """Stop and keep the weights of the lowest validation loss; after a run, go back to them."""
        if self.runner.running:
            self.training_panel.show_stopping()
            self.runner.stop(keep_best=True)
        elif (step := self.session.restore_best_weights()) is not None:
            trainer = self.session.trainer
            self.training_panel.show_kept_best(step, trainer.best_val)
            self.training_panel.show_sample(step, trainer.sample(trainer.settings.sample_tokens))

    def reset_model(self) -> None:
        if is_active(self.session.training_state):
            self.show_message(translate("main_window", "Stop training before resetting the model."), "warning")
            return
        if self.session.trainer is None and self.session.inspection_model is None:
            return
        self._may_discard(discard=True)

    def _on_training_done(self, state: str) -> None:
        self.training_panel.show_outcome(state)
        trainer = self.session.trainer
        if trainer is not None and (note := variant_note(trainer.config)):
            self.show_message(note, "warning")
        elif trainer is not None and trainer.weights_step is not None:
            self.training_panel.show_kept_best(trainer.weights_step, trainer.best_val)
            self.show_message(translate("main_window", "Kept the weights of step {step}, the lowest validation loss ({loss})."
                                        ).format(step=integer(trainer.weights_step), loss=number(trainer.best_val, 3)),
                              "info")
        self.runs_panel.reload()
        self.training_finished.emit(state)

    def _on_architecture_changed(self) -> None:
        session = self.session
        if session.trainer is None or session.trainer.step == 0 or is_active(session.training_state) \
                or session.trainer.config == self.settings_panel.model_config():
            self._show_training_state(session.training_state)
        elif not self._may_discard(discard=True):
            self.settings_panel.set_from(session.trainer.config, self.settings_panel.train_settings())

    def use_advice(self, advice) -> None:
        """The size advice, applied: a trained model it would replace (a lesson's too, though its file
        keeps it) goes only after the user agreed, whether or not it was saved."""
        trainer = self.session.trainer
        if trainer is not None and trainer.step > 0 and self.ask_discard_model() == "cancel":
            return
        self.session.saved_step = self.session.trainer.step if trainer is not None else 0  # agreed: no second ask
        self.settings_panel.apply_advice(advice)

    def _may_discard(self, discard: bool = False) -> bool:
        """The one discard sequence: ask (and save first) if the model is not saved, then — when `discard`
        — drop it, leaving its curve as a ghost. True when the model may go (or went)."""
        if self.session.has_unsaved_model:
            choice = self.ask_discard_model()
            if choice == "cancel" or (choice == "save" and not self._choose_save()):
                return False
        if discard:
            self.training_panel.clear_run(run_label(self.session.run_number))
            self.session.discard_model()
            self.settings_panel.release_fixed()
        return True

    def ask_discard_model(self) -> str:
        return dialogs.ask_discard_model(self)

    # ---------------------------------------------------------------- checkpoints
    def _choose_save(self) -> bool:
        if self.session.trainer is None:
            self.show_message(translate("main_window", "There is no trained model to save yet."), "warning")
            return False
        stem = Path(self.session.data.corpus.name).stem if self.session.data else "model"
        path = dialogs.choose_save_folder(self, f"{stem}-step{self.session.trainer.step}")  # a file name: not translated
        return self.save_model_to(path) if path else False

    def save_model_to(self, path: Path) -> bool:
        try:
            with self.runner.paused_between_steps():
                self.session.save(path)
        except USER_ERRORS as e:
            self.show_message(translate("main_window", "The model could not be saved to “{path}”: {error}").format(path=path, error=e), "error")
            return False
        self.show_message(translate("main_window", "Saved the model (step {step}) to {path}").format(
            step=integer(self.session.saved_step), path=path), "info")
        return True

    def _choose_pretrained(self) -> None:
        self.show_message(translate("main_window", "A pretrained GPT-2 is a folder with config.json, model.safetensors "
                                                   "and its tokenizer (tokenizer.json, or vocab.json and merges.txt) — "
                                                   "e.g. gpt2 or distilgpt2 downloaded from huggingface.co. On a CPU, "
                                                   "distilgpt2 is the quicker to train on."), "info")
        if path := dialogs.choose_pretrained_folder(self):
            self.open_checkpoint(path)

    def download_pretrained(self, name: str) -> None:
        """Fetch distilgpt2 or gpt2 into the user's data folder (progress in the data card), then open it."""
        if self.downloader is not None and self.downloader.isRunning():
            self.downloader.cancel()  # asked again while downloading: that means stop
            return
        into = default_runs_dir().parent / "models"
        self.downloader = ModelDownloader(name, into, self)
        self.downloader.progress.connect(self.corpus_card.show_progress)
        self.downloader.downloaded.connect(lambda folder: (self.corpus_card.hide_progress(), self.open_checkpoint(folder)))
        self.downloader.failed.connect(lambda message: (self.corpus_card.hide_progress(), self.show_message(message, "warning")))
        self.show_message(translate("main_window", "Downloading {name} (choose it in the menu again to cancel)…").format(
            name=name), "info")
        self.downloader.start()

    def _choose_comparison(self) -> None:
        if path := dialogs.choose_model_folder(self):
            self.compare_with(path)

    def compare_with(self, path: Path) -> bool:
        """A second model beside the first in the Prompt tab; whatever was open stays open if it cannot."""
        try:
            self.session.open_comparison(path)
        except USER_ERRORS as e:
            self.show_message(str(e), "error")
            return False
        self.tabs.setCurrentWidget(self.prompt_panel)
        return True

    def _choose_export(self) -> None:
        model = self.session.inspection_model
        if model is None:
            self.show_message(translate("main_window", "There is no model to export yet: train one first."), "warning")
            return
        stem = Path(self.session.data.corpus.name).stem if self.session.data else "model"
        if path := dialogs.choose_export_folder(self, f"{stem}-gpt2"):  # a file name: not translated
            self.export_to(path)

    def export_to(self, path: Path) -> bool:
        """The model the views show, written as a GPT-2 folder that `transformers` loads."""
        try:
            with self.runner.paused_between_steps():
                folder = export_model(self.session.inspection_model, self.session.tokenizer, path)
        except (ExportError, *USER_ERRORS) as e:
            self.show_message(translate("main_window", "The model could not be exported to “{path}”: {error}").format(
                path=path, error=e), "error")
            return False
        self.show_message(translate("main_window", "Exported to {path}: load it in Python with "
                                                   "GPT2LMHeadModel.from_pretrained and AutoTokenizer.from_pretrained.")
                          .format(path=folder), "info")
        return True

    def _choose_checkpoint(self) -> None:
        if path := dialogs.choose_model_folder(self):
            self.open_checkpoint(path)

    def _open_run(self, run) -> None:
        if not self.open_checkpoint(run.checkpoint_path, run.name) and self.last_open_error:
            self.runs_panel.mark_unopenable(run.id, self.last_open_error)

    def open_checkpoint(self, path: Path, label: str | None = None) -> bool:
        """Open a saved model; False (with a message, and the reason in `last_open_error`) when it cannot."""
        self.last_open_error = None
        if is_active(self.session.training_state):
            self.show_message(translate("main_window", "Stop training before opening another model."), "warning")
            return False
        if not self._may_discard():
            return False
        try:
            checkpoint = self.session.open_checkpoint(path)
        except USER_ERRORS as e:
            self.last_open_error = str(e)
            self.show_message(str(e), "error")
            return False
        self._show_opened(checkpoint)
        if checkpoint.pretrained_name:
            self.show_message(translate("main_window", "Opened the pretrained model “{name}”: {shape}. Every tab now "
                                                       "shows it; ▶ Train fine-tunes it on the loaded text.").format(
                name=checkpoint.pretrained_name, shape=describe_pretrained(checkpoint.config)) + " " +
                fine_tune_estimate(checkpoint.config, self.settings_panel.train_settings().batch_size), "info")
            self._show_training_state(self.session.training_state)
            return True
        note = "" if self.session.model_fits_corpus else " " + translate("main_window", "The loaded text does not fit its vocabulary: "
                                                                              "open its own text to train it further.")
        self.show_message(translate("main_window", "Opened “{name}” (step {step}).").format(
            name=label or path.name, step=integer(checkpoint.step)) + note, "info")
        self._show_training_state(self.session.training_state)
        return True

    def _show_opened(self, checkpoint) -> None:
        self.settings_panel.set_from(checkpoint.config, checkpoint.settings)
        if checkpoint.pretrained_name:
            self.training_panel.show_pretrained(checkpoint.pretrained_name)
            return
        self.training_panel.show_history(run_label(self.session.run_number),
                                         checkpoint.settings.batch_size * checkpoint.config.context_length,
                                         checkpoint.history)

    # ---------------------------------------------------------------- lessons
    def _choose_lesson_save(self) -> None:
        if self.session.data is None:
            self.show_message(translate("main_window", "Load a text first: a lesson is built on one."), "warning")
            return
        stem = Path(self.session.data.corpus.name).stem or "lesson"
        if chosen := dialogs.choose_lesson_to_save(self, stem):
            self.save_lesson_to(*chosen)

    def save_lesson_to(self, path: Path, locked: tuple[str, ...] = ()) -> bool:
        try:
            with self.runner.paused_between_steps():
                self.session.save_lesson(path, self.settings_panel.state(), self.tour.index, locked)
        except USER_ERRORS as e:
            self.show_message(translate("main_window", "The lesson could not be saved to “{path}”: {error}").format(path=path, error=e),
                              "error")
            return False
        self.show_message(translate("main_window", "Saved the lesson to {path}. Opening it restores this text, these settings, the "
                                    "model, the prompt and the tour.").format(path=path), "info")
        return True

    def _choose_lesson(self) -> None:
        if path := dialogs.choose_lesson_to_open(self):
            self.open_lesson(path)

    def open_lesson(self, path: Path) -> bool:
        """Open a lesson file: read and checked off the GUI thread, with progress in the data card; a bad
        file changes nothing. False when it cannot start (training, or a lesson already being read)."""
        if is_active(self.session.training_state):
            self.show_message(translate("main_window", "Stop training before opening a lesson."), "warning")
            return False
        if self.lesson_reader is not None and self.lesson_reader.isRunning():
            self.show_message(translate("main_window", "Still reading the previous lesson; try again in a moment."),
                              "warning")
            return False
        reader = self.lesson_reader = LessonReader(Path(path), self)
        reader.progress.connect(self.corpus_card.show_progress)
        reader.read.connect(lambda lesson: (self.corpus_card.hide_progress(), self._open_read_lesson(path, lesson)))
        reader.failed.connect(lambda message: (self.corpus_card.hide_progress(), self.show_message(message, "error")))
        reader.start()
        return True

    def _open_read_lesson(self, path: Path, lesson) -> bool:
        if lesson.corpus is None and not self.session.lesson_text_is_loaded(lesson):
            self.show_message(missing_text_message(lesson), "error")
            return False
        if not self._may_discard():
            return False
        self.lesson_name = Path(path).stem
        same_text = self.session.data is not None and self.session.lesson_text_is_loaded(lesson) and \
            (self.session.data.tokenizer.kind, self.session.data.requested_vocab or 0) == \
            (lesson.tokenizer_kind, lesson.vocab_size if lesson.tokenizer_kind == "bpe" else 0)
        if same_text:
            self._apply_lesson(lesson)
            return True
        previous = self.corpus_card.tokenizer_choice()
        self.corpus_card.set_tokenizer_choice(lesson.tokenizer_kind, lesson.vocab_size)

        def loaded(_data) -> None:
            disconnect()
            self._apply_lesson(lesson)

        def failed(_message) -> None:
            disconnect()
            self.corpus_card.set_tokenizer_choice(*previous)

        def disconnect() -> None:
            self.opener.loaded.disconnect(loaded)
            self.opener.failed.disconnect(failed)

        self.opener.loaded.connect(loaded)
        self.opener.failed.connect(failed)
        if not self.opener.open_text(lesson.corpus):
            disconnect()
            self.corpus_card.set_tokenizer_choice(*previous)
            return False
        return True

    def _apply_lesson(self, lesson) -> None:
        """The lesson's text is loaded: now its model, settings, prompt, tour and locks."""
        self.settings_panel.lock_architecture(None)
        if lesson.checkpoint is not None:
            self.session.adopt_checkpoint(lesson.checkpoint)
            self._show_opened(lesson.checkpoint)
        elif self.session.trainer is not None or self.session.inspection_model is not None:
            self.training_panel.clear_run(run_label(self.session.run_number))  # the user agreed to let it go
            self.session.discard_model()
        # the sliders exactly as the teacher left them; quietly, so that no half-restored shape looks like
        # a change of architecture that would discard the lesson's model
        self.settings_panel.blockSignals(True)
        self.settings_panel.restore(lesson.settings)
        self.settings_panel.blockSignals(False)
        self.explain_panel.set_config(self.settings_panel.model_config())
        self.session.set_prompt(lesson.prompt)
        self.settings_panel.lock_architecture(self.lesson_name if "architecture" in lesson.locked else None)
        self.corpus_card.tokenizer_combo.setEnabled("tokenizer" not in lesson.locked)
        self.corpus_card.vocab_slider.setEnabled("tokenizer" not in lesson.locked)
        self._show_training_state(self.session.training_state)
        self.show_message(translate("main_window", "Opened the lesson “{name}”.").format(name=self.lesson_name), "info")
        self.lesson_opened.emit(lesson)
        self.tour.start(lesson.tour_step)

    # ---------------------------------------------------------------- messages, settings, quitting
    def show_message(self, text: str, kind: str = "info") -> None:
        self.message_bar.show_message(text, kind)

    def ask_save_before_quit(self) -> str:
        return dialogs.ask_save_before_quit(self)

    def closeEvent(self, event) -> None:
        if self.session.has_unsaved_model:
            choice = self.ask_save_before_quit()
            if choice == "cancel" or (choice == "save" and not self._choose_save()):
                event.ignore()
                return
        self.hide()  # gone at once for the user; what still runs in the background ends first
        self.runner.stop_and_wait(30000)
        self.opener.wait_for_load()
        if self.lesson_reader is not None:
            self.lesson_reader.wait()
        if self.downloader is not None:
            self.downloader.cancel()
            self.downloader.wait()
        self.prompt_panel.shutdown()
        self.app_settings.store(self)
        event.accept()
