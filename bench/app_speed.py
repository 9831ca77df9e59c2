"""The app's speed, measured on the real window (offscreen):

1. training throughput inside the app, live curves and live prompt inspection on, against the headless
   trainer with the same settings in the same run (target >= 95%);
2. event-loop latency while training: lateness of a 16 ms timer (target p99 <= 30 ms);
3. keystroke to repainted bars and heatmaps (target p95 <= 50 ms on the default model; the largest
   slider configuration is printed too);
4. launch to window shown (target <= 3 s).

    QT_QPA_PLATFORM=offscreen python bench/app_speed.py [--steps 300]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time

from gui_bench import ROOT, open_window, pct, wait
from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest

from playground.core.model.config import GPTConfig
from playground.core.session.loaded_corpus import DEFAULT_CORPUS, prepare_corpus
from playground.core.training.controller import TrainingController
from playground.core.training.events import StepEvent
from playground.core.training.settings import TrainSettings
from playground.core.training.trainer import Trainer


def headless_tokens_per_s(config, settings) -> float:
    data = prepare_corpus(DEFAULT_CORPUS)
    trainer = Trainer(config, settings, data.tokenizer, data.ids)
    controller = TrainingController(trainer)
    steps = []
    controller.add_callback(lambda e: isinstance(e, StepEvent) and steps.append(e))
    # in a thread of its own, as the app trains: run() sizes the calling thread's OpenMP team, and doing
    # that on this (the GUI) thread halved the next in-app round's speed
    worker = threading.Thread(target=controller.run)
    worker.start()
    worker.join()
    return steps_rate(steps, trainer.tokens_per_step)


def steps_rate(steps, tokens_per_step) -> float:
    """tokens/s over the run's step time (evaluation and sampling excluded on both sides alike)."""
    skip = 10  # first steps warm caches and allocators
    return (len(steps) - skip) * tokens_per_step / (steps[-1].elapsed_s - steps[skip - 1].elapsed_s)


