"""The tokenizer choice in the Data card, the Tokens tab, and subwords flowing through the prompt view."""
import pytest
from app_helpers import grab, make_window, train_synchronously
from PySide6.QtCore import Qt

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path / "settings.ini")


def switch_tokenizer(qtbot, window, kind, vocab=512):
    with qtbot.waitSignal(window.corpus_loaded, timeout=60000):
        window.retokenize(kind, vocab)
    return window.session.data


def test_choosing_bpe_retokenizes_the_loaded_text(window, qtbot, artifacts):
    chars = window.session.data
    card = window.corpus_card
    assert not card.vocab_slider.isVisible()
    with qtbot.waitSignal(window.corpus_loaded, timeout=60000):
        card.tokenizer_combo.setCurrentIndex(card.tokenizer_combo.findData("bpe"))
    data = window.session.data
    assert card.vocab_slider.isVisible()
    assert data.corpus is chars.corpus, "switching tokenizer must not reload the file"
    assert data.tokenizer.kind == "bpe" and data.tokenizer.vocab_size == 512
    assert len(data.ids) < 0.6 * len(chars.ids)
    assert "512" in card.stats_label.text() and "tokens per character" in card.stats_label.text()
    assert window.settings_panel.vocab_size == 512
    window.tabs.setCurrentWidget(window.tokens_panel)
    grab(window, artifacts / "app-tokens.png")


def test_tokens_tab_compares_splits_and_searches_the_vocabulary(window, qtbot):
    switch_tokenizer(qtbot, window, "bpe", 512)
    panel = window.tokens_panel
    panel.sentence.setText("To be, or not to be")
    bpe_pieces = panel.sentence_tokens.pieces
    assert "".join(p.text for p in bpe_pieces) == "To be, or not to be"
    assert len(bpe_pieces) < 19 and any(len(p.text) > 1 for p in bpe_pieces)
    # the character tokenizer built earlier this session is shown beside it, one token per character
    label, compare = panel.compare_views[0]
    assert label.isVisibleTo(panel) and "Characters" in label.text()
    assert len(compare.pieces) == 19
    assert f"<b>{sum(len(p.token_ids) for p in bpe_pieces)}</b>" in panel.sentence_count.text()
    # the vocabulary is listed by frequency and filters as the user types
    table = panel.vocab_proxy
    assert table.rowCount() == 512
    counts = [table.index(r, 2).data(Qt.UserRole) for r in range(20)]
    assert counts == sorted(counts, reverse=True)
    panel.search.setText("the")
    assert 0 < table.rowCount() < 512
    assert all("the" in table.index(r, 0).data().lower() for r in range(table.rowCount()))
    assert "match" in panel.vocab_count.text()


def test_switching_back_to_characters_restores_one_token_per_character(window, qtbot):
    switch_tokenizer(qtbot, window, "bpe", 320)
    data = switch_tokenizer(qtbot, window, "char")
    assert data.tokenizer.kind == "char" and len(data.ids) == data.corpus.num_chars
    assert not window.corpus_card.vocab_slider.isVisible()


def test_tokenizer_choice_survives_a_restart(qtbot, tmp_path):
    first = make_window(qtbot, tmp_path / "settings.ini")
    switch_tokenizer(qtbot, first, "bpe", 384)
    first.close()
    second = make_window(qtbot, tmp_path / "settings.ini")
    qtbot.waitUntil(lambda: second.session.data.tokenizer.kind == "bpe", timeout=60000)
    assert second.corpus_card.tokenizer_choice() == ("bpe", 384)
    # a new text goes straight into BPE too — and the message says so, with the way back
    path = tmp_path / "notes.txt"
    path.write_text("Uma aula sobre atenção e transformadores.\n" * 200, encoding="utf-8")
    from app_helpers import drop_files
    with qtbot.waitSignal(second.corpus_loaded, timeout=60000):
        drop_files(second, [path])
    message = second.message_bar.text.text()
    assert "byte-level BPE" in message and "as chosen last time" in message and "Characters" in message


def test_prompt_view_shows_subwords_and_generation_decodes_cleanly(window, qtbot):
    switch_tokenizer(qtbot, window, "bpe", 512)
    train_synchronously(window, steps=30)
    window.tabs.setCurrentWidget(window.prompt_panel)
    panel = window.prompt_panel
    with qtbot.waitSignal(panel.inspected, timeout=5000):
        panel.prompt_edit.setPlainText("ROMEO: the king and thé queen 🙂")
    tokenizer = window.session.tokenizer
    result = panel.last_inspection
    assert panel.tokens == [tokenizer.token_text(i) for i in result.token_ids]
    assert any(len(t) > 1 and not t.startswith("⟨") for t in panel.tokens), "attention labels are subwords"
    ticks = panel.bars.getPlotItem().getAxis("left")._tickLevels[0]
    assert len(ticks) == len(panel.bars.token_ids) >= 5  # as many bars as stay readable in the box
    # the prompt with accents and an emoji survives encode → decode exactly
    assert tokenizer.decode(tokenizer.encode_prompt(panel.prompt_edit.toPlainText()).ids) == \
        "ROMEO: the king and thé queen 🙂"
    # generation streams whole characters: what lands in the prompt is exactly the decoded tokens
    panel.n_tokens.setValue(80)
    before = panel.prompt_edit.toPlainText()
    panel.start_generation()
    thread = panel.generation
    qtbot.waitUntil(lambda: panel.generation is None, timeout=30000)
    generated = panel.prompt_edit.toPlainText()[len(before):]
    assert len(thread.decoder.ids) == 80
    full = tokenizer.decode(thread.decoder.ids)
    assert generated == full or (full.endswith("\ufffd") and full.startswith(generated))


