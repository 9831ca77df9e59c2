"""Command line: `train` and `sample` on the same engine the app uses; no arguments opens the app."""
from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from pathlib import Path


class UserError(Exception):
    """Bad input from the command line: printed as one line, exit status 2."""


# Training flags a resume takes from the checkpoint unless the user gives them: flag → (setting, words)
RESUMABLE = {"batch_size": ("batch_size", "batch size"), "lr": ("learning_rate", "learning rate"),
             "warmup": ("warmup_steps", "warm-up steps"), "eval_interval": ("eval_interval", "evaluation interval"),
             "seed": ("seed", "seed"), "precision": ("precision", "precision")}
# Flags that fix the model's shape or vocabulary: on a resume they must agree with the checkpoint
ARCHITECTURE = {"layers": ("n_layer", "layers"), "heads": ("n_head", "heads"), "d_model": ("d_model", "d_model"),
                "context": ("context_length", "context length"), "positional": ("positional", "positional encoding"),
                "activation": ("activation", "activation"), "norm": ("norm_placement", "norm placement")}


def build_parser() -> argparse.ArgumentParser:
    from .core.model.config import ACTIVATIONS, NORM_PLACEMENTS, POSITIONAL, GPTConfig
    from .core.session.loaded_corpus import DEFAULT_CORPUS
    from .core.training.settings import OPTIMIZERS, PRECISIONS, TrainSettings

    model, train = GPTConfig(), TrainSettings()
    p = argparse.ArgumentParser(
        prog="main.py", description="Tiny GPT Playground: train a tiny GPT on your text and look inside it. "
        "Run with no arguments to open the app. The command line speaks English; the app follows your language.")
    sub = p.add_subparsers(dest="command", metavar="{train,sample,heads,why,export}")

    t = sub.add_parser("train", help="train a model on a text file",
                       description="Train a model on a text file. With --resume, the training settings come "
                       "from the checkpoint; any flag you give overrides one and is reported.")
    t.add_argument("file", nargs="?", default=str(DEFAULT_CORPUS),
                   help="the text file to learn from (default: the bundled tiny Shakespeare)")
    t.add_argument("--out", help="folder to write the trained model to (default: only the run record's copy)")
    t.add_argument("--resume", metavar="DIR", help="a checkpoint or run folder to continue training from, or a Hugging "
                   "Face GPT-2 folder to fine-tune on the text (default: none, a new model)")
    t.add_argument("--layers", type=int, help=f"number of Transformer blocks (default: {model.n_layer})")
    t.add_argument("--heads", type=int, help=f"attention heads per block (default: {model.n_head})")
    t.add_argument("--d-model", type=int, help=f"width of the residual stream (default: {model.d_model})")
    t.add_argument("--context", type=int, help=f"how many tokens the model sees at once (default: {model.context_length})")
    t.add_argument("--dropout", type=float, help=f"dropout rate while training (default: {model.dropout})")
    t.add_argument("--positional", choices=POSITIONAL, help=f"positional encoding (default: {model.positional})")
    t.add_argument("--activation", choices=ACTIVATIONS,
                   help=f"the feed-forward layer's non-linearity (default: {model.activation})")
    t.add_argument("--norm", choices=NORM_PLACEMENTS,
                   help=f"layer norm before (GPT-2) or after (2017) each sublayer (default: {model.norm_placement})")
    t.add_argument("--no-causal-mask", dest="causal", action="store_false", default=None,
                   help="train without the causal mask, to see why a decoder needs it (default: masked)")
    t.add_argument("--untied", action="store_true", default=None,
                   help="separate input and output embeddings (default: tied)")
    t.add_argument("--tokenizer", choices=["char", "bpe"], help="characters or byte-level BPE subwords (default: char)")
    t.add_argument("--vocab-size", type=int, help="BPE vocabulary size (default: 512)")
    t.add_argument("--batch-size", type=int, help=f"sequences per step (default: {train.batch_size})")
    t.add_argument("--lr", type=float, help=f"peak learning rate (default: {train.learning_rate:g})")
    t.add_argument("--warmup", type=int,
                   help="steps of linear learning-rate warm-up (default: 10%% of the steps, at most 100)")
    t.add_argument("--steps", type=int, help=f"total training steps, counted from the start of the run, "
                   f"also when resuming (default: {train.max_steps}; on --resume, the checkpoint's)")
    t.add_argument("--eval-interval", type=int,
                   help=f"steps between validation measurements (default: {train.eval_interval})")
    t.add_argument("--seed", type=int, help=f"random seed for weights and batches (default: {train.seed})")
    t.add_argument("--threads", type=int, default=0, help="CPU threads to train with (default: 0, all cores)")
    t.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"], default="auto",
                   help="where to train: auto picks CUDA, else Apple MPS, else the CPU (default: auto)")
    t.add_argument("--optimizer", choices=OPTIMIZERS,
                   help="adamw: a step size per weight; muon: each block matrix's update made orthogonal, so "
                   f"every direction learns at a similar rate (default: {train.optimizer})")
    t.add_argument("--precision", choices=PRECISIONS,
                   help="auto: bf16 mixed precision where the hardware runs bf16 natively, else fp32 "
                   f"(default: {train.precision})")
    t.add_argument("--keep-best", action="store_true",
                   help="save the weights of the evaluation with the lowest validation loss rather than the last "
                   "(default: the last)")
    t.add_argument("--name", default="", help="the run's name in the app's run list (default: its shape)")
    t.add_argument("--runs-dir", help="where run records go (default: the app's data folder)")
    t.add_argument("--no-record", action="store_true", help="do not write a run record (default: write one)")

    s = sub.add_parser("sample", help="generate text from a checkpoint",
                       description="Generate text from a saved model, streamed as it is written.")
    s.add_argument("checkpoint", help="a checkpoint or run folder, or a Hugging Face GPT-2 folder (e.g. gpt2)")
    s.add_argument("--prompt", default="\n",
                   help="text to continue; an empty prompt starts from nothing (default: a newline)")
    s.add_argument("--tokens", type=int, default=300, help="how many tokens to generate (default: 300)")
    s.add_argument("--temperature", type=float, default=0.8,
                   help="above 1 flattens, below 1 sharpens the choice; for always the likeliest, use --greedy "
                   "(default: 0.8)")
    s.add_argument("--top-k", type=int, default=0, help="draw only from the k likeliest tokens (default: 0, off)")
    s.add_argument("--top-p", type=float, default=1.0,
                   help="draw only from the likeliest tokens that together reach this probability (default: 1.0, off)")
    s.add_argument("--greedy", action="store_true", help="always take the likeliest token (default: sample)")
    s.add_argument("--seed", type=int, default=None, help="random seed for reproducible samples (default: none)")
    s.add_argument("--train-text", metavar="FILE",
                   help="the text the model learned from, to check how much of the sample is copied from it "
                   "(default: the bundled tiny Shakespeare for a model trained on it, else no check)")
    h = sub.add_parser("heads", help="say what each attention head of a saved model does",
                       description="Score every attention head of a saved model — previous-token, first-token, "
                       "self, induction, entropy — and name what it does; one row per head.")
    h.add_argument("checkpoint", help="a checkpoint or run folder, or a Hugging Face GPT-2 folder")
    h.add_argument("--text", metavar="FILE",
                   help="the text to measure on, its validation part (default: the bundled tiny Shakespeare for a "
                   "model trained on it, else text the model writes itself)")
    w = sub.add_parser("why", help="say which heads and layers made a model predict a token",
                       description="Direct logit attribution: how much each attention head, each feed-forward "
                       "layer and the embedding pushed a candidate token's logit up or down after the prompt.")
    w.add_argument("checkpoint", help="a checkpoint or run folder, or a Hugging Face GPT-2 folder")
    w.add_argument("--prompt", required=True, help="the text the model reads")
    w.add_argument("--token", help="the candidate next token, as text (default: the model's likeliest)")
    w.add_argument("--top", type=int, default=8, help="how many contributors to list (default: 8)")
    e = sub.add_parser("export", help="write a saved model as a Hugging Face GPT-2 folder",
                       description="Write a saved model as a GPT-2 folder that the transformers library loads "
                       "(GPT2LMHeadModel.from_pretrained, AutoTokenizer, pipeline).")
    e.add_argument("checkpoint", help="a checkpoint or run folder")
    e.add_argument("--to", required=True, metavar="FOLDER", help="a new (or empty) folder to write")
    r = sub.add_parser("report", help="write a shareable HTML report of a saved model",
                       description="One self-contained HTML file: the settings, the verdict against the counting "
                       "yardsticks, a sample with copied stretches marked, the prompt's next-token probabilities and "
                       "what each head does. (Plots come from the app: File > Export report.)")
    r.add_argument("checkpoint", help="a checkpoint or run folder, or a Hugging Face GPT-2 folder")
    r.add_argument("--text", help="the text it was trained on (for the yardsticks, the verdict and the copy check)")
    r.add_argument("--prompt", default=None, help="the prompt to show the next-token probabilities for")
    r.add_argument("--out", required=True, metavar="FILE", help="the .html file to write")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        from .app.shell.launch import launch
        return launch()
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        return 0
    try:
        return {"train": cmd_train, "sample": cmd_sample, "heads": cmd_heads, "why": cmd_why,
                "export": cmd_export, "report": cmd_report}[args.command](args)
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


