"""The session's rules, without Qt: what the app does when the user trains, saves, reopens and goes on."""
import torch

from playground.core.data.corpus import Corpus
from playground.core.session.loaded_corpus import tokenize_corpus
from playground.core.session.session import Session
from playground.core.training.settings import TrainSettings


def session_on(text: str) -> Session:
    session = Session()
    session.use_corpus(tokenize_corpus(Corpus.from_text(text, "hamlet.txt")))
    return session


def train(session: Session, controller=None) -> None:
    assert (controller or session.controller).run() == "finished"


SHAPE = dict(n_layer=1, n_head=2, d_model=32, context_length=32, dropout=0.1)
SETTINGS = TrainSettings(batch_size=8, max_steps=12, eval_interval=6, eval_batches=2, sample_interval=100,
                         precision="fp32", learning_rate=3e-3)


def test_a_model_saved_and_reopened_trains_on_as_if_it_never_left(tmp_path, small_text):
    stayed = session_on(small_text)
    stayed.new_trainer(stayed.model_config(**SHAPE), SETTINGS)
    train(stayed)
    stayed.save(tmp_path / "model")
    torch.manual_seed(123)  # other work in between must not matter

    reopened = session_on(small_text)
    reopened.open_checkpoint(tmp_path / "model")
    train(reopened, reopened.continue_training(10))
    train(stayed, stayed.continue_training(10))

    assert reopened.trainer.step == stayed.trainer.step == 22
    assert reopened.trainer.history.lrs == stayed.trainer.history.lrs
    for a, b in zip(stayed.trainer.model.parameters(), reopened.trainer.model.parameters()):
        torch.testing.assert_close(a, b, atol=1e-5, rtol=0)


def test_train_more_goes_on_from_the_current_learning_rate(small_text):
    session = session_on(small_text)
    session.new_trainer(session.model_config(**SHAPE), SETTINGS)
    train(session)
    end_of_first = session.trainer.history.lrs[-1]
    train(session, session.continue_training(12))
    lrs = session.trainer.history.lrs
    assert len(lrs) == 24
    assert max(lrs[12:]) <= end_of_first * 1.0001, "no jump back up towards the peak"


# ---- the rules, decided once in the session ----

from dataclasses import replace  # noqa: E402

import numpy as np  # noqa: E402

from playground.core.storage.runs import RunStore  # noqa: E402


def recorded(session: Session) -> list:
    heard = []
    for name in session.events.NAMES:
        getattr(session.events, name).connect(lambda *args, name=name: heard.append((name, *args)))
    return heard


def test_loading_and_retokenizing_announce_the_corpus(small_text):
    session = Session()
    heard = recorded(session)
    corpus = Corpus.from_text(small_text, "hamlet.txt")
    first = tokenize_corpus(corpus)
    session.use_corpus(first)
    session.use_corpus(tokenize_corpus(corpus, "bpe", 300))
    corpus_events = [e for e in heard if e[0] == "corpus"]
    assert [e[2] for e in corpus_events] == [False, True], "the second is the same text, re-tokenized"
    assert ("training", "idle") in heard


def test_train_continues_only_the_model_that_fits_the_text(small_text, tmp_path):
    session = session_on(small_text)
    wanted = session.model_config(**SHAPE)
    assert not session.will_continue(wanted), "no model yet"
    controller = session.begin_training(wanted, SETTINGS)
    train(session, controller)
    session.training_ended()
    trainer = session.trainer
    assert session.will_continue(wanted)
    assert not session.will_continue(replace(wanted, n_layer=2)), "another shape needs a new model"
    again = session.begin_training(wanted, SETTINGS)
    assert again.trainer is trainer and session.run_number == 1, "Train more: the same model, the same run"
    session.save(tmp_path / "m")
    session.use_corpus(tokenize_corpus(session.data.corpus, "bpe", 300))
    assert not session.will_continue(wanted), "re-tokenized: the model's vocabulary no longer fits"
    session.use_corpus(tokenize_corpus(Corpus.from_text(small_text, "copy.txt")))
    session.open_checkpoint(tmp_path / "m")
    assert session.model_fits_corpus and session.will_continue(wanted), "its text encodes with its vocabulary"
    session.use_corpus(tokenize_corpus(Corpus.from_text("Zebras quack? Yes!\n" * 300, "other.txt")))
    assert not session.model_fits_corpus


