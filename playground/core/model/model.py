"""A decoder-only GPT in one readable file, in the spirit of nanoGPT's model.py.

Each piece of the Transformer is one small class. Every forward takes an optional `trace` dict: when
given, the piece computes the same result the explicit way (softmax(QKᵀ/√d_k)·V instead of the fused
kernel) and records its intermediate tensors, which is what the app's inspection views show.
Training passes no trace and gets the fast path.
"""
from __future__ import annotations

import math
from typing import cast

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..words import translate
from .config import GPTConfig


class KVCache:
    """Keys and values of positions already processed, so generation feeds one new token per step."""

    def __init__(self, n_layer: int):
        self.keys: list[torch.Tensor | None] = [None] * n_layer
        self.values: list[torch.Tensor | None] = [None] * n_layer

    def __len__(self) -> int:
        return 0 if self.keys[0] is None else self.keys[0].size(2)

    def extend(self, layer: int, k: torch.Tensor, v: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        old_k, old_v = self.keys[layer], self.values[layer]
        if old_k is not None and old_v is not None:
            k, v = torch.cat([old_k, k], dim=2), torch.cat([old_v, v], dim=2)
        self.keys[layer], self.values[layer] = k, v
        return k, v


def _attention(q, k, v, is_causal: bool, dropout_p: float):
    """The fused kernel, in fp32 even under bf16 autocast: its CPU backward is six times slower in bf16,
    and the attention core is a sliver of the step's FLOPs (the projections around it are the bulk)."""
    if q.device.type == "cpu" and torch.is_autocast_enabled("cpu"):
        with torch.autocast("cpu", enabled=False):
            return F.scaled_dot_product_attention(q.float(), k.float(), v.float(), is_causal=is_causal,
                                                  dropout_p=dropout_p)
    return F.scaled_dot_product_attention(q, k, v, is_causal=is_causal, dropout_p=dropout_p)


class ResidualProjection(nn.Linear):
    """A sublayer's last linear map, the one that writes into the residual stream: GPT-2 initialises it
    smaller, since 2 × layers of them add up there."""


class CausalSelfAttention(nn.Module):
    """Multi-head masked self-attention: each position mixes the values of itself and earlier positions."""

    def __init__(self, config: GPTConfig, layer: int):
        super().__init__()
        self.layer, self.n_head, self.d_head = layer, config.n_head, config.d_head
        self.qkv = nn.Linear(config.d_model, 3 * config.d_model)  # Q, K and V of all heads in one matmul
        self.proj = ResidualProjection(config.d_model, config.d_model)  # mixes the concatenated heads
        self.dropout = config.dropout
        self.causal = config.causal
        self.heads_off: tuple[int, ...] = ()  # ablation: these heads' outputs are zeroed before the projection

    def forward(self, x, trace: dict | None = None, cache: KVCache | None = None):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=2)
        q, k, v = (t.view(B, T, self.n_head, self.d_head).transpose(1, 2) for t in (q, k, v))  # (B, nh, T, dh)
        if cache is not None:
            k, v = cache.extend(self.layer, k, v)
        if trace is None:
            # the fused kernel never materialises the T×T matrix; with a cache, T==1 needs no mask
            if cache is not None and T > 1 and k.size(2) != T:  # a programming error, not a user's
                raise ValueError("a cached prefill must start from an empty cache")
            y = _attention(q, k, v, is_causal=T > 1 and self.causal,
                           dropout_p=self.dropout if self.training else 0.0)
        else:
            scores = (q @ k.transpose(-2, -1)) / math.sqrt(self.d_head)
            S = k.size(2)
            mask = torch.ones(T, S, dtype=torch.bool, device=x.device)
            if self.causal:
                mask = mask.tril(diagonal=S - T)
            weights = scores.masked_fill(~mask, float("-inf")).softmax(dim=-1)
            y = weights @ v
            trace.update(q=q, k=k, v=v, scores=scores, mask=mask, weights=weights, heads_out=y)
        if self.heads_off:
            y = y.clone()
            y[:, list(self.heads_off)] = 0.0
        y = y.transpose(1, 2).contiguous().view(B, T, C)  # concatenate the heads
        y = self.proj(y)
        if trace is not None:
            trace["concat"] = y
        return F.dropout(y, self.dropout, self.training) if self.dropout else y


