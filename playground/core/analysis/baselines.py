"""How well simple counting predicts the next token: the yardsticks a model's loss is read against.

Counts come from the training split, the loss is measured on the validation split (the same split the
trainer uses), in nats per token like the loss curves:

- uniform: every token in the vocabulary equally likely, exactly ln V;
- unigram: how often each token occurs, add-one (Laplace) smoothed so an unseen token is not impossible;
- bigram / trigram: the previous one / two tokens, with **interpolated Witten-Bell smoothing** — a
  context seen c times followed by T different tokens gives T/(c+T) of its probability to the
  next-shorter context. It needs no tuning on held-out text, which suits a yardstick.

Everything is vectorised (sorted n-gram keys and binary search). A very large text is counted on the
16 M training tokens nearest the validation part and scored on the first 2 M validation tokens: the
figures for a text of that size are exact, a 100 MB one takes seconds and well under a gigabyte, and
more counting would not move a trigram's estimate at the second decimal.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..data.split import DEFAULT_VAL_FRACTION, split_point
from ..words import QT_TRANSLATE_NOOP

SMOOTHING = QT_TRANSLATE_NOOP("baselines", "Witten-Bell interpolation (unigram: add-one)")
MAX_COUNTED = 16_000_000  # training tokens counted
MAX_SCORED = 2_000_000    # validation tokens scored
ORDER = (QT_TRANSLATE_NOOP("baselines", "uniform"), QT_TRANSLATE_NOOP("baselines", "unigram"),
         QT_TRANSLATE_NOOP("baselines", "bigram"), QT_TRANSLATE_NOOP("baselines", "trigram"))


@dataclass(frozen=True, eq=False)
class Baselines:
    uniform: float
    unigram: float
    bigram: float
    trigram: float
    vocab_size: int
    tokens_per_char: float = 1.0  # of the validation text: turns nats/token into bits/character
    bigram_guess: np.ndarray | None = None  # (V,) the most frequent follower of each token in training

    def items(self) -> list[tuple[str, float]]:
        return [(name, getattr(self, name)) for name in ORDER]

    def line(self) -> str:
        """One line for the command line."""
        values = " · ".join(f"{name} {value:.2f}" for name, value in self.items())
        return f"baselines (val, nats/token): {values}"


def ngram_baselines(ids: np.ndarray, vocab_size: int, val_fraction: float = DEFAULT_VAL_FRACTION,
                    tokens_per_char: float = 1.0) -> Baselines:
    """`tokens_per_char`: of the validation part (`TextSplit.tokens_per_char`), for bits per character."""
    cut = split_point(len(ids), val_fraction)
    train = np.asarray(ids[max(0, cut - MAX_COUNTED):cut], dtype=np.int64)
    val = np.asarray(ids[cut:cut + MAX_SCORED], dtype=np.int64)
    if len(train) < 3 or len(val) < 3:
        raise ValueError("the text is too short for n-gram baselines (fewer than 3 tokens on a side)")
    V = int(vocab_size)
    targets = val[2:]  # the positions where every model has two tokens of context: one set for all four
    unigram_p = (np.bincount(train, minlength=V)[:V] + 1.0) / (len(train) + V)
    p1 = unigram_p[targets]
    p2 = _witten_bell(_keys(train, 2, V), _keys(val, 2, V)[1:], V, p1)
    p3 = _witten_bell(_keys(train, 3, V), _keys(val, 3, V), V, p2)
    return Baselines(uniform=math.log(V), unigram=_nats(p1), bigram=_nats(p2), trigram=_nats(p3),
                     vocab_size=V, tokens_per_char=tokens_per_char,
                     bigram_guess=_most_frequent_follower(train, V))


def _most_frequent_follower(train: np.ndarray, V: int) -> np.ndarray:
    """For each token, the token that most often follows it in training (itself unseen: the most
    frequent token overall): what the bigram baseline would guess next."""
    grams, counts = np.unique(train[:-1] * V + train[1:], return_counts=True)
    order = np.lexsort((-counts, grams // V))  # by context, most frequent follower first
    contexts, first = np.unique((grams // V)[order], return_index=True)
    guess = np.full(V, int(np.bincount(train, minlength=V).argmax()), dtype=np.int64)
    guess[contexts] = (grams % V)[order][first]
    return guess


def _keys(ids: np.ndarray, n: int, V: int) -> np.ndarray:
    """Each n-gram as one integer: its tokens as digits in base V."""
    keys = np.zeros(len(ids) - n + 1, dtype=np.int64)
    for k in range(n):
        keys = keys * V + ids[k:len(ids) - n + 1 + k]
    return keys


def _witten_bell(train_keys: np.ndarray, query_keys: np.ndarray, V: int, lower: np.ndarray) -> np.ndarray:
    """P(w | h) for each query n-gram (h, w), interpolated with the lower order's P(w | shorter h)."""
    grams, gram_counts = np.unique(train_keys, return_counts=True)
    contexts, first, followers = np.unique(grams // V, return_index=True, return_counts=True)
    context_totals = np.add.reduceat(gram_counts, first) if len(first) else np.zeros(0, np.int64)
    c_hw = _lookup(grams, gram_counts, query_keys)
    where = np.searchsorted(contexts, query_keys // V)
    where = np.minimum(where, max(len(contexts) - 1, 0))
    seen = (contexts[where] == query_keys // V) if len(contexts) else np.zeros(len(query_keys), bool)
    c_h = np.where(seen, context_totals[where], 0).astype(np.float64)
    t_h = np.where(seen, followers[where], 0).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = (c_hw + t_h * lower) / (c_h + t_h)
    return np.where(seen, p, lower)


def _lookup(keys: np.ndarray, counts: np.ndarray, queries: np.ndarray) -> np.ndarray:
    where = np.minimum(np.searchsorted(keys, queries), max(len(keys) - 1, 0))
    return np.where(keys[where] == queries, counts[where], 0).astype(np.float64)


def _nats(p: np.ndarray) -> float:
    return float(-np.log(p).mean())
