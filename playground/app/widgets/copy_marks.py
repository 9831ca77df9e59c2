"""Copied or new: the stretches of a generated text that stand verbatim in the training text, marked in
the text box; clicking one shows where it stands in the training text, with its surroundings."""
from __future__ import annotations

import html

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit

from ...core.data.copies import PIECE_CHARS, CopiedStretch, CopyIndex, CopyReport
from ...core.words import integer, translate
from .theme import COPY_BG


def _shown(text: str) -> str:
    return html.escape(text).replace("\n", " ⏎ ")


class CopyMarks(QObject):
    def __init__(self, edit: QPlainTextEdit, redraw_marks=None, parent=None):
        super().__init__(parent or edit)
        self.edit = edit
        # a box with marks of its own (the prompt's unknown characters) merges ours into them
        self._redraw_marks = redraw_marks or (lambda: edit.setExtraSelections(self.selections))
        self.index: CopyIndex | None = None
        self.report: CopyReport | None = None
        self.offset = 0              # where the checked text starts in the box
        self.selections: list[QTextEdit.ExtraSelection] = []
        self._checked_text = ""
        self.label = QLabel("")
        self.label.setObjectName("copy_report")
        self.label.setWordWrap(True)
        self.label.hide()
        edit.cursorPositionChanged.connect(self._on_cursor)
        edit.textChanged.connect(self._on_text_changed)

    def check(self, text: str, offset: int = 0) -> CopyReport | None:
        """Check `text`, which starts at character `offset` of the box, against the training text."""
        self.clear()
        if self.index is None or not text:
            return None
        self.report, self.offset = self.index.report(text), offset
        self._checked_text = self.edit.toPlainText()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(COPY_BG))
        for stretch in self.report.stretches:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.edit.document())
            cursor.setPosition(offset + stretch.start)
            cursor.setPosition(offset + stretch.end, QTextCursor.KeepAnchor)
            selection.cursor, selection.format = cursor, fmt
            self.selections.append(selection)
        self._redraw_marks()
        self._say_summary()
        return self.report

    def clear(self) -> None:
        self.report, self._checked_text = None, ""
        if self.selections:
            self.selections = []
            self._redraw_marks()
        self.label.hide()

    def _say_summary(self) -> None:
        r = self.report
        # one line (a short screen needs the height); what the marks mean is on hover
        hint = (translate("copy_marks", "Highlighted: stretches of {n}+ characters found in the training text; click one to "
                          "see where.") if r.stretches else
                translate("copy_marks", "Nothing of {n} characters or more is copied: this text is new.")).format(n=PIECE_CHARS)
        self.label.setText(html.escape(r.line()[0].upper() + r.line()[1:]) + "." +
                           ("" if r.stretches else " " + hint))
        self.label.setToolTip(hint)
        self.label.show()

    def stretch_at(self, position: int) -> CopiedStretch | None:
        """The longest copied stretch covering a character of the box."""
        if self.report is None:
            return None
        i = position - self.offset
        covering = [s for s in self.report.stretches if s.start <= i < s.end]
        return max(covering, key=lambda s: s.length, default=None)

    def _on_cursor(self) -> None:
        stretch = self.stretch_at(self.edit.textCursor().position())
        if stretch is None or self.index is None:
            if self.report is not None:
                self._say_summary()
            return
        before, copied, after = self.index.surroundings(stretch)
        where = translate("copy_marks", "These {n} characters stand in the training text at character {at}:").format(
            n=stretch.length, at=integer(stretch.corpus_start))
        self.label.setText(f"{where} …{_shown(before)}<span style='background:{COPY_BG}'><b>{_shown(copied)}"
                           f"</b></span>{_shown(after)}…")

    def _on_text_changed(self) -> None:
        if self.report is not None and self.edit.toPlainText() != self._checked_text:
            self.clear()  # edited since: the marks would point at the wrong characters