def resume_settings(args, checkpoint, log) -> tuple:
    """(config, settings) for training on from a checkpoint: everything comes from the checkpoint; a flag
    the user gave overrides a training setting (and is reported); one that contradicts the model's shape
    or vocabulary is an error."""
    from dataclasses import replace

    config, settings = checkpoint.config, checkpoint.settings
    clashes = []
    for flag, (key, words) in ARCHITECTURE.items():
        given = getattr(args, flag)
        if given is not None and given != getattr(config, key):
            clashes.append(f"{words} {given} (the checkpoint has {getattr(config, key)})")
    if args.untied and config.tie_embeddings:
        clashes.append("--untied (the checkpoint's embeddings are tied)")
    if args.causal is False and config.causal:
        clashes.append("--no-causal-mask (the checkpoint's model is masked)")
    tokenizer = checkpoint.tokenizer
    if args.tokenizer is not None and args.tokenizer != tokenizer.kind:
        clashes.append(f"tokenizer {args.tokenizer} (the checkpoint uses {tokenizer.kind})")
    if args.optimizer is not None and args.optimizer != settings.optimizer:
        clashes.append(f"optimizer {args.optimizer} (the checkpoint's state is {settings.optimizer}'s)")
    if args.vocab_size is not None and args.vocab_size != tokenizer.vocab_size:
        clashes.append(f"vocabulary size {args.vocab_size} (the checkpoint has {tokenizer.vocab_size})")
    if clashes:
        raise UserError("--resume continues the saved model, which cannot change shape: " + "; ".join(clashes)
                        + ". Drop these flags, or train a new model without --resume.")
    overrides = {}
    for flag, (key, words) in RESUMABLE.items():
        given = getattr(args, flag)
        if given is not None and given != getattr(settings, key):
            overrides[key] = given
            log(f"{words} {getattr(settings, key) if key != 'warmup_steps' else settings.warmup} → {given} "
                "(from the command line)")
    if args.dropout is not None and args.dropout != config.dropout:
        log(f"dropout {config.dropout} → {args.dropout} (from the command line)")
        config = replace(config, dropout=args.dropout)
    steps = args.steps if args.steps is not None else settings.max_steps
    if steps <= checkpoint.step:
        raise UserError(f"the checkpoint has already trained {checkpoint.step:,} steps; --steps is the total, "
                        f"so ask for more than {checkpoint.step:,}")
    # the schedule goes on from where the checkpoint left it, then takes the user's overrides
    settings = replace(settings.continued(checkpoint.step, steps), threads=args.threads, **overrides)
    if steps != checkpoint.settings.max_steps:
        log(f"steps {checkpoint.settings.max_steps:,} → {steps:,}: the learning rate continues from "
            f"{checkpoint.settings.lr_at(checkpoint.step):.2e} and decays over the new total")
    return config, settings


