"""The inspection pass: one prompt in, plain numpy arrays out — what the views draw.

Runs the model's explicit (traced) forward on the same weights that training uses, so the attention
weights are softmax(QKᵀ/√d_k) exactly as the fused kernel computes them, only materialised.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from ..model.model import GPT
from ..model.sampling import crop_to_context


@dataclass
class Inspection:
    token_ids: list[int]          # the tokens the model saw (after cropping to the context)
    cropped: int                  # how many leading prompt tokens fell outside the context
    logits: np.ndarray            # (vocab,) at the last position
    probs: np.ndarray             # (vocab,) softmax of the logits, temperature 1
    attention: np.ndarray         # (layers, heads, T, T); row = query, column = key; upper triangle 0
    residual: np.ndarray          # (layers + 1, T, d_model): the stream after embedding and each block
    trace: dict = field(default_factory=dict, repr=False)  # every intermediate tensor, for explain views

    @property
    def n_tokens(self) -> int:
        return len(self.token_ids)


@torch.inference_mode()
def inspect(model: GPT, ids: list[int]) -> Inspection | None:
    """None for an empty prompt: there is nothing to predict from."""
    visible, cropped = crop_to_context(list(ids), model.config.context_length)
    if not visible:
        return None
    was_training = model.training
    model.eval()
    try:
        logits, trace = model.forward_traced(torch.tensor([visible]))
    finally:
        model.train(was_training)
    last = logits[0, -1]
    residual = torch.stack([trace["embedded"][0]] + [layer["output"][0] for layer in trace["layers"]])
    return Inspection(
        token_ids=visible,
        cropped=cropped,
        logits=last.numpy().copy(),
        probs=torch.softmax(last, dim=-1).numpy(),
        attention=torch.stack([layer["weights"][0] for layer in trace["layers"]]).numpy(),
        residual=residual.numpy(),
        trace=trace,
    )


@torch.inference_mode()
def logit_lens(model: GPT, inspection: Inspection) -> np.ndarray:
    """(layers + 1, T, vocab) probabilities: what the model would predict if it stopped after each layer.
    The last row is the model's real prediction."""
    residual = torch.from_numpy(inspection.residual)
    return torch.softmax(model.logit_lens(residual), dim=-1).numpy()
