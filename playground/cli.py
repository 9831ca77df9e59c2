"""Command line: `train` and `sample` on the same engine the app uses; no arguments opens the app."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "assets" / "tinyshakespeare.txt"


class UserError(Exception):
    """Bad input from the command line: printed as one line, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    from .core.config import GPTConfig
    from .core.trainer import TrainSettings

    model, train = GPTConfig(), TrainSettings()
    p = argparse.ArgumentParser(prog="main.py", description="Tiny GPT Playground: train a tiny GPT on your text.")
    sub = p.add_subparsers(dest="command")

    t = sub.add_parser("train", help="train a model on a text file")
    t.add_argument("file", nargs="?", default=str(DEFAULT_CORPUS), help="text file (default: tiny Shakespeare)")
    t.add_argument("--out", required=True, help="checkpoint folder to write")
    t.add_argument("--resume", help="checkpoint folder to continue training from")
    t.add_argument("--layers", type=int, default=model.n_layer)
    t.add_argument("--heads", type=int, default=model.n_head)
    t.add_argument("--d-model", type=int, default=model.d_model)
    t.add_argument("--context", type=int, default=model.context_length)
    t.add_argument("--dropout", type=float, default=model.dropout)
    t.add_argument("--positional", choices=["learned", "sinusoidal"], default=model.positional)
    t.add_argument("--activation", choices=["gelu", "relu"], default=model.activation)
    t.add_argument("--norm", choices=["pre", "post"], default=model.norm_placement)
    t.add_argument("--untied", action="store_true", help="separate input and output embeddings")
    t.add_argument("--tokenizer", choices=["char", "bpe"], default="char")
    t.add_argument("--vocab-size", type=int, default=512, help="BPE vocabulary size")
    t.add_argument("--batch-size", type=int, default=train.batch_size)
    t.add_argument("--lr", type=float, default=train.learning_rate)
    t.add_argument("--warmup", type=int, default=train.warmup_steps)
    t.add_argument("--steps", type=int, default=train.max_steps)
    t.add_argument("--eval-interval", type=int, default=train.eval_interval)
    t.add_argument("--seed", type=int, default=train.seed)
    t.add_argument("--threads", type=int, default=0, help="CPU threads (0: all)")

    s = sub.add_parser("sample", help="generate text from a checkpoint")
    s.add_argument("checkpoint", help="checkpoint folder")
    s.add_argument("--prompt", default="\n")
    s.add_argument("--tokens", type=int, default=300)
    s.add_argument("--temperature", type=float, default=0.8)
    s.add_argument("--top-k", type=int, default=0)
    s.add_argument("--top-p", type=float, default=1.0)
    s.add_argument("--greedy", action="store_true")
    s.add_argument("--seed", type=int, default=None)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        from .app.launch import launch
        return launch()
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        return 0
    try:
        return {"train": cmd_train, "sample": cmd_sample}[args.command](args)
    except UserError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130