def new_settings(args):
    from .core.model.config import GPTConfig
    from .core.training.settings import TrainSettings

    model, train = GPTConfig(), TrainSettings()
    pick = lambda value, default: default if value is None else value
    config = dict(context_length=pick(args.context, model.context_length), n_layer=pick(args.layers, model.n_layer),
                  n_head=pick(args.heads, model.n_head), d_model=pick(args.d_model, model.d_model),
                  dropout=pick(args.dropout, model.dropout), positional=pick(args.positional, model.positional),
                  activation=pick(args.activation, model.activation), norm_placement=pick(args.norm, model.norm_placement),
                  tie_embeddings=not args.untied, causal=pick(args.causal, model.causal))
    settings = TrainSettings(batch_size=pick(args.batch_size, train.batch_size), learning_rate=pick(args.lr, train.learning_rate),
                             warmup_steps=args.warmup, max_steps=pick(args.steps, train.max_steps),
                             eval_interval=pick(args.eval_interval, train.eval_interval), seed=pick(args.seed, train.seed),
                             threads=args.threads, precision=pick(args.precision, train.precision),
                             optimizer=pick(args.optimizer, train.optimizer))
    return config, settings


def _with_file_name(error: Exception, name: str) -> str:
    text = str(error)
    return text if name in text else f"“{name}”: {text}"


