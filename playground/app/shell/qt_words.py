"""Words of Qt's own dialogs that Qt's Portuguese catalogue (qtbase_pt_BR) lacks — the file dialog's
"Look in" and "Files of type" labels. Marked here so lupdate copies them into our catalogue, which Qt
consults too: the file dialog then reads Portuguese throughout."""
from __future__ import annotations

from ...core.words import QT_TRANSLATE_NOOP

MISSING_FROM_QT = (QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"), QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"))