class FeedForward(nn.Module):
    """Position-wise max(0, xW₁+b₁)W₂+b₂ (or GELU): where most of a block's parameters live."""

    def __init__(self, config: GPTConfig):
        super().__init__()
        self.fc = nn.Linear(config.d_model, config.d_ff)
        # exact GELU: its CPU kernel is the faster; GPT-2's tanh approximation ("gelu_tanh") is for pretrained GPT-2s
        self.act = {"gelu": nn.GELU(), "gelu_tanh": nn.GELU(approximate="tanh"), "relu": nn.ReLU()}[config.activation]
        self.out = ResidualProjection(config.d_ff, config.d_model)
        self.dropout = config.dropout

    def forward(self, x, trace: dict | None = None):
        h = self.act(self.fc(x))
        if trace is not None:
            trace["ffn_hidden"] = h
        y = self.out(h)
        return F.dropout(y, self.dropout, self.training) if self.dropout else y


class Block(nn.Module):
    """Attention then feed-forward, each wrapped in a residual connection and a layer norm."""

    def __init__(self, config: GPTConfig, layer: int):
        super().__init__()
        self.pre_norm = config.norm_placement == "pre"
        self.ln1 = nn.LayerNorm(config.d_model, eps=config.norm_eps)
        self.attn = CausalSelfAttention(config, layer)
        self.ln2 = nn.LayerNorm(config.d_model, eps=config.norm_eps)
        self.ffn = FeedForward(config)
        self.skipped = False  # ablation: the block passes the residual stream through untouched

    def forward(self, x, trace: dict | None = None, cache: KVCache | None = None):
        if self.skipped and trace is None:
            if cache is not None:  # keep the cache's positions in step with the other layers
                B, T, _ = x.shape
                empty = x.new_zeros(B, self.attn.n_head, T, self.attn.d_head)
                cache.extend(self.attn.layer, empty, empty)
            return x
        x_in = x
        if self.pre_norm:  # GPT-2: normalise the sublayer's input, keep the residual path clean
            x = x + self.attn(self.ln1(x), trace, cache)
            if trace is not None:
                trace["after_attention"] = x
            x = x + self.ffn(self.ln2(x), trace)
        else:  # the 2017 paper: LayerNorm(x + Sublayer(x))
            x = self.ln1(x + self.attn(x, trace, cache))
            if trace is not None:
                trace["after_attention"] = x
            x = self.ln2(x + self.ffn(x, trace))
        # a skipped block (ablation) still shows what it would have attended to, and changes nothing
        return x_in if self.skipped else x