def cmd_train(args) -> int:
    from tqdm import tqdm

    from .core.analysis.verdict import memorising_message, memorising_since, token_word, variant_note, verdict
    from .core.data.corpus import CorpusError, load_corpus
    from .core.data.tokenizer import TokenizerError
    from .core.model.config import ConfigError, GPTConfig, format_bytes, format_count
    from .core.session.loaded_corpus import LoadedCorpus, tokenize_corpus
    from .core.session.session import Session
    from .core.storage.checkpoint import CheckpointError
    from .core.storage.pretrained import open_model
    from .core.storage.runs import RunStore
    from .core.training.events import EvalEvent, SampleEvent, StateEvent, StepEvent
    from .core.training.settings import TrainingError

    if args.out is None and args.no_record:
        raise UserError("nothing would be saved: give --out DIR, or drop --no-record")
    device = pick_device(args.device)
    rank, world, device = distributed_setup(device)
    lead = rank == 0  # only rank 0 talks, writes the record and saves
    log = (lambda *a, **k: print(*a, file=sys.stderr, **k)) if lead else (lambda *a, **k: None)
    try:
        corpus = load_corpus(args.file)
    except CorpusError as e:
        raise UserError(str(e)) from None
    # the app's own orchestration (the session), headless: no inspection copy, no timeline
    session = Session(RunStore(args.runs_dir) if lead and not args.no_record else None, device=device,
                      world_size=world, views=False)
    unrecorded = []
    session.events.message.connect(lambda text, kind: unrecorded.append(text))
    run_name = args.name or ""
    try:
        if args.resume:
            checkpoint = open_model(args.resume)  # a pretrained GPT-2 folder: fine-tune it on this text
            config, settings = resume_settings(args, checkpoint, log)
            checkpoint.config = config
            session.use_corpus(LoadedCorpus(corpus, checkpoint.tokenizer, checkpoint.tokenizer.encode_corpus(corpus.text)))
            controller = session.resume_training(checkpoint, settings, run_name)
        else:
            shape, settings = new_settings(args)
            data = tokenize_corpus(corpus, args.tokenizer or "char", args.vocab_size or 512)
            if data.vocab_note:
                log(f"note: {data.vocab_note}")
            session.use_corpus(data)
            controller = session.begin_training(GPTConfig(vocab_size=data.tokenizer.vocab_size, **shape), settings,
                                                run_name)
    except CheckpointError as e:
        raise UserError(str(e)) from None
    except (ConfigError, TokenizerError, TrainingError) as e:
        raise UserError(_with_file_name(e, corpus.name)) from None
    trainer, data, record = session.trainer, session.data, session.run_writer
    tokenizer, settings = trainer.tokenizer, trainer.settings
    if session.run_store is not None and record is None:
        raise UserError(f"the run record cannot be written ({' '.join(unrecorded)}). "
                        "Use --runs-dir DIR or --no-record --out DIR")
    if world > 1:
        from torch.nn.parallel import DistributedDataParallel

        # every rank starts from the same weights (DDP broadcasts rank 0's) but draws its own batches
        trainer.forward_model = DistributedDataParallel(trainer.model)
        trainer.generator.manual_seed(settings.seed + 1000 * rank)
    for note in corpus.notes:
        log(f"note: {note}")

    cfg = trainer.config
    log(f"{corpus.name}: {corpus.num_chars:,} characters, {tokenizer.vocab_size} tokens in the vocabulary")
    log(f"model: {cfg.describe()} · {format_count(cfg.n_params())} parameters · "
        f"~{format_bytes(cfg.estimate_training_memory(settings.batch_size))} to train · device {device} · "
        f"{trainer.precision} math"
        + (f" · {world} data-parallel processes" if world > 1 else ""))

    baselines = None
    if lead:
        try:
            baselines = data.baselines
            log(baselines.line())
        except ValueError as e:
            log(f"note: no baselines: {e}")
    word = token_word(tokenizer.kind)

    controller.keep_best = args.keep_best
    if record is not None:
        record.checkpoint_on_eval = True
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
            h = trainer.history
            best = memorising_since(h.val_losses, h.train_eval_losses)
            if best is not None and not outcome.get("warned"):
                outcome["warned"] = True
                bar.write("note: " + memorising_message(h.val_steps[best], h.val_losses[best], event.val_loss)
                          + ("" if args.keep_best else " (--keep-best saves those)"), file=sys.stderr)
        elif isinstance(event, SampleEvent) and lead:
            bar.write(f"--- sample at step {event.step} ---\n{event.text}\n---", file=sys.stderr)
        elif isinstance(event, StateEvent) and event.state in ("finished", "stopped", "failed"):
            outcome["state"], outcome["reason"] = event.state, event.reason

    controller.add_callback(on_event)
    interrupted = False
    with stop_between_steps_on_signals(controller, bar, enabled=world == 1) as received:
        try:
            controller.run()
        except KeyboardInterrupt:  # a second Ctrl-C, or one under data parallelism: mid-step
            interrupted = True
            bar.close()
            log("interrupted: saving what was trained so far")
            if args.keep_best and trainer.best_step is not None and trainer.best_step != trainer.step:
                trainer.restore_best()
            if record is not None:
                record(StateEvent("stopped", "Interrupted."))
    bar.close()
    if lead and trainer.weights_step is not None:
        log(f"kept the weights of step {trainer.weights_step:,}, the lowest validation loss ({trainer.best_val:.4f})")
    if lead and (note := variant_note(trainer.config)):
        log(f"note: {note}")
    if lead and baselines is not None and trainer.history.val_losses:
        final = trainer.best_val if trainer.weights_step is not None else trainer.history.val_losses[-1]
        log("verdict: " + verdict(final, baselines, word))
    status = 128 + received[0] if received else 130 if interrupted else 1 if outcome.get("state") == "failed" else 0
    if outcome.get("state") == "failed":
        log(f"error: {outcome['reason']}")
    saved = None
    if lead:
        saved = final_save(args, trainer, corpus.name, record, log)
        if saved is None:
            status = status or 1
    if world > 1:
        import torch.distributed as dist
        dist.destroy_process_group()
    return status


