"""The prompt tab: type, and see what the model predicts next and where each head looks.

Inspection runs on the session's inspection model (a snapshot copy, never the weights being trained)
after a short debounce, so typing is never blocked. Generation streams from a thread of its own.
"""
from __future__ import annotations

import copy
import html

import torch
from PySide6.QtCore import QRect, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.data.tokenizer import IncrementalDecoder
from ...core.model.sampling import TEMPERATURES, SamplingSettings, generate, next_token_distribution
from ...core.session.session import Session
from ...core.words import integer, number, translate
from ..plots.attention_view import AttentionView
from ..plots.compare_pane import ComparePane
from ..plots.probability_view import ProbabilityBars
from ..session_signals import SessionSignals
from ..widgets import glyphs
from ..widgets.copy_marks import CopyMarks
from ..widgets.look import look
from ..widgets.prompt_editor import bind_prompt_editor
from ..widgets.token_text import TOKEN_COLORS
from ..widgets.value_slider import ValueSlider

DEBOUNCE_MS = 0  # 0: keystrokes already queued coalesce into one refresh; none waits
MAX_TINTED_TOKENS = 400  # enough for any context the sliders allow; keeps very long prompts fast
TOP_PS = [round(0.05 * i, 2) for i in range(1, 21)]
# a pasted prompt of 100,000 unknown characters froze the window for minutes, one highlight each: runs of
# unknown characters are marked as one, and only the last runs (the end the model reads) at that
MAX_MARKED_RUNS = 200
MAX_NAMED_UNKNOWN = 20


