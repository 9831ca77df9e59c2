"""Training throughput: our trainer against nanoGPT's own model and a GPT from torch's nn.TransformerEncoder.

All train nanoGPT's CPU recipe (4 layers, 4 heads, d_model 128, context 64, batch 12, GELU, AdamW lr 1e-3,
gradients clipped at 1) on tiny Shakespeare, alternating in rounds within one run so machine noise hits
them alike. nanoGPT's `model.py` is imported from `../shared/reference/nanogpt/` beside the project (never
copied in) and trained with its own `configure_optimizers` AdamW (betas 0.9/0.99, weight decay 0.1), as
its CPU recipe runs: fp32, no autocast — and, where this CPU runs bf16 natively, also under bf16 autocast.
Ours runs with its default precision (bf16 mixed precision where the CPU runs bf16 natively, else fp32)
and forced to fp32. Prints the thread count, tokens/s, the ratios, and model FLOPs utilisation against
this machine's fp32 (and bf16) matmul peak measured here.

    python bench/throughput.py [--rounds 5 --steps 30]
"""
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from playground.core.data.corpus import load_corpus
from playground.core.data.tokenizer import CharTokenizer
from playground.core.model.config import GPTConfig
from playground.core.training.settings import TrainSettings, cpu_has_native_bf16
from playground.core.training.trainer import Trainer

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "assets" / "tinyshakespeare.txt"
NANOGPT = ROOT.parent / "shared" / "reference" / "nanogpt" / "model.py"


