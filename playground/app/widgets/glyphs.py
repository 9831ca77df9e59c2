"""Characters the fonts on this machine cannot draw — emoji where only DejaVu is installed — would show
as empty boxes, and invisible ones (a variation selector) as nothing. Such a character is shown as its
code point (U+1F9E0), with its name on hover; a byte token (⟨c3⟩) says on hover what it is."""
from __future__ import annotations

import functools
import unicodedata

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

from ...core.data.tokenizer import show_whitespace, token_label
from ...core.words import QT_TRANSLATE_NOOP, translate

BYTE_TOKEN_NOTE = QT_TRANSLATE_NOOP("glyphs", "one byte of a character that UTF-8 spreads over several bytes")
UNNAMED = QT_TRANSLATE_NOOP("glyphs", "unnamed character")


@functools.cache
def _fonts() -> tuple:
    return tuple(QRawFont.fromFont(QFont(family)) for family in QFontDatabase.families()[:64])


@functools.cache
def drawable(code_point: int) -> bool:
    """Some installed font has a glyph for it (Qt falls back across fonts when it draws)."""
    return any(font.isValid() and font.supportsCharacter(code_point) for font in _fonts())


def _invisible(c: str) -> bool:
    """Format characters (zero-width joiner, soft hyphen…) and variation selectors draw as nothing."""
    return unicodedata.category(c) == "Cf" or 0xFE00 <= ord(c) <= 0xFE0F


def visible(text: str) -> str:
    """`text` with every character no font can draw, or that draws as nothing, replaced by U+XXXX."""
    return "".join(f"U+{ord(c):04X}" if ord(c) > 0x7F and (_invisible(c) or not drawable(ord(c))) else c
                   for c in text)


def running(text: str) -> str:
    """Running text (a sample the model wrote): a variation selector or joiner that only modifies the
    character before it is dropped — alone, as a token, it is spelled; here it would read as noise
    ("❤U+FE0F") — and characters no font draws are spelled."""
    kept = "".join(c for i, c in enumerate(text) if not (i and ord(c) > 0x7F and _invisible(c)))
    return visible(kept)


def label(token_text: str) -> str:
    """A token as a bar, axis or cell shows it: whitespace made visible, undrawable characters spelled."""
    return visible(token_label(token_text))


def shown(text: str) -> str:
    """Running text (a vocabulary, a token in a list): whitespace made visible, undrawable ones spelled."""
    return visible(show_whitespace(text))


def hover(token_text: str) -> str:
    """What a tooltip adds about a token: the names of characters shown as code points, or what a byte is."""
    if token_text.startswith("⟨") and token_text.endswith("⟩"):
        return f"{token_text}: {translate('glyphs', BYTE_TOKEN_NOTE)}"
    names = [f"U+{ord(c):04X} {unicodedata.name(c, translate('glyphs', UNNAMED))}" for c in token_text
             if ord(c) > 0x7F and (_invisible(c) or not drawable(ord(c)))]
    return " · ".join(names)
