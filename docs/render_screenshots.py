"""Render the README's screenshots from the real window (offscreen): a short training run on the
default corpus, then every tab: training (with the baselines and the verdict), prompt, explain (a piece and
the embedding map), surprise, a generated text with its copied stretches marked, tokens, and
runs after a second run with GELU for comparison, and every tab again at 1280×720. Run records go to a
temporary folder.

    QT_QPA_PLATFORM=offscreen python docs/render_screenshots.py [--steps 600]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from gui_bench import ROOT, train_in_window, wait, window_for_screenshots


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=600)
    args = ap.parse_args()
    app, window = window_for_screenshots(1400, 900)
    train_in_window(window, args.steps)
    window.grab().save(str(ROOT / "docs" / "screenshot-training.png"))
    window.tabs.setCurrentIndex(1)
    window.prompt_panel.prompt_edit.setPlainText("ROMEO:\nBut soft, what light through yonder window")
    wait(lambda: window.prompt_panel.last_inspection is not None and window.prompt_panel.last_inspection.n_tokens > 40)
    window.prompt_panel.attention.select(1, 2)
    app.processEvents()
    window.grab().save(str(ROOT / "docs" / "screenshot-prompt.png"))
    explain = window.explain_panel
    window.tabs.setCurrentWidget(explain)
    explain.select_piece("weights")
    explain.pane.layer.setCurrentIndex(1)
    app.processEvents()
    window.grab().save(str(ROOT / "docs" / "screenshot-explain.png"))
    explain.views.setCurrentIndex(2)
    app.processEvents()
    window.grab().save(str(ROOT / "docs" / "screenshot-embeddings.png"))
    explain.views.setCurrentIndex(0)
    window.tabs.setCurrentWidget(window.surprise_panel)
    app.processEvents()
    window.grab().save(str(ROOT / "docs" / "screenshot-surprise.png"))
    window.prompt_panel.prompt_edit.setPlainText("ROMEO:\nBut soft, what light through yonder window b")
    window.tabs.setCurrentWidget(window.why_panel)
    wait(lambda: window.why_panel.attribution is not None)
    app.processEvents()
    window.grab().save(str(ROOT / "docs" / "screenshot-why.png"))
    heads = window.heads_panel
    window.tabs.setCurrentWidget(heads)
    wait(lambda: heads.table.rowCount() > 0)
    wait(lambda: not heads._measure_timer.isActive())  # the history over the timeline, measured
    heads.switch_head(1, 2)
    app.processEvents()
    window.grab().save(str(ROOT / "docs" / "screenshot-heads.png"))
    heads.restore_button.click()
    window.tabs.setCurrentWidget(window.prompt_panel)
    window.timeline_bar.view(30)
    app.processEvents()
    window.grab().save(str(ROOT / "docs" / "screenshot-timeline.png"))
    window.timeline_bar.view(None)
    prompt = window.prompt_panel
    window.tabs.setCurrentWidget(prompt)
    prompt.prompt_edit.setPlainText("ROMEO:\n")
    prompt.n_tokens.setValue(160)
    prompt.start_generation()
    wait(lambda: prompt.generation is None)
    app.processEvents()
    window.grab().save(str(ROOT / "docs" / "screenshot-copies.png"))
    # a second run that differs in one option, for the Runs tab
    window.session.saved_step = window.session.trainer.step
    panel = window.settings_panel
    panel.activation.setCurrentIndex(panel.activation.findData("gelu"))
    train_in_window(window)
    runs = window.runs_panel
    for run in runs.runs:
        runs.set_checked(run.id, True)
    runs.x_axis.setCurrentIndex(runs.x_axis.findData("time"))
    window.tabs.setCurrentWidget(runs)
    app.processEvents()
    window.grab().save(str(ROOT / "docs" / "screenshot-runs.png"))
    window.retokenize("bpe", 512)
    wait(lambda: window.session.data.tokenizer.kind == "bpe" and window.session.baselines is not None
         and "counting" not in window.corpus_card.baselines_label.text())
    window.tabs.setCurrentWidget(window.tokens_panel)
    app.processEvents()
    window.grab().save(str(ROOT / "docs" / "screenshot-tokens.png"))
    # every tab as a 1280×720 projector shows it (the window less a title bar)
    window.resize(1280, 690)
    for i, name in enumerate(("training", "prompt", "explain", "surprise", "heads", "tokens", "runs", "why")):
        window.tabs.setCurrentIndex(i)
        app.processEvents()
        window.grab().save(str(ROOT / "docs" / f"screenshot-720-{name}.png"))
    # a GPT-2-small-shaped model (random weights: nothing can be downloaded here) in the same window
    folder = ROOT / "artifacts" / "gpt2-shaped"
    if not (folder / "config.json").exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "pretrained_speed.py"), "--build-only", str(folder)],
                       check=True)
    window.resize(1400, 900)
    window.model_files.compare_with(folder)  # first beside the model trained above, then on its own
    window.prompt_panel.prompt_edit.setPlainText("ROMEO:\nBut soft, what light through yonder window breaks?")
    wait(lambda: window.prompt_panel.compare.inspection is not None)
    app.processEvents()
    window.grab().save(str(ROOT / "docs" / "screenshot-compare.png"))
    window.tabs.setCurrentWidget(window.explain_panel)  # the logit lens of both, one above the other
    window.explain_panel.views.setCurrentIndex(1)
    wait(lambda: window.explain_panel.compare_lens is not None)
    app.processEvents()
    window.grab().save(str(ROOT / "docs" / "screenshot-compare-lens.png"))
    # the report, as a browser shows it (where Chromium is installed)
    report = ROOT / "artifacts" / "report.html"
    window.model_files.export_report(report)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser:
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        f"--screenshot={ROOT / 'docs' / 'screenshot-report.png'}", "--window-size=1100,1500",
                        report.as_uri()], capture_output=True, timeout=120)
    window.session.close_comparison()
    window.model_files.open_checkpoint(folder)
    window.tabs.setCurrentWidget(window.prompt_panel)
    window.prompt_panel.prompt_edit.setPlainText("ROMEO:\nBut soft, what light through yonder window breaks?")
    wait(lambda: window.prompt_panel.last_inspection is not None and len(window.prompt_panel.last_inspection.attention) == 12)
    app.processEvents()
    window.grab().save(str(ROOT / "docs" / "screenshot-gpt2-prompt.png"))
    window.resize(1280, 690)
    app.processEvents()
    window.grab().save(str(ROOT / "docs" / "screenshot-720-gpt2-prompt.png"))
    window.close()
    zoomed_and_colour_blind()


def zoomed_and_colour_blind() -> None:
    """The classroom kit at 1280×720: 150 % zoom in English and Portuguese, and the colour-blind palette."""
    from playground.app.shell import language
    from playground.app.widgets.look import look
    for lang in ("en", "pt_BR"):
        language.install(lang)
        app, window = window_for_screenshots(1280, 690)
        train_in_window(window, 200)
        window.prompt_panel.prompt_edit.setPlainText("ROMEO:\nBut soft, what light")
        if lang == "en":
            window.use_colour_blind_safe(True)
            window.tabs.setCurrentWidget(window.prompt_panel)
            app.processEvents()
            window.grab().save(str(ROOT / "docs" / "screenshot-720-colour-blind.png"))
            window.use_colour_blind_safe(False)
        for _ in range(3):
            window.zoom(1)
        window.message_bar.hide()
        for name, tab in (("training", window.training_panel), ("prompt", window.prompt_panel)):
            window.tabs.setCurrentWidget(tab)
            for _ in range(3):
                app.processEvents()
            window.grab().save(str(ROOT / "docs" / f"screenshot-720-150-{lang}-{name}.png"))
        window.zoom(0)
        window.close()
    look.set_zoom(1.0)
    language.install("en")


if __name__ == "__main__":
    main()