def test_learning_bpe_on_a_bigger_text_keeps_the_window_live(window, qtbot, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text((window.session.data.corpus.text + "\n") * 4, encoding="utf-8")  # ~4.5 MB
    with qtbot.waitSignal(window.corpus_loaded, timeout=60000):
        window.open_corpus(big)
    ticks, busy = [], []
    from PySide6.QtCore import QTimer
    timer = QTimer(interval=20, timeout=lambda: (ticks.append(1), busy.append(
        window.corpus_card.progress.isVisible() and window.corpus_card.progress.maximum() == 0)))
    timer.start()
    with qtbot.waitSignal(window.corpus_loaded, timeout=120000):
        window.retokenize("bpe", 1024)
    timer.stop()
    assert len(ticks) >= 5, "the event loop kept running while the tokenizer trained"
    assert any(busy), "an animated bar said the tokenizer was learning"
    assert not window.corpus_card.progress.isVisible()
    assert window.session.data.tokenizer.vocab_size == 1024


def test_the_example_sentence_and_prompt_follow_a_new_text(qtbot, tmp_path):
    from app_helpers import drop_files, make_window
    window = make_window(qtbot, tmp_path / "settings.ini")
    text = "\n".join(f"def passo_{i}(x):\n    return x * {i}  # multiplica o valor" for i in range(300))
    path = tmp_path / "codigo.py"
    path.write_text(text, encoding="utf-8")
    with qtbot.waitSignal(window.corpus_loaded, timeout=60000):
        drop_files(window, [path])
    assert window.tokens_panel.sentence.text() in text and window.tokens_panel.sentence.text()
    assert window.prompt_panel.prompt_edit.toPlainText() in text
    assert window.explain_panel.prompt.toPlainText() == window.prompt_panel.prompt_edit.toPlainText()


def test_characters_no_font_can_draw_show_their_code_point_and_name(qtbot, tmp_path):
    from app_helpers import drop_files, make_window

    from playground.app.widgets import glyphs
    window = make_window(qtbot, tmp_path / "settings.ini")
    path = tmp_path / "emoji.txt"
    path.write_text("Eu amo o meu 🧠 e o ❤️ da turma.\n" * 200, encoding="utf-8")
    with qtbot.waitSignal(window.corpus_loaded, timeout=60000):
        drop_files(window, [path])
    vocab = window.corpus_card.vocab_label.text()
    assert "U+FE0F" in vocab, "the invisible variation selector gets a visible label"
    brain = "U+1F9E0" if not glyphs.drawable(0x1F9E0) else "🧠"
    assert brain in vocab
    model = window.tokens_panel.vocab_model
    tips = {model.item(r, 0).text(): model.item(r, 0).toolTip() for r in range(model.rowCount())}
    assert "VARIATION SELECTOR-16" in tips["U+FE0F"]
    if brain != "🧠":
        assert "BRAIN" in tips[brain]
    assert glyphs.hover("⟨c3⟩") == "⟨c3⟩: one byte of a character that UTF-8 spreads over several bytes"


def test_the_vocabulary_is_never_clipped_after_switching_tokenizers(qtbot, tmp_path):
    from app_helpers import make_window
    window = make_window(qtbot, tmp_path / "settings.ini")
    label = window.corpus_card.vocab_label
    for kind in ("bpe", "char", "bpe"):
        with qtbot.waitSignal(window.corpus_loaded, timeout=120000):
            window.retokenize(kind, 512)
        qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()), timeout=5000)


def test_generated_and_typed_characters_without_a_glyph_are_named(qtbot, tmp_path):
    from app_helpers import make_window, train_synchronously

    from playground.app.widgets import glyphs
    if glyphs.drawable(0x1F9E0):
        pytest.skip("this machine has a font that draws emoji")
    window = make_window(qtbot, tmp_path / "settings.ini")
    window.training_panel.show_sample(10, "um 🧠 aqui")
    assert window.training_panel.sample_text.toPlainText() == "um U+1F9E0 aqui"
    # a variation selector only styles the character before it: in a sample it is not spelled as noise
    window.training_panel.show_sample(11, "amor ❤️ e 👍\u200d aqui")
    shown = window.training_panel.sample_text.toPlainText()
    assert "FE0F" not in shown and "200D" not in shown and shown.startswith("amor ") and shown.endswith(" aqui")
    train_synchronously(window, steps=2)
    window.tabs.setCurrentWidget(window.prompt_panel)
    window.prompt_panel.prompt_edit.setPlainText("First 🧠")
    qtbot.waitUntil(lambda: "U+1F9E0 BRAIN" in window.prompt_panel.prompt_info.text(), timeout=5000)
