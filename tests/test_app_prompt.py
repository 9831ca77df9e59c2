import numpy as np
import pytest
from app_helpers import grab, make_window, train_synchronously
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path / "settings.ini")
    train_synchronously(w, steps=60)
    w.tabs.setCurrentIndex(1)
    return w


def type_prompt(qtbot, panel, text):
    panel.prompt_edit.clear()
    with qtbot.waitSignal(panel.inspected, timeout=5000):
        if text.isascii():
            QTest.keyClicks(panel.prompt_edit, text)
        else:  # QTest aborts on keys it cannot map to a key code; paste such text instead
            panel.prompt_edit.insertPlainText(text)


def test_typing_updates_the_bars(window, qtbot, artifacts):
    panel = window.prompt_panel
    type_prompt(qtbot, panel, "First Cit")
    bars = panel.bars
    # the top tokens, as many as stay readable: 15 where there is room, never squeezed under a line each
    # as many bars as have a readable line each (their % labels never overlap), up to 15
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication
    line, room, n = QFontMetrics(QApplication.font()).height() - 3, bars.getPlotItem().vb.height(), len(bars.token_ids)
    assert room / n >= line and (n == 15 or room / (n + 1) < max(line, 11))
    assert panel.last_inspection.probs.sum() == pytest.approx(1.0, abs=1e-4)
    assert bars.shown_probs[0] == pytest.approx(panel.last_inspection.probs.max())
    assert list(bars.shown_probs) == sorted(bars.shown_probs, reverse=True)
    assert bars.kept.all()
    grab(window, artifacts / "app-prompt.png")
    before = panel.last_inspection.probs.copy()
    type_prompt(qtbot, panel, "ROMEO:")
    assert not np.allclose(before, panel.last_inspection.probs)


def test_temperature_reshapes_the_distribution(window, qtbot):
    panel = window.prompt_panel
    type_prompt(qtbot, panel, "What is t")
    panel.temperature.setValue(0.1)
    cold = panel.bars.shown_probs[0]
    panel.temperature.setValue(2.0)
    hot = panel.bars.shown_probs[0]
    assert cold > hot + 0.2


def test_top_k_one_leaves_one_bar_uncut(window, qtbot):
    panel = window.prompt_panel
    type_prompt(qtbot, panel, "And ")
    panel.top_k.setValue(1)
    assert panel.bars.kept.sum() == 1 and panel.bars.kept[0]
    assert "cut" in panel.bars.labels[1].toPlainText()
    panel.top_k.setValue(0)
    panel.top_p.setValue(0.05)
    assert panel.bars.kept.sum() == 1


def test_clicking_a_bar_appends_its_token(window, qtbot):
    panel = window.prompt_panel
    type_prompt(qtbot, panel, "Good morrow")
    bars = panel.bars
    vb = bars.getPlotItem().vb
    target = bars.token_ids[2]
    scene_point = vb.mapViewToScene(QPointF(float(bars.shown_probs[2] * 50), 2.0))
    view_point = bars.mapFromScene(scene_point)
    with qtbot.waitSignal(panel.inspected, timeout=5000):
        QTest.mouseClick(bars.viewport(), Qt.LeftButton, Qt.NoModifier, view_point)
    expected = window.session.tokenizer.decode([target])
    assert panel.prompt_edit.toPlainText() == "Good morrow" + expected


def test_generation_streams_text_and_can_be_stopped(window, qtbot):
    panel = window.prompt_panel
    type_prompt(qtbot, panel, "KING:")
    panel.n_tokens.setValue(60)
    panel.start_generation()
    qtbot.waitUntil(lambda: panel.generation is None, timeout=30000)
    text = panel.prompt_edit.toPlainText()
    assert text.startswith("KING:") and len(text) == len("KING:") + 60
    panel.n_tokens.setValue(5000)
    panel.start_generation()
    qtbot.waitUntil(lambda: len(panel.prompt_edit.toPlainText()) > len(text) + 10, timeout=30000)
    panel.stop_generation()
    qtbot.waitUntil(lambda: panel.generation is None, timeout=10000)
    assert len(panel.prompt_edit.toPlainText()) < len(text) + 5000
    assert panel.generate_button.isEnabled()


def test_attention_map_matches_the_prompt(window, qtbot, artifacts):
    panel = window.prompt_panel
    type_prompt(qtbot, panel, "To be or not")
    view = panel.attention
    shown = view.heatmap.weights
    assert shown.shape == (12, 12)
    np.testing.assert_allclose(shown.sum(axis=1), 1.0, atol=1e-5)
    assert np.all(np.triu(shown, 1) == 0)
    assert view.layer_combo.count() == 2 and view.head_combo.count() == 3
    assert len(view.grid.cells) == 2 * 3
    assert "query ‘T’ (pos 0) → key ‘T’ (pos 0): 1.00" == view.heatmap.describe(0, 0)
    view.select(1, 1)
    np.testing.assert_array_equal(view.heatmap.weights, panel.last_inspection.attention[1, 1])
    assert not np.array_equal(view.heatmap.weights, shown)
    view.select(0, -1)
    np.testing.assert_allclose(view.heatmap.weights, panel.last_inspection.attention[0].mean(axis=0))
    grab(panel, artifacts / "app-attention.png")
    # the small multiples say which layer (rows) and head (columns) each map is
    assert view.grid.labels == ["head 1", "head 2", "mean", "layer 1", "layer 2"]


