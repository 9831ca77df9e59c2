"""Training: batches from the token stream, AdamW with warmup + cosine decay, and a controller that runs
the loop step by step, can be paused, resumed and stopped between steps, and tells listeners what
happens through plain callbacks (the Qt worker forwards them as signals; the CLI draws a progress bar).
"""
from __future__ import annotations

import contextlib
import functools
import math
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

import numpy as np
import torch

from .config import GPTConfig
from .durable import DiskWriteError
from .model import GPT
from .muon import MuonWithAdamW, muon_groups
from .sampling import SamplingSettings, generate
from .split import DEFAULT_VAL_FRACTION, split_point
from .tokenizer import Tokenizer
from .words import integer, number, translate


class TrainingError(ValueError):
    """Settings or data that cannot be trained on; the message is meant for the user."""


PRECISIONS = ("auto", "fp32", "bf16")
OPTIMIZERS = ("adamw", "muon")


@functools.cache
def cpu_has_native_bf16() -> bool:
    """AVX512-BF16 or AMX: bf16 matmuls at ~2.4x the fp32 rate. Without them bf16 is emulated (slower)."""
    try:
        flags = Path("/proc/cpuinfo").read_text(errors="ignore")
    except OSError:
        return False  # not Linux: stay with fp32
    return " avx512_bf16" in flags or " amx_bf16" in flags


def default_threads() -> int:
    """All cores, unless OMP_NUM_THREADS asks for fewer (as torch itself honours it): the tests run on one."""
    try:
        wanted = int(os.environ.get("OMP_NUM_THREADS", ""))
    except ValueError:
        wanted = 0
    return wanted if wanted > 0 else (os.cpu_count() or 1)


def resolve_precision(precision: str, device: torch.device) -> str:
    if precision != "auto":
        return precision
    if device.type == "cuda":
        return "bf16" if torch.cuda.is_bf16_supported() else "fp32"
    return "bf16" if device.type == "cpu" and cpu_has_native_bf16() else "fp32"


