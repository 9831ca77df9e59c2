"""What did my model learn, in the app: baselines on the plot and in the data card, the verdict, bits per
character, memorising and the best weights, the size advice, the Surprise tab and copied stretches."""
import math

import numpy as np
import pytest
import torch
from app_helpers import drop_files, grab, make_window, train_synchronously
from PySide6.QtGui import QTextCursor

from playground.app.panels.surprise_panel import surprise_color
from playground.core.analysis.baselines import ngram_baselines
from playground.core.session.loaded_corpus import DEFAULT_CORPUS
from playground.core.training.events import EvalEvent

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path / "settings.ini")
    qtbot.waitUntil(lambda: w.training_panel.baselines is not None, timeout=30000)
    return w


def test_the_loaded_text_gets_baseline_lines_a_data_card_line_and_a_verdict(window, qtbot, artifacts):
    data = window.session.data
    expected = ngram_baselines(data.ids, data.tokenizer.vocab_size)  # counted again, independently of the app
    panel = window.training_panel
    lines = {line.baseline[0]: line for line in panel.plot.baseline_lines}
    assert sorted(lines) == ["bigram", "trigram", "uniform", "unigram"]
    for name, value in expected.items():
        assert lines[name].value() == pytest.approx(value)
        assert lines[name].label.toPlainText() == f"{name} {value:.2f}"
        assert f"{name} {value:.2f}" in window.corpus_card.baselines_label.text()
    assert lines["uniform"].value() == pytest.approx(math.log(65))
    # the verdict follows each evaluation past the bigram, then the trigram guess
    for val, words in ((3.0, "still worse than guessing from the previous character alone"),
                       (2.3, "better than guessing from the previous character (2.49)"),
                       (1.9, "better than the trigram guess (2.05)")):
        panel._on_eval(EvalEvent(step=100, train_loss=val, val_loss=val, elapsed_s=1.0))
        assert words in panel.verdict_label.text()
        assert f"as unsure as choosing among {math.exp(val):.1f} characters" in panel.verdict_label.text()
    panel.baselines_check.setChecked(False)
    assert not any(line.isVisible() for line in panel.plot.baseline_lines)
    panel.baselines_check.setChecked(True)
    grab(window, artifacts / "baselines.png")


def test_bits_per_character_rescale_the_curves_and_the_baselines(window, qtbot):
    window.retokenize("bpe", 512)
    # the count ends in a thread; the views hear of it through a signal: wait for what the user sees
    qtbot.waitUntil(lambda: window.session.data.tokenizer.kind == "bpe" and window.session.baselines is not None
                    and window.training_panel.baselines is window.session.baselines, timeout=60000)
    data, panel = window.session.data, window.training_panel
    n_val = len(data.ids) - int(len(data.ids) * 0.9)
    text = data.corpus.text
    val_chars = len(data.tokenizer.decode(data.ids[-n_val:].tolist()))
    tokens_per_char = n_val / val_chars
    panel._on_eval(EvalEvent(step=50, train_loss=4.0, val_loss=4.5, elapsed_s=1.0))
    panel.unit_combo.setCurrentIndex(panel.unit_combo.findData("bits"))
    panel.plot.flush()
    _, y = panel.plot.val.getData()
    assert y[-1] == pytest.approx(4.5 * tokens_per_char / math.log(2), rel=0.01)
    trigram = [line for line in panel.plot.baseline_lines if line.baseline[0] == "trigram"][0]
    assert trigram.value() == pytest.approx(data.baselines.trigram * tokens_per_char / math.log(2), rel=0.01)
    assert panel.plot.getPlotItem().getAxis("left").labelText == "bits per character"
    assert len(text) > val_chars


def test_a_small_text_gets_advice_and_one_click_applies_it(window, qtbot, tmp_path):
    small = tmp_path / "notes.txt"
    small.write_text(DEFAULT_CORPUS.read_text(encoding="utf-8")[:12000], encoding="utf-8")
    before = window.settings_panel.state()
    drop_files(window, [small])
    qtbot.waitUntil(lambda: window.session.data.corpus.name == "notes.txt", timeout=30000)
    card = window.corpus_card
    assert card.advice_box.isVisible() and "memorise" in card.advice_label.text()
    assert window.settings_panel.state() == before, "the sliders move only when the user asks"
    card.advice_button.click()
    p = window.settings_panel
    assert (p.layers.value(), p.d_model.value(), p.dropout.value()) == (2, 64, 0.2)
    assert p.steps.value() == before["steps"]  # fewer steps left the smaller model worse than the bigram
    assert not card.advice_box.isVisible()


