"""Opening texts: reading, decoding and tokenizing off the GUI thread, then handing the result to the session."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from ...core.data.corpus import Corpus, CorpusError
from ...core.data.tokenizer import TokenizerError
from ...core.model.config import ConfigError
from ...core.session.loaded_corpus import DEFAULT_CORPUS, LoadedCorpus, prepare_corpus, tokenize_corpus
from ...core.session.session import Session
from ...core.storage.checkpoint import CheckpointError
from ...core.storage.pretrained import DownloadError, download_pretrained
from ...core.teaching.lesson import LessonError, read_lesson
from ...core.training.settings import TrainingError
from ...core.training.trainer import warm_up
from ...core.words import integer, translate
from .app_settings import AppSettings

USER_ERRORS = (CorpusError, ConfigError, TokenizerError, TrainingError, CheckpointError, ValueError, OSError)


class CorpusLoader(QThread):
    """Reads, decodes and tokenizes a file off the GUI thread (or only re-tokenizes a loaded text)."""
    progress = Signal(float, str)
    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, source: Path | Corpus, tokenizer_kind: str = "char", vocab_size: int = 512, parent=None):
        super().__init__(parent)
        self.source, self.tokenizer_kind, self.vocab_size = source, tokenizer_kind, vocab_size

    def run(self) -> None:
        report = lambda f, what: self.progress.emit(f, what)
        name = self.source.name
        try:
            if isinstance(self.source, Corpus):
                data = tokenize_corpus(self.source, self.tokenizer_kind, self.vocab_size, report)
            else:
                data = prepare_corpus(self.source, self.tokenizer_kind, self.vocab_size, report)
            _ = data.stats  # counted here, off the GUI thread
            warm_up()  # so that pressing Train does not stall the window on first-use imports
            self.loaded.emit(data)
        except USER_ERRORS as e:
            self.failed.emit(str(e))
        except Exception as e:  # noqa: BLE001 — never let a surprise kill the app: report it
            self.failed.emit(translate("corpus_loader", "“{name}” could not be loaded ({error}).").format(
                name=name, error=f"{type(e).__name__}: {e}"))


class LessonReader(QThread):
    """Reads and checks a lesson file off the GUI thread (its model can take seconds)."""
    progress = Signal(float, str)
    read = Signal(object)   # Lesson
    failed = Signal(str)

    def __init__(self, path: Path, parent=None):
        super().__init__(parent)
        self.path = path

    def run(self) -> None:
        try:
            self.read.emit(read_lesson(self.path, lambda f, what: self.progress.emit(f, what)))
        except LessonError as e:
            self.failed.emit(str(e))
        except Exception as e:  # noqa: BLE001 — never let a surprise kill the app: report it
            self.failed.emit(translate("corpus_loader", "“{name}” could not be opened ({error}).").format(
                name=self.path.name, error=f"{type(e).__name__}: {e}"))


class ModelDownloader(QThread):
    """Downloads a pretrained GPT-2 into the user's cache off the GUI thread; `cancel` stops it."""
    progress = Signal(float, str)
    downloaded = Signal(object)  # the folder
    failed = Signal(str)

    def __init__(self, name: str, into: Path, parent=None):
        super().__init__(parent)
        self.name, self.into, self._cancelled = name, into, False

    def cancel(self) -> None:
        self._cancelled = True

    def run(self) -> None:
        try:
            folder = download_pretrained(self.name, self.into, lambda f, what: self.progress.emit(f, what),
                                         lambda: self._cancelled)
            self.downloaded.emit(folder)
        except DownloadError as e:
            self.failed.emit(str(e))


class YardstickCounter(QThread):
    """Counts a loaded text's n-gram baselines and indexes it for the copy check, off the GUI thread (a
    100 MB text takes a while; nothing waits for it). `data`: the text, or a function that makes it
    (the text in a GPT-2's own tokens is encoded here too)."""
    counted = Signal(object)
    failed = Signal(str)

    def __init__(self, data: LoadedCorpus | Callable[[], LoadedCorpus | None], parent=None):
        super().__init__(parent)
        self.make = data if callable(data) else (lambda: data)

    def run(self) -> None:
        data = None
        try:
            data = self.make()
            if data is not None:
                data.compute_yardsticks()
                self.counted.emit(data)
        except (ValueError, MemoryError) as e:  # a text too short for trigrams, or too big for this machine
            name = data.corpus.name if data is not None else ""
            self.failed.emit(translate("corpus_loader", "No baselines for “{name}”: {error}.").format(name=name, error=e))


