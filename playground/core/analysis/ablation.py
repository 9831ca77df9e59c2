"""Switches: break the model to understand it. Switch off attention heads (their output zeroed before
the output projection), skip whole layers, drop the positional encoding — at inference, on the same
weights — and measure what changes: the next-token probabilities and the validation loss."""
from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass, field

import numpy as np
import torch

from ..model.model import GPT
from ..words import number, translate


@dataclass(frozen=True)
class Ablation:
    heads_off: frozenset[tuple[int, int]] = field(default_factory=frozenset)  # (layer, head), from 0
    layers_skipped: frozenset[int] = field(default_factory=frozenset)
    positions_off: bool = False

    @property
    def empty(self) -> bool:
        return not (self.heads_off or self.layers_skipped or self.positions_off)

    def toggled_head(self, layer: int, head: int) -> Ablation:
        return Ablation(self.heads_off ^ {(layer, head)}, self.layers_skipped, self.positions_off)

    def toggled_layer(self, layer: int) -> Ablation:
        return Ablation(self.heads_off, self.layers_skipped ^ {layer}, self.positions_off)

    def with_positions_off(self, off: bool) -> Ablation:
        return Ablation(self.heads_off, self.layers_skipped, off)

    def describe(self) -> str:
        parts = [translate("ablation", "layer {layer} head {head}").format(layer=layer + 1, head=head + 1)
                 for layer, head in sorted(self.heads_off)]
        parts += [translate("ablation", "layer {layer}").format(layer=layer + 1) for layer in sorted(self.layers_skipped)]
        if self.positions_off:
            parts.append(translate("ablation", "the positional encoding"))
        return translate("ablation", "without {parts}").format(parts=", ".join(parts)) if parts else translate("ablation", "the whole model")


@contextlib.contextmanager
def ablated(model: GPT, ablation: Ablation):
    """The model with the switches applied, for the length of the block; everything is restored after."""
    by_layer: dict[int, list[int]] = {}
    for layer, head in ablation.heads_off:
        by_layer.setdefault(layer, []).append(head)
    try:
        for i, block in enumerate(model.layers()):
            block.attn.heads_off = tuple(sorted(by_layer.get(i, ())))
            block.skipped = i in ablation.layers_skipped
        model.positions_off = ablation.positions_off
        yield model
    finally:
        for block in model.layers():
            block.attn.heads_off = ()
            block.skipped = False
        model.positions_off = False


@torch.inference_mode()
def validation_loss(model: GPT, batch: tuple[torch.Tensor, torch.Tensor]) -> float:
    was_training = model.training
    model.eval()
    try:
        return float(model(*batch)[1])
    finally:
        model.train(was_training)


def fixed_validation_batch(val_ids: np.ndarray, context_length: int, rows: int = 16,
                           seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """The same windows of the validation text every time, so two measurements differ only by the switches."""
    data = torch.from_numpy(np.asarray(val_ids, dtype=np.int64))
    if len(data) < context_length + 1:
        raise ValueError("the validation text is shorter than one context")
    generator = torch.Generator().manual_seed(seed)
    starts = torch.randint(len(data) - context_length, (rows, 1), generator=generator)
    windows = data[starts + torch.arange(context_length + 1)]
    return windows[:, :-1], windows[:, 1:]


@dataclass
class AblationEffect:
    ablation: Ablation
    val_before: float
    val_after: float
    probs_before: np.ndarray  # next-token probabilities for the prompt, whole model
    probs_after: np.ndarray   # … with the switches

    def line(self, spelled_out: bool = False) -> str:
        """"without layer 2 head 3: val loss 1.93 → 2.41" (`spelled_out`: "validation loss", for the app)."""
        if math.isnan(self.val_before):
            return translate("ablation", "{what}: (no validation text for this model to measure the loss on)").format(
                what=self.ablation.describe())
        template = translate("ablation", "{what}: validation loss {before} → {after}") if spelled_out else \
            translate("ablation", "{what}: val loss {before} → {after}")
        return template.format(
            what=self.ablation.describe(), before=number(self.val_before), after=number(self.val_after))


@torch.inference_mode()
def measure_ablation(model: GPT, ablation: Ablation, prompt_ids: list[int],
                     batch: tuple[torch.Tensor, torch.Tensor] | None) -> AblationEffect:
    """`batch` None (no validation text for this model): the loss is not measured (NaN)."""
    def probs() -> np.ndarray:
        ids = prompt_ids[-model.config.context_length:]
        logits, _ = model(torch.tensor([ids]))
        return torch.softmax(logits[0, -1].float(), dim=-1).numpy()

    loss = (lambda: validation_loss(model, batch)) if batch is not None else (lambda: math.nan)
    before = (loss(), probs())
    with ablated(model, ablation):
        after = (loss(), probs())
    return AblationEffect(ablation, before[0], after[0], before[1], after[1])