def cmd_train(args) -> int:
    from tqdm import tqdm

    from .core.checkpoint import CheckpointError, load_checkpoint, save_checkpoint, trainer_from_checkpoint
    from .core.config import ConfigError, GPTConfig
    from .core.corpus import CorpusError, load_corpus
    from .core.tokenizer import TokenizerError, build_tokenizer
    from .core.trainer import (EvalEvent, SampleEvent, StateEvent, StepEvent, Trainer, TrainingController,
                               TrainingError, TrainSettings)

    try:
        corpus = load_corpus(args.file)
        settings = TrainSettings(batch_size=args.batch_size, learning_rate=args.lr, warmup_steps=args.warmup,
                                 max_steps=args.steps, eval_interval=args.eval_interval, seed=args.seed,
                                 threads=args.threads)
        if args.resume:
            checkpoint = load_checkpoint(args.resume)
            tokenizer = checkpoint.tokenizer
            ids = tokenizer.encode_corpus(corpus.text)
            trainer = trainer_from_checkpoint(checkpoint, ids, settings)
        else:
            tokenizer = build_tokenizer(args.tokenizer, corpus.text, args.vocab_size)
            config = GPTConfig(vocab_size=tokenizer.vocab_size, context_length=args.context, n_layer=args.layers,
                               n_head=args.heads, d_model=args.d_model, dropout=args.dropout,
                               positional=args.positional, activation=args.activation,
                               norm_placement=args.norm, tie_embeddings=not args.untied)
            trainer = Trainer(config, settings, tokenizer, tokenizer.encode_corpus(corpus.text))
    except (CorpusError, ConfigError, TokenizerError, TrainingError, CheckpointError) as e:
        raise UserError(str(e)) from None
    for note in corpus.notes:
        print(f"note: {note}", file=sys.stderr)

    from .core.config import format_bytes, format_count
    cfg = trainer.config
    print(f"{corpus.name}: {corpus.num_chars:,} characters, {tokenizer.vocab_size} tokens in the vocabulary",
          file=sys.stderr)
    print(f"model: {cfg.describe()} · {format_count(cfg.n_params())} parameters · "
          f"~{format_bytes(cfg.estimate_training_memory(settings.batch_size))} to train", file=sys.stderr)

    controller = TrainingController(trainer)
    bar = tqdm(total=settings.max_steps, initial=trainer.step, unit="step", dynamic_ncols=True, file=sys.stderr)
    outcome = {}

    def on_event(event):
        if isinstance(event, StepEvent):
            bar.update(event.step - bar.n)
            bar.set_postfix(loss=f"{event.loss:.3f}", tok_s=f"{event.tokens_per_s:,.0f}", refresh=False)
        elif isinstance(event, EvalEvent):
            bar.write(f"step {event.step:>6}  train {event.train_loss:.4f}  val {event.val_loss:.4f}  "
                      f"({event.elapsed_s:.0f} s)", file=sys.stderr)
        elif isinstance(event, SampleEvent):
            bar.write(f"--- sample at step {event.step} ---\n{event.text}\n---", file=sys.stderr)
        elif isinstance(event, StateEvent) and event.state in ("finished", "stopped", "failed"):
            outcome["state"], outcome["reason"] = event.state, event.reason

    controller.add_callback(on_event)
    try:
        controller.run()
    except KeyboardInterrupt:
        bar.close()
        print("interrupted: saving what was trained so far", file=sys.stderr)
    bar.close()
    out = save_checkpoint(args.out, trainer, corpus.name)
    print(f"saved checkpoint to {out}", file=sys.stderr)
    if outcome.get("state") == "failed":
        print(f"error: {outcome['reason']}", file=sys.stderr)
        return 1
    return 0


def cmd_sample(args) -> int:
    import torch

    from .core.checkpoint import CheckpointError, load_checkpoint
    from .core.sampling import SamplingSettings, crop_to_context, generate

    try:
        checkpoint = load_checkpoint(args.checkpoint)
        settings = SamplingSettings(temperature=args.temperature, top_k=args.top_k, top_p=args.top_p,
                                    greedy=args.greedy)
    except (CheckpointError, ValueError) as e:
        raise UserError(str(e)) from None
    tokenizer = checkpoint.tokenizer
    encoded = tokenizer.encode_prompt(args.prompt)
    if encoded.unknown:
        chars = ", ".join(f"{c!r} at {i}" for i, c in encoded.unknown[:5])
        print(f"note: the model never saw these characters, left out of the prompt: {chars}", file=sys.stderr)
    if not encoded.ids:
        raise UserError("the prompt has no character the model knows; try another prompt")
    visible, dropped = crop_to_context(encoded.ids, checkpoint.config.context_length)
    if dropped:
        print(f"note: the prompt is longer than the context ({checkpoint.config.context_length} tokens); "
              f"the model sees only its last {len(visible)} tokens", file=sys.stderr)
    generator = torch.Generator().manual_seed(args.seed) if args.seed is not None else None
    sys.stdout.write(args.prompt)
    for token in generate(checkpoint.model, encoded.ids, args.tokens, settings, generator=generator):
        sys.stdout.write(tokenizer.decode([token]))
        sys.stdout.flush()
    sys.stdout.write("\n")
    return 0
