"""The encoded corpus as training and validation token streams, and random windows of it as batches.
"""
from __future__ import annotations

import math

import numpy as np
import torch

from ..data.split import split_point
from ..words import integer, translate
from .settings import TrainingError


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