def sinusoidal_encoding(length: int, d_model: int) -> torch.Tensor:
    """PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(...), as in "Attention Is All You Need"."""
    position = torch.arange(length, dtype=torch.float32)[:, None]
    div = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float32) * (-math.log(10000.0) / d_model))
    pe = torch.zeros(length, d_model)
    pe[:, 0::2] = torch.sin(position * div)
    pe[:, 1::2] = torch.cos(position * div)[:, : d_model // 2]
    return pe


class GPT(nn.Module):
    def __init__(self, config: GPTConfig):
        super().__init__()
        self.config = config
        self.tok_emb = nn.Embedding(config.vocab_size, config.d_model)
        if config.positional == "learned":
            self.pos_emb = nn.Parameter(torch.zeros(config.context_length, config.d_model))
        elif config.positional == "none":  # a bag of tokens: zeros, so every view still has a position term
            self.register_buffer("pos_emb", torch.zeros(config.context_length, config.d_model), persistent=False)
        else:
            self.register_buffer("pos_emb", sinusoidal_encoding(config.context_length, config.d_model),
                                 persistent=False)
        self.blocks = nn.ModuleList(Block(config, i) for i in range(config.n_layer))
        # post-norm blocks already end in a norm; pre-norm needs one before the output projection
        self.ln_f = nn.LayerNorm(config.d_model, eps=config.norm_eps) if config.norm_placement == "pre" else nn.Identity()
        self.lm_head = nn.Linear(config.d_model, config.vocab_size, bias=False)
        if config.tie_embeddings:
            self.lm_head.weight = self.tok_emb.weight
        for module in self.modules():  # in the order they were made: a seed gives the same model as ever
            self._init_weights(module)

    def _init_weights(self, module: nn.Module) -> None:
        """GPT-2's initialisation, by kind of module (as nanoGPT's): N(0, 0.02) for linear maps, embeddings
        and learned positions — smaller for the projections into the residual stream — zero biases, unit
        norm gains."""
        if module is self and isinstance(self.pos_emb, nn.Parameter):
            nn.init.normal_(self.pos_emb, 0.0, 0.02)
        elif isinstance(module, nn.Linear) and module.weight is not self.tok_emb.weight:  # a tied head is the embedding
            scale = math.sqrt(2 * self.config.n_layer) if isinstance(module, ResidualProjection) else 1.0
            nn.init.normal_(module.weight, 0.0, 0.02 / scale)
            if module.bias is not None:
                nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Embedding):
            nn.init.normal_(module.weight, 0.0, 0.02)
        elif isinstance(module, nn.LayerNorm):
            nn.init.ones_(module.weight)
            nn.init.zeros_(module.bias)

    positions_off = False  # ablation: drop the positional encoding at inference

    def block(self, layer: int) -> Block:
        """Block `layer` (a ModuleList's items are plain Modules to a type checker)."""
        return cast(Block, self.blocks[layer])

    def layers(self) -> list[Block]:
        return [self.block(i) for i in range(len(self.blocks))]

    def embed(self, idx: torch.Tensor, start: int = 0) -> torch.Tensor:
        if self.positions_off:
            return self.tok_emb(idx)
        return self.tok_emb(idx) + self.pos_emb[start:start + idx.size(1)]

    def forward(self, idx: torch.Tensor, targets: torch.Tensor | None = None,
                cache: KVCache | None = None):
        """Logits for every position, and the mean cross-entropy when targets are given."""
        start = len(cache) if cache is not None else 0
        if start + idx.size(1) > self.config.context_length:
            raise ValueError(translate("model", "{value} tokens exceed the context length {context_length}; "
                                                "crop the prompt first").format(value=start + idx.size(1), context_length=self.config.context_length))
        x = self.embed(idx, start)
        for block in self.blocks:
            x = block(x, cache=cache)
        logits = self.lm_head(self.ln_f(x))
        if targets is None:
            return logits, None
        loss = F.cross_entropy(logits.view(-1, logits.size(-1)), targets.reshape(-1))
        return logits, loss

    def forward_traced(self, idx: torch.Tensor) -> tuple[torch.Tensor, dict]:
        """One explicit pass over a single prompt, returning logits and every intermediate tensor."""
        if idx.size(0) != 1 or idx.size(1) > self.config.context_length:
            raise ValueError(translate("model", "The inspection pass reads one prompt of at most {context_length} "
                                                "tokens (got {count}); crop the prompt first.").format(
                context_length=self.config.context_length, count=idx.size(1)))
        positions = self.pos_emb[: idx.size(1)] * (0.0 if self.positions_off else 1.0)
        trace: dict = {"tok_emb": self.tok_emb(idx), "pos_emb": positions, "layers": []}
        x = trace["tok_emb"] + trace["pos_emb"]
        trace["embedded"] = x
        for block in self.blocks:
            layer_trace = {"input": x}
            x = block(x, layer_trace)
            layer_trace["output"] = x
            trace["layers"].append(layer_trace)
        trace["final_norm"] = self.ln_f(x)
        logits = self.lm_head(trace["final_norm"])
        return logits, trace

    def logit_lens(self, residual: torch.Tensor) -> torch.Tensor:
        """What the model would predict if it stopped at this residual state (final norm + unembedding)."""
        return self.lm_head(self.ln_f(residual))

    def optimizer_groups(self, weight_decay: float) -> list[dict]:
        """Decay matrices (and embeddings), never biases or norm gains, as nanoGPT does."""
        params = [p for p in self.parameters() if p.requires_grad]
        decay = [p for p in params if p.dim() >= 2]
        no_decay = [p for p in params if p.dim() < 2]
        return [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
