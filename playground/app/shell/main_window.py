"""The main window: a shell that lays out the panels, the menus and the two background threads.

Every rule lives in the engine's `Session`; the panels subscribe to its changes through `SessionSignals`.
The window turns the user's commands into session calls, runs training in a `TrainingThread` and loads
files in a `CorpusLoader`, and shows every failure as a message.
"""
from __future__ import annotations

from pathlib import Path

import torch
from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
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

from ...core.analysis.verdict import token_word
from ...core.session.loaded_corpus import DEFAULT_CORPUS, asset_path
from ...core.session.session import Session
from ...core.storage.pretrained import is_pretrained_folder
from ...core.storage.runs import RunStore
from ...core.training.state import is_active
from ...core.words import translate
from ..panels.explain_panel import ExplainPanel
from ..panels.heads_panel import HeadsPanel
from ..panels.prompt_panel import PromptPanel
from ..panels.runs_panel import RunsPanel
from ..panels.settings_panel import SettingsPanel
from ..panels.surprise_panel import SurprisePanel
from ..panels.tokens_panel import TokensPanel
from ..panels.tour_panel import TourGuide
from ..panels.training_panel import TrainingPanel
from ..panels.why_panel import WhyPanel
from ..session_signals import SessionSignals
from ..widgets.corpus_card import CorpusCard
from ..widgets.look import look
from ..widgets.message_bar import MessageBar
from ..widgets.timeline_bar import TimelineBar
from . import dialogs
from .app_settings import AppSettings
from .corpus_loader import TextOpener
from .lessons import Lessons
from .menus import build_menus
from .model_files import ModelFiles
from .tour_host import WindowTourHost
from .training_actions import TrainingActions
from .training_worker import TrainingRunner, TrainingThread


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
        look.set_colour_blind(self.app_settings.colour_blind())  # before any view draws a colour
        look.set_zoom(self.app_settings.zoom())
        self.run_store = run_store or RunStore()
        self.session = Session(self.run_store)
        self.signals = SessionSignals(self.session, self)
        self.runner = TrainingRunner(self.session, self)
        self.restart_requested = False  # the user asked to start again (another language)
        self.training_actions = TrainingActions(self)
        self.model_files = ModelFiles(self)
        self.lessons = Lessons(self)

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
        self.tour = TourGuide(WindowTourHost(self), self, refresh_on=(
            self.signals.weights_changed, self.signals.prompt_changed, self.signals.model_changed,
            self.signals.corpus_changed), follow=(self.explain_panel.diagram, self.training_panel.plot,
                                                  self.tokens_panel.sentence_tokens, self.prompt_panel.bars))
        build_menus(self)
        self._refresh_recent_menu()
        self._connect()
        self.app_settings.restore(self)
        self.show_training_state(self.session.training_state)
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
        self.sidebar = scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.NoFrame, minimumWidth=330)
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

    def _connect(self) -> None:
        p, s, training = self.training_panel, self.signals, self.training_actions
        p.start_button.clicked.connect(training.start)
        p.pause_button.clicked.connect(training.toggle_pause)
        p.stop_button.clicked.connect(training.stop)
        p.reset_button.clicked.connect(training.reset_model)
        p.step_button.clicked.connect(self.runner.step_once)
        p.lr_scale_changed.connect(self.runner.set_lr_scale)
        p.sample_temperature_changed.connect(self.runner.set_sample_temperature)
        self.corpus_card.tokenizer_changed.connect(lambda *_: self.retokenize())
        self.settings_panel.architecture_changed.connect(training.architecture_changed)
        self.settings_panel.changed.connect(lambda: self.app_settings.save_sliders(self.settings_panel.state()))
        self.settings_panel.config_shown.connect(self.explain_panel.set_config)
        self.explain_panel.set_config(self.settings_panel.model_config())
        self.runs_panel.open_requested.connect(self.model_files.open_run)
        self.runs_panel.message.connect(self.show_message)
        s.message.connect(self.show_message)
        self.opener.message.connect(self.show_message)
        self.opener.loaded.connect(lambda data: (self._refresh_recent_menu(), self.corpus_loaded.emit(data)))
        self.runner.failed.connect(lambda reason: self.show_message(reason, "error"))
        self.runner.finished.connect(training.finished)
        s.training_state_changed.connect(self.show_training_state)
        s.corpus_changed.connect(lambda data, _: (self.corpus_card.show_corpus(data),
                                                  self.settings_panel.set_vocab_size(data.tokenizer.vocab_size),
                                                  self._show_yardsticks(data)))
        s.yardsticks_ready.connect(self._show_yardsticks)
        s.model_changed.connect(lambda: self.session.data is not None and self._show_yardsticks(self.session.data))
        self.settings_panel.changed.connect(self._advise_on_size)
        self.settings_panel.changed.connect(lambda: self.training_panel.set_planned_steps(self.settings_panel.steps.value()))
        self.settings_panel.architecture_changed.connect(self._advise_on_size)
        self.corpus_card.advice_accepted.connect(training.use_advice)
        p.keep_best_requested.connect(training.keep_best_weights)
        self.heads_panel.head_clicked.connect(self.show_head)
        self.why_panel.head_requested.connect(self.show_head)
        self.why_panel.layer_requested.connect(lambda layer: (self.tabs.setCurrentWidget(self.explain_panel),
                                                               self.explain_panel.show_piece("ffn_hidden", layer)))
        self.prompt_panel.why_requested.connect(self.explain_token)
        self.prompt_panel.compare_button.clicked.connect(self.model_files.choose_comparison)
        self.timeline_bar.step_viewed.connect(self.training_panel.plot.mark_step)

    # ---------------------------------------------------------------- the tour and the language
    def offer_tour_once(self) -> None:
        """On the first launch, say that the tour exists (once; Help ▸ Tour opens it any time)."""
        if self.app_settings.tour_offered():
            return
        self.app_settings.mark_tour_offered()
        self.message_bar.show_message(translate("main_window", "New here? A short tour walks through every idea of the Transformer on "
                                                "your own model (Help ▸ Tour, F1)."), "info", timeout_ms=0,
                                      action=(translate("main_window", "Take the tour"), lambda: self.tour.start(0)))

    def zoom(self, steps: int) -> None:
        """View ▸ Zoom: one notch up or down (0: back to 100 %), remembered. Where the screen is too narrow
        for the zoomed tabs and the sidebar together, the sidebar folds away (View ▸ Settings sidebar)."""
        look.step_zoom(steps) if steps else look.set_zoom(1.0)
        self.app_settings.save_zoom(look.zoom)
        said = translate("main_window", "Zoom {percent} % (Ctrl+0: back to 100 %).").format(percent=round(look.zoom * 100))
        if not self._fit_sidebar():
            said += " " + translate("main_window", "The settings sidebar is folded away to make room: Ctrl+B shows it.")
        self.message_bar.show_message(said, "info")

    def _fit_sidebar(self) -> bool:
        """Show the sidebar if the zoomed window still fits its width (or the screen's) with it; False when it
        had to fold away."""
        width = self.width()
        room = max(width, self.screen().availableGeometry().width() if self.screen() is not None else width)
        self.show_sidebar(True)
        fits = self.minimumSizeHint().width() <= room
        if not fits:
            self.show_sidebar(False)
        # once the layout has taken the change: the window's own minimum, and back to the width it had
        QTimer.singleShot(0, lambda: (self.setMinimumSize(self.layout().minimumSize()),
                                      self.resize(min(max(width, self.layout().minimumSize().width()), room),
                                                  self.height())))
        return fits

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if look.zoom > 1.0:  # a zoom remembered from the last time, on this screen
            self._fit_sidebar()

    def show_sidebar(self, shown: bool) -> None:
        self.sidebar.setVisible(shown)
        self.sidebar_action.setChecked(shown)

    def use_colour_blind_safe(self, on: bool) -> None:
        """View ▸ Colour-blind-safe colours: every map and curve in a palette read alike by every kind of
        colour vision (curves differ by dash and marker in both palettes), remembered."""
        look.set_colour_blind(on)
        self.app_settings.save_colour_blind(on)

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

    def explain_token(self, token_id: int) -> None:
        """"Why this token?" for a candidate picked in the Prompt tab."""
        self.why_panel.choose_token(token_id)
        self.tabs.setCurrentWidget(self.why_panel)

    def show_head(self, layer: int, head: int) -> None:
        self.tabs.setCurrentWidget(self.prompt_panel)
        self.prompt_panel.attention.select(layer, head)

    def _show_yardsticks(self, data) -> None:
        """The loaded text's baselines and copy index, or that they are still being counted."""
        ready = data.yardsticks_ready
        self.corpus_card.show_baselines(data.baselines if ready else None)
        model_tokens = self.session.model_tokenizer if self.session.reads_in_own_tokens else data.tokenizer
        self.training_panel.set_yardsticks(self.session.model_baselines, token_word(model_tokens.kind),
                                           data.copy_index if ready else None)
        self.opener.count_model_yardsticks()  # a GPT-2's loss is read against the text counted in its tokens
        self.prompt_panel.set_copy_index(data.copy_index if ready else None)
        self._advise_on_size()

    def _advise_on_size(self) -> None:
        self.corpus_card.show_advice(self.session.size_advice(self.settings_panel.model_config(),
                                                              self.settings_panel.train_settings(),
                                                              bool(self.settings_panel.lesson_lock)))

    def show_training_state(self, state: str) -> None:
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

    def choose_corpus(self) -> None:
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
            self.model_files.open_checkpoint(dropped)  # a model folder: a GPT-2 from Hugging Face, or a saved model
        else:
            self.open_corpus(dropped) if isinstance(dropped, Path) else self.show_message(dropped, "error")

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        for i, path in enumerate(self.app_settings.recent(), start=1):
            name = Path(path).name.replace("&", "&&")
            self.recent_menu.addAction(f"&{i % 10} {name}", lambda p=path: self.open_corpus(Path(p))).setToolTip(path)
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def ask_discard_model(self) -> str:
        return dialogs.ask_discard_model(self)

    # ---------------------------------------------------------------- messages, settings, quitting
    def show_message(self, text: str, kind: str = "info") -> None:
        self.message_bar.show_message(text, kind)

    def ask_save_before_quit(self) -> str:
        return dialogs.ask_save_before_quit(self)

    def closeEvent(self, event) -> None:
        if self.session.has_unsaved_model:
            choice = self.ask_save_before_quit()
            if choice == "cancel" or (choice == "save" and not self.model_files.choose_save()):
                event.ignore()
                return
        self.hide()  # gone at once for the user; what still runs in the background ends first
        self.runner.stop_and_wait(30000)
        self.opener.wait_for_load()
        self.lessons.shutdown()
        self.model_files.shutdown()
        self.prompt_panel.shutdown()
        self.app_settings.store(self)
        event.accept()
