"""What the "what did my model learn" features cost: the n-gram baselines of a text (counted in a
background thread when a text is loaded) and the copy check of a 300-character sample (targets: a 1 MB
text answers in <= 50 ms, a 100 MB text in <= 1 s), with a plain-Python search on the 1 MB text as the
reference, measured in the same run.

The 100 MB text is tiny Shakespeare's lines shuffled anew for every copy: lines repeat, passages do not,
as in a large real text (repeating the whole file would make every sample a long copy).

    python bench/yardsticks.py [--corpus-mb 100]
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from playground.core.analysis.baselines import ngram_baselines
from playground.core.data.copies import CopyIndex
from playground.core.data.corpus import Corpus
from playground.core.data.split import split_point
from playground.core.session.loaded_corpus import tokenize_corpus

CORPUS = Path(__file__).resolve().parents[1] / "assets" / "tinyshakespeare.txt"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def samples(text: str, n: int, rng: random.Random) -> list[str]:
    """Half made-up (words of the text in a random order, as a young model writes), half with a copied passage."""
    words = text.split()
    out = []
    for i in range(n):
        made_up = " ".join(rng.choice(words) for _ in range(80))[:300]
        if i % 2:
            start = rng.randrange(len(text) - 200)
            made_up = made_up[:100] + text[start:start + 200]
        out.append(made_up[:300])
    return out


def naive_longest_copy(sample: str, text: str) -> int:
    best = 0
    for i in range(len(sample)):
        while i + best < len(sample) and sample[i:i + best + 1] in text:
            best += 1
    return best


def copy_check(name: str, text: str, queries: list[str], reference: float | None = None) -> None:
    index, build_s = timed(lambda: CopyIndex(text))
    times = []
    for q in queries:
        _, seconds = timed(lambda q=q: index.report(q))
        times.append(seconds)
    median, worst = statistics.median(times), max(times)
    line = (f"copy check, {name}: index built in {build_s:.2f} s; a 300-character sample answers in "
            f"{median * 1000:.1f} ms median, {worst * 1000:.1f} ms worst of {len(times)}")
    if reference:
        line += f" · plain-Python search {reference * 1000:.0f} ms: {reference / median:.0f}× faster"
    print(line, flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus-mb", type=int, default=100)
    args = ap.parse_args()
    rng = random.Random(0)
    text = CORPUS.read_text(encoding="utf-8")
    for kind in ("char", "bpe"):
        data = tokenize_corpus(Corpus.from_text(text, "tinyshakespeare.txt"), kind, 512)
        b, seconds = timed(lambda data=data: ngram_baselines(data.ids, data.tokenizer.vocab_size,
                                                             tokens_per_char=data.split.tokens_per_char))
        print(f"baselines, 1 MB, {kind}: {seconds:.2f} s · {b.line()}", flush=True)
    train = text[:split_point(len(text))]  # characters are tokens here: the trainer's training part
    queries = samples(train, 20, rng)
    _, naive_s = timed(lambda: [naive_longest_copy(q, train) for q in queries[:4]])
    copy_check("1 MB", train, queries, reference=naive_s / 4)

    lines = text.split("\n")
    copies = []
    size = 0
    while size < args.corpus_mb * 1_000_000:
        rng.shuffle(lines)
        copies.append("\n".join(lines))
        size += len(copies[-1]) + 1
    big = "\n".join(copies)
    del copies
    raw = np.frombuffer(big.encode("ascii"), dtype=np.uint8)  # tiny Shakespeare is ASCII: a byte per character
    present = np.flatnonzero(np.bincount(raw, minlength=256))
    table = np.zeros(256, dtype=np.uint8)
    table[present] = np.arange(len(present))
    ids = table[raw]  # the character tokenizer's ids: one per distinct character
    del raw
    b, seconds = timed(lambda: ngram_baselines(ids, len(present)))
    print(f"baselines, {len(big) / 1e6:.0f} MB, char: {seconds:.2f} s · {b.line()} · peak memory "
          f"{peak_rss_mb():,.0f} MB", flush=True)
    copy_check(f"{len(big) / 1e6:.0f} MB", big[:int(len(big) * 0.9)], samples(big, 20, rng))
    print(f"peak memory {peak_rss_mb():,.0f} MB", flush=True)


if __name__ == "__main__":
    main()
