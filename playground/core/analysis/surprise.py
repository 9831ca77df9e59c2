"""Surprise on a text: the model's loss on every token of a stretch of text, the next-token question
asked at each position — what the loss curve averages, laid out where a learner can read it.

A text longer than the context is read in overlapping windows: every token is predicted with at least
half a context of text before it (all of it at the start), as the model would when writing.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from ..data.tokenizer import Tokenizer
from ..model.model import GPT

TOP = 5


@dataclass
class TokenSurprise:
    start: int                      # the token's character span in the text
    end: int
    token: str
    loss: float                     # −ln p(token | text before it), nats; NaN for the first token
    prob: float
    top: list[tuple[str, float]]    # the model's five likeliest tokens at that position
    bigram_guess: str               # what the bigram baseline would have guessed there

    @property
    def scored(self) -> bool:
        return not math.isnan(self.loss)


@dataclass
class SurpriseReading:
    tokens: list[TokenSurprise]
    left_out: list[tuple[int, str]]  # characters the vocabulary lacks (not scored)

    @property
    def mean_loss(self) -> float:
        scored = [t.loss for t in self.tokens if t.scored]
        return float(np.mean(scored)) if scored else math.nan

    def most_surprising(self, n: int = 5) -> list[TokenSurprise]:
        return sorted((t for t in self.tokens if t.scored), key=lambda t: -t.loss)[:n]


@torch.inference_mode()
def read_surprise(model: GPT, tokenizer: Tokenizer, text: str, bigram_guess: np.ndarray | None = None,
                  max_tokens: int = 600) -> SurpriseReading:
    encoded = tokenizer.encode_prompt(text)
    ids, spans = encoded.ids[:max_tokens], encoded.spans[:max_tokens]
    if not ids:
        return SurpriseReading([], encoded.unknown)
    log_probs = _next_token_log_probs(model, ids)  # row j: the distribution for token j (row 0 unused)
    tokens = []
    for j, (token, (start, end)) in enumerate(zip(ids, spans)):
        if j == 0:
            tokens.append(TokenSurprise(start, end, tokenizer.token_text(token), math.nan, math.nan, [], ""))
            continue
        row = log_probs[j]
        best = np.argsort(-row)[:TOP]
        guess = tokenizer.token_text(int(bigram_guess[ids[j - 1]])) if bigram_guess is not None else ""
        tokens.append(TokenSurprise(start, end, tokenizer.token_text(token), float(-row[token]),
                                    float(np.exp(row[token])),
                                    [(tokenizer.token_text(int(i)), float(np.exp(row[i]))) for i in best], guess))
    return SurpriseReading(tokens, encoded.unknown)


def _next_token_log_probs(model: GPT, ids: list[int]) -> np.ndarray:
    """(len(ids), vocab): log p(· | ids[:j]) at row j, from windows of the context length."""
    T = model.config.context_length
    was_training = model.training
    model.eval()
    out = np.zeros((len(ids), model.config.vocab_size), dtype=np.float32)
    try:
        start, done = 0, 1  # rows below `done` are filled
        while done < len(ids):
            window = ids[start:start + T]
            logits, _ = model(torch.tensor([window]))
            logp = torch.log_softmax(logits[0].float(), dim=-1).numpy()
            # window position p predicts token start + p + 1
            first = done - start - 1
            rows = logp[first:len(window) - 1]
            out[done:done + len(rows)] = rows
            done += len(rows)
            start = max(done - 1 - T // 2, 0) if done < len(ids) else start
    finally:
        model.train(was_training)
    return out
