"""Time to quality: the default recipe on tiny Shakespeare, val loss against wall-clock seconds.

Prints the curve, and when val loss first reached 2.0, 1.89 and 1.8 (targets: ≤ 1.89 within 35 s and ≤ 1.8
within 50 s on a bf16 machine, final ≤ 1.77; nanoGPT's CPU recipe takes ~163 s to reach 1.886 on this kind of
machine). Wall time counts from the start of loading, evaluations included, as a user waits for them.

    python bench/time_to_quality.py [--steps N --batch-size N --lr X ...]
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from playground.core.data.corpus import load_corpus
from playground.core.data.tokenizer import CharTokenizer
from playground.core.model.config import GPTConfig
from playground.core.training.controller import TrainingController
from playground.core.training.events import EvalEvent, SampleEvent
from playground.core.training.settings import TrainSettings, cpu_has_native_bf16
from playground.core.training.trainer import Trainer

CORPUS = Path(__file__).resolve().parents[1] / "assets" / "tinyshakespeare.txt"


def main():
    defaults = TrainSettings()
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=defaults.max_steps)
    ap.add_argument("--batch-size", type=int, default=defaults.batch_size)
    ap.add_argument("--lr", type=float, default=defaults.learning_rate)
    ap.add_argument("--warmup", type=int, default=defaults.warmup_steps)
    ap.add_argument("--activation", default=GPTConfig().activation)
    ap.add_argument("--layers", type=int, default=GPTConfig().n_layer)
    ap.add_argument("--heads", type=int, default=GPTConfig().n_head)
    ap.add_argument("--d-model", type=int, default=GPTConfig().d_model)
    ap.add_argument("--context", type=int, default=GPTConfig().context_length)
    ap.add_argument("--min-lr-ratio", type=float, default=defaults.min_lr_ratio)
    ap.add_argument("--stop-at", type=float, default=0.0, help="stop once val loss is at or below this")
    ap.add_argument("--eval-interval", type=int, default=defaults.eval_interval)
    ap.add_argument("--precision", choices=["auto", "fp32", "bf16"], default=defaults.precision)
    ap.add_argument("--optimizer", choices=["adamw", "muon"], default=defaults.optimizer)
    args = ap.parse_args()

    started = time.perf_counter()
    corpus = load_corpus(CORPUS)
    tok = CharTokenizer.from_text(corpus.text)
    ids = tok.encode_corpus(corpus.text)
    config = GPTConfig(vocab_size=tok.vocab_size, activation=args.activation, n_layer=args.layers,
                       n_head=args.heads, d_model=args.d_model, context_length=args.context)
    settings = replace(defaults, max_steps=args.steps, batch_size=args.batch_size, learning_rate=args.lr,
                       warmup_steps=args.warmup, eval_interval=args.eval_interval, precision=args.precision,
                       min_lr_ratio=args.min_lr_ratio, optimizer=args.optimizer,
                       sample_interval=10 ** 9)  # no samples mid-run: they are UI, not training
    trainer = Trainer(config, settings, tok, ids)
    controller = TrainingController(trainer, snapshot_interval=10 ** 9)
    curve = []

    def on_event(event):
        if isinstance(event, EvalEvent):
            wall = time.perf_counter() - started
            curve.append((event.step, wall, event.val_loss))
            print(f"step {event.step:5d}  {wall:6.1f} s  val {event.val_loss:.4f}  train {event.train_loss:.4f}",
                  flush=True)
            if args.stop_at and event.val_loss <= args.stop_at:
                controller.stop()
        elif isinstance(event, SampleEvent):
            print(f"--- final sample ---\n{event.text}\n---")

    controller.add_callback(on_event)
    print(f"recipe: {config.describe()} · batch {settings.batch_size} · lr {settings.learning_rate} · "
          f"{settings.max_steps} steps · {config.activation} · {settings.optimizer} · {trainer.precision} math · "
          f"{torch.get_num_threads()} torch threads · native bf16: {cpu_has_native_bf16()}")
    controller.run()
    total = time.perf_counter() - started
    print(f"wall time, load to last eval: {total:.1f} s   final val {curve[-1][2]:.4f}")
    targets = {1.89: "target <= 35 s", 1.8: "target <= 50 s"}
    for threshold in (2.0, 1.89, 1.8):
        hit = next(((s, w) for s, w, v in curve if v <= threshold), None)
        print(f"val <= {threshold:<4}: " + (f"{hit[1]:6.1f} s (step {hit[0]})" if hit else "not reached")
              + (f"   ({targets[threshold]})" if threshold in targets else ""))


if __name__ == "__main__":
    main()
