"""Muon for the blocks' weight matrices, AdamW for everything else, in one optimizer.

Muon (Keller Jordan, 2024) keeps a Nesterov momentum of each matrix's gradient and replaces it by the
nearest orthogonal matrix before stepping, so every direction of the matrix learns at a similar rate
instead of a few large ones dominating. The orthogonalisation is a quintic Newton–Schulz iteration.
`torch.optim.Muon` runs it in bf16, which a CPU without native bf16 (most laptops, and our machines)
emulates at ~1 GFLOP/s: a step became ~10× slower. Here it runs in fp32, or bf16 where the hardware has
it natively. Embeddings, the (tied) output head, biases and layer norms keep AdamW, as Muon's authors do.
"""
from __future__ import annotations

import math

import torch

from ..model.model import GPT

# the quintic's coefficients, chosen to push singular values towards 1 fast (from Muon's reference code)
NS_COEFFICIENTS = (3.4445, -4.7750, 2.0315)
# Muon's update has RMS ≈ 1/√max(rows, cols); this scale brings it to AdamW's typical RMS (~0.2), so the
# same learning rate and weight decay mean about the same step for both kinds of weights
RMS_MATCH = 0.2


def newton_schulz(grad: torch.Tensor, steps: int = 5, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """An approximately orthogonal matrix with the same row and column spaces as `grad` (U·Vᵀ of its SVD)."""
    a, b, c = NS_COEFFICIENTS
    x = grad.to(dtype)
    tall = x.size(0) > x.size(1)
    if tall:  # iterate on the smaller Gram matrix
        x = x.mT
    x = x / (x.norm() + 1e-7)  # singular values ≤ 1, where the iteration converges
    for _ in range(steps):
        gram = x @ x.mT
        x = a * x + (b * gram + c * gram @ gram) @ x
    return (x.mT if tall else x).to(grad.dtype)


class MuonWithAdamW(torch.optim.Optimizer):
    """Parameter groups with `muon=True` step with Muon, the others with AdamW (decoupled weight decay)."""

    def __init__(self, groups: list[dict], lr: float, weight_decay: float = 0.1, momentum: float = 0.95,
                 ns_steps: int = 5, betas: tuple[float, float] = (0.9, 0.95), eps: float = 1e-8,
                 ns_dtype: torch.dtype = torch.float32):
        defaults = dict(lr=lr, weight_decay=weight_decay, momentum=momentum, ns_steps=ns_steps, betas=betas,
                        eps=eps, muon=False)
        super().__init__(groups, defaults)
        self.ns_dtype = ns_dtype

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            if group["muon"]:
                self._muon(group)
            else:
                self._adamw(group)

    def _muon(self, group: dict) -> None:
        lr, decay, beta = group["lr"], group["weight_decay"], group["momentum"]
        params = [p for p in group["params"] if p.grad is not None]
        if not params:
            return
        grads = [p.grad for p in params]
        buffers = [self.state[p].setdefault("momentum_buffer", torch.zeros_like(p)) for p in params]
        torch._foreach_lerp_(buffers, grads, 1 - beta)
        nesterov = torch._foreach_lerp(grads, buffers, beta)
        updates = [newton_schulz(g, group["ns_steps"], self.ns_dtype) for g in nesterov]
        torch._foreach_mul_(params, 1 - lr * decay)
        for p, update in zip(params, updates):
            p.add_(update, alpha=-lr * RMS_MATCH * math.sqrt(max(p.size(0), p.size(1))))

    def _adamw(self, group: dict) -> None:
        """AdamW over the whole group at once (foreach): the same arithmetic as torch's, in a few kernels."""
        lr, decay, (beta1, beta2), eps = group["lr"], group["weight_decay"], group["betas"], group["eps"]
        params = [p for p in group["params"] if p.grad is not None]
        if not params:
            return
        for p in params:
            state = self.state[p]
            if "step" not in state:
                state["step"] = torch.zeros((), dtype=torch.float32)
                state["exp_avg"] = torch.zeros_like(p)
                state["exp_avg_sq"] = torch.zeros_like(p)
            state["step"] += 1
        step = float(self.state[params[0]]["step"])  # every parameter of a group steps together
        grads = [p.grad for p in params]
        exp_avgs = [self.state[p]["exp_avg"] for p in params]
        exp_avg_sqs = [self.state[p]["exp_avg_sq"] for p in params]
        torch._foreach_lerp_(exp_avgs, grads, 1 - beta1)
        torch._foreach_mul_(exp_avg_sqs, beta2)
        torch._foreach_addcmul_(exp_avg_sqs, grads, grads, 1 - beta2)
        denominators = torch._foreach_div(exp_avg_sqs, 1 - beta2 ** step)
        torch._foreach_sqrt_(denominators)
        torch._foreach_add_(denominators, eps)
        if decay:
            torch._foreach_mul_(params, 1 - lr * decay)
        torch._foreach_addcdiv_(params, exp_avgs, denominators, -lr / (1 - beta1 ** step))


def muon_groups(model: GPT, weight_decay: float) -> list[dict]:
    """The blocks' matrices for Muon; embeddings and head (decayed), biases and norms (not) for AdamW."""
    blocks = {id(p) for p in model.blocks.parameters() if p.dim() >= 2}
    params = [p for p in model.parameters() if p.requires_grad]
    return [{"params": [p for p in params if id(p) in blocks], "muon": True, "weight_decay": weight_decay},
            {"params": [p for p in params if id(p) not in blocks and p.dim() >= 2], "weight_decay": weight_decay},
            {"params": [p for p in params if p.dim() < 2], "weight_decay": 0.0}]
