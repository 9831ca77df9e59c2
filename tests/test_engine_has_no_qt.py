import subprocess
import sys


def test_engine_and_cli_import_no_qt():
    code = ("import sys; import playground.core.trainer, playground.core.checkpoint, playground.core.inspection, "
            "playground.cli; bad = [m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'pyqtgraph', 'superqt', 'qtpy', 'shiboken6')]; print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            cwd=str(__import__('pathlib').Path(__file__).resolve().parents[1]))
    assert result.returncode == 0, result.stdout + result.stderr
