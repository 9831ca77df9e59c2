"""The app's language: English or Portuguese (Brazil), from the system locale or the user's choice.

Qt's translators carry the words (ours compiled from `playground/i18n/*.ts`, Qt's own `qtbase_pt_BR.qm`
for its dialogs); the engine's sentences reach them through `core.words`, which also formats numbers the
locale's way (1.234,5 in Portuguese). The language is installed before any widget is built, so every
label is created in it; a change of choice applies at the next start, which the window offers.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ...core import words
from ...core.words import QT_TRANSLATE_NOOP
from ...translations import compiled_translation

CHOICES = [("system", QT_TRANSLATE_NOOP("language", "System")), ("en", "English"),
           ("pt_BR", "Português (Brasil)")]  # the languages' own names are the same in every language
SUPPORTED = ("en", "pt_BR")
_installed: list[QTranslator] = []  # kept alive: Qt does not own installed translators


def resolve(choice: str, system: QLocale | None = None) -> str:
    """"en" or "pt_BR" for a choice of "system", "en" or "pt_BR" (anything else: the system's)."""
    if choice in SUPPORTED:
        return choice
    system = system or QLocale.system()
    return "pt_BR" if system.language() == QLocale.Portuguese else "en"


def install(choice: str = "system") -> str:
    """Install the language for everything built from now on; returns the one installed."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = resolve(choice)
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedStates))
        words.install()  # the sources are English; Python's number format is the English one
        return language
    locale = QLocale(language)
    QLocale.setDefault(locale)
    ours = QTranslator(app)
    if (qm := compiled_translation(language)) is not None and ours.load(str(qm)):
        app.installTranslator(ours)
        _installed.append(ours)
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    words.install(QCoreApplication.translate,
                  lambda value, decimals: locale.toString(value, "f", decimals),
                  locale.decimalPoint())
    return language
