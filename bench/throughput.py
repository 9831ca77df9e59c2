"""Training throughput: our trainer vs. a GPT built only from torch's nn.TransformerEncoder.

Both train nanoGPT's CPU recipe (4 layers, 4 heads, d_model 128, context 64, batch 12) on tiny
Shakespeare, alternating in rounds within one run so machine noise hits both alike. Ours runs twice: with
its default precision (bf16 mixed precision where the CPU runs bf16 natively, else fp32) and forced to
fp32; the reference is stock fp32. Prints tokens/s, the ratios, and model FLOPs utilisation against this
machine's fp32 (and bf16) matmul peak measured here.

    python bench/throughput.py [--rounds 5 --steps 30]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from playground.core.config import GPTConfig  # noqa: E402
from playground.core.corpus import load_corpus  # noqa: E402
from playground.core.tokenizer import CharTokenizer  # noqa: E402
from playground.core.trainer import Trainer, TrainSettings  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "assets" / "tinyshakespeare.txt"


class ReferenceGPT(nn.Module):
    """The same sizes from stock torch parts: nn.TransformerEncoder with a causal mask, pre-norm, GELU."""

    def __init__(self, vocab: int, context: int, layers: int, heads: int, d_model: int, activation: str):
        super().__init__()
        self.tok = nn.Embedding(vocab, d_model)
        self.pos = nn.Embedding(context, d_model)
        layer = nn.TransformerEncoderLayer(d_model, heads, 4 * d_model, dropout=0.0, activation=activation,
                                           batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.ln = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab, bias=False)
        self.register_buffer("mask", nn.Transformer.generate_square_subsequent_mask(context))

    def forward(self, idx, targets):
        x = self.tok(idx) + self.pos(torch.arange(idx.size(1)))
        x = self.encoder(x, mask=self.mask, is_causal=True)
        logits = self.head(self.ln(x))
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.reshape(-1))


def matmul_peak_gflops(n: int = 1024, repeats: int = 20, dtype=torch.float32) -> float:
    a, b = torch.randn(n, n, dtype=dtype), torch.randn(n, n, dtype=dtype)
    for _ in range(3):
        a @ b
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        a @ b
        times.append(time.perf_counter() - t)
    return 2 * n ** 3 / min(times) / 1e9


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--activation", choices=["gelu", "relu"], default="gelu", help="used by both models")
    args = ap.parse_args()

    corpus = load_corpus(CORPUS)
    tok = CharTokenizer.from_text(corpus.text)
    ids = tok.encode_corpus(corpus.text)
    config = GPTConfig(vocab_size=tok.vocab_size, context_length=64, n_layer=4, n_head=4, d_model=128,
                       activation=args.activation)
    settings = TrainSettings(batch_size=12, learning_rate=1e-3, warmup_steps=10, max_steps=10**6)
    ours = Trainer(config, settings, tok, ids)  # the default: bf16 mixed precision where the CPU has it
    ours_fp32 = Trainer(config, replace(settings, precision="fp32"), tok, ids)

    torch.manual_seed(0)
    ref = ReferenceGPT(tok.vocab_size, 64, 4, 4, 128, args.activation)
    ref_opt = torch.optim.AdamW(ref.parameters(), lr=1e-3)
    gen = torch.Generator().manual_seed(0)

    def ref_step():
        x, y = ours.dataset.batch("train", 12, gen)
        loss = ref(x, y)
        ref_opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(ref.parameters(), 1.0)
        ref_opt.step()

    def timed(fn, n):
        out = []
        for _ in range(n):
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
        return out

    timed(ours.train_step, 5), timed(ours_fp32.train_step, 5), timed(ref_step, 5)  # warm-up
    ours_times, fp32_times, ref_times = [], [], []
    for _ in range(args.rounds):
        ours_times += timed(ours.train_step, args.steps)
        fp32_times += timed(ours_fp32.train_step, args.steps)
        ref_times += timed(ref_step, args.steps)

    tokens = 12 * 64
    ours_tps = tokens / statistics.median(ours_times)
    fp32_tps = tokens / statistics.median(fp32_times)
    ref_tps = tokens / statistics.median(ref_times)
    n_params = sum(p.numel() for p in ours.model.parameters())
    flops_per_token = 6 * n_params + 12 * config.n_layer * config.d_model * config.context_length
    peak = matmul_peak_gflops()
    mfu = ours_tps * flops_per_token / (peak * 1e9)
    print(f"threads                 {torch.get_num_threads()}   activation {args.activation} (both)")
    print(f"parameters              {n_params / 1e6:.2f} M")
    bf16_peak = matmul_peak_gflops(dtype=torch.bfloat16)
    print(f"ours ({ours.precision} math)  median step {statistics.median(ours_times) * 1e3:6.1f} ms   "
          f"{ours_tps:8.0f} tokens/s   <- the trainer's default")
    print(f"ours (fp32 math)  median step {statistics.median(fp32_times) * 1e3:6.1f} ms   {fp32_tps:8.0f} tokens/s")
    print(f"reference (fp32)  median step {statistics.median(ref_times) * 1e3:6.1f} ms   {ref_tps:8.0f} tokens/s")
    print(f"ratio ours/reference    {ours_tps / ref_tps:.2f}x   (target >= 1.3x); fp32 against fp32: "
          f"{fp32_tps / ref_tps:.2f}x")
    print(f"matmul peak             fp32 {peak:.0f} GFLOP/s, bf16 {bf16_peak:.0f} GFLOP/s (1024^3, best of 20)")
    print(f"model FLOPs utilisation {mfu:.0%} of the fp32 peak (target >= 55%; nanoGPT ~42%); "
          f"fp32 math alone: {fp32_tps * flops_per_token / (peak * 1e9):.0%}"
          + (f"; of the bf16 peak: {ours_tps * flops_per_token / (bf16_peak * 1e9):.0%}"
             if ours.precision == "bf16" else ""))


if __name__ == "__main__":
    main()
