"""Checkpoints: a folder with `checkpoint.json` (config, tokenizer, step, loss history) and the weights
(plus AdamW state, for resuming) in safetensors. No pickle: a checkpoint may come from someone else.

Saving is atomic and durable: the weights go to a new, uniquely named file, fsynced; then
`checkpoint.json`, which names that file and its SHA-256, replaces the old one in a single rename and
the folder is fsynced. A crash or power cut at any moment leaves either the old checkpoint or the new
one, both whole. Superseded weight files (and temp files an earlier crash left) are removed afterwards.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file

from ..data.tokenizer import Tokenizer, TokenizerError, tokenizer_from_dict
from ..files.durable import apply_umask, atomic_write_text, fsync_file, save_tensors, write_failure
from ..files.untrusted import UntrustedFileError, plain_file_inside, read_regular_file
from ..model.config import ConfigError, GPTConfig
from ..model.model import GPT
from ..training.events import History
from ..training.settings import TrainingError, TrainSettings
from ..training.trainer import Trainer
from ..words import integer, translate

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
    pretrained_name: str = ""  # a pretrained model opened from a Hugging Face folder (e.g. "gpt2")

    @property
    def tokens_per_step(self) -> int:
        return self.settings.tokens_per_step(self.config.context_length)


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
    created = not directory.is_dir()
    try:
        if created:
            directory.mkdir(parents=True, exist_ok=True)
            apply_umask(directory, directory=True)
        with _only_writer(directory):
            _write(directory, weights_name, tensors, trainer, optim, corpus_name)
    except OSError as e:
        if directory.is_dir():
            weights_path.unlink(missing_ok=True)
            if created:  # a failed save leaves no empty folder behind
                with contextlib.suppress(OSError):
                    directory.rmdir()
        raise write_failure(directory, e, needed) from e
    return directory


@contextlib.contextmanager
def _only_writer(directory: Path):
    """One save at a time into a folder, across processes: two saves at once each removed the other's
    weights as "superseded", leaving a manifest that names a missing file."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; saves there are one process's
        yield
        return
    fd = os.open(directory, os.O_RDONLY)  # the folder itself is the lock: no lock file is left in it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _write(directory: Path, weights_name: str, tensors: dict, trainer: Trainer, optim: dict, corpus_name: str):
    """The weights, then the manifest that names them (the commit), then what they superseded."""
    weights_path = directory / weights_name
    save_tensors(tensors, weights_path, metadata={"format": FORMAT})
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
    # only now that the new manifest is on disk: superseded weights and temp files a crash left behind
    for old in list(directory.glob("weights-*.safetensors")) + list(directory.glob(f"{MANIFEST}*.tmp")):
        if old.name != weights_name:
            old.unlink(missing_ok=True)


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


MAX_MANIFEST_BYTES = 256 << 20   # a manifest holds the loss history: 10 M steps fit
MAX_HEADER_BYTES = 16 << 20      # a safetensors header names each tensor once: a few KB for our models
MAX_STEP = 10 ** 9
_DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "I64": torch.int64,
           "U8": torch.uint8, "F64": torch.float64}