@contextlib.contextmanager
def stop_between_steps_on_signals(controller, bar, enabled: bool = True):
    """Ctrl-C (SIGINT), SIGTERM (a scheduler, `timeout`) and SIGHUP (a closed terminal) stop training
    between two steps, where the checkpoint is whole: the step under way finishes, the model is saved,
    and `--resume` continues exactly as if nothing had happened. Yields the signals received; the exit
    status is then 128 + the first one. A second Ctrl-C while stopping interrupts at once."""
    received: list[int] = []
    wanted = [s for s in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, s)]
    if not enabled or threading.current_thread() is not threading.main_thread():
        yield received
        return

    def on_signal(signum, _frame):
        if received and signum == signal.SIGINT:
            raise KeyboardInterrupt
        received.append(signum)
        bar.write(f"{signal.Signals(signum).name}: stopping after this step and saving (Ctrl-C again to "
                  "interrupt at once)", file=sys.stderr)
        controller.stop()

    previous = {name: signal.signal(getattr(signal, name), on_signal) for name in wanted}
    try:
        yield received
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)


def final_save(args, trainer, corpus_name, record, log):
    """Save the trained model where the user asked; on a failure keep it in memory, say why, and offer
    another folder (asked for on a terminal) — else point to the last checkpoint that was kept."""
    from .core.files.durable import DiskWriteError
    from .core.storage.checkpoint import save_checkpoint

    if record is not None and record.record_error is not None:
        log(f"warning: the run record could not be updated: {record.record_error}")
    if record is not None and record.save_error is not None:
        log(f"error: the run's checkpoint could not be saved: {record.save_error}")
    elif record is not None and args.out is None:
        log(f"saved checkpoint to {record.record.checkpoint_path}")
        return record.record.checkpoint_path
    target = args.out or None
    while target:
        try:
            out = save_checkpoint(target, trainer, corpus_name)
            log(f"saved checkpoint to {out}")
            return out
        except DiskWriteError as e:
            log(f"error: {e}")
            if not sys.stdin or not sys.stdin.isatty():
                break
            try:
                target = input("The trained model is still in memory. Save it to another folder "
                               "(empty to give up): ").strip()
            except EOFError:
                target = ""
    kept = record.last_saved_path if record is not None else None
    if kept is not None:
        log(f"the last good checkpoint (step {record.last_saved_step:,}) is kept in {kept}; continue with: "
            f"{Path(sys.argv[0]).name} train {args.file} --resume {kept} --out DIR")
    else:
        log("the model trained in this run could not be saved")
    return None


