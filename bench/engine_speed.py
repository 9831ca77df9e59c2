"""Engine latencies on nanoGPT's CPU model (4 layers, 4 heads, d_model 128, context 64):
the inspection pass for a 64-token prompt (target median <= 10 ms), generating 200 tokens
(target <= 0.4 s; nanoGPT without a KV cache: 0.70-0.95 s), and loading + tokenizing a 100 MB text
(target <= 10 s, peak memory printed).

    python bench/engine_speed.py [--corpus-mb 100]
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from playground.core.analysis.inspection import inspect
from playground.core.data.corpus import load_corpus
from playground.core.data.tokenizer import BPETokenizer, CharTokenizer
from playground.core.model.config import GPTConfig
from playground.core.model.model import GPT
from playground.core.model.sampling import SamplingSettings, generate
from playground.core.session.loaded_corpus import tokenize_corpus

CORPUS = Path(__file__).resolve().parents[1] / "assets" / "tinyshakespeare.txt"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus-mb", type=int, default=100)
    args = ap.parse_args()
    text = CORPUS.read_text()
    tok = CharTokenizer.from_text(text)
    model = GPT(GPTConfig(vocab_size=tok.vocab_size, activation="gelu")).eval()
    prompt = tok.encode(text[:64])

    times = []
    for i in range(60):
        t = time.perf_counter()
        inspect(model, prompt)
        if i >= 10:
            times.append(time.perf_counter() - t)
    print(f"inspection pass, 64 tokens: median {statistics.median(times) * 1e3:.2f} ms, "
          f"p95 {sorted(times)[int(0.95 * len(times))] * 1e3:.2f} ms   (target median <= 10 ms)")

    gen_times = []
    for seed in range(5):
        g = torch.Generator().manual_seed(seed)
        t = time.perf_counter()
        out = list(generate(model, tok.encode("\n"), 200, SamplingSettings(), generator=g))
        gen_times.append(time.perf_counter() - t)
        assert len(out) == 200
    print(f"generate 200 tokens (KV cache, sliding window past 64): median {statistics.median(gen_times):.3f} s"
          f"   (target <= 0.4 s)")

    for vocab_size in (512, 4096):
        t = time.perf_counter()
        bpe = BPETokenizer.train(text, vocab_size)
        print(f"byte-level BPE on tiny Shakespeare (1.1 MB), vocabulary {vocab_size}: trained in "
              f"{time.perf_counter() - t:.2f} s, {len(text) / len(bpe.encode(text)):.2f} characters per token "
              f"(target <= 2 s)")

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        chunk = CORPUS.read_bytes()
        with open(big, "wb") as f:
            written = 0
            while written < args.corpus_mb * 1_000_000:
                f.write(chunk)
                written += len(chunk)
        base = peak_rss_mb()
        t = time.perf_counter()
        progress = []
        corpus = load_corpus(big, progress=lambda f, what: progress.append(f))
        t_load = time.perf_counter() - t
        tokenizer = CharTokenizer.from_text(corpus.text, progress=lambda f, what: progress.append(f))
        ids = tokenizer.encode_corpus(corpus.text, progress=lambda f, what: progress.append(f))
        total = time.perf_counter() - t
        print(f"corpus {written / 1e6:.0f} MB: load {t_load:.2f} s, load + vocabulary + tokenize {total:.2f} s "
              f"({len(ids):,} tokens as {ids.dtype}), {len(progress)} progress callbacks   (target <= 10 s)")
        print(f"peak memory: {peak_rss_mb():.0f} MB (process was {base:.0f} MB before loading)")
        del ids, tokenizer
        # the app runs this in its loader thread; the window stays live (the bar shows "learning BPE merges")
        t = time.perf_counter()
        progress.clear()
        data = tokenize_corpus(corpus, "bpe", 512, progress=lambda f, what: progress.append((f, what)))
        print(f"corpus {written / 1e6:.0f} MB with byte-level BPE 512: trained + tokenized in "
              f"{time.perf_counter() - t:.1f} s ({len(data.ids):,} tokens, {data.stats.tokens_per_char:.2f} per "
              f"character), {len(progress)} progress callbacks, peak memory {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
