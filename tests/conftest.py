import os
import sys
from pathlib import Path

# Qt must render offscreen in tests, and pyqtgraph must bind to PySide6, not look for PyQt5.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
# Torch on one thread (unless a test is about threads): tiny models on two contending OpenMP threads ran
# 10 steps in 3.6 s against 0.04 s on one. Subprocesses (the CLI tests) inherit it.
os.environ["OMP_NUM_THREADS"] = "1"

import gc
import shutil
import subprocess

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ARTIFACTS = ROOT / "artifacts"

SMALL_TEXT = ("To be, or not to be, that is the question:\n"
              "Whether 'tis nobler in the mind to suffer\n"
              "The slings and arrows of outrageous fortune,\n"
              "Or to take arms against a sea of troubles\n"
              "And by opposing end them. To die—to sleep,\n") * 40


@pytest.fixture
def small_text() -> str:
    return SMALL_TEXT


@pytest.fixture
def small_file(tmp_path) -> Path:
    path = tmp_path / "hamlet.txt"
    path.write_text(SMALL_TEXT, encoding="utf-8")
    return path


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(autouse=True)
def free_closed_windows():
    """After each test (and after pytest-qt closed its widgets): delete them now. Left to a later test's
    event loop, an old window's plots were freed while that test trained and painted — pyqtgraph then
    crashed or hung inside a paint, two tests later."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent
    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
        gc.collect()
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    """Run records go to a folder of the test's own, never to the user's real data directory."""
    data = tmp_path / "data"
    monkeypatch.setenv("TINYGPT_DATA_DIR", str(data))
    return data


def _can_mount() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "mounting a small tmpfs needs root"
    if shutil.which("mount") is None:
        return "no mount command"
    return None


@pytest.fixture
def full_disk(tmp_path):
    """A real 2 MB filesystem, mounted for the test (root only; skipped elsewhere with the reason)."""
    reason = _can_mount()
    if reason:
        pytest.skip(reason)
    mount = tmp_path / "small-disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True,
                          text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(folder: Path, leave_bytes: int = 0) -> None:
    """Take the free space of the filesystem under `folder`: all of it, or all but about `leave_bytes`."""
    with open(folder / "filler", "wb") as f:
        f.write(b"x" * max(0, shutil.disk_usage(folder).free - leave_bytes))