def cmd_sample(args) -> int:
    import torch

    from .core.data.tokenizer import IncrementalDecoder
    from .core.model.sampling import SamplingSettings, crop_to_context, generate
    from .core.storage.checkpoint import CheckpointError
    from .core.storage.pretrained import open_model

    if args.tokens < 1:
        raise UserError(f"--tokens must be a positive number of tokens to generate (got {args.tokens})")
    if args.temperature == 0:
        raise UserError("--temperature 0 would divide by zero; for always the likeliest token use --greedy")
    try:
        settings = SamplingSettings(temperature=args.temperature, top_k=args.top_k, top_p=args.top_p,
                                    greedy=args.greedy)
        checkpoint = open_model(args.checkpoint)
    except (CheckpointError, ValueError) as e:
        raise UserError(str(e)) from None
    tokenizer = checkpoint.tokenizer
    encoded = tokenizer.encode_prompt(args.prompt)
    if encoded.unknown:
        chars = ", ".join(f"{c!r} at {i}" for i, c in encoded.unknown[:5])
        print(f"note: the model never saw these characters, left out of the prompt: {chars}", file=sys.stderr)
    if args.prompt and not encoded.ids:
        raise UserError("the prompt has no character the model knows; try another prompt, or --prompt '' "
                        "to start from nothing")
    ids = encoded.ids or start_token(tokenizer)
    visible, dropped = crop_to_context(ids, checkpoint.config.context_length)
    if dropped:
        print(f"note: the prompt is longer than the context ({checkpoint.config.context_length} tokens); "
              f"the model sees only its last {len(visible)} tokens", file=sys.stderr)
    generator = torch.Generator().manual_seed(args.seed) if args.seed is not None else None
    sys.stdout.write(args.prompt)
    # the same streaming decoder as the app: a character spread over byte tokens appears whole, never as �
    decoder = IncrementalDecoder(tokenizer)
    written = []
    for token in generate(checkpoint.model, ids, args.tokens, settings, generator=generator):
        written.append(decoder.push(token))
        sys.stdout.write(written[-1])
        sys.stdout.flush()
    sys.stdout.write("\n")
    sys.stdout.flush()
    print(copy_check_line(args, checkpoint, "".join(written)), file=sys.stderr)
    return 0


