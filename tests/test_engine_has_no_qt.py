"""The engine and the CLI must run where no Qt is installed: importing every engine module (and running
the CLI's parser) loads none of it. `make test` also runs the import-linter contracts in pyproject.toml."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QT = ("PySide6", "pyqtgraph", "superqt", "qtpy", "shiboken6")


def test_every_engine_module_and_the_cli_import_no_qt():
    code = ("import importlib, pkgutil, sys, playground.core as core, playground.cli as cli\n"
            "names = [m.name for m in pkgutil.walk_packages(core.__path__, 'playground.core.')]\n"
            "[importlib.import_module(n) for n in names]\n"
            "cli.build_parser()\n"
            f"bad = [m for m in sys.modules if m.split('.')[0] in {QT!r}]\n"
            "print(len(names), bad); sys.exit(1 if bad or len(names) < 40 else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=str(ROOT))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_import_contracts_hold_and_can_break(tmp_path):
    """lint-imports keeps the contracts, and a Qt import slipped into the engine breaks them."""
    lint = Path(sys.executable).with_name("lint-imports")
    kept = subprocess.run([str(lint)], capture_output=True, text=True, timeout=120, cwd=str(ROOT))
    assert kept.returncode == 0 and "5 kept, 0 broken" in kept.stdout, kept.stdout + kept.stderr
    copy = tmp_path / "repo"
    subprocess.run(["cp", "-r", str(ROOT / "playground"), str(ROOT / "pyproject.toml"), str(tmp_path)], check=True)
    copy.mkdir()
    (tmp_path / "playground").rename(copy / "playground")
    (tmp_path / "pyproject.toml").rename(copy / "pyproject.toml")
    with open(copy / "playground" / "core" / "data" / "corpus.py", "a") as f:
        f.write("\nimport PySide6  # noqa\n")
    broken = subprocess.run([str(lint)], capture_output=True, text=True, timeout=120, cwd=str(copy),
                            env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"})
    assert broken.returncode != 0 and "BROKEN" in broken.stdout, broken.stdout + broken.stderr
    # an upward import inside the engine breaks its layers
    with open(copy / "playground" / "core" / "data" / "corpus.py", "w") as f:
        f.write((ROOT / "playground" / "core" / "data" / "corpus.py").read_text() + "\nfrom ..session import session  # noqa\n")
    upward = subprocess.run([str(lint)], capture_output=True, text=True, timeout=120, cwd=str(copy),
                            env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"})
    assert upward.returncode != 0 and "imports upwards BROKEN" in upward.stdout, upward.stdout
    # and in the app: a widget reaching up into a panel breaks the app's layers; one panel importing another
    # breaks their independence
    (copy / "playground" / "core" / "data" / "corpus.py").write_text(
        (ROOT / "playground" / "core" / "data" / "corpus.py").read_text())
    theme = copy / "playground" / "app" / "widgets" / "theme.py"
    theme.write_text(theme.read_text() + "\nfrom ..panels import why_panel  # noqa\n")
    why = copy / "playground" / "app" / "panels" / "why_panel.py"
    why.write_text(why.read_text() + "\nfrom . import heads_panel  # noqa\n")
    app = subprocess.run([str(lint)], capture_output=True, text=True, timeout=120, cwd=str(copy),
                         env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"})
    assert "session adapter below BROKEN" in app.stdout and "wires them) BROKEN" in app.stdout, app.stdout
    assert "Contracts: 3 kept, 2 broken." in app.stdout, app.stdout
