"""The app installs anywhere: a wheel built from the repository carries the corpus and the icon, and an
interpreter started elsewhere, with only the wheel on its path, finds them."""
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.timeout(300)
def test_the_wheel_carries_the_corpus_and_icon_and_they_are_found_from_anywhere(tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                            "-q", "-w", str(tmp_path / "dist")], capture_output=True, text=True, timeout=240)
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("tiny_gpt_playground-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        entry_points = next(z.read(n).decode() for n in names if n.endswith("entry_points.txt"))
        z.extractall(tmp_path / "site")
    assert {"playground/assets/tinyshakespeare.txt", "playground/assets/icon.svg", "playground/__main__.py"} <= names
    assert "tiny-gpt = playground.cli:main" in entry_points
    assert "[gui_scripts]" in entry_points and "tiny-gpt-playground = playground.app.shell.launch:launch" in entry_points

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("import playground; from playground.core.session.loaded_corpus import DEFAULT_CORPUS, asset_path\n"
            "print(playground.__file__); print(DEFAULT_CORPUS); print(asset_path('icon.svg'))\n"
            "print(len(DEFAULT_CORPUS.read_bytes()), asset_path('icon.svg').read_text()[:4])")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=elsewhere,
                           env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"})
    assert found.returncode == 0, found.stderr
    package, corpus, icon, sizes = found.stdout.splitlines()
    site = str(tmp_path / "site")
    assert package.startswith(site) and corpus.startswith(site) and icon.startswith(site), found.stdout
    assert sizes == "1115394 <svg"


@pytest.mark.timeout(120)
def test_python_dash_m_playground_opens_the_app(tmp_path):
    import os
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", PLAYGROUND_QUIT_AFTER_SHOWN="1",
               PLAYGROUND_REPORT_LAUNCH="1", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
               TINYGPT_DATA_DIR=str(tmp_path / "data"))
    opened = subprocess.run([sys.executable, "-m", "playground"], capture_output=True, text=True, timeout=100,
                            cwd=tmp_path, env=env)
    assert opened.returncode == 0, opened.stderr
    assert "window shown after" in opened.stdout and "Traceback" not in opened.stderr
