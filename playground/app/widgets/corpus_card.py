"""The corpus card: what text the model will learn from, at a glance."""
from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from ...core.analysis.baselines import SMOOTHING, Baselines
from ...core.analysis.verdict import SizeAdvice, bits_per_char
from ...core.model.config import format_bytes
from ...core.session.loaded_corpus import LoadedCorpus
from ...core.words import QT_TRANSLATE_NOOP, integer, number, translate
from . import glyphs
from .look import look
from .value_slider import ValueSlider

# byte-level BPE starts from the 256 bytes, so its smallest useful vocabulary is a few merges above that
BPE_VOCAB_SIZES = [260, 320, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192]
TOKENIZER_CHOICES = [("char", QT_TRANSLATE_NOOP("corpus_card", "Characters")),
                     ("bpe", QT_TRANSLATE_NOOP("corpus_card", "Subwords (byte-level BPE)"))]


class CorpusCard(QGroupBox):
    tokenizer_changed = Signal(str, int)  # kind, vocabulary size asked for
    advice_accepted = Signal(object)      # SizeAdvice: the user asked for the suggested settings

    def __init__(self, parent=None):
        super().__init__(translate("corpus_card", "Data"), parent)
        self.setObjectName("corpus_card")
        self.tokenizer_combo = QComboBox()
        self.tokenizer_combo.setObjectName("tokenizer_combo")
        self.tokenizer_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.tokenizer_combo.setMinimumContentsLength(14)
        for kind, label in TOKENIZER_CHOICES:
            self.tokenizer_combo.addItem(translate("corpus_card", label), kind)
        self.tokenizer_combo.setToolTip(
            translate("corpus_card", "How the text is cut into tokens. Characters: one token per character. Subwords: byte-level BPE "
            "learned from this text merges frequent character sequences into single tokens, as GPT-2 does."))
        self.vocab_slider = ValueSlider(translate("corpus_card", "BPE vocabulary"), BPE_VOCAB_SIZES, 512, fmt=integer,
                                        tooltip=translate("corpus_card", "How many subword tokens BPE may learn: 256 bytes plus "
                                                          "merges. More tokens make sequences shorter but each "
                                                          "token rarer."))
        self.vocab_slider.setObjectName("vocab_slider")
        self.vocab_slider.hide()
        # a slider drag re-trains the tokenizer once, when the user lets go, not at every tick
        self._vocab_timer = QTimer(self, singleShot=True, interval=350, timeout=self._emit_tokenizer)
        self.tokenizer_combo.currentIndexChanged.connect(self._on_kind)
        self.vocab_slider.valueChanged.connect(lambda _: self._vocab_timer.start())
        self.name_label = QLabel(translate("corpus_card", "No text loaded"))
        self.name_label.setObjectName("corpus_name")
        look.size(self.name_label, 11, bold=True)
        self.name_label.setWordWrap(True)
        self.stats_label = QLabel()
        self.stats_label.setObjectName("corpus_stats")
        self.stats_label.setWordWrap(True)
        self.vocab_label = QLabel()
        self.vocab_label.setObjectName("corpus_vocab")
        self.vocab_label.setWordWrap(True)
        look.size(self.vocab_label, 9, mono=True)
        self.vocab_label.setToolTip(translate("corpus_card", "Every distinct token of the text. ␣ is a space, ⏎ a newline, ⇥ a tab."))
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("corpus_preview")
        self.preview.setReadOnly(True)
        look.size(self.preview, 9, mono=True)
        self.preview.setMaximumHeight(90)
        self.baselines_label = QLabel()
        self.baselines_label.setObjectName("corpus_baselines")
        self.baselines_label.setWordWrap(True)
        self.baselines_label.setToolTip(
            translate("corpus_card", "Validation loss of simple guesses counted on your text: blind (uniform), by how often "
                      "each token occurs (unigram), from the previous token (bigram) or two (trigram). "
                      "Smoothing: {smoothing}.").format(smoothing=translate("baselines", SMOOTHING)))
        self.advice = None
        self.advice_box = QFrame()
        self.advice_box.setObjectName("advice_box")
        self.advice_box.setStyleSheet("QFrame#advice_box { background: #fff4e0; border-radius: 6px; }")
        self.advice_label = QLabel()
        self.advice_label.setObjectName("advice_label")
        self.advice_label.setWordWrap(True)
        self.advice_button = QPushButton(translate("corpus_card", "Use these settings"))
        self.advice_button.setObjectName("advice_button")
        self.advice_button.setToolTip(translate("corpus_card", "Moves the sliders to the suggested values; nothing changes until you click."))
        self.advice_button.clicked.connect(lambda: self.advice and self.advice_accepted.emit(self.advice))
        advice_layout = QVBoxLayout(self.advice_box)
        advice_layout.setContentsMargins(8, 6, 8, 6)
        advice_layout.addWidget(self.advice_label)
        advice_layout.addWidget(self.advice_button)
        self.advice_box.hide()
        self.progress = QProgressBar()
        self.progress.setObjectName("corpus_progress")
        self.progress.setRange(0, 1000)
        self.progress.hide()
        hint = QLabel(translate("corpus_card", "Drop a text file on the window, or File ▸ Open (Ctrl+O)."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.stats_label)
        form.addRow(translate("corpus_card", "Tokens"), self.tokenizer_combo)
        form.addRow(self.vocab_slider)
        form.addRow(translate("corpus_card", "Vocabulary"), self.vocab_label)
        form.addRow(translate("corpus_card", "Baselines"), self.baselines_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addLayout(form)
        layout.addWidget(self.advice_box)
        layout.addWidget(self.preview)
        layout.addWidget(self.progress)
        layout.addWidget(hint)

    def tokenizer_choice(self) -> tuple[str, int]:
        return self.tokenizer_combo.currentData(), self.vocab_slider.value()

    def set_tokenizer_choice(self, kind: str, vocab_size: int) -> None:
        """Show a choice without announcing it (restoring settings, or undoing a failed switch)."""
        index = self.tokenizer_combo.findData(kind)
        with QSignalBlocker(self.tokenizer_combo):
            self.tokenizer_combo.setCurrentIndex(max(0, index))
        with QSignalBlocker(self.vocab_slider):
            self.vocab_slider.setValue(vocab_size)
        self.vocab_slider.setVisible(self.tokenizer_combo.currentData() == "bpe")

    def lock_tokenizer(self, locked: bool) -> None:
        """A lesson may fix the tokenizer: its choices are then shown but cannot change."""
        self.tokenizer_combo.setEnabled(not locked)
        self.vocab_slider.setEnabled(not locked)

    def _on_kind(self, _index: int) -> None:
        self.vocab_slider.setVisible(self.tokenizer_combo.currentData() == "bpe")
        self._emit_tokenizer()

    def _emit_tokenizer(self) -> None:
        self._vocab_timer.stop()
        self.tokenizer_changed.emit(*self.tokenizer_choice())

    def show_progress(self, fraction: float, what: str) -> None:
        self.progress.show()
        learning = what.startswith("learning")
        what = translate("corpus", what)
        if learning:
            # HF tokenizers reports nothing while it learns merges: an animated bar shows it is at work
            self.progress.setRange(0, 0)
            self.progress.setFormat(f"{what}…")
            return
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(fraction * 1000))
        self.progress.setFormat(f"{what}… {number(100 * fraction, 0)}%")

    def hide_progress(self) -> None:
        self.progress.hide()

    def show_corpus(self, data: LoadedCorpus) -> None:
        c = data.corpus
        train, val = data.split_sizes
        self.name_label.setText(c.name)
        self.name_label.setToolTip(str(c.path) if c.path else c.name)
        chars = data.tokenizer.kind == "char"
        distinct = (translate("corpus_card", "<b>{n}</b> distinct characters") if chars else
                    translate("corpus_card", "<b>{n}</b> distinct BPE tokens · {ratio} tokens per character")).format(
            n=integer(data.tokenizer.vocab_size), ratio=number(data.stats.tokens_per_char))
        self.stats_label.setText(
            translate("corpus_card", "{size} · {chars} characters · {encoding}<br>{distinct}<br>"
                      "split {train} train / {val} validation tokens").format(
                size=format_bytes(c.size_bytes), chars=integer(c.num_chars), encoding=c.encoding, distinct=distinct,
                train=integer(train), val=integer(val)))
        if data.tokenizer.kind == "char":
            vocab = " ".join(glyphs.shown(ch) for ch in data.tokenizer.chars)
        else:  # the 256 byte tokens say little; the learned subwords, most frequent first, say a lot
            top = [i for i, _ in data.stats.most_frequent(data.tokenizer.vocab_size)
                   if len(data.tokenizer.token_bytes(i)) > 1][:80]
            vocab = translate("corpus_card", "most frequent learned:") + " " + " ".join(glyphs.shown(data.tokenizer.token_text(i)) for i in top)
        self.vocab_label.setText(vocab if len(vocab) < 600 else vocab[:600] + " …")
        self._fit_vocabulary()
        self.preview.setPlainText(c.preview(1200))

    def show_baselines(self, baselines: Baselines | None) -> None:
        """The counting yardsticks in nats per token (and bits per character), or that they are being counted."""
        if baselines is None:
            self.baselines_label.setText(translate("corpus_card", "counting…"))
            return
        nats = " · ".join(f"{translate('baselines', name)} {number(value)}" for name, value in baselines.items())
        bits = " · ".join(number(bits_per_char(value, baselines.tokens_per_char)) for _, value in baselines.items())
        self.baselines_label.setText(f"{nats} <span style='color:#66707f'>" + translate("corpus_card", "(nats per token on the "
                                     "validation text; bits per character: {bits})").format(bits=bits) + "</span>")
        self._fit_vocabulary()

    def show_advice(self, advice: SizeAdvice | None) -> None:
        self.advice = advice
        self.advice_box.setVisible(advice is not None)
        if advice is not None:
            self.advice_label.setText(advice.message)

    def _fit_vocabulary(self) -> None:
        """A wrapped label inside a scroll area is not re-measured when its text grows: reserve its height."""
        label = self.vocab_label
        label.setMinimumHeight(0)
        label.setMinimumHeight(max(0, label.heightForWidth(max(label.width(), 100))))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_vocabulary()
