"""Where the translations live and how they are built: `.ts` sources in `playground/i18n/`, kept current
by `pyside6-lupdate` over the package's Python files, compiled to `.qm` by `pyside6-lrelease` (both ship
with PySide6-Essentials). `make` builds the `.qm`; `python -m playground.translations update` refreshes
the `.ts` after strings change in the code."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
I18N = PACKAGE / "i18n"
LANGUAGES = ("pt_BR",)


def ts_file(language: str) -> Path:
    return I18N / f"playground_{language}.ts"


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found: install PySide6-Essentials (make does)")
    return found


def sources() -> list[str]:
    """Every Python file of the package, in a stable order (lupdate's output must not depend on it)."""
    return sorted(str(p.relative_to(PACKAGE.parent)) for p in PACKAGE.rglob("*.py"))


def update(ts: Path | None = None, language: str = "pt_BR") -> None:
    """Refresh a .ts from the code (new strings added as unfinished, gone ones dropped)."""
    target = ts or ts_file(language)
    subprocess.run([_tool("pyside6-lupdate"), "-silent", "-locations", "none", "-no-obsolete", *sources(),
                    "-ts", str(target)], cwd=PACKAGE.parent, check=True, capture_output=True)


def release(language: str = "pt_BR", out: Path | None = None) -> Path:
    qm = out or ts_file(language).with_suffix(".qm")
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts_file(language)), "-qm", str(qm)],
                   check=True, capture_output=True)
    return qm


def compiled_translation(language: str) -> Path | None:
    """The .qm for a language, compiled now if the set-up has not (or the .ts is newer); None without one."""
    ts, qm = ts_file(language), ts_file(language).with_suffix(".qm")
    if not ts.is_file():
        return None
    if qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return qm
    try:
        return release(language)
    except (OSError, subprocess.CalledProcessError):
        return qm if qm.is_file() else None


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "release"
    for lang in LANGUAGES:
        update(language=lang) if command == "update" else release(lang)
        print(f"{command}: {ts_file(lang) if command == 'update' else ts_file(lang).with_suffix('.qm')}")
