"""The Why tab: a candidate's logit split over heads and feed-forward layers, drawn as a map whose cells add
up to the logit; a head's earlier tokens; a double-click opens its attention map."""
import numpy as np
import pytest
from app_helpers import grab, make_window, train_synchronously

pytestmark = pytest.mark.timeout(120)


def test_the_why_tab_explains_the_likeliest_token_and_follows_the_prompt(qtbot, tmp_path, artifacts):
    window = make_window(qtbot, tmp_path / "s.ini")
    train_synchronously(window, steps=60, n_layer=2, n_head=4, d_model=64)
    panel = window.why_panel
    window.tabs.setCurrentWidget(panel)
    window.prompt_panel.prompt_edit.setPlainText("To be, or not to b")
    qtbot.waitUntil(lambda: panel.attribution is not None and panel.inspection is not None and
                    panel.inspection.n_tokens == len("To be, or not to b"), timeout=10000)
    a = panel.attribution
    assert a.token_id == int(panel.inspection.probs.argmax())
    assert panel.grid.values.shape == (2, 5)  # 2 layers × (4 heads + the feed-forward layer)
    np.testing.assert_allclose(panel.grid.values[:, :4], a.heads, atol=1e-6)
    assert a.total == pytest.approx(a.logit, abs=1e-4)
    assert "add up to its logit" in panel.summary.text()
    # another candidate
    third = panel.candidate.itemData(3)
    panel.choose_token(third)
    assert panel.attribution.token_id == third
    # a head's earlier tokens add up to its cell; a double-click opens its map
    panel._choose_cell(1, 2)
    assert len(panel.source_values) == panel.inspection.n_tokens
    assert panel.source_values.sum() == pytest.approx(panel.attribution.heads[1, 2], abs=1e-5)
    assert "layer 2 head 3" in panel.sources_title.text()
    grab(window, artifacts / "why.png")
    panel._open_cell(0, 1)
    assert window.tabs.currentWidget() is window.prompt_panel
    # the feed-forward column opens that layer's feed-forward piece in the Explain tab
    window.tabs.setCurrentWidget(panel)
    panel._open_cell(1, 4)
    explain = window.explain_panel
    assert window.tabs.currentWidget() is explain and explain.piece == "ffn_hidden"
    assert explain.pane.layer.currentIndex() == 1
    # a switched-off head pushes nothing
    window.heads_panel.switch_head(1, 2)
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.attribution is not None and panel.attribution.heads[1, 2] == 0.0, timeout=10000)


def test_without_a_model_the_why_tab_says_what_to_do(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s.ini", load_default=False)
    window.tabs.setCurrentWidget(window.why_panel)
    assert window.why_panel.caption.isVisible() and "Train a model" in window.why_panel.caption.text()


def test_right_clicking_a_bar_in_the_prompt_tab_explains_that_token(qtbot, tmp_path):
    from PySide6.QtCore import QPointF, Qt
    window = make_window(qtbot, tmp_path / "s.ini")
    train_synchronously(window, steps=40, n_layer=2, n_head=2, d_model=32)
    window.tabs.setCurrentWidget(window.prompt_panel)
    window.prompt_panel.prompt_edit.setPlainText("To be, or not to b")
    bars = window.prompt_panel.bars
    qtbot.waitUntil(lambda: len(bars.token_ids) >= 5, timeout=10000)
    wanted = bars.token_ids[3]  # not the likeliest: the Why tab must take the one clicked
    scene_point = bars.getPlotItem().vb.mapViewToScene(QPointF(float(bars.shown_probs[3] * 50), 3.0))
    qtbot.mouseClick(bars.viewport(), Qt.RightButton, pos=bars.mapFromScene(scene_point))
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.why_panel, timeout=5000)
    qtbot.waitUntil(lambda: window.why_panel.attribution is not None, timeout=10000)
    assert window.why_panel.attribution.token_id == wanted
    assert window.why_panel.candidate.currentData() == wanted
    assert window.session.prompt == "To be, or not to b"  # a right-click explains; it appends nothing
