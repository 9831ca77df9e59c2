"""The guided tour on screen: a card that tells one idea at a time and a spotlight on where to look.

The steps and their words come from the engine (`core.tour`), built from the user's configuration and
the live tensors of their model for the current prompt; this module only shows them. The card sits in
the corner of the window farthest from the spotlighted widget, so it never hides what it points at.
"""
from __future__ import annotations

import html
from typing import Protocol

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.teaching.tour import TRAIN_FIRST_STEPS, TourStep, TourTensor
from ...core.words import integer, number, significant, translate
from ..widgets.look import look
from ..widgets.theme import ACCENT

CARD_WIDTH = 440
MARGIN = 14


class Spotlight(QWidget):
    """Dims the window except the rectangles it points at, each outlined in the accent colour; clicks pass
    through. Two places (the bars and the Generate button) get two holes, not one hole over what lies between."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("tour_spotlight")
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.holes: list[QRect] = []
        self.target = QRect()  # all of them, united
        self.hide()

    def point_at(self, holes: list[QRect]) -> None:
        self.holes = [h for h in holes if not h.isEmpty()]
        self.target = QRect()
        for hole in self.holes:
            self.target = self.target.united(hole)
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        dim = QPainterPath()
        dim.addRect(QRectF(self.rect()))
        cut = QPainterPath()
        for hole in self.holes:
            cut.addRoundedRect(QRectF(hole.adjusted(-6, -6, 6, 6)), 8, 8)
        p.fillPath(dim.subtracted(cut), QColor(15, 23, 42, 95))
        p.setPen(QPen(QColor(ACCENT), 3))
        for hole in self.holes:
            p.drawRoundedRect(QRectF(hole.adjusted(-6, -6, 6, 6)), 8, 8)
        p.end()


def tensor_html(tensor: TourTensor) -> str:
    """The first rows and columns of a live tensor as a small table, with its full shape above it."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in tensor.col_labels)
    whole = bool(np.all(np.mod(tensor.values, 1) == 0))  # ids, a mask: integers, not 30.00
    rows = []
    for label, values in zip(tensor.row_labels, tensor.values):
        cells = "".join(f"<td align='right'>{integer(int(v)) if whole else _short(float(v))}</td>" for v in values)
        rows.append(f"<tr><th align='left'>{html.escape(label)}</th>{cells}</tr>")
    more = "" if tensor.values.shape[1] <= len(tensor.col_labels) else " …"
    return (f"<div style='color:#4a5568'>{html.escape(tensor.caption)}{more}</div>"
            f"<table cellspacing='0' cellpadding='2' style='font-size:{look.points(9)}'><tr><th></th>{head}</tr>"
            + "".join(rows) + "</table>")


def _short(value: float) -> str:
    """A table cell: two decimals for the usual small numbers, three significant digits otherwise."""
    return number(value, 2) if abs(value) < 100 else significant(value, 3)


