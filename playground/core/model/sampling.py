"""Turning logits into a choice of next token: temperature, top-k, top-p, and streamed generation."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import torch

from ..words import translate
from .model import GPT, KVCache

TEMPERATURES = [round(0.1 * i, 1) for i in range(1, 31)]  # what the temperature sliders offer


@dataclass(frozen=True)
class SamplingSettings:
    temperature: float = 0.8
    top_k: int = 0        # 0: no cut
    top_p: float = 1.0    # 1.0: no cut
    greedy: bool = False

    def __post_init__(self):
        if not self.temperature > 0:
            raise ValueError(translate("sampling", "Temperature must be above 0 (got {temperature}).").format(temperature=self.temperature))
        if self.top_k < 0:
            raise ValueError(translate("sampling", "top-k must be 0 (off) or a positive number (got {top_k}).").format(top_k=self.top_k))
        if not 0.0 < self.top_p <= 1.0:
            raise ValueError(translate("sampling", "top-p must be above 0 and at most 1 (got {top_p}).").format(top_p=self.top_p))


@dataclass
class Distribution:
    """The next-token distribution as a user inspects it: before and after the top-k/top-p cuts."""

    probs: torch.Tensor     # softmax(logits / temperature), summing to 1, nothing cut
    kept: torch.Tensor      # bool: the token survives top-k and top-p
    sampled: torch.Tensor   # renormalised over the kept tokens: what sampling actually draws from


def next_token_distribution(logits: torch.Tensor, settings: SamplingSettings) -> Distribution:
    """logits: (vocab,) for one position."""
    probs = torch.softmax(logits.float() / settings.temperature, dim=-1)
    kept = torch.ones_like(probs, dtype=torch.bool)
    order = torch.argsort(probs, descending=True)
    if settings.top_k and settings.top_k < probs.numel():
        kept[order[settings.top_k:]] = False
    if settings.top_p < 1.0:
        cumulative = torch.cumsum(probs[order], dim=0)
        # keep the smallest prefix whose mass reaches top_p (always at least the top token)
        beyond = (cumulative - probs[order]) >= settings.top_p
        kept[order[beyond]] = False
    sampled = torch.where(kept, probs, torch.zeros_like(probs))
    return Distribution(probs=probs, kept=kept, sampled=sampled / sampled.sum())


def crop_to_context(ids: list[int], context_length: int) -> tuple[list[int], int]:
    """The part of a prompt the model can see, and how many leading tokens were cropped away."""
    dropped = max(0, len(ids) - context_length)
    return ids[dropped:], dropped


@torch.inference_mode()
def generate(model: GPT, prompt_ids: list[int], max_new_tokens: int, settings: SamplingSettings,
             generator: torch.Generator | None = None,
             should_stop: Callable[[], bool] | None = None) -> Iterator[int]:
    """Yield new token ids one at a time. Earlier keys/values are cached; once the window is full the
    oldest token falls out and the window is recomputed, exactly as a cache-less model would see it."""
    was_training = model.training
    model.eval()
    context = model.config.context_length
    ids = list(prompt_ids) or [0]
    device = next(model.parameters()).device
    cache = KVCache(model.config.n_layer)
    logits, _ = model(torch.tensor([ids[-context:]], device=device), cache=cache)
    try:
        for i in range(max_new_tokens):
            if should_stop is not None and should_stop():
                return
            dist = next_token_distribution(logits[0, -1].float().cpu(), settings)
            if settings.greedy:
                token = int(torch.argmax(dist.probs))
            else:
                token = int(torch.multinomial(dist.sampled, 1, generator=generator))
            ids.append(token)
            yield token
            if i == max_new_tokens - 1:
                break
            if len(cache) < context:
                logits, _ = model(torch.tensor([[token]], device=device), cache=cache)
            else:  # the window slides: every position shifts, so the cache is rebuilt
                cache = KVCache(model.config.n_layer)
                logits, _ = model(torch.tensor([ids[-context:]], device=device), cache=cache)
    finally:
        model.train(was_training)