def load_nanogpt():
    """nanoGPT's model module, imported from the shared reference folder (None when it is not there)."""
    if not NANOGPT.is_file():
        return None
    spec = importlib.util.spec_from_file_location("nanogpt_model", NANOGPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
    # AdamW for the rows compared with nanoGPT's AdamW; Muon (the quick recipe's optimiser) beside them
    settings = TrainSettings(batch_size=12, learning_rate=1e-3, warmup_steps=10, max_steps=10**6, optimizer="adamw")
    ours = Trainer(config, settings, tok, ids)  # bf16 mixed precision where the CPU has it
    ours_fp32 = Trainer(config, replace(settings, precision="fp32"), tok, ids)
    muon_fp32 = Trainer(config, replace(settings, precision="fp32", optimizer="muon"), tok, ids)

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

    nano = load_nanogpt()
    native_bf16 = cpu_has_native_bf16()
    nano_steps = {}
    if nano is not None:
        torch.manual_seed(0)
        with contextlib.redirect_stdout(io.StringIO()):  # it prints its parameter counts
            nano_model = nano.GPT(nano.GPTConfig(block_size=64, vocab_size=tok.vocab_size, n_layer=4, n_head=4,
                                                 n_embd=128, dropout=0.0, bias=False))
            nano_opt = nano_model.configure_optimizers(0.1, 1e-3, (0.9, 0.99), "cpu")

        def nano_step(autocast: bool):
            def step():
                x, y = (t.long().contiguous() for t in ours.dataset.batch("train", 12, gen))  # as its get_batch
                ctx = torch.autocast("cpu", dtype=torch.bfloat16) if autocast else contextlib.nullcontext()
                with ctx:  # nanoGPT's train.py: forward (and the loss) under the autocast context
                    _, loss = nano_model(x, y)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(nano_model.parameters(), 1.0)
                nano_opt.step()
                nano_opt.zero_grad(set_to_none=True)
            return step
        nano_steps["nanoGPT (fp32, as shipped)"] = nano_step(False)
        if native_bf16:  # without native bf16 the autocast run is ~10× slower: not a comparison worth making
            nano_steps["nanoGPT (bf16 autocast)"] = nano_step(True)

    def timed(fn, n):
        out = []
        for _ in range(n):
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
        return out

    timed(ours.train_step, 5), timed(ours_fp32.train_step, 5), timed(muon_fp32.train_step, 5), timed(ref_step, 5)
    for step in nano_steps.values():
        timed(step, 5)
    ours_times, fp32_times, muon_times, ref_times = [], [], [], []
    nano_times = {name: [] for name in nano_steps}
    for _ in range(args.rounds):
        ours_times += timed(ours.train_step, args.steps)
        fp32_times += timed(ours_fp32.train_step, args.steps)
        muon_times += timed(muon_fp32.train_step, args.steps)
        ref_times += timed(ref_step, args.steps)
        for name, step in nano_steps.items():
            nano_times[name] += timed(step, args.steps)

    tokens = 12 * 64
    ours_tps = tokens / statistics.median(ours_times)
    fp32_tps = tokens / statistics.median(fp32_times)
    ref_tps = tokens / statistics.median(ref_times)
    n_params = sum(p.numel() for p in ours.model.parameters())
    flops_per_token = 6 * n_params + 12 * config.n_layer * config.d_model * config.context_length
    peak = matmul_peak_gflops()
    mfu = ours_tps * flops_per_token / (peak * 1e9)
    print(f"threads                 {torch.get_num_threads()} torch threads, {torch.get_num_interop_threads()} "
          f"inter-op; native bf16 on this CPU: {'yes' if native_bf16 else 'no (AVX512-BF16/AMX missing)'}; "
          f"activation {args.activation} (all)")
    print(f"parameters              {n_params / 1e6:.2f} M")
    bf16_peak = matmul_peak_gflops(dtype=torch.bfloat16)
    print(f"ours ({ours.precision} math)  median step {statistics.median(ours_times) * 1e3:6.1f} ms   "
          f"{ours_tps:8.0f} tokens/s   <- the trainer's default")
    print(f"ours (fp32 math)  median step {statistics.median(fp32_times) * 1e3:6.1f} ms   {fp32_tps:8.0f} tokens/s")
    muon_tps = tokens / statistics.median(muon_times)
    print(f"ours, Muon (fp32) median step {statistics.median(muon_times) * 1e3:6.1f} ms   {muon_tps:8.0f} tokens/s   "
          f"{muon_tps / fp32_tps:.2f}x of AdamW's a step (it needs ~55 % of the steps: bench/time_to_quality.py)")
    print(f"reference (fp32)  median step {statistics.median(ref_times) * 1e3:6.1f} ms   {ref_tps:8.0f} tokens/s")
    print(f"ratio ours/reference    {ours_tps / ref_tps:.2f}x   (target >= 1.3x); fp32 against fp32: "
          f"{fp32_tps / ref_tps:.2f}x")
    if nano is None:
        print(f"nanoGPT                 not found at {NANOGPT}: its comparison is skipped")
    for name, times in nano_times.items():
        tps = tokens / statistics.median(times)
        target = "1.8x (bf16 machine) / 1.1x in fp32" if "fp32" in name else "1.5x"
        print(f"{name:<24}median step {statistics.median(times) * 1e3:6.1f} ms   {tps:8.0f} tokens/s   "
              f"ours ({ours.precision}) / it: {ours_tps / tps:.2f}x, ours fp32 / it: {fp32_tps / tps:.2f}x "
              f"(target >= {target})")
    if nano is not None and not native_bf16:
        print("nanoGPT (bf16 autocast)  skipped: this CPU has no native bf16, where autocast is ~10× slower")
    print(f"matmul peak             fp32 {peak:.0f} GFLOP/s, bf16 {bf16_peak:.0f} GFLOP/s (1024^3, best of 20)")
    print(f"model FLOPs utilisation {mfu:.0%} of the fp32 peak (target >= 55%; nanoGPT ~42%); "
          f"fp32 math alone: {fp32_tps * flops_per_token / (peak * 1e9):.0%}"
          + (f"; of the bf16 peak: {ours_tps * flops_per_token / (bf16_peak * 1e9):.0%}"
             if ours.precision == "bf16" else ""))


if __name__ == "__main__":
    main()
