"""The session's rules, without Qt: what the app does when the user trains, saves, reopens and goes on."""
import torch

from playground.core.corpus import Corpus
from playground.core.session import Session, tokenize_corpus
from playground.core.trainer import TrainSettings


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
