"""Reading, decoding and tokenizing a text off the GUI thread."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal

from ..core.checkpoint import CheckpointError
from ..core.config import ConfigError
from ..core.corpus import Corpus, CorpusError
from ..core.session import prepare_corpus, tokenize_corpus
from ..core.tokenizer import TokenizerError
from ..core.trainer import TrainingError, warm_up

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