class TourCard(QFrame):
    back = Signal()
    next = Signal()
    closed = Signal()
    train_requested = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("tour_card")
        self.setStyleSheet(f"QFrame#tour_card {{ background: white; border: 2px solid {ACCENT}; border-radius: 10px; }}"
                           "QLabel#tour_formula { background: #f1f5fb; border-radius: 4px; padding: 4px; }"
                           "QFrame#tour_train_box { background: #fff4e0; border-radius: 6px; }")
        self.setFixedWidth(CARD_WIDTH)
        self.counter = QLabel()
        self.counter.setObjectName("tour_counter")
        self.title = QLabel()
        self.title.setObjectName("tour_title")
        self.title.setStyleSheet("color: #1a365d;")
        look.size(self.title, 13, bold=True)
        self.title.setWordWrap(True)
        self.body = QLabel()
        self.body.setObjectName("tour_body")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.RichText)
        self.formula = QLabel()
        self.formula.setObjectName("tour_formula")
        self.formula.setWordWrap(True)
        look.size(self.formula, 10, mono=True)
        self.formula.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.tensor = QLabel()
        self.tensor.setObjectName("tour_tensor")
        look.size(self.tensor, 9, mono=True)
        self.tensor.setTextFormat(Qt.RichText)
        self.tensor.setWordWrap(True)
        self.train_box = QFrame()
        self.train_box.setObjectName("tour_train_box")
        self.train_note = QLabel()
        self.train_note.setObjectName("tour_train_note")
        self.train_note.setWordWrap(True)
        self.train_button = QPushButton()
        self.train_button.setObjectName("tour_train")
        self.train_button.clicked.connect(self.train_requested)
        train_layout = QVBoxLayout(self.train_box)
        train_layout.setContentsMargins(8, 6, 8, 6)
        train_layout.addWidget(self.train_note)
        train_layout.addWidget(self.train_button, 0, Qt.AlignLeft)
        self.back_button = QPushButton(translate("tour_panel", "◀  Back"))
        self.back_button.setObjectName("tour_back")
        self.next_button = QPushButton()
        self.next_button.setObjectName("tour_next")
        self.next_button.setDefault(True)
        self.close_button = QPushButton(translate("tour_panel", "Close"))
        self.close_button.setObjectName("tour_close")
        self.close_button.setToolTip(translate("tour_panel", "The tour remembers this step: Help ▸ Tour goes on from "
                                                             "here."))
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.closed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        for w in (self.counter, self.title, self.body, self.formula, self.tensor, self.train_box):
            layout.addWidget(w)
        layout.addLayout(buttons)

    def show_step(self, step: TourStep, number: int, total: int, trained: bool) -> None:
        self.counter.setText(translate("tour_panel", "Tour · step {n} of {total}").format(n=number, total=total))
        self.title.setText(step.title)
        self.body.setText(step.body)
        self.formula.setText(step.formula)
        self.formula.setVisible(bool(step.formula))
        if step.tensor is not None:
            self.tensor.setText(tensor_html(step.tensor))
        else:
            self.tensor.setText("<i style='color:#66707f'>" + html.escape(translate(
                "tour_panel", "Train a model (▶ Train) and your model's own numbers appear here.")) + "</i>")
        self.train_note.setText(step.before_training)
        self.train_button.setText(translate("tour_panel", "Train {n} steps").format(n=integer(TRAIN_FIRST_STEPS))
                                  if not trained else translate("tour_panel", "Train {n} more steps").format(
                                      n=integer(TRAIN_FIRST_STEPS)))
        self.train_box.setVisible(bool(step.before_training))
        self.back_button.setEnabled(number > 1)
        self.next_button.setText(translate("tour_panel", "Next  ▶") if number < total else
                                 translate("tour_panel", "Finish"))
        self.adjustSize()


class TourHost(Protocol):
    """What the tour needs from the window that shows it (`shell.tour_host` is the window's)."""

    def tour_steps(self) -> list[TourStep]: ...

    def show_place(self, step: TourStep) -> None: ...  # the step's tab, and its piece selected

    def anchors(self, step: TourStep) -> list[tuple[QWidget, QRect]]: ...  # what the spotlight covers

    def keep_clear(self, step: TourStep) -> list[tuple[QWidget, QRect]]: ...  # what the card should not hide

    def train_for(self, steps: int) -> None: ...

    def model_trained(self) -> bool: ...

    def saved_step(self) -> int: ...

    def save_step(self, index: int) -> None: ...