@dataclass(frozen=True)
class TrainSettings:
    # the quick recipe: tiny Shakespeare to val loss ~1.9 in about a minute on a 2-core laptop CPU.
    # lr 4e-3 with the 3-layer default: 6e-3 reached val 1.89 no sooner and ended higher (1.778 against
    # 1.767–1.774); 4 layers at 3e-3 (the old default) took ~100 s to 1.89 (bench/time_to_quality.py).
    batch_size: int = 24
    learning_rate: float = 4e-3
    min_lr_ratio: float = 0.1        # cosine decays to this fraction of the peak
    # None: 10 % of the run, at most 100 steps — so a 50-step run still reaches its peak and decays
    warmup_steps: int | None = None
    max_steps: int = 1200
    weight_decay: float = 0.1
    grad_clip: float = 1.0
    val_fraction: float = DEFAULT_VAL_FRACTION
    eval_interval: int = 100
    eval_batches: int = 10
    sample_interval: int = 250
    sample_tokens: int = 200
    seed: int = 1337
    threads: int = 0                 # 0: torch's default (all cores)
    # "auto": bf16 mixed precision where the hardware runs it natively (weights, optimizer and loss stay
    # fp32; matmuls run in bf16, ~2.4x faster on an AVX512-BF16 CPU), else fp32. "fp32" / "bf16" force it.
    precision: str = "auto"
    # "muon": each block matrix's update made orthogonal (AdamW for the rest); "adamw": a step size per weight.
    # Muon by evidence: val ≤ 1.89 sooner in 3 runs of 3 and a lower final loss (bench/time_to_quality.py)
    optimizer: str = "muon"
    # Where a run that was continued past its planned end picks up its decay (0: never continued).
    # From this step the cosine runs from `decay_from_ratio` × peak down to the floor at max_steps,
    # so "train more" never jumps the learning rate back up (see `continued`).
    decay_from_step: int = 0
    decay_from_ratio: float = 1.0

    def __post_init__(self):
        problems = self._type_problems()
        if problems:  # a checkpoint or settings file may hold anything: types first, then ranges
            raise TrainingError(" ".join(problems))
        if not 1 <= self.batch_size <= 4096:
            problems.append(translate("trainer", "Batch size must be 1–4096 (got {batch_size}).").format(batch_size=self.batch_size))
        if not 0 < self.learning_rate <= 100:
            problems.append(translate("trainer", "Learning rate must be above 0 and at most 100 (got "
                                                 "{learning_rate}).").format(learning_rate=self.learning_rate))
        if not 1 <= self.max_steps <= 10_000_000:
            problems.append(translate("trainer", "Training steps must be at least 1 (got {max_steps}).").format(max_steps=self.max_steps))
        if not 0 < self.val_fraction < 0.9:
            problems.append(translate("trainer", "The validation fraction must be between 0 and 0.9 (got "
                                                 "{val_fraction}).").format(val_fraction=self.val_fraction))
        if self.grad_clip < 0:
            problems.append(translate("trainer", "Gradient clipping must be 0 (off) or a positive norm, e.g. 1.0 "
                                                 "(got {grad_clip}).").format(grad_clip=self.grad_clip))
        if not 0 <= self.weight_decay <= 10:
            problems.append(translate("trainer", "Weight decay must be from 0 (off) to 10, e.g. 0.1 (got "
                                                 "{weight_decay}): a negative one pushes the weights to grow.")
                                .format(weight_decay=self.weight_decay))
        if self.optimizer not in OPTIMIZERS:
            problems.append(translate("trainer", "The optimizer must be one of {choices} (got {optimizer}).")
                                .format(choices=", ".join(OPTIMIZERS), optimizer=repr(self.optimizer)))
        if self.precision not in PRECISIONS:
            problems.append(translate("trainer", "Precision must be one of {value} (got {precision}).")
                                .format(value=', '.join(PRECISIONS), precision=repr(self.precision)))
        if self.warmup_steps is not None and self.warmup_steps < 0:
            problems.append(translate("trainer", "Warm-up must be 0 or more steps (got {warmup_steps}).").format(warmup_steps=self.warmup_steps))
        elif self.warmup_steps and self.warmup_steps >= self.max_steps and not self.decay_from_step:
            problems.append(translate("trainer", "A warm-up of {warmup_steps} steps is as long as the whole run "
                                                 "({max_steps} steps): the learning rate would never reach its "
                                                 "peak. Use a warm-up shorter than the run, e.g. {value} (or "
                                                 "leave it out: the warm-up is then 10 % of the run).")
                                                         .format(warmup_steps=integer(self.warmup_steps),
                                                                 max_steps=integer(self.max_steps),
                                                                 value=integer(self.max_steps // 10)))
        if self.eval_interval < 1 or self.eval_batches < 1 or self.sample_interval < 1:
            problems.append(translate("trainer", "The evaluation and sample intervals and the evaluation batches must be at least 1."))
        if not 0 <= self.min_lr_ratio <= 1 or not 0 <= self.decay_from_ratio <= 1 or self.decay_from_step < 0:
            problems.append(translate("trainer", "The learning-rate schedule's ratios must be between 0 and 1."))
        if problems:
            raise TrainingError(" ".join(problems))

    def _type_problems(self) -> list[str]:
        problems = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("precision", "optimizer"):
                ok = isinstance(value, str)
            elif f.type in ("int", "int | None"):
                ok = (isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2 ** 63) or \
                    (value is None and f.type == "int | None")
            else:
                ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
            if not ok:
                kind = "a whole number" if f.type.startswith("int") else "a number"
                problems.append(translate("trainer", "The training setting {name} must be {kind} (got {value}).")
                                    .format(name=f.name, kind=kind, value=repr(value)))
        if not problems and not 0 <= self.seed < 2 ** 63:
            problems.append(translate("trainer", "The seed must be from 0 to 2⁶³ − 1 (got {seed}).").format(seed=self.seed))
        if not problems and not 0 <= self.threads <= 1024:
            problems.append(translate("trainer", "Threads must be 0 (all cores) to 1024 (got {threads}).").format(threads=self.threads))
        return problems

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> TrainSettings:
        if not isinstance(d, dict):
            raise TrainingError(translate("trainer", "The training settings are not a table of values (got {name}).").format(name=type(d).__name__))
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in d.items() if k in known}
        values.setdefault("optimizer", "adamw")  # saved before there was a choice: AdamW's state is in the file
        warmup, steps = values.get("warmup_steps"), values.get("max_steps", cls.max_steps)
        if isinstance(warmup, int) and isinstance(steps, int) and warmup >= steps and not values.get("decay_from_step"):
            values["warmup_steps"] = None  # saved before warm-ups had to fit the run: the automatic one
        return cls(**values)

    @property
    def warmup(self) -> int:
        """The warm-up in use: the one asked for, else 10 % of the run (at most 100 steps)."""
        if self.warmup_steps is not None:
            return self.warmup_steps
        return min(100, self.max_steps // 10)

    def lr_at(self, step: int) -> float:
        """Linear warm-up, then cosine decay to min_lr_ratio × peak at max_steps."""
        return self.learning_rate * self.lr_ratio_at(step)

    def lr_ratio_at(self, step: int) -> float:
        warmup = self.warmup
        if step < warmup:
            return (step + 1) / warmup
        start, top = (self.decay_from_step, self.decay_from_ratio) if self.decay_from_step else (warmup, 1.0)
        progress = min(1.0, max(0, step - start) / max(1, self.max_steps - start))
        return self.min_lr_ratio + (top - self.min_lr_ratio) * 0.5 * (1 + math.cos(math.pi * progress))

    def continued(self, step: int, max_steps: int) -> TrainSettings:
        """These settings for training on from `step` to a new total of `max_steps`.

        The learning rate must not jump: from `step` the cosine is stretched over the steps that are
        left, starting at the rate the run has now and ending at the usual floor. A run stopped in its
        warm-up simply keeps warming up, then decays over the new total.
        """
        if max_steps == self.max_steps:
            return self
        if step < self.warmup:  # a warm-up longer than the new total (a short fine-tune from step 0) fits it
            return replace(self, max_steps=max_steps, warmup_steps=self.warmup if self.warmup < max_steps else None)
        return replace(self, max_steps=max_steps, warmup_steps=self.warmup, decay_from_step=step,
                       decay_from_ratio=self.lr_ratio_at(step))


class TokenDataset:
    """The encoded corpus split into a training head and a validation tail; random windows as batches."""

    def __init__(self, ids: np.ndarray, context_length: int, val_fraction: float = 0.1, name: str = ""):
        n_val = len(ids) - split_point(len(ids), val_fraction)
        needed = context_length + 1
        if len(ids) - n_val < needed or n_val < needed:
            minimum = math.ceil(needed / min(val_fraction, 1 - val_fraction))
            what = f"“{name}”" if name else "The text"
            raise TrainingError(
                translate("trainer", "{what} is too short for context length {context_length}: it has {n_ids} "
                                     "tokens, and both the training part and the {val_fraction} validation part "
                                     "need at least {needed} (about {minimum} tokens in all). Use a longer text or a shorter context.")
                    .format(what=what, context_length=context_length, n_ids=integer(len(ids)),
                            val_fraction=format(val_fraction, ".0%"), needed=needed, minimum=integer(minimum)))
        # the whole stream stays in its small dtype; only each batch is widened to int64
        data = torch.from_numpy(np.ascontiguousarray(ids))
        self.train, self.val = data[: len(ids) - n_val], data[len(ids) - n_val:]
        self.context_length = context_length
        self._offsets = torch.arange(context_length + 1)

    def batch(self, split: str, batch_size: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
        data = self.train if split == "train" else self.val
        # a window is context + 1 tokens (inputs and their next-token targets); the last start that
        # fits is len - context - 1, so the split's last token is a target too
        starts = torch.randint(len(data) - self.context_length, (batch_size, 1), generator=generator)
        windows = data[starts + self._offsets].long()  # one gather for the whole batch
        return windows[:, :-1], windows[:, 1:]


# ---- events: what listeners hear ------------------------------------------------------------------

@dataclass
class StepEvent:
    step: int            # steps completed
    max_steps: int
    loss: float
    lr: float
    tokens_per_s: float
    elapsed_s: float


@dataclass
class EvalEvent:
    step: int
    train_loss: float
    val_loss: float
    elapsed_s: float


@dataclass
class SampleEvent:
    step: int
    text: str


@dataclass
class SnapshotEvent:
    """A copy of the weights taken between steps: safe to read from another thread."""
    step: int
    state_dict: dict


@dataclass
class StepReport:
    """What a single step changed (the Step button while paused)."""
    step: int
    loss_before: float          # on the step's own batch, dropout off
    loss_after: float
    grad_norms: dict[str, float]     # per layer (and the embeddings), before clipping
    update_ratios: dict[str, float]  # ‖ΔW‖ / ‖W‖ per layer
    grad_norm: float                 # the whole model's, before clipping


@dataclass
class HealthEvent:
    """Every few steps: the gradient norm (and whether clipping cut it) and each layer's update/weight ratio."""
    step: int
    grad_norm: float
    clipped: bool
    update_ratios: dict[str, float]


@dataclass
class StateEvent:
    state: str           # "running" | "paused" | "finished" | "stopped" | "failed"
    reason: str = ""


TrainingEvent = StepEvent | EvalEvent | SampleEvent | SnapshotEvent | StateEvent | HealthEvent | StepReport


@dataclass
class History:
    steps: list[int] = field(default_factory=list)
    losses: list[float] = field(default_factory=list)
    lrs: list[float] = field(default_factory=list)  # the learning rate each step used: the schedule as run
    val_steps: list[int] = field(default_factory=list)
    val_losses: list[float] = field(default_factory=list)
    train_eval_losses: list[float] = field(default_factory=list)
    val_elapsed_s: list[float] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> History:
        """Restore a saved history, checking it: a file may hold anything (raises TrainingError)."""
        if not isinstance(d, dict):
            raise TrainingError(translate("trainer", "The loss history is not a table of lists."))
        out = {}
        for f in fields(cls):
            values = d.get(f.name, [])
            whole = f.name in ("steps", "val_steps")
            if not isinstance(values, list) or not all(
                    isinstance(v, int if whole else (int, float)) and not isinstance(v, bool) for v in values):
                raise TrainingError(translate("trainer", "The loss history's {name} is not a list of numbers.").format(name=f.name))
            out[f.name] = list(values)
        if len(out["losses"]) != len(out["steps"]) or len(out["val_losses"]) != len(out["val_steps"]):
            raise TrainingError(translate("trainer", "The loss history's steps and losses do not line up."))
        return cls(**out)


class Trainer:
    """Owns the model, the optimizer and the data; `train_step` does one step, nothing else."""

    def __init__(self, config: GPTConfig, settings: TrainSettings, tokenizer: Tokenizer,
                 ids: np.ndarray | None = None, dataset: TokenDataset | None = None, device: str = "cpu",
                 corpus_name: str = ""):
        if config.vocab_size != tokenizer.vocab_size:
            raise TrainingError(translate("trainer", "The model's vocabulary ({vocab_size}) does not match the tokenizer's ({vocab_size2}).")
                                    .format(vocab_size=config.vocab_size, vocab_size2=tokenizer.vocab_size))
        self.config, self.settings, self.tokenizer = config, settings, tokenizer
        self.dataset = dataset or TokenDataset(ids, config.context_length, settings.val_fraction, corpus_name)
        torch.manual_seed(settings.seed)
        self.device = torch.device(device)
        self.model = GPT(config).to(self.device)
        # what the step calls: the model itself, or a DistributedDataParallel wrapper around it
        self.forward_model: torch.nn.Module = self.model
        self.precision = resolve_precision(settings.precision, self.device)
        self.optimizer = make_optimizer(self.model, settings, self.device, self.precision)
        self.generator = torch.Generator().manual_seed(settings.seed)
        # dropout draws from torch's global generator, which the rest of the process shares (the app's
        # sampling, other trainers): the trainer keeps its own copy of that state and swaps it in per step
        self._dropout_rng = torch.get_rng_state()
        self.step = 0
        self.history = History()
        self.elapsed_s = 0.0  # training wall time across sessions (resumes add to it)
        self._last_good = [p.detach().clone() for p in self.model.parameters()]
        self.lr_scale = 1.0          # the user's multiplier on the schedule, changed while it runs
        self.measure_updates = False  # per-layer gradient norms and update/weight ratios on the next steps
        self.last_grad_norm = math.nan
        self.layer_grad_norms: dict[str, float] = {}
        self.update_ratios: dict[str, float] = {}
        self._param_groups = [f"layer {int(n.split('.')[1]) + 1}" if n.startswith("blocks.") else "embeddings"
                              for n, _ in self.model.named_parameters()]
        self.best_val, self.best_step = math.inf, None
        self._best_weights: list[torch.Tensor] | None = None
        self.weights_step: int | None = None  # set when the weights are an earlier step's (the best kept)

    @property
    def tokens_per_step(self) -> int:
        return self.settings.batch_size * self.config.context_length

    def train_step(self, batch: tuple[torch.Tensor, torch.Tensor] | None = None) -> float:
        """One optimizer step. Returns the loss; a non-finite loss leaves the last good weights in place."""
        self.weights_step = None
        lr = self.settings.lr_at(self.step) * self.lr_scale
        for group in self.optimizer.param_groups:
            group["lr"] = lr
        x, y = batch if batch is not None else self._batch("train", self.generator)
        with self._own_dropout_rng():
            with self._autocast():
                _, loss = self.forward_model(x, y)
        loss_value = loss.item()
        if not self._finite_everywhere(loss_value):
            self.restore_last_good()
            return loss_value if not math.isfinite(loss_value) else float("nan")
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        if self.measure_updates:
            self.layer_grad_norms = self._group_norms([p.grad for p in self.model.parameters()])
        # 0 is "no clipping" (as nanoGPT): the norm is still measured, for the health strip
        grad_norm = torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.settings.grad_clip or math.inf)
        if not torch.isfinite(grad_norm):
            self.restore_last_good()
            return float("nan")
        self.last_grad_norm = float(grad_norm)
        self.remember_good_weights()
        self.optimizer.step()
        if self.measure_updates:  # the step's size against the weights' size, per layer (≈1e-3 is healthy)
            params = [p.detach() for p in self.model.parameters()]
            updates = self._group_norms(torch._foreach_sub(params, self._last_good))
            weights = self._group_norms(params)
            self.update_ratios = {k: updates[k] / max(weights[k], 1e-12) for k in updates}
        self.step += 1
        self.history.steps.append(self.step)
        self.history.losses.append(loss_value)
        self.history.lrs.append(lr)
        return loss_value

    def _group_norms(self, tensors: list[torch.Tensor | None]) -> dict[str, float]:
        """The L2 norm of each part of the model: one entry per layer, and the embeddings."""
        squares: dict[str, float] = {}
        norms = torch._foreach_norm([t if t is not None else torch.zeros(1) for t in tensors])
        for group, norm in zip(self._param_groups, norms):
            squares[group] = squares.get(group, 0.0) + float(norm) ** 2
        return {k: math.sqrt(v) for k, v in squares.items()}

    @torch.no_grad()
    def batch_loss(self, batch: tuple[torch.Tensor, torch.Tensor]) -> float:
        """The loss on one batch with dropout off: before and after a single step, comparable."""
        was_training = self.model.training
        self.model.eval()
        try:
            with self._autocast():
                return float(self.model(*batch)[1])
        finally:
            self.model.train(was_training)

    def inspect_one_step(self) -> StepReport:
        """One optimizer step that says what it changed: the loss on its own batch before and after, each
        layer's gradient norm and update-to-weight ratio."""
        batch = self._batch("train", self.generator)
        before = self.batch_loss(batch)
        measuring, self.measure_updates = self.measure_updates, True
        try:
            self.train_step(batch)
        finally:
            self.measure_updates = measuring
        return StepReport(self.step, before, self.batch_loss(batch), dict(self.layer_grad_norms),
                          dict(self.update_ratios), self.last_grad_norm)

    def _finite_everywhere(self, loss_value: float) -> bool:
        """Whether every process's loss is finite. Under data parallelism all ranks must agree before
        backward(): a rank that stopped alone would leave the others waiting in the gradient all-reduce."""
        finite = math.isfinite(loss_value)
        if self.forward_model is self.model or not torch.distributed.is_initialized():
            return finite
        flag = torch.tensor([0.0 if finite else 1.0], device=self.device)
        torch.distributed.all_reduce(flag, op=torch.distributed.ReduceOp.MAX)
        return flag.item() == 0.0

    @contextlib.contextmanager
    def _own_dropout_rng(self):
        if self.config.dropout == 0 or self.device.type != "cpu":
            yield  # nothing random happens in the step (or the GPU's generator is in charge)
            return
        outer = torch.get_rng_state()
        torch.set_rng_state(self._dropout_rng)
        try:
            yield
        finally:
            self._dropout_rng = torch.get_rng_state()
            torch.set_rng_state(outer)

    # -- the random streams the next step depends on: saved with a checkpoint so a resume is exact --
    def rng_state(self) -> dict[str, torch.Tensor]:
        # numpy's random state is never used by training or sampling, so it is not part of a checkpoint
        return {"batches": self.generator.get_state(), "dropout": self._dropout_rng.clone()}

    def set_rng_state(self, state: dict[str, torch.Tensor]) -> None:
        if "batches" in state:
            self.generator.set_state(state["batches"])
        if "dropout" in state:
            torch.Generator().set_state(state["dropout"])  # refuses a damaged state before it is kept
            self._dropout_rng = state["dropout"].clone()

    def _autocast(self):
        if self.precision == "bf16":
            return torch.autocast(self.device.type, dtype=torch.bfloat16)
        return contextlib.nullcontext()

    def _batch(self, split: str, generator: torch.Generator):
        x, y = self.dataset.batch(split, self.settings.batch_size, generator)
        if self.device.type != "cpu":
            x, y = x.to(self.device, non_blocking=True), y.to(self.device, non_blocking=True)
        return x, y

    def remember_good_weights(self) -> None:
        torch._foreach_copy_(self._last_good, [p.detach() for p in self.model.parameters()])

    def restore_last_good(self) -> None:
        with torch.no_grad():
            torch._foreach_copy_([p for p in self.model.parameters()], self._last_good)

    @torch.no_grad()
    def estimate_loss(self) -> tuple[float, float]:
        """Mean loss over a fixed number of batches of each split, drawn from a fixed seed for comparability."""
        self.model.eval()
        generator = torch.Generator().manual_seed(self.settings.seed + 1)
        means = []
        for split in ("train", "val"):
            with self._autocast():
                losses = [self.model(*self._batch(split, generator))[1].item()
                          for _ in range(self.settings.eval_batches)]
            means.append(sum(losses) / len(losses))
        self.model.train()
        return means[0], means[1]

    def record_evaluation(self, train_loss: float, val_loss: float) -> None:
        """Log an evaluation at this step; a new best validation loss keeps a copy of these weights, so
        "keep the best weights" is a real choice once the model starts memorising."""
        h = self.history
        h.val_steps.append(self.step)
        h.val_losses.append(val_loss)
        h.train_eval_losses.append(train_loss)
        h.val_elapsed_s.append(self.elapsed_s)
        if math.isfinite(val_loss) and val_loss < self.best_val:
            self.best_val, self.best_step = val_loss, self.step
            params = [p.detach() for p in self.model.parameters()]
            if self._best_weights is None:
                self._best_weights = [p.clone() for p in params]
            else:
                torch._foreach_copy_(self._best_weights, params)

    def restore_best(self) -> int | None:
        """Put back the weights of the best evaluation; returns its step (None if there was none)."""
        if self._best_weights is None:
            return None
        with torch.no_grad():
            torch._foreach_copy_([p for p in self.model.parameters()], self._best_weights)
        self.weights_step = self.best_step
        return self.best_step

    def sample(self, n_tokens: int, temperature: float = 0.8, prompt: str = "\n") -> str:
        encoded = self.tokenizer.encode_prompt(prompt).ids or [0]
        generator = torch.Generator().manual_seed(self.settings.seed + self.step)
        out = list(generate(self.model, encoded, n_tokens, SamplingSettings(temperature=temperature),
                            generator=generator))
        return self.tokenizer.decode(out)

    def snapshot(self) -> dict:
        return {k: v.detach().to("cpu", copy=True) for k, v in self.model.state_dict().items()}


def make_optimizer(model: GPT, settings: TrainSettings, device: torch.device, precision: str) -> torch.optim.Optimizer:
    if settings.optimizer == "muon":
        # Newton–Schulz in bf16 only where the hardware runs it natively: emulated, a step was ~10× slower
        ns_dtype = torch.bfloat16 if precision == "bf16" else torch.float32
        return MuonWithAdamW(muon_groups(model, settings.weight_decay), lr=settings.learning_rate,
                             weight_decay=settings.weight_decay, ns_dtype=ns_dtype)
    fused = _fused_if_available() if device.type == "cpu" else {"fused": True}
    return torch.optim.AdamW(model.optimizer_groups(settings.weight_decay), lr=settings.learning_rate,
                             betas=(0.9, 0.95), **fused)


@functools.cache
def _fused_if_available() -> dict:
    # the fused AdamW kernel (CPU support since torch 2.4) replaces dozens of small ops per step.
    # The first optimizer also imports ~2 s of torch internals: hosts call `warm_up` off their UI thread.
    try:
        torch.optim.AdamW([torch.zeros(1, requires_grad=True)], fused=True)
        return {"fused": True}
    except (RuntimeError, TypeError):
        return {"foreach": True}


def warm_up() -> None:
    """Pay the one-time cost of the first optimizer (imports) now, e.g. in a loader thread."""
    _fused_if_available()


HEALTH_EVERY = 10  # steps between gradient-norm / update-ratio measurements (they cost two passes over the weights)


class TrainingController:
    """Runs a Trainer step by step in the calling thread; pause/resume/stop from any thread take effect
    between steps. Listeners added with `add_callback` receive every TrainingEvent."""

    def __init__(self, trainer: Trainer, snapshot_interval: int = 100, snapshot_every_s: float = 3.0,
                 eval_every_s: float = 10.0, sample_every_s: float = 20.0):
        self.trainer = trainer
        # By steps and by time: on a slow or busy machine 100 steps can take a minute, and the views, the
        # validation curve and the samples must not fall that far behind what the model is now.
        self.snapshot_interval, self.snapshot_every_s = snapshot_interval, snapshot_every_s
        self.eval_every_s, self.sample_every_s = eval_every_s, sample_every_s
        self._last = {"snapshot": 0.0, "eval": 0.0, "sample": 0.0}
        self._callbacks: list[Callable[[TrainingEvent], None]] = []
        self._running = threading.Event()
        self._running.set()
        self._stop = threading.Event()
        self.keep_best = False  # at the end, put back the weights of the lowest validation loss
        self._one_step = False
        self.sample_temperature = 0.8  # of the samples written while training; the user may change it mid-run
        self.state = "idle"

    def add_callback(self, callback: Callable[[TrainingEvent], None]) -> None:
        self._callbacks.append(callback)

    def _emit(self, event: TrainingEvent) -> None:
        for callback in self._callbacks:
            callback(event)

    def _set_state(self, state: str, reason: str = "") -> None:
        self.state = state
        self._emit(StateEvent(state, reason))

    # -- commands, safe from any thread --
    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def stop(self, keep_best: bool | None = None) -> None:
        """Stop after the current step; with keep_best, the weights of the best evaluation are put back."""
        if keep_best is not None:
            self.keep_best = keep_best
        self._stop.set()
        self._running.set()  # wake a paused loop so it can see the stop

    def step_once(self) -> None:
        """While paused: one optimizer step, reported (StepReport), then paused again."""
        if self.paused and not self._stop.is_set():
            self._one_step = True
            self._running.set()

    def set_lr_scale(self, scale: float) -> None:
        """A multiplier on the learning-rate schedule from the next step on (safe from any thread)."""
        self.trainer.lr_scale = float(scale)

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def run(self) -> str:
        """Train until max_steps, a stop, or a failure. Returns the final state."""
        t = self.trainer
        # set here, in the thread that trains: OpenMP thread counts are per calling thread
        torch.set_num_threads(t.settings.threads or default_threads())
        self._set_state("running")
        now = time.monotonic()
        self._last = {"snapshot": now, "eval": now, "sample": now}
        recent = deque(maxlen=20)  # (tokens, seconds) of recent steps for a steady tokens/s
        try:
            while t.step < t.settings.max_steps:
                if not self._running.is_set():
                    self._snapshot()  # the views show the model as it is while paused
                    self._set_state("paused")
                    self._running.wait()
                    if not self._stop.is_set() and not self._one_step:  # a single step stays "paused"
                        self._set_state("running")
                if self._stop.is_set():
                    self._on_stop()
                    self._set_state("stopped", " ".join(filter(None, [
                        translate("trainer", "Stopped by the user."), self._kept_words()])))
                    return self.state
                started = time.perf_counter()
                one_step, self._one_step = self._one_step, False
                t.measure_updates = one_step or (t.step + 1) % HEALTH_EVERY == 0
                report = t.inspect_one_step() if one_step else None
                loss = report.loss_before if report else t.train_step()
                if not math.isfinite(loss) or (report and not math.isfinite(report.loss_after)):
                    self._set_state("failed", translate("trainer", "The loss became {loss} at step {step}: training "
                                                                   "diverged. The last good weights are kept. Lower "
                                                                   "the learning rate and train again.")
                                    .format(loss=loss, step=integer(t.step + 1)))
                    self._emit(SnapshotEvent(t.step, t.snapshot()))
                    return self.state
                seconds = time.perf_counter() - started
                t.elapsed_s += seconds
                recent.append(seconds)
                tokens_per_s = t.tokens_per_step * len(recent) / sum(recent)
                self._emit(StepEvent(t.step, t.settings.max_steps, loss, t.history.lrs[-1], tokens_per_s,
                                     t.elapsed_s))
                if t.measure_updates:
                    self._emit(HealthEvent(t.step, t.last_grad_norm, 0 < t.settings.grad_clip < t.last_grad_norm,
                                           dict(t.update_ratios)))
                    t.measure_updates = False
                self._after_step()
                if report is not None:
                    self._emit(report)
                    self._running.clear()  # back to paused after the one step
        except DiskWriteError as e:  # a save during training (a run record's checkpoint) failed
            self._fail(translate("trainer", "Training stopped: {why}").format(why=e))
            return self.state
        except Exception as e:  # noqa: BLE001 — a listener or the model failed: report, never kill the host app
            self._fail(translate("trainer", "Training stopped by an error: {kind}: {why}").format(
                kind=type(e).__name__, why=e))
            return self.state
        if self.keep_best and t.best_step is not None and t.best_step != t.step:
            self._restore_best_if_wanted()
            self._snapshot()
        self._set_state("finished", " ".join(filter(None, [
            translate("trainer", "Finished {steps} steps.").format(steps=integer(t.step)), self._kept_words()])))
        return self.state

    def _kept_words(self) -> str:
        t = self.trainer
        if t.weights_step is None:
            return ""
        return translate("trainer", "Kept the weights of step {step}, the best validation loss ({loss}).").format(
            step=integer(t.weights_step), loss=number(t.best_val, 3))

    def _fail(self, reason: str) -> None:
        """The run failed: say so to every listener, even if one of them fails again while hearing it (a
        record that cannot save on a full disk must not turn one error into two tracebacks)."""
        self.state = "failed"
        for callback in self._callbacks:
            try:
                callback(StateEvent("failed", reason))
            except Exception:  # noqa: BLE001 — the first failure is the one to report
                continue

    def _after_step(self) -> None:
        t, s = self.trainer, self.trainer.settings
        last = t.step == s.max_steps
        now = time.monotonic()
        if t.step % s.eval_interval == 0 or last or now - self._last["eval"] >= self.eval_every_s:
            self._evaluate()
        if t.step % s.sample_interval == 0 or last or now - self._last["sample"] >= self.sample_every_s:
            self._sample()
        if t.step % self.snapshot_interval == 0 or last \
                or now - self._last["snapshot"] >= self.snapshot_every_s:
            self._snapshot()

    def _evaluate(self) -> None:
        t = self.trainer
        if t.history.val_steps and t.history.val_steps[-1] == t.step:
            return
        started = time.perf_counter()
        train_loss, val_loss = t.estimate_loss()
        t.elapsed_s += time.perf_counter() - started
        t.record_evaluation(train_loss, val_loss)
        self._last["eval"] = time.monotonic()
        self._emit(EvalEvent(t.step, train_loss, val_loss, t.elapsed_s))

    def _sample(self) -> None:
        t = self.trainer
        self._last["sample"] = time.monotonic()
        # after "keep the best weights" the model writing is that step's, and the sample says so
        step = t.step if t.weights_step is None else t.weights_step
        self._emit(SampleEvent(step, t.sample(t.settings.sample_tokens, self.sample_temperature)))

    def _snapshot(self) -> None:
        self._last["snapshot"] = time.monotonic()
        t = self.trainer
        # the best evaluation's weights, put back, are that step's model, not this one's
        self._emit(SnapshotEvent(t.step if t.weights_step is None else t.weights_step, t.snapshot()))

    def _on_stop(self) -> None:
        """Stopped by the user: what it wrote and the weights the views show are those of this step."""
        if self.trainer.step > 0:
            self._evaluate()
            self._restore_best_if_wanted()
            self._sample()
            self._snapshot()

    def _restore_best_if_wanted(self) -> None:
        t = self.trainer
        if self.keep_best and t.best_step is not None and t.best_step != t.step:
            t.restore_best()
