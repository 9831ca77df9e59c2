"""Shared set-up for the GUI benches: offscreen Qt, run records kept out of the user's data folder,
the project on the import path, and a percentile helper. Import it before PySide6."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
os.environ.setdefault("TINYGPT_DATA_DIR", tempfile.mkdtemp(prefix="tinygpt-bench-"))
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]