def test_the_big_map_labels_every_token_that_fits(window, qtbot):
    window.resize(1700, 1100)
    panel = window.prompt_panel
    type_prompt(qtbot, panel, "To be or not to be, that is")  # 27 single characters
    axis = panel.attention.heatmap.view.getPlotItem().getAxis("bottom")
    qtbot.waitUntil(lambda: len(axis._tickLevels[0]) == 27, timeout=5000)
    assert [label for _, label in axis._tickLevels[0]][:5] == ["T", "o", "␣", "b", "e"]


def test_unknown_characters_are_highlighted_and_explained(window, qtbot):
    panel = window.prompt_panel
    type_prompt(qtbot, panel, "Hello ∞ world")
    assert len(panel.prompt_edit.extraSelections()) == 1
    assert "never occur in the training text" in panel.prompt_info.text() and "∞" in panel.prompt_info.text()
    assert panel.last_inspection.n_tokens == len("Hello ∞ world") - 1


def test_a_pasted_prompt_of_many_unknown_characters_is_marked_in_a_bounded_number_of_runs(window, qtbot):
    panel = window.prompt_panel
    pasted = ("€" * 50 + "To be ") * 400  # 22,400 characters, 20,000 the model never saw
    type_prompt(qtbot, panel, pasted)
    marks = panel.prompt_edit.extraSelections()
    assert len(marks) <= 201  # the last 200 runs and the greyed start; one mark per character froze it 22 s
    from PySide6.QtGui import QTextCharFormat
    unknown = [m.cursor for m in marks if m.format.underlineStyle() == QTextCharFormat.WaveUnderline]
    assert len(unknown) == 200
    last = unknown[-1]
    assert (last.selectionStart(), last.selectionEnd()) == (len(pasted) - 56, len(pasted) - 6)  # a whole run
    assert "€" in panel.prompt_info.text() and "never occur" in panel.prompt_info.text()


def test_over_long_prompt_shows_what_the_model_sees(window, qtbot):
    panel = window.prompt_panel
    type_prompt(qtbot, panel, "a" * 10 + "b" * 40)
    assert panel.last_inspection.n_tokens == 32 and panel.last_inspection.cropped == 18
    assert "only the last 32 tokens" in panel.prompt_info.text()
    assert panel.attention.heatmap.weights.shape == (32, 32)


@pytest.mark.parametrize("layers, heads", [(1, 1), (12, 16)])
def test_grid_resizes_from_one_to_many_heads(qtbot, tmp_path, layers, heads, artifacts):
    w = make_window(qtbot, tmp_path / "s.ini")
    train_synchronously(w, steps=2, n_layer=layers, n_head=heads, d_model=16 * heads if heads > 1 else 16)
    w.tabs.setCurrentIndex(1)
    type_prompt(qtbot, w.prompt_panel, "Speak, speak.")
    assert len(w.prompt_panel.attention.grid.cells) == layers * (heads + 1)
    if layers == 12:
        grab(w, artifacts / "app-attention-12x16.png")


def test_an_error_while_generating_is_said_and_the_panel_stays_usable(qtbot, tmp_path, monkeypatch):
    from app_helpers import make_window, train_synchronously
    window = make_window(qtbot, tmp_path / "settings.ini")
    train_synchronously(window, steps=5)
    panel = window.prompt_panel

    def broken(*args, **kwargs):
        raise RuntimeError("simulated")
        yield

    monkeypatch.setattr("playground.app.panels.prompt_panel.generate", broken)
    panel.start_generation()
    qtbot.waitUntil(lambda: panel.generation is None, timeout=10000)
    assert "Generation stopped by an error" in panel.prompt_info.text()
    assert panel.generate_button.isEnabled()


def test_attention_maps_stay_readable_on_a_1280x720_projector(qtbot, tmp_path, artifacts):
    """At 1280×720 every small map keeps a readable size (the grid scrolls to the last layer), the large
    map's axis titles fit beside it, and Generate stays in sight."""
    w = make_window(qtbot, tmp_path / "s.ini")
    train_synchronously(w, steps=2, n_layer=4, n_head=4, d_model=64)
    w.resize(1280, 680)
    w.tabs.setCurrentIndex(1)
    panel = w.prompt_panel
    type_prompt(qtbot, panel, "ROMEO: But soft, what light through yonder window")
    # everything that can stand above the maps at once: a message, and a copy report under the prompt
    w.show_message("Loaded “notes.txt”. Press Space or ▶ Train to train on it.", "info")
    panel.copy_marks.index = w.session.data.copy_index
    panel.copy_marks.check(panel.prompt_edit.toPlainText(), 0)
    qtbot.waitUntil(lambda: panel.copy_marks.label.isVisible(), timeout=5000)
    view = panel.attention
    heights = [image.getViewBox().height() for image in view.grid.cells.values()]
    assert min(heights) >= 36, heights
    item = view.heatmap.view.getPlotItem()
    for side in ("left", "bottom"):
        axis = item.getAxis(side)
        room = axis.height() if side == "left" else axis.width()
        assert axis.label.boundingRect().width() <= room, (side, axis.label.toPlainText(), room)
    assert item.vb.height() >= 75  # the most crowded case: a message and a copy report above the maps
    assert panel.generate_button.visibleRegion().boundingRect().height() == panel.generate_button.height()
    scroll = view.grid_scroll.verticalScrollBar()
    assert view.grid.height() > view.grid_scroll.viewport().height() and scroll.maximum() > 0
    grab(w, artifacts / "prompt-1280x680.png")
