"""Exporting a learner's model as a Hugging Face GPT-2 folder: `GPT2LMHeadModel.from_pretrained(folder)`
gives the same logits, `AutoTokenizer.from_pretrained(folder)` the same tokens, and
`pipeline("text-generation", model=folder)` writes with it.

GPT-2 can express most of the playground's variants: ReLU or exact GELU (its `activation_function`), an
untied output head (`tie_word_embeddings: false`), sinusoidal or no positions (written into `wpe` as fixed
numbers). Two it cannot: post-norm blocks and a model without the causal mask — those are refused with
the reason. A character model gets a `tokenizer.json` built with the `tokenizers` library: one token per
character, the same ids.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import torch

from ..data.tokenizer import BPETokenizer, CharTokenizer, Tokenizer
from ..files.durable import apply_umask, fsync_dir, save_tensors, write_failure
from ..model.config import GPTConfig
from ..model.model import GPT
from ..words import translate
from .pretrained import HF_CONFIG, HF_WEIGHTS, hf_key, weight_names

HF_ACTIVATION = {"gelu": "gelu", "gelu_tanh": "gelu_new", "relu": "relu"}


class ExportError(ValueError):
    """A model GPT-2 cannot express; the message says which part and why."""


def export_problems(config: GPTConfig) -> list[str]:
    problems = []
    if config.norm_placement != "pre":
        problems.append(translate("export", "its blocks normalise after the residual add (post-norm, as in 2017); "
                                            "GPT-2's normalise before each sublayer"))
    if not config.causal:
        problems.append(translate("export", "it was trained without the causal mask; GPT-2 always masks the future"))
    return problems


def hf_config(config: GPTConfig, tokenizer: Tokenizer) -> dict:
    eos = _end_token(tokenizer)
    return {
        "architectures": ["GPT2LMHeadModel"], "model_type": "gpt2",
        "vocab_size": config.vocab_size, "n_positions": config.context_length, "n_embd": config.d_model,
        "n_layer": config.n_layer, "n_head": config.n_head, "n_inner": config.d_ff,
        "activation_function": HF_ACTIVATION[config.activation], "layer_norm_epsilon": config.norm_eps,
        "resid_pdrop": 0.0, "embd_pdrop": 0.0, "attn_pdrop": 0.0, "initializer_range": 0.02,
        "scale_attn_weights": True, "scale_attn_by_inverse_layer_idx": False, "reorder_and_upcast_attn": False,
        "tie_word_embeddings": config.tie_embeddings, "use_cache": True,
        "bos_token_id": eos, "eos_token_id": eos,
        "task_specific_params": {"text-generation": {"do_sample": True, "max_length": config.context_length}},
    }


def _end_token(tokenizer: Tokenizer) -> int:
    """A token to stand for "end of text" (GPT-2's <|endoftext|> where the vocabulary has it, else a newline)."""
    if isinstance(tokenizer, BPETokenizer):
        found = tokenizer.hf_tokenizer.token_to_id("<|endoftext|>")
        if found is not None:
            return found
    newline = tokenizer.encode_prompt("\n").ids
    return newline[0] if newline else 0


def hf_tensors(model: GPT) -> dict[str, torch.Tensor]:
    """Our weights under GPT-2's names, Conv1D layers transposed to (in, out)."""
    state = model.state_dict()
    if "pos_emb" not in state:  # sinusoidal or none: a fixed buffer, written into wpe as numbers
        state["pos_emb"] = model.pos_emb
    out = {}
    for ours, (theirs, transposed) in weight_names(model.config).items():
        tensor = state[ours].detach().float().cpu()
        out[hf_key(theirs)] = (tensor.t() if transposed else tensor).contiguous().clone()
    return out


def tokenizer_json(tokenizer: Tokenizer) -> str:
    """A `tokenizer.json` that `AutoTokenizer` loads and that cuts text into exactly our ids."""
    if isinstance(tokenizer, BPETokenizer):
        return tokenizer.hf_tokenizer.to_str()
    from tokenizers import Regex, decoders, models, pre_tokenizers
    from tokenizers import Tokenizer as HFTokenizer

    if not isinstance(tokenizer, CharTokenizer):
        raise ExportError(translate("export", "Only character and BPE tokenizers can be exported."))
    vocab = {c: i for i, c in enumerate(tokenizer.chars)}
    hf = HFTokenizer(models.WordLevel(vocab, unk_token=None))
    hf.pre_tokenizer = pre_tokenizers.Split(Regex(r"[\s\S]"), behavior="isolated")  # every character alone
    hf.decoder = decoders.Fuse()  # and back without spaces between them
    return hf.to_str()


def export_model(model: GPT, tokenizer: Tokenizer, folder: str | os.PathLike) -> Path:
    """Write the folder (a new or empty one). Raises ExportError for a model GPT-2 cannot express and
    DiskWriteError when the disk refuses; a failed export leaves nothing behind."""
    config = model.config
    if problems := export_problems(config):
        raise ExportError(translate("export", "This model cannot be written as a GPT-2: {why}.").format(
            why="; ".join(problems)))
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ExportError(translate("export", "“{folder}” already exists and is not empty: choose a new folder "
                                              "name.").format(folder=folder))
    tensors = hf_tensors(model)
    eos = _end_token(tokenizer)
    token_config = {"tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": config.context_length,
                    "eos_token": tokenizer.hf_tokenizer.id_to_token(eos) if isinstance(tokenizer, BPETokenizer)
                    else tokenizer.token_text(eos), "clean_up_tokenization_spaces": False}
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        save_tensors(tensors, staging / HF_WEIGHTS, metadata={"format": "pt"})
        (staging / HF_CONFIG).write_text(json.dumps(hf_config(config, tokenizer), indent=2), encoding="utf-8")
        (staging / "tokenizer.json").write_text(tokenizer_json(tokenizer), encoding="utf-8")
        (staging / "tokenizer_config.json").write_text(json.dumps(token_config, indent=2), encoding="utf-8")
        (staging / "generation_config.json").write_text(json.dumps(
            {"bos_token_id": eos, "eos_token_id": eos, "pad_token_id": eos, "do_sample": True}, indent=2),
            encoding="utf-8")
        apply_umask(staging, directory=True)
        if folder.exists():
            folder.rmdir()  # empty, checked above
        os.replace(staging, folder)
        fsync_dir(folder.parent)
    except OSError as e:
        shutil.rmtree(staging, ignore_errors=True)
        raise write_failure(folder.parent, e, sum(t.numel() * 4 for t in tensors.values())) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder
