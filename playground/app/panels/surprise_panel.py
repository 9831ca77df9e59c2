"""The Surprise tab: a stretch of text coloured token by token by the model's loss there — where the
model was sure and where it was caught out; hover a token for its probability, the model's top five
and what the bigram baseline would have guessed."""
from __future__ import annotations

import bisect
import html
import math

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
)

from ...core.analysis.surprise import SurpriseReading, TokenSurprise
from ...core.analysis.verdict import perplexity
from ...core.session.session import Session
from ...core.words import QT_TRANSLATE_NOOP, integer, number, translate
from ..session_signals import SessionSignals
from ..widgets import glyphs
from ..widgets.look import look
from ..widgets.shown_view import RefreshedWhenShown

HOT = (224, 49, 49)   # the colour of a surprising token
SCALE_NATS = 6.0      # losses at or above this are drawn fully hot (probability below 0.25 %)


def surprise_color(loss: float) -> QColor:
    """White for a token the model was sure of, deepening to red as the loss grows."""
    if math.isnan(loss):
        return QColor(0, 0, 0, 0)
    return QColor(*HOT, int(round(210 * min(max(loss, 0.0) / SCALE_NATS, 1.0))))


def describe(token: TokenSurprise) -> str:
    if not token.scored:
        return translate("surprise_panel", "“{token}”: the first token, nothing before it to predict from").format(
            token=glyphs.shown(token.token))
    top = ", ".join(f"‘{glyphs.shown(t)}’ {number(100 * p, 0)}%" for t, p in token.top)
    guess = "\n" + translate("surprise_panel", "The bigram baseline would have guessed ‘{guess}’.").format(
        guess=glyphs.shown(token.bigram_guess)) if token.bigram_guess else ""
    return translate("surprise_panel", "“{token}”: probability {percent}%, loss {loss} nats\nThe model's five likeliest here: "
                     "{top}").format(token=glyphs.shown(token.token), percent=number(100 * token.prob, 1),
                                     loss=number(token.loss), top=top) + guess


