"""The bridge to real models, both ways, proved with `transformers` itself: a GPT-2 folder opens as our
own GPT with the same logits, and a learner's model exported as a GPT-2 folder loads in `transformers`
with the same logits and tokens. Every GPT-2 here is built from a config with random weights: nothing is
downloaded."""
import json
import shutil

import pytest
import torch
from engine_helpers import tiny_trainer
from safetensors.torch import load_file, save_file

from playground.core.data.tokenizer import BPETokenizer
from playground.core.storage.checkpoint import CheckpointError
from playground.core.storage.export import ExportError, export_model
from playground.core.storage.pretrained import load_pretrained

transformers = pytest.importorskip("transformers")
pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def small_gpt2(tmp_path_factory):
    """A 2-layer GPT-2 with random weights and a BPE tokenizer learned here, saved as a Hugging Face folder."""
    from conftest import SMALL_TEXT
    folder = tmp_path_factory.mktemp("gpt2")
    tokenizer = BPETokenizer.train(SMALL_TEXT, 300)
    torch.manual_seed(0)
    config = transformers.GPT2Config(vocab_size=tokenizer.vocab_size, n_positions=64, n_embd=48, n_layer=2,
                                     n_head=4, resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0)
    model = transformers.GPT2LMHeadModel(config).eval()
    with torch.no_grad():  # random biases and norms too, so a mix-up of any of them shows
        for name, p in model.named_parameters():
            if "ln_" in name or name.endswith("bias"):
                p.add_(torch.randn_like(p) * 0.1)
    model.save_pretrained(folder)
    (folder / "tokenizer.json").write_text(tokenizer.hf_tokenizer.to_str(), encoding="utf-8")
    return folder, model, tokenizer


def _hf_logits(model, ids):
    with torch.no_grad():
        return model(torch.tensor([ids])).logits[0]


def test_a_gpt2_folder_opens_with_the_same_logits_as_transformers(small_gpt2):
    folder, reference, tokenizer = small_gpt2
    opened = load_pretrained(folder)
    ids = tokenizer.encode_prompt("To be, or not to be, that is the question").ids
    with torch.no_grad():
        ours = opened.model(torch.tensor([ids]))[0][0]
    torch.testing.assert_close(ours, _hf_logits(reference, ids), atol=1e-4, rtol=0)
    assert opened.config.activation == "gelu_tanh" and opened.tokenizer.encode_prompt("To be").ids == \
        tokenizer.encode_prompt("To be").ids
    # the inspection pass (softmax(QKᵀ/√d)·V spelled out) agrees with the fused one
    logits, _ = opened.model.forward_traced(torch.tensor([ids]))
    torch.testing.assert_close(logits[0], _hf_logits(reference, ids), atol=1e-4, rtol=0)


@pytest.mark.parametrize("family", [
    {"n_layer": 6, "n_head": 12, "n_embd": 48},   # distilgpt2's layers and heads (narrower: nothing is downloaded)
    {"n_layer": 12, "n_head": 12, "n_embd": 48},  # gpt2's
    {"n_layer": 24, "n_head": 16, "n_embd": 64},  # gpt2-medium's: more than the sliders offer
])
def test_the_gpt2_familys_shapes_open_with_transformers_logits(small_gpt2, tmp_path, family):
    _, _, tokenizer = small_gpt2
    torch.manual_seed(1)
    config = transformers.GPT2Config(vocab_size=tokenizer.vocab_size, n_positions=1024, **family)
    reference = transformers.GPT2LMHeadModel(config).eval()
    reference.save_pretrained(tmp_path / "m")
    (tmp_path / "m" / "tokenizer.json").write_text(tokenizer.hf_tokenizer.to_str(), encoding="utf-8")
    opened = load_pretrained(tmp_path / "m")
    assert (opened.config.n_layer, opened.config.n_head, opened.config.context_length) == \
        (family["n_layer"], family["n_head"], 1024)
    ids = tokenizer.encode_prompt("To be, or not to be").ids
    with torch.no_grad():
        torch.testing.assert_close(opened.model(torch.tensor([ids]))[0][0], _hf_logits(reference, ids), atol=1e-4,
                                   rtol=0)


def test_the_hubs_layout_without_the_transformer_prefix_and_vocab_merges_files(small_gpt2, tmp_path):
    folder, reference, tokenizer = small_gpt2
    copy = tmp_path / "hub-layout"
    copy.mkdir()
    shutil.copy(folder / "config.json", copy)
    tensors = load_file(str(folder / "model.safetensors"))
    save_file({k.removeprefix("transformer."): v for k, v in tensors.items()}, str(copy / "model.safetensors"))
    tokenizer.hf_tokenizer.model.save(str(copy))  # vocab.json + merges.txt, as the hub's gpt2 ships them
    assert (copy / "vocab.json").exists() and (copy / "merges.txt").exists()
    opened = load_pretrained(copy)
    ids = tokenizer.encode_prompt("Whether 'tis nobler").ids
    assert opened.tokenizer.encode_prompt("Whether 'tis nobler").ids == ids
    with torch.no_grad():
        torch.testing.assert_close(opened.model(torch.tensor([ids]))[0][0], _hf_logits(reference, ids),
                                   atol=1e-4, rtol=0)


