"""Explain mode's speed on the default model (4 layers, 4 heads, d_model 128, context 64), offscreen:

1. switching pieces: click → the piece's tensor drawn and repainted, for every piece, layers and heads;
2. retyping: keystroke in the Explain prompt → inspection → the visible explain view up to date, for each
   of the four views (architecture with the attention weights, logit lens, embedding map, positions);
   the last two depend on the weights alone, so a training snapshot → redrawn is timed for them too.

Target: p95 <= 100 ms for both.

    QT_QPA_PLATFORM=offscreen python bench/explain_speed.py
"""
from __future__ import annotations

import statistics
import time

from gui_bench import open_window, pct
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest

from playground.core.analysis.explain import PIECES
from playground.core.training.settings import TrainSettings


def main():
    app, window = open_window()
    session = window.session
    trainer = session.new_trainer(session.model_config(), TrainSettings(max_steps=100, warmup_steps=10))
    for _ in range(100):  # a little training, so the tensors are not those of a random model
        trainer.train_step()
    session.refresh_inspection_model(trainer.snapshot(), trainer.step)
    window.prompt_panel.set_model_available(True)
    window.tabs.setCurrentWidget(window.explain_panel)
    panel = window.explain_panel
    panel.prompt.setPlainText("ROMEO:\nBut soft, what light through yonder window breaks? It is the eas")
    app.processEvents()
    print(f"model: {session.inspection_model.config.describe()}, prompt {panel.inspection.n_tokens} tokens")

    def timed(action, repaint) -> float:
        t = time.perf_counter()
        action()
        repaint().repaint()
        return (time.perf_counter() - t) * 1e3

    switches = []
    for _ in range(3):
        for key in PIECES:
            if key == "ln1" or key not in panel.diagram.keys():
                continue
            rect = panel.diagram.rect_of(key)
            switches.append(timed(lambda r=rect: QTest.mouseClick(panel.diagram, Qt.LeftButton, pos=r.center().toPoint()),
                                  lambda: panel.pane))
        for layer in range(4):
            switches.append(timed(lambda n=layer: panel.pane.layer.setCurrentIndex(n), lambda: panel.pane))
    print(f"switching pieces/layers ({len(switches)} switches): median {statistics.median(switches):.1f} ms, "
          f"p95 {pct(switches, 0.95):.1f} ms (target p95 <= 100 ms)")

    panel.select_piece("weights")
    text = "But soft, what light through yonder window breaks? It is the east, and Juliet is the sun"
    for index, name in enumerate(["architecture (attention weights)", "logit lens", "embedding map", "positions"]):
        panel.views.setCurrentIndex(index)
        app.processEvents()
        panel.prompt.clear()
        app.processEvents()
        latencies = []
        for ch in text[:60]:
            loop = QEventLoop()
            panel.rendered.connect(loop.quit)
            QTimer.singleShot(10000, loop.quit)
            t = time.perf_counter()
            QTest.keyClick(panel.prompt, ch)
            loop.exec()
            panel.views.currentWidget().repaint()
            latencies.append((time.perf_counter() - t) * 1e3)
            panel.rendered.disconnect(loop.quit)
        print(f"keystroke -> {name} up to date ({len(latencies)} keys): median {statistics.median(latencies):.1f} "
              f"ms, p95 {pct(latencies, 0.95):.1f} ms (target p95 <= 100 ms)")
        if index >= 2:  # these views depend on the weights alone: time what a training snapshot costs them
            latencies = []
            for _ in range(20):
                trainer.train_step()
                t = time.perf_counter()
                session.refresh_inspection_model(trainer.snapshot(), trainer.step)
                window.prompt_panel.model_updated()
                panel.views.currentWidget().repaint()
                latencies.append((time.perf_counter() - t) * 1e3)
            print(f"new weights -> {name} redrawn ({len(latencies)} snapshots): median "
                  f"{statistics.median(latencies):.1f} ms, p95 {pct(latencies, 0.95):.1f} ms")
    window.close()


if __name__ == "__main__":
    main()