class TextOpener(QObject):
    """Opens texts and re-tokenizes the loaded one for the window, one load at a time, and hands each
    result to the session. The window only says what to open; this says how it went."""
    loaded = Signal(object)        # LoadedCorpus, after the session took it
    failed = Signal(str)           # why a load failed (also said as a message)
    message = Signal(str, str)     # text, kind

    def __init__(self, session: Session, app_settings: AppSettings, card, parent=None):
        super().__init__(parent)
        self.session, self.app_settings = session, app_settings
        self.card = card  # the data card: the tokenizer the user chose, and where progress shows
        self.tokenizer_choice = card.tokenizer_choice
        self.loader: CorpusLoader | None = None
        self.counters: list[YardstickCounter] = []
        self._model_counted: tuple | None = None  # the model and text whose yardsticks were asked for
        self._retokenize_pending = False
        self._closing = False  # the app is quitting: no new background work

    @property
    def busy(self) -> bool:
        return self.loader is not None and self.loader.isRunning()

    def open(self, path: Path) -> None:
        """Load a text file in the background; on failure the current corpus and model stay."""
        if self.busy:
            self.message.emit(translate("corpus_loader", "Still loading the previous file; drop this one again in a moment."), "warning")
            return
        self._start(Path(path))

    def open_text(self, corpus: Corpus) -> bool:
        """Load a text already in memory (a lesson's) with the card's tokenizer; False if busy."""
        if self.busy:
            self.message.emit(translate("corpus_loader", "Still loading the previous file; try again in a moment."),
                              "warning")
            return False
        self._start(corpus)
        return True

    def retokenize(self) -> None:
        """Cut the loaded text into tokens again with the tokenizer the user chose."""
        kind, vocab = self.tokenizer_choice()
        self.app_settings.save_tokenizer(kind, vocab)
        data = self.session.data
        if data is None:
            return
        if self.busy:
            self._retokenize_pending = True  # picked up when the running load finishes
            return
        if (data.tokenizer.kind, data.requested_vocab) != (kind, vocab if kind == "bpe" else 0):
            self._start(data.corpus)

    def _start(self, source: Path | Corpus) -> None:
        self._retokenize_pending = False
        self.loader = CorpusLoader(source, *self.tokenizer_choice(), parent=self)
        self.loader.progress.connect(self.card.show_progress)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_failed)
        self.loader.start()

    def _on_loaded(self, data: LoadedCorpus) -> None:
        self.card.hide_progress()
        same_text = self.session.data is not None and self.session.data.corpus is data.corpus
        self.session.use_corpus(data)
        self._count_yardsticks(data)
        path = data.corpus.path
        if path and path.resolve() != DEFAULT_CORPUS.resolve():
            self.app_settings.remember_recent(path)
        elif path:
            self.app_settings.forget_last_corpus()
        notes = list(data.corpus.notes) + ([data.vocab_note] if data.vocab_note else [])
        if not same_text and data.tokenizer.kind == "bpe":  # the remembered choice, said, not silently applied
            notes.append(translate("corpus_loader", "“{name}” was cut into subwords (byte-level BPE, {n} tokens), as chosen last "
                                   "time; choose Characters under Tokens in the Data card to go back.").format(
                name=data.corpus.name, n=integer(data.tokenizer.vocab_size)))
        if notes:
            self.message.emit(" ".join(notes), "warning" if data.corpus.notes or data.vocab_note else "info")
        elif same_text:
            self.message.emit(translate("corpus_loader", "“{name}” is now {n} tokens from a vocabulary of {vocab}. See the Tokens "
                                        "tab for how it splits.").format(
                name=data.corpus.name, n=integer(len(data.ids)), vocab=integer(data.tokenizer.vocab_size)), "info")
        elif path != DEFAULT_CORPUS:
            self.message.emit(translate("corpus_loader", "Loaded “{name}”. Press Space or ▶ Train to train on it.").format(
                name=data.corpus.name), "info")
        self.loaded.emit(data)
        if self._retokenize_pending:
            self.retokenize()

    def count_model_yardsticks(self) -> None:
        """The loaded text's yardsticks in the model's own tokens (a GPT-2's), counted once per model and text."""
        key = (id(self.session.model_tokenizer), id(self.session.data))
        if self.session.reads_in_own_tokens and self.session.model_baselines is None and key != self._model_counted:
            self._model_counted = key
            self._count_yardsticks(self.session.model_text)

    def _count_yardsticks(self, data: LoadedCorpus | Callable[[], LoadedCorpus | None]) -> None:
        if self._closing:
            return
        if isinstance(data, LoadedCorpus) and data.yardsticks_ready:
            self.session.yardsticks_computed(data)
            return
        counter = YardstickCounter(data, self)
        counter.counted.connect(self.session.yardsticks_computed)
        counter.failed.connect(lambda message: self.message.emit(message, "warning"))
        counter.finished.connect(lambda: (self.counters.remove(counter), counter.deleteLater()))
        self.counters.append(counter)
        counter.start()

    def _on_failed(self, message: str) -> None:
        self.card.hide_progress()
        self.failed.emit(message)
        data = self.session.data
        self.message.emit(message + (" " + translate("corpus_loader", "Still using “{name}”.").format(name=data.corpus.name) if data else ""),
                          "error")
        if data is not None:  # the card shows the tokenizer actually in use
            self.card.set_tokenizer_choice(data.tokenizer.kind, data.requested_vocab or self.tokenizer_choice()[1])

    def wait_for_load(self) -> None:
        """Until a running load ends: a QThread destroyed while running aborts the whole process (quitting
        seconds after launch, while the default text still loads on a busy machine, did exactly that)."""
        self._closing = True  # a load that ends now must not start the baseline count
        if self.loader is not None:
            self.loader.wait()
        for counter in list(self.counters):
            counter.wait()