def _broken(small_gpt2, tmp_path, change):
    folder = tmp_path / "broken"
    shutil.copytree(small_gpt2[0], folder)
    change(folder)
    return folder


def _config_edit(**values):
    def change(folder):
        config = json.loads((folder / "config.json").read_text())
        config.update(values)
        (folder / "config.json").write_text(json.dumps(config))
    return change


def _nan(folder):
    tensors = load_file(str(folder / "model.safetensors"))
    tensors["transformer.h.0.mlp.c_fc.weight"][0, 0] = float("nan")
    save_file(tensors, str(folder / "model.safetensors"))


def _pickle_only(folder):
    (folder / "model.safetensors").rename(folder / "pytorch_model.bin")


@pytest.mark.parametrize("change, words", [
    (_pickle_only, "pickle"),
    (_config_edit(model_type="llama"), "“llama” model"),
    (_config_edit(n_embd=64), "shape"),
    (_nan, "NaN"),
    (lambda f: (f / "tokenizer.json").unlink(), "tokenizer is missing"),
    (lambda f: (f / "model.safetensors.index.json").write_text("{}"), "sharded"),
    (lambda f: (f / "config.json").write_text("{not json"), "damaged"),
    (_config_edit(activation_function="swish"), "activation"),
])
def test_a_folder_the_playground_cannot_open_says_why_in_one_sentence(small_gpt2, tmp_path, change, words):
    folder = _broken(small_gpt2, tmp_path, change)
    with pytest.raises(CheckpointError) as caught:
        load_pretrained(folder)
    assert words in str(caught.value) and "“broken”" in str(caught.value)


def test_a_pickle_is_never_unpickled(small_gpt2, tmp_path, monkeypatch):
    folder = _broken(small_gpt2, tmp_path, _pickle_only)
    monkeypatch.setattr(torch, "load", lambda *a, **k: pytest.fail("torch.load was called on a pickle"))
    import pickle
    monkeypatch.setattr(pickle, "load", lambda *a, **k: pytest.fail("pickle.load was called"))
    with pytest.raises(CheckpointError, match="never opened"):
        load_pretrained(folder)


# ---- out: a learner's model as a GPT-2 folder --------------------------------------------------------

def _trained(small_text, **shape):
    trainer = tiny_trainer(small_text, max_steps=20, **shape)
    for _ in range(20):
        trainer.train_step()
    return trainer


@pytest.mark.parametrize("shape", [
    {},                                                     # the default: ReLU, learned positions, tied
    {"activation": "gelu", "tie_embeddings": False},
    {"positional": "sinusoidal"},
    {"positional": "none", "activation": "gelu"},
])
def test_an_exported_model_loads_in_transformers_with_the_same_logits_and_tokens(small_text, tmp_path, shape):
    trainer = _trained(small_text, **shape)
    folder = export_model(trainer.model, trainer.tokenizer, tmp_path / "export")
    hf = transformers.GPT2LMHeadModel.from_pretrained(folder).eval()
    hf_tokenizer = transformers.AutoTokenizer.from_pretrained(folder)
    text = "To be, or not to be"
    ids = trainer.tokenizer.encode_prompt(text).ids
    assert hf_tokenizer(text)["input_ids"] == ids
    assert hf_tokenizer.decode(ids) == text
    trainer.model.eval()
    with torch.no_grad():
        torch.testing.assert_close(_hf_logits(hf, ids), trainer.model(torch.tensor([ids]))[0][0], atol=1e-4, rtol=0)
    # and it opens back in the playground as the same model
    back = load_pretrained(folder)
    with torch.no_grad():
        torch.testing.assert_close(back.model(torch.tensor([ids]))[0][0], trainer.model(torch.tensor([ids]))[0][0],
                                   atol=1e-4, rtol=0)


def test_an_exported_bpe_model_writes_through_a_transformers_pipeline(small_text, tmp_path):
    from playground.core.model.config import GPTConfig
    from playground.core.training.settings import TrainSettings
    from playground.core.training.trainer import Trainer
    tokenizer = BPETokenizer.train(small_text, 300)
    config = GPTConfig(vocab_size=tokenizer.vocab_size, n_layer=1, n_head=2, d_model=32, context_length=32)
    trainer = Trainer(config, TrainSettings(max_steps=10, warmup_steps=2), tokenizer, tokenizer.encode_corpus(small_text))
    for _ in range(10):
        trainer.train_step()
    folder = export_model(trainer.model, tokenizer, tmp_path / "bpe")
    generate = transformers.pipeline("text-generation", model=str(folder), device="cpu")
    out = generate("To be", max_new_tokens=8, do_sample=False)[0]["generated_text"]
    assert out.startswith("To be") and len(out) > len("To be")
    assert transformers.AutoTokenizer.from_pretrained(folder)("To be, or")["input_ids"] == \
        tokenizer.encode_prompt("To be, or").ids