def test_advice_under_a_lesson_lock_changes_only_dropout_and_keeps_the_model(window, qtbot, tmp_path):
    from app_helpers import train_synchronously
    small = tmp_path / "notes.txt"
    small.write_text(DEFAULT_CORPUS.read_text(encoding="utf-8")[:12000], encoding="utf-8")
    drop_files(window, [small])
    qtbot.waitUntil(lambda: window.session.data.corpus.name == "notes.txt", timeout=30000)
    p = window.settings_panel
    p.layers.setValue(3)
    p.d_model.setValue(128)
    train_synchronously(window, steps=5, n_layer=3, n_head=p.heads.value(), d_model=128, context_length=p.context.value())
    model = window.session.trainer
    p.lock_architecture("class")
    window._advise_on_size()
    card = window.corpus_card
    assert card.advice_box.isVisible() and "layers" not in card.advice_label.text().split("Suggested")[1]
    window.ask_discard_model = lambda: "cancel"
    card.advice_button.click()
    assert window.session.trainer is model, "the lesson's model is never discarded without asking"
    assert p.dropout.value() == 0.0
    window.ask_discard_model = lambda: "discard"
    card.advice_button.click()
    assert (p.layers.value(), p.d_model.value(), p.dropout.value()) == (3, 128, 0.2)  # the lock held


def test_settings_of_an_opened_model_never_trap_a_short_run_in_its_warm_up(window):
    from dataclasses import replace

    from playground.core.training.settings import TrainSettings
    p = window.settings_panel
    # a model saved after "train more": its settings carry a 100-step warm-up and a stretched decay
    carried = replace(TrainSettings(max_steps=2000).continued(1200, 2000), warmup_steps=100)
    p.set_from(window.session.model_config(), carried)
    p.steps.setValue(100)  # e.g. the lesson's "Use these settings", or the user's slider
    settings = p.train_settings()  # raised "A warm-up of 100 steps is as long as the whole run" before
    assert settings.max_steps == 100 and settings.warmup == 10 and settings.decay_from_step == 0


@pytest.mark.timeout(180)
def test_a_tiny_text_trained_long_says_memorising_and_keeps_the_best_weights(window, qtbot, tmp_path, artifacts):
    tiny = tmp_path / "tiny.txt"
    tiny.write_text(DEFAULT_CORPUS.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    drop_files(window, [tiny])
    qtbot.waitUntil(lambda: window.session.data.corpus.name == "tiny.txt" and window.session.baselines is not None,
                    timeout=30000)
    p = window.settings_panel
    p.layers.setValue(2)
    p.heads.setValue(4)
    p.d_model.setValue(64)
    p.context.setValue(32)
    p.batch.setValue(32)
    p.steps.setValue(3000)
    panel = window.training_panel
    window.training_actions.start()
    qtbot.waitUntil(lambda: panel.memorising_box.isVisible(), timeout=150000)
    assert "memorising the training text" in panel.memorising_label.text()
    best_step, best_val = panel.plot.best_point
    assert panel.keep_best_button.text() == "Stop and keep the best weights"
    grab(window, artifacts / "memorising.png")
    with qtbot.waitSignal(window.training_finished, timeout=30000):
        panel.keep_best_button.click()
    trainer = window.session.trainer
    assert trainer.weights_step == trainer.best_step == best_step
    assert trainer.best_val == pytest.approx(best_val)
    assert f"Kept the weights of step {best_step:,}" in window.message_bar.text.text()
    # the views show those weights
    qtbot.waitUntil(lambda: window.session.inspection_step == best_step, timeout=10000)
    for name, tensor in window.session.inspection_model.state_dict().items():
        assert torch.equal(tensor, trainer.model.state_dict()[name]), name
    # and so does the Training tab: its status, its verdict and its sample are the kept step's
    assert f"step {best_step:,}" in panel.status_label.text() and f"step {best_step:,}" in panel.stats_label.text()
    assert f"{best_val:.2f}" in panel.verdict_label.text() and not panel.memorising_box.isVisible()
    assert f"(step {best_step:,})" in panel.sample_box.title()
    # Reset: nothing of the discarded model is left on the tab, and the bar counts to the sliders' steps
    window.training_actions.reset_model()
    assert panel.sample_text.toPlainText() == "" and "step" not in panel.sample_box.title()
    assert panel.progress.maximum() == p.steps.value() and panel.progress.value() == 0


def test_the_surprise_tab_colours_each_token_by_the_models_loss(window, qtbot, artifacts):
    train_synchronously(window, steps=30)
    panel = window.surprise_panel
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.text.reading is not None, timeout=10000)
    reading = panel.text.reading
    text = panel.current_text()
    # the losses drawn are the model's own cross-entropy at each position
    ids = window.session.tokenizer.encode_prompt(text).ids[:32]
    model = window.session.inspection_model
    with torch.no_grad():
        logits, _ = model(torch.tensor([ids]))
    expected = torch.nn.functional.cross_entropy(logits[0, :-1], torch.tensor(ids[1:]), reduction="none")
    shown = [t.loss for t in reading.tokens[1:32]]
    np.testing.assert_allclose(shown, expected.numpy(), rtol=1e-4, atol=1e-5)
    # and each token's background is its loss's colour
    for i, token in enumerate(reading.tokens[:40]):
        cursor = QTextCursor(panel.text.document())
        cursor.setPosition(panel.text._starts[i] + 1)
        assert cursor.charFormat().background().color() == surprise_color(token.loss), i
    assert f"Mean loss of this text: {reading.mean_loss:.2f}" in panel.summary.text()
    worst = reading.most_surprising(1)[0]
    assert worst.loss == max(t.loss for t in reading.tokens if t.scored)
    hover = panel.text.token_at(panel.text._starts[5])
    assert hover is reading.tokens[5]
    grab(window, artifacts / "surprise.png")
    # your own text, pasted
    panel.source.setCurrentIndex(panel.source.findData("own"))
    panel.own_text.setPlainText("To be, or not to be")
    qtbot.waitUntil(lambda: panel.text.toPlainText().startswith("To be"), timeout=5000)


