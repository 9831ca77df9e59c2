"""A playground session: the corpus, tokenizer, model settings and trainer a user is working with.

The app drives one of these; so can a test or a script. Every method either succeeds or raises one
of the engine's user-facing errors *before* changing anything, so a failed action never loses the
corpus, the trained model or the settings the session already holds.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from .checkpoint import Checkpoint, load_checkpoint, save_checkpoint, trainer_from_checkpoint
from .config import GPTConfig
from .corpus import Corpus, ProgressCallback, load_corpus
from .inspection import Inspection, inspect
from .model import GPT
from .token_stats import TokenStats, token_stats
from .tokenizer import Tokenizer, build_tokenizer
from .trainer import TokenDataset, Trainer, TrainingController, TrainSettings

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "assets" / "tinyshakespeare.txt"


@dataclass
class LoadedCorpus:
    """A corpus with its tokenizer and token ids: what a background load hands back."""
    corpus: Corpus
    tokenizer: Tokenizer
    ids: np.ndarray
    requested_vocab: int = 0  # for BPE: the size asked for (a short text may support fewer tokens)
    _stats: TokenStats | None = field(default=None, repr=False)

    @property
    def split_sizes(self) -> tuple[int, int]:
        n_val = int(len(self.ids) * TrainSettings().val_fraction)
        return len(self.ids) - n_val, n_val

    @property
    def stats(self) -> TokenStats:
        if self._stats is None:
            self._stats = token_stats(self.ids, self.tokenizer.vocab_size, self.corpus.num_chars)
        return self._stats

    @property
    def vocab_note(self) -> str:
        """Say so when BPE learned fewer tokens than asked for: the text has no more merges to offer."""
        if self.tokenizer.kind == "bpe" and self.tokenizer.vocab_size < self.requested_vocab:
            return (f"This text supports only {self.tokenizer.vocab_size:,} BPE tokens "
                    f"({self.requested_vocab:,} were asked for), so the vocabulary has {self.tokenizer.vocab_size:,}.")
        return ""


def tokenizer_label(tokenizer: Tokenizer) -> str:
    return "Characters" if tokenizer.kind == "char" else f"BPE {tokenizer.vocab_size:,}"


def _scaled(progress: ProgressCallback | None, lo: float, hi: float) -> ProgressCallback | None:
    return (lambda f, what: progress(lo + (hi - lo) * f, what)) if progress else None


def tokenize_corpus(corpus: Corpus, tokenizer_kind: str = "char", vocab_size: int = 512,
                    progress: ProgressCallback | None = None) -> LoadedCorpus:
    """Build a tokenizer for an already loaded text and encode it (switching tokenizer re-runs only this)."""
    if progress and tokenizer_kind == "bpe":
        progress(0.0, "learning BPE merges")  # HF tokenizers reports nothing until it is done
    tokenizer = build_tokenizer(tokenizer_kind, corpus.text, vocab_size, _scaled(progress, 0.0, 0.4))
    ids = tokenizer.encode_corpus(corpus.text, _scaled(progress, 0.4, 1.0))
    return LoadedCorpus(corpus, tokenizer, ids, requested_vocab=vocab_size if tokenizer_kind == "bpe" else 0)


def prepare_corpus(path: str | Path, tokenizer_kind: str = "char", vocab_size: int = 512,
                   progress: ProgressCallback | None = None) -> LoadedCorpus:
    """Load, build the tokenizer and encode: the slow part of opening a file, safe to run in a thread."""
    corpus = load_corpus(path, _scaled(progress, 0.0, 0.5))
    return tokenize_corpus(corpus, tokenizer_kind, vocab_size, _scaled(progress, 0.5, 1.0))


class Session:
    def __init__(self):
        self.data: LoadedCorpus | None = None
        self.config: GPTConfig = GPTConfig()
        self.settings: TrainSettings = TrainSettings()
        self.trainer: Trainer | None = None
        self.controller: TrainingController | None = None
        # the model that inspection reads: a copy refreshed from training snapshots, never the live one
        self.inspection_model: GPT | None = None
        self.inspection_step = 0
        self.weights_version = 0  # counts weight refreshes: views of the weights alone redraw only on change
        self.model_tokenizer: Tokenizer | None = None  # the vocabulary the inspection model reads
        # every tokenizer built for the loaded text this session, so the user can compare their splits
        self.tokenizer_variants: dict[str, Tokenizer] = {}

    # -- data --
    def use_corpus(self, data: LoadedCorpus) -> None:
        """Switch to a prepared corpus. The trained model stays for inspection until a new run starts."""
        if self.data is None or self.data.corpus is not data.corpus:
            self.tokenizer_variants = {}
        self.tokenizer_variants[tokenizer_label(data.tokenizer)] = data.tokenizer
        self.data = data
        self.config = replace(self.config, vocab_size=data.tokenizer.vocab_size) \
            if self.trainer is None else self.config

    def load(self, path: str | Path, **kwargs) -> LoadedCorpus:
        data = prepare_corpus(path, **kwargs)
        self.use_corpus(data)
        return data

    @property
    def tokenizer(self) -> Tokenizer | None:
        """The tokenizer of the model being inspected, else of the loaded corpus."""
        if self.inspection_model is not None and self.model_tokenizer is not None:
            return self.model_tokenizer
        return self.data.tokenizer if self.data else None

    # -- model & training --
    def model_config(self, **shape) -> GPTConfig:
        """A validated config for the loaded corpus's vocabulary (raises ConfigError)."""
        vocab = self.data.tokenizer.vocab_size if self.data else self.config.vocab_size
        return replace(self.config, vocab_size=vocab, **shape)

    def new_trainer(self, config: GPTConfig, settings: TrainSettings) -> Trainer:
        """Build a fresh trainer on the loaded corpus (raises TrainingError/ConfigError, changing nothing)."""
        if self.data is None:
            raise ValueError("Load a text first.")
        name = self.data.corpus.name
        TokenDataset(self.data.ids, config.context_length, settings.val_fraction, name)  # too short? raise now
        trainer = Trainer(config, settings, self.data.tokenizer, self.data.ids, corpus_name=name)
        self.config, self.settings, self.trainer = config, settings, trainer
        self.controller = TrainingController(trainer)
        self.model_tokenizer = trainer.tokenizer
        self.refresh_inspection_model(trainer.snapshot(), trainer.step)
        return trainer

    def continue_training(self, extra_steps: int) -> TrainingController:
        """Train an existing model further (after it finished or was stopped): `extra_steps` more, or up to
        its planned total if that is further. The learning rate goes on from where it is
        (`TrainSettings.continued`), never back up to the peak."""
        assert self.trainer is not None
        t = self.trainer
        total = max(t.settings.max_steps, t.step + extra_steps)
        t.settings = t.settings.continued(t.step, total)
        self.controller = TrainingController(t)
        return self.controller

    def refresh_inspection_model(self, state_dict: dict, step: int) -> None:
        config = self.trainer.config if self.trainer else self.config
        if self.inspection_model is None or self.inspection_model.config != config:
            self.inspection_model = GPT(config).eval()
        self.inspection_model.load_state_dict(state_dict)
        self.inspection_step = step
        self.weights_version += 1

    def inspect(self, ids: list[int]) -> Inspection | None:
        if self.inspection_model is None:
            return None
        return inspect(self.inspection_model, ids)

    # -- checkpoints --
    def save(self, directory: str | Path) -> Path:
        if self.trainer is None:
            raise ValueError("There is no model to save yet: train one first.")
        name = self.data.corpus.name if self.data else ""
        return save_checkpoint(directory, self.trainer, name)

    def open_checkpoint(self, directory: str | Path) -> Checkpoint:
        """Load a checkpoint for inspection; it can train further if the loaded text fits its vocabulary."""
        checkpoint = load_checkpoint(directory)
        ids = None
        if self.data is not None:
            try:
                ids = checkpoint.tokenizer.encode_corpus(self.data.corpus.text)
                TokenDataset(ids, checkpoint.config.context_length, checkpoint.settings.val_fraction)
            except ValueError:
                ids = None  # the loaded text has characters this model never saw, or is too short
        self.trainer = trainer_from_checkpoint(checkpoint, ids, corpus_name=self.data.corpus.name) \
            if ids is not None else None
        self.controller = TrainingController(self.trainer) if self.trainer else None
        self.config, self.settings = checkpoint.config, checkpoint.settings
        self.model_tokenizer = checkpoint.tokenizer
        self.refresh_inspection_model(checkpoint.model.state_dict(), checkpoint.step)
        return checkpoint

    def discard_model(self) -> None:
        self.trainer = self.controller = self.inspection_model = self.model_tokenizer = None
        if self.data:
            self.config = replace(self.config, vocab_size=self.data.tokenizer.vocab_size)