@pytest.mark.parametrize("shape, words", [({"norm_placement": "post"}, "post-norm"),
                                          ({"causal": False}, "causal mask")])
def test_variants_gpt2_cannot_express_are_refused_with_the_reason(small_text, tmp_path, shape, words):
    trainer = tiny_trainer(small_text, max_steps=10, **shape)
    with pytest.raises(ExportError, match=words):
        export_model(trainer.model, trainer.tokenizer, tmp_path / "x")
    assert not (tmp_path / "x").exists() and not list(tmp_path.glob(".x-*"))


def test_the_command_line_samples_measures_fine_tunes_and_exports(small_gpt2, small_file, tmp_path):
    from test_cli import run_cli
    folder = small_gpt2[0]
    sample = run_cli("sample", str(folder), "--prompt", "To be", "--tokens", "10", "--seed", "1")
    assert sample.returncode == 0 and sample.stdout.startswith("To be"), sample.stderr
    heads = run_cli("heads", str(folder), "--text", str(small_file))
    assert heads.returncode == 0 and len(heads.stdout.strip().splitlines()) == 1 + 2 * 4, heads.stderr
    tuned = tmp_path / "tuned"
    train = run_cli("train", str(small_file), "--resume", str(folder), "--steps", "3", "--batch-size", "2",
                    "--out", str(tuned), "--no-record")
    assert train.returncode == 0, train.stderr
    from playground.core.storage.checkpoint import load_checkpoint
    kept = load_checkpoint(tuned)  # the fine-tuned model keeps GPT-2's tokenizer and reopens
    assert kept.step == 3 and kept.tokenizer.vocab_size == small_gpt2[2].vocab_size
    out = run_cli("export", str(tuned), "--to", str(tmp_path / "hf"))
    assert out.returncode == 0, out.stderr
    assert transformers.GPT2LMHeadModel.from_pretrained(tmp_path / "hf").config.n_layer == 2
    refused = run_cli("sample", str(_broken(small_gpt2, tmp_path, _pickle_only)))
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and "pickle" in refused.stderr


def test_offline_the_download_says_what_to_put_where_and_writes_nothing(tmp_path, monkeypatch):
    from playground.core.storage.pretrained import DownloadError, download_pretrained
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # tests never download: the hub refuses at once
    with pytest.raises(DownloadError) as caught:
        download_pretrained("distilgpt2", tmp_path)
    message = str(caught.value)
    assert "cannot reach huggingface.co" in message and "model.safetensors" in message and "Open pretrained" in message
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
    with pytest.raises(DownloadError, match="not one the playground downloads"):
        download_pretrained("llama-7b", tmp_path)


def test_a_model_with_more_rows_than_its_tokenizer_has_tokens_names_the_extra_ids(small_gpt2, tmp_path):
    """Hugging Face models may pad their vocabulary (50,304 rows for GPT-2's 50,257 tokens): every view must
    still be able to name every id."""
    folder = tmp_path / "padded"
    shutil.copytree(small_gpt2[0], folder)
    config = json.loads((folder / "config.json").read_text())
    torch.manual_seed(0)
    padded = transformers.GPT2LMHeadModel(transformers.GPT2Config(**{**config, "vocab_size": config["vocab_size"] + 4}))
    padded.save_pretrained(folder)
    opened = load_pretrained(folder)
    assert opened.config.vocab_size == small_gpt2[2].vocab_size + 4
    assert opened.tokenizer.token_text(opened.config.vocab_size - 1) == f"⟨{opened.config.vocab_size - 1}⟩"


def test_the_fine_tune_estimate_grows_with_the_model_and_the_batch():
    from playground.core.model.config import GPTConfig
    from playground.core.storage.pretrained import fine_tune_estimate
    small = GPTConfig(vocab_size=50_257, n_layer=6, n_head=12, d_model=768, context_length=1024)  # distilgpt2
    words = fine_tune_estimate(small, batch_size=4, flops_per_s=100e9)
    assert "of memory" in words and "s a step at batch 4 × 1,024 tokens" in words and "distilgpt2" in words
    seconds = lambda text: float(text.split("roughly ")[1].split(" s a step")[0].replace(",", ""))
    medium = GPTConfig(vocab_size=50_257, n_layer=24, n_head=16, d_model=1024, context_length=1024)
    # 6 FLOPs per parameter and token at half of 100 GFLOP/s: 81.9 M parameters × 4,096 tokens ≈ 40 s
    assert seconds(words) == pytest.approx(6 * small.n_params() * 4096 / 50e9, rel=0.05)
    assert seconds(fine_tune_estimate(medium, 4, flops_per_s=100e9)) == pytest.approx(
        seconds(words) * medium.n_params() / small.n_params(), rel=0.05)
    assert "Training it on this CPU" in fine_tune_estimate(small, 1)  # with the rate measured here
