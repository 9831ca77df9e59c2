"""Training settings and the learning-rate schedule they imply; the precision and thread count a machine gets.
"""
from __future__ import annotations

import functools
import math
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import torch

from ..data.split import DEFAULT_VAL_FRACTION
from ..words import integer, translate


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
    # the quick recipe: tiny Shakespeare to val loss ~1.9 in about a minute on a 2-core laptop CPU
    # (the measurements behind each default: bench/time_to_quality.py)
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
    # fp32; the matmuls run in bf16), else fp32. "fp32" / "bf16" force it.
    precision: str = "auto"
    # "muon": each block matrix's update made orthogonal (AdamW for the rest), the default because it
    # reaches a given loss sooner; "adamw": a step size per weight
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

    def tokens_per_step(self, context_length: int) -> int:
        """Tokens one step trains on: the loss plot's other x unit."""
        return self.batch_size * context_length

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
