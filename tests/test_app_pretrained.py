"""A pretrained GPT-2 in the window: dropped or opened as a folder, shown by every tab, its shape kept as
the file says, trained further on the loaded text, exported back. The GPT-2 is built from a config with
random weights; nothing is downloaded."""
import numpy as np
import pytest
import torch
from app_helpers import drop_files, grab, make_window, train_synchronously

from playground.app.panels.settings_panel import ARCHITECTURE_KNOBS
from playground.core.data.tokenizer import BPETokenizer

transformers = pytest.importorskip("transformers")
pytestmark = pytest.mark.timeout(180)


@pytest.fixture(scope="module")
def gpt2_folder(tmp_path_factory):
    from conftest import SMALL_TEXT
    folder = tmp_path_factory.mktemp("models") / "tiny-gpt2"
    tokenizer = BPETokenizer.train(SMALL_TEXT, 300)
    torch.manual_seed(0)
    # 13 layers and 6 heads of 8: a shape the sliders cannot show (they stop at 12 layers)
    config = transformers.GPT2Config(vocab_size=tokenizer.vocab_size, n_positions=96, n_embd=48, n_layer=13,
                                     n_head=6)
    transformers.GPT2LMHeadModel(config).save_pretrained(folder)
    (folder / "tokenizer.json").write_text(tokenizer.hf_tokenizer.to_str(), encoding="utf-8")
    return folder


def test_a_dropped_gpt2_folder_opens_in_every_tab_with_its_own_shape(qtbot, tmp_path, gpt2_folder, artifacts):
    window = make_window(qtbot, tmp_path / "s.ini")
    drop_files(window, [gpt2_folder])
    session = window.session
    assert session.pretrained is not None and session.inspection_model.config.n_layer == 13
    assert "pretrained model “" in window.message_bar.text.text()
    # the sliders cannot show 13 layers: the knobs are locked on the file's shape, and say why
    panel = window.settings_panel
    assert panel.model_config() == session.inspection_model.config
    assert all(not getattr(panel, name).isEnabled() for name in ARCHITECTURE_KNOBS)
    assert "13 layers" in panel.lock_label.text()
    assert "nothing to plot" in window.training_panel.verdict_label.text()
    # the Prompt tab: bars and all 13 × 6 attention maps for the prompt, in GPT-2's tokens
    window.tabs.setCurrentWidget(window.prompt_panel)
    window.prompt_panel.prompt_edit.setPlainText("To be, or not to be")
    expected = session.pretrained.tokenizer.encode_prompt("To be, or not to be").ids  # GPT-2's tokens
    qtbot.waitUntil(lambda: window.prompt_panel.last_inspection is not None and
                    window.prompt_panel.last_inspection.token_ids == expected, timeout=10000)
    inspection = window.prompt_panel.last_inspection
    assert len(inspection.attention) == 13 and inspection.attention[0].shape[0] == 6
    grab(window, artifacts / "pretrained-prompt.png")
    for tab in (window.explain_panel, window.heads_panel, window.surprise_panel, window.tokens_panel):
        window.tabs.setCurrentWidget(tab)  # each tab draws the pretrained model without an error
        grab(tab, artifacts / f"pretrained-{tab.objectName() or type(tab).__name__}.png")
    assert window.message_bar.kind != "error"
    assert session.head_scores() is not None and len(session.head_scores().rows()) == 13 * 6
    assert session.surprise("To be, or not to be") is not None
    assert "tiny-gpt2" in session.tokenizer_variants  # the Tokens tab can show GPT-2's split of the text
    # the tour, told with the GPT-2's own shape and numbers
    from playground.core.teaching.tour import KEYS
    window.tour.start(KEYS.index("qkv"))
    qtbot.waitUntil(lambda: window.tour.placed_index == KEYS.index("qkv"), timeout=10000)
    assert "6 heads" in window.tour.card.body.text()
    steps = {s.key: s for s in window.tour.host.tour_steps()}
    assert steps["why"].tensor is not None and steps["why"].tensor.values.shape == (6, 7)  # 13 layers × (6 heads + FFN), cut
    assert steps["tokens"].tensor.values[0].tolist() == expected[:7]  # GPT-2's ids of the prompt
    window.tour.close()