def in_app_vs_headless(app, window, shape: dict, steps: int, rounds: int = 2) -> None:
    """Training tab visible with live curves, alternated with the headless trainer in the same process
    (one-shot A-then-B comparisons are noise on these machines); medians of each."""
    panel = window.settings_panel
    panel.heads.setValue(shape["heads"])
    for name in ("layers", "d_model", "context", "batch"):
        getattr(panel, name).setValue(shape[name])
    panel.steps.setValue(steps)
    config, settings = panel.model_config(), panel.train_settings()
    window.tabs.setCurrentIndex(0)
    in_app, headless = [], []
    for _ in range(rounds):
        window.session.saved_step = window.session.trainer.step if window.session.trainer else 0
        window.session.discard_model()
        collected = []
        window.training_actions.start()
        window.training.worker.controller.add_callback(lambda e, c=collected: isinstance(e, StepEvent) and c.append(e))
        wait(lambda: window.training is None, poll_ms=20)
        in_app.append(steps_rate(collected, window.session.trainer.tokens_per_step))
        headless.append(headless_tokens_per_s(config, settings))
    a, h = statistics.median(in_app), statistics.median(headless)
    print(f"{config.describe()} · batch {settings.batch_size}: in-app (Training tab, live curves) "
          f"{a:,.0f} tokens/s, headless {h:,.0f} → {a / h:.2f}× (rounds: "
          + ", ".join(f"{x / y:.2f}" for x, y in zip(in_app, headless)) + "; target >= 0.95)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=2, help="in-app/headless pairs per model for the comparison")
    ap.add_argument("--only-throughput", action="store_true", help="only the in-app vs headless comparison")
    args = ap.parse_args()
    app, window = open_window()
    smallest = dict(layers=1, heads=1, d_model=32, context=64, batch=24)
    shape, recipe = GPTConfig(), TrainSettings()
    default = dict(layers=shape.n_layer, heads=shape.n_head, d_model=shape.d_model, context=shape.context_length,
                   batch=recipe.batch_size)
    in_app_vs_headless(app, window, smallest, steps=max(args.steps, 600), rounds=args.rounds)
    in_app_vs_headless(app, window, default, steps=args.steps, rounds=args.rounds)
    if args.only_throughput:
        window.session.saved_step = window.session.trainer.step
        window.close()
        return
    window.settings_panel.steps.setValue(args.steps)
    config = window.settings_panel.model_config()
    settings = window.settings_panel.train_settings()
    print(f"model: {config.describe()} · batch {settings.batch_size} · {settings.max_steps} steps")

    # --- 1 & 2: in-app training with live curves and the prompt tab showing live inspection
    window.tabs.setCurrentIndex(1)
    lateness = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick():
        now = clock.nsecsElapsed()
        lateness.append(max(0.0, (now - last[0]) / 1e6 - 16.0))
        last[0] = now

    timer = QTimer(interval=16, timeout=tick)
    timer.setTimerType(Qt.PreciseTimer)
    steps = []
    window.training_actions.start()
    window.training.worker.controller.add_callback(lambda e: isinstance(e, StepEvent) and steps.append(e))
    timer.start()
    gui_cpu = time.thread_time()
    wall = time.perf_counter()
    wait(lambda: window.training is None, poll_ms=50)
    gui_cpu, wall = time.thread_time() - gui_cpu, time.perf_counter() - wall
    timer.stop()
    worst = sorted(range(len(lateness)), key=lambda i: -lateness[i])[:3]
    print(f"GUI thread CPU while training: {gui_cpu:.1f} s of {wall:.1f} s wall; worst ticks at "
          + ", ".join(f"#{i}: {lateness[i]:.0f} ms" for i in worst))
    app_rate = steps_rate(steps, window.session.trainer.tokens_per_step)
    window.session.saved_step = window.session.trainer.step
    headless = headless_tokens_per_s(config, settings)
    print(f"headless trainer         {headless:8.0f} tokens/s")
    print(f"inside the app           {app_rate:8.0f} tokens/s   = {app_rate / headless:.0%} of headless "
          f"(target >= 95%; live curves + live prompt inspection on)")
    print(f"event-loop lateness while training (16 ms timer, {len(lateness)} ticks): median "
          f"{statistics.median(lateness):.1f} ms, p99 {pct(lateness, 0.99):.1f} ms, max {max(lateness):.1f} ms "
          f"(target p99 <= 30 ms)")

    # --- 3: keystroke to repaint
    panel = window.prompt_panel

    def keystroke_latencies(text):
        panel.prompt_edit.clear()
        app.processEvents()
        out = []
        for ch in text:
            loop = QEventLoop()
            panel.inspected.connect(loop.quit)
            QTimer.singleShot(10000, loop.quit)
            t = time.perf_counter()
            if ch == "\n":
                QTest.keyClick(panel.prompt_edit, Qt.Key_Return)
            else:
                QTest.keyClick(panel.prompt_edit, ch)
            loop.exec()  # returns as soon as the inspection is drawn
            panel.bars.viewport().repaint()
            panel.attention.heatmap.view.viewport().repaint()
            panel.attention.grid.viewport().repaint()
            out.append((time.perf_counter() - t) * 1e3)
            panel.inspected.disconnect(loop.quit)
        return out

    prompt = "ROMEO:\nBut soft, what light through yonder window breaks? It is the east"
    lat = keystroke_latencies(prompt)
    print(f"keystroke -> repainted bars + heatmap + grid, default model ({len(lat)} keys, prompt up to "
          f"{len(prompt)} chars): median {statistics.median(lat):.1f} ms, p95 {pct(lat, 0.95):.1f} ms "
          f"(target p95 <= 50 ms; includes the {panel._debounce.interval()} ms debounce)")

    p = window.settings_panel
    p.heads.setValue(16)
    p.layers.setValue(12)
    p.d_model.setValue(512)
    p.context.setValue(256)
    big = p.model_config()
    window.session.new_trainer(big, p.train_settings())
    panel.set_model_available(True)
    lat = keystroke_latencies(("All the world's a stage, and all the men and women merely players. " * 4)[:120])
    print(f"largest slider configuration ({big.describe()}, {big.n_params() / 1e6:.1f} M params): "
          f"median {statistics.median(lat):.1f} ms, p95 {pct(lat, 0.95):.1f} ms")
    window.session.discard_model()
    window.close()

    # --- 4: launch
    env = dict(os.environ, PLAYGROUND_REPORT_LAUNCH="1", PLAYGROUND_QUIT_AFTER_SHOWN="1",
               QT_QPA_PLATFORM="offscreen")
    launches = []
    for _ in range(3):
        t = time.perf_counter()
        out = subprocess.run([sys.executable, str(ROOT / "main.py")], env=env, capture_output=True, text=True,
                             timeout=60)
        launches.append(time.perf_counter() - t)
        shown = [line for line in out.stdout.splitlines() if "window shown" in line]
    print(f"launch: {shown[-1] if shown else out.stderr[-300:]} (in-process); whole process start to exit "
          f"median {statistics.median(launches):.2f} s (target <= 3 s)")


if __name__ == "__main__":
    main()
