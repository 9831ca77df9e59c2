"""Small models and trainers that tests build in milliseconds."""
import math

from playground.core.data.tokenizer import CharTokenizer
from playground.core.model.config import GPTConfig
from playground.core.training.controller import TrainingController
from playground.core.training.settings import TrainSettings
from playground.core.training.trainer import Trainer


def tiny_trainer(text: str, **overrides) -> Trainer:
    tok = CharTokenizer.from_text(text)
    model_keys = {"n_layer", "n_head", "d_model", "context_length", "positional", "activation",
                  "norm_placement", "tie_embeddings", "dropout", "causal"}
    model_kw = {"n_layer": 2, "n_head": 2, "d_model": 32, "context_length": 32}
    model_kw.update({k: v for k, v in overrides.items() if k in model_keys})
    train_kw = {"batch_size": 8, "learning_rate": 3e-3, "warmup_steps": 5, "max_steps": 60,
                "eval_interval": 20, "eval_batches": 2, "sample_interval": 30, "sample_tokens": 20}
    train_kw.update({k: v for k, v in overrides.items() if k not in model_keys})
    config = GPTConfig(vocab_size=tok.vocab_size, **model_kw)
    return Trainer(config, TrainSettings(**train_kw), tok, tok.encode_corpus(text))


def untimed_controller(trainer: Trainer, **kwargs) -> TrainingController:
    """A controller that evaluates, samples and snapshots by step count only: a test that asserts at which
    steps those happen must not depend on how fast a (busy) machine runs."""
    timers = {"snapshot_every_s": math.inf, "eval_every_s": math.inf, "sample_every_s": math.inf}
    return TrainingController(trainer, **{**timers, **kwargs})
