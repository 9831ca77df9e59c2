"""One definition of the train/validation split: on tokens, with the model's own fraction, asked by every
part that needs it."""
import random

import numpy as np
import pytest

from playground.core.data.corpus import Corpus
from playground.core.data.split import TextSplit, split_point
from playground.core.session.loaded_corpus import tokenize_corpus
from playground.core.session.session import Session
from playground.core.training.dataset import TokenDataset


def _text_whose_char_and_token_splits_differ() -> str:
    """A head that BPE compresses well (few tokens per character) and a tail that it cannot (random lines):
    the last 10 % of the tokens is far less than the last 10 % of the characters."""
    rng = random.Random(0)
    head = "the cat sat on the mat and the dog sat on the log\n" * 1200
    tail = "".join("".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(50)) + "\n" for _ in range(200))
    return head + tail


@pytest.fixture(scope="module")
def bpe_data():
    return tokenize_corpus(Corpus.from_text(_text_whose_char_and_token_splits_differ(), "mixed.txt"), "bpe", 512)


def test_under_bpe_the_held_out_stretch_never_occurs_in_the_training_part(bpe_data):
    session = Session()
    session.use_corpus(bpe_data)
    split = bpe_data.split
    char_cut = split_point(len(bpe_data.corpus.text))
    assert len(split.train_text) > char_cut + 2000, "the token split must fall well after the character split"
    for number in range(6):
        stretch = session.validation_stretch(number, chars=200)
        assert len(stretch) >= 100
        assert stretch not in split.train_text and stretch in split.val_text, number


def test_the_trainer_the_baselines_and_the_run_records_share_the_split(bpe_data):
    split = bpe_data.split
    dataset = TokenDataset(bpe_data.ids, context_length=16, val_fraction=split.val_fraction)
    assert len(dataset.train) == split.cut and np.array_equal(dataset.val.numpy(), split.val_ids)
    assert bpe_data.baselines.tokens_per_char == split.tokens_per_char == len(split.val_ids) / len(split.val_text)
    # the validation text is those tokens, decoded: tokens per character of *that* part, not the whole text's
    assert split.tokens_per_char != pytest.approx(len(bpe_data.ids) / len(bpe_data.corpus.text), rel=0.05)


def test_a_model_with_its_own_fraction_is_measured_on_its_own_split(bpe_data):
    wide = TextSplit(bpe_data.ids, bpe_data.tokenizer, bpe_data.corpus.text, val_fraction=0.2)
    assert wide.cut == len(bpe_data.ids) - int(len(bpe_data.ids) * 0.2)
    assert wide.train_text + wide.val_text == bpe_data.tokenizer.decode(bpe_data.ids.tolist())
