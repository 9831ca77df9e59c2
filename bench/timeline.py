"""What the timeline costs: capturing snapshots while training (target <= 5 % of throughput, the same
run with and without capture, alternated in rounds so machine noise hits both alike) and scrubbing
(target: every view redrawn in <= 100 ms p95 on the default model, measured in the real window with
the Prompt tab visible).

    QT_QPA_PLATFORM=offscreen python bench/timeline.py [--steps 300 --rounds 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gui_bench import open_window, pct, train_in_window

from playground.core.model.config import GPTConfig
from playground.core.session.loaded_corpus import prepare_corpus
from playground.core.storage.timeline import Timeline, TimelineRecorder
from playground.core.training.controller import TrainingController
from playground.core.training.settings import TrainSettings
from playground.core.training.trainer import Trainer

CORPUS = Path(__file__).resolve().parents[1] / "assets" / "tinyshakespeare.txt"


def timed_run(data, steps: int, capture: bool) -> tuple[float, int]:
    config = GPTConfig(vocab_size=data.tokenizer.vocab_size)  # the app's default model
    trainer = Trainer(config, TrainSettings(max_steps=steps, threads=0), data.tokenizer, data.ids)
    controller = TrainingController(trainer)
    timeline = Timeline()
    if capture:
        controller.add_callback(TimelineRecorder(trainer, timeline))
    started = time.perf_counter()
    controller.run()
    return steps * trainer.tokens_per_step / (time.perf_counter() - started), len(timeline)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    import torch
    print(f"torch threads: {torch.get_num_threads()}", flush=True)
    data = prepare_corpus(CORPUS)
    speeds = {True: [], False: []}
    kept = 0
    for _ in range(args.rounds):
        for capture in (False, True):
            speed, n = timed_run(data, args.steps, capture)
            speeds[capture].append(speed)
            kept = max(kept, n)
    off, on = statistics.median(speeds[False]), statistics.median(speeds[True])
    print(f"capture: {args.steps} steps from scratch (the densest part of the schedule, {kept} snapshots): "
          f"{on:,.0f} tokens/s with, {off:,.0f} without: {on / off:.3f}× "
          f"(rounds with: {', '.join(f'{v:,.0f}' for v in speeds[True])}; "
          f"without: {', '.join(f'{v:,.0f}' for v in speeds[False])})", flush=True)

    app, window = open_window()
    window.resize(1400, 900)
    train_in_window(window, args.steps)
    window.tabs.setCurrentWidget(window.prompt_panel)
    app.processEvents()
    bar = window.timeline_bar
    times = []
    for _ in range(2):
        for step in bar.steps[:-1]:
            started = time.perf_counter()
            bar.view(step)
            app.processEvents()  # the views redraw on the weights signal; this paints them
            times.append(time.perf_counter() - started)
    print(f"scrub (Prompt tab visible, {len(bar.steps)} kept steps, {len(times)} moves): median "
          f"{statistics.median(times) * 1000:.0f} ms, p95 {pct(times, 0.95) * 1000:.0f} ms, worst "
          f"{max(times) * 1000:.0f} ms", flush=True)
    window.close()


if __name__ == "__main__":
    main()