def copy_check_line(args, checkpoint, sample: str) -> str:
    """How much of the sample is verbatim from the text the model learned from, in one line."""
    from .core.data.copies import CopyIndex
    from .core.data.corpus import CorpusError, load_corpus
    from .core.data.split import TextSplit, split_point
    from .core.data.tokenizer import TokenizerError

    if checkpoint.pretrained_name and not args.train_text:
        return f"copy check: {checkpoint.pretrained_name} learned from a text that is not here to compare with"
    path = args.train_text or bundled_text_of(checkpoint)
    if path is None:
        return (f"copy check: give --train-text FILE (the text “{checkpoint.corpus_name or 'unknown'}” the model "
                "learned from) to see how much of this sample is copied from it")
    try:
        corpus = load_corpus(path)
    except CorpusError as e:
        return f"copy check skipped: {e}"
    try:
        ids = checkpoint.tokenizer.encode_corpus(corpus.text)
        text = TextSplit(ids, checkpoint.tokenizer, corpus.text, checkpoint.settings.val_fraction).train_text
    except TokenizerError:  # not the model's text after all: compare with its first 90 %, as characters
        text = corpus.text[:split_point(len(corpus.text))]
    return CopyIndex(text).report(sample).line()


def bundled_text_of(checkpoint):
    """The bundled tiny Shakespeare when the model learned from it (the default text for checks), else None."""
    from .core.session.loaded_corpus import DEFAULT_CORPUS

    return DEFAULT_CORPUS if checkpoint.corpus_name == DEFAULT_CORPUS.name else None


def start_token(tokenizer) -> list[int]:
    """What "nothing" is for a model: the start of a line if it knows one, else its first token."""
    newline = tokenizer.encode_prompt("\n").ids
    return newline[:1] or [0]


def cmd_heads(args) -> int:
    import torch

    from .core.analysis.heads import EXPLANATIONS, measure_heads
    from .core.data.corpus import CorpusError, load_corpus
    from .core.data.split import split_point
    from .core.data.tokenizer import TokenizerError
    from .core.model.sampling import SamplingSettings, generate
    from .core.storage.checkpoint import CheckpointError
    from .core.storage.pretrained import open_model

    try:
        checkpoint = open_model(args.checkpoint)
    except CheckpointError as e:
        raise UserError(str(e)) from None
    tokenizer, model = checkpoint.tokenizer, checkpoint.model
    path = args.text or bundled_text_of(checkpoint)
    ids = None
    if path is not None:
        try:
            corpus_ids = tokenizer.encode_corpus(load_corpus(path).text)
            ids = corpus_ids[split_point(len(corpus_ids), checkpoint.settings.val_fraction):].tolist()
            print(f"measured on the validation part of “{Path(path).name}”", file=sys.stderr)
        except (CorpusError, TokenizerError) as e:
            raise UserError(str(e)) from None
    if not ids or len(ids) < 2:
        generator = torch.Generator().manual_seed(0)
        ids = start_token(tokenizer)
        ids += list(generate(model, ids, model.config.context_length - 1, SamplingSettings(), generator=generator))
        print("measured on text the model wrote itself (give --text FILE to use its training text)", file=sys.stderr)
    scores = measure_heads(model, ids)
    print(scores.table())
    labels = sorted({row[-1] for row in scores.rows()})
    for label in labels:
        print(f"{label}: {EXPLANATIONS[label]}", file=sys.stderr)
    return 0