def load_checkpoint(directory: str | os.PathLike) -> Checkpoint:
    """Load a checkpoint folder, trusting nothing in it: every field is checked for type and range, the
    weights file must be a plain file inside the folder, its header is checked against the config before
    anything is hashed or allocated, and the weights must be finite. Any problem is one CheckpointError."""
    directory = Path(directory)
    if not (directory / MANIFEST).exists() and (directory / RUN_CHECKPOINT / MANIFEST).exists():
        directory = directory / RUN_CHECKPOINT  # an exported run folder: its checkpoint lives inside
    where = f"“{directory.name or directory}”"
    if not directory.is_dir():
        raise CheckpointError(translate("checkpoint", "{where} is not a checkpoint folder. Choose the folder "
                                                      "that holds {manifest}.").format(where=where, manifest=MANIFEST))
    if not (directory / MANIFEST).exists() and not (directory / MANIFEST).is_symlink():
        raise CheckpointError(translate("checkpoint", "{where} has no {manifest}: it is not a checkpoint (or it "
                                                      "was not saved completely).").format(where=where, manifest=MANIFEST))
    try:
        manifest = json.loads(read_regular_file(directory / MANIFEST, MAX_MANIFEST_BYTES).decode("utf-8"))
    except UntrustedFileError as e:
        raise CheckpointError(translate("checkpoint", "{where}: {e}. The checkpoint cannot be read.").format(where=where, e=e)) from None
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as e:
        raise CheckpointError(translate("checkpoint", "{where}: {manifest} is damaged ({e}). The checkpoint "
                                                      "cannot be read.").format(where=where, manifest=MANIFEST, e=e)) from None
    fields = _manifest_fields(manifest, where)
    config, tokenizer, settings = fields["config"], fields["tokenizer"], fields["settings"]
    weights_path = plain_file_inside(directory, manifest["weights_file"])
    if weights_path is None:
        raise CheckpointError(translate("checkpoint", "{where}: the weights file it names ({value}) is not a "
                                                      "plain file inside the checkpoint folder. The checkpoint "
                                                      "cannot be read.").format(where=where, value=repr(str(manifest['weights_file'])[:80])))
    _check_weights_header(weights_path, config, where)
    try:
        digest = _sha256(weights_path)
    except OSError as e:  # removed or replaced while we read (another save into the folder)
        raise CheckpointError(translate("checkpoint", "{where}: the weights file cannot be read ({e}). If the "
                                                      "model is being saved right now, open it again when the save "
                                                      "is done.").format(where=where, e=e.strerror or e)) from None
    if digest != manifest["weights_sha256"]:
        raise CheckpointError(translate("checkpoint", "{where}: the weights file is damaged or truncated (its checksum does not match).")
                                  .format(where=where))
    try:
        tensors = load_file(str(weights_path))
    except (SafetensorError, OSError, ValueError) as e:
        raise CheckpointError(translate("checkpoint", "{where}: the weights file cannot be read ({e}).").format(where=where, e=e)) from None

    model_tensors = {k: v for k, v in tensors.items() if not k.startswith((_OPTIM_PREFIX, _RNG_PREFIX))}
    if not all(torch.isfinite(v).all() for v in model_tensors.values() if v.is_floating_point()):
        raise CheckpointError(translate("checkpoint", "{where}: the saved weights contain NaN or infinite "
                                                      "numbers (training had diverged when it was saved). Train "
                                                      "the model again with a lower learning rate.")
                                  .format(where=where))
    rng_state = {k[len(_RNG_PREFIX):]: v for k, v in tensors.items() if k.startswith(_RNG_PREFIX)}
    if any(v.dtype != torch.uint8 or v.dim() != 1 for v in rng_state.values()):
        raise CheckpointError(translate("checkpoint", "{where}: the saved random state is damaged. The checkpoint cannot be read.")
                                  .format(where=where))
    model = GPT(config)
    model.load_state_dict(model_tensors, strict=False)
    return Checkpoint(config=config, tokenizer=tokenizer, model=model, settings=settings,
                      step=manifest["step"], elapsed_s=float(manifest["elapsed_s"]), history=fields["history"],
                      corpus_name=manifest["corpus_name"],
                      optimizer_state=_optimizer_state(tensors, manifest["optimizer_param_groups"]),
                      rng_state=rng_state or None, path=directory)