def test_a_new_model_is_a_new_run_record_and_what_it_kept_counts_as_saved(small_text, tmp_path):
    store = RunStore(tmp_path / "runs")
    session = Session(store)
    session.use_corpus(tokenize_corpus(Corpus.from_text(small_text, "hamlet.txt")))
    assert not session.has_unsaved_model
    train(session, session.begin_training(session.model_config(**SHAPE), SETTINGS))
    assert session.has_unsaved_model, "trained and not yet kept anywhere"
    session.training_ended()
    [run] = store.list()
    assert run.name == "hamlet · run 1" and run.has_checkpoint
    assert not session.has_unsaved_model, "the run list keeps it: quitting loses nothing"
    train(session, session.begin_training(session.model_config(**{**SHAPE, "n_layer": 2}), SETTINGS))
    assert session.run_number == 2 and len(store.list()) == 2


def test_the_prompt_inspection_is_computed_once_and_follows_prompt_and_weights(small_text):
    session = session_on(small_text)
    heard = recorded(session)
    trainer = session.new_trainer(session.model_config(**SHAPE), SETTINGS)
    first = session.prompt_inspection()
    assert session.prompt_inspection() is first, "every view shares one pass"
    ids = trainer.tokenizer.encode_prompt(session.prompt).ids
    np.testing.assert_allclose(first.inspection.probs, session.inspect(ids).probs)
    session.set_prompt(session.prompt)
    assert ("prompt", session.prompt) not in heard, "the same text is no change"
    session.set_prompt("To be")
    assert ("prompt", "To be") in heard
    by_prompt = session.prompt_inspection()
    assert by_prompt is not first and by_prompt.inspection.n_tokens == 5
    for _ in range(3):
        trainer.train_step()
    session.refresh_inspection_model(trainer.snapshot(), trainer.step)
    assert ("weights",) in heard
    by_weights = session.prompt_inspection()
    assert by_weights is not by_prompt and by_weights.step == 3
    assert not np.allclose(by_weights.inspection.probs, by_prompt.inspection.probs)


def test_discarding_leaves_nothing_to_inspect_and_says_so(small_text):
    session = session_on(small_text)
    session.new_trainer(session.model_config(**SHAPE), SETTINGS)
    heard = recorded(session)
    session.discard_model()
    assert session.trainer is None and session.prompt_inspection() is None
    assert ("model",) in heard and ("training", "idle") in heard


def test_run_names_stay_unique_across_launches(small_text, tmp_path):
    store = RunStore(tmp_path / "runs")
    for _launch in range(2):
        session = Session(store)  # a new launch starts counting again, the names must not repeat
        session.use_corpus(tokenize_corpus(Corpus.from_text(small_text, "hamlet.txt")))
        train(session, session.begin_training(session.model_config(**SHAPE), SETTINGS))
        session.training_ended()
    assert sorted(r.name for r in store.list()) == ["hamlet · run 1", "hamlet · run 2"]


PORTUGUESE = "\n".join(f"Linha {i}: o modelo aprende a prever o próximo caractere do texto." for i in range(200))


def test_a_new_text_brings_a_prompt_in_its_own_words_unless_the_user_typed_one(small_text):
    session = Session()
    session.use_corpus(tokenize_corpus(Corpus.from_text(PORTUGUESE, "aula.txt")))
    assert session.prompt in PORTUGUESE and session.prompt.startswith("Linha 1")
    assert session.example_sentence in PORTUGUESE and "próximo" in session.example_sentence
    session.set_prompt("Meu próprio começo")
    session.use_corpus(tokenize_corpus(Corpus.from_text(small_text, "hamlet.txt")))
    assert session.prompt == "Meu próprio começo", "what the user typed stays"
    assert session.example_sentence in small_text


def test_a_misspelt_event_fails_where_it_is_connected():
    import pytest
    session = Session()
    with pytest.raises(AttributeError):
        session.events.weight.connect(print)  # "weights"
    assert {name for name in vars(session.events)} == set(session.events.NAMES)
