"""Why this token? The parts of a candidate's logit add up to the logit itself, and the head that pushed it
most is the one whose absence costs it most."""
import numpy as np
import pytest
import torch
from engine_helpers import tiny_trainer

from playground.core.analysis.ablation import Ablation, ablated
from playground.core.analysis.attribution import AttributionError, attribute, source_contributions
from playground.core.analysis.inspection import inspect

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def trained():
    """Shakespeare's first 200,000 characters, 400 steps: heads that matter, predictions far from certain."""
    from playground.core.session.loaded_corpus import DEFAULT_CORPUS
    text = DEFAULT_CORPUS.read_text(encoding="utf-8")[:200_000]
    trainer = tiny_trainer(text, n_layer=2, n_head=4, d_model=64, max_steps=400, learning_rate=5e-3, batch_size=16)
    for _ in range(400):
        trainer.train_step()
    trainer.model.eval()
    return trainer


@pytest.mark.parametrize("shape", [{}, {"positional": "sinusoidal", "tie_embeddings": False, "activation": "gelu"}])
def test_the_parts_add_up_to_the_logit_for_every_candidate(small_text, shape):
    trainer = tiny_trainer(small_text, max_steps=20, **shape)
    for _ in range(20):
        trainer.train_step()
    ids = trainer.tokenizer.encode_prompt("To be, or not to b").ids
    inspection = inspect(trainer.model, ids)
    for token in np.argsort(-inspection.probs)[:5]:
        a = attribute(trainer.model, inspection, int(token))
        assert a.total == pytest.approx(a.logit, abs=1e-4)
        assert a.heads.shape == (2, 2) and a.ffn.shape == (2,)
        for layer in range(2):
            for head in range(2):
                by_source = source_contributions(trainer.model, inspection, a, layer, head)
                assert by_source.shape == (len(ids),) and by_source.sum() == pytest.approx(a.heads[layer, head], abs=1e-5)
                assert (by_source[len(ids):] == 0).all()


def test_with_a_head_switched_off_it_contributes_nothing_and_the_sum_still_holds(trained):
    ids = trained.tokenizer.encode_prompt("Whether 'tis nobler in the mi").ids
    with ablated(trained.model, Ablation(heads_off=frozenset({(1, 2)}))):
        inspection = inspect(trained.model, ids)
        a = attribute(trained.model, inspection, int(inspection.probs.argmax()))
        assert a.heads[1, 2] == 0.0 and a.total == pytest.approx(a.logit, abs=1e-4)


def test_the_top_head_is_the_one_whose_absence_costs_the_token_most(trained):
    """Where the heads push clearly (a share of at least 0.15 in the logit: below that, what a head changes
    downstream outweighs its direct push), switching off the most positive head lowers the token's
    probability more than switching off the most negative one."""
    prompts = ["ROMEO:\nBut soft, what light through yonder window b", "First Citizen:\nBefore we proceed any further, hear me spea",
               "To be, or not to b", "And by opposing end the", "KING RICHARD III:\nNow is the winter of our discon",
               "The quality of mercy is not strai"]
    checked = []
    for prompt in prompts:
        ids = trained.tokenizer.encode_prompt(prompt).ids
        inspection = inspect(trained.model, ids)
        token = int(inspection.probs.argmax())
        a = attribute(trained.model, inspection, token)
        up, down = a.strongest_heads()
        if max(a.heads[up], -a.heads[down]) < 0.15:
            continue
        probs = {}
        for head in (up, down):
            with ablated(trained.model, Ablation(heads_off=frozenset({head}))):
                probs[head] = float(inspect(trained.model, ids).probs[token])
        checked.append((prompt, probs[up] < probs[down]))
    assert len(checked) >= 3 and all(agree for _, agree in checked), checked


def test_a_post_norm_model_is_refused_with_the_reason(small_text):
    trainer = tiny_trainer(small_text, norm_placement="post", max_steps=10)
    inspection = inspect(trainer.model, trainer.tokenizer.encode_prompt("To be").ids)
    with pytest.raises(AttributionError, match="pre-norm"):
        attribute(trainer.model, inspection, 0)


def test_it_works_on_a_pretrained_gpt2_too(tmp_path):
    transformers = pytest.importorskip("transformers")
    from conftest import SMALL_TEXT

    from playground.core.data.tokenizer import BPETokenizer
    from playground.core.storage.pretrained import load_pretrained
    tokenizer = BPETokenizer.train(SMALL_TEXT, 300)
    torch.manual_seed(1)
    config = transformers.GPT2Config(vocab_size=tokenizer.vocab_size, n_positions=32, n_embd=32, n_layer=2, n_head=4)
    transformers.GPT2LMHeadModel(config).save_pretrained(tmp_path)
    (tmp_path / "tokenizer.json").write_text(tokenizer.hf_tokenizer.to_str(), encoding="utf-8")
    model = load_pretrained(tmp_path).model
    inspection = inspect(model, tokenizer.encode_prompt("To be, or not").ids)
    a = attribute(model, inspection, int(inspection.probs.argmax()))
    assert a.total == pytest.approx(a.logit, abs=1e-4) and a.heads.shape == (2, 4)


def test_the_command_line_says_why(tmp_path, small_file, trained):
    from test_cli import run_cli

    from playground.core.storage.checkpoint import save_checkpoint
    save_checkpoint(tmp_path / "m", trained)
    result = run_cli("why", str(tmp_path / "m"), "--prompt", "To be, or not to b", "--top", "5")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("next token ‘") and "probability" in lines[0]
    parts = [line for line in lines[2:7]]
    assert len(parts) == 5 and all("layer" in p or "embedding" in p for p in parts)
    total, logit = lines[-1].split("(= the logit ")
    assert float(total.split()[-1]) == pytest.approx(float(logit.rstrip(")")), abs=2e-3)
    assert "earlier tokens that mattered" in result.stderr
    bad = run_cli("why", str(tmp_path / "m"), "--prompt", "To be", "--token", "xyz")
    assert bad.returncode == 2 and "3 tokens" in bad.stderr
