"""Checkpoints: a folder with `checkpoint.json` (config, tokenizer, step, loss history) and the weights
(plus AdamW state, for resuming) in safetensors. No pickle: a checkpoint may come from someone else.

Saving is atomic and durable: the weights go to a new, uniquely named file, fsynced; then
`checkpoint.json`, which names that file and its SHA-256, replaces the old one in a single rename and
the folder is fsynced. A crash or power cut at any moment leaves either the old checkpoint or the new
one, both whole. Superseded weight files (and temp files an earlier crash left) are removed afterwards.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

from .config import ConfigError, GPTConfig
from .durable import apply_umask, atomic_write_text, fsync_file, write_failure
from .model import GPT
from .tokenizer import Tokenizer, TokenizerError, tokenizer_from_dict
from .trainer import History, Trainer, TrainSettings, TrainingError

FORMAT = "tiny-gpt-playground/1"
MANIFEST = "checkpoint.json"
RUN_CHECKPOINT = "checkpoint"  # the checkpoint's folder inside a run folder
_OPTIM_PREFIX = "optim."
_RNG_PREFIX = "rng."  # the random streams the next step draws from: a resume continues them exactly


class CheckpointError(ValueError):
    """A checkpoint that cannot be loaded; the message says what is wrong, for the user."""


@dataclass
class Checkpoint:
    config: GPTConfig
    tokenizer: Tokenizer
    model: GPT
    settings: TrainSettings
    step: int = 0
    elapsed_s: float = 0.0
    history: History = field(default_factory=History)
    corpus_name: str = ""
    optimizer_state: dict | None = None
    rng_state: dict | None = None
    path: Path | None = None


def save_checkpoint(directory: str | os.PathLike, trainer: Trainer, corpus_name: str = "") -> Path:
    """Save durably (see the module's note). Any failure to write raises DiskWriteError, whose message
    names the folder and the space needed; the previous checkpoint in the folder is left whole."""
    directory = Path(directory)
    tensors = _model_tensors(trainer.model)
    optim = trainer.optimizer.state_dict()
    for index, state in optim["state"].items():
        for name, value in state.items():
            tensors[f"{_OPTIM_PREFIX}{index}.{name}"] = value.detach().reshape(-1).to("cpu", copy=True).contiguous()
    for name, value in trainer.rng_state().items():
        tensors[f"{_RNG_PREFIX}{name}"] = value.detach().to("cpu", copy=True).contiguous()
    needed = sum(t.numel() * t.element_size() for t in tensors.values()) + 64 * 1024
    weights_name = f"weights-{uuid.uuid4().hex[:12]}.safetensors"
    weights_path = directory / weights_name
    try:
        if not directory.is_dir():
            directory.mkdir(parents=True, exist_ok=True)
            apply_umask(directory, directory=True)
        save_file(tensors, str(weights_path), metadata={"format": FORMAT})
        fsync_file(weights_path)
        apply_umask(weights_path)
        manifest = {
            "format": FORMAT,
            "weights_file": weights_name,
            "weights_sha256": _sha256(weights_path),
            "config": trainer.config.to_dict(),
            "tokenizer": trainer.tokenizer.to_dict(),
            "train_settings": trainer.settings.to_dict(),
            "optimizer_param_groups": [{k: v for k, v in g.items() if k != "params"} for g in optim["param_groups"]],
            "step": trainer.step,
            "elapsed_s": trainer.elapsed_s,
            "history": trainer.history.to_dict(),
            "corpus_name": corpus_name,
            "saved_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        atomic_write_text(directory / MANIFEST, json.dumps(manifest, ensure_ascii=False))
    except OSError as e:
        if directory.is_dir():
            weights_path.unlink(missing_ok=True)
        raise write_failure(directory, e, needed) from e
    # only now that the new manifest is on disk: superseded weights and temp files a crash left behind
    for old in list(directory.glob("weights-*.safetensors")) + list(directory.glob(f"{MANIFEST}*.tmp")):
        if old.name != weights_name:
            old.unlink(missing_ok=True)
    return directory


def _model_tensors(model: GPT) -> dict[str, torch.Tensor]:
    state = model.state_dict()
    if model.config.tie_embeddings:
        state.pop("lm_head.weight")  # the same tensor as tok_emb.weight; safetensors refuses shared memory
    return {k: v.detach().cpu().contiguous() for k, v in state.items()}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def load_checkpoint(directory: str | os.PathLike) -> Checkpoint:
    directory = Path(directory)
    if not (directory / MANIFEST).exists() and (directory / RUN_CHECKPOINT / MANIFEST).exists():
        directory = directory / RUN_CHECKPOINT  # an exported run folder: its checkpoint lives inside
    where = f"“{directory.name or directory}”"
    manifest_path = directory / MANIFEST
    if not directory.is_dir():
        raise CheckpointError(f"{where} is not a checkpoint folder. Choose the folder that holds {MANIFEST}.")
    if not manifest_path.is_file():
        raise CheckpointError(f"{where} has no {MANIFEST}: it is not a checkpoint (or it was not saved completely).")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise CheckpointError(f"{where} is in an unknown format ({manifest.get('format')!r}).")
        config = GPTConfig.from_dict(manifest["config"])
        tokenizer = tokenizer_from_dict(manifest["tokenizer"])
        settings = TrainSettings.from_dict(manifest.get("train_settings", {}))
        weights_path = directory / manifest["weights_file"]
        expected_sha = manifest["weights_sha256"]
    except CheckpointError:
        raise
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise CheckpointError(f"{where}: {MANIFEST} is damaged ({e}). The checkpoint cannot be read.") from None
    except (KeyError, TypeError, AttributeError) as e:
        raise CheckpointError(f"{where}: {MANIFEST} is incomplete (missing {e}). The checkpoint cannot be read.") from None
    except (ConfigError, TokenizerError, TrainingError) as e:
        raise CheckpointError(f"{where}: {e}") from None
    if config.vocab_size != tokenizer.vocab_size:
        raise CheckpointError(f"{where}: the model expects {config.vocab_size} tokens but the saved tokenizer "
                              f"has {tokenizer.vocab_size}. The checkpoint is inconsistent.")
    if not weights_path.is_file():
        raise CheckpointError(f"{where}: the weights file {weights_path.name} is missing.")
    if _sha256(weights_path) != expected_sha:
        raise CheckpointError(f"{where}: the weights file is damaged or truncated (its checksum does not match).")
    try:
        tensors = load_file(str(weights_path))
    except (SafetensorError, OSError, ValueError) as e:
        raise CheckpointError(f"{where}: the weights file cannot be read ({e}).") from None

    model_tensors = {k: v for k, v in tensors.items() if not k.startswith((_OPTIM_PREFIX, _RNG_PREFIX))}
    rng_state = {k[len(_RNG_PREFIX):]: v for k, v in tensors.items() if k.startswith(_RNG_PREFIX)}
    if any(v.dtype != torch.uint8 or v.dim() != 1 for v in rng_state.values()):
        raise CheckpointError(f"{where}: the saved random state is damaged. The checkpoint cannot be read.")
    model = GPT(config)
    expected = _model_tensors(model)
    problems = [f"{k} is missing" for k in expected if k not in model_tensors]
    problems += [f"{k} is unexpected" for k in model_tensors if k not in expected]
    problems += [f"{k} has shape {tuple(model_tensors[k].shape)}, the config needs {tuple(v.shape)}"
                 for k, v in expected.items() if k in model_tensors and model_tensors[k].shape != v.shape]
    if problems:
        raise CheckpointError(f"{where}: the weights do not match the saved model settings "
                              f"({'; '.join(problems[:3])}).")
    model.load_state_dict(model_tensors, strict=False)
    return Checkpoint(config=config, tokenizer=tokenizer, model=model, settings=settings,
                      step=int(manifest.get("step", 0)), elapsed_s=float(manifest.get("elapsed_s", 0.0)),
                      history=History.from_dict(manifest.get("history", {})),
                      corpus_name=manifest.get("corpus_name", ""),
                      optimizer_state=_optimizer_state(tensors, manifest.get("optimizer_param_groups")),
                      rng_state=rng_state or None, path=directory)


def _optimizer_state(tensors: dict, groups: list | None) -> dict | None:
    state: dict[int, dict] = {}
    for key, value in tensors.items():
        if key.startswith(_OPTIM_PREFIX):
            index, name = key[len(_OPTIM_PREFIX):].split(".", 1)
            state.setdefault(int(index), {})[name] = value
    if not state or not groups:
        return None
    return {"state": state, "param_groups": groups}


def trainer_from_checkpoint(checkpoint: Checkpoint, ids, settings: TrainSettings | None = None,
                            device: str = "cpu", corpus_name: str = "") -> Trainer:
    """A Trainer that continues where the checkpoint left off (model, AdamW moments, random streams,
    step, history): training on gives the same weights as if the run had never stopped."""
    trainer = Trainer(checkpoint.config, settings or checkpoint.settings, checkpoint.tokenizer, ids, device=device,
                      corpus_name=corpus_name)
    trainer.model.load_state_dict(checkpoint.model.state_dict())
    if checkpoint.optimizer_state is not None:
        params = [p for group in trainer.optimizer.param_groups for p in group["params"]]  # state_dict order
        state = {}
        for index, values in checkpoint.optimizer_state["state"].items():
            shape = params[index].shape
            state[index] = {name: (v.reshape(shape) if name != "step" else v.reshape(())) for name, v in values.items()}
        groups = [dict(g) for g in checkpoint.optimizer_state["param_groups"]]
        start = 0
        for group, live in zip(groups, trainer.optimizer.param_groups):
            group["params"] = list(range(start, start + len(live["params"])))
            start += len(live["params"])
        trainer.optimizer.load_state_dict({"state": state, "param_groups": groups})
    if checkpoint.rng_state:
        try:
            trainer.set_rng_state(checkpoint.rng_state)
        except (RuntimeError, ValueError):
            raise CheckpointError("The checkpoint's saved random state is damaged; it cannot be trained on "
                                  "exactly. Start a new run from its settings instead.") from None
    trainer.step = checkpoint.step
    trainer.elapsed_s = checkpoint.elapsed_s
    trainer.history = History.from_dict(checkpoint.history.to_dict())
    trainer.remember_good_weights()
    return trainer
