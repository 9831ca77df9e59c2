"""Opening a pretrained GPT-2 (gpt2, distilgpt2, gpt2-medium…) from a local Hugging Face folder as one of
our own models, so every view of the playground works on it.

The folder is untrusted like any file: `config.json` is read as bounded JSON and checked field by field,
the weights must be safetensors (a `pytorch_model.bin` is a pickle and is never unpickled), their header
is compared with the config before a byte of weight is read, and the weights must be finite. The mapping
onto `GPT` follows nanoGPT's `from_pretrained`: Hugging Face keeps `c_attn`, `c_proj` and `c_fc` as
`Conv1D` layers whose weights are stored (in, out), so they are transposed into `nn.Linear`'s (out, in).
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import torch
from safetensors import SafetensorError, safe_open

from ..data.corpus import ProgressCallback
from ..data.tokenizer import BPETokenizer, CharTokenizer, Tokenizer
from ..files.untrusted import UntrustedFileError, plain_file_inside, read_regular_file
from ..model.config import ConfigError, GPTConfig, format_bytes
from ..model.model import GPT
from ..training.settings import TrainSettings
from ..words import QT_TRANSLATE_NOOP, integer, number, translate
from .checkpoint import Checkpoint, CheckpointError

HF_CONFIG = "config.json"
HF_WEIGHTS = "model.safetensors"
ACTIVATIONS = {"gelu_new": "gelu_tanh", "gelu_pytorch_tanh": "gelu_tanh", "gelu": "gelu", "relu": "relu"}
MAX_CONFIG_BYTES = 1 << 20
MAX_TOKENIZER_BYTES = 64 << 20

# our name → (Hugging Face name, transposed: a Conv1D weight stored (in, out))
_PER_LAYER = {
    "ln1.weight": ("ln_1.weight", False), "ln1.bias": ("ln_1.bias", False),
    "attn.qkv.weight": ("attn.c_attn.weight", True), "attn.qkv.bias": ("attn.c_attn.bias", False),
    "attn.proj.weight": ("attn.c_proj.weight", True), "attn.proj.bias": ("attn.c_proj.bias", False),
    "ln2.weight": ("ln_2.weight", False), "ln2.bias": ("ln_2.bias", False),
    "ffn.fc.weight": ("mlp.c_fc.weight", True), "ffn.fc.bias": ("mlp.c_fc.bias", False),
    "ffn.out.weight": ("mlp.c_proj.weight", True), "ffn.out.bias": ("mlp.c_proj.bias", False),
}


def weight_names(config: GPTConfig) -> dict[str, tuple[str, bool]]:
    """Every weight of our GPT with its Hugging Face GPT-2 name (without the `transformer.` prefix)."""
    names = {"tok_emb.weight": ("wte.weight", False), "pos_emb": ("wpe.weight", False),
             "ln_f.weight": ("ln_f.weight", False), "ln_f.bias": ("ln_f.bias", False)}
    for i in range(config.n_layer):
        for ours, (theirs, transposed) in _PER_LAYER.items():
            names[f"blocks.{i}.{ours}"] = (f"h.{i}.{theirs}", transposed)
    if not config.tie_embeddings:
        names["lm_head.weight"] = ("lm_head.weight", False)
    return names


def hf_key(name: str, prefix: str = "transformer.") -> str:
    """A weight's key in the file: the transformer's weights under `prefix` (the hub's gpt2 has none), the
    untied head at the top level."""
    return name if name == "lm_head.weight" else prefix + name


def is_pretrained_folder(path: str | os.PathLike) -> bool:
    """A Hugging Face model folder (config.json) rather than one of our checkpoints (checkpoint.json)."""
    path = Path(path)
    return path.is_dir() and (path / HF_CONFIG).is_file() and not (path / "checkpoint.json").exists()


def _fail(where: str, why: str) -> CheckpointError:
    return CheckpointError(translate("pretrained", "{where} cannot be opened as a pretrained model: {why}").format(
        where=where, why=why))


def read_hf_config(folder: Path, where: str) -> tuple[GPTConfig, dict]:
    """Our config for a GPT-2 `config.json` (raises CheckpointError naming what is wrong or unsupported)."""
    try:
        raw = json.loads(read_regular_file(folder / HF_CONFIG, MAX_CONFIG_BYTES).decode("utf-8"))
    except UntrustedFileError as e:
        raise _fail(where, str(e)) from None
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as e:
        raise _fail(where, translate("pretrained", "its config.json is damaged ({e})").format(e=e)) from None
    if not isinstance(raw, dict):
        raise _fail(where, translate("pretrained", "its config.json is not a table of values"))
    kind = raw.get("model_type")
    if kind != "gpt2":
        raise _fail(where, translate("pretrained", "it is a “{kind}” model; the playground opens GPT-2-family models "
                                                   "(model_type “gpt2”: gpt2, distilgpt2, gpt2-medium, gpt2-large, "
                                                   "gpt2-xl)").format(kind=str(kind)[:40]))
    for flag in ("scale_attn_by_inverse_layer_idx", "reorder_and_upcast_attn", "add_cross_attention"):
        if raw.get(flag):
            raise _fail(where, translate("pretrained", "its config sets {flag}, which the playground's GPT does not "
                                                       "do").format(flag=flag))
    if raw.get("scale_attn_weights", True) is not True:
        raise _fail(where, translate("pretrained", "its attention is not scaled by 1/√d_head"))
    activation = ACTIVATIONS.get(raw.get("activation_function", "gelu_new"))
    if activation is None:
        raise _fail(where, translate("pretrained", "its activation “{name}” is not one the playground has (GELU, "
                                                   "GPT-2's tanh GELU, ReLU)").format(
            name=str(raw.get("activation_function"))[:40]))
    try:
        d_model = _whole(raw, "n_embd", where)
        inner = raw.get("n_inner")
        ff_mult = 4 if inner is None else _whole(raw, "n_inner", where) // d_model
        if inner is not None and ff_mult * d_model != inner:
            raise _fail(where, translate("pretrained", "its feed-forward width {inner} is not a multiple of n_embd "
                                                       "{d}").format(inner=inner, d=d_model))
        eps = raw.get("layer_norm_epsilon", 1e-5)
        if not isinstance(eps, (int, float)) or isinstance(eps, bool):
            raise _fail(where, translate("pretrained", "its layer_norm_epsilon is not a number"))
        config = GPTConfig(vocab_size=_whole(raw, "vocab_size", where), context_length=_whole(raw, "n_positions", where),
                           n_layer=_whole(raw, "n_layer", where), n_head=_whole(raw, "n_head", where),
                           d_model=d_model, ff_mult=ff_mult, dropout=0.0, positional="learned",
                           activation=activation, norm_placement="pre", norm_eps=float(eps),
                           tie_embeddings=raw.get("tie_word_embeddings", True) is not False, causal=True)
    except ConfigError as e:
        raise _fail(where, str(e).rstrip(".")) from None
    return config, raw


def _whole(raw: dict, key: str, where: str) -> int:
    value = raw.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise _fail(where, translate("pretrained", "its config.json has no whole number for {key}").format(key=key))
    return value


def _weights_file(folder: Path, where: str) -> Path:
    if (folder / "model.safetensors.index.json").exists():
        raise _fail(where, translate("pretrained", "its weights are split over several files (a sharded "
                                                   "checkpoint); save it again as one model.safetensors"))
    path = plain_file_inside(folder, HF_WEIGHTS)
    if path is None:
        if (folder / "pytorch_model.bin").exists():
            raise _fail(where, translate("pretrained", "its weights are only in pytorch_model.bin, a pickle file "
                                                       "that could run code when read, so it is never opened. Use "
                                                       "the model's model.safetensors"))
        raise _fail(where, translate("pretrained", "it has no model.safetensors"))
    return path


def read_tokenizer(folder: Path, where: str) -> Tokenizer:
    """GPT-2's byte-level BPE from `tokenizer.json`, or from `vocab.json` + `merges.txt`; a character
    vocabulary (one a playground model was exported with) comes back as our character tokenizer."""
    from tokenizers import Tokenizer as HFTokenizer
    from tokenizers import decoders, models, pre_tokenizers

    try:
        if (full := plain_file_inside(folder, "tokenizer.json")) is not None:
            text = read_regular_file(full, MAX_TOKENIZER_BYTES).decode("utf-8")
            if (chars := _character_vocabulary(text)) is not None:
                return CharTokenizer(chars)
            hf = HFTokenizer.from_str(text)
        elif (vocab := plain_file_inside(folder, "vocab.json")) is not None and \
                (merges := plain_file_inside(folder, "merges.txt")) is not None:
            read_regular_file(vocab, MAX_TOKENIZER_BYTES)  # bounded and plain before the library reads them
            read_regular_file(merges, MAX_TOKENIZER_BYTES)
            hf = HFTokenizer(models.BPE.from_file(str(vocab), str(merges)))
            hf.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
            hf.decoder = decoders.ByteLevel()
        else:
            raise _fail(where, translate("pretrained", "its tokenizer is missing: put tokenizer.json, or vocab.json "
                                                       "and merges.txt, beside config.json"))
        return BPETokenizer(hf)
    except CheckpointError:
        raise
    except Exception as e:  # noqa: BLE001 — the tokenizers library raises plain Exceptions
        raise _fail(where, translate("pretrained", "its tokenizer cannot be read ({e})").format(e=e)) from None


def _character_vocabulary(tokenizer_json: str) -> list[str] | None:
    """The characters, in id order, of a one-token-per-character vocabulary; None for anything else."""
    try:
        model = json.loads(tokenizer_json).get("model", {})
    except (json.JSONDecodeError, RecursionError, AttributeError):
        return None
    vocab = model.get("vocab") if isinstance(model, dict) and model.get("type") == "WordLevel" else None
    if not isinstance(vocab, dict) or not all(isinstance(k, str) and len(k) == 1 for k in vocab):
        return None
    by_id = sorted(vocab, key=lambda c: vocab[c])
    return by_id if [vocab[c] for c in by_id] == list(range(len(by_id))) else None


def load_pretrained(folder: str | os.PathLike) -> Checkpoint:
    """A local GPT-2-family folder as a Checkpoint (step 0, nothing to resume) holding our own GPT."""
    folder = Path(folder)
    where = f"“{folder.name or folder}”"
    if not folder.is_dir():
        raise _fail(where, translate("pretrained", "it is not a folder"))
    config, raw = read_hf_config(folder, where)
    weights = _weights_file(folder, where)
    tokenizer = read_tokenizer(folder, where)
    if tokenizer.vocab_size > config.vocab_size:
        raise _fail(where, translate("pretrained", "its tokenizer has {n} tokens but the model only {vocab}").format(
            n=tokenizer.vocab_size, vocab=config.vocab_size))
    names = weight_names(config)
    expected = _expected_shapes(config)
    state = {}
    try:
        with safe_open(str(weights), framework="pt") as f:
            keys = set(f.keys())
            prefix = "transformer." if any(k.startswith("transformer.") for k in keys) else ""
            for ours, (theirs, transposed) in names.items():
                key = hf_key(theirs, prefix)
                if key not in keys:
                    raise _fail(where, translate("pretrained", "its weights have no {name}").format(name=key))
                shape = tuple(f.get_slice(key).get_shape())
                want = expected[ours][::-1] if transposed else expected[ours]
                if shape != want:
                    raise _fail(where, translate("pretrained", "its {name} has shape {shape}, but config.json "
                                                               "describes {want}").format(name=key, shape=shape, want=want))
            for ours, (theirs, transposed) in names.items():
                tensor = f.get_tensor(hf_key(theirs, prefix)).float()
                state[ours] = tensor.t().contiguous() if transposed else tensor
    except (SafetensorError, OSError) as e:
        raise _fail(where, translate("pretrained", "its model.safetensors cannot be read ({e})").format(e=e)) from None
    if not all(torch.isfinite(t).all() for t in state.values()):
        raise _fail(where, translate("pretrained", "its weights contain NaN or infinite numbers"))
    with torch.device("meta"):  # no second copy of the weights: GPT-2 small alone is 500 MB
        model = GPT(config)
    if config.tie_embeddings:
        state["lm_head.weight"] = state["tok_emb.weight"]
    model.load_state_dict(state, strict=True, assign=True)
    if config.tie_embeddings:
        model.lm_head.weight = model.tok_emb.weight  # one parameter, as GPT-2 ties them
    model.eval()
    name = str(raw.get("_name_or_path") or folder.name)[:80] or folder.name
    return Checkpoint(config=config, tokenizer=tokenizer, model=model, settings=TrainSettings(learning_rate=1e-4),
                      step=0, corpus_name="", path=folder, pretrained_name=name)


def _expected_shapes(config: GPTConfig) -> dict[str, tuple[int, ...]]:
    d, V = config.d_model, config.vocab_size
    shapes = {"tok_emb.weight": (V, d), "pos_emb": (config.context_length, d), "ln_f.weight": (d,), "ln_f.bias": (d,)}
    per_layer = {"ln1.weight": (d,), "ln1.bias": (d,), "attn.qkv.weight": (3 * d, d), "attn.qkv.bias": (3 * d,),
                 "attn.proj.weight": (d, d), "attn.proj.bias": (d,), "ln2.weight": (d,), "ln2.bias": (d,),
                 "ffn.fc.weight": (config.d_ff, d), "ffn.fc.bias": (config.d_ff,), "ffn.out.weight": (d, config.d_ff),
                 "ffn.out.bias": (d,)}
    for i in range(config.n_layer):
        shapes.update({f"blocks.{i}.{k}": v for k, v in per_layer.items()})
    if not config.tie_embeddings:
        shapes["lm_head.weight"] = (V, d)
    return shapes


def describe_pretrained(config: GPTConfig) -> str:
    return translate("pretrained", "{layers} layers × {heads} heads, d_model {d}, context {context}, {vocab} tokens "
                                   "· {params} M parameters").format(
        layers=config.n_layer, heads=config.n_head, d=config.d_model, context=config.context_length,
        vocab=f"{config.vocab_size:,}", params=f"{config.n_params() / 1e6:.0f}" if config.n_params() >= 1e7 else
        f"{config.n_params() / 1e6:.2f}")


def matmul_rate(seconds: float = 0.1) -> float:
    """FLOP/s this CPU reaches on a mid-sized fp32 matrix product, measured for about `seconds`."""
    import time

    a, b = torch.randn(512, 512), torch.randn(512, 512)
    a @ b  # warm-up
    runs, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        a @ b
        runs += 1
    return 2 * 512 ** 3 * runs / elapsed


def fine_tune_estimate(config: GPTConfig, batch_size: int, context: int | None = None,
                       flops_per_s: float | None = None) -> str:
    """One sentence before a pretrained model trains on a CPU: the memory it will take and about how long a
    step lasts (6 FLOPs per parameter and token, at about half of a measured matmul rate: small shapes and
    the rest of the step get no more here)."""
    tokens = batch_size * (context or config.context_length)
    seconds = 6 * config.n_params() * tokens / (0.5 * (flops_per_s or matmul_rate()))
    return translate("pretrained", "Training it on this CPU takes about {memory} of memory and roughly {seconds} s a "
                                   "step at batch {batch} × {tokens} tokens; a smaller batch or a distilled model "
                                   "(distilgpt2) is quicker.").format(
        memory=format_bytes(config.estimate_training_memory(batch_size)), seconds=number(seconds, 1),
        batch=batch_size, tokens=integer(context or config.context_length))


def open_model(path: str | os.PathLike) -> Checkpoint:
    """A saved model of either kind: one of our checkpoints (or run folders), or a Hugging Face GPT-2 folder."""
    from .checkpoint import load_checkpoint

    return load_pretrained(path) if is_pretrained_folder(path) else load_checkpoint(path)


DOWNLOADABLE = ("distilgpt2", "gpt2")  # distilgpt2 first: half the layers, the one to fine-tune on a CPU
_HUB_NAMES = {"gpt2": "openai-community/gpt2", "distilgpt2": "distilbert/distilgpt2"}
_WANTED = ["config.json", "model.safetensors", "tokenizer.json", "vocab.json", "merges.txt"]


class DownloadError(RuntimeError):
    """A download that could not happen (offline, cancelled, refused); the message says what to do."""


def offline_advice(name: str = "gpt2") -> str:
    return translate("pretrained", "This computer cannot reach huggingface.co. On a computer that can, download "
                                   "{name}'s config.json, model.safetensors and tokenizer.json (or vocab.json and "
                                   "merges.txt) into one folder, copy it here, and open that folder with File ▸ "
                                   "Open pretrained model.").format(name=name)


def download_pretrained(name: str, into: str | os.PathLike,
                        progress: ProgressCallback | None = None,
                        should_stop: Callable[[], bool] | None = None) -> Path:
    """Fetch gpt2 or distilgpt2 (only the files the playground reads: never a pickle) into a folder of the
    user's cache with `huggingface_hub`, reporting progress; raises DownloadError with what to do."""
    if name not in _HUB_NAMES:
        raise DownloadError(translate("pretrained", "“{name}” is not one the playground downloads ({names}).").format(
            name=name, names=", ".join(DOWNLOADABLE)))
    try:
        from huggingface_hub import snapshot_download
        from tqdm.auto import tqdm
    except ImportError:
        raise DownloadError(translate("pretrained", "Downloading needs the huggingface_hub package (pip install "
                                                    "huggingface_hub).") + " " + offline_advice(name)) from None

    class Reporting(tqdm):  # the hub reports bytes through tqdm: pass them on, and stop when asked
        def update(self, n=1):
            if should_stop is not None and should_stop():
                raise _Cancelled
            result = super().update(n)
            if progress is not None and self.total:
                progress(min(1.0, self.n / self.total), QT_TRANSLATE_NOOP("pretrained", "downloading"))
            return result

    folder = Path(into) / name
    try:
        snapshot_download(_HUB_NAMES[name], allow_patterns=_WANTED, local_dir=folder, tqdm_class=Reporting)
    except _Cancelled:
        raise DownloadError(translate("pretrained", "The download was cancelled.")) from None
    except Exception as e:  # noqa: BLE001 — offline, refused, a proxy: the hub raises many kinds
        raise DownloadError(offline_advice(name) + " (" + type(e).__name__ + ")") from None
    return folder


class _Cancelled(Exception):
    pass