def _manifest_fields(manifest, where: str) -> dict:
    """Check every field of a manifest for type and range; fill the optional ones in place."""
    if not isinstance(manifest, dict):
        raise CheckpointError(translate("checkpoint", "{where}: {manifest} is not a table of values. The checkpoint cannot be read.")
                                  .format(where=where, manifest=MANIFEST))
    if manifest.get("format") != FORMAT:
        raise CheckpointError(translate("checkpoint", "{where} is in an unknown format ({value}).")
                                  .format(where=where, value=repr(str(manifest.get('format'))[:60])))
    missing = [k for k in ("config", "tokenizer", "weights_file", "weights_sha256") if k not in manifest]
    if missing:
        raise CheckpointError(translate("checkpoint", "{where}: {manifest} is incomplete (missing {value}). The checkpoint cannot be read.")
                                  .format(where=where, manifest=MANIFEST, value=', '.join(missing)))
    manifest.setdefault("step", 0)
    manifest.setdefault("elapsed_s", 0.0)
    manifest.setdefault("corpus_name", "")
    manifest.setdefault("optimizer_param_groups", None)
    problems = []
    step, elapsed = manifest["step"], manifest["elapsed_s"]
    if not isinstance(step, int) or isinstance(step, bool) or not 0 <= step <= MAX_STEP:
        problems.append(translate("checkpoint", "step must be a whole number from 0 to {max_step} (got {value})")
                            .format(max_step=integer(MAX_STEP), value=str(step)[:40]))
    if not isinstance(elapsed, (int, float)) or isinstance(elapsed, bool) or not 0 <= elapsed < 1e12:
        problems.append(translate("checkpoint", "elapsed_s must be a number of seconds (got {value})").format(value=str(elapsed)[:40]))
    if not isinstance(manifest["corpus_name"], str):
        problems.append(translate("checkpoint", "corpus_name must be text"))
    sha = manifest["weights_sha256"]
    if not isinstance(sha, str) or len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        problems.append(translate("checkpoint", "weights_sha256 must be a SHA-256 in hex"))
    groups = manifest["optimizer_param_groups"]
    plain = lambda v: v is None or isinstance(v, (bool, int, float)) or (
        isinstance(v, list) and all(isinstance(x, (int, float)) for x in v))
    if groups is not None and not (isinstance(groups, list) and all(
            isinstance(g, dict) and all(isinstance(k, str) and plain(v) for k, v in g.items()) for g in groups)):
        problems.append(translate("checkpoint", "optimizer_param_groups must be a list of tables of numbers"))
    if problems:
        raise CheckpointError(translate("checkpoint", "{where}: {manifest} has bad values ({value}). The checkpoint cannot be read.")
                                  .format(where=where, manifest=MANIFEST, value='; '.join(problems)))
    try:
        config = GPTConfig.from_dict(manifest["config"])
        tokenizer = tokenizer_from_dict(manifest["tokenizer"]) if isinstance(manifest["tokenizer"], dict) else None
        if tokenizer is None:
            raise TokenizerError(translate("checkpoint", "The saved tokenizer is damaged (not a table of values)."))
        settings = TrainSettings.from_dict(manifest.get("train_settings", {}))
        history = History.from_dict(manifest.get("history", {}))
    except (ConfigError, TokenizerError, TrainingError, TypeError) as e:
        raise CheckpointError(translate("checkpoint", "{where}: {e}").format(where=where, e=e)) from None
    if config.vocab_size != tokenizer.vocab_size:
        raise CheckpointError(translate("checkpoint", "{where}: the model expects {model_vocab} tokens but the "
                                                      "saved tokenizer has {tokenizer_vocab}. The checkpoint is inconsistent.")
                                  .format(where=where, model_vocab=config.vocab_size, tokenizer_vocab=tokenizer.vocab_size))
    return {"config": config, "tokenizer": tokenizer, "settings": settings, "history": history}


def _expected_shapes(config: GPTConfig) -> dict[str, tuple]:
    with torch.device("meta"):  # shapes without allocating: a hostile config may ask for gigabytes
        model = GPT(config)
    state = model.state_dict()
    if config.tie_embeddings:
        state.pop("lm_head.weight")
    return {k: tuple(v.shape) for k, v in state.items()}


