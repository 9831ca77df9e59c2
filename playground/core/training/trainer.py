"""The Trainer: the model, its optimizer and the data; one training step, evaluation and samples.
"""
from __future__ import annotations

import contextlib
import functools
import math
from collections.abc import Sequence
from typing import cast

import numpy as np
import torch

from ..data.tokenizer import Tokenizer
from ..model.config import GPTConfig
from ..model.model import GPT
from ..model.sampling import SamplingSettings, generate
from ..words import translate
from .dataset import TokenDataset
from .events import History, StepReport
from .muon import MuonWithAdamW, muon_groups
from .settings import TrainingError, TrainSettings, resolve_precision


class Trainer:
    """Owns the model, the optimizer and the data; `train_step` does one step, nothing else."""

    def __init__(self, config: GPTConfig, settings: TrainSettings, tokenizer: Tokenizer,
                 ids: np.ndarray | None = None, dataset: TokenDataset | None = None, device: str = "cpu",
                 corpus_name: str = ""):
        if config.vocab_size != tokenizer.vocab_size:
            raise TrainingError(translate("trainer", "The model's vocabulary ({model_vocab}) does not match the tokenizer's ({tokenizer_vocab}).")
                                    .format(model_vocab=config.vocab_size, tokenizer_vocab=tokenizer.vocab_size))
        self.config, self.settings, self.tokenizer = config, settings, tokenizer
        if dataset is None and ids is None:
            raise ValueError("a Trainer needs the text's token ids or a dataset")
        self.dataset = dataset or TokenDataset(cast(np.ndarray, ids), config.context_length, settings.val_fraction,
                                               corpus_name)
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
        self.best_val, self.best_step = math.inf, cast(int | None, None)
        self._best_weights: list[torch.Tensor] | None = None
        self.weights_step: int | None = None  # set when the weights are an earlier step's (the best kept)

    @property
    def tokens_per_step(self) -> int:
        return self.settings.tokens_per_step(self.config.context_length)

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

    def _group_norms(self, tensors: Sequence[torch.Tensor | None]) -> dict[str, float]:
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
        # Newton–Schulz in bf16 only where the hardware runs it natively: emulated bf16 is far slower
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