class TourGuide(QObject):
    """Walks the tour's steps over `window`: shows each step's place (through the host), points the
    spotlight and keeps the card's tensor live while the model trains or the prompt changes."""
    step_shown = Signal(int)

    def __init__(self, host: TourHost, window: QWidget, refresh_on=(), follow: tuple[QWidget, ...] = ()):
        super().__init__(window)
        self.host, self.window = host, window
        self.index = 0
        self.placed_index: int | None = None
        self._corner: QPoint | None = None  # where the card last stood
        self.steps: list[TourStep] = []
        self.spotlight = Spotlight(window)
        self.card = TourCard(window)
        self.card.hide()
        self.card.back.connect(lambda: self.go(self.index - 1))
        self.card.next.connect(self._next)
        self.card.closed.connect(self.close)
        self.card.train_requested.connect(lambda: host.train_for(TRAIN_FIRST_STEPS))
        self._refresh = QTimer(self, singleShot=True, interval=400, timeout=self._redraw)
        for signal in refresh_on:
            signal.connect(lambda *_: self.active and self._refresh.start())
        # the spotlight follows its target when the window, or a pane inside it, changes size
        for watched in (window, *follow):
            watched.installEventFilter(self)

    @property
    def active(self) -> bool:
        return self.card.isVisible()

    def start(self, index: int | None = None) -> None:
        self.go(self.host.saved_step() if index is None else index)

    def go(self, index: int) -> None:
        self.placed_index = None
        self.steps = self.host.tour_steps()
        self.index = int(np.clip(index, 0, len(self.steps) - 1))
        self.host.save_step(self.index)
        step = self.steps[self.index]
        self.host.show_place(step)
        self.card.show_step(step, self.index + 1, len(self.steps), self.host.model_trained())
        self.card.show()
        # the target's place is known once the tab it lives on has been laid out
        QTimer.singleShot(0, self._place)
        self.step_shown.emit(self.index)

    def _next(self) -> None:
        if self.index + 1 >= len(self.steps):
            self.host.save_step(0)  # finished: next time starts from the beginning
            self.close(remember=False)
        else:
            self.go(self.index + 1)

    def close(self, remember: bool = True) -> None:
        if remember:
            self.host.save_step(self.index)
        self.card.hide()
        self.spotlight.hide()

    def _redraw(self) -> None:
        if self.active:
            self.steps = self.host.tour_steps()
            step = self.steps[self.index]
            self.card.show_step(step, self.index + 1, len(self.steps), self.host.model_trained())
            self._place()

    def _in_window(self, places: list[tuple[QWidget, QRect]]) -> list[QRect]:
        return [QRect(widget.mapTo(self.window, rect.topLeft()), rect.size()) for widget, rect in places]

    def target_rect(self) -> QRect:
        """Where the spotlight goes, in the window's coordinates: the step's anchors, united."""
        target = QRect()
        for rect in self._in_window(self.host.anchors(self.steps[self.index])):
            target = target.united(rect)
        return target

    def _place(self) -> None:
        if not self.active:
            return
        # layouts still pending (a tab just shown, a title just changed) would move the target after we look
        QCoreApplication.sendPostedEvents(None, QEvent.LayoutRequest)
        step = self.steps[self.index]
        holes = self._in_window(self.host.anchors(step))
        self.spotlight.point_at(holes)
        clear = self._in_window(self.host.keep_clear(step))
        area = self.window.rect()
        w = self.card.width()
        # wrapped labels: the height that fits this width, not the one-line size hint
        needed = self.card.layout().totalHeightForWidth(w)
        h = min(needed if needed > 0 else self.card.sizeHint().height(), area.height() - 2 * MARGIN - 24)
        corners = [QPoint(area.right() - w - MARGIN, area.bottom() - h - MARGIN),
                   QPoint(MARGIN, area.bottom() - h - MARGIN),
                   QPoint(area.right() - w - MARGIN, MARGIN + 24), QPoint(MARGIN, MARGIN + 24)]
        previous = self._corner

        def cost(corner: QPoint) -> tuple:
            card = QRect(corner.x(), corner.y(), w, h)
            # hide as little as possible of what the step points at and, a quarter as much, of what it talks
            # about; and stay put when it can, so the card does not jump from side to side between steps
            return (sum(_overlap(card, hole) for hole in holes) + sum(_overlap(card, r) for r in clear) / 4,
                    corner != previous)

        best = self._corner = min(corners, key=cost)
        self.card.setGeometry(best.x(), best.y(), w, h)
        self.card.raise_()
        self.placed_index = self.index  # what a test, or a screenshot, waits for

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Resize and self.active:
            QTimer.singleShot(0, self._place)
        return False


def _overlap(a: QRect, b: QRect) -> int:
    i = a.intersected(b)
    return 0 if i.isEmpty() else i.width() * i.height()