def test_a_sample_that_copies_the_training_text_is_marked_and_says_where(window, qtbot):
    panel = window.training_panel
    text = window.session.data.corpus.text
    passage = text[5000:5060]
    sample = "zq xv " + passage + " vq"
    panel.show_sample(10, sample)
    marks = panel.copy_marks
    assert marks.report.longest >= len(passage)
    assert marks.label.text().startswith(f"Longest copy from the training text: {marks.report.longest} characters")
    assert len(panel.sample_text.extraSelections()) == len(marks.report.stretches) >= 1
    cursor = panel.sample_text.textCursor()
    cursor.setPosition(6 + 30)
    panel.sample_text.setTextCursor(cursor)
    assert "stand in the training text at character" in marks.label.text()
    stretch = marks.stretch_at(6 + 30)
    assert text[stretch.corpus_start:stretch.corpus_start + stretch.length] == sample[stretch.start:stretch.end]
    panel.show_sample(20, "qzx vqz kqx")
    assert panel.copy_marks.report.longest < 8 and "this text is new" in marks.label.text()


def test_the_runs_plot_compares_tokenizers_in_bits_per_character(window, qtbot):
    from playground.core.storage.runs import RunRecord, write_record
    store = window.run_store
    for run_id, tokenizer, per_char, val in (("a-char", "char", 1.0, 2.0), ("b-bpe", "bpe-512", 0.5, 3.6)):
        folder = store.root / run_id
        folder.mkdir(parents=True)
        write_record(RunRecord(path=folder, id=run_id, name=run_id, created=1.0, corpus="t.txt", config={},
                               settings={}, tokenizer=tokenizer, tokens_per_step=64, status="finished",
                               val=[[100, val, val, 1.0]], tokens_per_char=per_char))
    runs = window.runs_panel
    runs.reload()
    for run in runs.runs:
        runs.set_checked(run.id, True)
    runs.y_unit.setCurrentIndex(runs.y_unit.findData("bits"))
    shown = {run_id: curves[1].getData()[1][-1] for run_id, curves in runs.curves.items()}
    assert shown["a-char"] == pytest.approx(2.0 / math.log(2))
    assert shown["b-bpe"] == pytest.approx(3.6 * 0.5 / math.log(2))  # 2.60: the subword run is the better one
    column = runs.table.horizontalHeaderItem(7).text()
    assert column == "Val bits/char"


def test_baselines_in_another_tokenizers_units_are_not_drawn_over_a_models_curves(window, qtbot):
    """The text re-cut into BPE tokens: the Data card counts in BPE, but the character model's curves are
    read against the text counted in *its* tokens — uniform ln 65, not ln 512."""
    train_synchronously(window, steps=5)
    window.retokenize("bpe", 512)
    qtbot.waitUntil(lambda: "uniform 6.24" in window.corpus_card.baselines_label.text(), timeout=60000)
    plot = window.training_panel.plot
    qtbot.waitUntil(lambda: [line.baseline for line in plot.baseline_lines][:1] == [("uniform", pytest.approx(math.log(65)))],
                    timeout=60000)
    assert all(value < 4.2 for _, value in (line.baseline for line in plot.baseline_lines))
