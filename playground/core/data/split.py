"""The train/validation split, defined once: the trainer's batches, the baselines, the held-out text the
Surprise tab reads, the copy check and bits per character all ask this module.

The split is made on tokens (the last `val_fraction` of them are held out), so the held-out text is the
validation tokens decoded — never a cut made on characters, which under subwords falls elsewhere.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .tokenizer import Tokenizer

DEFAULT_VAL_FRACTION = 0.1


def split_point(n_tokens: int, val_fraction: float = DEFAULT_VAL_FRACTION) -> int:
    """Where the validation tail starts, in tokens."""
    return n_tokens - int(n_tokens * val_fraction)


@dataclass(eq=False)
class TextSplit:
    """A text's token ids cut into a training head and a validation tail, with each part's text."""
    ids: np.ndarray
    tokenizer: Tokenizer
    text: str
    val_fraction: float = DEFAULT_VAL_FRACTION
    _texts: dict = field(default_factory=dict, repr=False)

    @property
    def cut(self) -> int:
        return split_point(len(self.ids), self.val_fraction)

    @property
    def train_ids(self) -> np.ndarray:
        return self.ids[:self.cut]

    @property
    def val_ids(self) -> np.ndarray:
        return self.ids[self.cut:]

    @property
    def sizes(self) -> tuple[int, int]:
        return self.cut, len(self.ids) - self.cut

    def _part(self, which: str) -> str:
        if which not in self._texts:
            cut = self.cut
            if self.tokenizer.kind == "char" and len(self.ids) == len(self.text):  # one character, one token
                self._texts[which] = self.text[:cut] if which == "train" else self.text[cut:]
            else:
                part = self.ids[:cut] if which == "train" else self.ids[cut:]
                self._texts[which] = self.tokenizer.decode(np.asarray(part).tolist())
        return self._texts[which]

    @property
    def train_text(self) -> str:
        """What the model trains on, as text."""
        return self._part("train")

    @property
    def val_text(self) -> str:
        """What the model never trains on, as text."""
        return self._part("val")

    @property
    def tokens_per_char(self) -> float:
        """Of the validation part: turns nats per token into bits per character. The one definition."""
        return len(self.val_ids) / max(len(self.val_text), 1)
