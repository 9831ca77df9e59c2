"""Explain mode in the window: the diagram follows the sliders, clicks open pieces, numbers match the engine."""
import numpy as np
import pytest
from app_helpers import grab, make_window, train_synchronously
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from playground.core.analysis.explain import architecture, tensor_view

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path / "settings.ini")
    train_synchronously(w, steps=40)
    w.tabs.setCurrentWidget(w.explain_panel)
    return w


def click_piece(qtbot, panel, key):
    rect = panel.diagram.rect_of(key)
    with qtbot.waitSignal(panel.rendered, timeout=5000):
        QTest.mouseClick(panel.diagram, Qt.LeftButton, pos=rect.center().toPoint())


def test_diagram_redraws_when_the_sliders_change(window, qtbot):
    panel = window.explain_panel
    assert panel.diagram.config.n_layer == window.settings_panel.layers.value()
    window.settings_panel.layers.setValue(6)
    window.settings_panel.heads.setValue(8)
    assert panel.diagram.config.n_layer == 6 and panel.diagram.config.n_head == 8
    labels = [n.label for n in panel.diagram.nodes]
    assert labels == [n.label for n in architecture(panel.diagram.config)]
    assert any("8 heads" in label for label in labels)
    # a new shape needs a new model (the test answers "discard"): the views say so instead of going stale
    assert window.session.inspection_model is None
    assert "No model yet" in panel.status.text()


def test_clicking_pieces_shows_their_live_tensors(window, qtbot, artifacts):
    panel = window.explain_panel
    session = window.session
    QTest.mouseMove(panel.diagram, panel.diagram.rect_of("scores").center().toPoint())
    assert "Scores QKᵀ/√d_k" in panel.diagram.toolTip()
    click_piece(qtbot, panel, "weights")
    view = panel.current_view
    np.testing.assert_allclose(view.values.sum(axis=1), 1.0, atol=1e-5)
    assert (np.triu(view.values, 1) == 0).all()
    assert panel.pane.head.isVisible() and panel.pane.layer.isVisible()
    grab(window, artifacts / "app-explain-attention.png")
    # another layer and head: the numbers are the engine's
    panel.pane.layer.setCurrentIndex(1)
    panel.pane.head.setCurrentIndex(1)
    expected = tensor_view(session.inspection_model, panel.inspection, session.tokenizer, "weights", 1, 1)
    np.testing.assert_array_equal(panel.current_view.values, expected.values)
    assert "layer 2 · head 2" in panel.pane.title.text()
    click_piece(qtbot, panel, "q")
    T = panel.inspection.n_tokens
    assert panel.pane.shape.text() == f"T × d_head = {T} × 16"
    click_piece(qtbot, panel, "ffn_hidden")
    assert not panel.pane.head.isVisible()
    assert "exactly zero after ReLU" in panel.pane.note.text()
    click_piece(qtbot, panel, "probs")
    assert panel.pane.temperature.isVisible()
    np.testing.assert_allclose(panel.current_view.extra["all"], panel.inspection.probs, atol=1e-5)
    # probabilities in %, as in the Prompt tab: never a "(x0.001)" prefix on a 0–1 axis
    bars = panel.pane.bars
    axis = bars.getPlotItem().getAxis("bottom")
    assert axis.labelText.endswith("(%)") and axis.labelUnitPrefix == ""
    np.testing.assert_allclose(bars.values, 100 * np.asarray(panel.current_view.values), rtol=1e-6)
    grab(window, artifacts / "app-explain-probs.png")


def test_prompt_is_shared_with_the_prompt_tab(window, qtbot):
    panel = window.explain_panel
    with qtbot.waitSignal(panel.rendered, timeout=5000):
        panel.prompt.setPlainText("First")
    assert window.prompt_panel.prompt_edit.toPlainText() == "First"
    assert panel.inspection.n_tokens == 5
    window.prompt_panel.prompt_edit.setPlainText("Second Citizen")
    assert panel.prompt.toPlainText() == "Second Citizen"


def test_learned_views_logit_lens_embedding_map_positions(window, qtbot, artifacts):
    panel = window.explain_panel
    model = window.session.inspection_model
    with qtbot.waitSignal(panel.rendered, timeout=5000):
        panel.views.setCurrentIndex(1)
    grid = panel.lens
    assert grid.top_ids.shape == (model.config.n_layer + 1, panel.inspection.n_tokens)
    assert grid.top_ids[-1, -1] == panel.inspection.probs.argmax()
    cells = panel.lens_labels.cells
    assert len(cells) == grid.top_ids.size
    tokenizer = window.session.tokenizer
    column, row, text, _ = cells[-1]
    assert text == tokenizer.token_text(int(grid.top_ids[row, column])).replace(" ", "␣").replace("\n", "⏎")
    grab(window, artifacts / "app-explain-lens.png")
    with qtbot.waitSignal(panel.rendered, timeout=5000):
        panel.views.setCurrentIndex(2)
    assert len(panel.map_scatter.data) == window.session.tokenizer.vocab_size
    assert panel.embedding_map.points.shape == (window.session.tokenizer.vocab_size, 2)
    grab(window, artifacts / "app-explain-embeddings.png")
    # typing changes the prompt, not the embeddings: the map is kept; new weights redraw it
    drawn = panel.embedding_map
    with qtbot.waitSignal(panel.rendered, timeout=5000):
        panel.prompt.setPlainText("Second")
    assert panel.embedding_map is drawn
    trainer = window.session.trainer
    for _ in range(5):
        trainer.train_step()
    with qtbot.waitSignal(panel.rendered, timeout=5000):
        window.session.refresh_inspection_model(trainer.snapshot(), trainer.step)
        window.prompt_panel.model_updated()
    assert panel.embedding_map is not drawn
    assert not np.allclose(panel.embedding_map.points, drawn.points)
    with qtbot.waitSignal(panel.rendered, timeout=5000):
        panel.views.setCurrentIndex(3)
    n = model.config.context_length
    assert panel.similarity.shape == (n, n)
    np.testing.assert_allclose(np.diag(panel.similarity), 1.0, atol=1e-6)


def test_without_a_model_the_pane_says_what_to_do(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path / "settings.ini")
    w.tabs.setCurrentWidget(w.explain_panel)
    panel = w.explain_panel
    panel.select_piece("tok_emb")
    assert panel.current_view is None
    assert "Train a model" in panel.pane.message.text()
    assert panel.diagram.nodes, "the diagram is drawn from the sliders even before training"


def test_the_logit_lens_says_why_its_first_row_repeats_the_input_when_tied(window, qtbot):
    panel = window.explain_panel
    window.tabs.setCurrentWidget(panel)
    with qtbot.waitSignal(panel.rendered, timeout=5000):
        panel.views.setCurrentIndex(1)
    assert window.session.inspection_model.config.tie_embeddings
    assert "tied embeddings" in panel.lens_note.text() and panel.lens_note.isVisible()