def _check_weights_header(path: Path, config: GPTConfig, where: str) -> None:
    """Read the safetensors header (names, dtypes, shapes, offsets) and compare it with what the config
    needs, before the file is hashed or any tensor is allocated."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            head = f.read(8)
            length = int.from_bytes(head, "little") if len(head) == 8 else -1
            if not 2 <= length <= min(MAX_HEADER_BYTES, size - 8):
                raise ValueError(translate("checkpoint", "its header is missing or damaged"))
            header = json.loads(f.read(length).decode("utf-8"))
        if not isinstance(header, dict):
            raise ValueError(translate("checkpoint", "its header is not a table"))
        header.pop("__metadata__", None)
        end = 0
        tensors = {}
        for name, info in header.items():
            dtype, shape, offsets = info.get("dtype"), info.get("shape"), info.get("data_offsets")
            if dtype not in _DTYPES or not isinstance(shape, list) or not all(isinstance(n, int) and n >= 0 for n in shape) \
                    or not (isinstance(offsets, list) and len(offsets) == 2 and all(isinstance(n, int) for n in offsets)):
                raise ValueError(translate("checkpoint", "its entry for {value} is damaged").format(value=repr(name[:60])))
            count = 1
            for n in shape:
                count *= n
            if offsets[1] - offsets[0] != count * _DTYPES[dtype].itemsize or offsets[0] < 0:
                raise ValueError(translate("checkpoint", "its entry for {value} does not add up").format(value=repr(name[:60])))
            end = max(end, offsets[1])
            tensors[name] = (dtype, tuple(shape))
        if 8 + length + end != size:
            raise ValueError(translate("checkpoint", "it is {size} bytes but its header describes {value}")
                                 .format(size=integer(size), value=integer(8 + length + end)))
    except (OSError, ValueError, AttributeError, UnicodeDecodeError) as e:
        raise CheckpointError(translate("checkpoint", "{where}: the weights file is damaged ({e}).").format(where=where, e=e)) from None
    expected = _expected_shapes(config)
    model_tensors = {k: v for k, v in tensors.items() if not k.startswith((_OPTIM_PREFIX, _RNG_PREFIX))}
    problems = [f"{k} is missing" for k in expected if k not in model_tensors]
    problems += [f"{k} is unexpected" for k in model_tensors if k not in expected]
    problems += [f"{k} has shape {model_tensors[k][1]}, the config needs {v}"
                 for k, v in expected.items() if k in model_tensors and model_tensors[k][1] != v]
    problems += [f"{k} is stored as {model_tensors[k][0]}, not F32"
                 for k in expected if k in model_tensors and model_tensors[k][0] != "F32"]
    if problems:
        raise CheckpointError(translate("checkpoint", "{where}: the weights do not match the saved model settings ({value}).")
                                  .format(where=where, value='; '.join(problems[:3])))


def _optimizer_state(tensors: dict, groups: list | None) -> dict | None:
    state: dict[int, dict] = {}
    for key, value in tensors.items():
        if key.startswith(_OPTIM_PREFIX):
            index, _, name = key[len(_OPTIM_PREFIX):].partition(".")
            if index.isdigit() and name in ("exp_avg", "exp_avg_sq", "step", "max_exp_avg_sq", "momentum_buffer"):
                state.setdefault(int(index), {})[name] = value
    if not state or not groups:
        return None
    return {"state": state, "param_groups": groups}


def _load_optimizer_state(trainer: Trainer, saved: dict) -> None:
    params = [p for group in trainer.optimizer.param_groups for p in group["params"]]  # state_dict order
    state = {}
    for index, values in saved["state"].items():
        shape = params[index].shape
        state[index] = {name: (v.reshape(shape) if name != "step" else v.reshape(())) for name, v in values.items()}
    groups = [dict(g) for g in saved["param_groups"]]
    if len(groups) != len(trainer.optimizer.param_groups):
        raise ValueError(translate("checkpoint", "optimizer groups differ"))
    start = 0
    for group, live in zip(groups, trainer.optimizer.param_groups):
        group["params"] = list(range(start, start + len(live["params"])))
        start += len(live["params"])
    trainer.optimizer.load_state_dict({"state": state, "param_groups": groups})


def trainer_from_checkpoint(checkpoint: Checkpoint, ids, settings: TrainSettings | None = None,
                            device: str = "cpu", corpus_name: str = "") -> Trainer:
    """A Trainer that continues where the checkpoint left off (model, AdamW moments, random streams,
    step, history): training on gives the same weights as if the run had never stopped."""
    trainer = Trainer(checkpoint.config, settings or checkpoint.settings, checkpoint.tokenizer, ids, device=device,
                      corpus_name=corpus_name)
    trainer.model.load_state_dict(checkpoint.model.state_dict())
    if checkpoint.optimizer_state is not None:
        try:
            _load_optimizer_state(trainer, checkpoint.optimizer_state)
        except (RuntimeError, ValueError, KeyError, IndexError, TypeError):
            raise CheckpointError(translate("checkpoint", "The checkpoint's saved optimizer state does not fit "
                                                          "its model: it is damaged. Open it to look inside, or "
                                                          "start a new run from its settings.")) from None
    if checkpoint.rng_state:
        try:
            trainer.set_rng_state(checkpoint.rng_state)
        except (RuntimeError, ValueError):
            raise CheckpointError(translate("checkpoint", "The checkpoint's saved random state is damaged; it "
                                                          "cannot be trained on exactly. Start a new run from its settings instead.")) from None
    trainer.step = checkpoint.step
    trainer.elapsed_s = checkpoint.elapsed_s
    trainer.history = History.from_dict(checkpoint.history.to_dict())
    trainer.remember_good_weights()
    return trainer
