"""Text drawn as the tokenizer cuts it: alternating token colours, the token id on hover."""
from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QToolTip

from ...core.data.token_stats import TokenPiece, split_into_tokens
from ...core.data.tokenizer import Tokenizer
from ...core.words import translate
from . import glyphs
from .look import look

TOKEN_COLORS = (QColor("#dbe7fb"), QColor("#fde6c4"))
UNKNOWN_COLOR = QColor("#fcd4d0")


class TokenText(QTextEdit):
    """Read-only: each token gets a background colour, alternating so that boundaries show."""

    def __init__(self, parent=None, max_height: int | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        look.size(self, 10.5, mono=True)
        self.setMouseTracking(True)
        if max_height:
            self.setMaximumHeight(max_height)
        self.pieces: list[TokenPiece] = []
        self._doc_starts: list[int] = []
        self._tokenizer: Tokenizer | None = None

    def show_tokens(self, tokenizer: Tokenizer, text: str) -> list[TokenPiece]:
        self._tokenizer = tokenizer
        self.pieces = split_into_tokens(tokenizer, text)
        self._doc_starts = []
        self.clear()
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        fmt = QTextCharFormat()
        colour = 0
        for piece in self.pieces:
            self._doc_starts.append(cursor.position())
            if not piece.known:
                fmt.setBackground(UNKNOWN_COLOR)
            else:
                fmt.setBackground(TOKEN_COLORS[colour])
                colour ^= 1
            # a newline inside a token is drawn as ⏎ and then broken, so the token stays visible
            cursor.insertText(glyphs.visible(piece.text.replace("\n", "⏎\n").replace("\t", "⇥")), fmt)
        cursor.endEditBlock()
        self.moveCursor(QTextCursor.Start)
        return self.pieces

    def piece_at(self, doc_position: int) -> TokenPiece | None:
        i = bisect.bisect_right(self._doc_starts, doc_position) - 1
        return self.pieces[i] if 0 <= i < len(self.pieces) else None

    def event(self, event) -> bool:
        if event.type() == QEvent.ToolTip:
            piece = self.piece_at(self.cursorForPosition(event.pos()).position())
            if piece is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), describe_piece(piece), self)
            return True
        return super().event(event)


def describe_piece(piece: TokenPiece) -> str:
    text = glyphs.shown(piece.text)
    names = glyphs.hover(piece.text)
    text = f"{text} ({names})" if names else text
    if not piece.known:
        return translate("token_text", "“{text}” never occurs in the training text: no token for it").format(text=text)
    if len(piece.token_ids) > 1:
        ids = " ".join(f"#{i}" for i in piece.token_ids)
        return translate("token_text", "“{text}” is {n} byte tokens ({ids}): its UTF-8 bytes were never merged").format(
            text=text, n=len(piece.token_ids), ids=ids)
    n = len(piece.text)
    return (translate("token_text", "token #{id}  “{text}”  (1 character)") if n == 1 else
            translate("token_text", "token #{id}  “{text}”  ({n} characters)")).format(id=piece.token_ids[0], text=text, n=n)
