"""A GPT-2-small-shaped model in the playground: how long it takes to open, to inspect a typed prompt (the
bars and all 144 attention maps), to write 50 tokens with the KV cache, and how much memory it holds.

No model can be downloaded here, so the bench builds GPT-2 small's exact shape (12 layers × 12 heads,
d_model 768, context 1024, vocabulary 50,257) with random weights through `transformers` and saves it as
a Hugging Face folder first; the timings depend on the shape, not on the values. Targets (issue #25, 2
cores, fp32): open ≤ 5 s, keystroke → bars + 144 maps ≤ 150 ms p95 for 32 tokens, 50 tokens ≤ 3 s,
≤ 1.5 GB resident.

    python bench/pretrained_speed.py [--layers 12 --keep FOLDER]
"""
from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from playground.core.analysis.inspection import inspect
from playground.core.data.tokenizer import BPETokenizer
from playground.core.model.sampling import SamplingSettings, generate
from playground.core.storage.pretrained import load_pretrained
from playground.core.training.settings import cpu_has_native_bf16

CORPUS = Path(__file__).resolve().parents[1] / "assets" / "tinyshakespeare.txt"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(folder: Path, layers: int) -> None:
    import transformers

    text = CORPUS.read_text(encoding="utf-8")
    tokenizer = BPETokenizer.train(text, 50_257)  # the shape of GPT-2's vocabulary (its merges are not here)
    config = transformers.GPT2Config(vocab_size=50_257, n_positions=1024, n_embd=768, n_layer=layers, n_head=12)
    transformers.GPT2LMHeadModel(config).save_pretrained(folder)
    (folder / "tokenizer.json").write_text(tokenizer.hf_tokenizer.to_str(), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--layers", type=int, default=12)
    ap.add_argument("--keep", type=Path, help="build the folder here (kept), or reuse it if it exists")
    ap.add_argument("--rounds", type=int, default=40)
    ap.add_argument("--build-only", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.build_only:
        build(args.build_only, args.layers)
        return
    print(f"torch {torch.__version__} · {torch.get_num_threads()} threads · native bf16: {cpu_has_native_bf16()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "gpt2-shaped"
        if not (folder / "config.json").exists():
            started = time.perf_counter()
            # in another process: building through transformers must not count in this one's memory
            subprocess.run([sys.executable, __file__, "--build-only", str(folder), "--layers", str(args.layers)],
                           check=True)
            print(f"built a random GPT-2-shaped folder in {time.perf_counter() - started:.1f} s (not timed below)")
        base = peak_rss_mb()
        started = time.perf_counter()
        opened = load_pretrained(folder)
        open_s = time.perf_counter() - started
        model, tokenizer = opened.model, opened.tokenizer
        print(f"open: {open_s:.2f} s (target ≤ 5 s) · {opened.config.n_params() / 1e6:.0f} M parameters")

        prompt = "ROMEO:\nBut soft, what light through yonder window breaks? It is the east, and Juliet is"
        ids = tokenizer.encode_prompt(prompt).ids[:32]
        ids += [ids[-1]] * (32 - len(ids))
        inspect(model, ids)  # warm-up
        times = []
        for i in range(args.rounds):  # a keystroke: one more character, the whole prompt inspected again
            started = time.perf_counter()
            result = inspect(model, ids[: 32 - (i % 2)])
            times.append((time.perf_counter() - started) * 1000)
        maps = len(result.attention) * result.attention[0].shape[0]
        p95 = sorted(times)[int(0.95 * len(times)) - 1]
        print(f"keystroke → bars + {maps} attention maps, 32 tokens: median {statistics.median(times):.0f} ms, "
              f"p95 {p95:.0f} ms (target ≤ 150 ms)")

        started = time.perf_counter()
        out = list(generate(model, ids, 50, SamplingSettings(greedy=True)))
        gen_s = time.perf_counter() - started
        print(f"50 generated tokens with the KV cache: {gen_s:.2f} s (target ≤ 3 s) · {len(out)} tokens")
        print(f"peak resident memory: {peak_rss_mb():,.0f} MB (target ≤ 1,500 MB; {base:,.0f} MB before opening)")


if __name__ == "__main__":
    main()
