"""The words the product says, in the learner's language — without the engine knowing about Qt.

Every user-facing sentence, in the engine and in the app, is written as `translate(context, source)`
(or marked with `QT_TRANSLATE_NOOP` where it is a constant read later) so that `pyside6-lupdate` finds
it. Until a front end installs a translator the engine speaks English: that is what the CLI and the
tests of the engine see. The app installs Qt's `QCoreApplication.translate` and a `QLocale` number
formatter at start-up, so the same call reads Portuguese with decimal commas there.

Sentences with values use named `{placeholders}` filled with `.format(...)` after translating, so a
translation may move them where its grammar wants; numbers go through `number()` / `integer()` so they
follow the locale.
"""
from __future__ import annotations

from collections.abc import Callable

Translator = Callable[[str, str], str]
NumberFormatter = Callable[[float, int], str]


def _english(context: str, source: str) -> str:
    return source


def _python_number(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


_translator: Translator = _english
_number: NumberFormatter = _python_number
_decimal_point = "."


def install(translator: Translator | None = None, number_formatter: NumberFormatter | None = None,
            decimal_point: str = ".") -> None:
    """Route every later `translate` / `number` call (None: back to English and Python's format)."""
    global _translator, _number, _decimal_point
    _translator = translator or _english
    _number = number_formatter or _python_number
    _decimal_point = decimal_point


def translate(context: str, source: str) -> str:
    return _translator(context, source)


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks a constant for lupdate; it is translated where it is shown, with `translate(context, it)`."""
    return source


def number(value: float, decimals: int = 2) -> str:
    """A number as the user's locale writes it: 1,234.57 in English, 1.234,57 in Portuguese."""
    return _number(float(value), decimals)


def integer(value: int) -> str:
    return _number(float(value), 0)


def scientific(value: float, decimals: int = 1) -> str:
    """3.0e-03, or 3,0e-03 in a decimal-comma locale: for learning rates and other tiny numbers."""
    return f"{value:.{decimals}e}".replace(".", _decimal_point)


def significant(value: float, digits: int = 4) -> str:
    """A number of any size to `digits` significant digits (1.234e-05 stays readable), in the locale's decimals."""
    return f"{value:.{digits}g}".replace(".", _decimal_point)
