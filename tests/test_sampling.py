import math

import pytest
import torch
from test_model import VARIANTS, model_for

from playground.core.model.sampling import SamplingSettings, generate, next_token_distribution


@pytest.mark.parametrize("variant", VARIANTS)
def test_cached_generation_matches_recomputing_every_step(variant):
    model = model_for(**variant)
    prompt = [1, 2, 3]
    cached = list(generate(model, prompt, 30, SamplingSettings(greedy=True)))  # slides past context 16
    ids = list(prompt)
    with torch.no_grad():
        for _ in range(30):
            logits, _ = model(torch.tensor([ids[-16:]]))
            ids.append(int(logits[0, -1].argmax()))
    assert cached == ids[3:]


def test_generation_can_be_stopped():
    model = model_for()
    calls = []
    out = list(generate(model, [1], 50, SamplingSettings(), should_stop=lambda: calls.append(1) or len(calls) > 5))
    assert len(out) == 5


def test_top_k_cuts_are_reported_not_hidden():
    logits = torch.tensor([4.0, 3.0, 2.0, 1.0, 0.0])
    dist = next_token_distribution(logits, SamplingSettings(temperature=1.0, top_k=2))
    assert dist.kept.tolist() == [True, True, False, False, False]
    assert math.isclose(float(dist.probs.sum()), 1.0, rel_tol=1e-6)
    assert math.isclose(float(dist.sampled.sum()), 1.0, rel_tol=1e-6) and float(dist.sampled[2]) == 0


def test_top_p_keeps_the_smallest_set_that_reaches_p():
    probs = torch.tensor([0.40, 0.30, 0.15, 0.10, 0.05])
    logits = probs.log()
    # 0.40 < 0.8, 0.70 < 0.8, 0.85 ≥ 0.8: the nucleus is the top three tokens
    nucleus = next_token_distribution(logits, SamplingSettings(temperature=1.0, top_p=0.8))
    assert nucleus.kept.tolist() == [True, True, True, False, False]
    torch.testing.assert_close(nucleus.sampled[:3], probs[:3] / 0.85)
    two = next_token_distribution(logits, SamplingSettings(temperature=1.0, top_p=0.69))
    assert two.kept.tolist() == [True, True, False, False, False]


def test_top_k_and_top_p_together_keep_what_both_keep():
    logits = torch.tensor([0.40, 0.30, 0.15, 0.10, 0.05]).log()
    both = next_token_distribution(logits, SamplingSettings(temperature=1.0, top_k=2, top_p=0.9))
    assert both.kept.tolist() == [True, True, False, False, False]  # top-p alone keeps four
    torch.testing.assert_close(both.sampled[:2], torch.tensor([0.4, 0.3]) / 0.7)


def test_sampling_draws_only_from_the_kept_tokens():
    logits = torch.tensor([0.40, 0.30, 0.15, 0.10, 0.05]).log()
    settings = SamplingSettings(temperature=1.0, top_p=0.8)
    dist = next_token_distribution(logits, settings)
    draws = torch.multinomial(dist.sampled, 2000, replacement=True, generator=torch.Generator().manual_seed(0))
    assert set(draws.tolist()) == {0, 1, 2}


def test_temperature_sharpens_and_flattens():
    logits = torch.tensor([4.0, 3.0, 2.0, 1.0, 0.0])
    hot = next_token_distribution(logits, SamplingSettings(temperature=2.0)).probs[0]
    cold = next_token_distribution(logits, SamplingSettings(temperature=0.1)).probs[0]
    assert cold > 0.99 and hot < 0.5


@pytest.mark.parametrize("bad", [{"temperature": 0}, {"top_k": -1}, {"top_p": 0.0}, {"top_p": 1.5}])
def test_bad_sampling_settings_explained(bad):
    with pytest.raises(ValueError, match="must be"):
        SamplingSettings(**bad)