def test_train_fine_tunes_the_pretrained_model_on_the_loaded_text_and_export_round_trips(
        qtbot, tmp_path, gpt2_folder, small_file):
    window = make_window(qtbot, tmp_path / "s.ini")
    window.open_corpus(small_file)
    qtbot.waitUntil(lambda: window.session.data.corpus.name == "hamlet.txt", timeout=30000)
    assert window.model_files.open_checkpoint(gpt2_folder)
    # the loss is read against yardsticks counted on the loaded text in GPT-2's own tokens, not in characters
    panel = window.training_panel
    qtbot.waitUntil(lambda: panel.baselines is not None and panel.baselines.vocab_size == 300, timeout=30000)
    from playground.core.analysis.baselines import ngram_baselines
    gpt2_ids = window.session.model_tokenizer.encode_corpus(small_file.read_text())
    expected = ngram_baselines(gpt2_ids, 300)
    assert panel.baselines.bigram == pytest.approx(expected.bigram) and panel.baselines.trigram == pytest.approx(expected.trigram)
    before = {k: v.clone() for k, v in window.session.inspection_model.state_dict().items()}
    window.settings_panel.steps.setValue(window.settings_panel.steps.values()[0])
    window.settings_panel.batch.setValue(2)
    with qtbot.waitSignal(window.training_finished, timeout=120000) as done:
        window.training_actions.start()
    assert done.args == ["finished"], window.message_bar.text.text()
    trainer = window.session.trainer
    assert trainer.config.n_layer == 13 and trainer.tokenizer.vocab_size == 300  # GPT-2's, not the text's own
    changed = trainer.model.state_dict()
    assert any(not torch.equal(changed[k], before[k]) for k in before), "it trained from the pretrained weights"
    out = tmp_path / "for-hf"
    assert window.model_files.export_to(out)
    hf = transformers.GPT2LMHeadModel.from_pretrained(out).eval()
    ids = trainer.tokenizer.encode_prompt("To be").ids
    with torch.no_grad():
        torch.testing.assert_close(hf(torch.tensor([ids])).logits[0],
                                   window.session.inspection_model(torch.tensor([ids]))[0][0], atol=1e-4, rtol=0)


def test_a_folder_that_is_not_gpt2_says_why_and_keeps_what_was_open(qtbot, tmp_path, gpt2_folder):
    import json
    import shutil
    window = make_window(qtbot, tmp_path / "s.ini")
    train_synchronously(window, steps=5)
    model = window.session.inspection_model
    llama = tmp_path / "llama"
    shutil.copytree(gpt2_folder, llama)
    config = json.loads((llama / "config.json").read_text())
    (llama / "config.json").write_text(json.dumps({**config, "model_type": "llama"}))
    assert not window.model_files.open_checkpoint(llama)
    assert window.message_bar.kind == "error" and "“llama” model" in window.message_bar.text.text()
    assert window.session.inspection_model is model


def test_offline_the_download_menu_says_what_to_do_and_keeps_the_window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    window = make_window(qtbot, tmp_path / "s.ini", load_default=False)
    window.model_files.download_pretrained("distilgpt2")
    qtbot.waitUntil(lambda: window.message_bar.kind == "warning", timeout=30000)
    assert "cannot reach huggingface.co" in window.message_bar.text.text()
    qtbot.waitUntil(lambda: not window.model_files.downloader.isRunning(), timeout=10000)


def test_the_prompt_tab_compares_the_learners_model_with_a_gpt2_on_one_prompt(qtbot, tmp_path, gpt2_folder):
    window = make_window(qtbot, tmp_path / "s.ini")
    train_synchronously(window, steps=20)
    panel = window.prompt_panel
    window.tabs.setCurrentWidget(panel)
    assert not panel.compare.isVisible()
    assert window.model_files.compare_with(gpt2_folder)
    window.prompt_panel.prompt_edit.setPlainText("To be, or not")
    qtbot.waitUntil(lambda: panel.compare.inspection is not None and
                    panel.compare.inspection.token_ids == window.session.comparison.tokenizer.encode_prompt("To be, or not").ids,
                    timeout=10000)
    assert panel.compare.isVisible() and "tiny-gpt2" in panel.compare.title.text()
    assert panel.last_inspection.token_ids != panel.compare.inspection.token_ids  # characters against GPT-2's BPE
    # the head chosen in the Prompt tab is the one drawn for the second model (it has 13 layers × 6 heads)
    panel.attention.select(1, 0)
    np.testing.assert_array_equal(panel.compare.map.values, panel.compare.inspection.attention[1, 0].astype(np.float32))
    assert panel.compare.note.text() == "" and not panel.compare.note.isVisible()
    grab(window, artifacts_dir() / "compare.png")
    # the logit lens of both, one above the other: 13 rows for the GPT-2 (one per layer, its own tokens), 2 + 1 for ours
    explain = window.explain_panel
    window.tabs.setCurrentWidget(explain)
    explain.views.setCurrentIndex(1)
    qtbot.waitUntil(lambda: explain.compare_lens is not None and explain.lens is not None, timeout=10000)
    assert explain.compare_lens_box.isVisible() and "tiny-gpt2" in explain.compare_lens_title.text()
    ids = window.session.comparison.tokenizer.encode_prompt("To be, or not").ids
    assert explain.compare_lens.top_probs.shape == (13 + 1, len(ids))
    assert explain.lens.top_probs.shape == (window.session.inspection_model.config.n_layer + 1, len("To be, or not"))
    np.testing.assert_allclose(explain.compare_lens_plot.values, explain.compare_lens.top_probs, atol=1e-6)
    grab(window, artifacts_dir() / "compare-lens.png")
    window.tabs.setCurrentWidget(panel)
    panel.compare.close_button.click()
    qtbot.waitUntil(lambda: not panel.compare.isVisible(), timeout=5000)
    assert window.session.comparison is None
    window.tabs.setCurrentWidget(explain)
    qtbot.waitUntil(lambda: explain.compare_lens is None and not explain.compare_lens_box.isVisible(), timeout=10000)


def artifacts_dir():
    from conftest import ARTIFACTS
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
