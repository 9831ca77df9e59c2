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
    t.add_argument("--out", help="checkpoint folder to write (default: only the run record's checkpoint)")
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
    t.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"], default="auto",
                   help="where to train (auto: CUDA, else Apple MPS, else CPU)")
    t.add_argument("--precision", choices=["auto", "fp32", "bf16"], default=train.precision,
                   help="auto: bf16 mixed precision where the hardware runs bf16 natively, else fp32")
    t.add_argument("--name", default="", help="the run's name in the app's run list")
    t.add_argument("--runs-dir", help="where run records go (default: the app's data folder)")
    t.add_argument("--no-record", action="store_true", help="do not write a run record")

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


def pick_device(requested: str) -> str:
    import torch

    cuda, mps = torch.cuda.is_available(), getattr(torch.backends, "mps", None) is not None and \
        torch.backends.mps.is_available()
    if requested == "auto":
        return "cuda" if cuda else "mps" if mps else "cpu"
    if requested == "cuda" and not cuda:
        raise UserError("--device cuda was asked for, but torch sees no CUDA GPU here; use --device cpu or auto")
    if requested == "mps" and not mps:
        raise UserError("--device mps was asked for, but Apple's MPS is not available here; use --device cpu or auto")
    return requested


def distributed_setup(device: str) -> tuple[int, int, str]:
    """(rank, world size, device) — under torchrun, join the process group (NCCL on GPUs, gloo on CPU)."""
    import os

    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world <= 1:
        return 0, 1, device
    import torch
    import torch.distributed as dist

    if device == "mps":
        raise UserError("data-parallel training is supported on CPU (gloo) and CUDA (NCCL), not on MPS")
    backend = "nccl" if device == "cuda" else "gloo"
    dist.init_process_group(backend=backend)
    if device == "cuda":
        local = int(os.environ.get("LOCAL_RANK", "0"))
        torch.cuda.set_device(local)
        device = f"cuda:{local}"
    return dist.get_rank(), world, device


def cmd_train(args) -> int:
    from tqdm import tqdm

    from .core.checkpoint import CheckpointError, load_checkpoint, save_checkpoint, trainer_from_checkpoint
    from .core.config import ConfigError, GPTConfig
    from .core.corpus import CorpusError, load_corpus
    from .core.runs import RunStore
    from .core.tokenizer import TokenizerError, build_tokenizer
    from .core.trainer import (EvalEvent, SampleEvent, StateEvent, StepEvent, Trainer, TrainingController,
                               TrainingError, TrainSettings)

    if args.out is None and args.no_record:
        raise UserError("nothing would be saved: give --out DIR, or drop --no-record")
    device = pick_device(args.device)
    rank, world, device = distributed_setup(device)
    lead = rank == 0  # only rank 0 talks, writes the record and saves
    try:
        corpus = load_corpus(args.file)
        settings = TrainSettings(batch_size=args.batch_size, learning_rate=args.lr, warmup_steps=args.warmup,
                                 max_steps=args.steps, eval_interval=args.eval_interval, seed=args.seed,
                                 threads=args.threads, precision=args.precision)
        if args.resume:
            checkpoint = load_checkpoint(args.resume)
            tokenizer = checkpoint.tokenizer
            ids = tokenizer.encode_corpus(corpus.text)
            trainer = trainer_from_checkpoint(checkpoint, ids, settings, device=device)
        else:
            tokenizer = build_tokenizer(args.tokenizer, corpus.text, args.vocab_size)
            config = GPTConfig(vocab_size=tokenizer.vocab_size, context_length=args.context, n_layer=args.layers,
                               n_head=args.heads, d_model=args.d_model, dropout=args.dropout,
                               positional=args.positional, activation=args.activation,
                               norm_placement=args.norm, tie_embeddings=not args.untied)
            trainer = Trainer(config, settings, tokenizer, tokenizer.encode_corpus(corpus.text), device=device)
    except (CorpusError, ConfigError, TokenizerError, TrainingError, CheckpointError) as e:
        raise UserError(str(e)) from None
    if world > 1:
        from torch.nn.parallel import DistributedDataParallel

        # every rank starts from the same weights (DDP broadcasts rank 0's) but draws its own batches
        trainer.forward_model = DistributedDataParallel(trainer.model)
        trainer.generator.manual_seed(settings.seed + 1000 * rank)
    log = (lambda *a, **k: print(*a, file=sys.stderr, **k)) if lead else (lambda *a, **k: None)
    for note in corpus.notes:
        log(f"note: {note}")

    from .core.config import format_bytes, format_count
    cfg = trainer.config
    log(f"{corpus.name}: {corpus.num_chars:,} characters, {tokenizer.vocab_size} tokens in the vocabulary")
    log(f"model: {cfg.describe()} · {format_count(cfg.n_params())} parameters · "
        f"~{format_bytes(cfg.estimate_training_memory(settings.batch_size))} to train · device {device} · "
        f"{trainer.precision} math"
        + (f" · {world} data-parallel processes" if world > 1 else ""))

    controller = TrainingController(trainer)
    record = None
    if lead and not args.no_record:
        record = RunStore(args.runs_dir).create(trainer, corpus.name, args.name, device, world)
        record.checkpoint_on_eval = True
        controller.add_callback(record)
        log(f"run record: {record.record.path}")
    bar = tqdm(total=settings.max_steps, initial=trainer.step, unit="step", dynamic_ncols=True, file=sys.stderr,
               disable=not lead)
    outcome = {}

    def on_event(event):
        if isinstance(event, StepEvent):
            bar.update(event.step - bar.n)
            bar.set_postfix(loss=f"{event.loss:.3f}", tok_s=f"{event.tokens_per_s * world:,.0f}", refresh=False)
        elif isinstance(event, EvalEvent) and lead:
            bar.write(f"step {event.step:>6}  train {event.train_loss:.4f}  val {event.val_loss:.4f}  "
                      f"({event.elapsed_s:.0f} s)", file=sys.stderr)
        elif isinstance(event, SampleEvent) and lead:
            bar.write(f"--- sample at step {event.step} ---\n{event.text}\n---", file=sys.stderr)
        elif isinstance(event, StateEvent) and event.state in ("finished", "stopped", "failed"):
            outcome["state"], outcome["reason"] = event.state, event.reason

    controller.add_callback(on_event)
    try:
        controller.run()
    except KeyboardInterrupt:
        bar.close()
        log("interrupted: saving what was trained so far")
        if record is not None:
            record(StateEvent("stopped", "Interrupted."))
    bar.close()
    if lead and args.out:
        out = save_checkpoint(args.out, trainer, corpus.name)
        log(f"saved checkpoint to {out}")
    elif record is not None:
        log(f"saved checkpoint to {record.record.checkpoint_path}")
    if world > 1:
        import torch.distributed as dist
        dist.destroy_process_group()
    if outcome.get("state") == "failed":
        log(f"error: {outcome['reason']}")
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
