"""Render the README's tour screenshots at 1280×720, in English and in Portuguese (Brazil): a model
trained briefly on the bundled text, then three tour steps in each language, and every tab in Portuguese.

    QT_QPA_PLATFORM=offscreen python docs/render_tour_screenshots.py [--steps 300]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from gui_bench import ROOT, train_in_window, window_for_screenshots

STEPS_SHOWN = {"tokens": 0, "scores": 4, "softmax": 6, "why": 11, "loss": 12, "generation": 13}
PROMPT = "ROMEO:\nBut soft, what light"


def settle(app, window) -> None:
    for _ in range(3):  # the spotlight is placed after the tab's layout: two rounds of events
        app.processEvents()
        window.grab()


def shoot_tour(app, window, language: str) -> None:
    window.prompt_panel.prompt_edit.setPlainText(PROMPT)
    for key, index in STEPS_SHOWN.items():
        window.tour.go(index)
        settle(app, window)
        window.grab().save(str(ROOT / "docs" / f"screenshot-tour-{key}-{language}.png"))
    window.tour.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=300)
    args = ap.parse_args()
    from playground.app.shell import language

    app, window = window_for_screenshots(1280, 720)
    train_in_window(window, args.steps)
    shoot_tour(app, window, "en")
    model = Path(tempfile.mkdtemp()) / "model"
    window.model_files.save_model_to(model)

    language.install("pt_BR")
    app, window = window_for_screenshots(1280, 720)
    window.model_files.open_checkpoint(model)
    shoot_tour(app, window, "pt_BR")
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        settle(app, window)
        window.grab().save(str(ROOT / "docs" / f"screenshot-720-pt_BR-{i + 1}.png"))
    # the learner's model beside a GPT-2-small-shaped one (built by render_screenshots.py), in Portuguese
    gpt2 = ROOT / "artifacts" / "gpt2-shaped"
    if (gpt2 / "config.json").exists():
        window.model_files.compare_with(gpt2)
        window.prompt_panel.prompt_edit.setPlainText("ROMEO:\nBut soft, what light")
        settle(app, window)
        window.grab().save(str(ROOT / "docs" / "screenshot-720-pt_BR-compare.png"))
    language.install("en")


if __name__ == "__main__":
    main()
