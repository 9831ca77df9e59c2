"""Heads that name themselves: what each attention head does, measured on the user's own model.

For every layer × head, scores in [0, 1] — the attention mass a query puts on a particular key,
averaged over the queries of a stretch of text:

- previous-token: on position i − 1;
- first-token: on position 0 (a head with nothing to do often rests there);
- self: on position i itself;
- induction: on a random token sequence repeated twice, from a token in the second copy onto the token
  right after its first occurrence (TransformerLens's definition) — the head that lets a model continue
  a pattern it has seen earlier in the context;

and the attention entropy in bits (0: all on one key; log2 of the keys seen: spread evenly).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from ..model.model import GPT
from ..words import QT_TRANSLATE_NOOP
from .inspection import inspect

KINDS = (QT_TRANSLATE_NOOP("heads", "previous-token"), QT_TRANSLATE_NOOP("heads", "first-token"),
         QT_TRANSLATE_NOOP("heads", "self"), QT_TRANSLATE_NOOP("heads", "induction"))
EXPLANATIONS = {  # the labels "focused", "spread out", "mixed" are marked in HeadScores.label
    "previous-token": QT_TRANSLATE_NOOP("heads", "looks at the token just before: it copies what came one step back into this position."),
    "first-token": QT_TRANSLATE_NOOP("heads", "rests on the first token of the context: a head with nothing useful to do often parks there."),
    "self": QT_TRANSLATE_NOOP("heads", "looks at its own position: it mostly passes this token's own information along."),
    "induction": QT_TRANSLATE_NOOP("heads", "finds an earlier occurrence of the current token and looks at what followed it — how a model "
                 "continues a pattern it has seen before in the context."),
    "focused": QT_TRANSLATE_NOOP("heads", "puts its attention on one or two earlier tokens chosen by what they are (say, the last space or "
               "line break), not by where they are."),
    "spread out": QT_TRANSLATE_NOOP("heads", "spreads its attention over many tokens: it averages the context rather than picking one place."),
    "mixed": QT_TRANSLATE_NOOP("heads", "does several things at once; no single pattern dominates."),
}
LABEL_THRESHOLD = 0.4   # a score this high names the head
SPREAD_FRACTION = 0.75  # entropy above this share of the uniform entropy: "spread out"
FOCUSED_BITS = 1.25     # below this (about 2–3 keys' worth) a head with no positional pattern is "focused"


@dataclass
class HeadScores:
    previous: np.ndarray   # (layers, heads), each in [0, 1]
    first: np.ndarray
    self_: np.ndarray
    induction: np.ndarray
    entropy_bits: np.ndarray
    uniform_bits: float    # the entropy of attention spread evenly over the average number of keys seen

    @property
    def shape(self) -> tuple[int, int]:
        return self.previous.shape

    def score(self, kind: str) -> np.ndarray:
        return {"previous-token": self.previous, "first-token": self.first, "self": self.self_,
                "induction": self.induction}[kind]

    def label(self, layer: int, head: int) -> str:
        scores = {kind: float(self.score(kind)[layer, head]) for kind in KINDS}
        kind = max(scores, key=lambda k: scores[k])
        if scores[kind] >= LABEL_THRESHOLD:
            return kind
        if self.entropy_bits[layer, head] >= SPREAD_FRACTION * self.uniform_bits:
            return QT_TRANSLATE_NOOP("heads", "spread out")
        if self.entropy_bits[layer, head] <= FOCUSED_BITS:
            return QT_TRANSLATE_NOOP("heads", "focused")
        return QT_TRANSLATE_NOOP("heads", "mixed")

    def rows(self) -> list[tuple]:
        """(layer, head, previous, first, self, induction, entropy, label), numbered from 1."""
        layers, heads = self.shape
        return [(layer + 1, head + 1, float(self.previous[layer, head]), float(self.first[layer, head]),
                 float(self.self_[layer, head]), float(self.induction[layer, head]),
                 float(self.entropy_bits[layer, head]), self.label(layer, head))
                for layer in range(layers) for head in range(heads)]

    def table(self) -> str:
        lines = [f"{'layer':>5} {'head':>4} {'previous-token':>14} {'first-token':>11} {'self':>5} "
                 f"{'induction':>9} {'entropy (bits)':>14}  label"]
        for layer, head, prev, first, own, induction, entropy, label in self.rows():
            lines.append(f"{layer:>5} {head:>4} {prev:>14.2f} {first:>11.2f} {own:>5.2f} {induction:>9.2f} "
                         f"{entropy:>14.2f}  {label}")
        return "\n".join(lines)


def pattern_scores(attention: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(previous, first, self, entropy in bits) from attention (layers, heads, T, T), rows = queries.
    Query 0 is left out: it can only look at itself, which says nothing about the head."""
    a = np.asarray(attention, dtype=np.float64)
    T = a.shape[-1]
    if T < 2:
        raise ValueError("at least two tokens are needed to tell what a head does")
    rows = np.arange(1, T)
    previous = a[..., rows, rows - 1].mean(axis=-1)
    first = a[..., rows, 0].mean(axis=-1)
    own = a[..., rows, rows].mean(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(a > 0, a * np.log2(a), 0.0)
    entropy = -plogp[..., 1:, :].sum(axis=-1).mean(axis=-1)
    return previous, first, own, entropy


def induction_scores(attention: np.ndarray, period: int, start: int = 0, gap: int = 0) -> np.ndarray:
    """On a sequence holding `period` tokens from position `start`, `gap` tokens (a marker such as "|"),
    then the same `period` tokens again: the mass each query of the second copy puts on the token after
    its first occurrence. With start = gap = 0 this is TransformerLens's score on a sequence repeated twice."""
    a = np.asarray(attention, dtype=np.float64)
    second = start + period + gap
    # with a marker, the last query's "next" in the first copy would be the marker itself: left out
    queries = np.arange(second, second + period - (1 if gap else 0))
    return a[..., queries, queries - period - gap + 1].mean(axis=-1)


def repeated_random_tokens(vocab_size: int, period: int, seed: int = 0) -> list[int]:
    rng = np.random.default_rng(seed)
    first = rng.integers(0, vocab_size, size=period).tolist()
    return first + first


@torch.inference_mode()
def measure_heads(model: GPT, text_ids: list[int], seed: int = 0) -> HeadScores:
    """Scores for every head: the patterns on (up to a context of) `text_ids`, induction on repeated
    random tokens, half a context long each."""
    T = model.config.context_length
    ids = list(text_ids)[:T]
    if len(ids) < 2:
        raise ValueError("at least two tokens of text are needed to measure the heads")
    seen = inspect(model, ids)
    if seen is None:
        raise ValueError("at least two tokens of text are needed to measure the heads")
    previous, first, own, entropy = pattern_scores(seen.attention)
    period = max(T // 2, 2)
    repeated = repeated_random_tokens(model.config.vocab_size, period, seed)[:T]
    seen_repeated = inspect(model, repeated)
    if seen_repeated is None:
        raise ValueError("the induction probe needs tokens")
    induction = induction_scores(seen_repeated.attention, len(repeated) // 2)
    keys_seen = np.arange(2, len(ids) + 1)  # query i sees i + 1 keys
    return HeadScores(previous, first, own, induction, entropy, float(np.log2(keys_seen).mean()))