def cmd_export(args) -> int:
    from .core.files.durable import DiskWriteError
    from .core.storage.checkpoint import CheckpointError, load_checkpoint
    from .core.storage.export import ExportError, export_model

    try:
        checkpoint = load_checkpoint(args.checkpoint)
        folder = export_model(checkpoint.model, checkpoint.tokenizer, args.to)
    except (CheckpointError, ExportError) as e:
        raise UserError(str(e)) from None
    except DiskWriteError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"exported to {folder}: load it with GPT2LMHeadModel.from_pretrained({str(folder)!r}) and "
          f"AutoTokenizer.from_pretrained({str(folder)!r})", file=sys.stderr)
    return 0


def cmd_report(args) -> int:
    from .core.data.corpus import CorpusError, load_corpus
    from .core.files.durable import DiskWriteError
    from .core.session.loaded_corpus import tokenize_corpus
    from .core.session.session import Session
    from .core.storage.checkpoint import CheckpointError
    from .core.teaching.report import write_report

    session = Session()  # the app's own questions, headless
    try:
        if args.text:
            session.use_corpus(tokenize_corpus(load_corpus(args.text)))
        checkpoint = session.open_checkpoint(args.checkpoint)
        if args.text:  # the yardsticks, counted in the model's own tokens where they are not the text's
            counted = session.model_text() or session.data
            counted.compute_yardsticks()
            session.yardsticks_computed(counted)
    except (CorpusError, CheckpointError) as e:
        raise UserError(str(e)) from None
    except ValueError as e:  # a text too short for yardsticks: the report goes on without them
        print(f"note: {e}", file=sys.stderr)
    if args.prompt is not None:
        session.set_prompt(args.prompt)
    report = session.run_report()
    report.language = "en"
    try:
        path = write_report(report, Path(args.out))
    except DiskWriteError as e:
        raise UserError(str(e)) from None
    print(f"wrote {path} (model at step {checkpoint.step:,})", file=sys.stderr)
    return 0


def cmd_why(args) -> int:
    from .core.analysis.attribution import AttributionError, attribute, source_contributions
    from .core.analysis.inspection import inspect
    from .core.storage.checkpoint import CheckpointError
    from .core.storage.pretrained import open_model

    try:
        checkpoint = open_model(args.checkpoint)
    except CheckpointError as e:
        raise UserError(str(e)) from None
    model, tokenizer = checkpoint.model.eval(), checkpoint.tokenizer
    ids = tokenizer.encode_prompt(args.prompt).ids
    if not ids:
        raise UserError("the prompt has no character the model knows; try another prompt")
    inspection = inspect(model, ids)
    if args.token is None:
        token = int(inspection.probs.argmax())
    else:
        wanted = tokenizer.encode_prompt(args.token).ids
        if len(wanted) != 1:
            raise UserError(f"--token {args.token!r} is {len(wanted)} tokens for this model; give one token "
                            "(e.g. a single character for a character model)")
        token = wanted[0]
    try:
        a = attribute(model, inspection, token)
    except AttributionError as e:
        raise UserError(str(e)) from None
    shown = tokenizer.token_text(token).replace("\n", "⏎").replace(" ", "␣")
    print(f"next token ‘{shown}’: probability {inspection.probs[token]:.1%}, logit {a.logit:.3f}")
    print(f"{'part':<28} {'push on the logit':>18}")
    for name, value in a.top(args.top):
        print(f"{name:<28} {value:>+18.3f}")
    print(f"{'(biases and the final norm)':<28} {a.rest:>+18.3f}")
    print(f"{'sum of all parts':<28} {a.total:>+18.3f}   (= the logit {a.logit:.3f})")
    (layer, head), _ = a.strongest_heads()
    by_source = source_contributions(model, inspection, a, layer, head)
    order = sorted(range(len(by_source)), key=lambda i: -abs(by_source[i]))[:5]
    sources = ", ".join(f"‘{tokenizer.token_text(inspection.token_ids[i])}’ @{i} {by_source[i]:+.3f}" for i in order)
    print(f"through layer {layer + 1} head {head + 1}, the earlier tokens that mattered: {sources}", file=sys.stderr)
    return 0