def unknown_runs(unknown: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """Positions of unknown characters merged into (start, end) runs of neighbours."""
    runs: list[tuple[int, int]] = []
    for index, _ in unknown:
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    return runs

class GenerationThread(QThread):
    token = Signal(str)
    failed = Signal(str)

    def __init__(self, model, tokenizer, ids: list[int], n_tokens: int, settings: SamplingSettings, parent=None):
        super().__init__(parent)
        self.model = copy.deepcopy(model)  # the session's copy may be refreshed by training meanwhile
        self.ids, self.n_tokens, self.settings = ids, n_tokens, settings
        self.decoder = IncrementalDecoder(tokenizer)  # holds back bytes of a character not yet complete
        self._stop = False

    def stop(self) -> None:
        self._stop = True

    def run(self) -> None:
        try:
            for token in generate(self.model, self.ids, self.n_tokens, self.settings,
                                  should_stop=lambda: self._stop):
                text = self.decoder.push(token)
                if text:
                    self.token.emit(text)
        except Exception as e:  # noqa: BLE001 — reported in the panel; the window stays usable
            self.failed.emit(translate("prompt_panel", "Generation stopped by an error: {kind}: {why}").format(
                kind=type(e).__name__, why=e))


class PromptPanel(QWidget):
    inspected = Signal(object)  # the Inspection just drawn (tests and benches wait on it)
    inspection_cleared = Signal()  # no model, or nothing to inspect
    why_requested = Signal(int)  # a bar right-clicked: the token to explain in the "Why this token?" tab

    def __init__(self, session: Session, signals: SessionSignals, parent=None):
        super().__init__(parent)
        self.session = session
        self.generation: GenerationThread | None = None
        self.last_inspection = None
        self._views_stale = False

        self.prompt_edit = QPlainTextEdit()
        self.prompt_edit.setObjectName("prompt_edit")
        self.prompt_edit.setAccessibleName(translate("prompt_panel", "Prompt"))
        self.setFocusProxy(self.prompt_edit)  # Ctrl+<n> puts the keyboard here
        look.size(self.prompt_edit, 11, mono=True)
        self.prompt_edit.setMaximumHeight(80)
        self.prompt_edit.setMinimumHeight(46)  # two lines: on a short screen the maps need the height more
        self.prompt_edit.setPlaceholderText(translate("prompt_panel", "Type a prompt: the bars and attention maps follow every keystroke."))
        self._marks: list[QTextEdit.ExtraSelection] = []
        self._generated_from: int | None = None  # where the text being generated starts in the prompt box
        self.copy_marks = CopyMarks(self.prompt_edit, self._redraw_marks)
        self.prompt_info = QLabel(" ")
        self.prompt_info.setObjectName("prompt_info")
        self.prompt_info.setWordWrap(True)

        self.temperature = ValueSlider(translate("prompt_panel", "Temperature"), TEMPERATURES, 1.0, fmt=lambda v: number(v, 1),
                                       tooltip=translate("prompt_panel", "Divides the logits before the softmax: below 1 sharpens "
                                                                 "the distribution, above 1 flattens it."))
        self.temperature.setObjectName("temperature_slider")
        self.top_k = ValueSlider("Top-k", list(range(0, 101)), 0, fmt=lambda v: translate("prompt_panel", "off") if v == 0 else str(v),
                                 tooltip=translate("prompt_panel", "Keep only the k most likely tokens (0 = keep all)."))
        self.top_k.setObjectName("top_k_slider")
        self.top_p = ValueSlider("Top-p", TOP_PS, 1.0, fmt=lambda v: translate("prompt_panel", "off") if v >= 1 else number(v),
                                 tooltip=translate("prompt_panel", "Keep the fewest most-likely tokens whose probabilities add up "
                                                           "to p."))
        self.top_p.setObjectName("top_p_slider")
        self.greedy = QCheckBox(translate("prompt_panel", "Greedy (always the top token)"))
        self.greedy.setObjectName("greedy_check")
        self.n_tokens = QSpinBox()
        self.n_tokens.setObjectName("n_tokens_spin")
        self.n_tokens.setAccessibleName(translate("prompt_panel", "Tokens to generate"))
        self.n_tokens.setRange(1, 5000)
        self.n_tokens.setValue(200)
        self.n_tokens.setSuffix(translate("prompt_panel", " tokens"))
        self.generate_button = QPushButton(translate("prompt_panel", "Generate  (Ctrl+Enter)"))
        self.generate_button.setObjectName("generate_button")
        self.stop_button = QPushButton(translate("prompt_panel", "Stop"))
        self.stop_button.setObjectName("stop_generation_button")
        self.stop_button.setEnabled(False)

        self.bars = ProbabilityBars()
        self.attention = AttentionView()
        self.model_label = QLabel()  # which weights the views show: said where the eye starts
        self.model_label.setObjectName("model_step")
        self.model_label.setWordWrap(True)

        sampling = QGroupBox(translate("prompt_panel", "Sampling"))
        s_layout = QVBoxLayout(sampling)
        for w in (self.temperature, self.top_k, self.top_p, self.greedy):
            s_layout.addWidget(w)
        s_layout.addStretch(1)
        generate_row = QHBoxLayout()
        generate_row.addWidget(self.n_tokens)
        generate_row.addWidget(self.generate_button, 1)
        generate_row.addWidget(self.stop_button)

        bars_box = QGroupBox(translate("prompt_panel", "Next token"))
        b_layout = QVBoxLayout(bars_box)
        b_layout.addWidget(self.bars)

        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        # on a 1280×720 projector the sampling knobs scroll rather than push the maps off the screen
        sampling_scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.NoFrame, minimumHeight=80,
                                      horizontalScrollBarPolicy=Qt.ScrollBarAlwaysOff)
        sampling_scroll.setWidget(sampling)
        left = QVBoxLayout()  # Generate stays in sight when the knobs above it scroll
        left.addWidget(sampling_scroll, 1)
        left.addLayout(generate_row)
        top_layout.addLayout(left, 1)
        top_layout.addWidget(bars_box, 1)
        self.compare = ComparePane(session, self)
        top_layout.addWidget(self.compare.bars_part, 1)
        attention_box = QGroupBox(translate("prompt_panel", "Attention: softmax(QKᵀ/√d_k) for every query (row) over the keys (columns)"))
        a_layout = QHBoxLayout(attention_box)
        a_layout.addWidget(self.attention, 3)
        a_layout.addWidget(self.compare.map_part, 2)
        self.compare_button = QPushButton(translate("prompt_panel", "Compare with…"))
        self.compare_button.setObjectName("compare_button")
        self.compare_button.setToolTip(translate("prompt_panel", "Put a second model beside this one on the same prompt: "
                                                                 "a saved model, a run, or a pretrained GPT-2 folder."))
        self.save_attention_button = QPushButton(translate("prompt_panel", "Save attention PNG…"))
        self.save_attention_button.setObjectName("save_attention_png")
        self.save_attention_button.setToolTip(translate("prompt_panel", "Save the large map and the grid of every layer and head as an image."))
        self.save_attention_button.clicked.connect(self._choose_attention_png)
        self.attention.add_to_pickers(self.save_attention_button)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(attention_box)
        # the maps are what this tab is for: they take the height a small screen gains or loses
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([1, 2])

        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        header.addWidget(QLabel(translate("prompt_panel", "Prompt")))
        header.addStretch(1)
        header.addWidget(self.compare_button)
        header.addWidget(self.model_label)
        layout.addLayout(header)
        layout.addWidget(self.prompt_edit)
        layout.addWidget(self.prompt_info)
        layout.addWidget(self.copy_marks.label)
        layout.addWidget(splitter, 1)

        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS, timeout=self.refresh)
        bind_prompt_editor(self.prompt_edit, session, signals)
        signals.prompt_changed.connect(self._debounce.start)
        signals.weights_changed.connect(self.refresh)
        signals.model_changed.connect(lambda: self.set_model_available(session.inspection_model is not None))
        for slider in (self.temperature, self.top_k, self.top_p):
            slider.valueChanged.connect(self._redraw_distribution)
            slider.valueChanged.connect(self._redraw_comparison)
        self.greedy.toggled.connect(self._redraw_distribution)
        self.greedy.toggled.connect(self._redraw_comparison)
        self.attention.layer_combo.currentIndexChanged.connect(self._redraw_comparison)
        self.attention.head_combo.currentIndexChanged.connect(self._redraw_comparison)
        self.bars.token_clicked.connect(self.append_token)
        self.bars.why_requested.connect(self.why_requested)
        self.generate_button.clicked.connect(self.start_generation)
        self.stop_button.clicked.connect(self.stop_generation)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.start_generation)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.start_generation)
        self.set_model_available(False)

    # ---------------------------------------------------------------- model availability
    def set_model_available(self, available: bool) -> None:
        self.generate_button.setEnabled(available and self.generation is None)
        if not available:
            self.model_label.setText(translate("prompt_panel", "No model yet: press ▶ Train (Space). Predictions appear as soon as it starts."))
        self.refresh()

    def set_copy_index(self, index) -> None:
        """The loaded text's training part, for marking generated stretches copied from it (None: not yet)."""
        self.copy_marks.index = index

    def tour_anchor(self) -> list[tuple[QWidget, QRect]]:
        """What the tour points at here: the probability bars and the Generate button."""
        return [(self.bars, self.bars.rect()), (self.generate_button, self.generate_button.rect())]

    def model_updated(self) -> None:
        """Training published new weights: redraw what the model now thinks of the prompt."""
        self.refresh()

    # ---------------------------------------------------------------- inspection
    def sampling_settings(self) -> SamplingSettings:
        return SamplingSettings(temperature=self.temperature.value(), top_k=self.top_k.value(),
                                top_p=self.top_p.value(), greedy=self.greedy.isChecked())

    def refresh(self) -> None:
        if not self.isVisible() and self.session.training_state == "running":
            self._views_stale = True  # behind another tab while training: worked out when shown, not per snapshot
            return
        shared = self.session.prompt_inspection()  # computed once per prompt and weights, for every view
        if shared is None:
            self._highlight([], 0, [])
            self.last_inspection = None
            self.inspection_cleared.emit()
            return
        tokenizer = self.session.tokenizer
        encoded, result = shared.encoded, shared.inspection
        self._highlight(encoded.unknown, result.cropped if result else 0, encoded.spans)
        self.last_inspection = result
        if result is None:
            self.prompt_info.setText(translate("prompt_panel", "Type at least one character the model knows to see its prediction."))
            self.inspection_cleared.emit()
            return
        self.tokens = [tokenizer.token_text(i) for i in result.token_ids]
        # hidden behind another tab (say Explain, which shares this prompt): draw when shown again
        self._views_stale = not self.isVisible()
        if not self._views_stale:
            self._draw_views()
        self.inspected.emit(result)

    def _draw_views(self) -> None:
        result = self.last_inspection
        self._views_stale = False
        if result is None:
            return
        self._redraw_distribution()
        self.attention.show_attention(result.attention, self.tokens, offset=result.cropped,
                                      off=self.session.ablation.heads_off)
        self._redraw_comparison()
        self.model_label.setText(translate("prompt_panel", "Model at step {step} · {n} tokens in view").format(
            step=integer(self.session.prompt_inspection().step), n=result.n_tokens))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._views_stale:
            self.refresh()

    def _redraw_comparison(self, *_) -> None:
        comparing = self.session.comparison is not None
        # side by side, the second model's map takes the place of the grid of every head (the pickers stay)
        self.attention.grid_scroll.setVisible(not comparing)
        self.attention.grid_caption.setVisible(not comparing)
        self.bars.set_narrow(comparing)
        self.compare.refresh(self.sampling_settings(), *self.attention.selected())

    def _redraw_distribution(self, *_) -> None:
        result = self.last_inspection
        if result is None:
            return
        settings = self.sampling_settings()
        dist = next_token_distribution(torch.from_numpy(result.logits), settings)
        kept = dist.kept.numpy().copy()
        if settings.greedy:
            kept[:] = False
            kept[int(dist.probs.argmax())] = True
        tokenizer = self.session.tokenizer
        texts = [tokenizer.token_text(i) for i in range(len(result.logits))]  # the model's rows (may be padded)
        self.bars.show_distribution(dist.probs.numpy(), kept, texts)

    def _redraw_marks(self) -> None:
        self.prompt_edit.setExtraSelections(self._marks + self.copy_marks.selections)

    def _highlight(self, unknown: list[tuple[int, str]], cropped_tokens: int, spans) -> None:
        """Mark characters the model never saw (red) and the part beyond the context (grey)."""
        selections = []
        doc = self.prompt_edit.document()
        # subword boundaries: alternating tints show where BPE merged characters into one token (with
        # characters every letter is a token, and tinting each one would only make the prompt hard to read)
        tinted = spans[-MAX_TINTED_TOKENS:] if self.session.tokenizer and self.session.tokenizer.kind != "char" else []
        for n, (start, end) in enumerate(tinted):
            sel = QTextEdit.ExtraSelection()
            sel.format = QTextCharFormat()
            sel.format.setBackground(TOKEN_COLORS[n % 2])
            sel.cursor = QTextCursor(doc)
            sel.cursor.setPosition(start)
            sel.cursor.setPosition(end, QTextCursor.KeepAnchor)
            selections.append(sel)
        for start, end in unknown_runs(unknown)[-MAX_MARKED_RUNS:]:
            sel = QTextEdit.ExtraSelection()
            sel.format = QTextCharFormat()
            sel.format.setBackground(QColor("#fcd4d0"))
            sel.format.setUnderlineStyle(QTextCharFormat.WaveUnderline)
            sel.format.setUnderlineColor(QColor("#c0392b"))
            sel.cursor = QTextCursor(doc)
            sel.cursor.setPosition(start)
            sel.cursor.setPosition(end, QTextCursor.KeepAnchor)
            selections.append(sel)
        if cropped_tokens and spans:
            sel = QTextEdit.ExtraSelection()
            sel.format = QTextCharFormat()
            sel.format.setForeground(QColor("#9aa3b2"))
            sel.format.setBackground(QColor("#eef0f3"))
            sel.cursor = QTextCursor(doc)
            sel.cursor.setPosition(0)
            sel.cursor.setPosition(spans[cropped_tokens - 1][1], QTextCursor.KeepAnchor)
            selections.append(sel)
        self._marks = selections
        self._redraw_marks()
        notes = []
        if unknown:
            distinct = sorted({c for _, c in unknown})
            chars = " ".join(repr(c) for c in distinct[:MAX_NAMED_UNKNOWN]) + (" …" if len(distinct) > MAX_NAMED_UNKNOWN else "")
            notes.append("<span style='color:#c0392b'>" + translate("prompt_panel", "Highlighted characters never occur in the "
                                                                          "training text ({chars}); the model has no "
                                                                          "token for them, so they are left out.")
                         .format(chars=html.escape(chars)) + "</span>")
        if cropped_tokens:
            context = self.session.inspection_model.config.context_length
            notes.append(translate("prompt_panel", "The prompt is longer than the context: the model sees only the last "
                                   "{context} tokens (the greyed start is cut off).").format(context=context))
        if names := glyphs.hover(self.prompt_edit.toPlainText()):  # the editor keeps the real characters
            notes.append(translate("prompt_panel", "Shown as empty boxes (no font here draws them): {names}.").format(names=names))
        self.prompt_info.setText(" ".join(notes) if notes else " ")

    def _choose_attention_png(self) -> None:
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog
        path, _ = QFileDialog.getSaveFileName(self, translate("prompt_panel", "Save the attention maps"), str(Path.home() / "attention.png"),
                                              translate("prompt_panel", "PNG (*.png)"))
        if path:
            self.save_attention_png(path)

    def save_attention_png(self, path) -> bool:
        ok = self.attention.grab().save(str(path), "PNG")
        self.prompt_info.setText(translate("prompt_panel", "Saved the attention maps to {path}.").format(path=path) if ok else
                                 "<span style='color:#c0392b'>" + translate("prompt_panel", "The image could not be saved to {path}: "
                                                                           "check that the folder exists and is "
                                                                           "writable.").format(path=path) + "</span>")
        return ok

    # ---------------------------------------------------------------- editing & generation
    def append_token(self, token_id: int) -> None:
        self.prompt_edit.moveCursor(QTextCursor.End)
        self.prompt_edit.insertPlainText(self.session.tokenizer.decode([token_id]))

    def start_generation(self) -> None:
        if self.generation is not None or self.session.inspection_model is None:
            return
        encoded = self.session.tokenizer.encode_prompt(self.prompt_edit.toPlainText())
        if not encoded.ids:
            self.prompt_info.setText(translate("prompt_panel", "Type at least one character the model knows before generating."))
            return
        self.copy_marks.clear()
        self._generated_from = len(self.prompt_edit.toPlainText())
        self.generation = GenerationThread(self.session.inspection_model, self.session.tokenizer, encoded.ids,
                                           self.n_tokens.value(), self.sampling_settings(), self)
        self.generation.token.connect(self._on_generated)
        self.generation.failed.connect(self.prompt_info.setText)
        self.generation.finished.connect(self._on_generation_done)
        self.generate_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.generation.start()

    def _on_generated(self, text: str) -> None:
        self.prompt_edit.moveCursor(QTextCursor.End)
        self.prompt_edit.insertPlainText(text)

    def stop_generation(self) -> None:
        if self.generation is not None:
            self.generation.stop()

    def _on_generation_done(self) -> None:
        thread, self.generation = self.generation, None
        if thread is not None:
            thread.deleteLater()
        self.generate_button.setEnabled(self.session.inspection_model is not None)
        self.stop_button.setEnabled(False)
        start, self._generated_from = self._generated_from, None
        if start is not None:  # what was just written: copied from the training text, or new?
            self.copy_marks.check(self.prompt_edit.toPlainText()[start:], start)

    def shutdown(self) -> None:
        if self.generation is not None:
            self.generation.stop()
            self.generation.wait(3000)
