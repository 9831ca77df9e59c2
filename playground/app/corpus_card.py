"""The corpus card: what text the model will learn from, at a glance."""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QPlainTextEdit, QProgressBar, QVBoxLayout

from ..core.config import format_bytes
from ..core.session import LoadedCorpus
from ..core.tokenizer import show_whitespace
from .theme import mono_font


class CorpusCard(QGroupBox):
    def __init__(self, parent=None):
        super().__init__("Data", parent)
        self.setObjectName("corpus_card")
        self.name_label = QLabel("No text loaded")
        self.name_label.setObjectName("corpus_name")
        self.name_label.setStyleSheet("font-size: 11pt; font-weight: 600;")
        self.name_label.setWordWrap(True)
        self.stats_label = QLabel()
        self.stats_label.setObjectName("corpus_stats")
        self.stats_label.setWordWrap(True)
        self.vocab_label = QLabel()
        self.vocab_label.setObjectName("corpus_vocab")
        self.vocab_label.setWordWrap(True)
        self.vocab_label.setFont(mono_font(9))
        self.vocab_label.setToolTip("Every distinct token of the text. ␣ is a space, ⏎ a newline, ⇥ a tab.")
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("corpus_preview")
        self.preview.setReadOnly(True)
        self.preview.setFont(mono_font(9))
        self.preview.setMaximumHeight(90)
        self.progress = QProgressBar()
        self.progress.setObjectName("corpus_progress")
        self.progress.setRange(0, 1000)
        self.progress.hide()
        hint = QLabel("Drop a text file on the window, or File ▸ Open (Ctrl+O).")
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.stats_label)
        form.addRow("Vocabulary", self.vocab_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.progress)
        layout.addWidget(hint)

    def show_progress(self, fraction: float, what: str) -> None:
        self.progress.show()
        self.progress.setValue(int(fraction * 1000))
        self.progress.setFormat(f"{what}… {fraction:.0%}")

    def hide_progress(self) -> None:
        self.progress.hide()

    def show_corpus(self, data: LoadedCorpus) -> None:
        c = data.corpus
        train, val = data.split_sizes
        self.name_label.setText(c.name)
        self.name_label.setToolTip(str(c.path) if c.path else c.name)
        kind = "characters" if data.tokenizer.kind == "char" else "BPE tokens"
        self.stats_label.setText(
            f"{format_bytes(c.size_bytes)} · {c.num_chars:,} characters · {c.encoding}<br>"
            f"<b>{data.tokenizer.vocab_size}</b> distinct {kind} · split {train:,} train / {val:,} validation tokens")
        if data.tokenizer.kind == "char":
            vocab = " ".join(show_whitespace(ch) for ch in data.tokenizer.chars)
        else:
            vocab = " ".join(show_whitespace(data.tokenizer.token_text(i)) for i in range(min(200, data.tokenizer.vocab_size)))
        self.vocab_label.setText(vocab if len(vocab) < 600 else vocab[:600] + " …")
        self.preview.setPlainText(c.preview(1200))