class SurpriseText(QTextEdit):
    """Read-only text with each token's background set by its loss; the hover tells the details."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("surprise_text")
        self.setAccessibleName(translate("surprise_panel", "The text, coloured by surprise"))
        self.setReadOnly(True)
        look.size(self, 11, mono=True)
        self.setMouseTracking(True)
        self.reading: SurpriseReading | None = None
        self._starts: list[int] = []

    def show_reading(self, text: str, reading: SurpriseReading) -> None:
        self.reading = reading
        self._starts = []
        self.clear()
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        plain = QTextCharFormat()
        drawn = 0
        for token in reading.tokens:
            if token.start > drawn:  # characters the vocabulary lacks: drawn, not scored
                cursor.insertText(glyphs.visible(text[drawn:token.start]), plain)
            fmt = QTextCharFormat()
            fmt.setBackground(surprise_color(token.loss))
            self._starts.append(cursor.position())
            # byte tokens of one character share its span: the character is drawn once, with the first
            piece = text[max(token.start, drawn):token.end]
            cursor.insertText(glyphs.visible(piece.replace("\n", "⏎\n")), fmt)
            drawn = max(drawn, token.end)
        cursor.insertText(glyphs.visible(text[drawn:]), plain)
        cursor.endEditBlock()
        self.moveCursor(QTextCursor.Start)

    def token_at(self, doc_position: int) -> TokenSurprise | None:
        i = bisect.bisect_right(self._starts, doc_position) - 1
        return self.reading.tokens[i] if self.reading and 0 <= i < len(self.reading.tokens) else None

    def event(self, event) -> bool:
        if event.type() == QEvent.ToolTip:
            token = self.token_at(self.cursorForPosition(event.pos()).position())
            if token is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), describe(token), self)
            return True
        return super().event(event)


class SurprisePanel(RefreshedWhenShown):
    SOURCES = [("validation", QT_TRANSLATE_NOOP("surprise_panel", "A stretch of the validation text (never trained on)")),
               ("own", QT_TRANSLATE_NOOP("surprise_panel", "Text I paste"))]

    def __init__(self, session: Session, signals: SessionSignals, parent=None):
        super().__init__(parent)
        self.session = session
        self.stretch_number = 0
        self.source = QComboBox()
        self.source.setObjectName("surprise_source")
        self.source.setAccessibleName(translate("surprise_panel", "Which text to read"))
        self.setFocusProxy(self.source)  # Ctrl+<n> puts the keyboard here
        for key, label in self.SOURCES:
            self.source.addItem(translate("surprise_panel", label), key)
        self.another = QPushButton(translate("surprise_panel", "Another stretch"))
        self.another.setObjectName("another_stretch")
        self.another.clicked.connect(self.next_stretch)
        self.own_text = QPlainTextEdit()
        self.own_text.setObjectName("surprise_own_text")
        self.own_text.setAccessibleName(translate("surprise_panel", "Your own text"))
        self.own_text.setPlaceholderText(translate("surprise_panel", "Paste or type any text: each of its tokens is coloured by how surprised "
                                         "the model is to see it."))
        self.own_text.setMaximumHeight(90)
        self.own_text.hide()
        self.text = SurpriseText()
        self.summary = QLabel(translate("surprise_panel", "Train a model (or open one) to see where it is surprised."))
        self.summary.setObjectName("surprise_summary")
        self.summary.setWordWrap(True)
        rgb = f"{HOT[0]},{HOT[1]},{HOT[2]}"
        def swatch(alpha: float, words: str) -> str:
            return f"<span style='background:rgba({rgb},{alpha})'>&nbsp;{words}&nbsp;</span>"

        sure, unsure = translate("surprise_panel", "sure"), translate("surprise_panel", "unsure")
        surprised = translate("surprise_panel", "surprised ({n}+ nats)").format(n=number(SCALE_NATS, 0))
        legend = QLabel(translate("surprise_panel", "Each token's background shows the model's loss there: {sure} "
                                                    "{unsure} {surprised}. Hover a token for the details.").format(
            sure=swatch(0.12, sure), unsure=swatch(0.45, unsure), surprised=swatch(0.82, surprised)))
        legend.setObjectName("muted")
        legend.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("surprise_panel", "Text")))
        top.addWidget(self.source, 1)
        top.addWidget(self.another)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.own_text)
        layout.addWidget(legend)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.summary)
        self._debounce = QTimer(self, singleShot=True, interval=300, timeout=self.refresh)
        self.source.currentIndexChanged.connect(self._on_source)
        self.own_text.textChanged.connect(self._debounce.start)
        signals.weights_changed.connect(self.refresh_when_shown)
        signals.model_changed.connect(self.refresh_when_shown)
        signals.corpus_changed.connect(lambda *_: self.refresh_when_shown())
        signals.yardsticks_ready.connect(lambda *_: self.refresh_when_shown())

    def current_text(self) -> str:
        if self.source.currentData() == "own":
            return self.own_text.toPlainText()
        return self.session.validation_stretch(self.stretch_number)

    def next_stretch(self) -> None:
        self.stretch_number += 1
        self.refresh()

    def _on_source(self, _index: int) -> None:
        own = self.source.currentData() == "own"
        self.own_text.setVisible(own)
        self.another.setVisible(not own)
        self.refresh()

    def refresh(self) -> None:
        self._stale = False
        text = self.current_text()
        reading = self.session.surprise(text) if text else None
        if reading is None:
            self.text.clear()
            self.text.reading = None
            self.summary.setText(translate("surprise_panel", "Train a model (or open one) to see where it is surprised.")
                                 if self.session.inspection_model is None else translate("surprise_panel", "Paste some text above."))
            return
        self.text.show_reading(text, reading)
        self.summary.setText(self.summarise(reading))

    def summarise(self, reading: SurpriseReading) -> str:
        mean = reading.mean_loss
        if math.isnan(mean):
            return translate("surprise_panel", "Too short: the model needs at least two tokens it knows.")
        worst = " ".join(f"‘{html.escape(glyphs.shown(t.token))}’ {number(t.loss, 1)}" for t in reading.most_surprising(5))
        left_out = " " + translate("surprise_panel", "{n} characters the vocabulary lacks are not scored.").format(
            n=len(reading.left_out)) if reading.left_out else ""
        return translate("surprise_panel", "<b>Mean loss of this text: {loss} nats per token</b> (as unsure as choosing among "
                         "{perplexity}) · model at step {step} · most surprising: {worst}.").format(
            loss=number(mean), perplexity=number(perplexity(mean), 1), step=integer(self.session.inspection_step),
            worst=worst) + left_out
