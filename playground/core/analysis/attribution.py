"""Why this token? Direct logit attribution: how much each attention head, each feed-forward layer and the
embedding pushed one candidate's logit up or down at the last position.

In a pre-norm GPT the residual stream at the end is a sum: the embedding, plus what every head and every
feed-forward layer wrote into it. The logit of token t is the final layer norm of that sum dotted with
t's row of the output matrix. With the norm's scale σ taken from the actual forward pass (it depends on
the whole sum, so it is held fixed — the "direct" in direct logit attribution), the logit splits exactly
into one term per writer:

    logit_t = Σ_writers ((c − mean c) / σ) · (γ ⊙ W_U[t])  +  β · W_U[t]

The heads' shares come from each head's output through its slice of the output projection; the
projections' biases and the final norm's shift form the remaining term. The parts add up to the logit
(a test checks it to 1e-4). What a head wrote is itself a sum over the earlier tokens it attended to, so
the same split goes one level further: which source tokens, through that head, pushed the token.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn

from ..model.model import GPT
from ..words import translate
from .inspection import Inspection


class AttributionError(ValueError):
    """A model whose logit does not split this way (post-norm); the message says why."""


@dataclass
class Attribution:
    token_id: int
    logit: float              # the model's logit for the token at the last position
    token_embedding: float
    position_embedding: float
    heads: np.ndarray         # (layers, heads)
    ffn: np.ndarray           # (layers,)
    rest: float               # the attention projections' biases and the final norm's shift
    scale: float              # σ of the final layer norm at the last position

    @property
    def total(self) -> float:
        return self.token_embedding + self.position_embedding + float(self.heads.sum()) + float(self.ffn.sum()) + self.rest

    @property
    def grid(self) -> np.ndarray:
        """(layers, heads + 1): every head, then the feed-forward layer, for a heatmap."""
        return np.concatenate([self.heads, self.ffn[:, None]], axis=1)

    def top(self, n: int = 5) -> list[tuple[str, float]]:
        """The n largest pushes, up or down, in words."""
        parts = [(translate("attribution", "layer {layer} head {head}").format(layer=layer + 1, head=head + 1), value)
                 for (layer, head), value in np.ndenumerate(self.heads)]
        parts += [(translate("attribution", "layer {layer} feed-forward").format(layer=layer + 1), value)
                  for layer, value in enumerate(self.ffn)]
        parts += [(translate("attribution", "token embedding"), self.token_embedding),
                  (translate("attribution", "position embedding"), self.position_embedding)]
        return sorted(((name, float(v)) for name, v in parts), key=lambda p: -abs(p[1]))[:n]

    def strongest_heads(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """(layer, head) of the head that pushed the token up most, and of the one that pushed it down most."""
        up = np.unravel_index(int(np.argmax(self.heads)), self.heads.shape)
        down = np.unravel_index(int(np.argmin(self.heads)), self.heads.shape)
        return (int(up[0]), int(up[1])), (int(down[0]), int(down[1]))


def _final_norm(model: GPT) -> nn.LayerNorm:
    """The final layer norm whose scale the attribution divides out (raises AttributionError without one)."""
    if model.config.norm_placement != "pre" or not isinstance(model.ln_f, nn.LayerNorm):
        raise AttributionError(translate("attribution", "This model normalises after each residual add (post-norm), "
                                                        "so its logit is not a sum of what each part wrote: “why "
                                                        "this token?” needs a pre-norm model (GPT-2's)."))
    return model.ln_f


def _direction(model: GPT, token_id: int) -> tuple[torch.Tensor, float]:
    """γ ⊙ W_U[t] and β · W_U[t]: how a normalised residual becomes token t's logit."""
    norm = _final_norm(model)
    row = model.lm_head.weight[token_id]
    return norm.weight * row, float(norm.bias @ row)


def _share(vectors: torch.Tensor, direction: torch.Tensor, sigma: float) -> torch.Tensor:
    """Each vector's part of the logit: centred (the norm subtracts the mean), scaled by σ, projected."""
    return ((vectors - vectors.mean(dim=-1, keepdim=True)) / sigma) @ direction


@torch.inference_mode()
def attribute(model: GPT, inspection: Inspection, token_id: int) -> Attribution:
    """Direct logit attribution of `token_id` at the prompt's last position (raises AttributionError)."""
    norm = _final_norm(model)
    trace, last = inspection.trace, inspection.n_tokens - 1
    direction, shift = _direction(model, token_id)
    final = torch.as_tensor(inspection.residual[-1, last])
    sigma = float(torch.sqrt(final.var(unbiased=False) + norm.eps))
    L, H, dh = model.config.n_layer, model.config.n_head, model.config.d_head
    heads, ffn, rest = np.zeros((L, H)), np.zeros(L), float(shift)
    for i, (block, layer) in enumerate(zip(model.layers(), trace["layers"])):
        if block.skipped:
            continue  # a skipped block wrote nothing
        outputs = layer["heads_out"][0, :, last].clone()  # (heads, d_head)
        if block.attn.heads_off:
            outputs[list(block.attn.heads_off)] = 0.0
        w = block.attn.proj.weight.view(-1, H, dh).transpose(0, 1)  # (heads, d_model, d_head)
        written = torch.einsum("hd,hmd->hm", outputs, w)             # what each head wrote, (heads, d_model)
        heads[i] = _share(written, direction, sigma).numpy()
        rest += float(_share(block.attn.proj.bias[None], direction, sigma)[0])
        ffn_out = layer["output"][0, last] - layer["after_attention"][0, last]
        ffn[i] = float(_share(ffn_out[None], direction, sigma)[0])
    token = trace["tok_emb"][0, last]
    position = trace["pos_emb"][last] if trace["pos_emb"].dim() == 2 else trace["pos_emb"][0, last]
    return Attribution(token_id=token_id, logit=float(inspection.logits[token_id]),
                       token_embedding=float(_share(token[None], direction, sigma)[0]),
                       position_embedding=float(_share(position[None], direction, sigma)[0]),
                       heads=heads, ffn=ffn, rest=rest, scale=sigma)


@torch.inference_mode()
def source_contributions(model: GPT, inspection: Inspection, attribution: Attribution, layer: int,
                         head: int) -> np.ndarray:
    """(T,) how much each earlier token, through this head, pushed the token: attention weight × the value
    vector's projected share. They add up to the head's cell in `attribution.heads`."""
    _final_norm(model)
    trace, last = inspection.trace, inspection.n_tokens - 1
    if head in model.block(layer).attn.heads_off or model.block(layer).skipped:
        return np.zeros(inspection.n_tokens)
    direction, _ = _direction(model, attribution.token_id)
    layer_trace = trace["layers"][layer]
    H, dh = model.config.n_head, model.config.d_head
    weights = layer_trace["weights"][0, head, last]                        # (T,)
    values = layer_trace["v"][0, head]                                     # (T, d_head)
    w = model.block(layer).attn.proj.weight.view(-1, H, dh)[:, head]       # (d_model, d_head)
    written = weights[:, None] * (values @ w.T)                            # (T, d_model)
    return _share(written, direction, attribution.scale).numpy()
