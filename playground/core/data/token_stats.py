"""How a tokenizer splits text: token boundaries, frequencies and the tokens-per-character ratio.

Plain numbers for the tokenization view (and for tests): nothing here draws.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .tokenizer import Tokenizer


@dataclass
class TokenPiece:
    start: int                 # character span in the text
    end: int
    token_ids: tuple[int, ...]  # usually one; several byte tokens when BPE splits one character (é, 🎉)
    text: str

    @property
    def known(self) -> bool:
        return bool(self.token_ids)


def split_into_tokens(tokenizer: Tokenizer, text: str) -> list[TokenPiece]:
    """The text cut where the tokenizer cuts it, in order. Characters the vocabulary lacks (character
    tokenizer only) are pieces without ids; byte tokens sharing one character are one piece."""
    encoded = tokenizer.encode_prompt(text)
    pieces: list[TokenPiece] = []
    for (start, end), token in zip(encoded.spans, encoded.ids):
        if pieces and pieces[-1].known and start < pieces[-1].end:
            last = pieces[-1]
            pieces[-1] = TokenPiece(last.start, max(end, last.end), last.token_ids + (token,),
                                    text[last.start:max(end, last.end)])
        else:
            pieces.append(TokenPiece(start, end, (token,), text[start:end]))
    pieces += [TokenPiece(i, i + 1, (), c) for i, c in encoded.unknown]
    pieces.sort(key=lambda p: p.start)
    return pieces


@dataclass
class TokenStats:
    counts: np.ndarray       # (vocab,) how often each token occurs in the corpus
    n_tokens: int
    n_chars: int

    @property
    def tokens_per_char(self) -> float:
        return self.n_tokens / max(1, self.n_chars)

    def most_frequent(self, n: int) -> list[tuple[int, int]]:
        """(token id, count), most frequent first; ties broken by id so the order is stable."""
        order = np.lexsort((np.arange(len(self.counts)), -self.counts))[:n]
        return [(int(i), int(self.counts[i])) for i in order]

    def unused(self) -> int:
        """Vocabulary entries that never occur in the text (BPE learns merges it then rarely needs)."""
        return int((self.counts == 0).sum())


_COUNT_CHUNK = 1 << 22


def token_stats(ids: np.ndarray, vocab_size: int, n_chars: int) -> TokenStats:
    # bincount widens its input to 64-bit integers: chunks keep that copy small for a 100 MB corpus
    counts = np.zeros(vocab_size, dtype=np.int64)
    for start in range(0, len(ids), _COUNT_CHUNK):
        counts += np.bincount(np.asarray(ids[start:start + _COUNT_CHUNK]), minlength=vocab_size)[:vocab_size]
    return TokenStats(counts=counts, n_tokens=int(len(ids)), n_chars=n_chars)
